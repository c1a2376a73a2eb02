// The coverage map: how much of a target framework the held ones cover, requirement by requirement.
// Every control writes the URL (coverage-params.ts), the view stays mounted, so focus stays on the
// control just changed. Small frameworks show every group open; large ones (SP 800-53) collapsed
// groups paged from the API (coverage-large.tsx).
import { useMemo, useRef, useState, type ChangeEvent } from 'react';
import { useQuery, useReady, useTitle } from '../hooks.js';
import type { ViewProps } from '../routes.js';
import { hrefFor, setParams } from '../router.js';
import { ErrorBox, Loading } from '../ui/query-state.js';
import { StatusLegend, relationLabel } from '../ui/legend.js';
import { STATUS_ORDER, StatusBadge, statusLabel, SUMMARY_KEY } from '../ui/status.js';
import { RELATION_TERMS } from '../../../exports/glossary.js';
import { coverageState, coverageVariables, filtersActive, passes, SCOPE_CHOICES, list, type CoverageItemLite, type CoverageState } from './coverage-params.js';
import { Bar, summaryText, Tile, type SummaryLite } from './coverage-tiles.js';
import { COLLAPSE_ABOVE, LargeCoverage } from './coverage-large.js';
import { CoverageExports } from '../ui/table-export.js';

interface Framework {
  id: string;
  shortName: string;
  name: string;
}

interface CoverageAnswer {
  coverage: {
    target: { id: string; shortName: string };
    held: Array<{ id: string; shortName: string }>;
    scopes: Array<{ framework: { id: string; shortName: string }; description: string }>;
    summary: SummaryLite & { coveredShare: number; fullShare: number };
    groups: Array<{ group: { id: string; ref: string; title: string }; summary: SummaryLite }>;
  } | null;
}

const pct = (x: number) => `${Math.round(x * 100)}%`;
const words = (v: string) => v.toLowerCase().replace(/_/g, ' ');

