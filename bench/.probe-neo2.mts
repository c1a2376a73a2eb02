import neo4j from 'neo4j-driver';
const driver = neo4j.driver('bolt://127.0.0.1:7699', neo4j.auth.basic('neo4j', 'crosswalk-dev'), { maxConnectionPoolSize: 50 });
const q = "MATCH (d:Dataset {id: 'crosswalk'}) RETURN d {.*} AS node";
async function time(name: string, n: number, f: () => Promise<unknown>) {
  for (let i = 0; i < 20; i++) await f();
  const cpu0 = process.cpuUsage(); const t0 = performance.now();
  for (let i = 0; i < n; i++) await f();
  const ms = (performance.now() - t0) / n; const c = process.cpuUsage(cpu0);
  console.log(`${name}: ${ms.toFixed(2)} ms wall, ${((c.user + c.system) / 1000 / n).toFixed(2)} ms node cpu`);
}
await time('executeRead', 300, async () => { const s = driver.session({ defaultAccessMode: 'READ' }); try { return await s.executeRead((tx) => tx.run(q)); } finally { await s.close(); } });
await time('executeRead+timeout', 300, async () => { const s = driver.session({ defaultAccessMode: 'READ' }); try { return await s.executeRead((tx) => tx.run(q), { timeout: 5000 }); } finally { await s.close(); } });
await time('session.run', 300, async () => { const s = driver.session({ defaultAccessMode: 'READ' }); try { return await s.run(q); } finally { await s.close(); } });
await time('executeQuery', 300, () => driver.executeQuery(q, {}, { routing: neo4j.routing.READ }));
await time('executeQuery db', 300, () => driver.executeQuery(q, {}, { routing: neo4j.routing.READ, database: 'neo4j' }));
await time('executeRead db', 300, async () => { const s = driver.session({ defaultAccessMode: 'READ', database: 'neo4j' }); try { return await s.executeRead((tx) => tx.run(q)); } finally { await s.close(); } });
await time('RETURN 1', 300, () => driver.executeQuery('RETURN 1', {}, { database: 'neo4j' }));
await driver.close();
