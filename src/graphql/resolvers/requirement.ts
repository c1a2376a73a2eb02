import { frameworkIdOf, isFrameworkIdForm } from '../../domain/ids.js';
import type { Resolvers } from '../generated/resolvers-types.js';
import { badInput, checkAll } from '../errors.js';
import { checkMappingArgs } from '../mapping-args.js';
import { selectMappings } from '../../domain/mapping-filter.js';
import { inverseRelationship } from '../../domain/relationships.js';
import { loadAll } from '../loaders.js';
import { requireFramework, requireRequirement } from '../lookup.js';
import { connectionResolvers, fromStorePage, storePage, toPaging } from '../pagination.js';

const MAX_SEARCH_LENGTH = 200;

export const requirementResolvers: Resolvers = {
  Query: {
    requirement: (_root, { id }, ctx) => requireRequirement(ctx, id),
    requirements: async (_root, { framework, kind, search, first, after }, ctx) => {
      if (framework != null) await requireFramework(ctx, framework, 'framework');
      if (search != null && search.length > MAX_SEARCH_LENGTH) {
        throw badInput(`"search" is at most ${MAX_SEARCH_LENGTH} characters.`, 'search');
      }
      // Framework.requirements lists the same rows for the same filter: their cursors are interchangeable.
      const paging = toPaging(['requirements', framework ?? null, kind ?? null, search || null], first, after);
      const result = await ctx.loaders.requirementPages.load({
        filter: {
          ...(framework != null ? { frameworkIds: [framework] } : {}),
          ...(kind ? { kinds: [kind] } : {}),
          ...(search ? { search } : {}),
        },
        page: storePage(paging),
      });
      return fromStorePage(paging, result);
    },
  },
  Requirement: {
    framework: async (requirement, _args, ctx) => (await ctx.loaders.node('Framework').load(requirement.frameworkId))!,
    parent: (requirement, _args, ctx) => (requirement.parentId ? ctx.loaders.node('Requirement').load(requirement.parentId) : null),
    children: async (requirement, _args, ctx) => loadAll(ctx.loaders, 'Requirement', await ctx.loaders.related('children').load(requirement.id)),
    disciplines: async (requirement, _args, ctx) =>
      loadAll(ctx.loaders, 'Discipline', await ctx.loaders.related('disciplinesOfRequirement').load(requirement.id)),
    risks: async (requirement, _args, ctx) => loadAll(ctx.loaders, 'Risk', await ctx.loaders.related('risksOfRequirement').load(requirement.id)),
    evidence: async (requirement, _args, ctx) =>
      loadAll(ctx.loaders, 'Evidence', await ctx.loaders.related('evidenceOfRequirement').load(requirement.id)),
    mappings: async (requirement, { framework, filter, orderBy }, ctx) => {
      const [{ filter: checked, order }] = await checkAll([
        checkMappingArgs(ctx, { filter, orderBy }),
        () => {
          if (framework != null && !isFrameworkIdForm(framework)) {
            throw badInput(`"framework" must be a framework id such as "soc2"; got "${framework.slice(0, 80)}".`, 'framework');
          }
        },
      ] as const);
      const mappings = await ctx.loaders.mappingsOf.load(requirement.id);
      const views = mappings
        .map((mapping) => ({ fromHere: requirement.id, mapping }))
        .filter(({ fromHere, mapping }) => {
          const other = mapping.fromId === fromHere ? mapping.toId : mapping.fromId;
          return framework == null || frameworkIdOf(other) === framework;
        });
      // The relationship filter reads each mapping from this requirement, as the list shows it.
      return selectMappings(views, (v) => v.mapping, checked, order, (v) => (v.mapping.fromId === v.fromHere ? v.mapping.relationship : inverseRelationship(v.mapping.relationship)));
    },
    noRelationships: (requirement, _args, ctx) => ctx.loaders.noRelationshipsOf.load(requirement.id),
  },
  RequirementConnection: connectionResolvers(),
};
