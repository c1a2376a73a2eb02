import { frameworkIdOf } from './ids.js';
import { composeRelationships, coverageRank, inverseRelationship, isFullCoverage } from './relationships.js';
import { conditionMet, isHeldRequirement, type HeldScope, type HeldSide, type MappingCondition } from './scope.js';
import type { Mapping, MappingSet, NoRelationship, Relationship, Requirement } from './types.js';

/**
 * Coverage of a target framework's requirements by held frameworks (docs/SEMANTICS.md, "Coverage statuses").
 * Pure: the caller gathers the graph around the target; this decides statuses and reasons.
 */

/**
 * NOT_IMPLEMENTED (readiness only): held requirements in scope would cover it, but none of them is
 * implemented yet; distinct from NONE, where nothing held speaks to it at all.
 */
export type CoverageStatus = 'FULL' | 'PARTIAL' | 'NOT_IMPLEMENTED' | 'NONE' | 'UNASSESSED';

/** A reason a target requirement is covered: a held requirement and how it relates. */
export interface CoverageLink {
  /** The held-side requirement. */
  heldId: string;
  /** As seen from the held side: "held is <relationship> target". */
  relationship: Relationship;
  strength: number | null;
  note: string | null;
  sourceId: string;
  setId: string;
  inferred: boolean;
  /** Requirement ids from held to target, for inferred links (held, pivot..., target). */
  path: string[];
  /** The stored mappings behind this link, in path order. */
  mappingIds: string[];
  /** The conditions of those mappings (met by the held scope, or the link would not be here). */
  conditions: MappingCondition[];
  /** The scope of the held requirement's framework that admitted it; null when held whole. */
  scope: HeldScope | null;
  /** False when the readiness check lists the held requirement as not implemented yet. */
  implemented: boolean;
}

export interface CoverageItem {
  requirement: Requirement;
  status: CoverageStatus;
  /** Whether the status rests on inference (no direct link existed). */
  inferred: boolean;
  /** Best links first: direct before inferred, then by relationship and strength. */
  via: CoverageLink[];
  /** The NO_RELATIONSHIP records that make a NONE an assessed answer. */
  assessments: NoRelationship[];
  /** Direct links that would count but fall outside the held scope or miss their mapping's condition. */
  outOfScope: CoverageLink[];
}

/** Everything coverage needs to know about the graph around the target. */
export interface CoverageGraph {
  targetFrameworkId: string;
  /** Held frameworks and their scopes (domain/scope.ts decides what is in scope). */
  held: HeldSide;
  /** When set, only these held requirements count (the readiness check); the others give NOT_IMPLEMENTED. */
  implemented: ReadonlySet<string> | null;
  targets: readonly Requirement[];
  mappingSets: readonly MappingSet[];
  /** Stored mappings touching each target requirement. */
  mappingsOf: ReadonlyMap<string, readonly Mapping[]>;
  noRelationshipsOf: ReadonlyMap<string, readonly NoRelationship[]>;
  /** For inference: stored mappings touching each pivot requirement (one hop from a target). */
  pivotMappingsOf: ReadonlyMap<string, readonly Mapping[]> | null;
}

/** The far end of a mapping and the relationship seen from it toward `here`. */
export function seenFrom(mapping: Mapping, here: string): { other: string; relationshipToHere: Relationship } {
  return mapping.fromId === here
    ? { other: mapping.toId, relationshipToHere: inverseRelationship(mapping.relationship) }
    : { other: mapping.fromId, relationshipToHere: mapping.relationship };
}

export function computeCoverage(graph: CoverageGraph): CoverageItem[] {
  return graph.targets.map((target) => coverageOf(target, graph));
}

/** A held requirement in scope (implemented or not: readiness is decided afterwards). */
function isHeld(graph: CoverageGraph, requirementId: string): boolean {
  return isHeldRequirement(graph.held, requirementId);
}

function isImplemented(graph: CoverageGraph, requirementId: string): boolean {
  return graph.implemented === null || graph.implemented.has(requirementId);
}

// The functions below avoid closures made per item: under tsx (how `npm start` runs), esbuild's
// keepNames wraps each named closure in a __name call that defines its name property at every
// creation, which was 3% of the headline coverage's server time.

