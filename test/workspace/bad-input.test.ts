import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { journalEntries, rawPost, snapshotWorkspace, type WorkspaceSnapshot } from '../helpers/workspace-snapshot.js';
import { startWorkspaceServer, type Client, type WorkspaceServer } from '../helpers/workspace-server.js';

/**
 * Bad input to the workspace mutations over HTTP (issue #21): each is answered with userErrors
 * naming the offending field (or a coded top-level error, or a coded HTTP error before GraphQL),
 * never a 500, and writes nothing: the workspace's revision and every file of its folder (records,
 * seed-format copies, audit journal) stay as they were.
 */

const SET = 'mapping-set:acme:controls--soc2';
const mappingOf = (from: string, to: string) => `mapping:acme:controls--soc2:acme:controls:${from}->soc2:${to}`;

const PAYLOAD = 'revision userErrors { field code message }';
const M = {
  createFramework: `mutation ($input: CreateFrameworkInput!) { r: createFramework(input: $input) { ${PAYLOAD} } }`,
  upsertRequirements: `mutation ($input: UpsertRequirementsInput!) { r: upsertRequirements(input: $input) { ${PAYLOAD} } }`,
  createMappingSet: `mutation ($input: CreateMappingSetInput!) { r: createMappingSet(input: $input) { ${PAYLOAD} mappingSet { id } } }`,
  proposeMappings: `mutation ($input: ProposeMappingsInput!) { r: proposeMappings(input: $input) { ${PAYLOAD} mappings { id status review { proposedBy reviewedBy } } } }`,
  reviewMappings: `mutation ($input: ReviewMappingsInput!) { r: reviewMappings(input: $input) { ${PAYLOAD} mappings { id status review { reviewedBy } } } }`,
  retireMappings: `mutation ($input: RetireMappingsInput!) { r: retireMappings(input: $input) { ${PAYLOAD} } }`,
  deleteFramework: `mutation ($input: DeleteFrameworkInput!) { r: deleteFramework(input: $input) { ${PAYLOAD} deletedFrameworkId deletedMappingSetIds } }`,
};
type Op = keyof typeof M;

let server: WorkspaceServer;
let admin: Client, editor: Client, reviewer: Client, reviewer2: Client;
let adminKey: string;
let keyIds: Record<string, string>;

const snapshot = (): Promise<WorkspaceSnapshot> => snapshotWorkspace(server, 'acme');

interface UserErrorSeen {
  field: string[];
  code: string;
  message: string;
}

/** Sends a mutation expected to be refused with user errors: returns them, after checking nothing was written. */
async function refused(client: Client, op: Op, input: Record<string, unknown>): Promise<UserErrorSeen[]> {
  const before = await snapshot();
  const answer = await client(M[op], { input });
  expect(answer.status).toBe(200);
  expect(answer.errors, JSON.stringify(answer.errors)).toBeUndefined();
  expect(answer.data!.r.revision).toBeNull();
  const errors = answer.data!.r.userErrors as UserErrorSeen[];
  expect(errors.length).toBeGreaterThan(0);
  for (const e of errors) {
    expect(e.field[0]).toBe('input');
    expect(e.message.length).toBeGreaterThan(10);
  }
  expect(await snapshot()).toEqual(before);
  return errors;
}

/** Sends a mutation expected to succeed, writing exactly one journal entry. */
async function written(client: Client, op: Op, input: Record<string, unknown>): Promise<Record<string, any>> {
  const before = await snapshot();
  const answer = await client(M[op], { input });
  expect(answer.errors, JSON.stringify(answer.errors)).toBeUndefined();
  expect(answer.data!.r.userErrors).toEqual([]);
  expect(answer.data!.r.revision).toBe(before.revision + 1);
  expect(journalEntries(server, 'acme').at(-1)).toMatchObject({ revision: before.revision + 1, operation: op });
  return answer.data!.r;
}

const codes = (errors: UserErrorSeen[]) => errors.map((e) => [e.field.join('.'), e.code]);
const proposal = (from: string, to: string, extra: Record<string, unknown> = {}) => ({ from: `acme:controls:${from}`, to: `soc2:${to}`, relationship: 'SUBSET_OF', strength: 6, rationale: 'FUNCTIONAL', ...extra });
const requirements = (n: number, prefix = 'R') => Array.from({ length: n }, (_, i) => ({ ref: `${prefix}-${i + 1}`, title: `Requirement ${i + 1}` }));

