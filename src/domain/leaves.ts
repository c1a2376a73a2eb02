import type { Requirement } from './types.js';

/**
 * A readiness list may name a group (`soc2:CC6`): it stands for every leaf below it, since only
 * leaves are mapped. Leaves stay as they are; the answer keeps catalog order and has no repeats.
 */
export function expandToLeaves(ids: readonly string[], catalog: readonly Requirement[]): string[] {
  const childrenOf = new Map<string, Requirement[]>();
  for (const r of catalog) if (r.parentId) childrenOf.set(r.parentId, [...(childrenOf.get(r.parentId) ?? []), r]);
  const leaves = new Set<string>();
  const visit = (id: string) => {
    const children = childrenOf.get(id);
    if (!children || children.length === 0) leaves.add(id);
    else children.forEach((c) => visit(c.id));
  };
  ids.forEach(visit);
  const order = new Map(catalog.map((r, i) => [r.id, i]));
  return [...leaves].sort((a, b) => (order.get(a) ?? Infinity) - (order.get(b) ?? Infinity));
}
