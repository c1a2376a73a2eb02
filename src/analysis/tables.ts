import type { GraphStore } from '../domain/graph-store.js';
import type { Framework, MappingSource, Requirement, RequirementKind } from '../domain/types.js';
import { queryCoverage } from './coverage-query.js';
import { queryEvidencePlan } from './evidence-plan.js';
import { queryGaps } from './gaps.js';
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
}

export const CROSSWALK_COLUMNS: Column[] = [
  { key: 'targetRef', header: 'Target ref' },
  { key: 'targetTitle', header: 'Target title' },
  { key: 'status', header: 'Coverage' },
  { key: 'sourceRef', header: 'Source ref' },
  { key: 'sourceTitle', header: 'Source title' },
  { key: 'relationship', header: 'Relationship' },
  { key: 'strength', header: 'Strength' },
  { key: 'inferred', header: 'Inferred via' },
  { key: 'note', header: 'Note' },
  { key: 'mappingSource', header: 'Mapping source' },
];

async function titlesOf(store: GraphStore, ids: string[]): Promise<Map<string, Requirement>> {
  const unique = [...new Set(ids)];
  const found = unique.length > 0 ? await store.nodes('Requirement', unique) : [];
  return new Map(found.filter((r): r is Requirement => r !== null).map((r) => [r.id, r]));
}

async function sourcesById(store: GraphStore): Promise<Map<string, MappingSource>> {
  return new Map((await store.allNodes('MappingSource')).map((s) => [s.id, s]));
}

/** One row per target requirement and link: "which of `from` satisfies `to`, and why". */
export async function crosswalkTable(
  store: GraphStore,
  args: { from: Framework; to: Framework; kind?: RequirementKind | null; inferred?: boolean; pacer?: Pacer },
): Promise<Table> {
  const result = await queryCoverage(store, { target: args.to.id, held: [args.from.id], kind: args.kind ?? null, inferred: args.inferred ?? false, pacer: args.pacer });
  const held = await titlesOf(store, result.items.flatMap((i) => i.via.flatMap((v) => v.path)));
  const sources = await sourcesById(store);
  const used = new Set<string>();
  const rows: Table['rows'] = [];
  for (const item of result.items) {
    const target = { targetRef: item.requirement.ref, targetTitle: item.requirement.title, status: item.status };
    if (item.via.length === 0) {
      const reason = item.assessments.map((a) => a.reason).join(' ');
      item.assessments.forEach((a) => used.add(a.sourceId));
      rows.push({ ...target, sourceRef: null, sourceTitle: null, relationship: item.status === 'NONE' ? 'NO_RELATIONSHIP' : null, strength: null, inferred: null, note: reason || null, mappingSource: item.assessments.map((a) => sources.get(a.sourceId)?.name ?? a.sourceId).join('; ') || null });
      continue;
    }
    for (const link of item.via) {
      const sourceIds = link.sourceId.split('+');
      sourceIds.forEach((s) => used.add(s));
      const source = held.get(link.heldId);
      rows.push({
        ...target,
        sourceRef: source?.ref ?? link.heldId,
        sourceTitle: source?.title ?? null,
        relationship: link.relationship,
        strength: link.strength,
        inferred: link.inferred ? link.path.slice(1, -1).join(' > ') : null,
        note: link.note,
        mappingSource: sourceIds.map((s) => sources.get(s)?.name ?? s).join(' + '),
      });
    }
  }
  return {
    name: 'crosswalk',
    title: `${args.from.shortName} to ${args.to.shortName} crosswalk${args.kind ? ` (${args.kind.toLowerCase()}s)` : ''}`,
    columns: CROSSWALK_COLUMNS,
    rows,
    sources: [...used].map((s) => sources.get(s)).filter((s): s is MappingSource => !!s),
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
export async function gapTable(store: GraphStore, args: { target: Framework; held: Framework[]; kind?: RequirementKind | null; inferred?: boolean }): Promise<Table> {
  const held = args.held.map((h) => h.id);
  const { gaps, groundwork, risksOf } = await queryGaps(store, { target: args.target.id, held, kind: args.kind ?? null, inferred: args.inferred ?? false });
  const ids = gaps.map((g) => g.item.requirement.id);
  const [disciplineIds, evidenceIds] = ids.length > 0 ? await Promise.all([store.related('disciplinesOfRequirement', ids), store.related('evidenceOfRequirement', ids)]) : [[], []];
  const [disciplines, evidence, sources] = await Promise.all([store.allNodes('Discipline'), store.allNodes('Evidence'), sourcesById(store)]);
  const name = <T extends { id: string; name: string }>(all: T[]) => new Map(all.map((x) => [x.id, x]));
  const [d, e] = [name(disciplines), name(evidence)];
  const reusable = await titlesOf(store, [...groundwork.values()].flatMap((g) => g.slice(0, 3).map((x) => x.requirementId)));
  const used = new Set<string>();
  return {
    name: 'gaps',
    title: `New in ${args.target.shortName} given ${args.held.map((h) => h.shortName).join(' + ')}`,
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
        reusable: (groundwork.get(id) ?? []).slice(0, 3).map((g) => reusable.get(g.requirementId)?.id ?? g.requirementId).join('; ') || null,
        reason: gap.item.assessments.map((a) => a.reason).join(' ') || (gap.item.status === 'UNASSESSED' ? 'Not assessed by any mapping set.' : null),
      };
    }),
    sources: [...used].map((s) => sources.get(s)).filter((s): s is MappingSource => !!s),
  };
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
      requirements: item.requirements.map((r) => r.id).join('; '),
    })),
    sources: [],
  };
}
