import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { isDeepStrictEqual } from 'node:util';
import { parse } from 'yaml';
import { afterAll, describe, expect, it } from 'vitest';
import { mappingId, requirementId, setMemberGlobalId } from '../../src/domain/ids.js';
import type { WorkspaceState } from '../../src/domain/workspace-model.js';
import { KeyStore } from '../../src/workspace/key-store.js';
import { startApiProcess, type ApiProcess } from '../helpers/api-process.js';
import type { Client } from '../helpers/workspace-server.js';
import { readWorkspaceFolder, replayJournal, type WorkspaceOnDisk } from '../helpers/workspace-disk.js';

/**
 * Issue #21's durability acceptance, against the real server process: 500 concurrent mutations
 * over HTTP, the process killed with SIGKILL once about 150 are acknowledged, restarted on the same
 * data directory. Every acknowledged write (HTTP 200, no user errors) is there, as the API serves it
 * and as the journal says; no file is half-written; every record and seed mirror parses; the
 * journal's revisions are consecutive and replaying its after-values from nothing gives exactly
 * the state on disk and served. Then 500 more run to completion on the restarted server, timed.
 */

const WORKSPACE = 'acme';
const FRAMEWORK = 'acme:controls';
const SET = 'mapping-set:acme:controls--soc2';
const SET_STORE_ID = 'acme:controls--soc2';
const MUTATIONS = 500;
const KILL_AFTER = 150;
/**
 * The request timeout raised for these servers: what is checked is durability, not speed, and on a
 * loaded machine a burst of 500 writes can take longer than the default 10 s (a timed-out write is
 * simply not acknowledged, but round two expects all 500 acknowledged). The time is printed.
 */
// 500 writes in flight from two keys: room for all of them in the fair queue (by default a client may
// have 32 waiting, and the rest get 429), and the time to work through them.
const SERVER_ENV = { CROSSWALK_REQUEST_TIMEOUT_MS: '120000', CROSSWALK_WAITING_PER_CLIENT: '1000' };
/** Requirements of acme:controls that proposals map from. */
const BASE_REFS = Array.from({ length: 20 }, (_, i) => `B-${String(i + 1).padStart(2, '0')}`);

const UPSERT = `mutation ($input: UpsertRequirementsInput!) { upsertRequirements(input: $input) { revision userErrors { code message } } }`;
const PROPOSE = `mutation ($input: ProposeMappingsInput!) { proposeMappings(input: $input) { revision userErrors { code message } } }`;
const REVIEW = `mutation ($input: ReviewMappingsInput!) { reviewMappings(input: $input) { revision userErrors { code message } } }`;

/** What the test was told was written: the response said 200 with no user errors. */
type Write =
  | { kind: 'upsertRequirements'; who: string; ref: string }
  | { kind: 'proposeMappings'; who: string; from: string; to: string }
  | { kind: 'reviewMappings'; who: string; from: string; to: string; decision: 'ACCEPT' | 'REJECT' };
type Acknowledged = Write & { revision: number };

interface Keys {
  admin: { key: string; keyId: string };
  editor: { key: string; keyId: string };
  reviewer: { key: string; keyId: string };
}

const dataDir = mkdtempSync(path.join(tmpdir(), 'crosswalk-durability-'));
const workspaceDir = path.join(dataDir, 'workspaces', WORKSPACE);
const soc2Refs = (parse(readFileSync(path.resolve(import.meta.dirname, '../../seed/frameworks/soc2.yaml'), 'utf8')) as { requirements: Array<{ ref: string }> }).requirements.map((r) => r.ref);
/** The k-th mapping pair the workload proposes: distinct for every k below 20 × soc2's size. */
const pair = (k: number) => ({ from: requirementId(FRAMEWORK, BASE_REFS[k % BASE_REFS.length]!), to: requirementId('soc2', soc2Refs[Math.floor(k / BASE_REFS.length)]!) });

let servers: ApiProcess[] = [];
afterAll(() => {
  for (const server of servers) if (server.running.child.exitCode === null) server.running.child.kill('SIGKILL');
});

async function createKeys(): Promise<Keys> {
  const store = new KeyStore(dataDir);
  const make = async (role: string) => {
    const { info, key } = await store.create(WORKSPACE, role);
    return { key, keyId: info.keyId };
  };
  return { admin: await make('admin'), editor: await make('editor'), reviewer: await make('reviewer') };
}

function ok(response: { status: number; errors?: unknown; data?: Record<string, any> }, field: string): number {
  expect(response.status).toBe(200);
  expect(response.errors).toBeUndefined();
  expect(response.data![field].userErrors).toEqual([]);
  return response.data![field].revision as number;
}