beforeAll(async () => {
  server = await startWorkspaceServer({ config: { access: { requireKey: false, keyRequestsPerMinute: 0 } } });
  const keys = {
    admin: await server.key('acme', 'admin'),
    editor: await server.key('acme', 'editor'),
    reviewer: await server.key('acme', 'reviewer'),
    reviewer2: await server.key('acme', 'reviewer'),
  };
  adminKey = keys.admin.key;
  keyIds = Object.fromEntries(Object.entries(keys).map(([k, v]) => [k, v.keyId]));
  admin = server.as(keys.admin.key);
  editor = server.as(keys.editor.key);
  reviewer = server.as(keys.reviewer.key);
  reviewer2 = server.as(keys.reviewer2.key);
  await written(admin, 'createFramework', { id: 'acme:controls', name: 'ACME controls' });
  await written(admin, 'upsertRequirements', {
    framework: 'acme:controls',
    requirements: [{ ref: 'GOV', title: 'Governance', kind: 'GROUP' }, ...['AC-01', 'AC-02', 'AC-03', 'AC-04', 'AC-05'].map((ref) => ({ ref, title: `Control ${ref}`, parent: 'GOV' }))],
  });
  await written(editor, 'createMappingSet', { from: 'acme:controls', to: 'soc2' });
  await written(editor, 'proposeMappings', { set: SET, mappings: [proposal('AC-01', 'CC6.1')] });
});
afterAll(() => server?.close());

describe('proposals with bad ids and values', () => {
  it('names unknown requirement ids on either side: NOT_FOUND at the field', async () => {
    const errors = await refused(editor, 'proposeMappings', { set: SET, mappings: [proposal('NOPE-1', 'CC6.1'), proposal('AC-02', 'CC99.9')] });
    expect(codes(errors)).toEqual([
      ['input.mappings.0.from', 'NOT_FOUND'],
      ['input.mappings.1.to', 'NOT_FOUND'],
    ]);
    expect(errors[0]!.message).toContain('acme:controls:NOPE-1');
  });

  it('refuses a requirement mapped to itself, and a set from a framework to itself (SELF_MAPPING)', async () => {
    const self = await refused(editor, 'proposeMappings', { set: SET, mappings: [{ ...proposal('AC-02', 'CC6.1'), to: 'acme:controls:AC-02' }] });
    expect(codes(self)).toContainEqual(['input.mappings.0.to', 'SELF_MAPPING']);
    const set = await refused(editor, 'createMappingSet', { from: 'acme:controls', to: 'acme:controls', id: 'acme:controls--itself' });
    expect(codes(set)).toEqual([['input.to', 'SELF_MAPPING']]);
  });

  it('refuses duplicate mappings, in one call and against one already proposed (DUPLICATE)', async () => {
    const twice = await refused(editor, 'proposeMappings', { set: SET, mappings: [proposal('AC-02', 'CC6.2'), proposal('AC-02', 'CC6.2')] });
    expect(codes(twice)).toEqual([['input.mappings.1', 'DUPLICATE']]);
    const again = await refused(editor, 'proposeMappings', { set: SET, mappings: [proposal('AC-01', 'CC6.1')] });
    expect(codes(again)).toEqual([['input.mappings.0', 'DUPLICATE']]);
  });

  it('refuses strength 0, 11 and EQUAL with strength 5 (INVALID at the strength)', async () => {
    const errors = await refused(editor, 'proposeMappings', {
      set: SET,
      mappings: [proposal('AC-02', 'CC6.2', { strength: 0 }), proposal('AC-03', 'CC6.2', { strength: 11 }), proposal('AC-04', 'CC6.2', { relationship: 'EQUAL', strength: 5 })],
    });
    expect(codes(errors)).toEqual([
      ['input.mappings.0.strength', 'INVALID'],
      ['input.mappings.1.strength', 'INVALID'],
      ['input.mappings.2.strength', 'INVALID'],
    ]);
    expect(errors[2]!.message).toMatch(/EQUAL/);
  });

  it('refuses a whole call when one item of many is bad: the good ones are not written either', async () => {
    const errors = await refused(editor, 'proposeMappings', { set: SET, mappings: [proposal('AC-02', 'CC6.2'), proposal('AC-03', 'CC6.3'), proposal('AC-04', 'CC6.3', { strength: 42 })] });
    expect(codes(errors)).toEqual([['input.mappings.2.strength', 'INVALID']]);
  });
});

