import { queryOverlap, queryOverlapMatrix } from '../../analysis/overlap.js';
import { distinctProblems, quotedArgument } from '../../analysis/request-checks.js';
import { checkFrameworkList } from '../analysis-args.js';
import type { RequestContext } from '../context.js';
import { throwFirstProblem } from '../errors.js';
import type { Resolvers } from '../generated/resolvers-types.js';
import { loadAll } from '../loaders.js';
import { requireFramework } from '../lookup.js';
import { slicePage, toPage } from '../pagination.js';

const framework = (ctx: RequestContext, id: string) => ctx.loaders.node('Framework').load(id).then((f) => f!);

export const overlapResolvers: Resolvers = {
  Query: {
    overlap: async (_root, { a, b, inferred }, ctx) => {
      await requireFramework(ctx, a, 'a');
      await requireFramework(ctx, b, 'b');
      throwFirstProblem(distinctProblems(a, b, ['a', 'b'], 'frameworks', quotedArgument));
      return queryOverlap(ctx.store, a, b, inferred ?? false, ctx.pacer);
    },
    overlapMatrix: async (_root, { frameworks, inferred }, ctx) => {
      const ids = frameworks == null ? (await ctx.store.allNodes('Framework')).map((f) => f.id) : await checkFrameworkList(ctx, frameworks, 'frameworks', 2);
      return { frameworks: ids, cells: await queryOverlapMatrix(ctx.store, ids, inferred ?? false, ctx.pacer) };
    },
  },
  Overlap: {
    a: (o, _args, ctx) => framework(ctx, o.a),
    b: (o, _args, ctx) => framework(ctx, o.b),
    mappings: (o, { first, after }) => slicePage(o.mappings, toPage(first, after, 100)),
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
