import { request as httpRequest, type IncomingMessage } from 'node:http';
import { gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readMappingSet } from '../../src/analysis/mapping-set-contents.js';
import { toOscal } from '../../src/exports/oscal.js';
import { StoreUnavailableError, type GraphStore } from '../../src/domain/graph-store.js';
import { realSeedStore, startTestServer } from '../helpers/http.js';
import { startWorkspaceServer, type Client, type WorkspaceServer } from '../helpers/workspace-server.js';

/**
 * The bulk export (issue #17): GET /export/mappings.jsonl and GET /export/oscal/<set>.json, streamed,
 * under a strong ETag that follows the caller's version, each workspace's records for its own keys only.
 */
let server: WorkspaceServer;
let keys: Record<'acmeAdmin' | 'acmeEditor' | 'acmeReviewer' | 'globex', string>;
let acmeSetRows: string[];

beforeAll(async () => {
  server = await startWorkspaceServer();
  keys = {
    acmeAdmin: (await server.key('acme', 'admin')).key,
    acmeEditor: (await server.key('acme', 'editor')).key,
    acmeReviewer: (await server.key('acme', 'reviewer')).key,
    globex: (await server.key('globex', 'reader')).key,
  };
  // acme: its own framework, a set to SOC 2, two mappings proposed and accepted.
  const admin = server.as(keys.acmeAdmin);
  await ok(admin, 'mutation { createFramework(input: { id: "acme:controls", name: "ACME controls" }) { userErrors { code } } }');
  await ok(admin, 'mutation { upsertRequirements(input: { framework: "acme:controls", requirements: [{ ref: "OPS-01", title: "Monitoring" }, { ref: "OPS-02", title: "Admin logs" }] }) { userErrors { code } } }');
  await ok(server.as(keys.acmeEditor), 'mutation { createMappingSet(input: { from: "acme:controls", to: "soc2" }) { userErrors { code } } }');
  const proposed = await ok(
    server.as(keys.acmeEditor),
    `mutation { proposeMappings(input: { set: "mapping-set:acme:controls--soc2", mappings: [
      { from: "acme:controls:OPS-01", to: "soc2:CC7.2", relationship: INTERSECTS_WITH, strength: 6, rationale: FUNCTIONAL, note: "Both watch for anomalies." },
      { from: "acme:controls:OPS-02", to: "soc2:CC6.1", relationship: SUBSET_OF, strength: 3, rationale: SEMANTIC } ] }) { mappings { id } userErrors { code } } }`,
  );
  acmeSetRows = proposed.proposeMappings.mappings.map((m: { id: string }) => m.id);
  const decisions = acmeSetRows.map((id) => `{ id: "${id}", decision: ACCEPT }`).join(', ');
  await ok(server.as(keys.acmeReviewer), `mutation { reviewMappings(input: { set: "mapping-set:acme:controls--soc2", decisions: [${decisions}] }) { userErrors { code } } }`);
});
afterAll(() => server.close());

async function ok(client: Client, mutation: string): Promise<Record<string, any>> {
  const response = await client(mutation);
  expect(response.errors).toBeUndefined();
  for (const payload of Object.values(response.data!)) expect((payload as { userErrors: unknown[] }).userErrors).toEqual([]);
  return response.data!;
}

async function get(path: string, options: { key?: string; headers?: Record<string, string> } = {}) {
  const response = await fetch(`${server.url}${path}`, { headers: { ...(options.key ? { authorization: `Bearer ${options.key}` } : {}), ...options.headers } });
  return { status: response.status, headers: response.headers, body: await response.text() };
}

const lines = (body: string) => body.trimEnd().split('\n').map((line) => JSON.parse(line) as Record<string, any>);
const ofType = (records: Array<Record<string, any>>, type: string) => records.filter((r) => r.type === type);

