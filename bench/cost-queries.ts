/**
 * Representative queries for the cost calibration (bench/cost-calibration.ts): lists of growing
 * `first`, nested mappings, the analyses, and the pages an integrator needs to pass the limit.
 */
export interface CostQuery {
  name: string;
  query: string;
  variables?: Record<string, unknown>;
  /** Answers with errors by design (unknown ids): the work of the error path is what is measured. */
  errors?: boolean;
}

const list = (first: number): CostQuery => ({ name: `requirements(first: ${first}) { id title summary }`, query: `{ requirements(first: ${first}) { nodes { id title summary } } }` });

const catalog = (first: number): CostQuery => ({
  name: `catalog page of ${first} with nested mappings`,
  query: `query Catalog($n: Int) { framework(id: "iso42001") { requirements(first: $n) { nodes { id title mappings { relationship strength other { id title } } } } } }`,
  variables: { n: first },
});

const explain = (hops: number, first = 10): CostQuery => ({
  name: `explain A.6.2.7 -> 6.1.2, maxHops ${hops}${first === 10 ? '' : `, first ${first}`}`,
  query: `{ explain(from: "iso42001:A.6.2.7", to: "iso42001:6.1.2", maxHops: ${hops}, first: ${first}) { length hops { from { id } to { id } } } }`,
});

const FIVE = ['soc2', 'iso42001', 'iso27001', 'nist-ai-rmf', 'eu-ai-act'].map((f) => `"${f}"`).join(', ');

export const COST_QUERIES: CostQuery[] = [
  list(10),
  list(100),
  list(500),
  catalog(25),
  catalog(100),
  {
    name: 'mapping-set page of 100 with both requirements',
    query: `{ node(id: "mapping-set:soc2--iso42001") { ... on MappingSet { mappings(first: 100) { nodes { id relationship strength from { id title } to { id title } } } } } }`,
  },
  {
    name: 'nested mappings, 3 levels, 20 requirements',
    query: `{ requirements(first: 20) { nodes { id mappings { other { id mappings { other { id mappings { other { id } } } } } } } } }`,
  },
  explain(1),
  explain(2),
  explain(3),
  explain(4),
  explain(4, 50),
  {
    name: 'coverage soc2 -> iso42001 (headline)',
    query: '{ coverage(target: "iso42001", held: ["soc2"], kind: CONTROL) { summary { full partial none unassessed } items { requirement { id } status via { requirement { id } relationship strength } } } }',
  },
  {
    name: 'coverage soc2 -> iso42001, inferred',
    query: '{ coverage(target: "iso42001", held: ["soc2"], kind: CONTROL, inferred: true) { summary { full partial none unassessed } items { requirement { id } status via { requirement { id } relationship strength inferred } } } }',
  },
  { name: 'gaps iso42001 given soc2', query: '{ gaps(target: "iso42001", held: ["soc2"]) { total items { rank requirement { id } risks { id } evidence { id } } } }' },
  { name: 'crosswalk soc2 -> iso42001', query: '{ crosswalk(from: "soc2", to: "iso42001") { rows { targetRef status sourceRef relationship strength } } }' },
  { name: 'overlapMatrix, all frameworks', query: '{ overlapMatrix { cells { from { id } to { id } summary { coveredShare } } } }' },
  { name: 'overlapMatrix, all frameworks, inferred', query: '{ overlapMatrix(inferred: true) { cells { from { id } to { id } summary { coveredShare } } } }' },
  { name: 'overlap soc2 / iso27001', query: '{ overlap(a: "soc2", b: "iso27001") { aCoversB { summary { coveredShare } } bCoversA { summary { coveredShare } } sharedDisciplines { discipline { id } countA countB } } }' },
  { name: 'overlap soc2 / iso27001, inferred', query: '{ overlap(a: "soc2", b: "iso27001", inferred: true) { aCoversB { summary { coveredShare } } bCoversA { summary { coveredShare } } } }' },
  { name: 'gaps iso42001 given soc2, inferred', query: '{ gaps(target: "iso42001", held: ["soc2"], inferred: true) { total items { rank requirement { id } risks { id } evidence { id } } } }' },
  { name: 'crosswalk soc2 -> iso42001, inferred', query: '{ crosswalk(from: "soc2", to: "iso42001", inferred: true) { rows { targetRef status sourceRef relationship strength } } }' },
  { name: 'compare all five', query: `{ compare(frameworks: [${FIVE}]) { framework { id } issuer } }` },
  { name: 'evidencePlan all five', query: `{ evidencePlan(frameworks: [${FIVE}]) { items { __typename } unevidenced { id } } }` },
  { name: 'resolveRefs, 200 refs', query: `{ resolveRefs(refs: [${Array.from({ length: 200 }, (_, i) => `"A.${(i % 9) + 1}.${(i % 4) + 1}"`).join(', ')}]) { input } }` },
  { name: 'resolveRefs, 200 unknown refs', query: `{ resolveRefs(refs: [${Array.from({ length: 200 }, (_, i) => `"A.${i + 20}.${i}"`).join(', ')}]) { input candidates { id } } }` },
  { name: 'nodes, 100 unknown requirement ids', query: `{ nodes(ids: [${Array.from({ length: 100 }, (_, i) => `"iso42001:A.${i + 20}.${i}"`).join(', ')}]) { id } }`, errors: true },
  { name: 'nodes, 100 known requirement ids', query: `{ nodes(ids: [${Array.from({ length: 100 }, () => '"iso42001:A.6.2.4"').join(', ')}]) { id ... on Requirement { title } } }` },
  { name: 'requirements search, first 100', query: '{ requirements(search: "risk", first: 100) { nodes { id title } } }' },
  { name: 'roadmap given soc2', query: '{ roadmap(held: ["soc2"]) { rank framework { id } marginalWork } }' },
  { name: 'roadmap given soc2, inferred', query: '{ roadmap(held: ["soc2"], inferred: true) { rank framework { id } marginalWork } }' },
];
