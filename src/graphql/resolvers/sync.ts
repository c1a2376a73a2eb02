import { GraphQLError } from 'graphql';
import { diffManifests, formatSyncToken, parseSyncToken, type DatasetManifest } from '../../domain/dataset-manifest.js';
import { ErrorCode } from '../../domain/error-codes.js';
import type { RequestContext } from '../context.js';
import { badInput } from '../errors.js';
import { buildManifest } from '../dataset-manifest.js';
import type { Resolvers } from '../generated/resolvers-types.js';

/** `changes(since:)`: an integrator's incremental sync of the public dataset and its workspace (schema/sync.graphql). */

const MAX_WORKSPACE_CHANGES = 500;

/** The manifest of the public dataset now, archived so a later `changes` can start from it. */
async function currentManifest(ctx: RequestContext): Promise<DatasetManifest> {
  const { version } = await ctx.publicStore.datasetInfo();
  const archived = await ctx.manifests?.get(version);
  if (archived) return archived;
  const built = await buildManifest(ctx.publicStore);
  await ctx.manifests?.put(built);
  return built;
}

export const syncResolvers: Resolvers = {
  Query: {
    changes: async (_root, { since }, ctx) => {
      const token = parseSyncToken(since);
      if (!token) throw badInput(`"since" must be a dataset version as \`dataset { version }\` gives it, like "3f9c0a1b2c3d4e5f" or "3f9c0a1b2c3d4e5f+acme@12"; got "${since.slice(0, 80)}".`, 'since');
      const workspace = ctx.workspace;
      if (token.workspace && token.workspace.name !== workspace?.principal.workspace) {
        // Another workspace's token, or one without a key: not this caller's history (and no hint whether it exists).
        throw badInput(`"since" names a workspace this key does not belong to; use the version this caller was answered with.`, 'since');
      }
      const now = await currentManifest(ctx);
      let dataset = null;
      if (token.publicVersion !== now.version) {
        const then = await ctx.manifests?.get(token.publicVersion);
        if (!then) {
          throw new GraphQLError(`This server never served dataset version "${token.publicVersion.slice(0, 40)}" (or no longer keeps it): pull everything again, then sync from the version you get.`, {
            extensions: { code: ErrorCode.BAD_USER_INPUT, argument: 'since', reason: 'UNKNOWN_VERSION' },
          });
        }
        dataset = { from: then.version, to: now.version, ...diffManifests(then, now) };
      }
      if (!workspace) return { version: formatSyncToken(now.version, null), dataset, workspace: [], hasMore: false };
      const { principal, repository } = workspace;
      const current = await repository.current(principal.workspace);
      const after = token.workspace?.revision ?? 0;
      if (after > current.revision) throw badInput(`"since" is at revision ${after} of the workspace, which is at ${current.revision}.`, 'since');
      const entries = (await repository.audit(principal.workspace, after)).slice(0, MAX_WORKSPACE_CHANGES + 1);
      const page = entries.slice(0, MAX_WORKSPACE_CHANGES);
      const revision = page.at(-1)?.revision ?? after;
      return { version: formatSyncToken(now.version, { name: principal.workspace, revision }), dataset, workspace: page, hasMore: entries.length > MAX_WORKSPACE_CHANGES };
    },
  },
};
