import { globalId, setMemberGlobalId } from '../../domain/ids.js';
import { inverseRelationship } from '../../domain/relationships.js';
import type { Mapping } from '../../domain/types.js';
import type { RequestContext } from '../context.js';
import type { Resolvers } from '../generated/resolvers-types.js';
import { connectionResolvers, slicePage, toPaging } from '../pagination.js';
import { mappingContentHash, mappingSetContentHash, noRelationshipContentHash } from '../content-hash.js';
import { requireMapping, requireMappingSet } from '../lookup.js';
import { checkMappingArgs } from '../mapping-args.js';
import { selectMappings } from '../../domain/mapping-filter.js';

const load = async <T>(promise: Promise<T | null>): Promise<T> => (await promise)!;
const source = (ctx: RequestContext, id: string) => load(ctx.loaders.node('MappingSource').load(id));
const mappingSet = (ctx: RequestContext, id: string) => load(ctx.loaders.node('MappingSet').load(id));
const requirement = (ctx: RequestContext, id: string) => load(ctx.loaders.node('Requirement').load(id));
const framework = (ctx: RequestContext, id: string) => load(ctx.loaders.node('Framework').load(id));

export const mappingResolvers: Resolvers = {
  Query: {
    mappingSources: (_root, _args, ctx) => ctx.store.allNodes('MappingSource'),
    mappingSets: (_root, _args, ctx) => ctx.store.allNodes('MappingSet'),
    mappingSet: (_root, { id }, ctx) => requireMappingSet(ctx, id),
    mapping: (_root, { id }, ctx) => requireMapping(ctx, id),
  },
  Mapping: {
    id: (m) => setMemberGlobalId('Mapping', m.id),
    contentHash: (m) => mappingContentHash(m),
    from: (m, _args, ctx) => requirement(ctx, m.fromId),
    to: (m, _args, ctx) => requirement(ctx, m.toId),
    source: (m, _args, ctx) => source(ctx, m.sourceId),
    mappingSet: (m, _args, ctx) => mappingSet(ctx, m.setId),
  },
  RequirementMapping: {
    relationship: ({ fromHere, mapping }) => (isInverse(fromHere, mapping) ? inverseRelationship(mapping.relationship) : mapping.relationship),
    other: ({ fromHere, mapping }, _args, ctx) => requirement(ctx, isInverse(fromHere, mapping) ? mapping.fromId : mapping.toId),
    strength: ({ mapping }) => mapping.strength,
    rationale: ({ mapping }) => mapping.rationale,
    note: ({ mapping }) => mapping.note,
    condition: ({ mapping }) => mapping.condition,
    source: ({ mapping }, _args, ctx) => source(ctx, mapping.sourceId),
    mappingSet: ({ mapping }, _args, ctx) => mappingSet(ctx, mapping.setId),
    inverse: ({ fromHere, mapping }) => isInverse(fromHere, mapping),
    mapping: ({ mapping }) => mapping,
  },
  NoRelationship: {
    id: (n) => setMemberGlobalId('NoRelationship', n.id),
    contentHash: (n) => noRelationshipContentHash(n),
    requirement: (n, _args, ctx) => requirement(ctx, n.requirementId),
    mappingSet: (n, _args, ctx) => mappingSet(ctx, n.setId),
    otherFramework: async (n, _args, ctx) => {
      const set = await mappingSet(ctx, n.setId);
      return framework(ctx, n.side === 'from' ? set.toFrameworkId : set.fromFrameworkId);
    },
    source: (n, _args, ctx) => source(ctx, n.sourceId),
  },
  MappingSet: {
    id: (set) => globalId('MappingSet', set.id),
    contentHash: async (set, _args, ctx) => {
      const [mappings, none] = await Promise.all([ctx.loaders.mappingsInSet.load(set.id), ctx.loaders.noRelationshipsInSet.load(set.id)]);
      return mappingSetContentHash(set, mappings, none);
    },
    fromFramework: (set, _args, ctx) => framework(ctx, set.fromFrameworkId),
    toFramework: (set, _args, ctx) => framework(ctx, set.toFrameworkId),
    from: (set, _args, ctx) => framework(ctx, set.fromFrameworkId),
    to: (set, _args, ctx) => framework(ctx, set.toFrameworkId),
    source: (set, _args, ctx) => source(ctx, set.sourceId),
    comprehensive: (set) =>
      set.comprehensive.map((c) => ({ ...c, frameworkId: c.side === 'from' ? set.fromFrameworkId : set.toFrameworkId })),
    entries: async (set, { first, after, filter, orderBy }, ctx) => {
      const { filter: checked, order } = await checkMappingArgs(ctx, { filter, orderBy });
      const paging = toPaging(['MappingSet.entries', set.id, checked, order], first, after, 100);
      const selected = selectMappings(await ctx.loaders.mappingsInSet.load(set.id), (m) => m, checked, order);
      return slicePage(selected, paging, (m) => m.id);
    },
    mappings: async (set, { first, after }, ctx) => {
      const paging = toPaging(['MappingSet.entries', set.id, { relationships: null, minStrength: null, sourceId: null }, 'SET_ORDER'], first, after, 100);
      return slicePage(await ctx.loaders.mappingsInSet.load(set.id), paging, (m) => m.id);
    },
    noRelationships: (set, _args, ctx) => ctx.loaders.noRelationshipsInSet.load(set.id),
  },
  ComprehensiveSide: {
    side: (c) => (c.side === 'from' ? 'FROM' : 'TO'),
    framework: (c, _args, ctx) => framework(ctx, c.frameworkId),
  },
  MappingSource: {
    id: (s) => globalId('MappingSource', s.id),
    mappingSets: async (s, _args, ctx) => (await ctx.store.allNodes('MappingSet')).filter((set) => set.sourceId === s.id),
  },
  MappingConnection: connectionResolvers(),
};

function isInverse(fromHere: string, mapping: Mapping): boolean {
  return mapping.fromId !== fromHere;
}
