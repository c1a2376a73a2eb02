import { keptTargetGraphs, viewContext } from '../context.js';
import { queryCoverage } from '../../analysis/coverage-query.js';
import { queryGaps } from '../../analysis/gaps.js';
import { loadGroundwork } from '../../analysis/groundwork.js';
import { GAP_ORDER_DESCRIPTION } from '../../domain/gaps.js';
import type { CoverageLink } from '../../domain/coverage.js';
import type { GroundworkEntry } from '../../domain/groundwork.js';
import { describeScopeValues, type HeldSide } from '../../domain/scope.js';
import type { Requirement } from '../../domain/types.js';
import { checkAnalysisArgs } from '../analysis-args.js';
import type { RequestContext } from '../context.js';
import type { Resolvers } from '../generated/resolvers-types.js';
import { badInput } from '../errors.js';
import { loadAll } from '../loaders.js';
import type { CoverageItemModel, CoverageModel, GroundworkLookup } from '../models.js';
import { connectionResolvers, slicePage, toPaging } from '../pagination.js';
import { matchesWords, searchWords } from '../../domain/search.js';

const MAX_GROUNDWORK = 100;
const MAX_SEARCH_LENGTH = 200;

/** Computes groundwork for all the given targets once, on first use. */
function groundworkLookup(ctx: RequestContext, targetIds: () => string[], held: HeldSide, implemented: string[] | null): GroundworkLookup {
  let pending: Promise<Map<string, GroundworkEntry[]>> | undefined;
  return () => (pending ??= loadGroundwork(ctx.store, targetIds(), { held, implemented: implemented ? new Set(implemented) : null }));
}

async function groundworkOf(lookup: GroundworkLookup, requirement: Requirement, exclude: ReadonlySet<string>, first: number | null | undefined) {
  const limit = first ?? 10;
  if (!Number.isInteger(limit) || limit < 0 || limit > MAX_GROUNDWORK) throw badInput(`"first" must be between 0 and ${MAX_GROUNDWORK}.`, 'first');
  const entries = (await lookup()).get(requirement.id) ?? [];
  return entries.filter((e) => !exclude.has(e.requirementId)).slice(0, limit);
}

/**
 * Items with the held ends of their links loaded in one batch, so each link resolves without a
 * promise of its own. The items and links were made for this request by its own analysis, so they
 * are completed in place: copying each (object spreads of a dozen fields) was 6% of the headline
 * coverage's server time.
 */
async function itemModels(c: CoverageModel, items: CoverageModel['items'], ctx: RequestContext): Promise<CoverageItemModel[]> {
  const heldIds = new Set<string>();
  for (const item of items) for (const link of [...item.via, ...item.outOfScope]) heldIds.add(link.heldId);
  const held = await loadAll(ctx.loaders, 'Requirement', [...heldIds]);
  const byId = new Map(held.map((r) => [r.id, r]));
  const models = items as CoverageItemModel[];
  for (const model of models) {
    model.groundwork = c.groundwork;
    for (const link of model.via) link.held = byId.get(link.heldId);
    for (const link of model.outOfScope) link.held = byId.get(link.heldId);
  }
  return models;
}

const requirementOf = (ctx: RequestContext, id: string) => ctx.loaders.node('Requirement').load(id).then((r) => r!);

