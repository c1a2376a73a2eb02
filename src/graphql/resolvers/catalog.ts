import { frameworkIdOf, globalId } from '../../domain/ids.js';
import type { RequestContext } from '../context.js';
import type { Resolvers } from '../generated/resolvers-types.js';
import { loadAll } from '../loaders.js';
import { requireFramework } from '../lookup.js';
import { slicePage, toPaging } from '../pagination.js';
import type { Relation } from '../../domain/graph-store.js';
import type { RequirementConnectionModel } from '../models.js';

/** Disciplines, risks and evidence: the nodes that link requirements across frameworks. */

interface RequirementListArgs {
  framework?: string | null;
  first?: number | null;
  after?: string | null;
}

/** A page of the requirements linked to a node, optionally of one framework. */
async function linkedRequirements(ctx: RequestContext, relation: Relation, id: string, args: RequirementListArgs): Promise<RequirementConnectionModel> {
  const paging = toPaging([relation, id, args.framework ?? null], args.first, args.after);
  if (args.framework != null) await requireFramework(ctx, args.framework, 'framework');
  const ids = await ctx.loaders.related(relation).load(id);
  const wanted = args.framework == null ? ids : ids.filter((r) => frameworkIdOf(r) === args.framework);
  const slice = slicePage(wanted, paging, (requirementId) => requirementId);
  return { ...slice, items: await loadAll(ctx.loaders, 'Requirement', slice.items) };
}

export const catalogResolvers: Resolvers = {
  Query: {
    disciplines: async (_root, { scope }, ctx) => (await ctx.store.allNodes('Discipline')).filter((d) => !scope || d.scope === scope),
    risks: async (_root, { category }, ctx) => (await ctx.store.allNodes('Risk')).filter((r) => !category || r.category === category),
    evidence: (_root, _args, ctx) => ctx.store.allNodes('Evidence'),
  },
  Discipline: {
    id: (d) => globalId('Discipline', d.id),
    requirements: (d, args, ctx) => linkedRequirements(ctx, 'requirementsOfDiscipline', d.id, args),
    risks: async (d, _args, ctx) => loadAll(ctx.loaders, 'Risk', await ctx.loaders.related('risksOfDiscipline').load(d.id)),
  },
  Risk: {
    id: (r) => globalId('Risk', r.id),
    discipline: (r, _args, ctx) => (r.disciplineId ? ctx.loaders.node('Discipline').load(r.disciplineId) : null),
    requirements: (r, args, ctx) => linkedRequirements(ctx, 'requirementsOfRisk', r.id, args),
  },
  Evidence: {
    id: (e) => globalId('Evidence', e.id),
    requirements: (e, args, ctx) => linkedRequirements(ctx, 'requirementsOfEvidence', e.id, args),
    frameworks: async (e, _args, ctx) => {
      const ids = await ctx.loaders.related('requirementsOfEvidence').load(e.id);
      const frameworkIds = [...new Set(ids.map(frameworkIdOf))];
      return loadAll(ctx.loaders, 'Framework', frameworkIds);
    },
  },
};

