import { ErrorCode } from './error-codes.js';
import type { DatasetInfo, Mapping, NodeLabel, NodeTypes, NoRelationship, Requirement, RequirementKind } from './types.js';

/**
 * The GraphStore port: every read the API makes, batched by keys. It is defined here, by the layer
 * that uses it, in the domain's own vocabulary; the adapters in src/store/ implement it.
 * Batch methods return one result per key, in key order, so DataLoaders can sit on them directly.
 * Adapters: src/store/memory/ (the embedded default) and src/store/neo4j/.
 */

/** The node labels are the domain's (types.ts); re-exported because they are the port's vocabulary too. */
export type { NodeLabel, NodeTypes } from './types.js';

/**
 * Neighbour lists by relation, named from the key's side.
 * `children`: requirement or framework id -> its direct child requirements' ids (HAS).
 */
export const RELATIONS = [
  'children',
  'disciplinesOfRequirement',
  'requirementsOfDiscipline',
  'risksOfRequirement',
  'requirementsOfRisk',
  'evidenceOfRequirement',
  'requirementsOfEvidence',
  'risksOfDiscipline',
] as const;
export type Relation = (typeof RELATIONS)[number];

export interface RequirementFilter {
  frameworkIds?: readonly string[];
  kinds?: readonly RequirementKind[];
  /** Words matched case-insensitively against ref, title and summary; every word must match. */
  search?: string;
}

/**
 * A keyset page: the rows after `after` in the list's stable order (catalog order, then id), at most
 * `limit` of them. `after` names the last row the client saw; the store seeks past that row's key as
 * it is now, so rows inserted or removed elsewhere never shift the page (an offset would skip or repeat
 * them). The anchor need not match the filter any more, but it must still exist.
 */
export interface Page {
  /** Id of the last row of the previous page; null for the first page. */
  after: string | null;
  limit: number;
}

/** The first `limit` rows: the page the analyses read (whole lists, with a limit as large as they need). */
export function firstRows(limit: number = Number.MAX_SAFE_INTEGER): Page {
  return { after: null, limit };
}

export interface RequirementQuery {
  filter: RequirementFilter;
  page: Page;
}

export interface RequirementPage {
  items: Requirement[];
  /** Every row matching the filter, before and after the page. */
  totalCount: number;
  /** More rows follow the page. */
  hasMore: boolean;
  /** False when `after` names a requirement that no longer exists: the page cannot be placed, and is empty. */
  anchorFound: boolean;
}

export interface GraphStore {
  /** Nodes of one label by id, in key order; null where there is none. */
  nodes<L extends NodeLabel>(label: L, ids: readonly string[]): Promise<Array<NodeTypes[L] | null>>;
  /** Every node of a small label (frameworks, disciplines, risks, evidence, sources, sets), in catalog order. */
  allNodes<L extends Exclude<NodeLabel, 'Requirement'>>(label: L): Promise<Array<NodeTypes[L]>>;
  /** Neighbour ids by relation, one list per key, in catalog order. */
  related(relation: Relation, ids: readonly string[]): Promise<string[][]>;
  /** Stored mappings touching each requirement, in either direction. */
  mappingsOf(requirementIds: readonly string[]): Promise<Mapping[][]>;
  /** NO_RELATIONSHIP assessments recorded for each requirement. */
  noRelationshipsOf(requirementIds: readonly string[]): Promise<NoRelationship[][]>;
  /** Mappings of each mapping set, in set order. */
  mappingsInSet(setIds: readonly string[]): Promise<Mapping[][]>;
  /** NO_RELATIONSHIP assessments of each mapping set, in set order. */
  noRelationshipsInSet(setIds: readonly string[]): Promise<NoRelationship[][]>;
  /** For each query: the requirements matching its filter, in catalog order (then id), one keyset page of them with the total. */
  findRequirements(queries: readonly RequirementQuery[]): Promise<RequirementPage[]>;
  /** What is loaded: dataset version and node counts. Also the readiness probe. */
  datasetInfo(): Promise<DatasetInfo>;
  close(): Promise<void>;
}

/** The store cannot answer (database down, network). The API reports SERVICE_UNAVAILABLE. */
export class StoreUnavailableError extends Error {
  readonly code = ErrorCode.SERVICE_UNAVAILABLE;
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'StoreUnavailableError';
  }
}

/**
 * The store answers, but its dataset is being written in many transactions (a batched seeding) or
 * one such seeding stopped half-way: what it holds is not a dataset, so nothing is answered from it.
 * Not a StoreUnavailableError: the database is up, so no circuit opens and no outage is recorded.
 */
export class DatasetSeedingError extends Error {
  readonly code = ErrorCode.SERVICE_UNAVAILABLE;
  constructor(readonly since: string) {
    super(`The dataset is being seeded in batches (since ${since}); answers resume when seeding finishes. If it stopped, run the seeding again.`);
    this.name = 'DatasetSeedingError';
  }
}
