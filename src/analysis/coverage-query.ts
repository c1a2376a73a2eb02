import { computeCoverage, seenFrom, summarise, summariseByGroup, type CoverageItem, type CoverageSummary, type GroupSummary } from '../domain/coverage.js';
import type { GraphStore } from '../domain/graph-store.js';
import { plainHeldSide, type HeldScope, type HeldSide } from '../domain/scope.js';
import { frameworkIdOf } from '../domain/ids.js';
import type { Mapping, MappingSet, NoRelationship, Requirement, RequirementKind } from '../domain/types.js';
import { NO_PACING, type Pacer } from './pacing.js';

/**
 * Gathers the graph around a target framework through the store port (a fixed number of batched
 * calls, whatever the framework's size) and runs the pure coverage rules over it. The gathered
 * target can be reused for several held sets (overlap matrix, roadmap).
 */

export interface CoverageOptions {
  held: readonly string[];
  /** Scopes of some held frameworks (checked: each names a held framework once); the others are held whole. */
  scopes?: readonly HeldScope[] | null;
  inferred?: boolean;
  /** Restrict the held side to these requirement ids (the readiness check). */
  implemented?: readonly string[] | null;
  /** Paused before the rules run (one pause per coverage computed; a matrix computes many). */
  pacer?: Pacer;
}

export interface CoverageRequest extends CoverageOptions {
  target: string;
  kind?: RequirementKind | null;
  /** Target graphs kept for the version the store reads (graphql/target-graphs.ts); absent: gathered each time. */
  targetGraphs?: TargetGraphMemo | null;
}

export interface CoverageResult {
  target: string;
  held: string[];
  scopes: HeldScope[];
  /** What counted as held, for the groundwork beside the answer. */
  heldSide: HeldSide;
  kind: RequirementKind | null;
  inferred: boolean;
  items: Array<CoverageItem & { groupId: string }>;
  summary: CoverageSummary;
  groups: GroupSummary[];
}

/** The graph around one target framework: its catalog, the mappings and assessments of its leaves. */
export interface TargetGraph {
  target: string;
  kind: RequirementKind | null;
  catalog: Requirement[];
  targets: Requirement[];
  /** Each target's top-level ancestor: the group its summary is reported under. */
  groupOf: ReadonlyMap<string, string>;
  mappingSets: MappingSet[];
  mappingsOf: Map<string, readonly Mapping[]>;
  noRelationshipsOf: Map<string, readonly NoRelationship[]>;
  /** Filled on first use by inference, then reused. */
  pivotMappingsOf: Map<string, readonly Mapping[]> | null;
}

/**
 * Target graphs kept between requests by the caller for one version of the graph: a port, not a
 * cache of answers. A gathered graph is read, never changed, except that inference fills its
 * pivots once (the same for everyone of that version).
 */
export interface TargetGraphMemo {
  graph(target: string, kind: RequirementKind | null, gather: () => Promise<TargetGraph>): Promise<TargetGraph>;
}

const ALL = { after: null, limit: Number.MAX_SAFE_INTEGER };

/** The graph around `target`: the kept one for this version when there is a memo, else gathered now. */
export function targetGraph(store: GraphStore, target: string, kind: RequirementKind | null, memo: TargetGraphMemo | null | undefined): Promise<TargetGraph> {
  return memo ? memo.graph(target, kind, () => gatherTarget(store, target, kind)) : gatherTarget(store, target, kind);
}

export async function gatherTarget(store: GraphStore, target: string, kind: RequirementKind | null = null): Promise<TargetGraph> {
  const [[page], mappingSets] = await Promise.all([
    store.findRequirements([{ filter: { frameworkIds: [target] }, page: ALL }]),
    store.allNodes('MappingSet'),
  ]);
  const catalog = page!.items;
  const targets = catalog.filter((r) => r.kind !== 'GROUP' && (!kind || r.kind === kind));
  const byId = new Map(catalog.map((r) => [r.id, r]));
  const groupOf = new Map(targets.map((r) => [r.id, topLevelOf(r, byId)]));
  const ids = targets.map((r) => r.id);
  const [mappings, assessments] = ids.length > 0 ? await Promise.all([store.mappingsOf(ids), store.noRelationshipsOf(ids)]) : [[], []];
  return {
    target,
    kind,
    catalog,
    targets,
    groupOf,
    mappingSets,
    mappingsOf: new Map(ids.map((id, i) => [id, mappings[i]!])),
    noRelationshipsOf: new Map(ids.map((id, i) => [id, assessments[i]!])),
    pivotMappingsOf: null,
  };
}

