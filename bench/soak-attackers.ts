import autocannon from 'autocannon';

/**
 * The abusive clients of the soak (bench/soak.ts), in their own process: `tsx bench/soak-attackers.ts
 * <url> <seconds>` replays the attacks of issue #16 (test/hardening/) and prints what each got as one
 * JSON line. Bodies that are costly to build are drawn from a pool; every request still differs in a
 * nonce or a comment, so no cache absorbs the attack.
 */

const pick = <T>(items: readonly T[]): T => items[Math.floor(Math.random() * items.length)]!;
const nonce = () => Math.random().toString(36).slice(2);
const pool = (size: number, make: () => string): (() => string) => {
  const bodies = Array.from({ length: size }, make);
  return () => pick(bodies);
};

const NESTED = 'nodes { id mappings { other { id mappings { other { id mappings { other { id } } } } } } }';
const explainAliases = (n: number) =>
  Array.from({ length: n }, (_, i) => `e${i}: explain(from: "iso42001:A.6.2.7", to: "iso42001:6.1.2", maxHops: 4) { length hops { from { id } to { id } } }`).join(' ');
const TYPOS = ['CONTRL', 'CONTROLS', 'CLAUS', 'CLAUSE_', 'GROUPS', 'GRUOP', 'control', 'CNTROL', 'CONTROLL', 'KLAUSE'];

/** The attacks of issue #16 (test/hardening/), each made new per request (nonces, comments) so no cache absorbs it. */
export const ATTACKS: Array<{ name: string; connections: number; body: () => string }> = [
  {
    name: 'variable `first` blow-up with an unused nonce variable',
    connections: 2,
    body: () => JSON.stringify({ query: `query Q($n: Int) { requirements(first: $n) { ${NESTED} } }`, variables: { n: 500, nonce: nonce() } }),
  },
  {
    name: 'query padded with comments (about 40 KB)',
    connections: 2,
    body: pool(200, () => JSON.stringify({ query: `{ frameworks { id } }\n${`# ${nonce()} padding padding padding\n`.repeat(1_000)}` })),
  },
  {
    name: '8 aliases of explain(maxHops: 4), A.6.2.7 to 6.1.2',
    connections: 2,
    body: () => JSON.stringify({ query: `{ ${explainAliases(8)} } # ${nonce()}` }),
  },
  {
    name: 'deep nesting: a depth bomb, or variables nested 20,000 deep',
    connections: 2,
    body: () =>
      Math.random() < 0.5
        ? JSON.stringify({ query: `{ requirement(id: "iso42001:A.6.2.4") { ${'parent { children { '.repeat(8)} id ${'} } '.repeat(8)} } } # ${nonce()}` })
        : `{"query":"{ frameworks { id } }","variables":{"deep":${'['.repeat(20_000)}"${nonce()}"${']'.repeat(20_000)}}}`,
  },
  {
    name: 'nodes(ids:) with 3,000 ids',
    connections: 2,
    body: pool(200, () => JSON.stringify({ query: 'query N($ids: [ID!]!) { nodes(ids: $ids) { id } }', variables: { ids: Array.from({ length: 3_000 }, (_, i) => `iso42001:A.${i}.${nonce().slice(0, 3)}`) } })),
  },
  {
    name: 'enum-probing typos (inline and in variables)',
    connections: 2,
    body: () =>
      Math.random() < 0.5
        ? JSON.stringify({ query: `{ requirements(kind: ${pick(TYPOS)}) { totalCount } } # ${nonce()}` })
        : JSON.stringify({ query: 'query Q($k: RequirementKind) { requirements(kind: $k) { totalCount } }', variables: { k: `${pick(TYPOS)}${Math.random() < 0.5 ? '' : nonce().slice(0, 2)}` } }),
  },
  {
    name: 'the most explain the limit accepts: 4 aliases of explain(maxHops: 4), a new text each time',
    connections: 1,
    body: () => JSON.stringify({ query: `{ ${explainAliases(4)} } # ${nonce()}` }),
  },
];


/**
 * One attacker at one address, as a proxy in front of the API reports it (the soak's server trusts
 * the loopback proxy): all seven attacks count as one client for the fair queue.
 */
export const ATTACKER_ADDRESS = '203.0.113.66';
const HEADERS = { 'content-type': 'application/json', 'x-forwarded-for': ATTACKER_ADDRESS };

export interface AttackRun {
  name: string;
  requests: number;
  rps: number;
  p99: number;
  outcomes: Map<string, number>;
}

/** What the server answered: HTTP status and the first error's code. */
function outcomeOf(status: number, body: string): string {
  try {
    const parsed = JSON.parse(body) as { errors?: Array<{ extensions?: { code?: string } }>; data?: unknown };
    const code = parsed.errors?.[0]?.extensions?.code;
    return code ? `${status} ${code}` : `${status} answered`;
  } catch {
    return `${status} (not JSON)`;
  }
}

async function attackClient(url: string, seconds: number, attack: (typeof ATTACKS)[number]): Promise<AttackRun> {
  const outcomes = new Map<string, number>();
  const result = await autocannon({
    url,
    connections: attack.connections,
    duration: seconds,
    requests: [
      {
        method: 'POST',
        path: '/graphql',
        headers: HEADERS,
        setupRequest: (request) => ({ ...request, body: attack.body() }),
        onResponse: (status, body) => {
          const outcome = outcomeOf(status, body);
          outcomes.set(outcome, (outcomes.get(outcome) ?? 0) + 1);
        },
      },
    ],
  });
  if (result.errors + result.timeouts > 0) outcomes.set('connection error or timeout', result.errors + result.timeouts);
  return { name: attack.name, requests: result.requests.total, rps: Math.round(result.requests.average), p99: result.latency.p99, outcomes };
}


if (import.meta.url === `file://${process.argv[1]}`) {
  const [url, seconds] = process.argv.slice(2);
  const runs = await Promise.all(ATTACKS.map((a) => attackClient(url!, Number(seconds), a)));
  const cpu = process.cpuUsage();
  // The last line: what each client got, and the CPU this process took from the shared cores.
  console.log(JSON.stringify({ cpuSeconds: (cpu.user + cpu.system) / 1e6, runs: runs.map((r) => ({ ...r, outcomes: [...r.outcomes.entries()] })) }));
}
