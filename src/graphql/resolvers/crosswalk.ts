import { viewContext } from '../context.js';
import { crosswalkRequestProblems, quotedArgument } from '../../analysis/request-checks.js';
import { crosswalkTable } from '../../analysis/tables.js';
import { toCsv, toMarkdown } from '../../exports/text.js';
import { checkAll, throwProblems } from '../errors.js';
import { checkScopes } from '../analysis-args.js';
import type { CoverageStatus } from '../../domain/coverage.js';
import type { Resolvers } from '../generated/resolvers-types.js';
import { requireFramework } from '../lookup.js';
import type { CrosswalkRowModel } from '../models.js';
import { setMemberGlobalId } from '../../domain/ids.js';

const text = ({ cells }: CrosswalkRowModel, key: string) => (cells[key] === null || cells[key] === undefined ? null : String(cells[key]));

export const crosswalkResolvers: Resolvers = {
  Query: {
    crosswalk: async (_root, { from, to, scope, kind, inferred, includeProposed }, outer) => {
      const ctx = await viewContext(outer, includeProposed);

      const [source, target] = await checkAll([
        requireFramework(ctx, from, 'from'),
        requireFramework(ctx, to, 'to'),
        () => throwProblems(crosswalkRequestProblems({ from, to, kind: kind ?? null }, quotedArgument)),
      ] as const);
      // The table's held side is `from`: a scope may only name it.
      const scopes = checkScopes(scope ?? null, [source.id], 'from');
      return crosswalkTable(ctx.store, { from: source, to: target, kind: kind ?? null, inferred: inferred ?? false, scopes, pacer: ctx.pacer });
    },
  },
  CrosswalkTable: {
    rows: (table) => table.rows.map((cells, i) => ({ cells, link: table.links[i]! })),
    csv: (table) => toCsv(table),
    markdown: (table) => toMarkdown(table),
  },
  CrosswalkRow: {
    targetId: ({ link }) => link.targetId,
    target: ({ link }, _args, ctx) => ctx.loaders.node('Requirement').load(link.targetId).then((r) => r!),
    sourceId: ({ link }) => link.sourceId,
    source: ({ link }, _args, ctx) => (link.sourceId ? ctx.loaders.node('Requirement').load(link.sourceId) : null),
    relation: ({ link }) => link.relation,
    rationale: ({ link }) => link.rationale,
    mappingId: ({ link }) => (link.mappingIds.length === 1 ? setMemberGlobalId('Mapping', link.mappingIds[0]!) : null),
    mappingIds: ({ link }) => link.mappingIds.map((id) => setMemberGlobalId('Mapping', id)),
    targetRef: (row) => String(row.cells.targetRef),
    targetTitle: (row) => String(row.cells.targetTitle),
    status: (row) => row.cells.status as CoverageStatus,
    sourceRef: (row) => text(row, 'sourceRef'),
    sourceTitle: (row) => text(row, 'sourceTitle'),
    relationship: (row) => text(row, 'relationship'),
    strength: (row) => (typeof row.cells.strength === 'number' ? row.cells.strength : null),
    basis: (row) => text(row, 'basis'),
    inferredVia: (row) => text(row, 'inferred'),
    condition: (row) => text(row, 'condition'),
    note: (row) => text(row, 'note'),
    mappingSource: (row) => text(row, 'mappingSource'),
    agreeingSources: (row) => (typeof row.cells.agreeingSources === 'number' ? row.cells.agreeingSources : null),
  },
};
