import { createHash } from 'node:crypto';
import { mkdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import type { DatasetManifest, ManifestArchive } from '../domain/dataset-manifest.js';
import { writeFileDurably } from './durable-file.js';

/**
 * The manifests of the dataset versions this server has served (`data/published/`), one file per
 * version, written once (durably) and never changed: what `changes(since:)` diffs against.
 * Replicas sharing the folder write the same content for the same version, so no lock is needed.
 */
export class FileManifestArchive implements ManifestArchive {
  private readonly cache = new Map<string, DatasetManifest>();

  constructor(private readonly dir: string) {}

  async get(version: string): Promise<DatasetManifest | null> {
    const cached = this.cache.get(version);
    if (cached) return cached;
    try {
      const manifest = JSON.parse(await readFile(this.file(version), 'utf8')) as DatasetManifest;
      if (manifest.version !== version) return null;
      this.cache.set(version, manifest);
      return manifest;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
      throw error;
    }
  }

  async put(manifest: DatasetManifest): Promise<void> {
    if (await this.get(manifest.version)) return;
    await mkdir(this.dir, { recursive: true, mode: 0o700 });
    await writeFileDurably(this.file(manifest.version), JSON.stringify(manifest));
    this.cache.set(manifest.version, manifest);
  }

  /** Versions are opaque text: the file is named by their hash. */
  private file(version: string): string {
    return path.join(this.dir, `${createHash('sha256').update(version).digest('hex').slice(0, 32)}.json`);
  }
}