export async function coverageOf(store: GraphStore, graph: TargetGraph, options: CoverageOptions): Promise<CoverageResult> {
  const [heldSide] = await Promise.all([
    loadHeldSide(store, options.held, options.scopes ?? []),
    options.inferred && !graph.pivotMappingsOf ? loadPivotMappings(store, graph).then((p) => (graph.pivotMappingsOf = p)) : null,
  ]);
  const held = heldSide.frameworkIds;
  await (options.pacer ?? NO_PACING).pause();
  const items = computeCoverage({
    targetFrameworkId: graph.target,
    held: heldSide,
    implemented: options.implemented ? new Set(options.implemented) : null,
    targets: graph.targets,
    mappingSets: graph.mappingSets,
    mappingsOf: graph.mappingsOf,
    noRelationshipsOf: graph.noRelationshipsOf,
    pivotMappingsOf: options.inferred ? graph.pivotMappingsOf : null,
  });
  return {
    target: graph.target,
    held: [...held],
    scopes: [...heldSide.scopes.values()],
    heldSide,
    kind: graph.kind,
    inferred: options.inferred ?? false,
    items: withGroups(items, graph.groupOf),
    summary: summarise(items),
    groups: summariseByGroup(items, (r) => graph.groupOf.get(r.id)!),
  };
}

/** The items, just made by computeCoverage for this call, given their group in place (no copy of each). */
function withGroups(items: CoverageItem[], groupOf: ReadonlyMap<string, string>): Array<CoverageItem & { groupId: string }> {
  const grouped = items as Array<CoverageItem & { groupId: string }>;
  for (const item of grouped) item.groupId = groupOf.get(item.requirement.id)!;
  return grouped;
}

export async function queryCoverage(store: GraphStore, request: CoverageRequest): Promise<CoverageResult> {
  return coverageOf(store, await targetGraph(store, request.target, request.kind ?? null, request.targetGraphs), request);
}

/**
 * The held side: frameworks, their scopes, and (only when some are scoped, in one batched call) the
 * tags of the scoped frameworks' requirements, which domain/scope.ts reads to decide what is in scope.
 */
export async function loadHeldSide(store: GraphStore, held: readonly string[], scopes: readonly HeldScope[]): Promise<HeldSide> {
  const scoped = scopes.filter((s) => held.includes(s.frameworkId));
  if (scoped.length === 0) return plainHeldSide(held);
  const [page] = await store.findRequirements([{ filter: { frameworkIds: scoped.map((s) => s.frameworkId) }, page: ALL }]);
  return {
    frameworkIds: new Set(held),
    scopes: new Map(scoped.map((s) => [s.frameworkId, s])),
    tagsOf: new Map(page!.items.map((r) => [r.id, r.tags])),
  };
}

/**
 * Mappings of every requirement one hop from the targets, outside the target framework: the
 * candidate pivots. Which of them are pivots depends on the held set, decided in computeCoverage.
 */
async function loadPivotMappings(store: GraphStore, graph: TargetGraph): Promise<Map<string, readonly Mapping[]>> {
  const pivots = new Set<string>();
  for (const [targetId, mappings] of graph.mappingsOf) {
    for (const m of mappings) {
      const { other } = seenFrom(m, targetId);
      if (frameworkIdOf(other) !== graph.target) pivots.add(other);
    }
  }
  const ids = [...pivots];
  const found = ids.length > 0 ? await store.mappingsOf(ids) : [];
  return new Map(ids.map((id, i) => [id, found[i]!]));
}

/** The top-level ancestor of a requirement: the group its summary is reported under. */
export function topLevelOf(requirement: Requirement, byId: ReadonlyMap<string, Requirement>): string {
  let current = requirement;
  while (current.parentId) {
    const parent = byId.get(current.parentId);
    if (!parent) break;
    current = parent;
  }
  return current.id;
}
