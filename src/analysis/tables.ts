import { agreeingLines, type PairAgreement } from '../domain/agreement.js';
import type { GraphStore } from '../domain/graph-store.js';
import { describeScopeValues, type HeldScope, type MappingCondition } from '../domain/scope.js';
import type { CoverageItem } from '../domain/coverage.js';
import type { Framework, Mapping, MappingSource, Rationale, Relationship, Requirement, RequirementKind } from '../domain/types.js';
import { queryPairAgreements } from './agreement.js';
import { queryCoverage } from './coverage-query.js';
import { queryEvidencePlan } from './evidence-plan.js';
import { queryGaps } from './gaps.js';
import { queryCompare } from './compare.js';
import { queryRoadmap } from './roadmap.js';
import { queryExplain } from './explain.js';
import { globalId } from '../domain/ids.js';
import type { Pacer } from './pacing.js';

/**
 * The consultant's tables: a crosswalk, a gap list and an evidence plan, as plain rows that every
 * export (CSV, Markdown, HTML, XLSX) and the GraphQL `crosswalk` query render the same way.
 */

export type Cell = string | number | null;

export interface Column {
  key: string;
  header: string;
}

export interface Table {
  name: string;
  title: string;
  columns: Column[];
  rows: Array<Record<string, Cell>>;
  /** Sources and licences behind the rows, for a "Sources" sheet or footnote. */
  sources: MappingSource[];
  /** The frameworks the table is about (editions and issuers for a cover page and the Sources sheet). */
  frameworks: Framework[];
}

export const CROSSWALK_COLUMNS: Column[] = [
  { key: 'targetRef', header: 'Target ref' },
  { key: 'targetTitle', header: 'Target title' },
  { key: 'status', header: 'Coverage' },
  { key: 'sourceRef', header: 'Source ref' },
  { key: 'sourceTitle', header: 'Source title' },
  { key: 'relationship', header: 'Relationship' },
  { key: 'strength', header: 'Strength' },
  { key: 'basis', header: 'Basis' },
  { key: 'inferred', header: 'Inferred via' },
  { key: 'condition', header: 'Condition / scope' },
  { key: 'note', header: 'Note' },
  { key: 'mappingSource', header: 'Mapping source' },
  { key: 'agreeingSources', header: 'Agreeing sources' },
];

/** "SOC 2 (categories: security, availability) + ISO 27001": held frameworks as titles name them. */
export function heldNames(held: readonly Framework[], scopes: readonly HeldScope[] = []): string {
  return held
    .map((h) => {
      const scope = scopes.find((s) => s.frameworkId === h.id);
      return scope ? `${h.shortName} (${describeScopeValues(scope)})` : h.shortName;
    })
    .join(' + ');
}

/** What a link's row says about when it holds: the mappings' conditions, and "out of scope" for a link that does not count. */
function conditionCell(conditions: readonly MappingCondition[], outOfScope: boolean): string | null {
  const met = conditions.map((c) => `when ${describeScopeValues(c)}`);
  return [...(outOfScope ? ['outside the held scope; does not count'] : []), ...met].join('; ') || null;
}

async function titlesOf(store: GraphStore, ids: string[]): Promise<Map<string, Requirement>> {
  const unique = [...new Set(ids)];
  const found = unique.length > 0 ? await store.nodes('Requirement', unique) : [];
  return new Map(found.filter((r): r is Requirement => r !== null).map((r) => [r.id, r]));
}

/** "soc2:CC6.1 Logical access security": an id a reader can look up, with the title that says what it is. */
function labelled(id: string, requirements: Map<string, Requirement>): string {
  const title = requirements.get(id)?.title;
  return title ? `${id} ${title}` : id;
}

/** Each link's basis (SEMANTIC, FUNCTIONAL...), hop by hop for an inferred chain; null where the source gives none. */
function basisOf(stored: Map<string, Mapping>, link: { mappingIds: string[] }): string | null {
  const hops = link.mappingIds.map((id) => stored.get(id)?.rationale ?? null);
  return hops.every((r) => r === null) ? null : hops.map((r) => r ?? 'none given').join(' > ');
}

