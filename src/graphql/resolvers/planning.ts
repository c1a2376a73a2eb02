import { keptTargetGraphs, viewContext } from '../context.js';
import { queryCompare } from '../../analysis/compare.js';
import { queryEvidencePlan } from '../../analysis/evidence-plan.js';
import { queryRoadmap } from '../../analysis/roadmap.js';
import { checkFrameworkList, checkScopes } from '../analysis-args.js';
import type { RequestContext } from '../context.js';
import { throwProblems } from '../errors.js';
import { quotedArgument, roadmapRequestProblems } from '../../analysis/request-checks.js';
import type { Resolvers } from '../generated/resolvers-types.js';
import { loadAll } from '../loaders.js';

const framework = (ctx: RequestContext, id: string) => ctx.loaders.node('Framework').load(id).then((f) => f!);

export const planningResolvers: Resolvers = {
  Query: {
    evidencePlan: async (_root, { frameworks }, ctx) => queryEvidencePlan(ctx.store, await checkFrameworkList(ctx, frameworks, 'frameworks')),
    compare: async (_root, { frameworks }, ctx) => {
      const ids = await checkFrameworkList(ctx, frameworks, 'frameworks');
      return queryCompare(ctx.store, await loadAll(ctx.loaders, 'Framework', ids));
    },
    roadmap: async (_root, { held, scope, candidates, inferred, includeProposed }, outer) => {
      const ctx = await viewContext(outer, includeProposed);

      const heldIds = await checkFrameworkList(ctx, held, 'held');
      const scopes = checkScopes(scope ?? null, heldIds);
      const all = (await ctx.store.allNodes('Framework')).map((f) => f.id);
      const candidateIds = candidates == null ? all.filter((f) => !heldIds.includes(f)) : await checkFrameworkList(ctx, candidates, 'candidates');
      throwProblems(roadmapRequestProblems({ held: heldIds, candidates: candidateIds }, quotedArgument));
      return queryRoadmap(ctx.store, heldIds, candidateIds, inferred ?? false, scopes, ctx.pacer, keptTargetGraphs(ctx));
    },
  },
  EvidencePlan: {
    frameworks: (p, _args, ctx) => loadAll(ctx.loaders, 'Framework', p.frameworks),
    items: (p) => p.items.map((item, i) => ({ ...item, rank: i + 1 })),
  },
  EvidencePlanItem: {
    requirementCount: (item) => item.requirements.length,
    perFramework: async (item, _args, ctx) =>
      Promise.all(item.frameworkIds.map(async (id) => ({ framework: await framework(ctx, id), count: item.requirements.filter((r) => r.frameworkId === id).length }))),
  },
  FrameworkComparison: {
    kind: (c) => c.framework.kind,
    issuer: (c) => c.framework.issuer,
    assessedBy: (c) => c.framework.assessedBy,
    output: (c) => c.framework.output,
    validity: (c) => c.framework.validity,
    market: (c) => c.framework.market,
    aiSpecific: (c) => c.framework.aiSpecific,
    observationPeriod: (c) => c.framework.observationPeriod,
    typicalTimeline: (c) => c.framework.typicalTimeline,
  },
  RoadmapStep: {
    framework: (s, _args, ctx) => framework(ctx, s.frameworkId),
  },
};
