import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { reviewQueueFixture, type ReviewQueueFixture } from '../helpers/review-queue.js';
import { startWorkspaceServer, type WorkspaceServer } from '../helpers/workspace-server.js';

/**
 * The graph around a target framework is kept per version of what the caller reads
 * (graphql/target-graphs.ts): SOC 2 as a workspace sees it carries the workspace's mappings, as the
 * public sees it does not. Asked in an order where each view's graph is kept before the other
 * asks, every answer stays what the view says, and a review shows in the next answer.
 */
let server: WorkspaceServer;
let fixture: ReviewQueueFixture;

beforeAll(async () => {
  server = await startWorkspaceServer({ config: { resultCacheSize: 0 } });
  fixture = await reviewQueueFixture(server);
});
afterAll(() => server.close());

const COVERAGE = `query ($held: [ID!]!, $proposed: Boolean) { coverage(target: "soc2", held: $held, includeProposed: $proposed) {
  summary { full partial none unassessed } items { requirement { id } status via { requirement { id } relationship } } } }`;

async function coverage(key: string | undefined, held: string[], proposed = false) {
  const { data, errors } = await server.as(key)(COVERAGE, { held, proposed });
  expect(errors).toBeUndefined();
  return data!.coverage;
}

const viaAcme = (answer: any) => answer.items.flatMap((i: any) => i.via.map((v: any) => `${v.requirement.id}->${i.requirement.id}`)).filter((l: string) => l.startsWith('acme:'));

describe('target graphs by caller version', () => {
  it("keeps the public and each workspace view's SOC 2 apart, and a review shows at once", async () => {
    const reader = fixture.keys.reader.key;
    const publicFirst = await coverage(undefined, ['iso27001']);
    const acmeBefore = await coverage(reader, ['acme:controls']);
    expect(viaAcme(acmeBefore)).toEqual([]); // proposals only, none accepted
    const acmeProposed = await coverage(reader, ['acme:controls'], true);
    expect(viaAcme(acmeProposed).sort()).toEqual(['acme:controls:ACME-01->soc2:CC7.2', 'acme:controls:ACME-02->soc2:CC6.1', 'acme:controls:ACME-03->soc2:CC8.1']);
    expect(viaAcme(await coverage(reader, ['acme:controls']))).toEqual([]); // the proposed view's graph did not leak into the accepted one

    const decided = await fixture.reviewer(`mutation ($input: ReviewMappingsInput!) { reviewMappings(input: $input) { userErrors { code message } } }`, {
      input: { set: fixture.set, decisions: [{ id: fixture.mappingIds[0], decision: 'ACCEPT' }] },
    });
    expect(decided.data!.reviewMappings.userErrors).toEqual([]);
    expect(viaAcme(await coverage(reader, ['acme:controls']))).toEqual(['acme:controls:ACME-01->soc2:CC7.2']);

    // The public view and another workspace's are unchanged by all of it.
    const globex = (await server.key('globex', 'reader')).key;
    expect(await coverage(undefined, ['iso27001'])).toEqual(publicFirst);
    expect(await coverage(globex, ['iso27001'])).toEqual(publicFirst);
    const acmeHeld = await server.as(globex)(COVERAGE, { held: ['acme:controls'], proposed: false });
    expect(acmeHeld.errors![0]!.extensions!.code).toBe('NOT_FOUND');
  });
});
