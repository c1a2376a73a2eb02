import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../helpers/http.js';

/**
 * Scoped holdings over HTTP on the real seed (docs/SEMANTICS.md, "Scoped holdings"): a SOC 2 report
 * covering some Trust Services categories, the AI Act for a role and risk class; and the readiness
 * check's NOT_IMPLEMENTED status with group ids expanded.
 */

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(async () => {
  await server.close();
});

const ok = async (query: string, variables?: Record<string, unknown>) => {
  const response = await server.query(query, variables);
  expect(response.errors, JSON.stringify(response.errors)).toBeUndefined();
  return response.data!;
};
const errorOf = async (query: string, variables?: Record<string, unknown>) => {
  const response = await server.query(query, variables);
  expect(response.errors, 'expected an error').toBeDefined();
  return response.errors![0]! as { message: string; extensions: { code: string; argument?: string } };
};

type Link = { requirement: { id: string }; relationship: string; strength: number | null; scope: { description: string } | null; implemented?: boolean };
type Item = { requirement: { ref: string }; status: string; via: Link[]; outOfScope: Link[] };

const ISO27001_BY_SOC2 = `query Scoped($scope: [HeldScope!]) {
  coverage(target: "iso27001", held: ["soc2"], scope: $scope) {
    scopes { framework { id } categories description }
    summary { full partial none }
    items { requirement { ref } status
      via { requirement { id } relationship strength scope { description } }
      outOfScope { requirement { id } relationship strength scope { description } } } } }`;

async function iso27001BySoc2(categories: string[] | null) {
  const data = await ok(ISO27001_BY_SOC2, { scope: categories ? [{ framework: 'soc2', categories }] : null });
  const items = data.coverage.items as Item[];
  return { data, item: (ref: string) => items.find((i) => i.requirement.ref === ref)! };
}

const best = (item: Item) => Math.max(0, ...item.via.map((l) => l.strength ?? 0));
const rank: Record<string, number> = { NONE: 0, UNASSESSED: 0, NOT_IMPLEMENTED: 0, PARTIAL: 1, FULL: 2 };

