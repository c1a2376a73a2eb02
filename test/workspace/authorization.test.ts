import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ACTIONS, can, mayReview, ROLES, type Action, type Role } from '../../src/domain/access.js';
import { journalEntries, rawPost, snapshotWorkspace, type WorkspaceSnapshot } from '../helpers/workspace-snapshot.js';
import { startWorkspaceServer, type Client, type WorkspaceServer } from '../helpers/workspace-server.js';

/**
 * The authorisation matrix of workspaces (issue #21) over HTTP: every mutation and every
 * workspace-scoped query, asked by every kind of caller. The policy is the table below, one row per
 * operation and one column per caller; it must equal `can()` of src/domain/access.ts for the four
 * roles, so the two change together.
 *
 *   OK               allowed: answers (and a mutation writes exactly one journal entry)
 *   FORBIDDEN        a top-level error with that code; nothing written
 *   UNAUTHENTICATED  a top-level error with that code (no key); nothing written
 *   NULL             `workspace` is null (anonymous)
 *   NOT_FOUND        the acme id is unknown to this caller, exactly as an id that never existed
 *                    (top-level error for a query, a userError for a mutation); nothing written
 *   INVALID          a userError: the id is not of the caller's workspace; nothing written
 *   ABSENT           a list answers without any acme object
 *   OWN              answers about the caller's own workspace (globex), nothing of acme
 *   HTTP_401         refused before GraphQL: 401, UNAUTHENTICATED, the key nowhere in the answer
 */

const CALLERS = ['anonymous', 'reader', 'editor', 'reviewer', 'admin', 'revoked', 'malformed', 'otherWorkspace'] as const;
type Caller = (typeof CALLERS)[number];
type Expected = 'OK' | 'FORBIDDEN' | 'UNAUTHENTICATED' | 'NULL' | 'NOT_FOUND' | 'INVALID' | 'ABSENT' | 'OWN' | 'HTTP_401';

const MUTATIONS = ['createFramework', 'upsertRequirements', 'createMappingSet', 'proposeMappings', 'reviewMappings', 'retireMappings', 'deleteFramework'] as const;
type Mutation = (typeof MUTATIONS)[number];
const QUERIES = [
  'workspace',
  'auditLog',
  'changes',
  'nodeFramework',
  'nodeRequirement',
  'nodeMappingSet',
  'nodeMapping',
  'framework',
  'requirement',
  'mappingSet',
  'mapping',
  'frameworksList',
  'mappingSetsList',
  'coverageHeld',
  'coverageIncludeProposed',
  'nodes',
  'requirementsOfFramework',
  'crosswalk',
  'explain',
  'overlap',
  'gaps',
] as const;
type Query = (typeof QUERIES)[number];
type Operation = Mutation | Query;

