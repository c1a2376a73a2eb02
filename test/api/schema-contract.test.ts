import { readFileSync, writeFileSync } from 'node:fs';
import { generate } from '@graphql-codegen/cli';
import { buildSchema, lexicographicSortSchema, printSchema } from 'graphql';
import { describe, expect, it } from 'vitest';
import config from '../../codegen.ts';
import { loadTypeDefs } from '../../src/graphql/schema.js';

/**
 * The public contract: the printed schema is committed, so any change to it shows in a diff and
 * is never silent. After an intended change run `UPDATE_SCHEMA=1 npx vitest run test/api/schema-contract.test.ts`
 * and `npm run codegen`.
 */
const PRINTED = new URL('./schema.printed.graphql', import.meta.url);

describe('schema contract', () => {
  const printed = printSchema(lexicographicSortSchema(buildSchema(loadTypeDefs().join('\n'))));

  it('matches the committed printed schema', () => {
    if (process.env.UPDATE_SCHEMA === '1') writeFileSync(PRINTED, `${printed}\n`);
    expect(`${printed}\n`).toBe(readFileSync(PRINTED, 'utf8'));
  });

  it('has resolver types generated from the current SDL', async () => {
    const [output] = await generate({ ...config, silent: true }, false);
    const committed = readFileSync(new URL('../../src/graphql/generated/resolvers-types.ts', import.meta.url), 'utf8');
    expect(output!.content, 'run npm run codegen').toBe(committed);
  });
});