function coverageOf(target: Requirement, graph: CoverageGraph): CoverageItem {
  const { links: direct, outOfScope } = directLinks(target, graph);
  const assessments = assessmentsOf(target, graph);
  // A direct link always wins; inference speaks only where no direct link exists.
  const directInPlace = direct.filter(isInPlace);
  if (directInPlace.length > 0) return coverageItem(target, statusOf(directInPlace), false, directInPlace, assessments, outOfScope);
  const inferred = graph.pivotMappingsOf ? inferredLinks(target, graph) : [];
  const inferredInPlace = inferred.filter(isInPlace);
  if (inferredInPlace.length > 0) return coverageItem(target, statusOf(inferredInPlace), true, inferredInPlace, assessments, outOfScope);
  // Readiness: held requirements would cover it, none is in place yet. The links say what would.
  if (direct.length > 0) return coverageItem(target, 'NOT_IMPLEMENTED', false, direct, assessments, outOfScope);
  if (inferred.length > 0) return coverageItem(target, 'NOT_IMPLEMENTED', true, inferred, assessments, outOfScope);
  const status = isAssessed(target, graph, assessments.length > 0) ? 'NONE' : 'UNASSESSED';
  return coverageItem(target, status, false, [], assessments, outOfScope);
}

function coverageItem(requirement: Requirement, status: CoverageStatus, inferred: boolean, via: CoverageLink[], assessments: NoRelationship[], outOfScope: CoverageLink[]): CoverageItem {
  return { requirement, status, inferred, via, assessments, outOfScope };
}

function isInPlace(link: CoverageLink): boolean {
  return link.implemented;
}

/** The NO_RELATIONSHIP records about the target in sets between its framework and a held one. */
function assessmentsOf(target: Requirement, graph: CoverageGraph): NoRelationship[] {
  const records = graph.noRelationshipsOf.get(target.id);
  if (!records || records.length === 0) return [];
  return records.filter((n) => {
    const set = graph.mappingSets.find((s) => s.id === n.setId);
    return set !== undefined && graph.held.frameworkIds.has(otherFramework(set, target.frameworkId));
  });
}

function directLinks(target: Requirement, graph: CoverageGraph): { links: CoverageLink[]; outOfScope: CoverageLink[] } {
  const links: CoverageLink[] = [];
  const outOfScope: CoverageLink[] = [];
  for (const mapping of graph.mappingsOf.get(target.id) ?? []) {
    const { other, relationshipToHere } = seenFrom(mapping, target.id);
    if (!graph.held.frameworkIds.has(frameworkIdOf(other))) continue;
    const link: CoverageLink = {
      heldId: other,
      relationship: relationshipToHere,
      strength: mapping.strength,
      note: mapping.note,
      sourceId: mapping.sourceId,
      setId: mapping.setId,
      inferred: false,
      path: [other, target.id],
      mappingIds: [mapping.id],
      conditions: mapping.condition ? [mapping.condition] : [],
      scope: graph.held.scopes.get(frameworkIdOf(other)) ?? null,
      implemented: isImplemented(graph, other),
    };
    (isHeld(graph, other) && conditionMet(mapping.condition, graph.held) ? links : outOfScope).push(link);
  }
  return { links: rankLinks(links), outOfScope: rankLinks(outOfScope) };
}

/** Chains held -r1-> pivot -r2-> target through one framework that is not held, composed soundly. */
function inferredLinks(target: Requirement, graph: CoverageGraph): CoverageLink[] {
  const best = new Map<string, CoverageLink>();
  for (const second of graph.mappingsOf.get(target.id) ?? []) {
    const { other: pivot, relationshipToHere: r2 } = seenFrom(second, target.id);
    const pivotFramework = frameworkIdOf(pivot);
    if (graph.held.frameworkIds.has(pivotFramework) || pivotFramework === target.frameworkId) continue;
    if (!conditionMet(second.condition, graph.held)) continue;
    for (const first of graph.pivotMappingsOf!.get(pivot) ?? []) {
      const { other: held, relationshipToHere: r1 } = seenFrom(first, pivot);
      if (!isHeld(graph, held) || !conditionMet(first.condition, graph.held)) continue;
      const composed = composeRelationships(r1, r2);
      if (composed === null) continue;
      const link: CoverageLink = {
        heldId: held,
        relationship: composed,
        strength: weakest(first.strength, second.strength),
        note: null,
        sourceId: first.sourceId === second.sourceId ? first.sourceId : `${first.sourceId}+${second.sourceId}`,
        setId: `${first.setId}+${second.setId}`,
        inferred: true,
        path: [held, pivot, target.id],
        mappingIds: [first.id, second.id],
        conditions: [first.condition, second.condition].filter((c): c is MappingCondition => c !== null),
        scope: graph.held.scopes.get(frameworkIdOf(held)) ?? null,
        implemented: isImplemented(graph, held),
      };
      // Several pivots can join the same held requirement: keep the strongest chain.
      const existing = best.get(held);
      if (!existing || compareLinks(link, existing) < 0) best.set(held, link);
    }
  }
  return rankLinks([...best.values()]);
}