describe('requirements with bad refs and parents', () => {
  it('refuses a ref with a colon (INVALID at the ref)', async () => {
    const errors = await refused(admin, 'upsertRequirements', { framework: 'acme:controls', requirements: [{ ref: 'AC-06', title: 'Fine' }, { ref: 'AC:07', title: 'Colon' }] });
    expect(codes(errors)).toEqual([['input.requirements.1.ref', 'INVALID']]);
  });

  it('refuses a parent cycle, within one call and through a stored requirement', async () => {
    const inCall = await refused(admin, 'upsertRequirements', {
      framework: 'acme:controls',
      requirements: [
        { ref: 'X-1', title: 'X1', parent: 'X-2' },
        { ref: 'X-2', title: 'X2', parent: 'X-1' },
      ],
    });
    expect(codes(inCall)).toEqual([
      ['input.requirements.0.parent', 'INVALID'],
      ['input.requirements.1.parent', 'INVALID'],
    ]);
    expect(inCall[0]!.message).toMatch(/cycle/);
    // GOV is the stored parent of AC-01: making AC-01 GOV's parent closes a loop.
    const stored = await refused(admin, 'upsertRequirements', { framework: 'acme:controls', requirements: [{ ref: 'GOV', title: 'Governance', kind: 'GROUP', parent: 'AC-01' }] });
    expect(codes(stored)).toEqual([['input.requirements.0.parent', 'INVALID']]);
    const own = await refused(admin, 'upsertRequirements', { framework: 'acme:controls', requirements: [{ ref: 'AC-09', title: 'Self', parent: 'AC-09' }] });
    expect(codes(own)).toEqual([['input.requirements.0.parent', 'INVALID']]);
  });

  it('refuses a parent that does not exist (NOT_FOUND at the parent)', async () => {
    const errors = await refused(admin, 'upsertRequirements', { framework: 'acme:controls', requirements: [{ ref: 'AC-10', title: 'Orphan', parent: 'NOWHERE' }] });
    expect(codes(errors)).toEqual([['input.requirements.0.parent', 'NOT_FOUND']]);
  });
});

describe('limits on the size of a call', () => {
  it('refuses 501 items in every bulk mutation (TOO_MANY_ITEMS at the list)', async () => {
    const many = Array.from({ length: 501 }, (_, i) => i);
    expect(codes(await refused(admin, 'upsertRequirements', { framework: 'acme:controls', requirements: requirements(501) }))).toEqual([['input.requirements', 'TOO_MANY_ITEMS']]);
    expect(codes(await refused(editor, 'proposeMappings', { set: SET, mappings: many.map((i) => proposal(`AC-0${(i % 5) + 1}`, `CC${i}`)) }))).toEqual([['input.mappings', 'TOO_MANY_ITEMS']]);
    expect(codes(await refused(reviewer, 'reviewMappings', { set: SET, decisions: many.map((i) => ({ id: mappingOf('AC-01', `CC${i}`), decision: 'ACCEPT' })) }))).toEqual([['input.decisions', 'TOO_MANY_ITEMS']]);
    expect(codes(await refused(reviewer, 'retireMappings', { set: SET, ids: many.map((i) => mappingOf('AC-01', `CC${i}`)) }))).toEqual([['input.ids', 'TOO_MANY_ITEMS']]);
  });

  it('takes 500 items in one call', async () => {
    await written(admin, 'upsertRequirements', { framework: 'acme:controls', requirements: requirements(500, 'BULK') });
  });

  it('answers 10,000 items in one call with a coded refusal, never a 500, and writes nothing', async () => {
    const before = await snapshot();
    for (const n of [10_000, 60_000]) {
      const answer = await rawPost(server, `Bearer ${adminKey}`, { query: M.upsertRequirements, variables: { input: { framework: 'acme:controls', requirements: requirements(n, 'HUGE') } } });
      expect(answer.status).not.toBe(500);
      const body = JSON.parse(answer.text);
      if (answer.status === 413) expect(body.errors[0].extensions.code).toBe('PAYLOAD_TOO_LARGE');
      else expect(codes(body.data.r.userErrors)).toEqual([['input.requirements', 'TOO_MANY_ITEMS']]);
    }
    expect(await snapshot()).toEqual(before);
  });

  it('answers 501 items written inline in the query with a coded refusal, never a 500, and writes nothing', async () => {
    const before = await snapshot();
    const inline = requirements(501, 'IN')
      .map((r) => `{ ref: "${r.ref}", title: "${r.title}" }`)
      .join(' ');
    const answer = await rawPost(server, `Bearer ${adminKey}`, { query: `mutation { r: upsertRequirements(input: { framework: "acme:controls", requirements: [${inline}] }) { ${PAYLOAD} } }` });
    expect(answer.status).not.toBe(500);
    const body = JSON.parse(answer.text);
    const code = body.errors?.[0]?.extensions?.code ?? body.data?.r?.userErrors?.[0]?.code;
    expect(['QUERY_TOO_LARGE', 'QUERY_TOO_COMPLEX', 'TOO_MANY_ITEMS']).toContain(code);
    expect(await snapshot()).toEqual(before);
  });
});