describe('a SOC 2 report scoped to Trust Services categories', () => {
  it('Security only: A.8.6 and A.8.13 get what the common criteria support, and nothing from Availability', async () => {
    const { data, item } = await iso27001BySoc2(['SECURITY']);
    expect(data.coverage.scopes).toEqual([{ framework: { id: 'soc2' }, categories: ['SECURITY'], description: 'categories: security' }]);
    for (const ref of ['A.8.6', 'A.8.13']) {
      expect(item(ref).via.every((l) => l.requirement.id.startsWith('soc2:CC')), ref).toBe(true);
      expect(item(ref).via.every((l) => l.scope?.description === 'categories: security'), ref).toBe(true);
    }
    // A.8.6's only SOC 2 link is A1.1 (Availability): examined, and out of scope.
    expect(item('A.8.6').status).toBe('NONE');
    expect(item('A.8.6').outOfScope.map((l) => l.requirement.id)).toEqual(['soc2:A1.1']);
    expect(item('A.8.13').status).toBe('PARTIAL');
    expect(item('A.8.13').outOfScope.map((l) => l.requirement.id)).toEqual(expect.arrayContaining(['soc2:A1.2', 'soc2:A1.3', 'soc2:PI1.5']));
  });

  it('adding Availability improves both: A.8.6 becomes PARTIAL, A.8.13 gains a stronger link', async () => {
    const security = await iso27001BySoc2(['SECURITY']);
    const withAvailability = await iso27001BySoc2(['SECURITY', 'AVAILABILITY']);
    const [a86, a813] = [withAvailability.item('A.8.6'), withAvailability.item('A.8.13')];
    expect(rank[a86.status]!).toBeGreaterThan(rank[security.item('A.8.6').status]!);
    expect(a86.via.map((l) => `${l.requirement.id} ${l.relationship} ${l.strength}`)).toEqual(['soc2:A1.1 INTERSECTS_WITH 7']);
    expect(rank[a813.status]!).toBeGreaterThanOrEqual(rank[security.item('A.8.13').status]!);
    expect(best(a813)).toBeGreaterThan(best(security.item('A.8.13')));
    expect(a813.via.map((l) => l.requirement.id)).toContain('soc2:A1.2');
    // Processing Integrity is still out: PI1.5 stays out of scope.
    expect(a813.outOfScope.map((l) => l.requirement.id)).toEqual(['soc2:PI1.5']);
    expect(withAvailability.data.coverage.summary.none).toBeLessThan(security.data.coverage.summary.none);
  });

  it('groundwork offers only held requirements in scope', async () => {
    // first: 40 is more than the 33 common criteria in scope, so every entry is seen; 100 per item over
    // ISO 27001's 123 items would be over the cost limit (README, "Query cost").
    const data = await ok(`{ coverage(target: "iso27001", held: ["soc2"], scope: [{framework: "soc2", categories: [SECURITY]}]) {
      items { groundwork(first: 40) { requirement { id } } } } }`);
    const ids = (data.coverage.items as Array<{ groundwork: Array<{ requirement: { id: string } }> }>).flatMap((i) => i.groundwork.map((g) => g.requirement.id));
    expect(ids.length).toBeGreaterThan(0);
    expect(ids.filter((id) => !id.startsWith('soc2:CC'))).toEqual([]);
  });

  it('a plain id still means all of it: the same answer as every category listed', async () => {
    const plain = await iso27001BySoc2(null);
    const all = await iso27001BySoc2(['SECURITY', 'AVAILABILITY', 'PROCESSING_INTEGRITY', 'CONFIDENTIALITY', 'PRIVACY']);
    expect(plain.data.coverage.summary).toEqual(all.data.coverage.summary);
    expect(plain.data.coverage.scopes).toEqual([]);
    expect(plain.item('A.8.6').outOfScope).toEqual([]);
  });

  it('inline literals work as variables do, and gaps, roadmap and inference honour the scope', async () => {
    const data = await ok(`{
      narrow: gaps(target: "iso27001", held: ["soc2"], scope: [{framework: "soc2", categories: [SECURITY]}]) { total items { requirement { ref } } }
      wide: gaps(target: "iso27001", held: ["soc2"]) { total items { requirement { ref } } }
      inferred: coverage(target: "iso42001", held: ["soc2"], scope: [{framework: "soc2", categories: [SECURITY]}], inferred: true) { items { via { requirement { id } inferred } } }
      roadmapNarrow: roadmap(held: ["soc2"], scope: [{framework: "soc2", categories: [SECURITY]}], candidates: ["iso27001"]) { marginalWork }
      roadmapWide: roadmap(held: ["soc2"], candidates: ["iso27001"]) { marginalWork }
    }`);
    const refs = (g: { items: Item[] }) => g.items.map((i) => i.requirement.ref);
    expect(refs(data.narrow)).toContain('A.8.6');
    expect(refs(data.wide)).not.toContain('A.8.6');
    expect(data.narrow.total).toBeGreaterThan(data.wide.total);
    const heldIds = (data.inferred.items as Item[]).flatMap((i) => i.via.map((l) => l.requirement.id));
    expect(heldIds.length).toBeGreaterThan(0);
    expect(heldIds.every((id) => id.startsWith('soc2:CC'))).toBe(true);
    expect(data.roadmapNarrow[0].marginalWork).toBeGreaterThan(data.roadmapWide[0].marginalWork);
  });
});

