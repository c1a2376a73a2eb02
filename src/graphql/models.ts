import type { CoverageItem, CoverageLink, CoverageStatus } from '../domain/coverage.js';
import type { FrameworkCount, QueryTerms, RankedHit, SearchDocument } from '../domain/search-ranking.js';
import type { CoverageResult } from '../analysis/coverage-query.js';
import type { Gap } from '../domain/gaps.js';
import type { GroundworkEntry } from '../domain/groundwork.js';
import type { HeldScope } from '../domain/scope.js';
import type { EvidencePlanItem } from '../domain/evidence-plan.js';
import type { DirectionalOverlap } from '../analysis/overlap.js';
import type { ComprehensiveSide, Mapping, Requirement } from '../domain/types.js';
import type { CrosswalkRowLink } from '../analysis/tables.js';

/** What resolvers pass between each other where the GraphQL type has no domain type of its own. */

/** One page of a list: the items, each one's cursor, and what lies around the page. */
export interface ConnectionModel<T> {
  items: T[];
  cursors: string[];
  totalCount: number;
  hasNextPage: boolean;
  hasPreviousPage: boolean;
}
export type RequirementConnectionModel = ConnectionModel<Requirement>;
export type MappingConnectionModel = ConnectionModel<Mapping>;

/** A stored mapping seen from one of its ends. */
export interface RequirementMappingModel {
  /** The requirement the mapping is seen from. */
  fromHere: string;
  mapping: Mapping;
}

export interface ComprehensiveSideModel extends ComprehensiveSide {
  frameworkId: string;
}


/** Groundwork is computed once per coverage answer, on first use, for all its items. */
export type GroundworkLookup = () => Promise<Map<string, GroundworkEntry[]>>;

export interface CoverageModel extends CoverageResult {
  groundwork: GroundworkLookup;
}

export interface CoverageItemModel extends CoverageItem {
  groupId: string;
  groundwork: GroundworkLookup;
  via: CoverageLinkModel[];
  outOfScope: CoverageLinkModel[];
}

export type CoverageItemConnectionModel = ConnectionModel<CoverageItemModel>;

/** A coverage link with its held requirement already loaded (one batch for the whole answer). */
export interface CoverageLinkModel extends CoverageLink {
  held?: Requirement;
}

export interface GapModel extends Gap {
  groundwork: GroundworkLookup;
}

export interface GapsModel {
  target: string;
  held: string[];
  scopes: HeldScope[];
  /** The analysis arguments beyond target, held and scopes: with them, what a page's cursor is bound to. */
  kind: string | null;
  inferred: boolean;
  implemented: string[] | null;
  gaps: GapModel[];
}

export type GapConnectionModel = ConnectionModel<GapModel>;

export interface OverlapMatrixModel {
  frameworks: string[];
  cells: DirectionalOverlap[];
}

export interface EvidencePlanItemModel extends EvidencePlanItem {
  rank: number;
}

export type { ResolvedRef as ResolvedRefModel } from '../analysis/resolve-refs.js';

/** A crosswalk table row as the analysis builds it (see src/analysis/tables.ts): its printable cells and what it links. */
export interface CrosswalkRowModel {
  cells: Record<string, string | number | null>;
  link: CrosswalkRowLink;
}

/** A mapping's agreement: its pair's judgement, with the lines of evidence compatible with it counted. */
export interface MappingAgreementModel {
  agreement: import('../domain/agreement.js').Agreement;
  agreeingLines: number;
  claims: import('../domain/agreement.js').SourceClaim[];
}

/** The caller's workspace: its key (what `Workspace` resolves from; the state is read per field). */
export type WorkspaceModel = import('../domain/access.js').Principal;

/** The page's coverage statuses given the search's `held`, computed once on first use (null without `held`). */
export type SearchStatusLookup = () => Promise<Map<string, CoverageStatus | null> | null>;

/** A search hit with what its fields read: its words (for the marked title and snippet), the query's terms, its rank. */
export interface SearchHitModel extends RankedHit {
  rank: number;
  document: SearchDocument;
  terms: QueryTerms;
  statuses: SearchStatusLookup;
}

export interface SearchResultsModel extends ConnectionModel<SearchHitModel> {
  facets: FrameworkCount[];
  terms: string[];
}
