import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startWorkspaceServer, type WorkspaceServer } from '../helpers/workspace-server.js';

/**
 * Caches and ETags stay correct with workspaces (issue #21): a workspace's write changes its answers'
 * version at once (no stale answer from the result cache, no 304 for an old ETag), and changes
 * nothing for another workspace or for anonymous callers.
 */
let server: WorkspaceServer;
let keys: Record<'acmeAdmin' | 'acmeReader' | 'globex', string>;

beforeAll(async () => {
  server = await startWorkspaceServer();
  keys = {
    acmeAdmin: (await server.key('acme', 'admin')).key,
    acmeReader: (await server.key('acme', 'reader')).key,
    globex: (await server.key('globex', 'reader')).key,
  };
});
afterAll(() => server.close());

const QUERY = '{ frameworks { id } }';

async function get(key: string | null, etag?: string): Promise<{ status: number; etag: string | null; dataset: string | null; body: string }> {
  const response = await fetch(`${server.url}/graphql?query=${encodeURIComponent(QUERY)}`, {
    headers: { accept: 'application/json', 'apollo-require-preflight': 'true', ...(key ? { authorization: `Bearer ${key}` } : {}), ...(etag ? { 'if-none-match': etag } : {}) },
  });
  return { status: response.status, etag: response.headers.get('etag'), dataset: response.headers.get('x-crosswalk-dataset'), body: await response.text() };
}

describe('caches and ETags with workspaces', () => {
  it('answers each caller by its own dataset version, and varies on Authorization', async () => {
    const [anonymous, acme, globex] = await Promise.all([get(null), get(keys.acmeReader), get(keys.globex)]);
    expect(new Set([anonymous.etag, acme.etag, globex.etag]).size).toBe(3);
    expect(acme.dataset).toMatch(/\+acme@0\/reader$/);
    const response = await fetch(`${server.url}/graphql?query=${encodeURIComponent(QUERY)}`, { headers: { accept: 'application/json' } });
    expect(response.headers.get('vary')).toMatch(/Authorization/i);
  });

  it("serves a workspace's write at once to that workspace, and leaves the others' versions and answers alone", async () => {
    const [anonymous, acme, globex] = await Promise.all([get(null), get(keys.acmeReader), get(keys.globex)]);
    // Warm the result cache and check revalidation works before the write.
    expect((await get(keys.acmeReader, acme.etag!)).status).toBe(304);
    const write = await server.as(keys.acmeAdmin)(`mutation { createFramework(input: { id: "acme:policies", name: "ACME policies" }) { userErrors { code } } }`);
    expect(write.data!.createFramework.userErrors).toEqual([]);

    const acmeAfter = await get(keys.acmeReader, acme.etag!);
    expect(acmeAfter.status).toBe(200);
    expect(acmeAfter.etag).not.toBe(acme.etag);
    expect(JSON.parse(acmeAfter.body).data.frameworks.map((f: { id: string }) => f.id)).toContain('acme:policies');
    // The same query again without If-None-Match: from the result cache now, and still the new answer.
    expect(JSON.parse((await get(keys.acmeReader)).body).data.frameworks.map((f: { id: string }) => f.id)).toContain('acme:policies');

    for (const [key, before] of [[null, anonymous], [keys.globex, globex]] as const) {
      const after = await get(key, before.etag!);
      expect(after.status).toBe(304);
      const fresh = await get(key);
      expect(fresh.etag).toBe(before.etag);
      expect(fresh.body).not.toContain('acme');
    }
  });
});
