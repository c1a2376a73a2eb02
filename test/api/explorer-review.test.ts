import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { explorerOperations } from '../../src/explorer/operations.js';
import { ACME_PROPOSALS, ACME_REQUIREMENTS, reviewQueueFixture, type ReviewQueueFixture } from '../helpers/review-queue.js';
import { startWorkspaceServer, type WorkspaceServer } from '../helpers/workspace-server.js';

/**
 * The explorer's review operations, sent as the page sends them (the registered documents of
 * src/explorer/operations/explorer/), with a reviewer's key: an editor proposes, the reviewer lists
 * the queue, accepts one proposal and rejects another, and the refusals the panel must show
 * (FORBIDDEN, UNAUTHENTICATED, SELF_REVIEW, ALREADY_REVIEWED, CONFLICT) come back coded, changing nothing.
 */

const OPS = explorerOperations();
let server: WorkspaceServer;
let f: ReviewQueueFixture;

beforeAll(async () => {
  server = await startWorkspaceServer();
  f = await reviewQueueFixture(server);
});
afterAll(() => server.close());

const queue = async (client = f.reviewer) => {
  const answer = await client(OPS.ReviewQueue!, { first: 100 });
  expect(answer.errors).toBeUndefined();
  return answer.data!.workspace;
};
const review = (client: typeof f.reviewer, decisions: unknown[], expectedRevision?: number) =>
  client(OPS.ReviewMappings!, { input: { set: f.set, decisions, ...(expectedRevision === undefined ? {} : { expectedRevision }) } });