describe('GET /export/mappings.jsonl', () => {
  it('holds every mapping exactly once, as many as GraphQL counts, after a header that counts every line', async () => {
    const response = await get('/export/mappings.jsonl');
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('application/x-ndjson; charset=utf-8');
    const records = lines(response.body);
    const [header] = records;
    const graphql = await server.as()(`{ dataset { version } mappingSets { id entries(first: 1) { totalCount } } }`);
    const sets = graphql.data!.mappingSets as Array<{ id: string; entries: { totalCount: number } }>;
    const total = sets.reduce((n, s) => n + s.entries.totalCount, 0);
    expect(header).toMatchObject({ type: 'header', format: 'crosswalk-export/1', datasetVersion: graphql.data!.dataset.version, filter: { framework: null, set: null } });
    const mappings = ofType(records, 'mapping');
    expect(mappings).toHaveLength(total);
    expect(new Set(mappings.map((m) => m.id)).size).toBe(total);
    for (const type of ['framework', 'requirement', 'mappingSet', 'mapping', 'noRelationship']) expect(ofType(records, type)).toHaveLength(header!.counts[type]);
    expect(records).toHaveLength(1 + Object.values(header!.counts as Record<string, number>).reduce((a, b) => a + b, 0));
    expect(ofType(records, 'mappingSet').map((s) => s.id)).toEqual(sets.map((s) => s.id));
    // Every mapping says what it is and who said so, with the ids GraphQL uses.
    const store = await realSeedStore();
    const first = (await store.mappingsInSet(['soc2--iso42001']))[0]![0];
    expect(mappings.find((m) => m.id === `mapping:${first!.id}`)).toEqual({
      type: 'mapping',
      id: `mapping:${first!.id}`,
      set: 'mapping-set:soc2--iso42001',
      from: first!.fromId,
      to: first!.toId,
      relationship: first!.relationship,
      strength: first!.strength,
      rationale: first!.rationale,
      note: first!.note,
      condition: first!.condition,
      source: `source:${first!.sourceId}`,
      status: 'ACCEPTED',
    });
    // Nothing of a workspace reaches an anonymous caller.
    expect(response.body).not.toContain('acme');
  });

  it('narrows to a framework or a set, and counts what it narrowed to', async () => {
    const store = await realSeedStore();
    const bySet = lines((await get('/export/mappings.jsonl?set=mapping-set:soc2--iso42001')).body);
    expect(bySet[0]!.filter).toEqual({ framework: null, set: 'mapping-set:soc2--iso42001' });
    expect(ofType(bySet, 'mapping').map((m) => m.id)).toEqual((await store.mappingsInSet(['soc2--iso42001']))[0]!.map((m) => `mapping:${m.id}`));
    expect(ofType(bySet, 'framework').map((f) => f.id).sort()).toEqual(['iso42001', 'soc2']);
    expect(bySet[0]!.counts.noRelationship).toBe((await store.noRelationshipsInSet(['soc2--iso42001']))[0]!.length);
    // The bare set id names it too.
    expect((await get('/export/mappings.jsonl?set=soc2--iso42001')).body).toBe((await get('/export/mappings.jsonl?set=mapping-set:soc2--iso42001')).body);

    const byFramework = lines((await get('/export/mappings.jsonl?framework=iso42001')).body);
    const sets = (await store.allNodes('MappingSet')).filter((s) => s.fromFrameworkId === 'iso42001' || s.toFrameworkId === 'iso42001');
    expect(ofType(byFramework, 'mappingSet').map((s) => s.id)).toEqual(sets.map((s) => `mapping-set:${s.id}`));
    expect(ofType(byFramework, 'mapping')).toHaveLength((await store.mappingsInSet(sets.map((s) => s.id))).flat().length);
    expect(ofType(byFramework, 'requirement').every((r) => r.frameworkId === 'iso42001')).toBe(true);
    expect(ofType(byFramework, 'requirement')).toHaveLength((await store.findRequirements([{ filter: { frameworkIds: ['iso42001'] }, page: { after: null, limit: 0 } }]))[0]!.totalCount);
  });

  it('answers bad parameters with 400 BAD_REQUEST and unknown ids with 404 NOT_FOUND', async () => {
    for (const query of ['colour=red', 'set=a&set=b', 'framework=', 'framework=Not%20an%20id', 'set=mapping:x', 'framework=soc2&set=nist-csf--iso27001']) {
      const response = await get(`/export/mappings.jsonl?${query}`);
      expect(response.status, query).toBe(400);
      expect(JSON.parse(response.body).errors[0].extensions.code, query).toBe('BAD_REQUEST');
    }
    for (const query of ['framework=nope', 'set=soc2--nope']) {
      const response = await get(`/export/mappings.jsonl?${query}`);
      expect(response.status, query).toBe(404);
      expect(JSON.parse(response.body).errors[0].extensions.code, query).toBe('NOT_FOUND');
    }
  });
});

