import type { TargetGraph, TargetGraphMemo } from '../analysis/coverage-query.js';
import { VersionedMemo } from './versioned-memo.js';

/**
 * The graph around each target framework (its catalog, the mappings and assessments of its
 * requirements: analysis/coverage-query.ts's TargetGraph), kept per version of what the caller
 * sees. Every coverage, gap list, roadmap and matrix into a target starts by gathering it, and it
 * depends on the target, the kind asked for and the version only, not on the question (held
 * frameworks, scopes, implemented controls, inference), so an integrator's varied questions share
 * it. On the embedded store it saves the catalog filter and the per-requirement lookups; on Neo4j
 * the statements or read-cache lookups. Bounded in entries: a framework's is a few hundred kB at most.
 */
export class TargetGraphIndex {
  private readonly memo: VersionedMemo<TargetGraph>;

  constructor(maxEntries = 200) {
    this.memo = new VersionedMemo(maxEntries);
  }

  at(version: string | null): TargetGraphMemo | null {
    const values = this.memo.at(version);
    if (!values) return null;
    return { graph: (target, kind, gather) => values.value(`${target}\0${kind ?? 'ALL'}`, gather) };
  }
}