describe('public frameworks and sets are read only', () => {
  it('refuses every write naming a public framework or set (READ_ONLY)', async () => {
    expect(codes(await refused(admin, 'upsertRequirements', { framework: 'soc2', requirements: [{ ref: 'CC99', title: 'Ours now' }] }))).toEqual([['input.framework', 'READ_ONLY']]);
    expect(codes(await refused(admin, 'deleteFramework', { framework: 'soc2', cascade: true }))).toEqual([['input.framework', 'READ_ONLY']]);
    const publicSet = 'mapping-set:soc2--iso42001';
    expect(codes(await refused(editor, 'proposeMappings', { set: publicSet, mappings: [{ from: 'soc2:CC6.1', to: 'iso42001:A.6.2.6', relationship: 'RELATED' }] }))).toEqual([['input.set', 'READ_ONLY']]);
    expect(codes(await refused(reviewer, 'reviewMappings', { set: publicSet, decisions: [{ id: 'mapping:soc2--iso42001:soc2:CC7.2->iso42001:A.6.2.6', decision: 'REJECT' }] }))).toEqual([['input.set', 'READ_ONLY']]);
    expect(codes(await refused(reviewer, 'retireMappings', { set: publicSet, ids: ['mapping:soc2--iso42001:soc2:CC7.2->iso42001:A.6.2.6'] }))).toEqual([['input.set', 'READ_ONLY']]);
    // A framework of the workspace may not take a public framework's name either.
    expect(codes(await refused(admin, 'createFramework', { id: 'acme:soc2', name: 'Not SOC 2' }))).toEqual([['input.id', 'INVALID']]);
  });

  it('refuses a set id the seed format cannot name (not "<from>--<to>"): INVALID, no 500, nothing written', async () => {
    expect(codes(await refused(editor, 'createMappingSet', { from: 'acme:controls', to: 'iso27001', id: 'acme:my-set' }))).toEqual([['input.id', 'INVALID']]);
    expect(codes(await refused(editor, 'createMappingSet', { from: 'acme:controls', to: 'iso27001', id: 'acme:a--b--c' }))).toEqual([['input.id', 'INVALID']]);
  });
});

