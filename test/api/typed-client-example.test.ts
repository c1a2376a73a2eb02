import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pullLocalCopy, pullMappingSet, syncMappingSet } from '../../examples/typed-client/src/pull-crosswalk.js';
import { createApp } from '../../src/app.js';
import { defaultConfig } from '../../src/config.js';
import type { DatasetManifest, ManifestArchive } from '../../src/domain/dataset-manifest.js';
import { mappingId } from '../../src/domain/ids.js';
import { buildManifest } from '../../src/graphql/dataset-manifest.js';
import { createLogger } from '../../src/logger.js';
import type { AddressInfo } from 'node:net';
import { loadTrustedManifest, sha256 } from '../../src/graphql/trusted-documents.js';
import type { GraphStore } from '../../src/domain/graph-store.js';
import type { Mapping } from '../../src/domain/types.js';
import { realSeedStore, startTestServer, type TestServer } from '../helpers/http.js';

/**
 * The typed client of examples/typed-client (GraphQL Code Generator's client preset, persisted
 * documents by sha256) pulls the whole SOC 2 to ISO 42001 set in pages of 100 from a server that
 * accepts only its registered documents, and survives the set changing between two pages.
 */
const ROOT = path.resolve(import.meta.dirname, '../..');
const MANIFEST = path.join(ROOT, 'examples/typed-client/src/gql/persisted-documents.json');
const SET = 'soc2--iso42001';

/** The real store, with rows of the set that can be removed while a client pages through it. */
function changingStore(base: GraphStore): GraphStore & { remove(id: string): void } {
  const removed = new Set<string>();
  return Object.assign(Object.create(base) as GraphStore, {
    remove: (id: string) => removed.add(id),
    mappingsInSet: async (ids: readonly string[]) => (await base.mappingsInSet(ids)).map((list: Mapping[]) => list.filter((m) => !removed.has(m.id))),
    mappingsOf: async (ids: readonly string[]) => (await base.mappingsOf(ids)).map((list: Mapping[]) => list.filter((m) => !removed.has(m.id))),
  });
}

/**
 * The real store as a dataset that gets a next release: mappings changed, removed and added, and a
 * new dataset version, as a new seed would bring.
 */
function releasingStore(base: GraphStore) {
  let next: { version: string; change: (setId: string, list: Mapping[]) => Mapping[] } | null = null;
  const store = Object.assign(Object.create(base) as GraphStore, {
    mappingsInSet: async (ids: readonly string[]) => (await base.mappingsInSet(ids)).map((list: Mapping[], i: number) => (next ? next.change(ids[i]!, list) : list)),
    datasetInfo: async () => ({ ...(await base.datasetInfo()), ...(next ? { version: next.version } : {}) }),
  });
  return { store, release: (version: string, change: (setId: string, list: Mapping[]) => Mapping[]) => (next = { version, change }) };
}

let store: ReturnType<typeof changingStore>;
let server: TestServer;
let all: Mapping[];
beforeAll(async () => {
  const base = await realSeedStore();
  store = changingStore(base);
  all = (await base.mappingsInSet([SET]))[0]!;
  // Only the registered documents run, and no result cache: each page is read as the set is now.
  server = await startTestServer(store, { config: defaultConfig({ trustedDocumentsFile: MANIFEST, trustedDocumentsOnly: true, resultCacheSize: 0 }) });
});
afterAll(() => server.close());

