import { rankEvidence, type EvidencePlan, type EvidencePlanItem } from '../domain/evidence-plan.js';
import type { GraphStore } from '../domain/graph-store.js';
import { frameworkIdOf } from '../domain/ids.js';

/** The evidence plan of the chosen frameworks: three store calls, whatever their size. */
export async function queryEvidencePlan(store: GraphStore, frameworks: readonly string[]): Promise<EvidencePlan> {
  const chosen = new Set(frameworks);
  const [evidence, [page]] = await Promise.all([
    store.allNodes('Evidence'),
    store.findRequirements([{ filter: { frameworkIds: frameworks }, page: { after: null, limit: Number.MAX_SAFE_INTEGER } }]),
  ]);
  const leaves = page!.items.filter((r) => r.kind !== 'GROUP');
  const byId = new Map(leaves.map((r) => [r.id, r]));
  const proves = await store.related('requirementsOfEvidence', evidence.map((e) => e.id));
  const proven = new Set<string>();
  const items = evidence
    .map((e, i): EvidencePlanItem => {
      const requirements = proves[i]!.filter((id) => chosen.has(frameworkIdOf(id))).map((id) => byId.get(id)!).filter(Boolean);
      requirements.forEach((r) => proven.add(r.id));
      return { evidence: e, requirements, frameworkIds: frameworks.filter((f) => requirements.some((r) => r.frameworkId === f)) };
    })
    .filter((item) => item.requirements.length > 0);
  return { frameworks: [...frameworks], items: rankEvidence(items), unevidenced: leaves.filter((r) => !proven.has(r.id)) };
}
