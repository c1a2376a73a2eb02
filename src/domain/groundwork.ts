import type { GraphStore } from '../store/port.js';

/**
 * Reusable groundwork: held requirements that share a discipline with a target requirement.
 * Reported beside coverage, never counted as coverage (DESIGN.md).
 */
export interface GroundworkEntry {
  requirementId: string;
  disciplineIds: string[];
}

export interface GroundworkScope {
  held: ReadonlySet<string>;
  implemented: ReadonlySet<string> | null;
}

/** For each target id, the held requirements sharing a discipline with it, most shared disciplines first. Two store calls. */
export async function loadGroundwork(store: GraphStore, targetIds: readonly string[], scope: GroundworkScope): Promise<Map<string, GroundworkEntry[]>> {
  if (targetIds.length === 0) return new Map();
  const disciplinesOf = await store.related('disciplinesOfRequirement', targetIds);
  const disciplineIds = [...new Set(disciplinesOf.flat())];
  const members = disciplineIds.length > 0 ? await store.related('requirementsOfDiscipline', disciplineIds) : [];
  const membersOf = new Map(disciplineIds.map((d, i) => [d, members[i]!]));
  const inScope = (id: string) =>
    scope.held.has(id.slice(0, id.indexOf(':'))) && (scope.implemented === null || scope.implemented.has(id));
  return new Map(targetIds.map((targetId, i) => [targetId, groundworkFor(disciplinesOf[i]!, membersOf, inScope)]));
}

/** Pure part: join a target's disciplines to the held requirements that address them. */
export function groundworkFor(
  disciplineIds: readonly string[],
  membersOf: ReadonlyMap<string, readonly string[]>,
  inScope: (requirementId: string) => boolean,
): GroundworkEntry[] {
  const shared = new Map<string, string[]>();
  for (const discipline of disciplineIds) {
    for (const requirementId of membersOf.get(discipline) ?? []) {
      if (inScope(requirementId)) shared.set(requirementId, [...(shared.get(requirementId) ?? []), discipline]);
    }
  }
  return [...shared.entries()]
    .map(([requirementId, ids]) => ({ requirementId, disciplineIds: ids }))
    .sort((a, b) => b.disciplineIds.length - a.disciplineIds.length);
}
