import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startWorkspaceServer, type Client, type WorkspaceServer } from '../helpers/workspace-server.js';

/**
 * The ranked search with API keys: a keyed caller searches the public graph and its own workspace's
 * requirements, never another workspace's (issue #21's overlay); an edit is found at once.
 */

const SEARCH = `query($q: String!, $framework: [ID!], $held: [ID!]) {
  search(q: $q, framework: $framework, held: $held, first: 100) {
    totalCount
    facets { framework { id } count }
    nodes { reason status requirement { id } title { text matched } }
  }
}`;

let server: WorkspaceServer;
let acme: Client;
let globex: Client;
let anonymous: Client;

async function ok(client: Client, query: string, variables?: Record<string, unknown>) {
  const response = await client(query, variables);
  expect(response.errors).toBeUndefined();
  return response.data!;
}

async function workspace(name: string, requirements: Array<{ ref: string; title: string; summary: string }>): Promise<Client> {
  const client = server.as((await server.key(name, 'admin')).key);
  const created = await ok(client, `mutation { createFramework(input: { id: "${name}:controls", name: "${name} controls", shortName: "${name}" }) { userErrors { code message } } }`);
  expect(created.createFramework.userErrors).toEqual([]);
  const upserted = await ok(client, `mutation ($input: UpsertRequirementsInput!) { upsertRequirements(input: $input) { userErrors { code message } } }`, {
    input: { framework: `${name}:controls`, requirements },
  });
  expect(upserted.upsertRequirements.userErrors).toEqual([]);
  return client;
}

const ids = (data: Record<string, any>): string[] => data.search.nodes.map((n: { requirement: { id: string } }) => n.requirement.id);

beforeAll(async () => {
  server = await startWorkspaceServer();
  anonymous = server.as();
  acme = await workspace('acme', [
    { ref: 'ACME-01', title: 'Greenhouse irrigation', summary: 'Plants in the greenhouse are watered by a monitored system.' },
    { ref: 'ACME-02', title: 'Impact assessment of model releases', summary: 'Every model release is assessed for its impact before it ships.' },
  ]);
  globex = await workspace('globex', [{ ref: 'GX-01', title: 'Greenhouse ventilation', summary: 'Vents open when the greenhouse is too warm.' }]);
});
afterAll(async () => {
  await server.close();
});

describe('search with workspaces', () => {
  it('finds the caller\'s own requirements beside the public ones, never another workspace\'s', async () => {
    const mine = await ok(acme, SEARCH, { q: 'greenhouse' });
    expect(ids(mine)).toEqual(['acme:controls:ACME-01']);
    expect(mine.search.facets).toEqual([{ framework: { id: 'acme:controls' }, count: 1 }]);
    const theirs = await ok(globex, SEARCH, { q: 'greenhouse' });
    expect(ids(theirs)).toEqual(['globex:controls:GX-01']);
    const nobody = await ok(anonymous, SEARCH, { q: 'greenhouse' });
    expect(nobody.search).toMatchObject({ totalCount: 0, nodes: [], facets: [] });
  });

  it('ranks a workspace requirement with the public ones, by the same rules', async () => {
    const data = await ok(acme, SEARCH, { q: 'impact assessment' });
    const list = ids(data);
    expect(list).toContain('acme:controls:ACME-02');
    expect(list).toContain('iso42001:6.1.4');
    expect(data.search.nodes.find((n: { requirement: { id: string } }) => n.requirement.id === 'acme:controls:ACME-02').reason).toBe('TITLE');
    expect(ids(await ok(globex, SEARCH, { q: 'impact assessment' }))).not.toContain('acme:controls:ACME-02');
  });

  it('answers another workspace\'s framework in the filter NOT_FOUND, as an id that never existed', async () => {
    const response = await globex(SEARCH, { q: 'greenhouse', framework: ['acme:controls'] });
    expect(response.errors![0]!.extensions).toMatchObject({ code: 'NOT_FOUND' });
    expect(response.data?.search ?? null).toBeNull();
    const held = await globex(SEARCH, { q: 'greenhouse', held: ['acme:controls'] });
    expect(held.errors![0]!.extensions).toMatchObject({ code: 'NOT_FOUND' });
  });

  it('gives a workspace requirement its status given what the caller holds', async () => {
    const data = await ok(acme, SEARCH, { q: 'greenhouse', held: ['soc2'] });
    // No mapping set joins ACME's controls and SOC 2: not assessed, never "new".
    expect(data.search.nodes).toMatchObject([{ requirement: { id: 'acme:controls:ACME-01' }, status: 'UNASSESSED' }]);
  });

  it('finds an edited title at once, and no longer the old words', async () => {
    const edited = await ok(acme, `mutation ($input: UpsertRequirementsInput!) { upsertRequirements(input: $input) { userErrors { code message } } }`, {
      input: { framework: 'acme:controls', requirements: [{ ref: 'ACME-01', title: 'Orchard irrigation', summary: 'Trees in the orchard are watered by a monitored system.' }] },
    });
    expect(edited.upsertRequirements.userErrors).toEqual([]);
    expect(ids(await ok(acme, SEARCH, { q: 'orchards' }))).toEqual(['acme:controls:ACME-01']);
    expect(ids(await ok(acme, SEARCH, { q: 'greenhouse' }))).toEqual([]);
    expect(ids(await ok(globex, SEARCH, { q: 'greenhouse' }))).toEqual(['globex:controls:GX-01']);
  });
});