/** A framework with 20 requirements, a set to SOC 2, and `proposals` proposals in it for reviewers to decide. */
async function setUp(server: ApiProcess, keys: Keys, proposals: number): Promise<void> {
  const admin = server.as(keys.admin.key);
  ok(await admin(`mutation { createFramework(input: { id: "${FRAMEWORK}", name: "ACME internal controls" }) { revision userErrors { code message } } }`), 'createFramework');
  ok(await admin(UPSERT, { input: { framework: FRAMEWORK, requirements: BASE_REFS.map((ref) => ({ ref, title: `Control ${ref}`, summary: `What ACME does for ${ref}.` })) } }), 'upsertRequirements');
  const editor = server.as(keys.editor.key);
  ok(await editor(`mutation { createMappingSet(input: { from: "${FRAMEWORK}", to: "soc2" }) { revision userErrors { code message } } }`), 'createMappingSet');
  const mappings = Array.from({ length: proposals }, (_, k) => ({ ...pair(k), relationship: 'SUBSET_OF', strength: 5, rationale: 'FUNCTIONAL' }));
  ok(await editor(PROPOSE, { input: { set: SET, mappings } }), 'proposeMappings');
}

/**
 * The workload: two in five add a requirement, two in five propose a mapping, one in five decides
 * on a waiting proposal (alternately accepting and rejecting). `tag` keeps the runs' refs apart;
 * `pairs` and `reviewable` say which pairs to propose and which to decide.
 */
function workload(keys: Keys, tag: string, pairs: Array<{ from: string; to: string }>, reviewable: Array<{ from: string; to: string }>): Write[] {
  const writes: Write[] = [];
  let proposed = 0;
  let reviewed = 0;
  for (let n = 0; n < MUTATIONS; n++) {
    const slot = n % 5;
    if (slot === 4 && reviewed < reviewable.length) {
      writes.push({ kind: 'reviewMappings', who: keys.reviewer.keyId, ...reviewable[reviewed]!, decision: reviewed % 2 === 0 ? 'ACCEPT' : 'REJECT' });
      reviewed++;
    } else if ((slot === 2 || slot === 3) && proposed < pairs.length) {
      writes.push({ kind: 'proposeMappings', who: keys.editor.keyId, ...pairs[proposed]! });
      proposed++;
    } else {
      writes.push({ kind: 'upsertRequirements', who: keys.editor.keyId, ref: `${tag}-${String(n).padStart(3, '0')}` });
    }
  }
  return writes;
}

function send(server: ApiProcess, keys: Keys, write: Write) {
  if (write.kind === 'upsertRequirements') {
    return server.as(keys.editor.key)(UPSERT, { input: { framework: FRAMEWORK, requirements: [{ ref: write.ref, title: `Control ${write.ref}`, parent: 'B-01', tags: ['durability'], summary: `Added by write ${write.ref}.` }] } });
  }
  if (write.kind === 'proposeMappings') {
    return server.as(keys.editor.key)(PROPOSE, { input: { set: SET, mappings: [{ from: write.from, to: write.to, relationship: 'INTERSECTS_WITH', strength: 4, rationale: 'SEMANTIC', note: `Proposed ${write.from} -> ${write.to}.` }] } });
  }
  const id = setMemberGlobalId('Mapping', mappingId(SET_STORE_ID, write.from, write.to));
  return server.as(keys.reviewer.key)(REVIEW, { input: { set: SET, decisions: [{ id, decision: write.decision, comment: `${write.decision} in the durability run.` }] } });
}

/**
 * Fires every write at once. Each response is acknowledged only when it is a 200 whose payload has
 * no user errors; `onAcknowledged` sees the count as each arrives (the kill hangs off it).
 */
async function fire(server: ApiProcess, keys: Keys, writes: Write[], onAcknowledged: (count: number) => void = () => undefined) {
  const acknowledged: Acknowledged[] = [];
  const refused: string[] = [];
  let failed = 0;
  await Promise.all(
    writes.map(async (write) => {
      try {
        const response = await send(server, keys, write);
        const payload = response.data?.[write.kind] as { revision: number | null; userErrors: Array<{ code: string; message: string }> } | undefined;
        if (response.status === 200 && !response.errors && payload && payload.userErrors.length === 0 && typeof payload.revision === 'number') {
          acknowledged.push({ ...write, revision: payload.revision });
          onAcknowledged(acknowledged.length);
        } else if (payload && payload.userErrors.length > 0) {
          refused.push(`${write.kind}: ${payload.userErrors.map((e) => `${e.code} ${e.message}`).join('; ')}`);
        } else {
          failed++;
        }
      } catch {
        failed++; // the connection died with the process: never acknowledged
      }
    }),
  );
  return { acknowledged, refused, failed };
}

