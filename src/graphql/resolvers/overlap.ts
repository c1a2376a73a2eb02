import { keptTargetGraphs, viewContext } from '../context.js';
import { queryOverlap, queryOverlapMatrix } from '../../analysis/overlap.js';
import { distinctProblems, quotedArgument } from '../../analysis/request-checks.js';
import { checkFrameworkList } from '../analysis-args.js';
import type { RequestContext } from '../context.js';
import { checkAll, throwProblems } from '../errors.js';
import type { Resolvers } from '../generated/resolvers-types.js';
import { loadAll } from '../loaders.js';
import { requireFramework } from '../lookup.js';
import { slicePage, toPaging } from '../pagination.js';
import { checkMappingArgs } from '../mapping-args.js';
import { selectMappings } from '../../domain/mapping-filter.js';

const framework = (ctx: RequestContext, id: string) => ctx.loaders.node('Framework').load(id).then((f) => f!);

export const overlapResolvers: Resolvers = {
  Query: {
    overlap: async (_root, { a, b, inferred, includeProposed }, outer) => {
      const ctx = await viewContext(outer, includeProposed);

      await checkAll([
        requireFramework(ctx, a, 'a'),
        requireFramework(ctx, b, 'b'),
        () => throwProblems(distinctProblems(a, b, ['a', 'b'], 'frameworks', quotedArgument)),
      ] as const);
      return queryOverlap(ctx.store, a, b, inferred ?? false, ctx.pacer, keptTargetGraphs(ctx));
    },
    overlapMatrix: async (_root, { frameworks, inferred, includeProposed }, outer) => {
      const ctx = await viewContext(outer, includeProposed);

      const ids = frameworks == null ? (await ctx.store.allNodes('Framework')).map((f) => f.id) : await checkFrameworkList(ctx, frameworks, 'frameworks', 2);
      return { frameworks: ids, cells: await queryOverlapMatrix(ctx.store, ids, inferred ?? false, ctx.pacer, ctx.pairSummaries?.at(ctx.datasetVersion) ?? null, keptTargetGraphs(ctx)) };
    },
  },
  Overlap: {
    a: (o, _args, ctx) => framework(ctx, o.a),
    b: (o, _args, ctx) => framework(ctx, o.b),
    mappings: async (o, { first, after, filter, orderBy }, ctx) => {
      const { filter: checked, order } = await checkMappingArgs(ctx, { filter, orderBy });
      const paging = toPaging(['Overlap.mappings', o.a, o.b, checked, order], first, after, 100);
      return slicePage(selectMappings(o.mappings, (m) => m, checked, order), paging, (m) => m.id);
    },
  },
  DirectionalOverlap: {
    from: (d, _args, ctx) => framework(ctx, d.from),
    to: (d, _args, ctx) => framework(ctx, d.to),
  },
  SharedDiscipline: {
    discipline: (s, _args, ctx) => ctx.loaders.node('Discipline').load(s.disciplineId).then((d) => d!),
  },
  OverlapMatrix: {
    frameworks: (m, _args, ctx) => loadAll(ctx.loaders, 'Framework', m.frameworks),
  },
};
