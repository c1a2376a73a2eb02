import { frameworkIdOf, globalId, isFrameworkIdForm, parseGlobalId, requirementRefOf, setIdOfMember, setMemberGlobalId, TYPE_PREFIXES, type SetMemberType } from '../domain/ids.js';
import { suggestIds } from '../domain/suggest.js';
import type { Framework, Mapping, MappingSet, NoRelationship, Requirement } from '../domain/types.js';
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

/**
 * A mapping or a NO_RELATIONSHIP record by global id, read with the rest of its set (one batched
 * read per level, as every lookup); NOT_FOUND suggests the set's nearest ids.
 */
async function requireSetMember(ctx: RequestContext, type: SetMemberType, id: string, storeId: string): Promise<Mapping | NoRelationship> {
  const setId = setIdOfMember(storeId);
  const members: Array<Mapping | NoRelationship> =
    type === 'Mapping' ? await ctx.loaders.mappingsInSet.load(setId) : await ctx.loaders.noRelationshipsInSet.load(setId);
  const found = members.find((m) => m.id === storeId);
  if (found) return found;
  const what = type === 'Mapping' ? 'mapping' : 'NO_RELATIONSHIP record';
  return Promise.reject(notFound(what, id, suggestIds(id, members.map((m) => setMemberGlobalId(type, m.id)))));
}

export async function requireFramework(ctx: RequestContext, id: string, argument = 'id'): Promise<Framework> {
  if (!isFrameworkIdForm(id)) {
    throw badInput(`"${argument}" must be a framework id such as "soc2", "iso42001" or a workspace's "acme:controls"; got "${id.slice(0, 80)}".`, argument);
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

export async function requireMappingSet(ctx: RequestContext, id: string, argument = 'id'): Promise<MappingSet> {
  const parsed = parseGlobalId(id);
  if (parsed?.type !== 'MappingSet') {
    throw badInput(`"${argument}" must be a mapping set id such as "mapping-set:soc2--iso42001"; got "${id.slice(0, 80)}".`, argument);
  }
  return (await requireNode(ctx, id)) as MappingSet;
}

export async function requireMapping(ctx: RequestContext, id: string, argument = 'id'): Promise<Mapping> {
  const parsed = parseGlobalId(id);
  if (parsed?.type !== 'Mapping') {
    throw badInput(`"${argument}" must be a mapping id such as "mapping:soc2--iso42001:soc2:CC7.2->iso42001:A.6.2.6"; got "${id.slice(0, 80)}".`, argument);
  }
  return (await requireNode(ctx, id)) as Mapping;
}

export type AnyNode = NodeTypes[NodeLabel] | Mapping | NoRelationship;

/** Any node by global id: the dispatch behind `node(id)`. */
export async function requireNode(ctx: RequestContext, id: string): Promise<AnyNode> {
  const parsed = parseGlobalId(id);
  if (!parsed) {
    throw badInput(`"${id.slice(0, 80)}" is not a Crosswalk id; ids look like "soc2", "iso42001:A.6.2.4" or "discipline:risk-management".`, 'id');
  }
  if (parsed.type === 'Framework') return requireFramework(ctx, id);
  if (parsed.orFramework) {
    // `x:y` names a requirement of framework x or workspace x's framework y: whichever the caller can see.
    const [requirement, framework] = await Promise.all([ctx.loaders.node('Requirement').load(id), ctx.loaders.node('Framework').load(id)]);
    if (requirement ?? framework) return (requirement ?? framework)!;
    throw notFound('requirement or framework', id, await suggestRequirements(ctx, id));
  }
  if (parsed.type === 'Requirement') return requireRequirement(ctx, id);
  if (parsed.type === 'Mapping' || parsed.type === 'NoRelationship') return requireSetMember(ctx, parsed.type, id, parsed.localId);
  const node = await ctx.loaders.node(parsed.type).load(parsed.localId);
  if (node) return node;
  if (!takeSuggestion(ctx)) throw notFound(WHAT[parsed.type], id, []);
  const all = await ctx.store.allNodes(parsed.type);
  const prefix = TYPE_PREFIXES[parsed.type];
  throw notFound(WHAT[parsed.type], id, suggestIds(id, all.map((n) => globalId(parsed.type as keyof typeof TYPE_PREFIXES, n.id))).filter((s) => s.startsWith(`${prefix}:`)));
}

/** The node types Crosswalk serves as Apollo Federation entities, each keyed by its global id. */
export type EntityType = 'Framework' | 'Requirement' | 'MappingSet' | 'Mapping';

/**
 * A node of `type` by global id, or null: what a federation entity reference resolves to. It reads
 * through the same loaders as the lookups above, so a caller sees exactly the nodes `node(id)` shows
 * it: another workspace's id is absent from the request's store, and answers null as an id that never
 * existed does (no suggestions, no error that could tell them apart). A malformed id is one that
 * never existed.
 */
export async function findEntity(ctx: RequestContext, type: EntityType, id: string): Promise<AnyNode | null> {
  if (type === 'Framework') return isFrameworkIdForm(id) ? ctx.loaders.node('Framework').load(id) : null;
  const parsed = parseGlobalId(id);
  if (parsed?.type !== type) return null;
  if (type === 'Requirement') return ctx.loaders.node('Requirement').load(id);
  if (type === 'MappingSet') return ctx.loaders.node('MappingSet').load(parsed.localId);
  const members = await ctx.loaders.mappingsInSet.load(setIdOfMember(parsed.localId));
  return members.find((m) => m.id === parsed.localId) ?? null;
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
  const [page] = await ctx.store.findRequirements([{ filter: { frameworkIds: [frameworkId] }, page: { after: null, limit: 100_000 } }]);
  return suggestIds(id, (page?.items ?? []).map((r) => r.id));
}