describe('concurrency', () => {
  it('refuses a stale expectedRevision (CONFLICT) and takes the current one', async () => {
    const read = await editor(`query { mappingSet(id: "${SET}") { revision } }`);
    const revision = read.data!.mappingSet.revision as number;
    expect(codes(await refused(editor, 'proposeMappings', { set: SET, expectedRevision: revision - 1, mappings: [proposal('AC-02', 'CC6.6')] }))).toEqual([['input.expectedRevision', 'CONFLICT']]);
    await written(editor, 'proposeMappings', { set: SET, expectedRevision: revision, mappings: [proposal('AC-02', 'CC6.6')] });
    expect(codes(await refused(reviewer, 'reviewMappings', { set: SET, expectedRevision: revision, decisions: [{ id: mappingOf('AC-02', 'CC6.6'), decision: 'ACCEPT' }] }))).toEqual([['input.expectedRevision', 'CONFLICT']]);
  });

  it('lets exactly one of two reviewers deciding one proposal at once win; the other gets ALREADY_REVIEWED', async () => {
    await written(editor, 'proposeMappings', { set: SET, mappings: [proposal('AC-03', 'CC7.1')] });
    const id = mappingOf('AC-03', 'CC7.1');
    const before = await snapshot();
    const [rejecting, accepting] = await Promise.all([
      reviewer(M.reviewMappings, { input: { set: SET, decisions: [{ id, decision: 'REJECT', comment: 'Does not hold.' }] } }),
      reviewer2(M.reviewMappings, { input: { set: SET, decisions: [{ id, decision: 'ACCEPT', comment: 'Holds.' }] } }),
    ]);
    const answers = [rejecting.data!.r, accepting.data!.r];
    const winners = answers.filter((a) => a.userErrors.length === 0);
    const losers = answers.filter((a) => a.userErrors.length > 0);
    expect(winners).toHaveLength(1);
    expect(losers).toHaveLength(1);
    expect(winners[0]!.revision).toBe(before.revision + 1);
    expect(losers[0]!.revision).toBeNull();
    expect(codes(losers[0]!.userErrors)).toEqual([['input.decisions.0.id', 'ALREADY_REVIEWED']]);
    const winnerStatus = winners[0] === answers[0] ? 'REJECTED' : 'ACCEPTED';
    expect(winners[0]!.mappings).toEqual([{ id, status: winnerStatus, review: { reviewedBy: winners[0] === answers[0] ? keyIds.reviewer : keyIds.reviewer2 } }]);
    const journal = journalEntries(server, 'acme').filter((e) => e.revision > before.revision);
    expect(journal.map((e) => e.operation)).toEqual(['reviewMappings']);
    const queue = await reviewer(`{ workspace { proposals(first: 500) { mappings { id } } } }`);
    expect(queue.data!.workspace.proposals.mappings.map((m: { id: string }) => m.id)).not.toContain(id);
  });

  it('takes a proposal again after a rejection, as a new review', async () => {
    await written(editor, 'proposeMappings', { set: SET, mappings: [proposal('AC-04', 'CC7.2')] });
    const id = mappingOf('AC-04', 'CC7.2');
    const rejected = await written(reviewer, 'reviewMappings', { set: SET, decisions: [{ id, decision: 'REJECT', comment: 'Too weak.' }] });
    expect(rejected.mappings).toEqual([{ id, status: 'REJECTED', review: { reviewedBy: keyIds.reviewer } }]);
    // Deciding again on a rejected record is refused ...
    expect(codes(await refused(reviewer2, 'reviewMappings', { set: SET, decisions: [{ id, decision: 'ACCEPT' }] }))).toEqual([['input.decisions.0.id', 'ALREADY_REVIEWED']]);
    // ... but proposing the pair again starts a new review.
    const again = await written(editor, 'proposeMappings', { set: SET, mappings: [proposal('AC-04', 'CC7.2', { strength: 7, note: 'With the monitoring evidence now.' })] });
    expect(again.mappings).toEqual([{ id, status: 'PROPOSED', review: { proposedBy: keyIds.editor, reviewedBy: null } }]);
    const accepted = await written(reviewer2, 'reviewMappings', { set: SET, decisions: [{ id, decision: 'ACCEPT' }] });
    expect(accepted.mappings).toEqual([{ id, status: 'ACCEPTED', review: { reviewedBy: keyIds.reviewer2 } }]);
  });

  it('refuses retiring what is not accepted (ALREADY_REVIEWED) and an unknown record (NOT_FOUND)', async () => {
    await written(editor, 'proposeMappings', { set: SET, mappings: [proposal('AC-05', 'CC8.1')] });
    expect(codes(await refused(reviewer, 'retireMappings', { set: SET, ids: [mappingOf('AC-05', 'CC8.1'), mappingOf('AC-05', 'CC9.9')] }))).toEqual([
      ['input.ids.0', 'ALREADY_REVIEWED'],
      ['input.ids.1', 'NOT_FOUND'],
    ]);
  });
});

