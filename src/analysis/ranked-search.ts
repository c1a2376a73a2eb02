import { computeCoverage, type CoverageStatus } from '../domain/coverage.js';
import { firstRows, type GraphStore } from '../domain/graph-store.js';
import { countByFramework, queryTerms, rankDocuments, type FrameworkCount, type QueryTerms, type RankedHit, type SearchDocument, type Stemmer } from '../domain/search-ranking.js';
import type { Requirement, RequirementKind } from '../domain/types.js';
import { loadHeldSide } from './coverage-query.js';
import { resolveRefs } from './resolve-refs.js';

/**
 * The ranked search (issue #22): the query read as a reference through the citation grammars, and
 * as words against every requirement the caller sees (a key's workspace included, through its
 * store), ranked by the domain's rules (search-ranking.ts). Two batched reads: the reference's
 * candidates and the whole catalog of the asked kind; the facets count the hits of every framework,
 * the list keeps those of the asked ones.
 */

export interface RankedSearchRequest {
  q: string;
  /** Only hits of these frameworks (the facets still count every framework); null for all. */
  frameworks: readonly string[] | null;
  kind: RequirementKind | null;
  stem: Stemmer;
  /** A requirement's words, tokenised (documentIndexer remembers them across requests). */
  documentOf: (requirement: Requirement) => SearchDocument;
}

export interface RankedSearchResult {
  terms: QueryTerms;
  /** Every hit of the asked frameworks, best first. */
  hits: RankedHit[];
  /** Hits per framework, with every filter but the frameworks, frameworks in catalog order. */
  facets: FrameworkCount[];
  /** The requirements' words, for snippets of the hits. */
  documentOf: (requirement: Requirement) => SearchDocument;
}

export async function rankedSearch(store: GraphStore, request: RankedSearchRequest): Promise<RankedSearchResult> {
  const hint = request.frameworks?.length === 1 ? request.frameworks[0]! : null;
  const [[resolved], [catalog], frameworks] = await Promise.all([
    // No "did you mean" search: a query that is no reference is searched as words.
    resolveRefs(store, [request.q], hint, () => false),
    store.findRequirements([{ filter: request.kind ? { kinds: [request.kind] } : {}, page: firstRows() }]),
    store.allNodes('Framework'),
  ]);
  const references = referencesOf(resolved!).filter((r) => !request.kind || r.kind === request.kind);
  const terms = queryTerms(request.q, request.stem);
  const all = rankDocuments(catalog!.items.map(request.documentOf), terms, references);
  const wanted = request.frameworks ? new Set(request.frameworks) : null;
  return {
    terms,
    hits: wanted ? all.filter((h) => wanted.has(h.requirement.frameworkId)) : all,
    facets: countByFramework(all, frameworks.map((f) => f.id)),
    documentOf: request.documentOf,
  };
}

/** What a reference names: the one requirement when sure, every reading when ambiguous. */
function referencesOf(resolved: Awaited<ReturnType<typeof resolveRefs>>[number]): Requirement[] {
  if (resolved.requirement && (resolved.confidence === 'EXACT' || resolved.confidence === 'LIKELY')) return [resolved.requirement];
  if (resolved.confidence === 'AMBIGUOUS') return resolved.candidates;
  return [];
}

/**
 * Each requirement's coverage status given the held frameworks, as `coverage` would report it (direct
 * links, no inference, every held framework whole): one batched read of their mappings and "nothing
 * found" records whatever their number. Null for a heading (GROUP: coverage is over clauses and
 * controls) and for a requirement of a held framework (it is what you hold).
 */
export async function statusesGivenHeld(store: GraphStore, requirements: readonly Requirement[], held: readonly string[]): Promise<Map<string, CoverageStatus | null>> {
  const heldSet = new Set(held);
  const targets = requirements.filter((r) => r.kind !== 'GROUP' && !heldSet.has(r.frameworkId));
  const statuses = new Map<string, CoverageStatus | null>(requirements.map((r) => [r.id, null]));
  if (targets.length === 0) return statuses;
  const ids = targets.map((r) => r.id);
  const [heldSide, mappingSets, mappings, assessments] = await Promise.all([
    loadHeldSide(store, held, []),
    store.allNodes('MappingSet'),
    store.mappingsOf(ids),
    store.noRelationshipsOf(ids),
  ]);
  const mappingsOf = new Map(ids.map((id, i) => [id, mappings[i]!]));
  const noRelationshipsOf = new Map(ids.map((id, i) => [id, assessments[i]!]));
  const byFramework = new Map<string, Requirement[]>();
  for (const r of targets) byFramework.set(r.frameworkId, [...(byFramework.get(r.frameworkId) ?? []), r]);
  for (const [frameworkId, ofFramework] of byFramework) {
    const items = computeCoverage({ targetFrameworkId: frameworkId, held: heldSide, implemented: null, targets: ofFramework, mappingSets, mappingsOf, noRelationshipsOf, pivotMappingsOf: null });
    for (const item of items) statuses.set(item.requirement.id, item.status);
  }
  return statuses;
}
