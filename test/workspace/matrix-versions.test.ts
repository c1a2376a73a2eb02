import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { reviewQueueFixture, type ReviewQueueFixture } from '../helpers/review-queue.js';
import { startWorkspaceServer, type WorkspaceServer } from '../helpers/workspace-server.js';

/**
 * The overlap matrix keeps pair coverages per version of what the caller reads (analysis/
 * pair-summaries.ts): a workspace's review changes its matrix at once, its proposals count only with
 * includeProposed, and another workspace or an anonymous caller never sees its pairs.
 */
let server: WorkspaceServer;
let fixture: ReviewQueueFixture;

beforeAll(async () => {
  server = await startWorkspaceServer();
  fixture = await reviewQueueFixture(server);
});
afterAll(() => server.close());

const MATRIX = `query ($proposed: Boolean) { overlapMatrix(frameworks: ["acme:controls", "soc2"], includeProposed: $proposed) { cells { from { id } to { id } summary { full partial none unassessed } } } }`;

async function acmeCoversSoc2(key: string, proposed: boolean) {
  const { data, errors } = await server.as(key)(MATRIX, { proposed });
  expect(errors).toBeUndefined();
  return data!.overlapMatrix.cells.find((c: any) => c.from.id === 'acme:controls' && c.to.id === 'soc2').summary;
}

describe('overlap matrix by workspace revision and view', () => {
  it('counts proposals only with includeProposed, and a review shows in the next matrix', async () => {
    const reader = fixture.keys.reader.key;
    const before = await acmeCoversSoc2(reader, false);
    const withProposals = await acmeCoversSoc2(reader, true);
    expect(before.full + before.partial).toBe(0);
    expect(withProposals.full).toBe(1); // ACME-01 EQUAL CC7.2
    expect(await acmeCoversSoc2(reader, false)).toEqual(before); // asked again: the same, not the proposed view's

    const decided = await fixture.reviewer(`mutation ($input: ReviewMappingsInput!) { reviewMappings(input: $input) { userErrors { code message } } }`, {
      input: { set: fixture.set, decisions: [{ id: fixture.mappingIds[0], decision: 'ACCEPT' }] },
    });
    expect(decided.data!.reviewMappings.userErrors).toEqual([]);
    expect((await acmeCoversSoc2(reader, false)).full).toBe(1);
  });

  it("is NOT_FOUND for another workspace's framework, whatever the first workspace's matrix left behind", async () => {
    const globex = (await server.key('globex', 'reader')).key;
    for (const key of [globex, undefined]) {
      const { data, errors } = await server.as(key)(MATRIX, { proposed: false });
      expect(data?.overlapMatrix ?? null).toBeNull();
      expect(errors![0]!.extensions!.code).toBe('NOT_FOUND');
    }
  });
});
