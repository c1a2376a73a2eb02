/**
 * What a published dataset held, for sync (issue #17): every framework, requirement, mapping set,
 * mapping and "assessed, nothing found" record by global id, with a hash of its content. Two
 * manifests give what was added, changed and removed between two versions; an integrator that
 * pulled one version fetches only that difference. Kept per version the server has served.
 */

export const MANIFEST_KINDS = ['frameworks', 'requirements', 'mappingSets', 'mappings', 'noRelationships'] as const;
export type ManifestKind = (typeof MANIFEST_KINDS)[number];

export interface DatasetManifest {
  version: string;
  items: Record<ManifestKind, Record<string, string>>;
}

export interface IdChanges {
  added: string[];
  changed: string[];
  removed: string[];
}

export type DatasetDiff = Record<ManifestKind, IdChanges>;

/** What changed from one manifest to the next, each list sorted by id. */
export function diffManifests(from: DatasetManifest, to: DatasetManifest): DatasetDiff {
  const diff = {} as DatasetDiff;
  for (const kind of MANIFEST_KINDS) {
    const before = from.items[kind];
    const after = to.items[kind];
    diff[kind] = {
      added: Object.keys(after).filter((id) => !(id in before)).sort(),
      changed: Object.keys(after).filter((id) => id in before && before[id] !== after[id]).sort(),
      removed: Object.keys(before).filter((id) => !(id in after)).sort(),
    };
  }
  return diff;
}

/** Where the manifests of served versions are kept (the embedded data directory, src/workspace/). */
export interface ManifestArchive {
  get(version: string): Promise<DatasetManifest | null>;
  put(manifest: DatasetManifest): Promise<void>;
}

/**
 * A sync token is the dataset version a caller was answered with (`dataset { version }`, the
 * `x-crosswalk-dataset` header): the public version, and for a key's caller its workspace and
 * revision, `<public>+<workspace>@<revision>`.
 */
export interface SyncToken {
  publicVersion: string;
  workspace: { name: string; revision: number } | null;
}

export function parseSyncToken(token: string): SyncToken | null {
  const match = /^([^+\s]{1,200})(?:\+([a-z][a-z0-9-]{1,39})@(\d{1,12}))?$/.exec(token);
  if (!match) return null;
  return { publicVersion: match[1]!, workspace: match[2] ? { name: match[2], revision: Number(match[3]) } : null };
}

export function formatSyncToken(publicVersion: string, workspace: { name: string; revision: number } | null): string {
  return workspace ? `${publicVersion}+${workspace.name}@${workspace.revision}` : publicVersion;
}
