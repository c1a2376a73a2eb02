import { runTs, waitForOutput, type RunningProcess } from './processes.js';
import type { Client } from './workspace-server.js';
import type { GraphQLResponse } from './http.js';

/** The real API process (src/server.ts, as `npm start` runs it) on a given data directory. */
export interface ApiProcess {
  running: RunningProcess;
  url: string;
  /** A client sending `Authorization: Bearer <key>`. */
  as(key: string): Client;
}

/**
 * Starts src/server.ts on `dataDir` with PORT=0 and waits for its start-up line, which names the
 * port. No per-key rate limit: the durability tests send hundreds of writes with one key at once.
 */
export async function startApiProcess(dataDir: string, env: Record<string, string> = {}): Promise<ApiProcess> {
  const running = runTs('src/server.ts', { PORT: '0', HOST: '127.0.0.1', CROSSWALK_DATA_DIR: dataDir, CROSSWALK_KEY_REQUESTS_PER_MINUTE: '0', LOG_LEVEL: 'info', ...env });
  const exitedEarly = running.exited.then((code) => {
    throw new Error(`the API exited (${code}) before listening:\n${running.output()}`);
  });
  const match = await Promise.race([waitForOutput(running, /Crosswalk API on http:\/\/localhost:(\d+)\/graphql/, 60_000), exitedEarly]);
  exitedEarly.catch(() => undefined);
  const url = `http://127.0.0.1:${match[1]}`;
  return {
    running,
    url,
    as(key) {
      return async (query, variables) => {
        const response = await fetch(`${url}/graphql`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', authorization: `Bearer ${key}` },
          body: JSON.stringify({ query, variables }),
        });
        return { ...((await response.json()) as GraphQLResponse), status: response.status } as GraphQLResponse<any>;
      };
    },
  };
}
