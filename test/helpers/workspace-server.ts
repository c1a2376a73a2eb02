import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { AddressInfo } from 'node:net';
import { createApp } from '../../src/app.js';
import { defaultConfig, type Config } from '../../src/config.js';
import type { GraphStore } from '../../src/domain/graph-store.js';
import { createLogger, type Logger } from '../../src/logger.js';
import type { WorkspaceRepository } from '../../src/domain/workspace-repository.js';
import { DataDirectory } from '../../src/workspace/data-directory.js';
import { KeyStore } from '../../src/workspace/key-store.js';
import { realSeedStore, type GraphQLResponse } from './http.js';

/** A client of the API holding one key (or none): what an integrator's code is. */
export type Client = <T = Record<string, any>>(query: string, variables?: Record<string, unknown>) => Promise<GraphQLResponse<T>>;

export interface WorkspaceServer {
  url: string;
  data: DataDirectory;
  dataDir: string;
  /** A new key of `workspace` with `role`, as `crosswalk keys create` makes it. */
  key(workspace: string, role: string): Promise<{ key: string; keyId: string }>;
  /** A client sending `Authorization: Bearer <key>`; anonymous without one. */
  as(key?: string): Client;
  close(): Promise<void>;
}

/** The API over HTTP with a data directory of its own (keys, workspaces), on the real seed unless a store is given. */
export async function startWorkspaceServer(
  options: { store?: GraphStore; config?: Partial<Config>; dataDir?: string; repository?: WorkspaceRepository; keysDir?: string; log?: Logger } = {},
): Promise<WorkspaceServer> {
  const dataDir = options.dataDir ?? path.join(mkdtempSync(path.join(tmpdir(), 'crosswalk-ws-')), 'data');
  // With a repository of its own (Neo4j), the data directory still holds the keys, as in production;
  // several servers may then share one keys folder (`keysDir`), as replicas share their keys file.
  const data = await DataDirectory.open(options.keysDir ? path.join(mkdtempSync(path.join(tmpdir(), 'crosswalk-ws-')), 'data') : dataDir);
  const keys = options.keysDir ? new KeyStore(options.keysDir) : data.keys;
  const store = options.store ?? (await realSeedStore());
  const config = { ...defaultConfig(), ...options.config };
  const { httpServer, stop } = await createApp(store, { config, log: options.log ?? createLogger('silent'), workspaces: { keys, repository: options.repository ?? data } });
  await new Promise<void>((resolve) => httpServer.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(httpServer.address() as AddressInfo).port}`;
  return {
    url,
    data,
    dataDir,
    async key(workspace, role) {
      const { info, key } = await keys.create(workspace, role);
      return { key, keyId: info.keyId };
    },
    as(key) {
      return async (query, variables) => {
        const response = await fetch(`${url}/graphql`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', ...(key ? { authorization: `Bearer ${key}` } : {}) },
          body: JSON.stringify({ query, variables }),
        });
        return { ...((await response.json()) as GraphQLResponse), status: response.status } as GraphQLResponse<any>;
      };
    },
    async close() {
      await stop();
      await data.close();
    },
  };
}
