import { can, type Action, type Principal } from '../../domain/access.js';
import { ErrorCode } from '../../domain/error-codes.js';
import { mappingId, noRelationshipId, requirementId, setMemberGlobalId, workspaceOfId, workspaceScopedId } from '../../domain/ids.js';
import { MAX_ITEMS_PER_CALL, type Change, type UserError } from '../../domain/workspace-changes.js';
import { workspaceGraph, type WorkspaceState } from '../../domain/workspace-model.js';
import type { WriteOutcome } from '../../domain/workspace-repository.js';
import type { GraphData, MappingSide } from '../../domain/types.js';
import { writeToWorkspace, type WriteOperation } from '../../analysis/workspace-writes.js';
import type { RequestContext, WorkspaceAccess } from '../context.js';
import { accessError, badInput } from '../errors.js';
import type { Resolvers } from '../generated/resolvers-types.js';
import { invalidCursor } from '../pagination.js';

/** Mutations, the caller's workspace, its audit trail and its changes (schema/workspace.graphql). */

/** The caller's workspace, if its key may do `action`; UNAUTHENTICATED without a key, FORBIDDEN for a role that may not. */
function access(ctx: RequestContext, action: Action): WorkspaceAccess {
  if (!ctx.workspace) throw accessError(ErrorCode.UNAUTHENTICATED, `This needs an API key: send "Authorization: Bearer <key>" (an administrator creates keys with \`crosswalk keys create\`).`);
  const { role } = ctx.workspace.principal;
  if (!can(role, action)) throw accessError(ErrorCode.FORBIDDEN, `${/^[aeiou]/.test(role) ? 'An' : 'A'} ${role} key may not ${action === 'read' ? 'read this' : action === 'readAudit' ? 'read the audit log' : `run ${action}`}.`);
  return ctx.workspace;
}

interface Written {
  userErrors: UserError[];
  revision: number | null;
  /** The workspace after the change, every record included whatever its status; null when refused. */
  graph: GraphData | null;
  change: Change | null;
}

/** The items a write's input carries: what the per-request limit counts. */
function itemsOf(input: unknown): number {
  const i = input as Record<string, unknown[] | null | undefined>;
  return ['requirements', 'mappings', 'noRelationships', 'decisions', 'ids'].reduce((n, key) => n + (Array.isArray(i[key]) ? i[key]!.length : 0), 0);
}

async function write(ctx: RequestContext, operation: WriteOperation, input: unknown): Promise<Written> {
  const workspace = access(ctx, operation);
  // 500 items per request, however many mutations (aliases) carry them: 30 aliased bulk calls
  // would otherwise write 15,000 items in one request.
  const items = itemsOf(input);
  // (One call over the limit on its own is the planner's to refuse, at its list's field.)
  if (items <= MAX_ITEMS_PER_CALL && ctx.itemsWritten + items > MAX_ITEMS_PER_CALL) {
    const message = `At most ${MAX_ITEMS_PER_CALL} items per request, over all its mutations; this one would bring the request to ${ctx.itemsWritten + items}. Send the rest in another request.`;
    return { userErrors: [{ field: ['input'], code: 'TOO_MANY_ITEMS', message }], revision: null, graph: null, change: null };
  }
  ctx.itemsWritten += items;
  const outcome: WriteOutcome = await writeToWorkspace(workspace.repository, workspace.publicStore, workspace.principal, operation, input as never);
  if (!outcome.result.ok) return { userErrors: outcome.result.userErrors, revision: null, graph: null, change: null };
  // Later fields of this response (and later mutations of the request) read the workspace as it is now.
  await workspace.refresh(ctx);
  const { change } = outcome.result;
  return { userErrors: [], revision: outcome.record!.revision, graph: workspaceGraph(change.next, 'all'), change };
}

const side = (s: 'FROM' | 'TO'): MappingSide => (s === 'FROM' ? 'from' : 'to');
const ROLE_NAMES = { reader: 'READER', editor: 'EDITOR', reviewer: 'REVIEWER', admin: 'ADMIN' } as const;

const MAX_CHANGES = 500;

function auditCursor(revision: number): string {
  return `audit:${revision}`;
}

function readAuditCursor(after: string | null | undefined): number {
  if (after == null) return 0;
  const match = /^audit:(\d{1,9})$/.exec(after);
  if (!match) throw invalidCursor(`"after" must be an endCursor of auditLog, like "audit:12"; got "${after.slice(0, 40)}".`, 'MALFORMED');
  return Number(match[1]);
}

async function state(ctx: RequestContext, principal: Principal): Promise<WorkspaceState> {
  return ctx.workspace!.repository.current(principal.workspace);
}