async function sourcesById(store: GraphStore): Promise<Map<string, MappingSource>> {
  return new Map((await store.allNodes('MappingSource')).map((s) => [s.id, s]));
}

/** Lines of evidence compatible with the link's own (its mappings), itself included; null if the pair is unknown. */
function agreeingWith(pair: PairAgreement | undefined, mappingIds: readonly string[]): number | null {
  const own = pair?.claims.find((c) => c.mappings.length === mappingIds.length && c.mappings.every((m, i) => m.id === mappingIds[i]));
  return pair && own ? agreeingLines(own, pair.claims) : null;
}

/** What a crosswalk row links, by id, beside its printable cells: for clients that join rows to the graph. */
export interface CrosswalkRowLink {
  targetId: string;
  /** The source requirement; null when nothing maps. */
  sourceId: string | null;
  /** As read from the source side; NO_RELATIONSHIP when the set examined the target and found nothing. */
  relation: Relationship | 'NO_RELATIONSHIP' | null;
  /** The stored mappings behind the link, in path order (one for a direct link). */
  mappingIds: string[];
  /** The mapping's rationale, for a direct link. */
  rationale: Rationale | null;
}

export interface CrosswalkTable extends Table {
  /** One per row, in row order. */
  links: CrosswalkRowLink[];
}

/** The stored mappings of the given sets by id: one batched read. */
async function mappingsById(store: GraphStore, setIds: string[]): Promise<Map<string, Mapping>> {
  const unique = [...new Set(setIds)];
  const lists = unique.length > 0 ? await store.mappingsInSet(unique) : [];
  return new Map(lists.flat().map((m) => [m.id, m]));
}

/** One row per target requirement and link: "which of `from` satisfies `to`, and why". */
export async function crosswalkTable(
  store: GraphStore,
  args: { from: Framework; to: Framework; kind?: RequirementKind | null; inferred?: boolean; scopes?: readonly HeldScope[]; pacer?: Pacer },
): Promise<CrosswalkTable> {
  const result = await queryCoverage(store, { target: args.to.id, held: [args.from.id], kind: args.kind ?? null, inferred: args.inferred ?? false, scopes: args.scopes ?? [], pacer: args.pacer });
  // The stored mappings of every set a link runs through: rationales per hop (basis) and the direct links' own.
  const linkSets = result.items.flatMap((i) => [...i.via, ...i.outOfScope]).flatMap((v) => v.setId.split('+'));
  const [held, sources, stored, agreements] = await Promise.all([
    titlesOf(store, result.items.flatMap((i) => [...i.via, ...i.outOfScope].flatMap((v) => v.path))),
    sourcesById(store),
    mappingsById(store, linkSets),
    queryPairAgreements(store, args.from.id, args.to.id),
  ]);
  const pairs = new Map(agreements.map((p) => [`${p.fromId} ${p.toId}`, p]));
  const used = new Set<string>();
  const rows: Table['rows'] = [];
  const links: CrosswalkRowLink[] = [];
  for (const item of result.items) {
    const target = { targetRef: item.requirement.ref, targetTitle: item.requirement.title, status: item.status };
    if (item.via.length === 0 && item.outOfScope.length === 0) {
      const reason = item.assessments.map((a) => a.reason).join(' ');
      item.assessments.forEach((a) => used.add(a.sourceId));
      const relation = item.status === 'NONE' ? 'NO_RELATIONSHIP' : null;
      rows.push({ ...target, sourceRef: null, sourceTitle: null, relationship: relation, strength: null, inferred: null, condition: null, note: reason || null, mappingSource: item.assessments.map((a) => sources.get(a.sourceId)?.name ?? a.sourceId).join('; ') || null, agreeingSources: null, basis: null });
      links.push({ targetId: item.requirement.id, sourceId: null, relation, mappingIds: [], rationale: null });
      continue;
    }
    const entries = [...item.via.map((link) => ({ link, out: false })), ...item.outOfScope.map((link) => ({ link, out: true }))];
    for (const { link, out } of entries) {
      const sourceIds = link.sourceId.split('+');
      sourceIds.forEach((s) => used.add(s));
      const source = held.get(link.heldId);
      rows.push({
        ...target,
        sourceRef: source?.ref ?? link.heldId,
        sourceTitle: source?.title ?? null,
        relationship: link.relationship,
        strength: link.strength,
        inferred: link.inferred ? link.path.slice(1, -1).map((id) => labelled(id, held)).join(' > ') : null,
        condition: conditionCell(link.conditions, out),
        note: link.note,
        mappingSource: sourceIds.map((s) => sources.get(s)?.name ?? s).join(' + '),
        agreeingSources: agreeingWith(pairs.get(`${link.heldId} ${item.requirement.id}`), link.mappingIds),
        basis: basisOf(stored, link),
      });
      const direct = !link.inferred && link.mappingIds.length === 1 ? stored.get(link.mappingIds[0]!) : undefined;
      links.push({ targetId: item.requirement.id, sourceId: link.heldId, relation: link.relationship, mappingIds: link.mappingIds, rationale: direct?.rationale ?? null });
    }
  }
  return {
    name: 'crosswalk',
    title: `${heldNames([args.from], args.scopes)} to ${args.to.shortName} crosswalk${args.kind ? ` (${args.kind.toLowerCase()}s)` : ''}`,
    // The condition column only when some row has one, so tables without conditions or scopes read as before.
    columns: rows.some((r) => r.condition !== null) ? CROSSWALK_COLUMNS : CROSSWALK_COLUMNS.filter((c) => c.key !== 'condition'),
    rows,
    links,
    sources: [...used].map((s) => sources.get(s)).filter((s): s is MappingSource => !!s),
    frameworks: [args.from, args.to],
  };
}

