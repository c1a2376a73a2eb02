// Crosswalk explorer: a single page over the public GraphQL API only. Every view has a URL
// (hash routes), so a view can be shared: #/coverage?target=..&held=.., #/requirement/<id>,
// #/search?q=.., #/matrix, #/review. Its operations are .graphql documents in operations/explorer/,
// checked against the schema by the tests and served as ./operations.js. With an API key pasted (kept
// in sessionStorage, see api.js) every request carries it: the views then read the key's workspace
// too, and #/review is its review queue.

import { apiKey, forgetKey, graphql, rememberKey } from './api.js';
import { escape, words } from './html.js';
import { OPERATIONS } from './operations.js';
import { reviewView } from './review.js';
import { COLLAPSE_ABOVE, largeCoverage } from './coverage-groups.js';
import { barHtml, STATUS_COLOUR, STATUS_LABEL, STATUS_ORDER, SUMMARY_KEY, summaryText, tileHtml } from './tiles.js';

// The explorer sends no readiness list, so NOT_IMPLEMENTED shows only where an answer has it.
const shownStatuses = (summary) => STATUS_ORDER.filter((s) => s !== 'NOT_IMPLEMENTED' || summary.notImplemented > 0);

// Scopes a held framework can be narrowed to (the HeldScope input): the URL keeps each dimension as
// its own parameter (categories=SECURITY,AVAILABILITY), since no two frameworks share a dimension.
const SCOPE_CHOICES = [
  { framework: 'soc2', dimension: 'categories', label: 'SOC 2 categories', values: ['SECURITY', 'AVAILABILITY', 'PROCESSING_INTEGRITY', 'CONFIDENTIALITY', 'PRIVACY'], required: ['SECURITY'] },
  { framework: 'eu-ai-act', dimension: 'roles', label: 'AI Act roles', values: ['PROVIDER', 'DEPLOYER', 'IMPORTER', 'DISTRIBUTOR', 'GPAI_PROVIDER'], required: [] },
  { framework: 'eu-ai-act', dimension: 'riskClasses', label: 'AI Act risk classes', values: ['HIGH_RISK', 'LIMITED_RISK', 'MINIMAL_RISK'], required: [] },
];

/** The scope argument from the URL: only for held frameworks, only dimensions narrowed in the URL. */
function scopeOf(params, held) {
  const scopes = new Map();
  for (const choice of SCOPE_CHOICES) {
    const chosen = (params.get(choice.dimension) || '').split(',').filter((v) => choice.values.includes(v));
    if (!held.includes(choice.framework) || chosen.length === 0) continue;
    const scope = scopes.get(choice.framework) ?? { framework: choice.framework };
    scope[choice.dimension] = [...new Set([...choice.required, ...chosen])];
    scopes.set(choice.framework, scope);
  }
  return [...scopes.values()];
}

function scopeControls(params, held) {
  const shown = SCOPE_CHOICES.filter((c) => held.includes(c.framework));
  if (shown.length === 0) return '';
  return `<fieldset class="controls scope" id="scope-controls"><legend>Scope of what you hold <span class="muted">(none ticked: all of it)</span></legend>
    ${shown.map((c) => {
      const chosen = (params.get(c.dimension) || '').split(',');
      return `<span class="scope-group" data-dimension="${c.dimension}"><b>${escape(c.label)}:</b> ${c.values.map((v) => `<label><input type="checkbox" name="${c.dimension}" value="${v}"${chosen.includes(v) || (c.required.includes(v) && chosen.some(Boolean)) ? ' checked' : ''}> ${escape(words(v))}</label>`).join('')}</span>`;
    }).join('')}
  </fieldset>`;
}
const view = document.getElementById('view');

const pct = (x) => `${Math.round(x * 100)}%`;

