import { request } from 'node:http';
import { gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { defaultConfig } from '../../src/config.js';
import { startTestServer, type TestServer } from '../helpers/http.js';

/**
 * HTTP as a GRC tool's client meets it (issue #17): compressed answers, CORS that exposes the
 * headers a browser client needs, a clean preflight, revalidation with a list of tags, cache headers,
 * and batching refused with a clear answer.
 */

interface Raw {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: Buffer;
}

/** A request with exactly the headers given (fetch would add its own Accept-Encoding and decode). */
function raw(url: string, method: string, headers: Record<string, string>, body?: string): Promise<Raw> {
  return new Promise((resolve, reject) => {
    const req = request(url, { method, headers: { ...headers, ...(body ? { 'content-length': String(Buffer.byteLength(body)) } : {}) } }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode!, headers: res.headers, body: Buffer.concat(chunks) }));
    });
    req.on('error', reject);
    req.end(body);
  });
}

const JSON_HEADERS = { 'content-type': 'application/json' };
const BIG = JSON.stringify({ query: '{ requirements(first: 200) { nodes { id title summary } } }' });
const SMALL = JSON.stringify({ query: '{ frameworks { id } }' });

let plain: TestServer;
let withCors: TestServer;
beforeAll(async () => {
  const config = defaultConfig();
  [plain, withCors] = await Promise.all([
    startTestServer(),
    startTestServer(undefined, { config: { ...config, http: { ...config.http, corsOrigins: ['https://grc.example'] } } }),
  ]);
});
afterAll(async () => {
  await Promise.all([plain.close(), withCors.close()]);
});

describe('compression', () => {
  it('gzips a large answer for a client that accepts it, and the body decodes to the same JSON', async () => {
    const zipped = await raw(`${plain.url}/graphql`, 'POST', { ...JSON_HEADERS, 'accept-encoding': 'gzip' }, BIG);
    expect(zipped.status).toBe(200);
    expect(zipped.headers['content-encoding']).toBe('gzip');
    expect(String(zipped.headers.vary)).toMatch(/accept-encoding/i);
    const identity = await raw(`${plain.url}/graphql`, 'POST', JSON_HEADERS, BIG);
    expect(identity.headers['content-encoding']).toBeUndefined();
    expect(JSON.parse(gunzipSync(zipped.body).toString('utf8'))).toEqual(JSON.parse(identity.body.toString('utf8')));
    expect(zipped.body.length).toBeLessThan(identity.body.length / 3);
  });
});

describe('CORS and preflight', () => {
  it('exposes ETag, x-crosswalk-dataset and x-request-id to an allowed origin', async () => {
    const response = await raw(`${withCors.url}/graphql`, 'POST', { ...JSON_HEADERS, origin: 'https://grc.example' }, SMALL);
    expect(response.headers['access-control-allow-origin']).toBe('https://grc.example');
    const exposed = String(response.headers['access-control-expose-headers']).toLowerCase().split(/\s*,\s*/);
    expect(exposed).toEqual(expect.arrayContaining(['etag', 'x-crosswalk-dataset', 'x-request-id']));
    expect(response.headers.etag).toBeDefined();
  });

  it('answers a preflight 204 with no body, with CORS configured', async () => {
    const response = await raw(`${withCors.url}/graphql`, 'OPTIONS', { origin: 'https://grc.example', 'access-control-request-method': 'POST', 'access-control-request-headers': 'content-type' });
    expect(response.status).toBe(204);
    expect(response.body.length).toBe(0);
    expect(response.headers['access-control-allow-origin']).toBe('https://grc.example');
    expect(String(response.headers['access-control-allow-methods'])).toMatch(/POST/);
  });

  it('answers OPTIONS 204 with no body and no CORS grant without CORS configured, or for another origin', async () => {
    for (const [server, origin] of [[plain, 'https://grc.example'], [withCors, 'https://evil.example']] as const) {
      const response = await raw(`${server.url}/graphql`, 'OPTIONS', { origin, 'access-control-request-method': 'POST' });
      expect(response.status).toBe(204);
      expect(response.body.length).toBe(0);
      expect(response.headers['access-control-allow-origin']).toBeUndefined();
    }
    const probe = await raw(`${plain.url}/graphql`, 'OPTIONS', {});
    expect(probe.status).toBe(204);
    expect(probe.headers.allow).toBe('GET, POST, OPTIONS');
  });
});

describe('revalidation and cache headers', () => {
  it('answers 304 when any tag of an If-None-Match list matches, or for *, and 200 when none does', async () => {
    const first = await raw(`${plain.url}/graphql`, 'POST', JSON_HEADERS, SMALL);
    const tag = String(first.headers.etag);
    expect(tag).toMatch(/^W\/"[0-9a-f]{32}"$/);
    const list = await raw(`${plain.url}/graphql`, 'POST', { ...JSON_HEADERS, 'if-none-match': `"other", ${tag}, W/"third"` }, SMALL);
    expect(list.status).toBe(304);
    expect(list.body.length).toBe(0);
    const strongForm = await raw(`${plain.url}/graphql`, 'POST', { ...JSON_HEADERS, 'if-none-match': tag.slice(2) }, SMALL);
    expect(strongForm.status).toBe(304);
    const star = await raw(`${plain.url}/graphql`, 'POST', { ...JSON_HEADERS, 'if-none-match': '*' }, SMALL);
    expect(star.status).toBe(304);
    const none = await raw(`${plain.url}/graphql`, 'POST', { ...JSON_HEADERS, 'if-none-match': '"other", W/"third"' }, SMALL);
    expect(none.status).toBe(200);
  });

  it('sends Cache-Control and Vary on GraphQL answers to GET and POST', async () => {
    const get = await raw(`${plain.url}/graphql?query=${encodeURIComponent('{ frameworks { id } }')}`, 'GET', { accept: 'application/json', 'apollo-require-preflight': 'true' });
    const post = await raw(`${plain.url}/graphql`, 'POST', JSON_HEADERS, SMALL);
    for (const response of [get, post]) {
      expect(response.status).toBe(200);
      expect(response.headers['cache-control']).toBe('no-cache');
      const vary = String(response.headers.vary).toLowerCase();
      expect(vary).toContain('accept');
      expect(vary).toContain('x-crosswalk-trace');
    }
  });
});

describe('batching', () => {
  it('is off: an array of operations is refused with 400 and a message, nothing runs', async () => {
    const response = await raw(`${plain.url}/graphql`, 'POST', JSON_HEADERS, JSON.stringify([{ query: '{ frameworks { id } }' }, { query: '{ dataset { version } }' }]));
    expect(response.status).toBe(400);
    expect(response.body.toString('utf8')).toMatch(/batch/i);
  });

  it('needs the CSRF-prevention header on a GET without a JSON content type', async () => {
    const bare = await raw(`${plain.url}/graphql?query=${encodeURIComponent('{ frameworks { id } }')}`, 'GET', {});
    expect(bare.status).toBe(400);
    expect(bare.body.toString('utf8')).toMatch(/apollo-require-preflight|x-apollo-operation-name/);
  });
});