export const GAP_COLUMNS: Column[] = [
  { key: 'rank', header: 'Rank' },
  { key: 'ref', header: 'Ref' },
  { key: 'title', header: 'Title' },
  { key: 'status', header: 'Status' },
  { key: 'consequence', header: 'Consequence' },
  { key: 'disciplines', header: 'Disciplines' },
  { key: 'risks', header: 'Risks mitigated' },
  { key: 'evidence', header: 'Evidence needed' },
  { key: 'reusable', header: 'Reusable groundwork' },
  { key: 'reason', header: 'Why nothing covers it' },
];

/** The genuinely-new list of `target` given `held`, most consequential first. */
export async function gapTable(
  store: GraphStore,
  args: { target: Framework; held: Framework[]; kind?: RequirementKind | null; inferred?: boolean; scopes?: readonly HeldScope[] },
): Promise<Table> {
  const held = args.held.map((h) => h.id);
  const { gaps, groundwork, risksOf } = await queryGaps(store, { target: args.target.id, held, kind: args.kind ?? null, inferred: args.inferred ?? false, scopes: args.scopes ?? [] });
  const ids = gaps.map((g) => g.item.requirement.id);
  const [disciplineIds, evidenceIds] = ids.length > 0 ? await Promise.all([store.related('disciplinesOfRequirement', ids), store.related('evidenceOfRequirement', ids)]) : [[], []];
  const [disciplines, evidence, sources] = await Promise.all([store.allNodes('Discipline'), store.allNodes('Evidence'), sourcesById(store)]);
  const name = <T extends { id: string; name: string }>(all: T[]) => new Map(all.map((x) => [x.id, x]));
  const [d, e] = [name(disciplines), name(evidence)];
  const reusable = await titlesOf(store, [...groundwork.values()].flatMap((g) => g.slice(0, 3).map((x) => x.requirementId)));
  const used = new Set<string>();
  return {
    name: 'gaps',
    title: `New in ${args.target.shortName} given ${heldNames(args.held, args.scopes)}`,
    columns: GAP_COLUMNS,
    rows: gaps.map((gap, i) => {
      const id = gap.item.requirement.id;
      gap.item.assessments.forEach((a) => used.add(a.sourceId));
      return {
        rank: gap.rank,
        ref: gap.item.requirement.ref,
        title: gap.item.requirement.title,
        status: gap.item.status,
        consequence: gap.consequence,
        disciplines: disciplineIds[i]!.map((x) => d.get(x)?.name ?? x).join('; '),
        risks: (risksOf.get(id) ?? []).map((r) => r.name).join('; '),
        evidence: evidenceIds[i]!.map((x) => e.get(x)?.name ?? x).join('; '),
        reusable: (groundwork.get(id) ?? []).slice(0, 3).map((g) => labelled(g.requirementId, reusable)).join('; ') || null,
        reason: gapReason(gap.item),
      };
    }),
    sources: [...used].map((s) => sources.get(s)).filter((s): s is MappingSource => !!s),
    frameworks: [args.target, ...args.held],
  };
}