const POLICY: Record<Operation, { action: Action; expect: Record<Caller, Expected> }> = {
  //                                                 anonymous           reader         editor         reviewer       admin          revoked        malformed      otherWorkspace
  createFramework:         row('createFramework',    'UNAUTHENTICATED', 'FORBIDDEN',   'OK',          'FORBIDDEN',   'OK',          'HTTP_401',    'HTTP_401',    'INVALID'),
  upsertRequirements:      row('upsertRequirements', 'UNAUTHENTICATED', 'FORBIDDEN',   'OK',          'FORBIDDEN',   'OK',          'HTTP_401',    'HTTP_401',    'NOT_FOUND'),
  createMappingSet:        row('createMappingSet',   'UNAUTHENTICATED', 'FORBIDDEN',   'OK',          'FORBIDDEN',   'OK',          'HTTP_401',    'HTTP_401',    'NOT_FOUND'),
  proposeMappings:         row('proposeMappings',    'UNAUTHENTICATED', 'FORBIDDEN',   'OK',          'FORBIDDEN',   'OK',          'HTTP_401',    'HTTP_401',    'NOT_FOUND'),
  reviewMappings:          row('reviewMappings',     'UNAUTHENTICATED', 'FORBIDDEN',   'FORBIDDEN',   'OK',          'OK',          'HTTP_401',    'HTTP_401',    'NOT_FOUND'),
  retireMappings:          row('retireMappings',     'UNAUTHENTICATED', 'FORBIDDEN',   'FORBIDDEN',   'OK',          'OK',          'HTTP_401',    'HTTP_401',    'NOT_FOUND'),
  deleteFramework:         row('deleteFramework',    'UNAUTHENTICATED', 'FORBIDDEN',   'FORBIDDEN',   'FORBIDDEN',   'OK',          'HTTP_401',    'HTTP_401',    'NOT_FOUND'),
  workspace:               row('read',               'NULL',            'OK',          'OK',          'OK',          'OK',          'HTTP_401',    'HTTP_401',    'OWN'),
  auditLog:                row('readAudit',          'UNAUTHENTICATED', 'FORBIDDEN',   'FORBIDDEN',   'FORBIDDEN',   'OK',          'HTTP_401',    'HTTP_401',    'OWN'),
  changes:                 row('read',               'OK',              'OK',          'OK',          'OK',          'OK',          'HTTP_401',    'HTTP_401',    'OWN'),
  nodeFramework:           row('read',               'NOT_FOUND',       'OK',          'OK',          'OK',          'OK',          'HTTP_401',    'HTTP_401',    'NOT_FOUND'),
  nodeRequirement:         row('read',               'NOT_FOUND',       'OK',          'OK',          'OK',          'OK',          'HTTP_401',    'HTTP_401',    'NOT_FOUND'),
  nodeMappingSet:          row('read',               'NOT_FOUND',       'OK',          'OK',          'OK',          'OK',          'HTTP_401',    'HTTP_401',    'NOT_FOUND'),
  nodeMapping:             row('read',               'NOT_FOUND',       'OK',          'OK',          'OK',          'OK',          'HTTP_401',    'HTTP_401',    'NOT_FOUND'),
  framework:               row('read',               'NOT_FOUND',       'OK',          'OK',          'OK',          'OK',          'HTTP_401',    'HTTP_401',    'NOT_FOUND'),
  requirement:             row('read',               'NOT_FOUND',       'OK',          'OK',          'OK',          'OK',          'HTTP_401',    'HTTP_401',    'NOT_FOUND'),
  mappingSet:              row('read',               'NOT_FOUND',       'OK',          'OK',          'OK',          'OK',          'HTTP_401',    'HTTP_401',    'NOT_FOUND'),
  mapping:                 row('read',               'NOT_FOUND',       'OK',          'OK',          'OK',          'OK',          'HTTP_401',    'HTTP_401',    'NOT_FOUND'),
  frameworksList:          row('read',               'ABSENT',          'OK',          'OK',          'OK',          'OK',          'HTTP_401',    'HTTP_401',    'ABSENT'),
  mappingSetsList:         row('read',               'ABSENT',          'OK',          'OK',          'OK',          'OK',          'HTTP_401',    'HTTP_401',    'ABSENT'),
  coverageHeld:            row('read',               'NOT_FOUND',       'OK',          'OK',          'OK',          'OK',          'HTTP_401',    'HTTP_401',    'NOT_FOUND'),
  coverageIncludeProposed: row('read',               'NOT_FOUND',       'OK',          'OK',          'OK',          'OK',          'HTTP_401',    'HTTP_401',    'NOT_FOUND'),
  nodes:                   row('read',               'NOT_FOUND',       'OK',          'OK',          'OK',          'OK',          'HTTP_401',    'HTTP_401',    'NOT_FOUND'),
  requirementsOfFramework: row('read',               'NOT_FOUND',       'OK',          'OK',          'OK',          'OK',          'HTTP_401',    'HTTP_401',    'NOT_FOUND'),
  crosswalk:               row('read',               'NOT_FOUND',       'OK',          'OK',          'OK',          'OK',          'HTTP_401',    'HTTP_401',    'NOT_FOUND'),
  explain:                 row('read',               'NOT_FOUND',       'OK',          'OK',          'OK',          'OK',          'HTTP_401',    'HTTP_401',    'NOT_FOUND'),
  overlap:                 row('read',               'NOT_FOUND',       'OK',          'OK',          'OK',          'OK',          'HTTP_401',    'HTTP_401',    'NOT_FOUND'),
  gaps:                    row('read',               'NOT_FOUND',       'OK',          'OK',          'OK',          'OK',          'HTTP_401',    'HTTP_401',    'NOT_FOUND'),
};

