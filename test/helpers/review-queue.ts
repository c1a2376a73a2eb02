import type { Client, WorkspaceServer } from './workspace-server.js';

/**
 * A workspace with proposals waiting for review, as the explorer's review queue shows it: an admin
 * creates `acme:controls` (four controls in our own words), an editor creates the set to SOC 2 and
 * proposes three mappings and one "nothing found" record; a reviewer key decides.
 */
export interface ReviewQueueFixture {
  keys: Record<'admin' | 'editor' | 'reviewer' | 'reader', { key: string; keyId: string }>;
  admin: Client;
  editor: Client;
  reviewer: Client;
  set: string;
  /** The proposed mapping ids, in proposal order. */
  mappingIds: string[];
  noRelationshipId: string;
}

export const ACME_REQUIREMENTS = [
  { ref: 'ACME-01', title: 'Production monitoring', summary: 'Alerts on anomalies in production systems are triaged by the on-call engineer within one hour.' },
  { ref: 'ACME-02', title: 'Quarterly access review', summary: 'Team leads confirm every quarter that each person with production access still needs it.' },
  { ref: 'ACME-03', title: 'Change approval', summary: 'Every change to production is reviewed and approved by a second engineer before it ships.' },
  { ref: 'ACME-04', title: 'Office plants', summary: 'Plants in the office are watered weekly.' },
];

export const ACME_PROPOSALS = [
  { from: 'acme:controls:ACME-01', to: 'soc2:CC7.2', relationship: 'EQUAL', strength: 10, rationale: 'FUNCTIONAL', note: 'Our monitoring control is what CC7.2 asks for.' },
  { from: 'acme:controls:ACME-02', to: 'soc2:CC6.1', relationship: 'SUBSET_OF', strength: 6, rationale: 'SEMANTIC', note: 'Access reviews are one part of CC6.1; provisioning is not covered.' },
  { from: 'acme:controls:ACME-03', to: 'soc2:CC8.1', relationship: 'INTERSECTS_WITH', strength: 7, rationale: 'FUNCTIONAL' },
];

async function ok(result: Promise<{ data?: Record<string, any>; errors?: unknown[] }>, field: string): Promise<Record<string, any>> {
  const { data, errors } = await result;
  const payload = data?.[field];
  if (errors || !payload || payload.userErrors?.length) throw new Error(`${field} failed: ${JSON.stringify({ errors, userErrors: payload?.userErrors })}`);
  return payload;
}

export async function reviewQueueFixture(server: WorkspaceServer): Promise<ReviewQueueFixture> {
  const keys = {
    admin: await server.key('acme', 'admin'),
    editor: await server.key('acme', 'editor'),
    reviewer: await server.key('acme', 'reviewer'),
    reader: await server.key('acme', 'reader'),
  };
  const admin = server.as(keys.admin.key);
  const editor = server.as(keys.editor.key);
  await ok(admin(`mutation { createFramework(input: { id: "acme:controls", name: "ACME internal controls", shortName: "ACME" }) { userErrors { code message } } }`), 'createFramework');
  await ok(admin(`mutation ($input: UpsertRequirementsInput!) { upsertRequirements(input: $input) { userErrors { code message } } }`, { input: { framework: 'acme:controls', requirements: ACME_REQUIREMENTS } }), 'upsertRequirements');
  const created = await ok(editor(`mutation { createMappingSet(input: { from: "acme:controls", to: "soc2", name: "ACME controls to SOC 2" }) { mappingSet { id } userErrors { code message } } }`), 'createMappingSet');
  const set = created.mappingSet.id as string;
  const proposed = await ok(
    editor(`mutation ($input: ProposeMappingsInput!) { proposeMappings(input: $input) { mappings { id } noRelationships { id } userErrors { code message } } }`, {
      input: { set, mappings: ACME_PROPOSALS, noRelationships: [{ requirement: 'acme:controls:ACME-04', reason: 'Facilities upkeep; SOC 2 asks nothing of it.' }] },
    }),
    'proposeMappings',
  );
  return {
    keys,
    admin,
    editor,
    reviewer: server.as(keys.reviewer.key),
    set,
    mappingIds: proposed.mappings.map((m: { id: string }) => m.id),
    noRelationshipId: proposed.noRelationships[0].id,
  };
}