/** Why a gap is open, in words: the assessments' reasons, what a wider scope would add, or that nobody assessed it. */
function gapReason(item: CoverageItem): string | null {
  if (item.status === 'NOT_IMPLEMENTED') return `Held but not implemented yet: ${item.via.map((l) => l.heldId).join(', ')} would cover it.`;
  const parts = item.assessments.map((a) => a.reason);
  if (item.outOfScope.length > 0) parts.push(`Outside the held scope: ${item.outOfScope.map((l) => l.heldId).join(', ')}.`);
  if (parts.length === 0 && item.status === 'UNASSESSED') parts.push('Not assessed by any mapping set.');
  return parts.join(' ') || null;
}

/** Evidence to collect once and reuse across `frameworks`, most reused first. */
export async function evidenceTable(store: GraphStore, frameworks: Framework[]): Promise<Table> {
  const plan = await queryEvidencePlan(store, frameworks.map((f) => f.id));
  const perFramework = frameworks.map((f) => ({ key: `count:${f.id}`, header: f.shortName }));
  return {
    name: 'evidence',
    title: `Evidence plan for ${frameworks.map((f) => f.shortName).join(', ')}`,
    columns: [
      { key: 'rank', header: 'Rank' },
      { key: 'evidence', header: 'Evidence' },
      { key: 'description', header: 'What it is' },
      { key: 'requirementCount', header: 'Requirements proven' },
      ...perFramework,
      { key: 'requirements', header: 'Requirements' },
    ],
    rows: plan.items.map((item, i) => ({
      rank: i + 1,
      evidence: item.evidence.name,
      description: item.evidence.description,
      requirementCount: item.requirements.length,
      ...Object.fromEntries(frameworks.map((f) => [`count:${f.id}`, item.requirements.filter((r) => r.frameworkId === f.id).length])),
      requirements: item.requirements.map((r) => `${r.id} ${r.title}`).join('; '),
    })),
    sources: [],
    frameworks,
  };
}

export const COVERAGE_COLUMNS: Column[] = [
  { key: 'group', header: 'Group' },
  { key: 'ref', header: 'Ref' },
  { key: 'title', header: 'Title' },
  { key: 'status', header: 'Coverage' },
  { key: 'coveredBy', header: 'Covered by' },
  { key: 'reason', header: 'Why' },
];

/**
 * One row per requirement of `target`: its coverage given `held` and the held requirements that
 * make it so (best first, each "<id> <title> (<relationship>, strength <n>)"); the explorer's map
 * as a table, and `crosswalk coverage --format`.
 */