describe("the explorer's review operations, with a reviewer key", () => {
  it('KeyWorkspace names the key’s workspace and role; a refused key is UNAUTHENTICATED', async () => {
    const who = await f.reviewer(OPS.KeyWorkspace!);
    expect(who.data!.workspace).toMatchObject({ name: 'acme', keyId: f.keys.reviewer.keyId, role: 'REVIEWER' });
    const refused = await server.as(`${f.keys.reviewer.key.slice(0, -4)}AAAA`)(OPS.KeyWorkspace!);
    expect(refused.status).toBe(401);
    expect(refused.errors![0]!.extensions!.code).toBe('UNAUTHENTICATED');
    const anonymous = await server.as()(OPS.KeyWorkspace!);
    expect(anonymous.data!.workspace).toBeNull();
  });

  it('ReviewQueue lists every proposal with both requirements, relationship, strength, rationale, note, proposer and time', async () => {
    const ws = await queue();
    expect(ws).toMatchObject({ name: 'acme', role: 'REVIEWER' });
    expect(ws.proposals.totalCount).toBe(4);
    expect(ws.proposals.mappings.map((m: any) => [m.from.id, m.to.id])).toEqual(ACME_PROPOSALS.map((p) => [p.from, p.to]));
    const [first] = ws.proposals.mappings;
    expect(first).toMatchObject({
      relationship: 'EQUAL',
      strength: 10,
      rationale: 'FUNCTIONAL',
      note: ACME_PROPOSALS[0]!.note,
      mappingSet: { id: f.set },
      from: { ref: 'ACME-01', title: ACME_REQUIREMENTS[0]!.title, summary: ACME_REQUIREMENTS[0]!.summary, framework: { id: 'acme:controls' } },
      to: { id: 'soc2:CC7.2', framework: { id: 'soc2' } },
      review: { status: 'PROPOSED', proposedBy: f.keys.editor.keyId },
    });
    expect(first.to.summary.length).toBeGreaterThan(20);
    expect(Number.isNaN(Date.parse(first.review.proposedAt))).toBe(false);
    expect(ws.proposals.noRelationships).toHaveLength(1);
    expect(ws.proposals.noRelationships[0]).toMatchObject({ id: f.noRelationshipId, requirement: { id: 'acme:controls:ACME-04' }, otherFramework: { id: 'soc2' } });
  });

  it('ProposedMappings gives the graph every proposed mapping, marked PROPOSED', async () => {
    const answer = await f.reviewer(OPS.ProposedMappings!);
    const mappings = answer.data!.workspace.proposals.mappings;
    expect(mappings.map((m: any) => m.id)).toEqual(f.mappingIds);
    expect(new Set(mappings.map((m: any) => m.status))).toEqual(new Set(['PROPOSED']));
  });

  it('refuses, coded and changing nothing: an editor (FORBIDDEN), no key (UNAUTHENTICATED), a stale revision (CONFLICT), a reviewer of their own proposal (SELF_REVIEW)', async () => {
    const before = await queue();
    const decision = [{ id: f.mappingIds[0], decision: 'ACCEPT' }];
    const forbidden = await review(f.editor, decision);
    expect(forbidden.errors![0]!.extensions!.code).toBe('FORBIDDEN');
    const anonymous = await review(server.as(), decision);
    expect(anonymous.errors![0]!.extensions!.code).toBe('UNAUTHENTICATED');
    const revision = before.proposals.mappings[0].mappingSet.revision as number;
    const stale = await review(f.reviewer, decision, revision - 1);
    expect(stale.data!.reviewMappings.userErrors.map((e: any) => e.code)).toEqual(['CONFLICT']);
    expect(stale.data!.reviewMappings.revision).toBeNull();

    // An admin may propose and review, but never decide on its own proposal.
    const own = await f.admin(`mutation ($input: ProposeMappingsInput!) { proposeMappings(input: $input) { mappings { id } userErrors { code message } } }`, {
      input: { set: f.set, mappings: [{ from: 'acme:controls:ACME-02', to: 'soc2:CC6.2', relationship: 'INTERSECTS_WITH', strength: 4 }] },
    });
    expect(own.data!.proposeMappings.userErrors).toEqual([]);
    const ownId = own.data!.proposeMappings.mappings[0].id;
    const self = await review(f.admin, [{ id: ownId, decision: 'ACCEPT' }]);
    expect(self.data!.reviewMappings.userErrors).toEqual([expect.objectContaining({ code: 'SELF_REVIEW', field: ['input', 'decisions', '0', 'id'] })]);
    const after = await queue();
    expect(after.proposals.totalCount).toBe(5);
    expect(after.proposals.mappings.slice(0, 3)).toEqual(before.proposals.mappings.map((m: any) => ({ ...m, mappingSet: { ...m.mappingSet, revision: m.mappingSet.revision + 1 } })));
  });

  it('accepts one proposal and rejects another: statuses, reviewer and comment recorded, the queue shorter, the graph sees the accepted one', async () => {
    const ws = await queue();
    const [accept, reject] = ws.proposals.mappings;
    const accepted = await review(f.reviewer, [{ id: accept.id, decision: 'ACCEPT', comment: 'Same control, same outcome.' }], accept.mappingSet.revision);
    expect(accepted.errors).toBeUndefined();
    expect(accepted.data!.reviewMappings.userErrors).toEqual([]);
    expect(accepted.data!.reviewMappings.mappings).toEqual([
      { id: accept.id, status: 'ACCEPTED', review: { status: 'ACCEPTED', reviewedBy: f.keys.reviewer.keyId, reviewedAt: expect.any(String), comment: 'Same control, same outcome.' } },
    ]);
    const rejected = await review(f.reviewer, [{ id: reject.id, decision: 'REJECT', comment: null }]);
    expect(rejected.data!.reviewMappings.mappings).toEqual([
      { id: reject.id, status: 'REJECTED', review: { status: 'REJECTED', reviewedBy: f.keys.reviewer.keyId, reviewedAt: expect.any(String), comment: null } },
    ]);

    const left = await queue();
    expect(left.proposals.totalCount).toBe(ws.proposals.totalCount - 2);
    expect(left.proposals.mappings.map((m: any) => m.id)).not.toContain(accept.id);
    expect(left.proposals.mappings.map((m: any) => m.id)).not.toContain(reject.id);

    // The neighbourhood now draws the accepted mapping solid, as ACCEPTED; the rejected one nowhere.
    const around = await f.reviewer(OPS.Neighbourhood!, { id: accept.from.id });
    expect(around.data!.requirement.mappings.map((m: any) => [m.other.id, m.mapping.status])).toEqual([[accept.to.id, 'ACCEPTED']]);
    const rejectedAround = await f.reviewer(OPS.Neighbourhood!, { id: reject.from.id });
    expect(rejectedAround.data!.requirement.mappings.map((m: any) => m.mapping.id)).not.toContain(reject.id);
    const proposed = await f.reviewer(OPS.ProposedMappings!);
    expect(proposed.data!.workspace.proposals.mappings.map((m: any) => m.id)).not.toContain(accept.id);

    // Deciding again is ALREADY_REVIEWED, and changes nothing.
    const again = await review(f.reviewer, [{ id: accept.id, decision: 'REJECT' }]);
    expect(again.data!.reviewMappings.userErrors.map((e: any) => e.code)).toEqual(['ALREADY_REVIEWED']);
    expect((await queue()).proposals.totalCount).toBe(left.proposals.totalCount);
  });
});
