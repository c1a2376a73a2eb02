import { describe, expect, it, vi } from 'vitest';
import { buildSchema, parse, type DocumentNode } from 'graphql';

/**
 * What graphql-jit keeps (src/graphql/jit-executor.ts): an operation is compiled on its
 * `compileAfter`-th run and then stays compiled however many other texts arrive, since a client
 * making every request new (a nonce in a comment) must not push out what legitimate clients use.
 */
const compiles = vi.hoisted(() => ({ count: 0 }));
vi.mock('graphql-jit', async (original) => {
  const jit = await original<typeof import('graphql-jit')>();
  return { ...jit, compileQuery: (...args: Parameters<typeof jit.compileQuery>) => (compiles.count++, jit.compileQuery(...args)) };
});
const { jitGateway } = await import('../../src/graphql/jit-executor.js');

const schema = buildSchema('type Query { hello: String }');
const rootValue = {};

async function executorOf(options: { compileAfter: number; maxCompiled: number }) {
  const gateway = jitGateway(schema, options);
  const { executor: loaded } = await gateway.load({ apollo: { key: undefined, keyHash: undefined, graphRef: undefined, graphId: undefined, graphVariant: 'current' } } as never);
  const executor = loaded!;
  return (text: string) => {
    const document: DocumentNode = parse(text);
    const operation = document.definitions[0] as never;
    return executor({ document, request: { query: text, variables: {} }, operationName: null, operation, queryHash: text, context: rootValue } as never);
  };
}

describe('compiled operations under a flood of new texts', () => {
  it('compiles on the second run, once, and keeps it while thousands of texts are seen once', async () => {
    compiles.count = 0;
    const run = await executorOf({ compileAfter: 2, maxCompiled: 2 });
    const usual = '{ hello }';
    await run(usual);
    expect(compiles.count).toBe(0);
    await run(usual);
    expect(compiles.count).toBe(1);
    for (let i = 0; i < 3_000; i++) await run(`{ hello } # ${i}`);
    expect(compiles.count).toBe(1);
    // Still compiled: asked twice more, it is not compiled again (had the flood pushed it out, it would be).
    expect(await run(usual)).toEqual({ data: { hello: null } });
    await run(usual);
    expect(compiles.count).toBe(1);
  });

  it('compiles texts asked again even during the flood, at most maxCompiled kept', async () => {
    compiles.count = 0;
    const run = await executorOf({ compileAfter: 2, maxCompiled: 2 });
    for (const text of ['{ a: hello }', '{ b: hello }', '{ c: hello }']) {
      await run(text);
      await run(text);
    }
    expect(compiles.count).toBe(3);
    // The oldest compiled one went; asked again, it is counted afresh and compiled on its second run.
    await run('{ a: hello }');
    await run('{ a: hello }');
    expect(compiles.count).toBe(4);
    await run('{ c: hello }');
    expect(compiles.count).toBe(4);
  });
});