export async function coverageTable(
  store: GraphStore,
  args: { target: Framework; held: Framework[]; kind?: RequirementKind | null; inferred?: boolean; scopes?: readonly HeldScope[]; pacer?: Pacer },
): Promise<Table> {
  const result = await queryCoverage(store, { target: args.target.id, held: args.held.map((h) => h.id), kind: args.kind ?? null, inferred: args.inferred ?? false, scopes: args.scopes ?? [], pacer: args.pacer });
  const [requirements, groups, sources] = await Promise.all([
    titlesOf(store, result.items.flatMap((i) => [...i.via, ...i.outOfScope].flatMap((v) => v.path))),
    titlesOf(store, result.items.map((i) => i.groupId)),
    sourcesById(store),
  ]);
  const used = new Set<string>();
  const link = (l: CoverageItem['via'][number]) => `${labelled(l.heldId, requirements)} (${l.relationship}${l.strength === null ? '' : `, strength ${l.strength}`}${l.inferred ? `, inferred via ${l.path.slice(1, -1).join(' > ')}` : ''})`;
  return {
    name: 'coverage',
    title: `${args.target.shortName} covered by ${heldNames(args.held, args.scopes)}${args.kind ? ` (${args.kind.toLowerCase()}s)` : ''}${args.inferred ? ', with inference' : ''}`,
    columns: COVERAGE_COLUMNS,
    rows: result.items.map((item) => {
      item.via.forEach((l) => l.sourceId.split('+').forEach((s) => used.add(s)));
      item.assessments.forEach((a) => used.add(a.sourceId));
      const group = groups.get(item.groupId);
      return {
        group: group && group.id !== item.requirement.id ? `${group.ref} ${group.title}` : null,
        ref: item.requirement.ref,
        title: item.requirement.title,
        status: item.status,
        coveredBy: item.via.map(link).join('; ') || null,
        reason: coverageReason(item),
      };
    }),
    sources: [...used].map((s) => sources.get(s)).filter((s): s is MappingSource => !!s),
    frameworks: [args.target, ...args.held],
  };
}

/** What a coverage row says beyond its links: the best link's note, or why nothing covers it. */
function coverageReason(item: CoverageItem): string | null {
  if (item.status === 'FULL' || item.status === 'PARTIAL') return item.via[0]?.note ?? null;
  return gapReason(item);
}

/** A share as people read it: 0.625 is "63%". */
const percent = (share: number) => `${Math.round(share * 100)}%`;

/** Which framework next: each candidate's coverage by the held frameworks, least work left first. */
export async function roadmapTable(
  store: GraphStore,
  args: { held: Framework[]; candidates: Framework[]; inferred?: boolean; scopes?: readonly HeldScope[]; pacer?: Pacer },
): Promise<Table> {
  const steps = await queryRoadmap(store, args.held.map((h) => h.id), args.candidates.map((c) => c.id), args.inferred ?? false, args.scopes ?? [], args.pacer);
  const byId = new Map(args.candidates.map((c) => [c.id, c]));
  return {
    name: 'roadmap',
    title: `Next frameworks given ${heldNames(args.held, args.scopes)}${args.inferred ? ', with inference' : ''}`,
    columns: [
      { key: 'rank', header: 'Rank' },
      { key: 'framework', header: 'Framework' },
      { key: 'total', header: 'Requirements' },
      { key: 'full', header: 'Full' },
      { key: 'partial', header: 'Partial' },
      { key: 'notImplemented', header: 'Not implemented' },
      { key: 'none', header: 'New' },
      { key: 'unassessed', header: 'Not assessed' },
      { key: 'covered', header: 'Covered (full or partial)' },
      { key: 'work', header: 'Work left (requirements)' },
      { key: 'workShare', header: 'Work left (share)' },
    ],
    rows: steps.map((step) => ({
      rank: step.rank,
      framework: byId.get(step.frameworkId)?.name ?? step.frameworkId,
      total: step.coverage.total,
      full: step.coverage.full,
      partial: step.coverage.partial,
      notImplemented: step.coverage.notImplemented,
      none: step.coverage.none,
      unassessed: step.coverage.unassessed,
      covered: percent(step.coverage.coveredShare),
      work: step.marginalWork,
      workShare: percent(step.marginalShare),
    })),
    sources: [],
    frameworks: [...args.held, ...args.candidates],
  };
}