describe('the EU AI Act held for a role and risk class', () => {
  const QUERY = `query Act($scope: [HeldScope!]) { coverage(target: "iso42001", held: ["eu-ai-act"], scope: $scope) {
    items { requirement { ref } status via { requirement { id } conditions { roles riskClasses description } } outOfScope { requirement { id } } } } }`;
  const coverage = async (scope: Record<string, unknown> | null) => {
    const data = await ok(QUERY, { scope: scope ? [{ framework: 'eu-ai-act', ...scope }] : null });
    return (ref: string) => (data.coverage.items as Array<Item & { via: Array<Link & { conditions: Array<{ description: string }> }> }>).find((i) => i.requirement.ref === ref)!;
  };

  it('a deployer of a high-risk system gets Art.26 on A.9.4, with the condition named in the reason', async () => {
    const item = await coverage({ roles: ['DEPLOYER'], riskClasses: ['HIGH_RISK'] });
    const a94 = item('A.9.4');
    expect(a94.via.map((l) => l.requirement.id)).toEqual(['eu-ai-act:Art.26']);
    expect(a94.via[0]!.conditions).toEqual([{ roles: ['DEPLOYER'], riskClasses: ['HIGH_RISK'], description: 'roles: deployer; risk classes: high risk' }]);
  });

  it('a provider of systems that are not high-risk gets neither Art.26 nor Art.11, and Art.50 only on its provider-side links', async () => {
    const item = await coverage({ roles: ['PROVIDER'], riskClasses: ['MINIMAL_RISK'] });
    expect(item('A.9.4').via).toEqual([]);
    expect(item('A.9.4').outOfScope.map((l) => l.requirement.id)).toEqual(['eu-ai-act:Art.26']);
    expect(item('A.6.2.3').via.map((l) => l.requirement.id)).not.toContain('eu-ai-act:Art.11');
    expect(item('A.8.2').via.map((l) => l.requirement.id)).toContain('eu-ai-act:Art.50');
  });

  it("a deployer's Art.50 duties do not carry the provider-side link to A.8.2: the condition is not met", async () => {
    const item = await coverage({ roles: ['DEPLOYER'] });
    expect(item('A.8.2').via.map((l) => l.requirement.id)).not.toContain('eu-ai-act:Art.50');
    expect(item('A.8.2').outOfScope.map((l) => l.requirement.id)).toContain('eu-ai-act:Art.50');
    expect(item('A.8.5').via.map((l) => l.requirement.id)).toContain('eu-ai-act:Art.50');
  });
});

describe('refused scopes, each with a code and the argument named', () => {
  const COVERAGE = `query Q($scope: [HeldScope!]) { coverage(target: "iso27001", held: ["soc2"], scope: $scope) { summary { total } } }`;

  it.each([
    ['a framework not in held', [{ framework: 'iso42001', categories: ['SECURITY'] }], /"iso42001", which is not in "held"/],
    ['an unknown framework', [{ framework: 'soc3' }], /"soc3", which is not in "held"/],
    ['a framework twice', [{ framework: 'soc2', categories: ['SECURITY'] }, { framework: 'soc2', categories: ['SECURITY', 'PRIVACY'] }], /more than once/],
    ['roles for SOC 2', [{ framework: 'soc2', roles: ['PROVIDER'] }], /"soc2" has no roles/],
    ['an empty list', [{ framework: 'soc2', categories: [] }], /must not be empty/],
    ['categories without Security', [{ framework: 'soc2', categories: ['AVAILABILITY'] }], /must include SECURITY/],
  ])('%s', async (_name, scope, message) => {
    const error = await errorOf(COVERAGE, { scope });
    expect(error.extensions.code).toBe('BAD_USER_INPUT');
    expect(error.extensions.argument).toBe('scope');
    expect(error.message).toMatch(message);
  });

  it('categories for a framework that has none', async () => {
    const error = await errorOf(`{ coverage(target: "iso42001", held: ["iso27001"], scope: [{framework: "iso27001", categories: [SECURITY]}]) { summary { total } } }`);
    expect(error.extensions).toMatchObject({ code: 'BAD_USER_INPUT', argument: 'scope' });
    expect(error.message).toMatch(/"iso27001" has no categories/);
  });

  it('an unknown category, as a variable and inline, names the bad value', async () => {
    const asVariable = await errorOf(COVERAGE, { scope: [{ framework: 'soc2', categories: ['SECURITY', 'AVAILABILTY'] }] });
    expect(asVariable.extensions.code).toBe('BAD_USER_INPUT');
    expect(asVariable.message).toMatch(/AVAILABILTY/);
    const inline = await errorOf(`{ coverage(target: "iso27001", held: ["soc2"], scope: [{framework: "soc2", categories: [AVAILABILTY]}]) { summary { total } } }`);
    expect(inline.extensions.code).toBe('GRAPHQL_VALIDATION_FAILED');
    expect(inline.message).toMatch(/AVAILABILTY/);
  });

  it('an unknown key in the object', async () => {
    const error = await errorOf(COVERAGE, { scope: [{ framework: 'soc2', category: ['SECURITY'] }] });
    expect(error.extensions.code).toBe('BAD_USER_INPUT');
    expect(error.message).toMatch(/category/);
  });

  it('roadmap refuses a bad scope the same way', async () => {
    const error = await errorOf(`{ roadmap(held: ["soc2"], scope: [{framework: "soc2", riskClasses: [HIGH_RISK]}]) { rank } }`);
    expect(error.extensions).toMatchObject({ code: 'BAD_USER_INPUT', argument: 'scope' });
  });
});