export function CoverageView({ place }: ViewProps) {
  const state = coverageState(place.params);
  const frameworks = useQuery<{ frameworks: Framework[] }>('Frameworks', {});
  const variables = coverageVariables(state);
  const groups = useQuery<CoverageAnswer>('CoverageGroups', state.held.length ? variables : null);
  const total = groups.data?.coverage?.summary.total ?? 0;
  const small = groups.data?.coverage ? total <= COLLAPSE_ABOVE : false;
  const items = useQuery<{ coverage: { itemsPage: { nodes: CoverageItemLite[] } } }>('CoverageItems', small ? { ...variables, first: COLLAPSE_ABOVE } : null);
  // Each link's sources, for the source filter: small frameworks only (a page of a large one would cost too much).
  const sources = useQuery<{ coverage: { itemsPage: { nodes: Array<{ requirement: { id: string }; via: CoverageItemLite['via'] }> } } }>('CoverageSources', small ? { ...variables, first: COLLAPSE_ABOVE } : null);
  const loaded = useMemo(() => {
    if (!items.data || !sources.data) return undefined;
    const via = new Map(sources.data.coverage.itemsPage.nodes.map((n) => [n.requirement.id, n.via]));
    return items.data.coverage.itemsPage.nodes.map((i) => ({ ...i, via: via.get(i.requirement.id) ?? i.via }));
  }, [items.data, sources.data]);
  const [largeReady, setLargeReady] = useState<string | null>(null);
  // A large map keeps its open groups and filter in the URL itself; any other change of them (a
  // reload, a link, back) draws it afresh from the URL.
  const largeUrl = `${place.params.get('open') ?? ''}|${place.params.get('filter') ?? ''}`;
  const largeWritten = useRef(largeUrl);
  const largeGeneration = useRef(0);
  if (largeWritten.current !== largeUrl) {
    largeGeneration.current += 1;
    largeWritten.current = largeUrl;
  }

  const all = frameworks.data?.frameworks ?? [];
  const targetName = all.find((f) => f.id === state.target)?.shortName ?? state.target;
  const heldNames = state.held.map((id) => all.find((f) => f.id === id)?.shortName ?? id);
  useTitle(`Coverage of ${targetName}${heldNames.length ? ` given ${heldNames.join(', ')}` : ''}`);

  const error = frameworks.error ?? groups.error ?? items.error ?? sources.error;
  const drawn = frameworks.data !== undefined && (state.held.length === 0 || (groups.data !== undefined && (small ? loaded !== undefined : largeReady === place.hash)));
  useReady(error ? 'error' : 'coverage', Boolean(error) || drawn);

  const onHeld = (event: ChangeEvent<HTMLInputElement>) => {
    const { value, checked } = event.currentTarget;
    const held = checked ? [...state.held, value] : state.held.filter((f) => f !== value);
    // An empty list stays empty (`held=`): unticking the last framework never brings the default back.
    setParams({ held: held.join(',') });
  };
  const onTarget = (event: ChangeEvent<HTMLSelectElement>) => {
    // Open groups and the filter name the old target's groups: they go with it.
    setParams({ target: event.currentTarget.value, held: state.held.join(','), open: null, filter: null });
  };
  const toggleIn = (key: string, current: string[], value: string, on: boolean) => setParams({ [key]: (on ? [...current, value] : current.filter((v) => v !== value)).join(',') || null });

  return (
    <>
      <h1>
        Coverage of {targetName}
        {heldNames.length ? <span className="muted"> given {heldNames.join(', ')}</span> : null}
      </h1>
      <form className="controls" id="coverage-form" onSubmit={(e) => e.preventDefault()}>
        <label className="field">
          <span>Target</span>
          <select id="target" name="target" value={state.target} onChange={onTarget}>
            {all.map((f) => <option key={f.id} value={f.id}>{f.shortName}</option>)}
            {all.length === 0 ? <option value={state.target}>{state.target}</option> : null}
          </select>
        </label>
        <fieldset id="held-controls">
          <legend>Held</legend>
          {all.filter((f) => f.id !== state.target).map((f) => (
            <label key={f.id}>
              <input type="checkbox" name="held" value={f.id} checked={state.held.includes(f.id)} onChange={onHeld} /> {f.shortName}
            </label>
          ))}
        </fieldset>
        <label className="field">
          <span>Kind</span>
          <select id="kind" name="kind" value={state.kind} onChange={(e) => setParams({ kind: e.currentTarget.value || null })}>
            <option value="">all</option>
            <option value="CONTROL">controls</option>
            <option value="CLAUSE">clauses</option>
          </select>
        </label>
        <label>
          <input type="checkbox" name="inferred" checked={state.inferred} onChange={(e) => setParams({ inferred: e.currentTarget.checked ? '1' : null })} /> follow inference
        </label>
        <Readiness state={state} />
        <ScopeControls state={state} params={place.params} />
      </form>
      <Filters state={state} items={loaded} large={Boolean(groups.data?.coverage) && !small} onToggle={toggleIn} />
      <StatusLegend id="legend" statuses={STATUS_ORDER.filter((s) => s !== 'NOT_IMPLEMENTED' || state.implemented !== null)} />
      <div id="coverage-result" aria-busy={!drawn && !error}>
        {error ? (
          <ErrorBox error={error} suggestionHref={(id) => hrefFor('coverage', null, { target: id, held: state.held.join(',') })} />
        ) : state.held.length === 0 ? (
          <p className="notice warn" id="nothing-held" role="status">Nothing held: tick at least one framework you hold to see how much of {targetName} it covers.</p>
        ) : !groups.data?.coverage ? (
          <Loading what="Counting coverage..." />
        ) : (
          <>
            <Totals coverage={groups.data.coverage} />
            <CoverageExports state={state} />
            {small ? (
              loaded ? <SmallCoverage groups={groups.data.coverage.groups} items={loaded} state={state} /> : <Loading what="Loading requirements..." />
            ) : (
              <LargeCoverage key={`${largeGeneration.current}|${JSON.stringify(variables)}`} onWrite={(written) => void (largeWritten.current = written)} coverage={groups.data.coverage} variables={variables} state={{ ...state, filters: { ...state.filters, source: "" } }} params={place.params} hash={place.hash} onReady={setLargeReady} />
            )}
          </>
        )}
      </div>
    </>
  );
}

