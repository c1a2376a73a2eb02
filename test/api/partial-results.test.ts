import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../helpers/http.js';

/**
 * Root fields are nullable (as Relay and large public APIs have them): one failing field leaves the
 * others' answers, and every fault of a request is reported with its path and code.
 */
let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(() => server.close());

describe('partial results', () => {
  it('answers the valid root field and reports both bad ones, each with its path and code', async () => {
    const response = await server.query(`{
      coverage(target: "iso4200", held: ["soc2"]) { summary { total } }
      overlap(a: "soc2", b: "not a framework") { a { id } }
      frameworks { id }
    }`);
    expect(response.status).toBe(200);
    expect(response.data?.frameworks.map((f: { id: string }) => f.id)).toContain('soc2');
    expect(response.data?.coverage).toBeNull();
    expect(response.data?.overlap).toBeNull();
    const byPath = Object.fromEntries((response.errors ?? []).map((e) => [e.path?.join('.'), e.extensions]));
    expect(Object.keys(byPath).sort()).toEqual(['coverage', 'overlap']);
    expect(byPath.coverage).toMatchObject({ code: 'NOT_FOUND', suggestions: expect.arrayContaining(['iso42001']) });
    expect(byPath.overlap).toMatchObject({ code: 'BAD_USER_INPUT', argument: 'b' });
  });

  it('reports every bad argument of one field, not only the first', async () => {
    const response = await server.query('{ crosswalk(from: "nope", to: "Not An Id", kind: GROUP) { title } frameworks { id } }');
    expect(response.data?.frameworks.length).toBeGreaterThan(0);
    const [error] = response.errors ?? [];
    expect(response.errors).toHaveLength(1);
    expect(error!.path).toEqual(['crosswalk']);
    const problems = error!.extensions!.problems as Array<{ code: string; argument?: string }>;
    expect(problems.map((p) => [p.code, p.argument])).toEqual([
      ['NOT_FOUND', undefined],
      ['BAD_USER_INPUT', 'to'],
      ['BAD_USER_INPUT', 'kind'],
    ]);
    expect(error!.message).toMatch(/nope/);
    expect(error!.message).toMatch(/GROUP/);
  });

  it('reports bad target and held of coverage together', async () => {
    const response = await server.query('{ gaps(target: "iso4200", held: []) { total } }');
    const problems = response.errors?.[0]?.extensions?.problems as Array<{ code: string; argument?: string }>;
    expect(problems.map((p) => p.code)).toEqual(['NOT_FOUND', 'BAD_USER_INPUT']);
    expect(problems[1]!.argument).toBe('held');
    expect(response.data).toEqual({ gaps: null });
  });
});