describe('readiness: NOT_IMPLEMENTED and group ids', () => {
  const QUERY = `query R($implemented: [ID!]) { coverage(target: "iso27001", held: ["soc2"], implemented: $implemented) {
    summary { full partial notImplemented none }
    items { requirement { ref } status via { requirement { id } implemented } } } }`;

  it('a requirement only unimplemented held criteria would cover is NOT_IMPLEMENTED, naming them; NONE stays for nothing held', async () => {
    const data = await ok(QUERY, { implemented: ['soc2:CC6.1'] });
    const items = data.coverage.items as Array<Item & { via: Array<{ requirement: { id: string }; implemented: boolean }> }>;
    const notImplemented = items.filter((i) => i.status === 'NOT_IMPLEMENTED');
    expect(notImplemented.length).toBe(data.coverage.summary.notImplemented);
    expect(notImplemented.length).toBeGreaterThan(10);
    for (const i of notImplemented) {
      expect(i.via.length, i.requirement.ref).toBeGreaterThan(0);
      expect(i.via.every((l) => !l.implemented)).toBe(true);
    }
    const plain = await ok(QUERY, { implemented: null });
    // Without a readiness list nothing is NOT_IMPLEMENTED, and NONE is the same set either way.
    expect(plain.coverage.summary.notImplemented).toBe(0);
    expect(data.coverage.summary.none).toBe(plain.coverage.summary.none);
  });

  it('a group id stands for its leaves: soc2:CC6 answers as CC6.1 to CC6.8 listed one by one', async () => {
    const leaves = ['CC6.1', 'CC6.2', 'CC6.3', 'CC6.4', 'CC6.5', 'CC6.6', 'CC6.7', 'CC6.8'].map((r) => `soc2:${r}`);
    const byGroup = await ok(QUERY, { implemented: ['soc2:CC6'] });
    const byLeaves = await ok(QUERY, { implemented: leaves });
    expect(byGroup.coverage.summary).toEqual(byLeaves.coverage.summary);
    expect(byGroup.coverage.summary.partial + byGroup.coverage.summary.full).toBeGreaterThan(0);
  });

  it('gaps list NOT_IMPLEMENTED as readiness gaps, after NONE at equal consequence', async () => {
    const data = await ok(`{ gaps(target: "iso27001", held: ["soc2"], implemented: ["soc2:CC6"]) { total none notImplemented unassessed ordering items { status } } }`);
    expect(data.gaps.notImplemented).toBeGreaterThan(0);
    expect(data.gaps.total).toBe(data.gaps.none + data.gaps.notImplemented + data.gaps.unassessed);
    expect(data.gaps.ordering).toMatch(/NONE, then NOT_IMPLEMENTED, then UNASSESSED/);
  });
});
