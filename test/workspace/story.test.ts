import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { frameworkFile, mappingSetFile } from '../../src/seed/schemas.js';
import { startWorkspaceServer, type Client, type WorkspaceServer } from '../helpers/workspace-server.js';

/**
 * Issue #21's story over HTTP: an admin key creates `acme:controls` with 20 requirements, an editor
 * proposes mappings to SOC 2 and ISO 27001, a reviewer accepts them, and coverage of ISO 42001
 * held `acme:controls` (inferred) changes accordingly, with the paths shown; another workspace's key
 * and an anonymous caller see none of it.
 */

const COVERAGE = `query ($proposed: Boolean) {
  coverage(target: "iso42001", held: ["acme:controls"], inferred: true, includeProposed: $proposed) {
    summary { total full partial none unassessed }
    items { requirement { id } status via { requirement { id } inferred path { id } mappings { id status } } }
  }
}`;

let server: WorkspaceServer;
let admin: Client, editor: Client, reviewer: Client, outsider: Client, anonymous: Client;
let keyIds: Record<string, string>;

beforeAll(async () => {
  server = await startWorkspaceServer();
  const keys = {
    admin: await server.key('acme', 'admin'),
    editor: await server.key('acme', 'editor'),
    reviewer: await server.key('acme', 'reviewer'),
    outsider: await server.key('globex', 'admin'),
  };
  keyIds = Object.fromEntries(Object.entries(keys).map(([k, v]) => [k, v.keyId]));
  admin = server.as(keys.admin.key);
  editor = server.as(keys.editor.key);
  reviewer = server.as(keys.reviewer.key);
  outsider = server.as(keys.outsider.key);
  anonymous = server.as();
});
afterAll(() => server.close());

const requirements = [
  { ref: 'GOV', title: 'Governance and operations', kind: 'GROUP', summary: 'How ACME runs its systems.' },
  ...Array.from({ length: 19 }, (_, i) => ({ ref: `ACME-${String(i + 1).padStart(2, '0')}`, title: `ACME control ${i + 1}`, parent: 'GOV', tags: ['ops'], summary: `What ACME does for control ${i + 1}.` })),
];

