import type { AddressInfo } from 'node:net';
import { createApp } from '../../src/app.js';
import { defaultConfig, type Config } from '../../src/config.js';
import { createLogger, type Logger } from '../../src/logger.js';
import { loadSeed } from '../../src/seed/load-seed.js';
import { MemoryStore } from '../../src/store/memory/memory-store.js';
import type { GraphStore } from '../../src/domain/graph-store.js';

export interface GraphQLResponse<T = Record<string, any>> {
  status: number;
  data?: T;
  errors?: Array<{ message: string; path?: string[]; extensions?: Record<string, any> }>;
  extensions?: Record<string, any>;
}

export interface TestServer {
  url: string;
  store: GraphStore;
  query<T = Record<string, any>>(query: string, variables?: Record<string, unknown>, headers?: Record<string, string>): Promise<GraphQLResponse<T>>;
  close(): Promise<void>;
}

let realStore: Promise<MemoryStore> | undefined;

/** The embedded store over the real seed/, loaded once per test file. */
export function realSeedStore(): Promise<MemoryStore> {
  realStore ??= loadSeed(process.env.CROSSWALK_SEED_DIR).then((graph) => new MemoryStore(graph));
  return realStore;
}

/** Serves the app on an ephemeral loopback port, as a client over HTTP sees it. Logs are silent unless a logger is given. */
export async function startTestServer(store?: GraphStore, options: { config?: Config; log?: Logger } = {}): Promise<TestServer> {
  const theStore = store ?? (await realSeedStore());
  const { httpServer: server, stop } = await createApp(theStore, { config: options.config ?? defaultConfig(), log: options.log ?? createLogger('silent') });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    url,
    store: theStore,
    async query(query, variables, headers) {
      const response = await fetch(`${url}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...headers },
        body: JSON.stringify({ query, variables }),
      });
      const body = (await response.json()) as GraphQLResponse;
      return { ...body, status: response.status } as GraphQLResponse<any>;
    },
    async close() {
      await stop();
    },
  };
}
