import type { Resolvers } from '../generated/resolvers-types.js';
import { loadAll } from '../loaders.js';
import { requireFramework } from '../lookup.js';
import { fromStorePage, storePage, toPaging } from '../pagination.js';

export const frameworkResolvers: Resolvers = {
  Query: {
    frameworks: (_root, _args, ctx) => ctx.store.allNodes('Framework'),
    framework: (_root, { id }, ctx) => requireFramework(ctx, id),
  },
  Framework: {
    frameworkKind: (framework) => framework.kind,
    requirements: async (framework, { kind, first, after }, ctx) => {
      const paging = toPaging(['requirements', framework.id, kind ?? null, null], first, after);
      const result = await ctx.loaders.requirementPages.load({
        filter: { frameworkIds: [framework.id], ...(kind ? { kinds: [kind] } : {}) },
        page: storePage(paging),
      });
      return fromStorePage(paging, result);
    },
    topLevel: async (framework, _args, ctx) => loadAll(ctx.loaders, 'Requirement', await ctx.loaders.related('children').load(framework.id)),
    mappingSets: async (framework, _args, ctx) =>
      (await ctx.store.allNodes('MappingSet')).filter((s) => s.fromFrameworkId === framework.id || s.toFrameworkId === framework.id),
  },
};