/** The buyers' side-by-side: one row per framework, its facts and figures from the graph. */
export async function compareTable(store: GraphStore, frameworks: Framework[]): Promise<Table> {
  const compared = await queryCompare(store, frameworks);
  return {
    name: 'compare',
    title: `${frameworks.map((f) => f.shortName).join(', ')} side by side`,
    columns: [
      { key: 'framework', header: 'Framework' },
      { key: 'edition', header: 'Edition' },
      { key: 'kind', header: 'Kind' },
      { key: 'issuer', header: 'Issuer' },
      { key: 'assessedBy', header: 'Assessed by' },
      { key: 'output', header: 'Output' },
      { key: 'validity', header: 'Validity' },
      { key: 'market', header: 'Market' },
      { key: 'aiSpecific', header: 'About AI' },
      { key: 'observationPeriod', header: 'Observation period' },
      { key: 'typicalTimeline', header: 'Typical timeline' },
      { key: 'requirementCount', header: 'Requirements' },
      { key: 'aiShare', header: 'AI disciplines' },
      { key: 'securityShare', header: 'Security disciplines' },
    ],
    rows: compared.map((c) => ({
      framework: c.framework.name,
      edition: c.framework.edition,
      kind: c.framework.kind,
      issuer: c.framework.issuer,
      assessedBy: c.framework.assessedBy,
      output: c.framework.output,
      validity: c.framework.validity,
      market: c.framework.market,
      aiSpecific: c.framework.aiSpecific ? 'Yes' : 'No',
      observationPeriod: c.framework.observationPeriod,
      typicalTimeline: c.framework.typicalTimeline,
      requirementCount: c.requirementCount,
      aiShare: percent(c.aiDisciplineShare),
      securityShare: percent(c.securityDisciplineShare),
    })),
    sources: [],
    frameworks,
  };
}

/** The paths between two requirements, one row per hop: which path, from, how, to. */
export async function explainTable(store: GraphStore, args: { from: Requirement; to: Requirement; maxHops: number; limit?: number; pacer?: Pacer }): Promise<Table> {
  const paths = await queryExplain(store, args.from.id, args.to.id, args.maxHops, args.limit ?? 10, args.pacer);
  const [requirements, disciplines, sources, frameworks] = await Promise.all([
    titlesOf(store, paths.flatMap((p) => p.requirementIds)),
    store.allNodes('Discipline'),
    sourcesById(store),
    store.nodes('Framework', [...new Set([args.from.frameworkId, args.to.frameworkId])]),
  ]);
  const disciplineName = new Map(disciplines.map((d) => [d.id, d.name]));
  const used = new Set<string>();
  const rows: Table['rows'] = [];
  paths.forEach((path, p) => {
    path.hops.forEach((hop, h) => {
      if (hop.kind === 'MAPPING') used.add(hop.mapping.sourceId);
      rows.push({
        path: p + 1,
        hop: h + 1,
        from: labelled(hop.fromId, requirements),
        link: hop.kind === 'MAPPING' ? hop.relationship : `shares the discipline ${disciplineName.get(hop.disciplineId) ?? hop.disciplineId}`,
        strength: hop.kind === 'MAPPING' ? hop.mapping.strength : null,
        to: labelled(hop.toId, requirements),
        note: hop.kind === 'MAPPING' ? hop.mapping.note : null,
      });
    });
  });
  return {
    name: 'explain',
    title: `How ${args.from.id} connects to ${args.to.id} (at most ${args.maxHops} hops)`,
    columns: [
      { key: 'path', header: 'Path' },
      { key: 'hop', header: 'Hop' },
      { key: 'from', header: 'From' },
      { key: 'link', header: 'Link' },
      { key: 'strength', header: 'Strength' },
      { key: 'to', header: 'To' },
      { key: 'note', header: 'Note' },
    ],
    rows,
    sources: [...used].map((s) => sources.get(s)).filter((s): s is MappingSource => !!s),
    frameworks: frameworks.filter((f): f is Framework => f !== null),
  };
}

