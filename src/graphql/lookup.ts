import { frameworkIdOf, globalId, parseGlobalId, requirementRefOf, TYPE_PREFIXES } from '../domain/ids.js';
import { suggestIds } from '../domain/suggest.js';
import type { Framework, Requirement } from '../domain/types.js';
import type { NodeLabel, NodeTypes } from '../domain/types.js';
import { takeSuggestion, type RequestContext } from './context.js';
import { badInput, notFound } from './errors.js';

/** Lookups by id that answer NOT_FOUND with the nearest valid ids, or BAD_USER_INPUT for a malformed id. */

const WHAT: Record<NodeLabel, string> = {
  Framework: 'framework',
  Requirement: 'requirement',
  Discipline: 'discipline',
  Risk: 'risk',
  Evidence: 'evidence artefact',
  MappingSource: 'mapping source',
  MappingSet: 'mapping set',
};

export async function requireFramework(ctx: RequestContext, id: string, argument = 'id'): Promise<Framework> {
  const parsed = parseGlobalId(id);
  if (parsed?.type !== 'Framework') {
    throw badInput(`"${argument}" must be a framework id such as "soc2" or "iso42001"; got "${id.slice(0, 80)}".`, argument);
  }
  const framework = await ctx.loaders.node('Framework').load(id);
  if (!framework) throw notFound('framework', id, await suggestFrameworks(ctx, id));
  return framework;
}

export async function requireFrameworks(ctx: RequestContext, ids: readonly string[], argument: string): Promise<Framework[]> {
  return Promise.all(ids.map((id) => requireFramework(ctx, id, argument)));
}

export async function requireRequirement(ctx: RequestContext, id: string, argument = 'id'): Promise<Requirement> {
  const parsed = parseGlobalId(id);
  if (parsed?.type !== 'Requirement') {
    throw badInput(`"${argument}" must be a requirement id "<framework>:<ref>" such as "iso42001:A.6.2.4"; got "${id.slice(0, 80)}".`, argument);
  }
  const requirement = await ctx.loaders.node('Requirement').load(id);
  if (!requirement) throw notFound('requirement', id, await suggestRequirements(ctx, id));
  return requirement;
}

/** Any node by global id: the dispatch behind `node(id)`. */
export async function requireNode(ctx: RequestContext, id: string): Promise<NodeTypes[NodeLabel]> {
  const parsed = parseGlobalId(id);
  if (!parsed) {
    throw badInput(`"${id.slice(0, 80)}" is not a Crosswalk id; ids look like "soc2", "iso42001:A.6.2.4" or "discipline:risk-management".`, 'id');
  }
  if (parsed.type === 'Framework') return requireFramework(ctx, id);
  if (parsed.type === 'Requirement') return requireRequirement(ctx, id);
  const node = await ctx.loaders.node(parsed.type).load(parsed.localId);
  if (node) return node;
  if (!takeSuggestion(ctx)) throw notFound(WHAT[parsed.type], id, []);
  const all = await ctx.store.allNodes(parsed.type);
  const prefix = TYPE_PREFIXES[parsed.type];
  throw notFound(WHAT[parsed.type], id, suggestIds(id, all.map((n) => globalId(parsed.type as keyof typeof TYPE_PREFIXES, n.id))).filter((s) => s.startsWith(`${prefix}:`)));
}

async function suggestFrameworks(ctx: RequestContext, id: string): Promise<string[]> {
  const frameworks = await ctx.store.allNodes('Framework');
  const ids = frameworks.map((f) => f.id);
  const near = suggestIds(id, ids);
  return near.length > 0 ? near : ids;
}

async function suggestRequirements(ctx: RequestContext, id: string): Promise<string[]> {
  if (!takeSuggestion(ctx)) return [];
  const frameworkId = frameworkIdOf(id);
  const framework = (await ctx.store.nodes('Framework', [frameworkId]))[0];
  if (!framework) {
    // Unknown framework prefix: suggest the same ref under the frameworks that have it.
    const ref = requirementRefOf(id);
    const frameworks = await ctx.store.allNodes('Framework');
    const candidates = frameworks.map((f) => `${f.id}:${ref}`);
    const found = await ctx.store.nodes('Requirement', candidates);
    const exact = found.filter((r): r is Requirement => r !== null).map((r) => r.id);
    return exact.length > 0 ? exact : suggestIds(frameworkId, frameworks.map((f) => f.id)).map((f) => `${f}:${ref}`);
  }
  const [page] = await ctx.store.findRequirements([{ filter: { frameworkIds: [frameworkId] }, page: { offset: 0, limit: 100_000 } }]);
  return suggestIds(id, (page?.items ?? []).map((r) => r.id));
}