export const workspaceResolvers: Resolvers = {
  Mutation: {
    createFramework: async (_root, { input }, ctx) => {
      const w = await write(ctx, 'createFramework', input);
      return { ...w, framework: w.graph?.frameworks.find((f) => f.id === input.id) ?? null };
    },
    upsertRequirements: async (_root, { input }, ctx) => {
      const w = await write(ctx, 'upsertRequirements', input);
      const ids = new Set(input.requirements.map((r) => requirementId(input.framework, r.ref)));
      return {
        ...w,
        framework: w.graph?.frameworks.find((f) => f.id === input.framework) ?? null,
        requirements: w.graph ? input.requirements.map((r) => w.graph!.requirements.find((q) => q.id === requirementId(input.framework, r.ref))!).filter((r) => ids.has(r.id)) : [],
      };
    },
    createMappingSet: async (_root, { input }, ctx) => {
      const w = await write(ctx, 'createMappingSet', { ...input, comprehensive: input.comprehensive?.map(side) ?? null });
      const created = w.change ? Object.keys(w.change.after.sets)[0] : undefined;
      const setId = created && ctx.workspace ? workspaceScopedId(ctx.workspace.principal.workspace, created) : null;
      return { ...w, mappingSet: w.graph?.mappingSets.find((s) => s.id === setId) ?? null };
    },
    proposeMappings: async (_root, { input }, ctx) => {
      const w = await write(ctx, 'proposeMappings', input);
      const setId = input.set.replace(/^mapping-set:/, '');
      return {
        ...w,
        mappingSet: w.graph?.mappingSets.find((s) => s.id === setId) ?? null,
        mappings: w.graph ? (input.mappings ?? []).map((m) => w.graph!.mappings.find((x) => x.id === mappingId(setId, m.from, m.to))!) : [],
        noRelationships: w.graph ? (input.noRelationships ?? []).map((n) => w.graph!.noRelationships.find((x) => x.id === noRelationshipId(setId, n.requirement))!) : [],
      };
    },
    reviewMappings: async (_root, { input }, ctx) => {
      const w = await write(ctx, 'reviewMappings', input);
      const setId = input.set.replace(/^mapping-set:/, '');
      const decided = new Set(input.decisions.map((d) => d.id));
      return {
        ...w,
        mappingSet: w.graph?.mappingSets.find((s) => s.id === setId) ?? null,
        mappings: w.graph?.mappings.filter((m) => decided.has(setMemberGlobalId('Mapping', m.id))) ?? [],
        noRelationships: w.graph?.noRelationships.filter((n) => decided.has(setMemberGlobalId('NoRelationship', n.id))) ?? [],
      };
    },
    retireMappings: async (_root, { input }, ctx) => {
      const w = await write(ctx, 'retireMappings', input);
      const setId = input.set.replace(/^mapping-set:/, '');
      return { ...w, mappingSet: w.graph?.mappingSets.find((s) => s.id === setId) ?? null };
    },
    deleteFramework: async (_root, { input }, ctx) => {
      const w = await write(ctx, 'deleteFramework', { framework: input.framework, cascade: input.cascade ?? false });
      const workspace = ctx.workspace?.principal.workspace;
      return {
        ...w,
        deletedFrameworkId: w.change ? input.framework : null,
        deletedMappingSetIds: w.change && workspace ? Object.keys(w.change.after.sets).map((id) => `mapping-set:${workspaceScopedId(workspace, id)}`) : [],
      };
    },
  },
  Query: {
    workspace: (_root, _args, ctx) => (ctx.workspace ? ctx.workspace.principal : null),
    auditLog: async (_root, { first, after, since }, ctx) => {
      const { principal, repository } = access(ctx, 'readAudit');
      const size = first ?? 50;
      if (!Number.isInteger(size) || size < 1 || size > MAX_CHANGES) throw badInput(`"first" must be 1 to ${MAX_CHANGES}; got ${size}.`, 'first');
      const from = readAuditCursor(after);
      const sinceTime = since == null ? null : Date.parse(since);
      const entries = (await repository.audit(principal.workspace, from)).filter((e) => sinceTime === null || Date.parse(e.at) >= sinceTime);
      const page = entries.slice(0, size);
      return { entries: page, endCursor: page.length > 0 ? auditCursor(page.at(-1)!.revision) : null, hasNextPage: entries.length > size };
    },
  },
  Workspace: {
    name: (p) => p.workspace,
    keyId: (p) => p.keyId,
    role: (p) => ROLE_NAMES[p.role],
    revision: async (p, _args, ctx) => (await state(ctx, p)).revision,
    frameworks: async (p, _args, ctx) => (await ctx.store.allNodes('Framework')).filter((f) => workspaceOfId(f.id) === p.workspace),
    mappingSets: async (p, _args, ctx) => (await ctx.store.allNodes('MappingSet')).filter((s) => workspaceOfId(s.id) === p.workspace),
    proposals: async (p, { set, first }, ctx) => {
      const size = first ?? 100;
      if (!Number.isInteger(size) || size < 0 || size > MAX_CHANGES) throw badInput(`"first" must be 0 to ${MAX_CHANGES}; got ${size}.`, 'first');
      const graph = workspaceGraph(await state(ctx, p), 'withProposed');
      const setId = set == null ? null : set.replace(/^mapping-set:/, '');
      const waiting = <T extends { setId: string; review?: { status: string; proposedAt: string } }>(list: T[]) =>
        list.filter((r) => r.review?.status === 'PROPOSED' && (setId === null || r.setId === setId)).sort((a, b) => a.review!.proposedAt.localeCompare(b.review!.proposedAt));
      const mappings = waiting(graph.mappings);
      const noRelationships = waiting(graph.noRelationships);
      return { totalCount: mappings.length + noRelationships.length, mappings: mappings.slice(0, size), noRelationships: noRelationships.slice(0, Math.max(0, size - mappings.length)) };
    },
  },
  Mapping: {
    status: (m) => m.review?.status ?? 'ACCEPTED',
    review: (m) => m.review ?? null,
  },
  NoRelationship: {
    status: (n) => n.review?.status ?? 'ACCEPTED',
    review: (n) => n.review ?? null,
  },
  MappingSet: {
    workspace: (s) => workspaceOfId(s.id),
    revision: (s) => s.revision ?? null,
  },
  Framework: {
    workspace: (f) => workspaceOfId(f.id),
  },
};