function Totals({ coverage: c }: { coverage: NonNullable<CoverageAnswer['coverage']> }) {
  const s = c.summary;
  return (
    <>
      <div className="totals" id="totals">
        <span className="pill-total"><b>{s.total}</b> requirements</span>
        {STATUS_ORDER.filter((st) => st !== 'NOT_IMPLEMENTED' || s.notImplemented > 0).map((st) => (
          <span key={st} className={`pill-total status-${st}`} data-status={st}>
            <b>{s[SUMMARY_KEY[st]]}</b> <StatusBadge status={st} />
          </span>
        ))}
        <span className="pill-total"><b>{pct(s.coveredShare)}</b> covered (full {pct(s.fullShare)})</span>
      </div>
      {c.scopes.length ? (
        <p className="muted" id="scope-note">
          Held in part: {c.scopes.map((x) => `${x.framework.shortName} (${x.description})`).join(', ')}. Links to requirements outside it do not count.
        </p>
      ) : null}
    </>
  );
}

function SmallCoverage({ groups, items, state }: { groups: NonNullable<CoverageAnswer['coverage']>['groups']; items: CoverageItemLite[]; state: CoverageState }) {
  const shown = items.filter((i) => passes(i, state.filters));
  const byGroup = new Map(groups.map((g) => [g.group.id, [] as CoverageItemLite[]]));
  for (const item of shown) byGroup.get(item.group.id)?.push(item);
  const active = filtersActive(state.filters);
  return (
    <>
      {active ? <p id="filter-summary" role="status">{shown.length} of {items.length} requirements match the filters.</p> : null}
      {groups.map((g) => {
        const tiles = byGroup.get(g.group.id) ?? [];
        if (active && tiles.length === 0) return null;
        return (
          <section className="group" key={g.group.id} data-group={g.group.id} aria-labelledby={`h-${g.group.id}`}>
            <div className="group-head">
              <h2 id={`h-${g.group.id}`}>
                {g.group.ref} {g.group.title}
              </h2>
              <Bar summary={g.summary} />
              <span className="muted">{summaryText(g.summary)}</span>
            </div>
            <div className="tiles">{tiles.map((i) => <Tile key={i.requirement.id} item={i} held={state.held} inferred={state.inferred} />)}</div>
          </section>
        );
      })}
    </>
  );
}

function ScopeControls({ state, params }: { state: CoverageState; params: URLSearchParams }) {
  const shown = SCOPE_CHOICES.filter((c) => state.held.includes(c.framework));
  if (shown.length === 0) return null;
  return (
    <fieldset className="scope" id="scope-controls">
      <legend>
        Scope of what you hold <span className="muted">(none ticked: all of it)</span>
      </legend>
      {shown.map((c) => {
        const chosen = list(params.get(c.dimension));
        return (
          <span className="scope-group" data-dimension={c.dimension} key={c.dimension}>
            <b>{c.label}:</b>{' '}
            {c.values.map((v) => (
              <label key={v}>
                <input
                  type="checkbox"
                  name={c.dimension}
                  value={v}
                  checked={chosen.includes(v) || ((c.required as readonly string[]).includes(v) && chosen.length > 0)}
                  onChange={(e) => {
                    const on = e.currentTarget.checked;
                    const next = on ? [...new Set([...(c.required as readonly string[]), ...chosen, v])] : chosen.filter((x) => x !== v);
                    setParams({ [c.dimension]: next.join(',') || null });
                  }}
                />{' '}
                {words(v)}
              </label>
            ))}
          </span>
        );
      })}
    </fieldset>
  );
}

