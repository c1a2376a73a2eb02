import type { GraphStore } from '../domain/graph-store.js';
import { isOpen, rankGaps, type Gap } from '../domain/gaps.js';
import type { GroundworkEntry } from '../domain/groundwork.js';
import type { Risk } from '../domain/types.js';
import { queryCoverage, type CoverageRequest, type CoverageResult } from './coverage-query.js';
import { loadGroundwork } from './groundwork.js';

/**
 * What is genuinely new in a target given the held frameworks: the open coverage items, ranked by
 * the rules in domain/gaps.ts. One query for the GraphQL `gaps` field and the CLI's gap table.
 */
export interface GapsResult {
  coverage: CoverageResult;
  /** Most consequential first. */
  gaps: Gap[];
  /** Held requirements sharing a discipline with each gap, by gap requirement id. */
  groundwork: Map<string, GroundworkEntry[]>;
  /** The risks each gap mitigates, by gap requirement id. */
  risksOf: Map<string, Risk[]>;
}

export async function queryGaps(store: GraphStore, request: CoverageRequest): Promise<GapsResult> {
  const coverage = await queryCoverage(store, request);
  const open = coverage.items.filter(isOpen);
  const ids = open.map((i) => i.requirement.id);
  const scope = { held: coverage.heldSide, implemented: request.implemented ? new Set(request.implemented) : null };
  const [riskIds, groundwork] = await Promise.all([ids.length > 0 ? store.related('risksOfRequirement', ids) : [], loadGroundwork(store, ids, scope)]);
  const unique = [...new Set(riskIds.flat())];
  const found = unique.length > 0 ? await store.nodes('Risk', unique) : [];
  const riskById = new Map(found.filter((r): r is Risk => r !== null).map((r) => [r.id, r]));
  const risksOf = new Map(ids.map((id, i) => [id, riskIds[i]!.map((r) => riskById.get(r)).filter((r): r is Risk => r !== undefined)]));
  const gaps = rankGaps(open, (id) => risksOf.get(id) ?? [], (id) => groundwork.get(id)?.length ?? 0);
  return { coverage, gaps, groundwork, risksOf };
}
