import { spawn } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { defaultConfig, readConfig } from '../../src/config.js';
import { sha256 } from '../../src/graphql/trusted-documents.js';
import { createLogger } from '../../src/logger.js';
import { MemoryStore } from '../../src/store/memory/memory-store.js';
import { fixtureGraph } from '../helpers/fixture-seed.js';
import { startTestServer, type TestServer } from '../helpers/http.js';
import { runTs, waitForOutput, writeFixtureSeed } from '../helpers/processes.js';

const post = (url: string, body: unknown, headers: Record<string, string> = {}) =>
  fetch(`${url}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(body) });

describe('configuration from the environment', () => {
  it('reads limits and switches, and refuses nonsense with the variable named', () => {
    const config = readConfig({ CROSSWALK_MAX_DEPTH: '5', CROSSWALK_INTROSPECTION: 'false', CROSSWALK_CORS_ORIGINS: 'https://a.example, https://b.example', NODE_ENV: 'production' });
    expect(config.limits.maxDepth).toBe(5);
    expect(config.introspection).toBe(false);
    expect(config.http.corsOrigins).toEqual(['https://a.example', 'https://b.example']);
    expect(config.limits.fieldSuggestions).toBe(false);
    expect(readConfig({}).limits.fieldSuggestions).toBe(true);
    expect(() => readConfig({ PORT: 'eighty' })).toThrow(/PORT must be a whole number/);
    expect(() => readConfig({ CROSSWALK_INTROSPECTION: 'maybe' })).toThrow(/CROSSWALK_INTROSPECTION must be true or false/);
  });

  it('reads the fair queue and the trusted proxies, defaulting by store', () => {
    expect(readConfig({}).http).toMatchObject({ concurrentRequests: 2, waitingPerClient: 32, refusalsLimit: 30, trustProxy: false });
    expect(readConfig({ CROSSWALK_REFUSALS_LIMIT: '0' }).http.refusalsLimit).toBe(0);
    expect(() => readConfig({ CROSSWALK_REFUSALS_LIMIT: 'many' })).toThrow(/CROSSWALK_REFUSALS_LIMIT must be a whole number/);
    expect(readConfig({ NEO4J_URI: 'bolt://localhost:7687' }).http.concurrentRequests).toBe(16);
    expect(readConfig({ CROSSWALK_CONCURRENT_REQUESTS: '2', CROSSWALK_WAITING_PER_CLIENT: '0' }).http).toMatchObject({ concurrentRequests: 2, waitingPerClient: 0 });
    expect(readConfig({ CROSSWALK_TRUST_PROXY: '1' }).http.trustProxy).toBe(1);
    expect(readConfig({ CROSSWALK_TRUST_PROXY: 'loopback, 10.0.0.0/8, fd00::1' }).http.trustProxy).toBe('loopback,10.0.0.0/8,fd00::1');
    expect(() => readConfig({ CROSSWALK_CONCURRENT_REQUESTS: '0' })).toThrow(/CROSSWALK_CONCURRENT_REQUESTS must be a whole number from 1/);
    expect(() => readConfig({ CROSSWALK_TRUST_PROXY: 'everyone' })).toThrow(/CROSSWALK_TRUST_PROXY must be/);
    expect(() => readConfig({ CROSSWALK_TRUST_PROXY: 'loopback,' })).toThrow(/CROSSWALK_TRUST_PROXY must be/);
  });
});

describe('production switches', () => {
  let server: TestServer;
  const manifest: Record<string, string> = {};
  const registered = '{ frameworks { id } }';
  beforeAll(async () => {
    manifest[sha256(registered)] = registered;
    const file = path.join(mkdtempSync(path.join(tmpdir(), 'trusted-')), 'manifest.json');
    writeFileSync(file, JSON.stringify(manifest));
    const config = defaultConfig({ introspection: false, trustedDocumentsFile: file, trustedDocumentsOnly: true });
    server = await startTestServer(new MemoryStore(fixtureGraph()), {
      config: { ...config, limits: { ...config.limits, fieldSuggestions: false }, http: { ...config.http, corsOrigins: ['https://grc.example'] } },
    });
  });
  afterAll(async () => {
    await server.close();
  });

  it('accepts only registered operations, by text or by hash', async () => {
    const byText = await post(server.url, { query: registered });
    expect(((await byText.json()) as any).data.frameworks).toHaveLength(3);
    const byHash = await post(server.url, { extensions: { persistedQuery: { version: 1, sha256Hash: sha256(registered) } } });
    expect(((await byHash.json()) as any).data.frameworks).toHaveLength(3);
    const other = await post(server.url, { query: '{ frameworks { name } }' });
    expect(other.status).toBe(400);
    expect(((await other.json()) as any).errors[0].extensions.code).toBe('OPERATION_NOT_TRUSTED');
  });

  it('can switch introspection off and hides field suggestions', async () => {
    const registeredIntrospection = '{ __schema { types { name } } }';
    expect(registeredIntrospection).toBeTruthy();
    const open = defaultConfig({ introspection: false });
    const plain = await startTestServer(new MemoryStore(fixtureGraph()), { config: { ...open, limits: { ...open.limits, fieldSuggestions: false } } });
    try {
      const introspection = await plain.query(registeredIntrospection);
      expect(introspection.errors?.[0]?.extensions?.code).toBe('GRAPHQL_VALIDATION_FAILED');
      expect(introspection.errors?.[0]?.message).toMatch(/introspection/i);
      const typo = await plain.query('{ framework(id: "alpha") { nam } }');
      expect(typo.errors?.[0]?.message).not.toMatch(/Did you mean/);
    } finally {
      await plain.close();
    }
  });

  it('answers CORS preflight for configured origins only', async () => {
    const allowed = await fetch(`${server.url}/graphql`, { method: 'OPTIONS', headers: { origin: 'https://grc.example', 'access-control-request-method': 'POST' } });
    expect(allowed.headers.get('access-control-allow-origin')).toBe('https://grc.example');
    const other = await fetch(`${server.url}/graphql`, { method: 'OPTIONS', headers: { origin: 'https://evil.example', 'access-control-request-method': 'POST' } });
    expect(other.headers.get('access-control-allow-origin')).toBeNull();
  });
});

describe('caching keyed by dataset version', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer(new MemoryStore(fixtureGraph()));
  });
  afterAll(async () => {
    await server.close();
  });

  it('gives the same request the same ETag and answers 304 to it, a different request another', async () => {
    const body = { query: '{ frameworks { id } }' };
    const first = await post(server.url, body);
    const tag = first.headers.get('etag');
    expect(tag).toMatch(/^W\/"[0-9a-f]{32}"$/);
    expect(first.headers.get('x-crosswalk-dataset')).toBe(fixtureGraph().version);
    const again = await post(server.url, body, { 'if-none-match': tag! });
    expect(again.status).toBe(304);
    const other = await post(server.url, { query: '{ frameworks { name } }' });
    expect(other.headers.get('etag')).not.toBe(tag);
  });
});

describe('result cache keyed by dataset version', () => {
  it('answers a repeated query from the cache with no store call, and a different one from the store', async () => {
    const server = await startTestServer(new MemoryStore(fixtureGraph()), { config: defaultConfig({ resultCacheSize: 10 }) });
    try {
      const query = '{ coverage(target: "beta", held: ["alpha"]) { summary { full } } }';
      const first = await server.query(query, undefined, { 'x-crosswalk-trace': '1' });
      const second = await server.query(query, undefined, { 'x-crosswalk-trace': '1' });
      expect(first.extensions!.trace.storeCalls).toBeGreaterThan(0);
      expect(second.data).toEqual(first.data);
      expect(second.extensions!.trace.storeCalls).toBe(0);
      const other = await server.query('{ coverage(target: "beta", held: ["gamma"]) { summary { full } } }', undefined, { 'x-crosswalk-trace': '1' });
      expect(other.extensions!.trace.storeCalls).toBeGreaterThan(0);
    } finally {
      await server.close();
    }
  });
});

describe('structured logs', () => {
  it('logs one JSON line per operation with request id, operation, duration and store calls, and no variables', async () => {
    const lines: string[] = [];
    const log = createLogger('info', { write: (line: string) => lines.push(line) });
    const server = await startTestServer(new MemoryStore(fixtureGraph()), { log });
    try {
      const response = await post(server.url, { query: 'query Secretive($id: ID!) { requirement(id: $id) { id } }', variables: { id: 'alpha:A1', password: 'hunter2' } }, { 'x-request-id': 'req-123' });
      expect(response.headers.get('x-request-id')).toBe('req-123');
      const entry = lines.map((l) => JSON.parse(l)).find((l) => l.msg === 'graphql operation');
      expect(entry).toMatchObject({ requestId: 'req-123', operation: 'Secretive', status: 200, service: 'crosswalk' });
      expect(entry.storeCalls).toBeGreaterThan(0);
      expect(typeof entry.durationMs).toBe('number');
      expect(lines.join('\n')).not.toMatch(/hunter2|alpha:A1/);
    } finally {
      await server.close();
    }
  });
});

describe('graceful shutdown', () => {
  // NODE_ENV=production as `npm start` runs: Apollo's own signal handler is on outside tests, and
  // used to stop and re-raise SIGTERM first (exit 143, store never closed, "stopped" never logged).
  it('on SIGTERM finishes the request in flight, closes the store, logs "stopped", then exits 0', async () => {
    const api = runTs('test/helpers/slow-server.ts', { CROSSWALK_SEED_DIR: await writeFixtureSeed(), PORT: '0', NODE_ENV: 'production' });
    try {
      const [, port] = await waitForOutput(api, /listening on (\d+)/);
      const inFlight = post(`http://127.0.0.1:${port}`, { query: '{ frameworks { id } }' });
      await new Promise((r) => setTimeout(r, 200));
      api.child.kill('SIGTERM');
      const response = await inFlight;
      expect(response.status).toBe(200);
      expect(((await response.json()) as any).data.frameworks).toHaveLength(3);
      expect(await api.exited).toBe(0);
      expect(api.output()).toMatch(/shutting down/);
      expect(api.output()).toMatch(/"msg":"stopped"/);
    } finally {
      api.child.kill('SIGKILL');
    }
  });

  // Issue #16: SIGTERM to `npm start` killed npm's shell, and the server (then under tsx's CLI) ran on
  // as an orphan, still answering. `npm start` is now one node process under the shell, and a server
  // whose parent is gone stops as on SIGTERM.
  it('SIGTERM to `npm start` leaves no server behind: it stops, logs "stopped" and the port closes', async () => {
    const npm = spawn('npm', ['start'], {
      env: { ...process.env, PORT: '0', NODE_ENV: 'production', CROSSWALK_SEED_DIR: await writeFixtureSeed(), CROSSWALK_DATA_DIR: mkdtempSync(path.join(tmpdir(), 'crosswalk-data-')) },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    npm.stdout.on('data', (d) => (output += d));
    npm.stderr.on('data', (d) => (output += d));
    const running = { child: npm, output: () => output, exited: new Promise<number | null>((r) => npm.on('exit', r)) };
    try {
      const [, port] = await waitForOutput(running, /localhost:(\d+)\/graphql/, 60_000);
      expect((await fetch(`http://127.0.0.1:${port}/healthz`)).status).toBe(200);
      npm.kill('SIGTERM');
      await running.exited;
      // The server itself (not npm) says it stopped, and nothing answers on its port any more.
      await waitForOutput(running, /"msg":"stopped"/, 15_000);
      let answering = true;
      for (let i = 0; i < 150 && answering; i++) {
        answering = await fetch(`http://127.0.0.1:${port}/healthz`).then(
          () => true,
          () => false,
        );
        if (answering) await new Promise((r) => setTimeout(r, 100));
      }
      expect(answering).toBe(false);
    } finally {
      npm.kill('SIGKILL');
    }
  }, 90_000);
});
