import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createApp } from '../../src/app.js';
import { defaultConfig } from '../../src/config.js';
import { createLogger } from '../../src/logger.js';
import { MemoryStore } from '../../src/store/memory/memory-store.js';
import { DataDirectory } from '../../src/workspace/data-directory.js';
import { FileManifestArchive } from '../../src/workspace/manifest-archive.js';
import { fixtureGraph, fixtureSeed } from '../helpers/fixture-seed.js';
import type { AddressInfo } from 'node:net';

/**
 * Sync (issue #17): an integrator pulls once, keeps the version it was answered with, and after the
 * dataset changes (a new seed: a new server on the same data directory) fetches only what was
 * added, changed and removed, plus its workspace's changes after its revision.
 */
const CHANGES = `query ($since: String!) { changes(since: $since) { version hasMore
  dataset { from to requirements { added changed removed } mappings { added changed removed } noRelationships { added changed removed } mappingSets { changed } }
  workspace { revision operation } } }`;

const stops: Array<() => Promise<void>> = [];
afterEach(async () => {
  while (stops.length) await stops.pop()!();
});

async function serve(dataDir: string, seed = fixtureSeed()) {
  const data = await DataDirectory.open(dataDir);
  const manifests = new FileManifestArchive(path.join(dataDir, 'published'));
  const { httpServer, stop } = await createApp(new MemoryStore(fixtureGraph(seed)), { config: defaultConfig(), log: createLogger('silent'), workspaces: { keys: data.keys, repository: data }, manifests });
  await new Promise<void>((resolve) => httpServer.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(httpServer.address() as AddressInfo).port}/graphql`;
  const close = async () => {
    await stop();
    await data.close();
  };
  stops.push(close);
  const query = async (text: string, variables: Record<string, unknown> = {}, key?: string) =>
    (await (await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', ...(key ? { authorization: `Bearer ${key}` } : {}) }, body: JSON.stringify({ query: text, variables }) })).json()) as any;
  return { data, query, close };
}

describe('changes(since:)', () => {
  it('lists what a new dataset version added, changed and removed since the version a client had', async () => {
    const dir = path.join(mkdtempSync(path.join(tmpdir(), 'crosswalk-sync-')), 'data');
    const first = await serve(dir);
    const v1 = (await first.query('{ dataset { version } }')).data.dataset.version as string;
    const unchanged = await first.query(CHANGES, { since: v1 });
    expect(unchanged.data.changes).toEqual({ version: v1, hasMore: false, dataset: null, workspace: [] });
    await first.close();
    stops.pop();

    // The next release: B1's mapping weakened, A2 -> B2 gone, A3 -> B4 new, a requirement added.
    const seed = fixtureSeed();
    const set = seed.mappings['alpha--beta'] as { mappings: Array<Record<string, unknown>> };
    set.mappings = [{ ...set.mappings[0]!, strength: 6 }, { ...set.mappings[0]!, from: 'A3', to: 'B4', relationship: 'RELATED', strength: null, rationale: null, note: 'New.' }];
    const alpha = seed.frameworks.alpha as { requirements: Array<Record<string, unknown>> };
    alpha.requirements.push({ ...alpha.requirements[1]!, ref: 'A4', title: 'A new one' });
    const second = await serve(dir, seed);
    const v2 = (await second.query('{ dataset { version } }')).data.dataset.version as string;
    expect(v2).not.toBe(v1);
    const changes = (await second.query(CHANGES, { since: v1 })).data.changes;
    expect(changes.version).toBe(v2);
    expect(changes.dataset.from).toBe(v1);
    expect(changes.dataset.requirements).toEqual({ added: ['alpha:A4'], changed: [], removed: [] });
    expect(changes.dataset.mappings).toEqual({
      added: ['mapping:alpha--beta:alpha:A3->beta:B4'],
      changed: ['mapping:alpha--beta:alpha:A1->beta:B1'],
      removed: ['mapping:alpha--beta:alpha:A2->beta:B2'],
    });
    expect(changes.dataset.mappingSets.changed).toEqual(['mapping-set:alpha--beta']);
    expect(changes.dataset.noRelationships).toEqual({ added: [], changed: [], removed: [] });

    const unknown = await second.query(CHANGES, { since: '0123456789abcdef' });
    expect(unknown.errors[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', argument: 'since', reason: 'UNKNOWN_VERSION' });
    const malformed = await second.query(CHANGES, { since: 'not a version!' });
    expect(malformed.errors[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', argument: 'since' });
  });

  it("gives a key's caller its workspace's changes after the token's revision, and a token to continue from", async () => {
    const dir = path.join(mkdtempSync(path.join(tmpdir(), 'crosswalk-sync-')), 'data');
    const server = await serve(dir);
    const admin = (await server.data.keys.create('acme', 'admin')).key;
    const other = (await server.data.keys.create('globex', 'reader')).key;
    await server.query('mutation { createFramework(input: { id: "acme:controls", name: "Controls" }) { userErrors { code } } }', {}, admin);
    const token = (await server.query('{ dataset { version } }', {}, admin)).data.dataset.version as string;
    expect(token).toMatch(/^[0-9a-f]{16}\+acme@1$/);
    await server.query('mutation { upsertRequirements(input: { framework: "acme:controls", requirements: [{ ref: "C-1", title: "One" }] }) { userErrors { code } } }', {}, admin);
    const changes = (await server.query(CHANGES, { since: token }, admin)).data.changes;
    expect(changes).toMatchObject({ dataset: null, hasMore: false, workspace: [{ revision: 2, operation: 'upsertRequirements' }] });
    expect(changes.version).toBe(token.replace('@1', '@2'));
    expect((await server.query(CHANGES, { since: changes.version }, admin)).data.changes.workspace).toEqual([]);
    // Another workspace's token is refused, saying nothing about acme.
    const refused = await server.query(CHANGES, { since: token }, other);
    expect(refused.errors[0].extensions.code).toBe('BAD_USER_INPUT');
    expect(refused.errors[0].message).not.toContain('acme');
  });
});