export type CatalogListKind = 'disciplines' | 'risks' | 'evidence';

/** The catalogue's disciplines, risks or evidence artefacts, each with how many requirements it involves. */
export async function catalogListTable(store: GraphStore, kind: CatalogListKind): Promise<Table> {
  const label = { disciplines: 'Discipline', risks: 'Risk', evidence: 'Evidence' } as const;
  const relation = { disciplines: 'requirementsOfDiscipline', risks: 'requirementsOfRisk', evidence: 'requirementsOfEvidence' } as const;
  const entries: Array<{ id: string; name: string; kindCell: string | null; text: string }> =
    kind === 'disciplines'
      ? (await store.allNodes('Discipline')).map((d) => ({ id: d.id, name: d.name, kindCell: d.scope, text: d.definition }))
      : kind === 'risks'
        ? (await store.allNodes('Risk')).map((r) => ({ id: r.id, name: r.name, kindCell: r.category, text: r.description }))
        : (await store.allNodes('Evidence')).map((e) => ({ id: e.id, name: e.name, kindCell: null, text: e.description }));
  const counts = entries.length > 0 ? await store.related(relation[kind], entries.map((e) => e.id)) : [];
  return {
    // The evidence plan is "evidence": the catalogue's list of artefacts is another table.
    name: kind === 'evidence' ? 'evidence-catalog' : kind,
    title: { disciplines: 'Disciplines', risks: 'Risks', evidence: 'Evidence artefacts' }[kind],
    columns: [
      { key: 'id', header: 'Id' },
      { key: 'name', header: label[kind] },
      ...(kind === 'evidence' ? [] : [{ key: 'kind', header: kind === 'disciplines' ? 'Scope' : 'Category' }]),
      { key: 'text', header: 'What it is' },
      { key: 'requirements', header: 'Requirements' },
    ],
    rows: entries.map((e, i) => ({ id: globalId(label[kind], e.id), name: e.name, kind: e.kindCell, text: e.text, requirements: counts[i]!.length })),
    sources: [],
    frameworks: [],
  };
}

/** The requirements a discipline, risk or evidence artefact involves (optionally of one framework), in catalog order. */
export async function requirementsOfTable(store: GraphStore, args: { of: { id: string; name: string; kind: 'Discipline' | 'Risk' | 'Evidence' }; framework: Framework | null }): Promise<Table> {
  const relation = { Discipline: 'requirementsOfDiscipline', Risk: 'requirementsOfRisk', Evidence: 'requirementsOfEvidence' } as const;
  const [ids] = await store.related(relation[args.of.kind], [args.of.id]);
  const found = (await store.nodes('Requirement', ids ?? [])).filter((r): r is Requirement => r !== null && (!args.framework || r.frameworkId === args.framework.id));
  const frameworks = new Map((await store.allNodes('Framework')).map((f) => [f.id, f]));
  found.sort((a, b) => a.frameworkId.localeCompare(b.frameworkId) || a.position - b.position);
  return {
    name: 'requirements',
    title: `Requirements involving ${args.of.name}${args.framework ? ` in ${args.framework.shortName}` : ''}`,
    columns: [
      { key: 'framework', header: 'Framework' },
      { key: 'ref', header: 'Ref' },
      { key: 'title', header: 'Title' },
      { key: 'kind', header: 'Kind' },
      { key: 'id', header: 'Id' },
    ],
    rows: found.map((r) => ({ framework: frameworks.get(r.frameworkId)?.shortName ?? r.frameworkId, ref: r.ref, title: r.title, kind: r.kind, id: r.id })),
    sources: [],
    frameworks: [...new Set(found.map((r) => r.frameworkId))].map((id) => frameworks.get(id)).filter((f): f is Framework => !!f),
  };
}