function row(action: Action, ...cells: Expected[]): { action: Action; expect: Record<Caller, Expected> } {
  expect(cells).toHaveLength(CALLERS.length);
  return { action, expect: Object.fromEntries(CALLERS.map((c, i) => [c, cells[i]!])) as Record<Caller, Expected> };
}

const SET = 'mapping-set:acme:controls--soc2';
const TARGET = 'soc2:CC6.1';
const mappingOf = (ref: string) => `mapping:acme:controls--soc2:acme:controls:${ref}->${TARGET}`;

/** A valid input for each mutation, naming objects of its own for each caller, so every cell starts from the same footing. */
const INPUTS: Record<Mutation, (c: Caller) => Record<string, unknown>> = {
  createFramework: (c) => ({ id: `acme:fw-${c.toLowerCase()}`, name: `Framework of ${c}` }),
  upsertRequirements: (c) => ({ framework: 'acme:controls', requirements: [{ ref: `U-${c}`, title: `Written by ${c}` }] }),
  createMappingSet: (c) => ({ from: 'acme:controls', to: 'soc2', id: `acme:controls--soc2-${c.toLowerCase()}` }),
  proposeMappings: (c) => ({ set: SET, mappings: [{ from: `acme:controls:P-${c}`, to: TARGET, relationship: 'SUBSET_OF', strength: 6, rationale: 'FUNCTIONAL' }] }),
  reviewMappings: (c) => ({ set: SET, decisions: [{ id: mappingOf(`Q-${c}`), decision: 'ACCEPT', comment: `Checked by ${c}.` }] }),
  retireMappings: (c) => ({ set: SET, ids: [mappingOf(`T-${c}`)], comment: `Withdrawn by ${c}.` }),
  deleteFramework: (c) => ({ framework: `acme:del-${c.toLowerCase()}` }),
};
const INPUT_TYPES: Record<Mutation, string> = {
  createFramework: 'CreateFrameworkInput',
  upsertRequirements: 'UpsertRequirementsInput',
  createMappingSet: 'CreateMappingSetInput',
  proposeMappings: 'ProposeMappingsInput',
  reviewMappings: 'ReviewMappingsInput',
  retireMappings: 'RetireMappingsInput',
  deleteFramework: 'DeleteFrameworkInput',
};
const mutationText = (m: Mutation) => `mutation ($input: ${INPUT_TYPES[m]}!) { result: ${m}(input: $input) { revision userErrors { field message code } } }`;

const COVERAGE = (proposed: boolean) =>
  `{ result: coverage(target: "soc2", held: ["acme:controls"], includeProposed: ${proposed}) { items { requirement { id } status via { requirement { id } mappings { id status } } } } }`;

/** Each query, and for those naming an acme id, the id (its twin with "zeta" never existed). */
const QUERY_TEXT: Record<Query, { text: string; id?: string }> = {
  workspace: { text: `{ result: workspace { name role revision frameworks { id } } }` },
  auditLog: { text: `{ result: auditLog(first: 500) { entries { revision who operation } } }` },
  // Since the public version (no workspace part): a key's caller gets its workspace's whole history, an anonymous one none.
  changes: { text: `query ($since: String!) { result: changes(since: $since) { version dataset { from } workspace { revision operation } hasMore } }` },
  nodeFramework: { text: `query ($id: ID!) { result: node(id: $id) { id } }`, id: 'acme:controls' },
  nodeRequirement: { text: `query ($id: ID!) { result: node(id: $id) { id } }`, id: 'acme:controls:AC-01' },
  nodeMappingSet: { text: `query ($id: ID!) { result: node(id: $id) { id } }`, id: SET },
  nodeMapping: { text: `query ($id: ID!) { result: node(id: $id) { id } }`, id: mappingOf('T-reader') },
  framework: { text: `query ($id: ID!) { result: framework(id: $id) { id name workspace } }`, id: 'acme:controls' },
  requirement: { text: `query ($id: ID!) { result: requirement(id: $id) { id title } }`, id: 'acme:controls:AC-01' },
  mappingSet: { text: `query ($id: ID!) { result: mappingSet(id: $id) { id workspace } }`, id: SET },
  mapping: { text: `query ($id: ID!) { result: mapping(id: $id) { id status } }`, id: mappingOf('T-reader') },
  frameworksList: { text: `{ result: frameworks { id } }` },
  mappingSetsList: { text: `{ result: mappingSets { id } }` },
  coverageHeld: { text: COVERAGE(false), id: 'acme:controls' },
  coverageIncludeProposed: { text: COVERAGE(true), id: 'acme:controls' },
  nodes: { text: `query ($id: ID!) { result: nodes(ids: [$id]) { id } }`, id: 'acme:controls:AC-01' },
  requirementsOfFramework: { text: `query ($id: ID!) { result: requirements(framework: $id, first: 500) { totalCount nodes { id } } }`, id: 'acme:controls' },
  crosswalk: { text: `query ($id: ID!) { result: crosswalk(from: $id, to: "soc2") { csv } }`, id: 'acme:controls' },
  explain: { text: `query ($id: ID!) { result: explain(from: $id, to: "${TARGET}") { length hops { from { id } to { id } } } }`, id: 'acme:controls:T-reader' },
  overlap: { text: `query ($id: ID!) { result: overlap(a: $id, b: "soc2") { a { id } b { id } } }`, id: 'acme:controls' },
  gaps: { text: `query ($id: ID!) { result: gaps(target: "soc2", held: [$id]) { held { id } total } }`, id: 'acme:controls' },
};

