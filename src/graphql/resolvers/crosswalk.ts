import { crosswalkRequestProblems, quotedArgument } from '../../analysis/request-checks.js';
import { crosswalkTable } from '../../analysis/tables.js';
import { toCsv, toMarkdown } from '../../exports/text.js';
import { throwFirstProblem } from '../errors.js';
import type { Resolvers } from '../generated/resolvers-types.js';
import { requireFramework } from '../lookup.js';

const text = (row: Record<string, unknown>, key: string) => (row[key] === null || row[key] === undefined ? null : String(row[key]));

export const crosswalkResolvers: Resolvers = {
  Query: {
    crosswalk: async (_root, { from, to, kind, inferred }, ctx) => {
      const source = await requireFramework(ctx, from, 'from');
      const target = await requireFramework(ctx, to, 'to');
      throwFirstProblem(crosswalkRequestProblems({ from: source.id, to: target.id, kind: kind ?? null }, quotedArgument));
      return crosswalkTable(ctx.store, { from: source, to: target, kind: kind ?? null, inferred: inferred ?? false, pacer: ctx.pacer });
    },
  },
  CrosswalkTable: {
    csv: (table) => toCsv(table),
    markdown: (table) => toMarkdown(table),
  },
  CrosswalkRow: {
    targetRef: (row) => String(row.targetRef),
    targetTitle: (row) => String(row.targetTitle),
    status: (row) => row.status as 'FULL' | 'PARTIAL' | 'NONE' | 'UNASSESSED',
    sourceRef: (row) => text(row, 'sourceRef'),
    sourceTitle: (row) => text(row, 'sourceTitle'),
    relationship: (row) => text(row, 'relationship'),
    strength: (row) => (typeof row.strength === 'number' ? row.strength : null),
    inferredVia: (row) => text(row, 'inferred'),
    note: (row) => text(row, 'note'),
    mappingSource: (row) => text(row, 'mappingSource'),
  },
};
