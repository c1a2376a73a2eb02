import { createNeo4jDriver } from '../src/store/neo4j/driver.js';
import { loadCypherRegistry } from '../src/store/neo4j/cypher-registry.js';
import { Neo4jStore } from '../src/store/neo4j/neo4j-store.js';
import { firstRows } from '../src/domain/graph-store.js';
const driver = createNeo4jDriver({ uri: 'bolt://127.0.0.1:7699', user: 'neo4j', password: 'crosswalk-dev', database: undefined });
const store = new Neo4jStore(driver, loadCypherRegistry());
async function time(name: string, n: number, f: () => Promise<unknown>) {
  for (let i = 0; i < 5; i++) await f();
  const cpu0 = process.cpuUsage(); const t0 = performance.now();
  for (let i = 0; i < n; i++) await f();
  const ms = (performance.now() - t0) / n; const c = process.cpuUsage(cpu0);
  console.log(`${name}: ${ms.toFixed(2)} ms wall, ${((c.user + c.system) / 1000 / n).toFixed(2)} ms node cpu`);
}
await time('datasetInfo', 300, () => store.datasetInfo());
await time('nodes 1 req', 300, () => store.nodes('Requirement', ['iso42001:A.6.2.4']));
const [page] = await store.findRequirements([{ filter: { frameworkIds: ['iso42001'] }, page: firstRows() }]);
console.log('iso42001 reqs', page!.items.length);
const [page2] = await store.findRequirements([{ filter: { frameworkIds: ['soc2'] }, page: firstRows() }]);
console.log('soc2 reqs', page2!.items.length);
await time('find iso42001 all', 100, () => store.findRequirements([{ filter: { frameworkIds: ['iso42001'] }, page: firstRows() }]));
await time('find iso42001 control', 100, () => store.findRequirements([{ filter: { frameworkIds: ['iso42001'], kinds: ['CONTROL'] }, page: firstRows() }]));
const ids = page!.items.map((r) => r.id);
await time('mappingsOf iso42001 all', 100, () => store.mappingsOf(ids));
await time('children iso42001', 100, () => store.related('children', ['iso42001']));
await time('allNodes MappingSet', 100, () => store.allNodes('MappingSet'));
await store.close();
