#!/usr/bin/env node
// Bring your own controls (README, "For integrators: your own controls"): an admin creates a
// framework with requirements, an editor proposes mappings to SOC 2 and ISO 27001, a reviewer
// accepts them, and coverage of ISO/IEC 42001 held through the new framework shows what they give.
//
//   CROSSWALK_URL=http://localhost:4000/graphql ADMIN_KEY=cwk_... EDITOR_KEY=cwk_... REVIEWER_KEY=cwk_... \
//     node examples/bring-your-own-controls.mjs
//
// Keys come from `npx crosswalk keys create --workspace acme --role admin` (and editor, reviewer).

const url = process.env.CROSSWALK_URL ?? 'http://localhost:4000/graphql';
const keys = { admin: process.env.ADMIN_KEY, editor: process.env.EDITOR_KEY, reviewer: process.env.REVIEWER_KEY };
for (const [role, key] of Object.entries(keys)) if (!key) throw new Error(`set ${role.toUpperCase()}_KEY`);

/** One GraphQL call with a key; throws on a top-level error or on userErrors, so a mistake stops the script. */
async function call(key, query, variables) {
  const response = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${key}` }, body: JSON.stringify({ query, variables }) });
  const body = await response.json();
  if (body.errors) throw new Error(`${body.errors[0].extensions?.code}: ${body.errors[0].message}`);
  for (const payload of Object.values(body.data)) {
    if (payload?.userErrors?.length) throw new Error(payload.userErrors.map((e) => `${e.code} at ${e.field.join('.')}: ${e.message}`).join('\n'));
  }
  return body.data;
}

const whoami = await call(keys.admin, '{ workspace { name } }');
const ws = whoami.workspace.name;
const framework = `${ws}:controls`;

// 1. The admin creates the framework and its requirements (up to 500 per call).
await call(keys.admin, 'mutation ($input: CreateFrameworkInput!) { createFramework(input: $input) { framework { id } userErrors { field message code } } }', {
  input: { id: framework, name: `${ws} internal controls`, summary: 'The controls we actually run.' },
});
await call(keys.admin, 'mutation ($input: UpsertRequirementsInput!) { upsertRequirements(input: $input) { revision userErrors { field message code } } }', {
  input: {
    framework,
    requirements: [
      { ref: 'OPS', title: 'Operations', kind: 'GROUP', summary: 'How we run production.' },
      { ref: 'OPS-01', title: 'Security monitoring', parent: 'OPS', summary: 'Alerts on anomalies in production are triaged daily.' },
      { ref: 'OPS-02', title: 'Logging of administrator actions', parent: 'OPS', summary: 'Administrator actions are logged and the logs kept a year.' },
    ],
  },
});

// 2. The editor creates mapping sets and proposes mappings.
for (const to of ['soc2', 'iso27001']) {
  await call(keys.editor, 'mutation ($input: CreateMappingSetInput!) { createMappingSet(input: $input) { mappingSet { id } userErrors { field message code } } }', { input: { from: framework, to } });
}
const proposeMutation = 'mutation ($input: ProposeMappingsInput!) { proposeMappings(input: $input) { mappings { id } userErrors { field message code } } }';
const toSoc2 = await call(keys.editor, proposeMutation, {
  input: { set: `mapping-set:${framework}--soc2`, mappings: [{ from: `${framework}:OPS-01`, to: 'soc2:CC7.2', relationship: 'EQUAL', strength: 10, rationale: 'FUNCTIONAL' }] },
});
const toIso = await call(keys.editor, proposeMutation, {
  input: { set: `mapping-set:${framework}--iso27001`, mappings: [{ from: `${framework}:OPS-02`, to: 'iso27001:A.8.15', relationship: 'SUPERSET_OF', strength: 8, rationale: 'SEMANTIC' }] },
});

// 3. The reviewer accepts them (nobody reviews their own proposals).
const reviewMutation = 'mutation ($input: ReviewMappingsInput!) { reviewMappings(input: $input) { mappings { id status } userErrors { field message code } } }';
await call(keys.reviewer, reviewMutation, { input: { set: `mapping-set:${framework}--soc2`, decisions: toSoc2.proposeMappings.mappings.map((m) => ({ id: m.id, decision: 'ACCEPT' })) } });
await call(keys.reviewer, reviewMutation, { input: { set: `mapping-set:${framework}--iso27001`, decisions: toIso.proposeMappings.mappings.map((m) => ({ id: m.id, decision: 'ACCEPT' })) } });

// 4. What the controls give of ISO/IEC 42001, through SOC 2 and ISO 27001 (inferred, with paths).
const { coverage } = await call(keys.reviewer, `query ($held: [ID!]!) { coverage(target: "iso42001", held: $held, inferred: true) {
  summary { total full partial unassessed }
  items { requirement { id } status via { requirement { id } path { id } } }
} }`, { held: [framework] });
console.log(`ISO/IEC 42001 held through ${framework}:`, JSON.stringify(coverage.summary));
for (const item of coverage.items.filter((i) => i.via.length > 0)) {
  console.log(`${item.status.padEnd(8)} ${item.requirement.id}  via ${item.via.map((v) => (v.path ?? [v.requirement]).map((r) => r.id).join(' -> ')).join('; ')}`);
}