describe('deleting a framework', () => {
  it('refuses while mapping sets point at it (IN_USE), then deletes it and them with cascade', async () => {
    await written(admin, 'createFramework', { id: 'acme:legacy', name: 'Legacy controls' });
    await written(admin, 'upsertRequirements', { framework: 'acme:legacy', requirements: [{ ref: 'L-1', title: 'Legacy one' }] });
    await written(editor, 'createMappingSet', { from: 'acme:legacy', to: 'soc2' });
    const inUse = await refused(admin, 'deleteFramework', { framework: 'acme:legacy' });
    expect(codes(inUse)).toEqual([['input.framework', 'IN_USE']]);
    expect(inUse[0]!.message).toContain('acme:legacy--soc2');
    const deleted = await written(admin, 'deleteFramework', { framework: 'acme:legacy', cascade: true });
    expect(deleted).toMatchObject({ deletedFrameworkId: 'acme:legacy', deletedMappingSetIds: ['mapping-set:acme:legacy--soc2'] });
    const files = Object.keys((await snapshot()).files);
    expect(files.filter((f) => f.includes('legacy'))).toEqual([]);
    const gone = await admin(`{ framework(id: "acme:legacy") { id } }`);
    expect(gone.errors![0]!.extensions!.code).toBe('NOT_FOUND');
    expect(codes(await refused(admin, 'deleteFramework', { framework: 'acme:legacy' }))).toEqual([['input.framework', 'NOT_FOUND']]);
  });
});

describe('workspace names that would make ambiguous ids', () => {
  it('refuses keys for a workspace named like a prefix of other ids (risk:controls would read as a risk)', async () => {
    for (const name of ['risk', 'discipline', 'evidence', 'source', 'mapping-set', 'mapping', 'no-relationship']) {
      await expect(server.key(name, 'admin'), name).rejects.toThrow(/reserved/);
    }
  });

  it('lets a workspace named like a public framework write nothing (soc2:controls would read as a SOC 2 requirement)', async () => {
    const soc2 = server.as((await server.key('soc2', 'admin')).key);
    const before = await snapshotWorkspace(server, 'soc2');
    const framework = await soc2(M.createFramework, { input: { id: 'soc2:controls', name: 'Ours' } });
    expect(codes(framework.data!.r.userErrors)).toEqual([['input', 'INVALID']]);
    expect(framework.data!.r.userErrors[0].message).toMatch(/public framework/);
    const set = await soc2(M.createMappingSet, { input: { from: 'iso27001', to: 'iso42001', id: 'soc2:iso27001--iso42001' } });
    expect(codes(set.data!.r.userErrors)).toEqual([['input', 'INVALID']]);
    expect(await snapshotWorkspace(server, 'soc2')).toEqual(before);
    const read = await soc2(`{ node(id: "soc2:CC6.1") { __typename id } frameworks { id } }`);
    expect(read.data!.node).toEqual({ __typename: 'Requirement', id: 'soc2:CC6.1' });
    expect(read.data!.frameworks.map((f: { id: string }) => f.id).filter((id: string) => id.includes(':'))).toEqual([]);
  });
});

describe('the Authorization header', () => {
  it('answers a malformed header with 401 UNAUTHENTICATED, never echoing it, and writes nothing', async () => {
    const secret = adminKey.slice(adminKey.lastIndexOf('_') + 1);
    const headers = [`Basic ${Buffer.from(`user:${adminKey}`).toString('base64')}`, 'Bearer', `Bearer ${adminKey} extra`, adminKey, `Bearer ${adminKey.slice(0, -1)}`, `Bearer ${adminKey}x`, `Token ${adminKey}`, `Bearer cwk_XYZ_${secret}`];
    const before = await snapshot();
    for (const header of headers) {
      const answer = await rawPost(server, header, { query: M.createFramework, variables: { input: { id: 'acme:sneaky', name: 'Sneaky' } } });
      expect(answer.status, header).toBe(401);
      expect(JSON.parse(answer.text).errors[0].extensions.code).toBe('UNAUTHENTICATED');
      expect(answer.text).not.toContain(secret);
      expect(answer.text).not.toContain(secret.slice(0, 20));
    }
    expect(await snapshot()).toEqual(before);
  });
});

