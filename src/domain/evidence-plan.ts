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

/** Most requirements proven first, then most frameworks spanned, then name. */
export function rankEvidence(items: EvidencePlanItem[]): EvidencePlanItem[] {
  return [...items].sort(
    (a, b) =>
      b.requirements.length - a.requirements.length ||
      b.frameworkIds.length - a.frameworkIds.length ||
      a.evidence.name.localeCompare(b.evidence.name),
  );
}