let server: WorkspaceServer;
const keys = {} as Record<Caller, { key: string; keyId: string } | null>;
const clients = {} as Record<Caller, Client>;
const ROLE_CALLERS = ['reader', 'editor', 'reviewer', 'admin'] as const satisfies readonly Role[];
let second: { editor: Client; reviewer: Client; editorKeyId: string };

/** The malformed key: a key's shape with one character too many. */
const MALFORMED = `cwk_0123456789abcdef_${'A'.repeat(44)}`;

async function ok(client: Client, m: Mutation, input: Record<string, unknown>): Promise<void> {
  const answer = await client(mutationText(m), { input });
  expect(answer.errors, JSON.stringify(answer.errors)).toBeUndefined();
  expect(answer.data!.result.userErrors, `${m} ${JSON.stringify(input)}`).toEqual([]);
}

beforeAll(async () => {
  // No rate limit here: the matrix sends many requests per key (bad-input.test.ts checks the limit).
  server = await startWorkspaceServer({ config: { access: { requireKey: false, keyRequestsPerMinute: 0 } } });
  for (const role of ROLE_CALLERS) keys[role] = await server.key('acme', role);
  keys.otherWorkspace = await server.key('globex', 'admin');
  keys.revoked = await server.key('acme', 'admin');
  keys.anonymous = null;
  keys.malformed = { key: MALFORMED, keyId: '0123456789abcdef' };
  for (const c of CALLERS) clients[c] = server.as(keys[c]?.key);
  const editor2 = await server.key('acme', 'editor');
  const reviewer2 = await server.key('acme', 'reviewer');
  second = { editor: server.as(editor2.key), reviewer: server.as(reviewer2.key), editorKeyId: editor2.keyId };

  // The revoked key works until it is revoked.
  const before = await clients.revoked(`{ workspace { name role } }`);
  expect(before.data!.workspace).toEqual({ name: 'acme', role: 'ADMIN' });
  await server.data.keys.revoke(keys.revoked.keyId);

  // acme: a framework with a requirement per caller and purpose, frameworks to delete, a set with
  // proposals to review (by another editor) and accepted mappings to retire.
  const admin = clients.admin;
  await ok(admin, 'createFramework', { id: 'acme:controls', name: 'ACME controls' });
  const refs = ['AC-01', ...CALLERS.flatMap((c) => [`P-${c}`, `Q-${c}`, `T-${c}`])];
  await ok(admin, 'upsertRequirements', { framework: 'acme:controls', requirements: refs.map((ref) => ({ ref, title: `Control ${ref}` })) });
  for (const c of CALLERS) await ok(admin, 'createFramework', { id: `acme:del-${c.toLowerCase()}`, name: `To delete by ${c}` });
  await ok(second.editor, 'createMappingSet', { from: 'acme:controls', to: 'soc2' });
  const proposal = (ref: string) => ({ from: `acme:controls:${ref}`, to: TARGET, relationship: 'INTERSECTS_WITH', strength: 5, rationale: 'SEMANTIC' });
  await ok(second.editor, 'proposeMappings', { set: SET, mappings: CALLERS.flatMap((c) => [proposal(`Q-${c}`), proposal(`T-${c}`)]) });
  await ok(second.reviewer, 'reviewMappings', { set: SET, decisions: CALLERS.map((c) => ({ id: mappingOf(`T-${c}`), decision: 'ACCEPT' })) });
  // globex, the other workspace, has a framework of its own.
  await ok(clients.otherWorkspace, 'createFramework', { id: 'globex:controls', name: 'Globex controls' });
});
afterAll(() => server?.close());