export const coverageResolvers: Resolvers = {
  Query: {
    coverage: async (_root, args, outer) => {
      const ctx = await viewContext(outer, args.includeProposed);

      const checked = await checkAnalysisArgs(ctx, args);
      const result = await queryCoverage(ctx.store, { ...checked, target: checked.target.id, inferred: args.inferred ?? false, pacer: ctx.pacer, targetGraphs: keptTargetGraphs(ctx) });
      const ids = result.items.map((i) => i.requirement.id);
      return { ...result, groundwork: groundworkLookup(ctx, () => ids, result.heldSide, checked.implemented) };
    },
    gaps: async (_root, args, outer) => {
      const ctx = await viewContext(outer, args.includeProposed);

      const checked = await checkAnalysisArgs(ctx, args);
      const { gaps, groundwork } = await queryGaps(ctx.store, { ...checked, target: checked.target.id, inferred: args.inferred ?? false, pacer: ctx.pacer, targetGraphs: keptTargetGraphs(ctx) });
      const lookup: GroundworkLookup = async () => groundwork;
      return {
        target: checked.target.id,
        held: checked.held,
        scopes: checked.scopes,
        kind: checked.kind,
        inferred: args.inferred ?? false,
        implemented: checked.implemented,
        gaps: gaps.map((g) => ({ ...g, groundwork: lookup })),
      };
    },
  },
  Coverage: {
    target: (c, _args, ctx) => ctx.loaders.node('Framework').load(c.target).then((f) => f!),
    held: (c, _args, ctx) => loadAll(ctx.loaders, 'Framework', c.held),
    items: (c, _args, ctx) => itemModels(c, c.items, ctx),
    itemsPage: async (c, { group, search, first, after }, ctx) => {
      if (search != null && search.length > MAX_SEARCH_LENGTH) throw badInput(`"search" is at most ${MAX_SEARCH_LENGTH} characters.`, 'search');
      if (group != null && !c.groups.some((g) => g.groupId === group)) {
        throw badInput(`"group" must be the id of one of this coverage's groups (${c.groups.map((g) => g.groupId).slice(0, 5).join(', ')}, ...); got "${group.slice(0, 100)}".`, 'group');
      }
      // The cursor belongs to this exact list: same analysis arguments, same group and search.
      const paging = toPaging(['Coverage.itemsPage', c.target, c.held, c.scopes, c.kind, c.inferred, group ?? null, search ?? null], first, after, 100);
      const words = searchWords(search ?? undefined);
      const kept = c.items.filter((i) => (group == null || i.groupId === group) && matchesWords(words, i.requirement.ref, i.requirement.title));
      const page = slicePage(kept, paging, (i) => i.requirement.id);
      return { ...page, items: await itemModels(c, page.items, ctx) };
    },
  },
  CoverageItemConnection: connectionResolvers(),
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
      // The link names only mappings its analysis used; with a workspace, proposed ones too when it
      // ran with includeProposed, so they are looked up where proposals are visible (a superset).
      const view = await viewContext(ctx, true);
      const lists = await view.loaders.mappingsOf.loadMany(link.path.slice(0, -1));
      const all = lists.flatMap((l) => (l instanceof Error ? [] : l));
      return link.mappingIds.map((id) => all.find((m) => m.id === id)!).filter(Boolean);
    },
  },
  Groundwork: {
    requirement: (g, _args, ctx) => requirementOf(ctx, g.requirementId),
    disciplines: (g, _args, ctx) => loadAll(ctx.loaders, 'Discipline', g.disciplineIds),
  },
  FrameworkScope: {
    framework: (s, _args, ctx) => ctx.loaders.node('Framework').load(s.frameworkId).then((f) => f!),
    categories: (s) => (s.categories ?? null) as never,
    roles: (s) => (s.roles ?? null) as never,
    riskClasses: (s) => (s.riskClasses ?? null) as never,
    description: (s) => describeScopeValues(s) || 'the whole framework',
  },
  MappingCondition: {
    categories: (c) => (c.categories ?? null) as never,
    roles: (c) => (c.roles ?? null) as never,
    riskClasses: (c) => (c.riskClasses ?? null) as never,
    description: (c) => describeScopeValues(c),
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
    notImplemented: (g) => g.gaps.filter((x) => x.item.status === 'NOT_IMPLEMENTED').length,
    unassessed: (g) => g.gaps.filter((x) => x.item.status === 'UNASSESSED').length,
    items: (g) => g.gaps,
    // The cursor belongs to this exact list: the same analysis arguments.
    itemsPage: (g, { first, after }) => slicePage(g.gaps, toPaging(['Gaps.itemsPage', g.target, g.held, g.scopes, g.kind, g.inferred, g.implemented], first, after, 50), (x) => x.item.requirement.id),
  },
  GapConnection: connectionResolvers(),
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