/** Readiness: only the held requirements listed as in place count (the API's `implemented`). */
function Readiness({ state }: { state: CoverageState }) {
  const on = state.implemented !== null;
  return (
    <fieldset className="readiness" id="readiness-controls">
      <label>
        <input type="checkbox" name="readiness" checked={on} onChange={(e) => setParams({ readiness: e.currentTarget.checked ? '1' : null })} /> readiness: count only what is implemented
      </label>
      {on ? (
        <label className="field">
          <span>Held requirements in place (ids, comma-separated)</span>
          <input
            type="text"
            id="implemented"
            defaultValue={(state.implemented ?? []).join(', ')}
            placeholder="soc2:CC6.1, soc2:CC7.2"
            onBlur={(e) => setParams({ implemented: list(e.currentTarget.value).join(',') || null })}
            onKeyDown={(e) => {
              if (e.key === 'Enter') setParams({ implemented: list(e.currentTarget.value).join(',') || null });
            }}
          />
        </label>
      ) : null}
    </fieldset>
  );
}

function Filters({ state, items, large, onToggle }: { state: CoverageState; items: CoverageItemLite[] | undefined; large: boolean; onToggle: (key: string, current: string[], value: string, on: boolean) => void }) {
  const f = state.filters;
  const sources = [...new Set((items ?? []).flatMap((i) => i.via.flatMap((l) => (l.sources ?? []).map((s) => s.name))))].sort();
  if (f.source && !sources.includes(f.source)) sources.push(f.source);
  return (
    <form className="controls filters" id="coverage-filters" onSubmit={(e) => e.preventDefault()} aria-label="Filter the tiles">
      <fieldset>
        <legend>Show status</legend>
        {STATUS_ORDER.filter((s) => s !== 'NOT_IMPLEMENTED' || state.implemented !== null).map((s) => (
          <label key={s}>
            <input type="checkbox" name="status" value={s} checked={f.statuses.includes(s)} onChange={(e) => onToggle('status', f.statuses, s, e.currentTarget.checked)} /> {statusLabel(s)}
          </label>
        ))}
      </fieldset>
      <label className="field">
        <span>Relationship</span>
        <select id="rel" value={f.relationship} onChange={(e) => setParams({ rel: e.currentTarget.value || null })}>
          <option value="">any</option>
          {RELATION_TERMS.filter((t) => t.code !== 'NO_RELATIONSHIP').map((t) => <option key={t.code} value={t.code}>{relationLabel(t.code)}</option>)}
        </select>
      </label>
      <label className="field">
        <span>Strength at least</span>
        <select id="min-strength" value={String(f.minStrength || '')} onChange={(e) => setParams({ minStrength: e.currentTarget.value || null })}>
          <option value="">any</option>
          {Array.from({ length: 10 }, (_, i) => i + 1).map((n) => <option key={n} value={n}>{n}/10</option>)}
        </select>
      </label>
      <label className="field">
        <span>Source</span>
        <select id="source" value={f.source} disabled={large} aria-describedby={large ? 'source-note' : undefined} onChange={(e) => setParams({ source: e.currentTarget.value || null })}>
          <option value="">any</option>
          {sources.map((s) => <option key={s} value={s}>{s}</option>)}
        </select>
      </label>
      {large ? <span className="muted" id="source-note">The source filter is for frameworks of up to {COLLAPSE_ABOVE} requirements.</span> : null}
      {filtersActive(f) ? (
        <button type="button" className="button" id="clear-filters" onClick={() => setParams({ status: null, rel: null, minStrength: null, source: null })}>
          Clear filters
        </button>
      ) : null}
    </form>
  );
}