/** The workspace as the API serves it, read back over HTTP. */
async function served(client: Client) {
  const read = await client(
    `query ($framework: ID!, $set: ID!) {
      workspace { revision proposals(set: $set, first: 500) { totalCount mappings { from { id } to { id } } } }
      framework(id: $framework) { requirements(first: 500) { totalCount nodes { id title } } }
      mappingSet(id: $set) { revision entries(first: 500) { totalCount nodes { from { id } to { id } status } } }
    }`,
    { framework: FRAMEWORK, set: SET },
  );
  expect(read.errors).toBeUndefined();
  const { workspace, framework, mappingSet } = read.data!;
  const pairs = (list: Array<{ from: { id: string }; to: { id: string } }>) => list.map((m) => `${m.from.id}->${m.to.id}`).sort();
  expect(workspace.proposals.mappings).toHaveLength(workspace.proposals.totalCount);
  expect(framework.requirements.nodes).toHaveLength(framework.requirements.totalCount);
  expect(mappingSet.entries.nodes).toHaveLength(mappingSet.entries.totalCount);
  return {
    revision: workspace.revision as number,
    requirements: (framework.requirements.nodes as Array<{ id: string; title: string }>).map((r) => `${r.id}|${r.title}`).sort(),
    setRevision: mappingSet.revision as number,
    accepted: pairs(mappingSet.entries.nodes),
    proposed: pairs(workspace.proposals.mappings),
  };
}

/** The same projection of a state (a replayed journal's). */
function projection(state: WorkspaceState) {
  const framework = state.frameworks.get('controls')!;
  const set = state.sets.get('controls--soc2')!;
  const withStatus = (status: string) => set.mappings.filter((m) => m.review.status === status).map((m) => `${m.from}->${m.to}`).sort();
  return {
    revision: state.revision,
    requirements: framework.requirements.map((r) => `${requirementId(FRAMEWORK, r.ref)}|${r.title}`).sort(),
    setRevision: set.revision,
    accepted: withStatus('ACCEPTED'),
    proposed: withStatus('PROPOSED'),
  };
}

/** Every acknowledged write is in the journal entry of its revision and in the replayed state. */
function checkAcknowledged(acknowledged: Acknowledged[], disk: WorkspaceOnDisk, state: WorkspaceState): void {
  const framework = state.frameworks.get('controls')!;
  const set = state.sets.get('controls--soc2')!;
  const revisions = acknowledged.map((a) => a.revision);
  expect(new Set(revisions).size).toBe(revisions.length);
  for (const write of acknowledged) {
    const entry = disk.entries[write.revision - 1];
    expect(entry, `journal entry of acknowledged revision ${write.revision}`).toBeDefined();
    expect({ revision: entry!.revision, operation: entry!.operation, who: entry!.who }).toEqual({ revision: write.revision, operation: write.kind, who: write.who });
    const after = entry!.after as { frameworks: Record<string, any>; sets: Record<string, any> };
    if (write.kind === 'upsertRequirements') {
      expect(after.frameworks.controls.requirements.some((r: { ref: string }) => r.ref === write.ref)).toBe(true);
      expect(framework.requirements.some((r) => r.ref === write.ref)).toBe(true);
    } else {
      const find = (mappings: Array<{ from: string; to: string; review: { status: string } }>) => mappings.find((m) => m.from === write.from && m.to === write.to);
      expect(find(after.sets['controls--soc2'].mappings), `${write.kind} ${write.from} -> ${write.to}`).toBeDefined();
      const now = find(set.mappings);
      expect(now).toBeDefined();
      if (write.kind === 'reviewMappings') {
        expect(find(after.sets['controls--soc2'].mappings)!.review.status).toBe(write.decision === 'ACCEPT' ? 'ACCEPTED' : 'REJECTED');
        expect(now!.review.status).toBe(write.decision === 'ACCEPT' ? 'ACCEPTED' : 'REJECTED');
      }
    }
  }
}

/** Disk, journal and API agree: the whole check after a restart (and at the end). */
async function checkConsistent(server: ApiProcess, keys: Keys, acknowledged: Acknowledged[]): Promise<WorkspaceState> {
  const disk = readWorkspaceFolder(workspaceDir);
  expect(disk.problems).toEqual([]);
  // Open removed what the crash left; nothing half-written or temporary anywhere in the data directory.
  const everywhere = readdirSync(dataDir, { recursive: true }).map(String).filter((name) => /\.tmp-\d+-/.test(name));
  expect(everywhere).toEqual([]);
  expect(disk.temporaries).toEqual([]);
  expect(disk.tornBytes).toBe(0);

  const { state, problems } = replayJournal(WORKSPACE, disk.entries);
  expect(problems).toEqual([]);
  expect(disk.entries.map((e) => e.revision)).toEqual(disk.entries.map((_, i) => i + 1));
  // The records on disk are exactly the journal replayed from nothing...
  expect(Object.fromEntries(disk.frameworks)).toEqual(Object.fromEntries(state.frameworks));
  expect(Object.fromEntries(disk.sets)).toEqual(Object.fromEntries(state.sets));
  // ...so are the seed mirrors (accepted mappings only, as seed/mappings/ has them)...
  const expected = projection(state);
  expect(disk.frameworkMirrors.get('controls')!.requirements.map((r) => `${requirementId(FRAMEWORK, r.ref)}|${r.title}`).sort()).toEqual(expected.requirements);
  expect(disk.setMirrors.get('controls--soc2')!.mappings.map((m) => `${requirementId(FRAMEWORK, m.from)}->${requirementId('soc2', m.to)}`).sort()).toEqual(expected.accepted);
  // ...and so is what the API serves.
  expect(await served(server.as(keys.reviewer.key))).toEqual(expected);
  checkAcknowledged(acknowledged, disk, state);
  return state;
}

