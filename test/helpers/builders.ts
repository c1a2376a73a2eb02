import type { Requirement } from '../../src/domain/types.js';

/** A leaf requirement for hand-built graphs: `framework:ref`, titled and summarised by its id. */
export function requirement(id: string, position = 0): Requirement {
  return { id, frameworkId: id.split(':')[0]!, ref: id.split(':')[1]!, title: id, summary: id, kind: 'CONTROL', parentId: null, tags: [], position };
}
