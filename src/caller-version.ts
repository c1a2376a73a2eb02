import type { Caller } from './domain/access.js';
import type { WorkspaceLayers } from './store/workspace-layers.js';

/**
 * The version of what a caller sees, which names its ETags and result-cache entries: the public
 * dataset version, and for a key's caller its workspace, that workspace's revision and the key's role
 * (`<public>+<workspace>@<revision>/<role>`), so a workspace's write changes its own callers' tags
 * and nobody else's. Null while the store cannot say.
 */
export type CallerVersion = (caller: Caller) => Promise<string | null>;

export function callerVersions(publicVersion: () => Promise<string | null>, layers: WorkspaceLayers | null): CallerVersion {
  return async (caller) => {
    const base = await publicVersion();
    if (!base || caller.kind !== 'key' || !layers) return base;
    return `${base}+${caller.workspace}@${await layers.revision(caller.workspace)}/${caller.role}`;
  };
}
