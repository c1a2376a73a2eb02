import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { WorkspaceRepository } from '../../src/domain/workspace-repository.js';
import { DataDirectory } from '../../src/workspace/data-directory.js';
import { startWorkspaceServer, type WorkspaceServer } from '../helpers/workspace-server.js';

/**
 * A keyed request reads its workspace once: the ETag step's read names the version, and the request
 * reads that same state (on Neo4j each read is a round trip). Writes still read what they change.
 */
let server: WorkspaceServer;
let reads = 0;
let key: string;

beforeAll(async () => {
  const dataDir = path.join(mkdtempSync(path.join(tmpdir(), 'crosswalk-ws-')), 'data');
  const data = await DataDirectory.open(dataDir);
  const counting = new Proxy(data, {
    get(target, property, receiver) {
      const value = Reflect.get(target, property, receiver);
      if (property === 'current') return (...args: unknown[]) => (reads++, (value as WorkspaceRepository['current']).apply(target, args as [string]));
      return typeof value === 'function' ? value.bind(target) : value;
    },
  });
  server = await startWorkspaceServer({ repository: counting, keysDir: path.join(mkdtempSync(path.join(tmpdir(), 'crosswalk-keys-')), 'keys') });
  key = (await server.key('acme', 'admin')).key;
  const created = await server.as(key)(`mutation { createFramework(input: { id: "acme:controls", name: "ACME controls" }) { userErrors { code } } }`);
  expect(created.data!.createFramework.userErrors).toEqual([]);
});
afterAll(() => server.close());

describe('a keyed request reads its workspace once', () => {
  it('for a query, with and without includeProposed, and for the bulk export', async () => {
    for (const query of [
      `{ frameworks { id } }`,
      `{ coverage(target: "acme:controls", held: ["soc2"], includeProposed: true) { summary { total } } frameworks { id } }`,
    ]) {
      reads = 0;
      const { data, errors } = await server.as(key)(query);
      expect(errors).toBeUndefined();
      expect(data!.frameworks.map((f: { id: string }) => f.id)).toContain('acme:controls');
      expect(reads).toBe(1);
    }
    reads = 0;
    const response = await fetch(`${server.url}/export/mappings.jsonl?framework=acme:controls`, { headers: { authorization: `Bearer ${key}` } });
    expect(response.status).toBe(200);
    await response.text();
    expect(reads).toBe(1);
  });
});