describe('mutations sent the wrong way', () => {
  it('refuses a mutation over GET, in a batch, or as a form-style post (CSRF), with a code, writing nothing', async () => {
    const before = await snapshot();
    const query = `mutation { r: createFramework(input: { id: "acme:sideways", name: "Sideways" }) { ${PAYLOAD} } }`;
    const auth = { authorization: `Bearer ${adminKey}` };
    const get = await fetch(`${server.url}/graphql?query=${encodeURIComponent(query)}`, { headers: { ...auth, 'apollo-require-preflight': '1' } });
    expect(get.status).toBe(405);
    const batch = await fetch(`${server.url}/graphql`, { method: 'POST', headers: { ...auth, 'content-type': 'application/json' }, body: JSON.stringify([{ query }, { query }]) });
    const form = await fetch(`${server.url}/graphql`, { method: 'POST', headers: { ...auth, 'content-type': 'text/plain' }, body: JSON.stringify({ query }) });
    for (const [answer, status] of [[batch, 400], [form, 400]] as const) expect(answer.status).toBe(status);
    for (const answer of [get, batch, form]) expect(((await answer.json()) as { errors: Array<{ extensions: { code: string } }> }).errors[0]!.extensions.code).toBe('BAD_REQUEST');
    expect(await snapshot()).toEqual(before);
  });
});

describe('the per-key rate limit', () => {
  let limited: WorkspaceServer;
  afterAll(() => limited?.close());

  it("answers a key's 11th quick request with 429 RATE_LIMITED and Retry-After, writing nothing, while another key goes on", async () => {
    // 6 a minute: a burst of 10, then one more every 10 s; the 11 requests take far less.
    limited = await startWorkspaceServer({ config: { access: { requireKey: false, keyRequestsPerMinute: 6 } } });
    const busy = await limited.key('acme', 'admin');
    const calm = limited.as((await limited.key('acme', 'reader')).key);
    const client = limited.as(busy.key);
    for (let i = 0; i < 10; i++) {
      const answer = await client(`{ workspace { revision } }`);
      expect(answer.status, `request ${i + 1}`).toBe(200);
    }
    const before = await snapshotWorkspace(limited, 'acme');
    const eleventh = await rawPost(limited, `Bearer ${busy.key}`, { query: M.createFramework, variables: { input: { id: 'acme:controls', name: 'Late' } } });
    expect(eleventh.status).toBe(429);
    expect(JSON.parse(eleventh.text).errors[0].extensions.code).toBe('RATE_LIMITED');
    const retryAfter = Number(eleventh.headers.get('retry-after'));
    expect(Number.isInteger(retryAfter)).toBe(true);
    expect(retryAfter).toBeGreaterThanOrEqual(1);
    expect(retryAfter).toBeLessThanOrEqual(10);
    expect(eleventh.text).not.toContain(busy.key);
    expect(await snapshotWorkspace(limited, 'acme')).toEqual(before);
    const other = await calm(`{ workspace { name role } }`);
    expect(other.status).toBe(200);
    expect(other.data!.workspace).toEqual({ name: 'acme', role: 'READER' });
  });
});

describe('the item limit per request', () => {
  it('counts the items of every mutation in a request: aliased bulk calls cannot carry more than 500 together', async () => {
    const server = await startWorkspaceServer();
    try {
      const admin = server.as((await server.key('acme', 'admin')).key);
      await admin('mutation { createFramework(input: { id: "acme:bulk", name: "Bulk" }) { userErrors { code } } }');
      const batch = (prefix: string) => Array.from({ length: 300 }, (_, i) => ({ ref: `${prefix}-${i}`, title: `Item ${i}` }));
      const answer = await admin(
        `mutation ($a: UpsertRequirementsInput!, $b: UpsertRequirementsInput!) {
          a: upsertRequirements(input: $a) { revision userErrors { field code } }
          b: upsertRequirements(input: $b) { revision userErrors { field code message } } }`,
        { a: { framework: 'acme:bulk', requirements: batch('A') }, b: { framework: 'acme:bulk', requirements: batch('B') } },
      );
      expect(answer.data!.a).toEqual({ revision: 2, userErrors: [] });
      expect(answer.data!.b.revision).toBeNull();
      expect(answer.data!.b.userErrors).toEqual([expect.objectContaining({ field: ['input'], code: 'TOO_MANY_ITEMS' })]);
      const count = await admin('{ framework(id: "acme:bulk") { requirements(first: 500) { totalCount } } }');
      expect(count.data!.framework.requirements.totalCount).toBe(300);
    } finally {
      await server.close();
    }
  });
});
