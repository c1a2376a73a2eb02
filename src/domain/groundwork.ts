import { isHeldRequirement, type HeldSide } from './scope.js';

/**
 * Reusable groundwork: held requirements that share a discipline with a target requirement.
 * Reported beside coverage, never counted as coverage (docs/SEMANTICS.md, "Coverage statuses").
 */
export interface GroundworkEntry {
  requirementId: string;
  disciplineIds: string[];
}

export interface GroundworkScope {
  held: HeldSide;
  implemented: ReadonlySet<string> | null;
}

/** Whether a requirement counts as held: held and in scope (domain/scope.ts) and, for a readiness check, implemented. */
export function inGroundworkScope(scope: GroundworkScope, requirementId: string): boolean {
  return isHeldRequirement(scope.held, requirementId) && (scope.implemented === null || scope.implemented.has(requirementId));
}

/** Join a target's disciplines to the held requirements that address them, most shared disciplines first. */
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
