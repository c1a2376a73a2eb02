import type { MappingCondition } from './scope.js';
import type { Review } from './workspace-model.js';

/**
 * The domain model of the crosswalk graph (docs/SEMANTICS.md, "The graph").
 * Plain data: every store returns these shapes, every resolver and domain function reads them.
 */

export const FRAMEWORK_KINDS = ['ATTESTATION', 'CERTIFICATION', 'REGULATION', 'GUIDANCE'] as const;
export type FrameworkKind = (typeof FRAMEWORK_KINDS)[number];

export const REQUIREMENT_KINDS = ['CLAUSE', 'CONTROL', 'GROUP'] as const;
export type RequirementKind = (typeof REQUIREMENT_KINDS)[number];

export const DISCIPLINE_SCOPES = ['SHARED', 'AI', 'SECURITY'] as const;
export type DisciplineScope = (typeof DISCIPLINE_SCOPES)[number];

export const RISK_CATEGORIES = ['AI', 'SECURITY', 'PRIVACY', 'OPERATIONAL', 'LEGAL'] as const;
export type RiskCategory = (typeof RISK_CATEGORIES)[number];

/** NIST IR 8477 set relations, plus RELATED for concept crosswalks that state no set relation. */
export const RELATIONSHIPS = ['EQUAL', 'SUBSET_OF', 'SUPERSET_OF', 'INTERSECTS_WITH', 'RELATED'] as const;
export type Relationship = (typeof RELATIONSHIPS)[number];

export const RATIONALES = ['SYNTACTIC', 'SEMANTIC', 'FUNCTIONAL'] as const;
export type Rationale = (typeof RATIONALES)[number];

export const MAPPING_SIDES = ['from', 'to'] as const;
export type MappingSide = (typeof MAPPING_SIDES)[number];

export interface Framework {
  id: string;
  name: string;
  shortName: string;
  edition: string;
  kind: FrameworkKind;
  issuer: string;
  assessedBy: string;
  output: string;
  validity: string;
  market: string;
  aiSpecific: boolean;
  observationPeriod: string | null;
  typicalTimeline: string | null;
  summary: string;
  /** How texts cite this framework and its requirements (seed/citations/<id>.yaml); null when none is known. */
  citations: CitationGrammar | null;
}

/** A framework's reference grammar: the names texts give it and the forms its citations take. */
export interface CitationGrammar {
  /** Regular expressions (case-insensitive) naming the framework: "ISO/IEC 42001", "SOC 2". */
  names: string[];
  forms: CitationForm[];
}

export interface CitationForm {
  /** A regular expression (case-insensitive) with named groups, e.g. `(?<family>[a-z]{2})-(?<n>\d{1,2})`. */
  pattern: string;
  /** The requirement ref it reads as: `{group}`, `{group:upper|int|pad2|map}`, `[optional {group}]`. */
  ref: string;
  /** How strongly this form points at this framework: the framework's own printed form outranks shorthand. */
  weight: number;
  /** For the `map` filter: lower-cased matched text to ref text ("gv" -> "GOVERN"). */
  map?: Record<string, string>;
}

export interface Requirement {
  /** `<framework>:<ref>`, e.g. `iso42001:A.6.2.4`. */
  id: string;
  frameworkId: string;
  ref: string;
  title: string;
  summary: string;
  kind: RequirementKind;
  /** Null for a top-level requirement (its parent is the framework). */
  parentId: string | null;
  tags: string[];
  /** Position in the framework's catalog, for stable ordering. */
  position: number;
}

export interface Discipline {
  id: string;
  name: string;
  scope: DisciplineScope;
  definition: string;
}

export interface Risk {
  id: string;
  name: string;
  category: RiskCategory;
  description: string;
  disciplineId: string | null;
}

export interface Evidence {
  id: string;
  name: string;
  description: string;
}

export interface MappingSource {
  id: string;
  name: string;
  publisher: string;
  date: string | null;
  url: string | null;
  licence: string;
  description: string;
}

export interface ComprehensiveSide {
  side: MappingSide;
  /** When set, only the requirements carrying this tag were examined on that side. */
  tag: string | null;
}

export interface MappingSet {
  id: string;
  name: string;
  sourceId: string;
  fromFrameworkId: string;
  toFrameworkId: string;
  comprehensive: ComprehensiveSide[];
  description: string;
  /** A workspace's set counts its changes (optimistic concurrency); public sets change only with the dataset. */
  revision?: number;
}

/** A stored mapping `from -[relationship]-> to`: "from is <relationship> to". Stored once; inverses are derived. */
export interface Mapping {
  id: string;
  setId: string;
  sourceId: string;
  fromId: string;
  toId: string;
  relationship: Relationship;
  /** 1..10 per IR 8477; null when the publisher gave none. */
  strength: number | null;
  rationale: Rationale | null;
  note: string | null;
  /** The held scope under which it holds, where its requirements do not imply it (domain/scope.ts); null: always. */
  condition: MappingCondition | null;
  /** A workspace's mapping: its proposal and review (domain/workspace-model.ts). Public mappings have none: they are reviewed in seed/. */
  review?: Review;
}

/** IR 8477 "not related to": a set examined this requirement and found nothing on the other side. */
export interface NoRelationship {
  id: string;
  setId: string;
  sourceId: string;
  requirementId: string;
  side: MappingSide;
  reason: string;
  /** As for Mapping: a workspace's record carries its review. */
  review?: Review;
}

/** Each node label of the graph and the shape a store returns for it: the one list of labels. */
export interface NodeTypes {
  Framework: Framework;
  Requirement: Requirement;
  Discipline: Discipline;
  Risk: Risk;
  Evidence: Evidence;
  MappingSource: MappingSource;
  MappingSet: MappingSet;
}
export type NodeLabel = keyof NodeTypes;

export interface DatasetInfo {
  version: string;
  loadedAt: string;
  counts: Record<string, number>;
}

/** The whole curated graph, as loaded from seed/ and held by the memory store. */
export interface GraphData {
  frameworks: Framework[];
  requirements: Requirement[];
  disciplines: Discipline[];
  risks: Risk[];
  evidence: Evidence[];
  sources: MappingSource[];
  mappingSets: MappingSet[];
  mappings: Mapping[];
  noRelationships: NoRelationship[];
  /** requirement id -> discipline ids (ADDRESSES). */
  addresses: Array<[string, string]>;
  /** requirement id -> risk ids (MITIGATES). */
  mitigates: Array<[string, string]>;
  /** evidence id -> requirement ids (EVIDENCES). */
  evidences: Array<[string, string]>;
  version: string;
}