describe('GET /export/oscal/<set>.json', () => {
  it("is the OSCAL exporter's document, byte for byte", async () => {
    const response = await get('/export/oscal/soc2--iso42001.json');
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('application/json; charset=utf-8');
    const store = await realSeedStore();
    const contents = (await readMappingSet(store, 'soc2--iso42001'))!;
    expect(response.body).toBe(JSON.stringify(toOscal({ ...contents, now: new Date(contents.loadedAt) }), null, 2) + '\n');
    expect((await get('/export/oscal/mapping-set:soc2--iso42001.json')).body).toBe(response.body);
  });

  it("gives a workspace's set to its own keys only: another workspace and unknown sets get the same 404", async () => {
    const own = await get('/export/oscal/mapping-set:acme:controls--soc2.json', { key: keys.acmeReviewer });
    expect(own.status).toBe(200);
    expect(JSON.parse(own.body)['mapping-collection'].mappings.maps).toHaveLength(2);
    const other = await get('/export/oscal/mapping-set:acme:controls--soc2.json', { key: keys.globex });
    const anonymous = await get('/export/oscal/mapping-set:acme:controls--soc2.json');
    const unknown = await get('/export/oscal/mapping-set:acme:nothing--soc2.json', { key: keys.acmeReviewer });
    for (const refused of [other, anonymous, unknown]) {
      expect(refused.status).toBe(404);
      expect(JSON.parse(refused.body).errors[0].extensions.code).toBe('NOT_FOUND');
      expect(refused.headers.get('etag')).toBeNull();
    }
    expect(JSON.parse(other.body).errors[0].message).toBe(JSON.parse(anonymous.body).errors[0].message);
    expect((await get('/export/oscal/soc2--iso42001.txt')).status).toBe(400);
    expect((await get('/export/oscal/soc2--iso42001.json?x=1')).status).toBe(400);
  });
});

describe('workspace isolation in the JSON Lines export', () => {
  it("shows a workspace's records to its keys, and to nobody else", async () => {
    const acme = lines((await get('/export/mappings.jsonl', { key: keys.acmeReviewer })).body);
    expect(ofType(acme, 'mappingSet').map((s) => s.id)).toContain('mapping-set:acme:controls--soc2');
    expect(ofType(acme, 'mapping').filter((m) => m.set === 'mapping-set:acme:controls--soc2').map((m) => m.id).sort()).toEqual([...acmeSetRows].sort());
    expect(ofType(acme, 'mapping').find((m) => m.id === acmeSetRows[0])).toMatchObject({ relationship: 'INTERSECTS_WITH', strength: 6, rationale: 'FUNCTIONAL', source: expect.stringMatching(/^source:/), status: 'ACCEPTED' });
    expect(acme[0]!.datasetVersion).toMatch(/\+acme@\d+$/);
    const soc2ForAcme = lines((await get('/export/mappings.jsonl?framework=soc2', { key: keys.acmeReviewer })).body);
    expect(ofType(soc2ForAcme, 'mappingSet').map((s) => s.id)).toContain('mapping-set:acme:controls--soc2');

    const globex = await get('/export/mappings.jsonl', { key: keys.globex });
    expect(globex.body).not.toContain('acme');
    const refused = await get('/export/mappings.jsonl?set=mapping-set:acme:controls--soc2', { key: keys.globex });
    const unknown = await get('/export/mappings.jsonl?set=mapping-set:globex:nothing--soc2', { key: keys.globex });
    expect([refused.status, unknown.status]).toEqual([404, 404]);
    expect(JSON.parse(refused.body).errors[0].extensions.code).toBe('NOT_FOUND');
  });
});

