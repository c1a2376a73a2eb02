import autocannon from 'autocannon';
import { readFileSync } from 'node:fs';
import { startServerProcess, stopServerProcess } from './server-process.js';
import { ATTACKS } from './soak-attackers.js';

const cpu = (pid: number) => {
  const f = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
  return (Number(f[11]) + Number(f[12])) / 100;
};
const server = await startServerProcess('src/server.ts', {});
const pid = server.child.pid!;
const cases = [{ name: '__typename', body: () => JSON.stringify({ query: '{ __typename }' }) }, ...ATTACKS.map((a) => ({ name: a.name, body: a.body }))];
for (const c of cases) {
  const before = cpu(pid);
  const r = await autocannon({ url: server.url, connections: 2, duration: 5, requests: [{ method: 'POST', path: '/graphql', headers: { 'content-type': 'application/json' }, setupRequest: (q) => ({ ...q, body: c.body() }) }] });
  const used = cpu(pid) - before;
  console.log(`${(used / r.requests.total * 1000).toFixed(2)} ms CPU/request  ${r.requests.total} req  ${c.name}`);
}
await stopServerProcess(server);
