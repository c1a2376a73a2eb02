import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { defaultConfig } from '../../src/config.js';
import { startTestServer, type TestServer } from '../helpers/http.js';

/** Issue #16, finding 5: the small faults, each answered with a code (production settings: no suggestions). */
let server: TestServer;
beforeAll(async () => {
  const base = defaultConfig();
  server = await startTestServer(undefined, { config: { ...base, limits: { ...base.limits, fieldSuggestions: false } } });
});
afterAll(async () => {
  await server.close();
});

describe('small faults', () => {
  it('nodes(ids:) takes at most 100 ids', async () => {
    const ids = Array.from({ length: 101 }, () => 'soc2');
    const response = await server.query('query N($ids: [ID!]!) { nodes(ids: $ids) { id } }', { ids });
    expect(response.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(response.errors?.[0]?.extensions?.argument).toBe('ids');
  });

  it('unknown ids get suggestions for the first 20 of a request only, across aliases (bounded work)', async () => {
    const ids = (from: number) => Array.from({ length: 15 }, (_, i) => `iso42001:A.6.2.${from + i}`);
    const response = await server.query('query N($a: [ID!]!, $b: [ID!]!) { a: nodes(ids: $a) { id } b: nodes(ids: $b) { id } }', { a: ids(20), b: ids(40) });
    const errors = response.errors!;
    expect(errors).toHaveLength(30);
    expect(errors.every((e) => e.extensions?.code === 'NOT_FOUND')).toBe(true);
    const withSuggestions = errors.filter((e) => (e.extensions?.suggestions as string[]).length > 0);
    expect(withSuggestions).toHaveLength(20);
  });

  it('resolveRefs suggests for the first 20 unmatched references only (bounded work), in input order', async () => {
    const refs = Array.from({ length: 25 }, (_, i) => `A.6.2.${i + 20}`);
    const response = await server.query('query R($refs: [String!]!) { resolveRefs(refs: $refs, framework: "iso42001") { input confidence candidates { id } } }', { refs });
    expect(response.errors).toBeUndefined();
    const answers = response.data!.resolveRefs as Array<{ input: string; confidence: string; candidates: Array<{ id: string }> }>;
    expect(answers.map((a) => a.input)).toEqual(refs);
    expect(answers.every((a) => a.confidence === 'NOT_FOUND')).toBe(true);
    expect(answers.slice(0, 20).every((a) => a.candidates.length > 0)).toBe(true);
    expect(answers.slice(20).every((a) => a.candidates.length === 0)).toBe(true);
  });

  it('does not leak enum values through suggestions when suggestions are off', async () => {
    const response = await server.query('{ requirements(kind: CONTRL) { totalCount } }');
    expect(response.errors?.[0]?.extensions?.code).toBe('GRAPHQL_VALIDATION_FAILED');
    expect(JSON.stringify(response.errors)).not.toMatch(/Did you mean|CONTROL/);
    const viaVariable = await server.query('query Q($k: RequirementKind) { requirements(kind: $k) { totalCount } }', { k: 'CONTRL' });
    expect(JSON.stringify(viaVariable.errors)).not.toMatch(/Did you mean|CONTROL/);
  });

  it('answers deeply nested variables with a coded 400, not a 500', async () => {
    // Written by hand: the client's own JSON.stringify would overflow on it.
    const body = `{"query":"{ frameworks { id } }","variables":{"deep":${'['.repeat(20_000)}"x"${']'.repeat(20_000)}}}`;
    const raw = await fetch(`${server.url}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json' }, body });
    const response = { status: raw.status, ...((await raw.json()) as { errors?: Array<{ extensions?: Record<string, unknown> }> }) };
    expect(response.status).toBe(400);
    expect(response.errors?.[0]?.extensions?.code).toBe('BAD_REQUEST');
    expect((await server.query('{ frameworks { id } }')).errors).toBeUndefined();
  });

  it('serves only the listed explorer files', async () => {
    for (const path of ['/explorer/vendor/__proto__', '/explorer/vendor/constructor', '/explorer/routes.ts', '/explorer/operations.ts', '/explorer/operations/trusted-documents.json', '/explorer/__proto__', '/explorer/bundle.ts', '/explorer/app/main.tsx', '/explorer/explorer.js']) {
      const response = await fetch(`${server.url}${path}`);
      expect(response.status, path).toBe(404);
      expect(((await response.json()) as any).errors[0].extensions.code, path).toBe('NOT_FOUND');
    }
    for (const path of ['/explorer/', '/explorer/app.js', '/explorer/app.css', '/explorer/graphiql.js', '/explorer/graphiql-examples.js', '/explorer/vendor/graphiql.min.js']) {
      expect((await fetch(`${server.url}${path}`)).status, path).toBe(200);
    }
  });

  it('sends security headers with the pages', async () => {
    for (const response of [await fetch(`${server.url}/explorer/`), await fetch(`${server.url}/graphql`, { headers: { accept: 'text/html' } })]) {
      expect(response.status).toBe(200);
      expect(response.headers.get('content-type')).toMatch(/text\/html/);
      expect(response.headers.get('content-security-policy')).toMatch(/frame-ancestors 'none'/);
      expect(response.headers.get('content-security-policy')).toMatch(/script-src 'self'(;|$)/);
      expect(response.headers.get('x-frame-options')).toBe('DENY');
      expect(response.headers.get('x-content-type-options')).toBe('nosniff');
    }
  });

  it('does not label validation refusals "Syntax Error"', async () => {
    const deep = `{ requirement(id: "soc2:CC6.1") { ${'parent { children { '.repeat(8)} id ${'} } '.repeat(8)} } }`;
    const response = await server.query(deep);
    expect(response.errors?.[0]?.extensions?.code).toBe('GRAPHQL_VALIDATION_FAILED');
    expect(response.errors?.[0]?.message).toMatch(/depth/i);
    expect(response.errors?.[0]?.message).not.toMatch(/Syntax Error/);
  });
});