describe('the policy table', () => {
  it('is src/domain/access.ts: for every role and action, OK exactly where can() allows it', () => {
    const actions = new Set(Object.values(POLICY).map((r) => r.action));
    expect([...actions].sort()).toEqual([...ACTIONS].sort());
    for (const [operation, { action, expect: cells }] of Object.entries(POLICY)) {
      for (const role of ROLES) expect(cells[role] === 'OK', `${operation} by ${role}`).toBe(can(role, action));
    }
  });

  it('names every mutation and every workspace query of the schema', async () => {
    const types = await clients.admin(`{ m: __type(name: "Mutation") { fields { name } } }`);
    expect(types.data!.m.fields.map((f: { name: string }) => f.name).sort()).toEqual([...MUTATIONS].sort());
  });

  it('lets nobody review their own proposal, admins included (four eyes)', () => {
    for (const role of ROLES) expect(mayReview({ keyId: 'k1', role }, 'k1')).toBe(false);
    expect(mayReview({ keyId: 'k1', role: 'reviewer' }, 'k2')).toBe(true);
    expect(mayReview({ keyId: 'k1', role: 'admin' }, 'k2')).toBe(true);
    expect(mayReview({ keyId: 'k1', role: 'editor' }, 'k2')).toBe(false);
  });
});

/** The twin of an acme answer for an id that never existed: "acme" read as "zeta". */
const zeta = (value: unknown) => JSON.parse(JSON.stringify(value).replaceAll('acme', 'zeta'));

function expectNoKey(text: string, key: string): void {
  expect(text).not.toContain(key);
  expect(text).not.toContain(key.slice(key.lastIndexOf('_') + 1));
}

async function snapshots(): Promise<{ acme: WorkspaceSnapshot; globex: WorkspaceSnapshot }> {
  return { acme: await snapshotWorkspace(server, 'acme'), globex: await snapshotWorkspace(server, 'globex') };
}

async function expect401(c: Caller, body: unknown): Promise<void> {
  const key = keys[c]!.key;
  const answer = await rawPost(server, `Bearer ${key}`, body);
  expect(answer.status).toBe(401);
  expect(answer.headers.get('www-authenticate')).toMatch(/^Bearer /);
  expect(JSON.parse(answer.text).errors[0].extensions.code).toBe('UNAUTHENTICATED');
  expectNoKey(answer.text, key);
}

const mutationCells = MUTATIONS.flatMap((m) => CALLERS.map((c) => [m, c, POLICY[m].expect[c]] as const));

describe.each(mutationCells)('%s by %s', (m, c, expected) => {
  it(`answers ${expected}`, async () => {
    const before = await snapshots();
    const input = INPUTS[m](c);
    if (expected === 'HTTP_401') {
      await expect401(c, { query: mutationText(m), variables: { input } });
      expect(await snapshots()).toEqual(before);
      return;
    }
    const answer = await clients[c](mutationText(m), { input });
    if (expected === 'OK') {
      expect(answer.errors, JSON.stringify(answer.errors)).toBeUndefined();
      expect(answer.data!.result).toEqual({ revision: before.acme.revision + 1, userErrors: [] });
      const after = await snapshots();
      expect(after.acme.revision).toBe(before.acme.revision + 1);
      expect(journalEntries(server, 'acme').at(-1)).toMatchObject({ revision: before.acme.revision + 1, who: keys[c]!.keyId, operation: m });
      expect(after.globex).toEqual(before.globex);
      return;
    }
    if (expected === 'FORBIDDEN' || expected === 'UNAUTHENTICATED') {
      expect(answer.data?.result ?? null).toBeNull();
      expect(answer.errors).toHaveLength(1);
      expect(answer.errors![0]!.extensions!.code).toBe(expected);
    } else {
      // Another workspace's key: acme's objects are not there for it, as if they never existed.
      expect(answer.errors).toBeUndefined();
      const { revision, userErrors } = answer.data!.result;
      expect(revision).toBeNull();
      expect(userErrors.map((e: { code: string }) => e.code)).toContain(expected);
      expect(userErrors.every((e: { field: string[] }) => e.field[0] === 'input' && e.field.length >= 2)).toBe(true);
      const never = await clients[c](mutationText(m), { input: zeta(input) });
      expect(zeta(userErrors)).toEqual(never.data!.result.userErrors);
    }
    expect(await snapshots()).toEqual(before);
  });
});