function weakest(a: number | null, b: number | null): number | null {
  return a === null || b === null ? null : Math.min(a, b);
}

function statusOf(links: readonly CoverageLink[]): CoverageStatus {
  // Several partial links never add up to FULL: set theory does not promise it.
  return links.some((l) => isFullCoverage(l.relationship)) ? 'FULL' : 'PARTIAL';
}

/** Did any mapping set between the target's framework and a held one examine this requirement? */
function isAssessed(target: Requirement, graph: CoverageGraph, hasExplicitRecord: boolean): boolean {
  if (hasExplicitRecord) return true;
  const mappedInSet = new Set((graph.mappingsOf.get(target.id) ?? []).map((m) => m.setId));
  return graph.mappingSets.some((set) => {
    if (set.fromFrameworkId !== target.frameworkId && set.toFrameworkId !== target.frameworkId) return false;
    if (!graph.held.frameworkIds.has(otherFramework(set, target.frameworkId))) return false;
    // A link to a held requirement outside the implemented set still shows the set examined it.
    return examinedBy(set, target) || mappedInSet.has(set.id);
  });
}

/** The set says it examined every requirement of the target's side (or those with one of its tags). */
function examinedBy(set: MappingSet, target: Requirement): boolean {
  const side = set.fromFrameworkId === target.frameworkId ? 'from' : 'to';
  return set.comprehensive.some((c) => c.side === side && (c.tag === null || target.tags.includes(c.tag)));
}

function otherFramework(set: MappingSet, frameworkId: string): string {
  return set.fromFrameworkId === frameworkId ? set.toFrameworkId : set.fromFrameworkId;
}

// One collator for every comparison: localeCompare with options builds a new one on each call.
const naturalOrder = new Intl.Collator('en', { numeric: true });

/** Orders links: direct before inferred, stronger relationship, higher strength, then held id. */
export function compareLinks(a: CoverageLink, b: CoverageLink): number {
  return (
    Number(a.inferred) - Number(b.inferred) ||
    coverageRank(b.relationship) - coverageRank(a.relationship) ||
    (b.strength ?? 0) - (a.strength ?? 0) ||
    naturalOrder.compare(a.heldId, b.heldId)
  );
}

function rankLinks(links: CoverageLink[]): CoverageLink[] {
  return links.sort(compareLinks);
}

export interface CoverageSummary {
  total: number;
  full: number;
  partial: number;
  /** Readiness only: covered by held requirements that are not implemented yet. */
  notImplemented: number;
  none: number;
  unassessed: number;
  /** Share of requirements covered fully or in part. */
  coveredShare: number;
  /** Share of requirements covered fully. */
  fullShare: number;
}

export function summarise(items: readonly Pick<CoverageItem, 'status'>[]): CoverageSummary {
  const counts: Record<CoverageStatus, number> = { FULL: 0, PARTIAL: 0, NOT_IMPLEMENTED: 0, NONE: 0, UNASSESSED: 0 };
  for (const item of items) counts[item.status]++;
  const total = items.length;
  const { FULL: full, PARTIAL: partial } = counts;
  return { total, full, partial, notImplemented: counts.NOT_IMPLEMENTED, none: counts.NONE, unassessed: counts.UNASSESSED, coveredShare: shareOf(full + partial, total), fullShare: shareOf(full, total) };
}

/** A share rounded to four decimals; 0 of nothing. */
function shareOf(n: number, total: number): number {
  return total === 0 ? 0 : Math.round((n / total) * 10_000) / 10_000;
}

export interface GroupSummary {
  groupId: string;
  summary: CoverageSummary;
}

/** Summaries per top-level group of the target (an Annex A objective, a clause, a TSC series), in catalog order. */
export function summariseByGroup(items: readonly CoverageItem[], topLevelOf: (requirement: Requirement) => string): GroupSummary[] {
  const groups = new Map<string, CoverageItem[]>();
  for (const item of items) {
    const group = topLevelOf(item.requirement);
    const members = groups.get(group);
    if (members) members.push(item);
    else groups.set(group, [item]);
  }
  return [...groups.entries()].map(([groupId, groupItems]) => ({ groupId, summary: summarise(groupItems) }));
}