describe('examples/typed-client', () => {
  it('is generated from the current schema and operations (npm run example:codegen leaves nothing to commit)', () => {
    const before = readFileSync(MANIFEST, 'utf8');
    execFileSync('npm', ['run', '--silent', 'example:codegen'], { cwd: ROOT, stdio: 'pipe' });
    expect(readFileSync(MANIFEST, 'utf8')).toBe(before);
    expect(Object.keys(JSON.parse(before))[0]).toMatch(/^sha256:[0-9a-f]{64}$/);
  });

  it('pulls the whole set in pages of 100, sending only document ids', async () => {
    const { entries, pages, restarts } = await pullMappingSet(`${server.url}/graphql`, `mapping-set:${SET}`);
    expect(entries.map((e) => e.id)).toEqual(all.map((m) => `mapping:${m.id}`));
    expect(pages).toBe(Math.ceil(all.length / 100));
    expect(restarts).toBe(0);
    // The server refuses what is not registered: the text of another query.
    const refused = await server.query('{ frameworks { id } }');
    expect(refused.status).toBe(400);
    expect(refused.errors?.[0]?.extensions?.code ?? (refused as unknown as { error: { code: string } }).error?.code).toBe('OPERATION_NOT_TRUSTED');
  });

  it('loses no row when the set changes between two pages: a row removed elsewhere shifts nothing', async () => {
    expect(all.length).toBeGreaterThan(100);
    const unseen = all[100]!.id; // on page 2, not page 1's last row
    const pulled = await pullMappingSet(`${server.url}/graphql`, `mapping-set:${SET}`, { betweenPages: async () => store.remove(unseen) });
    expect(pulled.restarts).toBe(0);
    expect(pulled.entries.map((e) => e.id)).toEqual(all.filter((m) => m.id !== unseen).map((m) => `mapping:${m.id}`));
  });

  it('starts over when the row its cursor names is removed (INVALID_CURSOR), and ends with the set as it now is', async () => {
    const anchor = all[99]!.id; // page 1's last row: page 2 starts after it
    const pulled = await pullMappingSet(`${server.url}/graphql`, `mapping-set:${SET}`, { betweenPages: async () => store.remove(anchor) });
    expect(pulled.restarts).toBe(1);
    const removed = new Set([anchor, all[100]!.id]); // all[100] from the test before
    expect(pulled.entries.map((e) => e.id)).toEqual(all.filter((m) => !removed.has(m.id)).map((m) => `mapping:${m.id}`));
  });

  it('takes a documentId by GET too, and answers an unknown one with a code', async () => {
    const id = Object.keys(JSON.parse(readFileSync(MANIFEST, 'utf8')))[0]!;
    const variables = encodeURIComponent(JSON.stringify({ set: `mapping-set:${SET}` }));
    const get = await fetch(`${server.url}/graphql?documentId=${encodeURIComponent(id)}&variables=${variables}`, { headers: { 'apollo-require-preflight': 'true' } });
    expect(get.status).toBe(200);
    expect(((await get.json()) as { data: { mappingSet: { entries: { totalCount: number } } } }).data.mappingSet.entries.totalCount).toBe((await store.mappingsInSet([SET]))[0]!.length);
    const unknown = await fetch(`${server.url}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ documentId: `sha256:${'0'.repeat(64)}` }) });
    expect(unknown.status).toBe(400);
    expect(JSON.stringify(await unknown.json())).toContain('PERSISTED_DOCUMENT_NOT_FOUND');
  });

  it('refuses at start-up a manifest keyed by another algorithm, or with a hash that does not match', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'manifest-'));
    const write = (content: object) => {
      const file = path.join(dir, `${Math.random()}.json`);
      writeFileSync(file, JSON.stringify(content));
      return file;
    };
    expect(() => loadTrustedManifest(write({ 'sha1:abc': '{ frameworks { id } }' }))).toThrow(/only sha256 is accepted/);
    expect(() => loadTrustedManifest(write({ [`sha256:${'1'.repeat(64)}`]: '{ frameworks { id } }' }))).toThrow(/does not match its operation text/);
    expect(loadTrustedManifest(write({ [`sha256:${sha256('{ frameworks { id } }')}`]: '{ frameworks { id } }' })).size).toBe(1);
  });
});

describe('examples/typed-client: sync after the full pull', () => {
  it("keeps the pull's dataset version, and after a release its copy synced with changes(since:) equals a fresh full pull", async () => {
    const base = await realSeedStore();
    const { store: releasing, release } = releasingStore(base);
    // As src/server.ts does at start-up: the manifest of the version served is archived, so a later sync can diff from it.
    const archive = new Map<string, DatasetManifest>();
    const manifests: ManifestArchive = { get: async (v) => archive.get(v) ?? null, put: async (m) => void archive.set(m.version, m) };
    await manifests.put(await buildManifest(releasing));
    const config = defaultConfig({ trustedDocumentsFile: MANIFEST, trustedDocumentsOnly: true, resultCacheSize: 0 });
    const app = await createApp(releasing, { config, log: createLogger('silent'), manifests });
    await new Promise<void>((resolve) => app.httpServer.listen(0, '127.0.0.1', resolve));
    const url = `http://127.0.0.1:${(app.httpServer.address() as AddressInfo).port}/graphql`;
    try {
      const copy = await pullLocalCopy(url, `mapping-set:${SET}`);
      const v1 = (await base.datasetInfo()).version;
      expect(copy.version).toBe(v1);
      expect(copy.entries.size).toBe(all.length);
      // Nothing changed yet: a sync changes nothing.
      expect(await syncMappingSet(url, copy)).toEqual({ added: 0, changed: 0, removed: 0 });

      // The next release: in this set one mapping weakened, one gone, one new; in another set one gone (not this client's business).
      const [weakened, gone] = [all[10]!, all[20]!];
      const added: Mapping = { ...all[0]!, toId: all[30]!.toId, id: mappingId(SET, all[0]!.fromId, all[30]!.toId), note: 'New in the next release.' };
      expect(all.some((m) => m.id === added.id)).toBe(false);
      const elsewhere = (await base.mappingsInSet(['soc2--iso27001']))[0]![0]!;
      release(`${v1}-next`, (setId, list) => {
        if (setId === 'soc2--iso27001') return list.filter((m) => m.id !== elsewhere.id);
        if (setId !== SET) return list;
        return [...list.filter((m) => m.id !== gone.id).map((m) => (m.id === weakened.id ? { ...m, strength: (m.strength ?? 5) - 1 } : m)), added];
      });

      expect(await syncMappingSet(url, copy)).toEqual({ added: 1, changed: 1, removed: 1 });
      const fresh = await pullMappingSet(url, `mapping-set:${SET}`);
      expect(copy.version).toBe(`${v1}-next`);
      expect(fresh.version).toBe(copy.version);
      const byId = (entries: Iterable<{ id: string }>) => [...entries].sort((a, b) => a.id.localeCompare(b.id));
      expect(byId(copy.entries.values())).toEqual(byId(fresh.entries));
      expect(copy.entries.get(`mapping:${weakened.id}`)!.strength).toBe((weakened.strength ?? 5) - 1);
      expect(copy.entries.has(`mapping:${gone.id}`)).toBe(false);
      expect(copy.entries.get(`mapping:${added.id}`)!.to.id).toBe(all[30]!.toId);
      // And once synced, the next sync has nothing to do.
      expect(await syncMappingSet(url, copy)).toEqual({ added: 0, changed: 0, removed: 0 });
    } finally {
      await app.stop();
    }
  });
});
