import type { GraphStore } from '../domain/graph-store.js';
import type { Discipline, Framework } from '../domain/types.js';

/** The side-by-side buyers ask for: framework facts plus figures computed from the graph. */
export interface FrameworkComparison {
  framework: Framework;
  /** Leaf requirements (clauses, controls, articles). */
  requirementCount: number;
  groupCount: number;
  /** Share of leaf requirements that address at least one AI-scope discipline. */
  aiDisciplineShare: number;
  /** Share of leaf requirements that address at least one SECURITY-scope discipline. */
  securityDisciplineShare: number;
}

export async function queryCompare(store: GraphStore, frameworks: readonly Framework[]): Promise<FrameworkComparison[]> {
  const [pages, disciplines] = await Promise.all([
    store.findRequirements(frameworks.map((f) => ({ filter: { frameworkIds: [f.id] }, page: { after: null, limit: Number.MAX_SAFE_INTEGER } }))),
    store.allNodes('Discipline'),
  ]);
  const scopeOf = new Map<string, Discipline['scope']>(disciplines.map((d) => [d.id, d.scope]));
  const leafIds = pages.map((p) => p.items.filter((r) => r.kind !== 'GROUP').map((r) => r.id));
  const addressed = await store.related('disciplinesOfRequirement', leafIds.flat());
  let offset = 0;
  return frameworks.map((framework, i) => {
    const leaves = leafIds[i]!;
    const lists = addressed.slice(offset, offset + leaves.length);
    offset += leaves.length;
    const share = (scope: Discipline['scope']) =>
      leaves.length === 0 ? 0 : round(lists.filter((ds) => ds.some((d) => scopeOf.get(d) === scope)).length / leaves.length);
    return {
      framework,
      requirementCount: leaves.length,
      groupCount: pages[i]!.items.length - leaves.length,
      aiDisciplineShare: share('AI'),
      securityDisciplineShare: share('SECURITY'),
    };
  });
}

const round = (x: number) => Math.round(x * 10_000) / 10_000;