const queryCells = QUERIES.flatMap((q) => CALLERS.map((c) => [q, c, POLICY[q].expect[c]] as const));

describe.each(queryCells)('query %s by %s', (q, c, expected) => {
  it(`answers ${expected}`, async () => {
    const { text, id } = QUERY_TEXT[q];
    const since = text.includes('$since') ? ((await clients.anonymous('{ dataset { version } }')).data!.dataset.version as string) : null;
    const variables = id && text.includes('$id') ? { id } : since ? { since } : undefined;
    const before = await snapshots();
    if (expected === 'HTTP_401') {
      await expect401(c, { query: text, variables });
      return;
    }
    const answer = await clients[c](text, variables);
    const result = answer.data?.result ?? null;
    switch (expected) {
      case 'OK':
        expect(answer.errors, JSON.stringify(answer.errors)).toBeUndefined();
        expectAcmeAnswer(q, c, result, before.acme.revision);
        break;
      case 'NULL':
        expect(answer.errors).toBeUndefined();
        expect(result).toBeNull();
        break;
      case 'FORBIDDEN':
      case 'UNAUTHENTICATED':
        expect(result).toBeNull();
        expect(answer.errors![0]!.extensions!.code).toBe(expected);
        break;
      case 'NOT_FOUND': {
        // nodes(ids:) answers a null in place of each unknown id.
        expect(q === 'nodes' ? result : [result]).toEqual([null]);
        expect(answer.errors).toHaveLength(1);
        expect(answer.errors![0]!.extensions!.code).toBe('NOT_FOUND');
        // Indistinguishable from an id that never existed: same code, message and extensions but for the id.
        const never = await clients[c](zeta(text), variables && zeta(variables));
        const strip = (e: { message: string; extensions?: Record<string, unknown> }) => ({ message: e.message, extensions: e.extensions });
        expect(zeta(strip(answer.errors![0]!))).toEqual(strip(never.errors![0]!));
        break;
      }
      case 'ABSENT':
        expect(answer.errors).toBeUndefined();
        expect(result.length).toBeGreaterThan(0);
        expect(JSON.stringify(result)).not.toContain('acme');
        break;
      case 'OWN':
        expect(answer.errors).toBeUndefined();
        expectGlobexAnswer(q, result, before.globex.revision);
        break;
      default:
        throw new Error(`no check for ${expected}`);
    }
    expect(await snapshots()).toEqual(before);
  });
});

