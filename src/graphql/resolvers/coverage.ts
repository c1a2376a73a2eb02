import { queryCoverage } from '../../analysis/coverage-query.js';
import { queryGaps } from '../../analysis/gaps.js';
import { loadGroundwork } from '../../analysis/groundwork.js';
import { GAP_ORDER_DESCRIPTION } from '../../domain/gaps.js';
import type { GroundworkEntry } from '../../domain/groundwork.js';
import type { Requirement } from '../../domain/types.js';
import { checkAnalysisArgs } from '../analysis-args.js';
import type { RequestContext } from '../context.js';
import type { Resolvers } from '../generated/resolvers-types.js';
import { badInput } from '../errors.js';
import { loadAll } from '../loaders.js';
import type { GroundworkLookup } from '../models.js';

const MAX_GROUNDWORK = 100;

/** Computes groundwork for all the given targets once, on first use. */
function groundworkLookup(ctx: RequestContext, targetIds: () => string[], held: string[], implemented: string[] | null): GroundworkLookup {
  let pending: Promise<Map<string, GroundworkEntry[]>> | undefined;
  return () => (pending ??= loadGroundwork(ctx.store, targetIds(), { held: new Set(held), implemented: implemented ? new Set(implemented) : null }));
}

async function groundworkOf(lookup: GroundworkLookup, requirement: Requirement, exclude: ReadonlySet<string>, first: number | null | undefined) {
  const limit = first ?? 10;
  if (!Number.isInteger(limit) || limit < 0 || limit > MAX_GROUNDWORK) throw badInput(`"first" must be between 0 and ${MAX_GROUNDWORK}.`, 'first');
  const entries = (await lookup()).get(requirement.id) ?? [];
  return entries.filter((e) => !exclude.has(e.requirementId)).slice(0, limit);
}

const requirementOf = (ctx: RequestContext, id: string) => ctx.loaders.node('Requirement').load(id).then((r) => r!);

export const coverageResolvers: Resolvers = {
  Query: {
    coverage: async (_root, args, ctx) => {
      const checked = await checkAnalysisArgs(ctx, args);
      const result = await queryCoverage(ctx.store, { ...checked, target: checked.target.id, inferred: args.inferred ?? false, pacer: ctx.pacer });
      const ids = result.items.map((i) => i.requirement.id);
      return { ...result, groundwork: groundworkLookup(ctx, () => ids, checked.held, checked.implemented) };
    },
    gaps: async (_root, args, ctx) => {
      const checked = await checkAnalysisArgs(ctx, args);
      const { gaps, groundwork } = await queryGaps(ctx.store, { ...checked, target: checked.target.id, inferred: args.inferred ?? false, pacer: ctx.pacer });
      const lookup: GroundworkLookup = async () => groundwork;
      return { target: checked.target.id, held: checked.held, gaps: gaps.map((g) => ({ ...g, groundwork: lookup })) };
    },
  },
  Coverage: {
    target: (c, _args, ctx) => ctx.loaders.node('Framework').load(c.target).then((f) => f!),
    held: (c, _args, ctx) => loadAll(ctx.loaders, 'Framework', c.held),
    // The held ends of every link load in one batch here, so each link resolves without a promise of its own.
    items: async (c, _args, ctx) => {
      const held = await loadAll(ctx.loaders, 'Requirement', [...new Set(c.items.flatMap((i) => i.via.map((l) => l.heldId)))]);
      const byId = new Map(held.map((r) => [r.id, r]));
      return c.items.map((item) => ({ ...item, groundwork: c.groundwork, via: item.via.map((link) => ({ ...link, held: byId.get(link.heldId) })) }));
    },
  },
  CoverageItem: {
    group: (item, _args, ctx) => requirementOf(ctx, item.groupId),
    noRelationships: (item) => item.assessments,
    groundwork: (item, { first }) => groundworkOf(item.groundwork, item.requirement, new Set(item.via.map((v) => v.heldId)), first),
  },
  CoverageLink: {
    requirement: (link, _args, ctx) => link.held ?? requirementOf(ctx, link.heldId),
    sources: (link, _args, ctx) => loadAll(ctx.loaders, 'MappingSource', [...new Set(link.sourceId.split('+'))]),
    path: (link, _args, ctx) => (link.inferred ? loadAll(ctx.loaders, 'Requirement', link.path) : null),
    mappings: async (link, _args, ctx) => {
      const lists = await ctx.loaders.mappingsOf.loadMany(link.path.slice(0, -1));
      const all = lists.flatMap((l) => (l instanceof Error ? [] : l));
      return link.mappingIds.map((id) => all.find((m) => m.id === id)!).filter(Boolean);
    },
  },
  Groundwork: {
    requirement: (g, _args, ctx) => requirementOf(ctx, g.requirementId),
    disciplines: (g, _args, ctx) => loadAll(ctx.loaders, 'Discipline', g.disciplineIds),
  },
  GroupCoverage: {
    group: (g, _args, ctx) => requirementOf(ctx, g.groupId),
  },
  Gaps: {
    target: (g, _args, ctx) => ctx.loaders.node('Framework').load(g.target).then((f) => f!),
    held: (g, _args, ctx) => loadAll(ctx.loaders, 'Framework', g.held),
    ordering: () => GAP_ORDER_DESCRIPTION,
    total: (g) => g.gaps.length,
    none: (g) => g.gaps.filter((x) => x.item.status === 'NONE').length,
    unassessed: (g) => g.gaps.filter((x) => x.item.status === 'UNASSESSED').length,
    items: (g) => g.gaps,
  },
  Gap: {
    requirement: (g) => g.item.requirement,
    status: (g) => g.item.status,
    disciplines: async (g, _args, ctx) => loadAll(ctx.loaders, 'Discipline', await ctx.loaders.related('disciplinesOfRequirement').load(g.item.requirement.id)),
    risks: async (g, _args, ctx) => loadAll(ctx.loaders, 'Risk', await ctx.loaders.related('risksOfRequirement').load(g.item.requirement.id)),
    evidence: async (g, _args, ctx) => loadAll(ctx.loaders, 'Evidence', await ctx.loaders.related('evidenceOfRequirement').load(g.item.requirement.id)),
    noRelationships: (g) => g.item.assessments,
    groundwork: (g, { first }) => groundworkOf(g.groundwork, g.item.requirement, new Set(), first),
  },
};
