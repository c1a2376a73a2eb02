import type { GraphStore } from '../domain/graph-store.js';
import { groundworkFor, inGroundworkScope, type GroundworkEntry, type GroundworkScope } from '../domain/groundwork.js';

/** For each target id, the held requirements sharing a discipline with it, most shared disciplines first. Two store calls. */
export async function loadGroundwork(store: GraphStore, targetIds: readonly string[], scope: GroundworkScope): Promise<Map<string, GroundworkEntry[]>> {
  if (targetIds.length === 0) return new Map();
  const disciplinesOf = await store.related('disciplinesOfRequirement', targetIds);
  const disciplineIds = [...new Set(disciplinesOf.flat())];
  const members = disciplineIds.length > 0 ? await store.related('requirementsOfDiscipline', disciplineIds) : [];
  const membersOf = new Map(disciplineIds.map((d, i) => [d, members[i]!]));
  return new Map(targetIds.map((targetId, i) => [targetId, groundworkFor(disciplinesOf[i]!, membersOf, (id) => inGroundworkScope(scope, id))]));
}