function parseHash() {
  const [path, query = ''] = location.hash.replace(/^#/, '').split('?');
  const parts = path.split('/').filter(Boolean).map(decodeURIComponent);
  return { name: parts[0] || 'coverage', arg: parts[1], params: new URLSearchParams(query) };
}

function go(hash) {
  if (location.hash !== hash) location.hash = hash;
  else route();
}

function showError(error) {
  view.innerHTML = `<div class="error" role="alert"><b>${escape(error.code || 'Error')}</b>: ${escape(error.message)}</div>`;
}

let frameworksCache;
async function frameworks() {
  frameworksCache ??= (await graphql(OPERATIONS.Frameworks)).frameworks;
  return frameworksCache;
}

// ---------------------------------------------------------------- coverage map

async function coverageView(params) {
  const all = await frameworks();
  const target = params.get('target') || 'iso42001';
  const held = (params.get('held') || 'soc2').split(',').filter((f) => f && f !== target);
  const kind = params.get('kind') || '';
  const inferred = params.get('inferred') === '1';
  const scope = scopeOf(params, held);
  const options = (selected) => all.map((f) => `<option value="${f.id}"${f.id === selected ? ' selected' : ''}>${escape(f.shortName)}</option>`).join('');
  view.innerHTML = `
    <h1>Coverage</h1>
    <form class="controls" id="coverage-form">
      <label>Target <select name="target" id="target">${options(target)}</select></label>
      <span>Held:</span>
      ${all.filter((f) => f.id !== target).map((f) => `<label><input type="checkbox" name="held" value="${f.id}"${held.includes(f.id) ? ' checked' : ''}> ${escape(f.shortName)}</label>`).join('')}
      <label>Kind <select name="kind" id="kind"><option value="">all</option><option value="CONTROL"${kind === 'CONTROL' ? ' selected' : ''}>controls</option><option value="CLAUSE"${kind === 'CLAUSE' ? ' selected' : ''}>clauses</option></select></label>
      <label><input type="checkbox" name="inferred"${inferred ? ' checked' : ''}> follow inference</label>
      <span class="legend" id="legend">${STATUS_ORDER.filter((s) => s !== 'NOT_IMPLEMENTED').map((s) => `<i style="background:${STATUS_COLOUR[s]}"></i>${STATUS_LABEL[s]}`).join(' ')}</span>
      ${scopeControls(params, held)}
    </form>
    <div id="coverage-result"><p class="muted">Loading...</p></div>`;
  document.getElementById('coverage-form').addEventListener('change', (event) => {
    const form = new FormData(event.currentTarget);
    const next = new URLSearchParams({ target: form.get('target'), held: form.getAll('held').join(',') });
    if (form.get('kind')) next.set('kind', form.get('kind'));
    if (form.get('inferred')) next.set('inferred', '1');
    for (const dimension of new Set(SCOPE_CHOICES.map((c) => c.dimension))) {
      if (form.getAll(dimension).length > 0) next.set(dimension, form.getAll(dimension).join(','));
    }
    // The groups opened and the filter stay while the target does (they name its groups).
    const now = parseHash().params;
    if (next.get('target') === target) for (const key of ['open', 'filter']) if (now.get(key)) next.set(key, now.get(key));
    go(`#/coverage?${next}`);
  });
  const result = document.getElementById('coverage-result');
  if (held.length === 0) {
    result.innerHTML = '<p class="muted">Choose at least one held framework.</p>';
    return;
  }
  // Counts first (small), then the tiles: all at once for a small framework, a group and a page at
  // a time for a large one (SP 800-53), so no request carries a thousand items with their links.
  const base = { target, held, scope: scope.length ? scope : null, kind: kind || null, inferred };
  const { coverage: c } = await graphql(OPERATIONS.CoverageGroups, base);
  const s = c.summary;
  document.getElementById('legend').innerHTML = shownStatuses(s).map((st) => `<i style="background:${STATUS_COLOUR[st]}"></i>${STATUS_LABEL[st]}`).join(' ');
  const heldParam = encodeURIComponent(held.join(','));
  const head = `
    <div class="totals" id="totals">
      <span class="total"><b>${s.total}</b>requirements</span>
      ${shownStatuses(s).map((st) => `<span class="total" data-status="${st}"><b>${s[SUMMARY_KEY[st]]}</b>${STATUS_LABEL[st]}</span>`).join('')}
      <span class="total"><b>${pct(s.coveredShare)}</b>covered (full ${pct(s.fullShare)})</span>
    </div>
    ${c.scopes.length ? `<p class="muted" id="scope-note">Held in part: ${c.scopes.map((x) => `${escape(x.framework.shortName)} (${escape(x.description)})`).join(', ')}. Links to requirements outside it do not count.</p>` : ''}`;
  if (s.total > COLLAPSE_ABOVE) {
    result.innerHTML = head;
    await largeCoverage({ container: result, coverage: c, base, params, heldParam, isCurrent: () => result.isConnected });
    return;
  }
  const { coverage: page } = await graphql(OPERATIONS.CoverageItems, { ...base, first: COLLAPSE_ABOVE });
  const byGroup = new Map(c.groups.map((g) => [g.group.id, []]));
  for (const item of page.itemsPage.nodes) byGroup.get(item.group.id)?.push(item);
  result.innerHTML = `${head}
    ${c.groups.map((g) => groupHtml(g, byGroup.get(g.group.id) || [], heldParam)).join('')}`;
}

function groupHtml(g, items, heldParam) {
  return `<section class="group" data-group="${escape(g.group.id)}">
    <header><b>${escape(g.group.ref)}</b> ${escape(g.group.title)} ${barHtml(g.summary)} <span class="muted">${summaryText(g.summary)}</span></header>
    <div class="tiles">${items.map((i) => tileHtml(i, heldParam)).join('')}</div>
  </section>`;
}

// ---------------------------------------------------------------- requirement neighbourhood

/**
 * The workspace's proposed mappings with `id` at either end, when a key was pasted: the graph draws
 * them dashed. A failure here leaves the neighbourhood and says why in its panel.
 */
async function proposedAround(id) {
  if (!apiKey()) return { mappings: [], error: null };
  try {
    const { workspace } = await graphql(OPERATIONS.ProposedMappings);
    return { mappings: (workspace?.proposals.mappings ?? []).filter((m) => m.from.id === id || m.to.id === id), error: null };
  } catch (error) {
    return { mappings: [], error };
  }
}

function proposedHtml(proposed) {
  if (proposed.error) return `<div class="error" role="alert">Proposed mappings could not be read: <b>${escape(proposed.error.code || 'ERROR')}</b>: ${escape(proposed.error.message)}</div>`;
  if (!proposed.mappings.length) return '';
  const end = (x) => `<a href="#/requirement/${encodeURIComponent(x.id)}">${escape(x.framework.shortName)} ${escape(x.ref)}</a>`;
  return `<h2>Proposed, waiting for review (${proposed.mappings.length})</h2>
    <ul id="proposed">${proposed.mappings.map((m) => `<li data-id="${escape(m.id)}"><span class="rel proposed">PROPOSED</span> ${end(m.from)} ${escape(words(m.relationship))} ${end(m.to)} ${m.strength ?? '-'}/10${m.rationale ? `, ${escape(words(m.rationale))}` : ''}${m.note ? `<br><span class="muted">${escape(m.note)}</span>` : ''}<br><small class="muted">proposed by <code>${escape(m.review.proposedBy)}</code>; decide in the <a href="#/review">review queue</a></small></li>`).join('')}</ul>`;
}

let cy;
async function requirementView(id, params) {
  const [{ requirement: r }, proposed] = await Promise.all([graphql(OPERATIONS.Neighbourhood, { id }), proposedAround(id)]);
  const shownIds = new Set(r.mappings.map((m) => m.mapping.id));
  proposed.mappings = proposed.mappings.filter((m) => !shownIds.has(m.id));
  const held = (params.get('held') || '').split(',').filter(Boolean);
  const back = held.length ? `<a href="#/coverage?target=${r.framework.id}&held=${encodeURIComponent(held.join(','))}">back to coverage</a>` : '';
  const mappings = r.mappings;
  view.innerHTML = `
    <h1>${escape(r.framework.shortName)} ${escape(r.ref)} <span class="muted">${escape(r.title)}</span></h1>
    <p>${escape(r.summary)} ${back}</p>
    <div class="split">
      <div class="graph-col">
        <div id="graph" role="img" aria-label="Neighbourhood of ${escape(r.id)}"></div>
        <p class="graph-legend" id="graph-legend"><span><i class="edge mapping"></i> mapping</span>${proposed.mappings.length || mappings.some((m) => m.mapping.status === 'PROPOSED') ? '<span><i class="edge proposed"></i> proposed mapping, waiting for review (dashed)</span>' : ''}<span><i class="edge link"></i> discipline, risk, evidence</span></p>
      </div>
      <aside class="panel" id="reasons">
        ${proposedHtml(proposed)}
        <h2>Mappings (${mappings.length})</h2>
        ${mappings.length ? `<ul>${mappings.map((m) => `<li><span class="rel">${escape(r.ref)} ${m.relationship} ${escape(m.other.framework.shortName)} ${escape(m.other.ref)}</span> ${m.strength ?? '-'}/10${m.rationale ? `, ${m.rationale.toLowerCase()}` : ''}<br><a href="#/requirement/${encodeURIComponent(m.other.id)}${held.length ? `?held=${encodeURIComponent(held.join(','))}` : ''}">${escape(m.other.title)}</a>${m.condition ? `<br><span class="condition">holds when ${escape(m.condition.description)}</span>` : ''}${m.note ? `<br><span class="muted">${escape(m.note)}</span>` : ''}<br><small class="muted">${escape(m.source.name)}</small></li>`).join('')}</ul>` : '<p class="muted">No mappings.</p>'}
        ${r.noRelationships.length ? `<h2>Assessed, nothing found</h2><ul>${r.noRelationships.map((n) => `<li>${escape(n.otherFramework.shortName)}: ${escape(n.reason)}</li>`).join('')}</ul>` : ''}
        <h2>Disciplines</h2><ul>${r.disciplines.map((d) => `<li>${escape(d.name)} <span class="muted">${d.scope}</span></li>`).join('') || '<li class="muted">none</li>'}</ul>
        <h2>Risks mitigated</h2><ul>${r.risks.map((k) => `<li>${escape(k.name)} <span class="muted">${k.category}</span></li>`).join('') || '<li class="muted">none</li>'}</ul>
        <h2>Evidence</h2><ul>${r.evidence.map((e) => `<li>${escape(e.name)}</li>`).join('') || '<li class="muted">none</li>'}</ul>
      </aside>
    </div>`;
  drawNeighbourhood(r, proposed.mappings, held);
}

function drawNeighbourhood(r, proposed, held) {
  const elements = [{ data: { id: r.id, label: `${r.framework.shortName} ${r.ref}`, kind: 'focus' } }];
  const seen = new Set([r.id]);
  const node = (id, label, kind) => {
    if (!seen.has(id)) elements.push({ data: { id, label, kind } });
    seen.add(id);
  };
  for (const m of r.mappings) {
    node(m.other.id, `${m.other.framework.shortName} ${m.other.ref}`, 'requirement');
    const status = m.mapping.status;
    elements.push({ data: { id: `m:${m.mapping.id}`, source: r.id, target: m.other.id, label: `${status === 'PROPOSED' ? 'PROPOSED ' : ''}${m.relationship}${m.strength ? ` ${m.strength}` : ''}`, kind: 'mapping', status } });
  }
  // Proposals are read as stored, `from` to `to`: the arrow says which way the relationship reads.
  for (const m of proposed) {
    const other = m.from.id === r.id ? m.to : m.from;
    node(other.id, `${other.framework.shortName} ${other.ref}`, 'requirement');
    elements.push({ data: { id: `p:${m.id}`, source: m.from.id, target: m.to.id, label: `PROPOSED ${m.relationship}${m.strength ? ` ${m.strength}` : ''}`, kind: 'mapping', status: 'PROPOSED' } });
  }
  for (const d of r.disciplines) {
    node(d.id, d.name, 'discipline');
    elements.push({ data: { id: `a:${d.id}`, source: r.id, target: d.id, label: 'addresses', kind: 'link' } });
  }
  for (const k of r.risks) {
    node(k.id, k.name, 'risk');
    elements.push({ data: { id: `r:${k.id}`, source: r.id, target: k.id, label: 'mitigates', kind: 'link' } });
  }
  for (const e of r.evidence) {
    node(e.id, e.name, 'evidence');
    elements.push({ data: { id: `e:${e.id}`, source: e.id, target: r.id, label: 'evidences', kind: 'link' } });
  }
  cy?.destroy();
  cy = window.cytoscape({
    container: document.getElementById('graph'),
    elements,
    layout: { name: 'concentric', concentric: (n) => (n.data('kind') === 'focus' ? 3 : n.data('kind') === 'requirement' ? 2 : 1), levelWidth: () => 1, minNodeSpacing: elements.length < 12 ? 120 : 28 },
    style: [
      { selector: 'node', style: { label: 'data(label)', 'font-size': 10, 'text-wrap': 'wrap', 'text-max-width': 90, 'background-color': '#90a4ae', width: 18, height: 18 } },
      { selector: 'node[kind = "focus"]', style: { 'background-color': '#1565c0', width: 30, height: 30, 'font-weight': 'bold' } },
      { selector: 'node[kind = "requirement"]', style: { 'background-color': '#5c6bc0' } },
      { selector: 'node[kind = "discipline"]', style: { 'background-color': '#26a69a', shape: 'round-rectangle' } },
      { selector: 'node[kind = "risk"]', style: { 'background-color': '#ef5350', shape: 'diamond' } },
      { selector: 'node[kind = "evidence"]', style: { 'background-color': '#8d6e63', shape: 'rectangle' } },
      { selector: 'edge', style: { width: 1.5, 'curve-style': 'bezier', 'line-color': '#bbb', 'target-arrow-shape': 'triangle', 'target-arrow-color': '#bbb', label: 'data(label)', 'font-size': 8, color: '#555', 'text-rotation': 'autorotate' } },
      { selector: 'edge[kind = "mapping"]', style: { 'line-color': '#5c6bc0', 'target-arrow-color': '#5c6bc0', width: 2.5 } },
      { selector: 'edge[status = "PROPOSED"]', style: { 'line-style': 'dashed', 'line-dash-pattern': [7, 5], 'line-color': '#ef6c00', 'target-arrow-color': '#ef6c00', color: '#bf360c', 'font-weight': 'bold', 'text-background-color': '#fff', 'text-background-opacity': 0.9, 'text-background-padding': 2, 'text-rotation': 'none', 'font-size': 9 } },
    ],
  });
  // A small neighbourhood (a workspace control with one proposal) would be blown up to fill the box.
  if (cy.zoom() > 1.5) {
    cy.zoom(1.5);
    cy.center();
  }
  // A busy neighbourhood keeps its edge labels for hover only, so the nodes stay readable.
  if (r.mappings.length > 12) {
    cy.edges().style('text-opacity', 0);
    cy.on('mouseover', 'edge', (event) => event.target.style('text-opacity', 1));
    cy.on('mouseout', 'edge[status != "PROPOSED"]', (event) => event.target.style('text-opacity', 0));
    cy.edges('[status = "PROPOSED"]').style('text-opacity', 1);
  }
  cy.on('tap', 'node[kind = "requirement"]', (event) => go(`#/requirement/${encodeURIComponent(event.target.id())}${held.length ? `?held=${encodeURIComponent(held.join(','))}` : ''}`));
  window.crosswalkGraph = { nodes: cy.nodes().length, edges: cy.edges().length, proposed: cy.edges('[status = "PROPOSED"]').map((e) => ({ source: e.source().id(), target: e.target().id(), lineStyle: e.style('line-style') })) };
}

// ---------------------------------------------------------------- search

async function searchView(params) {
  const q = (params.get('q') || '').trim();
  document.getElementById('search-input').value = q;
  if (!q) {
    view.innerHTML = '<h1>Search</h1><p class="muted">Type a reference ("A.6.2.4", "CC 6.1", "GV-1.1", "Art. 14") or words ("human oversight") in the box above.</p>';
    return;
  }
  const data = await graphql(OPERATIONS.Search, { refs: [q], q });
  // Either half may fail alone (a reference too long to parse, words too long to search): show the other.
  const resolved = data.resolveRefs?.[0] ?? { confidence: 'NOT_FOUND', requirement: null, candidates: [] };
  const words = data.requirements ?? { totalCount: 0, nodes: [] };
  const link = (r) => `<a href="#/requirement/${encodeURIComponent(r.id)}">${escape(r.framework.shortName)} ${escape(r.ref)}</a> ${escape(r.title)}`;
  const found = resolved.requirement ? [resolved.requirement] : resolved.candidates;
  view.innerHTML = `
    <h1>Search: ${escape(q)}</h1>
    <h2>As a reference <span class="muted">(${resolved.confidence.toLowerCase().replace('_', ' ')})</span></h2>
    ${resolved.citedTitle && resolved.requirement ? `<p>Cited title "${escape(resolved.citedTitle)}" ${resolved.titleMatches ? 'matches' : '<b>does not match</b>'} the real title.</p>` : ''}
    <ul class="results">${found.map((r) => `<li>${link(r)}</li>`).join('') || '<li class="muted">No reference matched.</li>'}</ul>
    <h2>By words <span class="muted">(${words.totalCount})</span></h2>
    <ul class="results">${words.nodes.map((r) => `<li>${link(r)}</li>`).join('') || '<li class="muted">Nothing found.</li>'}</ul>`;
}

// ---------------------------------------------------------------- overlap matrix

async function matrixView() {
  const data = await graphql(OPERATIONS.OverlapMatrix);
  const { frameworks: fs, cells } = data.overlapMatrix;
  const cell = (from, to) => cells.find((c) => c.from.id === from && c.to.id === to);
  // Colour follows what is known: full links count whole, partial ones half, so a pair linked only
  // by partial or untyped links never looks like a full match. Unassessed pairs get no colour at all.
  const weight = (s) => (s.total === 0 ? 0 : (s.full + 0.5 * s.partial) / s.total);
  const shade = (x) => `hsl(${200 - 80 * x}, 60%, ${92 - 45 * x}%)`;
  const ink = (x) => (x > 0.55 ? '#fff' : '#111');
  const td = (row, col) => {
    if (row.id === col.id) return '<td class="muted" aria-label="same framework">-</td>';
    const { summary: s } = cell(row.id, col.id);
    const href = `#/coverage?target=${col.id}&held=${row.id}`;
    if (s.unassessed === s.total) {
      return `<td class="unassessed" title="${escape(`No mapping set connects ${row.shortName} to ${col.shortName}: unknown, not zero.`)}"><a href="${href}">not assessed</a></td>`;
    }
    const w = weight(s);
    const assessed = s.total - s.unassessed;
    const parts = [`${pct(s.fullShare)} full · ${pct(s.coveredShare - s.fullShare)} partial`];
    if (s.unassessed > 0) parts.push(`${pct(s.unassessed / s.total)} not assessed`);
    const title = `${row.shortName} covers ${pct(s.coveredShare)} of ${col.shortName}: ${s.full} full, ${s.partial} partial, ${s.none} examined with nothing found, ${s.unassessed} not assessed (of ${s.total}; ${assessed} assessed)`;
    return `<td style="background:${shade(w)};color:${ink(w)}" title="${escape(title)}"><a href="${href}"><strong>${pct(s.coveredShare)}</strong>${parts.map((p) => `<span class="cell-detail">${p}</span>`).join('')}</a></td>`;
  };
  const swatch = (style, label) => `<li><span class="swatch" style="${style}"></span>${escape(label)}</li>`;
  view.innerHTML = `
    <h1>Overlap matrix</h1>
    <p class="muted">Each cell: how much of the column framework the row framework covers, fully or in part (the big number), and how that splits. Click a cell for the coverage map.</p>
    <div class="matrix-scroll"><table class="matrix" id="matrix"><thead><tr><th>held \\ target</th>${fs.map((f) => `<th scope="col">${escape(f.shortName)}</th>`).join('')}</tr></thead>
    <tbody>${fs.map((row) => `<tr><th scope="row">${escape(row.shortName)}</th>${fs.map((col) => td(row, col)).join('')}</tr>`).join('')}</tbody></table></div>
    <ul class="legend matrix-legend" aria-label="Legend">
      ${swatch(`background:${shade(0)}`, 'assessed, nothing covered')}
      ${swatch(`background:${shade(0.5)}`, 'half: e.g. all partial, or half full')}
      ${swatch(`background:${shade(1)}`, 'all covered fully')}
      <li><span class="swatch unassessed"></span>not assessed: no mapping set connects the pair (unknown, never zero)</li>
    </ul>
    <p class="muted">Colour counts full links whole and partial ones (subset, intersecting, related) half. Partial links never add up to full.</p>`;
}

// ---------------------------------------------------------------- routing

async function route() {
  const { name, arg, params } = parseHash();
  // Not ready until this route is drawn: a test (or a person's script) never reads the last view's.
  delete document.body.dataset.ready;
  document.querySelectorAll('nav a[data-view]').forEach((a) => a.classList.toggle('active', a.dataset.view === name));
  try {
    if (name === 'requirement' && arg) await requirementView(arg, params);
    else if (name === 'search') await searchView(params);
    else if (name === 'matrix') await matrixView();
    else if (name === 'review') await reviewView(view);
    else await coverageView(params);
    document.body.dataset.ready = `${name}`;
  } catch (error) {
    showError(error);
    document.body.dataset.ready = 'error';
  }
}

// ---------------------------------------------------------------- API key

/** The header's key field: shows the key's workspace and role once the API accepted the key. */
async function showKey() {
  const status = document.getElementById('key-status');
  const form = document.getElementById('key-form');
  const key = apiKey();
  form.classList.toggle('has-key', Boolean(key));
  if (!key) {
    status.textContent = '';
    status.className = '';
    return;
  }
  try {
    const { workspace } = await graphql(OPERATIONS.KeyWorkspace);
    status.className = 'key-ok';
    status.textContent = workspace ? `${workspace.name} · ${words(workspace.role)}` : 'key sent';
    status.title = workspace ? `Workspace ${workspace.name}, key ${workspace.keyId}` : '';
  } catch (error) {
    status.className = 'key-refused';
    status.textContent = `key refused (${error.code || 'error'})`;
    status.title = error.message;
  }
}

document.getElementById('key-form').addEventListener('submit', async (event) => {
  event.preventDefault();
  const input = document.getElementById('key-input');
  const key = input.value.trim();
  input.value = '';
  if (!key) return;
  rememberKey(key);
  frameworksCache = undefined; // the key's workspace frameworks join the lists
  await showKey();
  route();
});
document.getElementById('key-forget').addEventListener('click', async () => {
  forgetKey();
  frameworksCache = undefined;
  await showKey();
  route();
});

document.getElementById('search-form').addEventListener('submit', (event) => {
  event.preventDefault();
  go(`#/search?q=${encodeURIComponent(document.getElementById('search-input').value)}`);
});
window.addEventListener('hashchange', route);
showKey();
route();