describe('caching', () => {
  it('keeps a strong ETag across requests, and answers If-None-Match (single, in a list, weak form, *) with 304', async () => {
    const first = await get('/export/mappings.jsonl');
    const again = await get('/export/mappings.jsonl');
    const tag = first.headers.get('etag')!;
    expect(tag).toMatch(/^"[0-9a-f]{32}"$/);
    expect(again.headers.get('etag')).toBe(tag);
    expect(again.body).toBe(first.body);
    expect(first.headers.get('cache-control')).toBe('no-cache');
    expect(first.headers.get('vary')).toMatch(/Authorization/i);
    expect(first.headers.get('vary')).toMatch(/Accept-Encoding/i);
    for (const header of [tag, `"nope", ${tag}`, `W/${tag}`, '*']) {
      const response = await get('/export/mappings.jsonl', { headers: { 'if-none-match': header } });
      expect(response.status, header).toBe(304);
      expect(response.body).toBe('');
      expect(response.headers.get('etag')).toBe(tag);
    }
    expect((await get('/export/mappings.jsonl', { headers: { 'if-none-match': '"other"' } })).status).toBe(200);
    // Another filter, another tag; the OSCAL export keeps its own the same way.
    expect((await get('/export/mappings.jsonl?framework=soc2')).headers.get('etag')).not.toBe(tag);
    const oscal = (await get('/export/oscal/soc2--iso42001.json')).headers.get('etag')!;
    expect((await get('/export/oscal/soc2--iso42001.json')).headers.get('etag')).toBe(oscal);
    expect((await get('/export/oscal/soc2--iso42001.json', { headers: { 'if-none-match': oscal } })).status).toBe(304);
  });

  it("changes a workspace key's tag when that workspace's write is accepted, and nobody else's", async () => {
    const before = await get('/export/mappings.jsonl', { key: keys.acmeReviewer });
    const oscalBefore = await get('/export/oscal/mapping-set:acme:controls--soc2.json', { key: keys.acmeReviewer });
    const globexBefore = await get('/export/mappings.jsonl', { key: keys.globex });
    const anonymousBefore = await get('/export/mappings.jsonl');
    expect(before.headers.get('cache-control')).toBe('private, no-cache');
    expect(new Set([before.headers.get('etag'), globexBefore.headers.get('etag'), anonymousBefore.headers.get('etag')]).size).toBe(3);

    await ok(server.as(keys.acmeAdmin), 'mutation { upsertRequirements(input: { framework: "acme:controls", requirements: [{ ref: "OPS-03", title: "Backups" }] }) { userErrors { code } } }');

    const after = await get('/export/mappings.jsonl', { key: keys.acmeReviewer, headers: { 'if-none-match': before.headers.get('etag')! } });
    expect(after.status).toBe(200);
    expect(after.headers.get('etag')).not.toBe(before.headers.get('etag'));
    expect(ofType(lines(after.body), 'requirement').map((r) => r.id)).toContain('acme:controls:OPS-03');
    const oscalAfter = await get('/export/oscal/mapping-set:acme:controls--soc2.json', { key: keys.acmeReviewer, headers: { 'if-none-match': oscalBefore.headers.get('etag')! } });
    expect(oscalAfter.status).toBe(200);
    for (const [key, previous] of [[keys.globex, globexBefore], [undefined, anonymousBefore]] as const) {
      expect((await get('/export/mappings.jsonl', { key, headers: { 'if-none-match': previous.headers.get('etag')! } })).status).toBe(304);
    }
  });
});