describe('bring your own controls, over HTTP', () => {
  it('lets an admin create a framework and its 20 requirements', async () => {
    const created = await admin(`mutation { createFramework(input: { id: "acme:controls", name: "ACME internal controls" }) { framework { id name workspace } revision userErrors { field code message } } }`);
    expect(created.errors).toBeUndefined();
    expect(created.data!.createFramework).toMatchObject({ framework: { id: 'acme:controls', workspace: 'acme' }, revision: 1, userErrors: [] });
    const upserted = await admin(`mutation ($input: UpsertRequirementsInput!) { upsertRequirements(input: $input) { requirements { id parent { id } } revision userErrors { field code } } }`, {
      input: { framework: 'acme:controls', requirements },
    });
    expect(upserted.data!.upsertRequirements.userErrors).toEqual([]);
    expect(upserted.data!.upsertRequirements.requirements).toHaveLength(20);
    expect(upserted.data!.upsertRequirements.requirements[1]).toEqual({ id: 'acme:controls:ACME-01', parent: { id: 'acme:controls:GOV' } });
    const read = await admin(`{ framework(id: "acme:controls") { id requirements(first: 50) { totalCount } } }`);
    expect(read.data!.framework).toEqual({ id: 'acme:controls', requirements: { totalCount: 20 } });
  });

  it('lets an editor propose mappings to SOC 2 and ISO 27001, which count only once accepted', async () => {
    for (const to of ['soc2', 'iso27001']) {
      const set = await editor(`mutation { createMappingSet(input: { from: "acme:controls", to: "${to}" }) { mappingSet { id revision workspace } userErrors { code message } } }`);
      expect(set.data!.createMappingSet).toEqual({ mappingSet: { id: `mapping-set:acme:controls--${to}`, revision: 1, workspace: 'acme' }, userErrors: [] });
    }
    const proposed = await editor(`mutation ($soc2: ProposeMappingsInput!, $iso: ProposeMappingsInput!) {
      a: proposeMappings(input: $soc2) { mappings { id status review { proposedBy } } mappingSet { revision } userErrors { field code message } }
      b: proposeMappings(input: $iso) { mappings { id status } userErrors { field code message } }
    }`, {
      soc2: {
        set: 'mapping-set:acme:controls--soc2',
        expectedRevision: 1,
        mappings: [
          { from: 'acme:controls:ACME-01', to: 'soc2:CC7.2', relationship: 'EQUAL', strength: 10, rationale: 'FUNCTIONAL', note: 'Our monitoring control is CC7.2.' },
          { from: 'acme:controls:ACME-02', to: 'soc2:CC3.1', relationship: 'SUPERSET_OF', strength: 8, rationale: 'SEMANTIC' },
        ],
      },
      iso: { set: 'mapping-set:acme:controls--iso27001', mappings: [{ from: 'acme:controls:ACME-03', to: 'iso27001:A.8.16', relationship: 'EQUAL', strength: 10 }] },
    });
    expect(proposed.errors).toBeUndefined();
    expect(proposed.data!.a.userErrors).toEqual([]);
    expect(proposed.data!.a.mappingSet.revision).toBe(2);
    expect(proposed.data!.a.mappings.map((m: { id: string }) => m.id)).toEqual([
      'mapping:acme:controls--soc2:acme:controls:ACME-01->soc2:CC7.2',
      'mapping:acme:controls--soc2:acme:controls:ACME-02->soc2:CC3.1',
    ]);
    expect(proposed.data!.a.mappings[0]).toMatchObject({ status: 'PROPOSED', review: { proposedBy: keyIds.editor } });

    const before = await reviewer(COVERAGE, { proposed: false });
    expect(before.errors).toBeUndefined();
    expect(before.data!.coverage.summary.partial + before.data!.coverage.summary.full).toBe(0);
    const withProposed = await reviewer(COVERAGE, { proposed: true });
    const linked = withProposed.data!.coverage.items.filter((i: { via: unknown[] }) => i.via.length > 0);
    expect(linked.length).toBeGreaterThan(0);
    expect(linked.flatMap((i: any) => i.via.flatMap((v: any) => v.mappings.map((m: any) => m.status)))).toContain('PROPOSED');
  });

  it('lets a reviewer accept them, and coverage of ISO 42001 changes, with the paths shown', async () => {
    const queue = await reviewer(`{ workspace { name role proposals { totalCount mappings { id from { id } to { id } } } } }`);
    expect(queue.data!.workspace).toMatchObject({ name: 'acme', role: 'REVIEWER', proposals: { totalCount: 3 } });
    const bySet = new Map<string, string[]>();
    for (const m of queue.data!.workspace.proposals.mappings as Array<{ id: string }>) {
      const set = m.id.includes('--soc2:') ? 'mapping-set:acme:controls--soc2' : 'mapping-set:acme:controls--iso27001';
      bySet.set(set, [...(bySet.get(set) ?? []), m.id]);
    }
    for (const [set, ids] of bySet) {
      const reviewed = await reviewer(`mutation ($input: ReviewMappingsInput!) { reviewMappings(input: $input) { mappings { id status review { reviewedBy comment } } userErrors { code message } } }`, {
        input: { set, decisions: ids.map((id) => ({ id, decision: 'ACCEPT', comment: 'Checked against the control descriptions.' })) },
      });
      expect(reviewed.data!.reviewMappings.userErrors).toEqual([]);
      for (const m of reviewed.data!.reviewMappings.mappings) expect(m).toMatchObject({ status: 'ACCEPTED', review: { reviewedBy: keyIds.reviewer } });
    }

    const after = await reviewer(COVERAGE, { proposed: false });
    expect(after.errors).toBeUndefined();
    const covered = after.data!.coverage.items.filter((i: { status: string }) => i.status === 'PARTIAL' || i.status === 'FULL');
    expect(covered.length).toBeGreaterThan(0);
    // Through SOC 2 CC7.2 (ACME-01 EQUAL CC7.2, CC7.2 -> A.6.2.6): inferred, with the path named.
    const a626 = after.data!.coverage.items.find((i: any) => i.requirement.id === 'iso42001:A.6.2.6');
    expect(a626.status).toBe('PARTIAL');
    const link = a626.via.find((v: any) => v.requirement.id === 'acme:controls:ACME-01');
    expect(link.inferred).toBe(true);
    expect(link.path.map((r: { id: string }) => r.id)).toEqual(['acme:controls:ACME-01', 'soc2:CC7.2', 'iso42001:A.6.2.6']);
    expect(link.mappings.every((m: { status: string }) => m.status === 'ACCEPTED')).toBe(true);
    // And through ISO 27001 A.8.16.
    expect(covered.some((i: any) => i.via.some((v: any) => v.path?.some((r: { id: string }) => r.id === 'iso27001:A.8.16')))).toBe(true);
  });

  it('shows another workspace and anonymous callers none of it: NOT_FOUND by id, absent from lists and analyses', async () => {
    const ids = ['acme:controls', 'acme:controls:ACME-01', 'mapping-set:acme:controls--soc2', 'mapping:acme:controls--soc2:acme:controls:ACME-01->soc2:CC7.2'];
    for (const client of [outsider, anonymous]) {
      for (const id of ids) {
        const seen = await client(`query ($id: ID!) { node(id: $id) { id } }`, { id });
        const never = await client(`query ($id: ID!) { node(id: $id) { id } }`, { id: id.replaceAll('acme', 'zeta') });
        expect(seen.data?.node ?? null).toBeNull();
        expect(seen.errors![0]!.extensions!.code).toBe('NOT_FOUND');
        // Indistinguishable from an id that never existed: same code, same message but for the id itself.
        expect(seen.errors![0]!.message.replaceAll('acme', 'zeta')).toBe(never.errors![0]!.message);
      }
      const lists = await client(`{ frameworks { id } mappingSets { id } }`);
      expect(JSON.stringify(lists.data)).not.toContain('acme');
      const coverage = await client(COVERAGE, { proposed: true });
      expect(coverage.data?.coverage ?? null).toBeNull();
      expect(coverage.errors![0]!.extensions!.code).toBe('NOT_FOUND');
      const soc2 = await client(`{ requirement(id: "soc2:CC7.2") { mappings { other { id } } } }`);
      expect(JSON.stringify(soc2.data)).not.toContain('acme');
    }
    const own = await outsider(`{ workspace { name frameworks { id } mappingSets { id } proposals { totalCount } } }`);
    expect(own.data!.workspace).toEqual({ name: 'globex', frameworks: [], mappingSets: [], proposals: { totalCount: 0 } });
  });

  it('keeps an audit trail of who did what, and the changes an integrator syncs from', async () => {
    const log = await admin(`{ auditLog(first: 50) { entries { revision who operation } hasNextPage } }`);
    expect(log.errors).toBeUndefined();
    const entries = log.data!.auditLog.entries as Array<{ revision: number; who: string; operation: string }>;
    expect(entries.map((e) => e.operation)).toEqual(['createFramework', 'upsertRequirements', 'createMappingSet', 'createMappingSet', 'proposeMappings', 'proposeMappings', 'reviewMappings', 'reviewMappings']);
    expect(entries.map((e) => e.revision)).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
    expect(entries.map((e) => e.who)).toEqual([keyIds.admin, keyIds.admin, keyIds.editor, keyIds.editor, keyIds.editor, keyIds.editor, keyIds.reviewer, keyIds.reviewer]);
    const token = (await editor(`{ dataset { version } }`)).data!.dataset.version as string;
    expect(token).toMatch(/\+acme@8$/);
    const changes = await editor(`query ($since: String!) { changes(since: $since) { version workspace { revision operation before after } hasMore } }`, { since: token.replace('@8', '@6') });
    expect(changes.data!.changes).toMatchObject({ version: token, hasMore: false });
    expect(changes.data!.changes.workspace.map((c: { revision: number }) => c.revision)).toEqual([7, 8]);
    expect(changes.data!.changes.workspace[0].after.sets).toBeDefined();
    const forbidden = await editor(`{ auditLog { entries { revision } } }`);
    expect(forbidden.errors![0]!.extensions!.code).toBe('FORBIDDEN');
  });

  it('keeps the workspace on disk in the seed format', () => {
    const dir = path.join(server.dataDir, 'workspaces/acme');
    const framework = frameworkFile.parse(parse(readFileSync(path.join(dir, 'frameworks/controls.yaml'), 'utf8')));
    expect(framework.requirements).toHaveLength(20);
    const set = mappingSetFile.parse(parse(readFileSync(path.join(dir, 'mappings/controls--soc2.yaml'), 'utf8')));
    expect(set.mappings.map((m) => `${m.from}->${m.to}`)).toEqual(['ACME-01->CC7.2', 'ACME-02->CC3.1']);
  });
});
