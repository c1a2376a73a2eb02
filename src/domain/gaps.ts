import type { CoverageItem } from './coverage.js';
import type { Risk, RiskCategory } from './types.js';

/**
 * The "what is genuinely new" list: NONE and UNASSESSED requirements, most consequential first; in a
 * readiness check (`implemented`) also NOT_IMPLEMENTED ones, covered on paper by held requirements
 * that are not in place yet.
 *
 * Order: (1) consequence, the weighted count of risks the requirement mitigates (AI and LEGAL 3,
 * SECURITY and PRIVACY 2, OPERATIONAL 1): what goes wrong if it is left undone; (2) NONE, then
 * NOT_IMPLEMENTED (known work with a held requirement to implement), then UNASSESSED (unknown); (3) less reusable groundwork first, since that is
 * work with nothing to build on; (4) catalog order.
 */
export const GAP_ORDER_DESCRIPTION =
  'consequence (risks mitigated, weighted AI and LEGAL 3, SECURITY and PRIVACY 2, OPERATIONAL 1) descending; then NONE, then NOT_IMPLEMENTED, then UNASSESSED; then fewer reusable held requirements first; then catalog order';

const RISK_WEIGHT: Record<RiskCategory, number> = { AI: 3, LEGAL: 3, SECURITY: 2, PRIVACY: 2, OPERATIONAL: 1 };

export interface Gap {
  item: CoverageItem;
  consequence: number;
  groundworkCount: number;
  rank: number;
}

/** A gap is a requirement nothing held (and in place) covers: new (NONE), not in place (NOT_IMPLEMENTED) or never examined (UNASSESSED). */
export function isOpen(item: Pick<CoverageItem, 'status'>): boolean {
  return item.status in OPEN_ORDER;
}

const OPEN_ORDER: Partial<Record<CoverageItem['status'], number>> = { NONE: 0, NOT_IMPLEMENTED: 1, UNASSESSED: 2 };

export function consequenceOf(risks: readonly Risk[]): number {
  return risks.reduce((sum, r) => sum + RISK_WEIGHT[r.category], 0);
}

export function rankGaps(
  items: readonly CoverageItem[],
  risksOf: (requirementId: string) => readonly Risk[],
  groundworkCountOf: (requirementId: string) => number,
): Gap[] {
  return items
    .filter(isOpen)
    .map((item) => ({
      item,
      consequence: consequenceOf(risksOf(item.requirement.id)),
      groundworkCount: groundworkCountOf(item.requirement.id),
      rank: 0,
    }))
    .sort(
      (a, b) =>
        b.consequence - a.consequence ||
        OPEN_ORDER[a.item.status]! - OPEN_ORDER[b.item.status]! ||
        a.groundworkCount - b.groundworkCount ||
        a.item.requirement.position - b.item.requirement.position,
    )
    .map((gap, i) => ({ ...gap, rank: i + 1 }));
}