describe('streaming', () => {
  /** A raw HTTP request, so the test sees the response as it arrives rather than once it is whole. */
  function open(path: string, headers: Record<string, string> = {}): Promise<IncomingMessage> {
    return new Promise((resolve, reject) => {
      const req = httpRequest(`${server.url}${path}`, { headers }, resolve);
      req.on('error', reject);
      req.end();
    });
  }

  it('sends chunked with no Content-Length, and the first line can be read before the response ends', async () => {
    const response = await open('/export/mappings.jsonl');
    expect(response.statusCode).toBe(200);
    expect(response.headers['transfer-encoding']).toBe('chunked');
    expect(response.headers['content-length']).toBeUndefined();
    let received = '';
    let endedBeforeFirstLine = false;
    response.on('end', () => (endedBeforeFirstLine = !received.includes('\n')));
    const firstLine = await new Promise<string>((resolve) => {
      const onData = (chunk: Buffer) => {
        received += chunk.toString('utf8');
        if (received.includes('\n')) {
          response.off('data', onData);
          response.pause();
          resolve(received.slice(0, received.indexOf('\n')));
        }
      };
      response.on('data', onData);
    });
    expect(JSON.parse(firstLine).type).toBe('header');
    // The whole export is far larger than what has arrived: the rest is still to come.
    expect(response.readableEnded).toBe(false);
    expect(endedBeforeFirstLine).toBe(false);
    response.destroy();
  });

  it('cuts the connection when the store fails mid-stream, so a short export is never taken for a whole one', async () => {
    const base = await realSeedStore();
    // The first page of requirements reads, the next one fails: by then the status and the first lines are sent.
    const failing = Object.assign(Object.create(base) as GraphStore, {
      findRequirements: async (queries: Parameters<GraphStore['findRequirements']>[0]) => {
        if (queries.some((q) => q.page.after !== null)) throw new StoreUnavailableError('the store went away');
        return base.findRequirements(queries);
      },
    });
    const broken = await startTestServer(failing);
    try {
      const response = await fetch(`${broken.url}/export/mappings.jsonl`);
      expect(response.status).toBe(200);
      await expect(response.text()).rejects.toThrow();
      // The server goes on answering: the export, or while the store is held for down, a coded 503 (never a 500).
      const next = await fetch(`${broken.url}/export/oscal/soc2--iso42001.json`);
      if (next.status !== 200) {
        expect(next.status).toBe(503);
        expect(((await next.json()) as { errors: Array<{ extensions: { code: string } }> }).errors[0]!.extensions.code).toBe('SERVICE_UNAVAILABLE');
      }
    } finally {
      await broken.close();
    }
  });

  it('answers a store outage before the stream starts with 503 SERVICE_UNAVAILABLE', async () => {
    const base = await realSeedStore();
    const down = Object.assign(Object.create(base) as GraphStore, {
      allNodes: async () => Promise.reject(new StoreUnavailableError('the store went away')),
      nodes: async () => Promise.reject(new StoreUnavailableError('the store went away')),
    });
    const broken = await startTestServer(down);
    try {
      for (const path of ['/export/mappings.jsonl', '/export/oscal/soc2--iso42001.json']) {
        const response = await fetch(`${broken.url}${path}`);
        expect(response.status, path).toBe(503);
        expect(((await response.json()) as { errors: Array<{ extensions: { code: string } }> }).errors[0]!.extensions.code).toBe('SERVICE_UNAVAILABLE');
      }
    } finally {
      await broken.close();
    }
  });

  it('compresses with gzip when asked, still streamed', async () => {
    const response = await open('/export/mappings.jsonl?set=soc2--iso42001', { 'accept-encoding': 'gzip' });
    expect(response.headers['content-encoding']).toBe('gzip');
    expect(response.headers['transfer-encoding']).toBe('chunked');
    const chunks: Buffer[] = [];
    for await (const chunk of response) chunks.push(chunk as Buffer);
    const plain = await get('/export/mappings.jsonl?set=soc2--iso42001');
    expect(gunzipSync(Buffer.concat(chunks)).toString('utf8')).toBe(plain.body);
    expect(Buffer.concat(chunks).length).toBeLessThan(plain.body.length / 3);
  });

  it('counts a keyed caller against its rate limit, as GraphQL requests do', async () => {
    const limited = await startWorkspaceServer({ config: { access: { requireKey: false, keyRequestsPerMinute: 1 } } });
    try {
      const { key } = await limited.key('acme', 'reader');
      const statuses: number[] = [];
      // A burst is a tenth of the rate, at least 10, and one request a minute refills it: the 11th request is refused, whichever route it takes.
      for (let i = 0; i < 6; i++) statuses.push((await fetch(`${limited.url}/graphql?query=%7B__typename%7D`, { headers: { authorization: `Bearer ${key}`, 'apollo-require-preflight': '1' } })).status);
      for (let i = 0; i < 5; i++) statuses.push((await fetch(`${limited.url}/export/oscal/soc2--iso42001.json`, { headers: { authorization: `Bearer ${key}`, 'if-none-match': '*' } })).status);
      expect(statuses.slice(0, 10).every((s) => s === 200 || s === 304)).toBe(true);
      const refused = await fetch(`${limited.url}/export/mappings.jsonl`, { headers: { authorization: `Bearer ${key}` } });
      expect(statuses[10]).toBe(429);
      expect(refused.status).toBe(429);
      expect(((await refused.json()) as { errors: Array<{ extensions: { code: string } }> }).errors[0]!.extensions.code).toBe('RATE_LIMITED');
    } finally {
      await limited.close();
    }
  });

  it('asks for a key where the server requires one (CROSSWALK_REQUIRE_KEY), as GraphQL does', async () => {
    const locked = await startWorkspaceServer({ config: { access: { requireKey: true, keyRequestsPerMinute: 0 } } });
    try {
      const refused = await fetch(`${locked.url}/export/mappings.jsonl`);
      expect(refused.status).toBe(401);
      expect(((await refused.json()) as { errors: Array<{ extensions: { code: string } }> }).errors[0]!.extensions.code).toBe('UNAUTHENTICATED');
      const { key } = await locked.key('acme', 'reader');
      expect((await fetch(`${locked.url}/export/oscal/soc2--iso42001.json`, { headers: { authorization: `Bearer ${key}` } })).status).toBe(200);
    } finally {
      await locked.close();
    }
  });
});
