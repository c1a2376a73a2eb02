/** The benchmark's operations, shared by the embedded run (run.ts) and the Neo4j leg (neo4j-leg.ts): the first is the trivial query every ratio is taken against. */
export const OPERATIONS: Array<{ name: string; query: string }> = [
  { name: 'trivial `{ __typename }`', query: '{ __typename }' },
  { name: 'requirement(id)', query: '{ requirement(id: "iso42001:A.6.2.4") { id ref title summary framework { id } } }' },
  { name: 'catalog page with nested mappings', query: '{ framework(id: "iso42001") { requirements(first: 50) { nodes { id title mappings { relationship strength other { id title } } } } } }' },
  { name: 'coverage soc2 -> iso42001', query: '{ coverage(target: "iso42001", held: ["soc2"], kind: CONTROL) { summary { full partial none unassessed } items { requirement { id } status via { requirement { id } relationship strength } } } }' },
  { name: 'coverage soc2 -> iso42001, inferred', query: '{ coverage(target: "iso42001", held: ["soc2"], kind: CONTROL, inferred: true) { summary { full partial none unassessed } items { requirement { id } status via { requirement { id } relationship strength inferred } } } }' },
  { name: 'gaps iso42001 given soc2', query: '{ gaps(target: "iso42001", held: ["soc2"]) { total items { rank requirement { id } risks { id } evidence { id } } } }' },
  { name: 'overlapMatrix of all frameworks', query: '{ overlapMatrix { cells { from { id } to { id } summary { coveredShare } } } }' },
  { name: 'crosswalk table soc2 -> iso42001', query: '{ crosswalk(from: "soc2", to: "iso42001") { rows { targetRef status sourceRef relationship strength } } }' },
];
