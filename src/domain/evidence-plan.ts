import type { GraphStore } from '../store/port.js';
import type { Evidence, Requirement } from './types.js';

/** Evidence to collect once and reuse: artefacts ordered by how many chosen requirements each proves. */

export interface EvidencePlanItem {
  evidence: Evidence;
  requirements: Requirement[];
  frameworkIds: string[];
}

export interface EvidencePlan {
  frameworks: string[];
  items: EvidencePlanItem[];
  /** Leaf requirements of the chosen frameworks that no artefact proves yet. */
  unevidenced: Requirement[];
}

export async function queryEvidencePlan(store: GraphStore, frameworks: readonly string[]): Promise<EvidencePlan> {
  const chosen = new Set(frameworks);
  const [evidence, [page]] = await Promise.all([
    store.allNodes('Evidence'),
    store.findRequirements([{ filter: { frameworkIds: frameworks }, page: { offset: 0, limit: Number.MAX_SAFE_INTEGER } }]),
  ]);
  const leaves = page!.items.filter((r) => r.kind !== 'GROUP');
  const byId = new Map(leaves.map((r) => [r.id, r]));
  const proves = await store.related('requirementsOfEvidence', evidence.map((e) => e.id));
  const proven = new Set<string>();
  const items = evidence
    .map((e, i): EvidencePlanItem => {
      const requirements = proves[i]!.filter((id) => chosen.has(id.slice(0, id.indexOf(':')))).map((id) => byId.get(id)!).filter(Boolean);
      requirements.forEach((r) => proven.add(r.id));
      return { evidence: e, requirements, frameworkIds: frameworks.filter((f) => requirements.some((r) => r.frameworkId === f)) };
    })
    .filter((item) => item.requirements.length > 0);
  return { frameworks: [...frameworks], items: rankEvidence(items), unevidenced: leaves.filter((r) => !proven.has(r.id)) };
}

/** Most requirements proven first, then most frameworks spanned, then name. */
export function rankEvidence(items: EvidencePlanItem[]): EvidencePlanItem[] {
  return [...items].sort(
    (a, b) =>
      b.requirements.length - a.requirements.length ||
      b.frameworkIds.length - a.frameworkIds.length ||
      a.evidence.name.localeCompare(b.evidence.name),
  );
}
