import type { GraphStore } from '../store/port.js';
import { computeCoverage, seenFrom, summarise, summariseByGroup, type CoverageItem, type CoverageSummary, type GroupSummary } from './coverage.js';
import type { Mapping, NoRelationship, Requirement, RequirementKind } from './types.js';

/**
 * Gathers the graph around a target framework through the store port (a fixed number of batched
 * calls, whatever the framework's size) and runs the pure coverage rules over it.
 */

export interface CoverageRequest {
  target: string;
  held: readonly string[];
  kind?: RequirementKind | null;
  inferred?: boolean;
  /** Restrict the held side to these requirement ids (the readiness check). */
  implemented?: readonly string[] | null;
}

export interface CoverageResult {
  request: CoverageRequest;
  items: CoverageItem[];
  summary: CoverageSummary;
  groups: GroupSummary[];
}

const ALL = { offset: 0, limit: Number.MAX_SAFE_INTEGER };

export async function queryCoverage(store: GraphStore, request: CoverageRequest): Promise<CoverageResult> {
  const [[page], mappingSets] = await Promise.all([
    store.findRequirements([{ filter: { frameworkIds: [request.target] }, page: ALL }]),
    store.allNodes('MappingSet'),
  ]);
  const catalog = page!.items;
  const targets = catalog.filter((r) => r.kind !== 'GROUP' && (!request.kind || r.kind === request.kind));
  const ids = targets.map((r) => r.id);
  const [mappings, assessments] = await Promise.all([store.mappingsOf(ids), store.noRelationshipsOf(ids)]);
  const mappingsOf = new Map(ids.map((id, i) => [id, mappings[i]!]));
  const noRelationshipsOf = new Map<string, readonly NoRelationship[]>(ids.map((id, i) => [id, assessments[i]!]));

  const held = new Set(request.held);
  const pivotMappingsOf = request.inferred ? await loadPivotMappings(store, mappingsOf, held, request.target) : null;

  const items = computeCoverage({
    targetFrameworkId: request.target,
    heldFrameworkIds: held,
    implemented: request.implemented ? new Set(request.implemented) : null,
    targets,
    mappingSets,
    mappingsOf,
    noRelationshipsOf,
    pivotMappingsOf,
  });
  const byId = new Map(catalog.map((r) => [r.id, r]));
  return { request, items, summary: summarise(items), groups: summariseByGroup(items, (r) => topLevelOf(r, byId)) };
}

/** Mappings of the requirements one hop from the targets in frameworks that are not held: the pivots. */
async function loadPivotMappings(
  store: GraphStore,
  mappingsOf: ReadonlyMap<string, readonly Mapping[]>,
  held: ReadonlySet<string>,
  target: string,
): Promise<Map<string, readonly Mapping[]>> {
  const pivots = new Set<string>();
  for (const [targetId, mappings] of mappingsOf) {
    for (const m of mappings) {
      const { other } = seenFrom(m, targetId);
      const framework = other.slice(0, other.indexOf(':'));
      if (!held.has(framework) && framework !== target) pivots.add(other);
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