function expectAcmeAnswer(q: Query, c: Caller, result: any, revision: number): void {
  const json = JSON.stringify(result);
  switch (q) {
    case 'workspace':
      expect(result).toMatchObject({ name: 'acme', role: c.toUpperCase(), revision });
      expect(result.frameworks.map((f: { id: string }) => f.id)).toContain('acme:controls');
      break;
    case 'auditLog':
      expect(result.entries.map((e: { revision: number }) => e.revision)).toEqual(Array.from({ length: revision }, (_, i) => i + 1));
      expect(result.entries.map((e: { operation: string }) => e.operation)).toEqual(journalEntries(server, 'acme').map((e) => e.operation));
      break;
    case 'changes':
      expect(result.dataset).toBeNull();
      expect(result.hasMore).toBe(false);
      if (c === 'anonymous') {
        expect(result.workspace).toEqual([]);
        expect(result.version).not.toContain('+');
      } else {
        expect(result.version).toMatch(new RegExp(`\\+acme@${revision}$`));
        expect(result.workspace).toHaveLength(revision);
      }
      break;
    case 'frameworksList':
      expect(json).toContain('"acme:controls"');
      expect(json).not.toContain('globex');
      break;
    case 'mappingSetsList':
      expect(json).toContain(`"${SET}"`);
      break;
    case 'coverageHeld':
    case 'coverageIncludeProposed': {
      const cc61 = result.items.find((i: any) => i.requirement.id === TARGET);
      expect(cc61.status).not.toBe('NONE');
      const statuses = new Set(cc61.via.flatMap((v: any) => v.mappings.map((m: any) => m.status)));
      expect(statuses.has('ACCEPTED')).toBe(true);
      // Proposals count only when asked for (some stay proposed: those the reader and editor may not review).
      expect(statuses.has('PROPOSED')).toBe(q === 'coverageIncludeProposed');
      break;
    }
    case 'nodes':
      expect(result).toEqual([{ id: 'acme:controls:AC-01' }]);
      break;
    case 'requirementsOfFramework':
      expect(result.nodes.map((r: { id: string }) => r.id)).toContain('acme:controls:AC-01');
      expect(result.nodes.every((r: { id: string }) => r.id.startsWith('acme:controls:'))).toBe(true);
      break;
    case 'crosswalk':
      expect(result.csv).toContain('T-reader');
      break;
    case 'explain':
      expect(result.length).toBeGreaterThan(0);
      expect(result[0].hops[0]).toEqual({ from: { id: 'acme:controls:T-reader' }, to: { id: TARGET } });
      break;
    case 'overlap':
      expect(result).toEqual({ a: { id: 'acme:controls' }, b: { id: 'soc2' } });
      break;
    case 'gaps':
      expect(result.held).toEqual([{ id: 'acme:controls' }]);
      expect(result.total).toBeGreaterThan(0);
      break;
    default: {
      const { id } = QUERY_TEXT[q];
      expect(result.id).toBe(id);
    }
  }
}

function expectGlobexAnswer(q: Query, result: any, revision: number): void {
  expect(JSON.stringify(result)).not.toContain('acme');
  switch (q) {
    case 'workspace':
      expect(result).toEqual({ name: 'globex', role: 'ADMIN', revision, frameworks: [{ id: 'globex:controls' }] });
      break;
    case 'auditLog':
      expect(result.entries).toEqual([{ revision: 1, who: keys.otherWorkspace!.keyId, operation: 'createFramework' }]);
      break;
    case 'changes':
      expect(result).toMatchObject({ hasMore: false, dataset: null });
      expect(result.version).toMatch(/\+globex@1$/);
      expect(result.workspace).toEqual([{ revision: 1, operation: 'createFramework' }]);
      break;
    default:
      throw new Error(`no OWN check for ${q}`);
  }
}

describe('reviews', () => {
  it('refuses an admin the review of its own proposal (SELF_REVIEW), writes nothing, and lets a reviewer decide it', async () => {
    const proposed = await clients.admin(mutationText('proposeMappings'), {
      input: { set: SET, mappings: [{ from: 'acme:controls:AC-01', to: TARGET, relationship: 'SUBSET_OF', strength: 4 }] },
    });
    expect(proposed.data!.result.userErrors).toEqual([]);
    const before = await snapshots();
    const own = await clients.admin(mutationText('reviewMappings'), { input: { set: SET, decisions: [{ id: mappingOf('AC-01'), decision: 'ACCEPT' }] } });
    expect(own.data!.result.revision).toBeNull();
    expect(own.data!.result.userErrors).toEqual([{ field: ['input', 'decisions', '0', 'id'], code: 'SELF_REVIEW', message: expect.any(String) }]);
    expect(await snapshots()).toEqual(before);
    const other = await clients.reviewer(mutationText('reviewMappings'), { input: { set: SET, decisions: [{ id: mappingOf('AC-01'), decision: 'ACCEPT' }] } });
    expect(other.data!.result).toEqual({ revision: before.acme.revision + 1, userErrors: [] });
  });

  it('never lets a reviewer key hold a proposal of its own: reviewers cannot propose', async () => {
    const before = await snapshots();
    const answer = await clients.reviewer(mutationText('proposeMappings'), {
      input: { set: SET, mappings: [{ from: 'acme:controls:P-reviewer', to: 'soc2:CC6.2', relationship: 'SUBSET_OF', strength: 4 }] },
    });
    expect(answer.errors![0]!.extensions!.code).toBe('FORBIDDEN');
    expect(await snapshots()).toEqual(before);
  });
});