describe('durability of the real server under kill -9 (issue #21)', () => {
  it('keeps every acknowledged write of 500 concurrent mutations through a SIGKILL, with files and journal consistent', { timeout: 300_000 }, async () => {
    const keys = await createKeys();
    const first = await startApiProcess(dataDir, SERVER_ENV);
    servers.push(first);
    await setUp(first, keys, 100);
    const waiting = Array.from({ length: 100 }, (_, k) => pair(k));

    // Round one: killed mid-stream, from the handler of the 150th acknowledgement.
    const writes = workload(keys, 'K', Array.from({ length: 200 }, (_, k) => pair(100 + k)), waiting.slice(0, 100));
    const started = performance.now();
    const round = await fire(first, keys, writes, (count) => {
      if (count === KILL_AFTER) first.running.child.kill('SIGKILL');
    });
    expect(await first.running.exited).toBeNull();
    console.log(`durability: ${round.acknowledged.length} of ${MUTATIONS} acknowledged before SIGKILL (${round.failed} cut off, ${round.refused.length} refused) in ${Math.round(performance.now() - started)} ms`);
    expect(round.refused).toEqual([]);
    expect(round.acknowledged.length).toBeGreaterThanOrEqual(KILL_AFTER);
    expect(round.acknowledged.length).toBeLessThan(MUTATIONS);

    // As the kill left it, before any recovery: every file that is not a temporary one parses
    // (a rename is all or nothing), the journal's whole lines parse, and it holds every acknowledged write.
    const crashed = readWorkspaceFolder(workspaceDir);
    expect(crashed.problems).toEqual([]);
    const crashedReplay = replayJournal(WORKSPACE, crashed.entries);
    expect(crashedReplay.problems).toEqual([]);
    checkAcknowledged(round.acknowledged, crashed, crashedReplay.state);
    console.log(`durability: after the kill, journal at revision ${crashed.entries.length}, ${crashed.temporaries.length} temporary files, ${crashed.tornBytes} torn bytes`);

    // Restarted on the same directory: the stale lock is taken over and the data recovered.
    const second = await startApiProcess(dataDir, SERVER_ENV);
    servers.push(second);
    expect(second.running.output()).toContain('took over a stale lock');
    const afterRestart = await checkConsistent(second, keys, round.acknowledged);
    // Nothing the journal had is lost; at most writes it never had are missing.
    expect(afterRestart.revision).toBe(crashed.entries.length);

    // Round two on the restarted server, run to completion and timed: it continues the journal.
    const stillWaiting = afterRestart.sets.get('controls--soc2')!.mappings.filter((m) => m.review.status === 'PROPOSED' && m.review.proposedBy === keys.editor.keyId).map((m) => ({ from: m.from, to: m.to }));
    const fresh = Array.from({ length: 200 }, (_, k) => pair(300 + k));
    const second500 = workload(keys, 'T', fresh, stillWaiting.slice(0, 100));
    const timed = performance.now();
    const completed = await fire(second, keys, second500);
    const elapsed = performance.now() - timed;
    console.log(`durability: ${MUTATIONS} concurrent mutations on the restarted server took ${Math.round(elapsed)} ms (${(elapsed / MUTATIONS).toFixed(2)} ms each, ${Math.round((MUTATIONS / elapsed) * 1000)} per second)`);
    expect(completed.refused).toEqual([]);
    expect(completed.failed).toBe(0);
    expect(completed.acknowledged).toHaveLength(MUTATIONS);
    const final = await checkConsistent(second, keys, [...round.acknowledged, ...completed.acknowledged]);
    expect(final.revision).toBe(afterRestart.revision + MUTATIONS);
    expect(isDeepStrictEqual(final.frameworks.get('controls'), afterRestart.frameworks.get('controls'))).toBe(false);

    second.running.child.kill('SIGTERM');
    expect(await second.running.exited).toBe(0);
  });
});
