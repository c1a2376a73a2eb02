import type { Caller } from './domain/access.js';
import type { WorkspaceState } from './domain/workspace-model.js';
import type { WorkspaceLayers } from './store/workspace-layers.js';

/**
 * The version of what a caller sees, which names its ETags and result-cache entries: the public
 * dataset version, and for a key's caller its workspace, that workspace's revision and the key's role
 * (`<public>+<workspace>@<revision>/<role>`), so a workspace's write changes its own callers' tags
 * and nobody else's. Null while the store cannot say. With it, the workspace state the version was
 * read from: the request reads that same state (one read of the workspace per request, and the
 * content is exactly the version its tag names).
 */
export type CallerVersion = (caller: Caller) => Promise<CallerSnapshot>;

export interface CallerSnapshot {
  version: string | null;
  /** The key's workspace as of `version`; null for anonymous callers or without workspaces. */
  workspace: WorkspaceState | null;
}

export function callerVersions(publicVersion: () => Promise<string | null>, layers: WorkspaceLayers | null): CallerVersion {
  return async (caller) => {
    const base = await publicVersion();
    if (!base || caller.kind !== 'key' || !layers) return { version: base, workspace: null };
    const workspace = await layers.state(caller.workspace);
    return { version: `${base}+${caller.workspace}@${workspace.revision}/${caller.role}`, workspace };
  };
}
