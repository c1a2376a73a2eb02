import { createApp, installGracefulShutdown } from './app.js';
import { createStore, StartupError } from './bootstrap.js';
import { ConfigError, readConfig } from './config.js';
import { createLogger, type Logger } from './logger.js';
import { formatProblem, SeedError } from './seed/seed-error.js';
import { DataDirectory } from './workspace/data-directory.js';
import { KeyStore } from './workspace/key-store.js';
import { FileManifestArchive } from './workspace/manifest-archive.js';
import { buildManifest } from './graphql/dataset-manifest.js';
import type { GraphStore } from './domain/graph-store.js';
import path from 'node:path';
import { DirectoryLockedError } from './workspace/directory-lock.js';

/** Main entry: build the store, serve, and on SIGTERM or SIGINT finish in-flight requests, close the store, exit. */
async function main(): Promise<void> {
  const config = readConfig();
  const log = createLogger(config.logLevel);
  const { store, description, workspaces } = await createStore(config);
  const dataLog = (message: string) => log.info({ dataDir: config.dataDir }, message);
  // Embedded: keys, workspaces and audit journals in the data directory, whose lock makes this process
  // their only writer. Neo4j: workspaces in the database (any number of API processes); the keys file
  // is only read here (`crosswalk keys` writes it), so each process reads its own copy or a shared volume.
  const data = workspaces ? null : await DataDirectory.open(config.dataDir, { log: dataLog });
  const keys = data ? data.keys : new KeyStore(config.dataDir, { log: dataLog });
  // The manifest of each dataset version served, so integrators can sync from it later (changes(since:)).
  const manifests = new FileManifestArchive(path.join(config.dataDir, 'published'));
  await archiveServedVersion(store, manifests, log);
  const app = await createApp(store, { config, log, workspaces: { keys, repository: workspaces ?? data! }, manifests });
  const { httpServer } = app;
  httpServer.listen(config.port, config.host, () => {
    const address = httpServer.address();
    const port = typeof address === 'object' && address ? address.port : config.port;
    const url = `http://localhost:${port}/graphql`;
    // Where the server listens is said whatever the level (LOG_LEVEL=warn included): scripts and people
    // started with PORT=0 need it. Only LOG_LEVEL=silent hides it.
    const announce = config.logLevel === 'silent' ? log : log.child({}, { level: 'info' });
    announce.info({ url, store: description }, `Crosswalk API on ${url} (${description})`);
  });
  installGracefulShutdown(app, { close: async () => { await store.close(); await data?.close(); } }, log);
}

/** Best effort: a store that is down at start-up still lets the API start (it answers SERVICE_UNAVAILABLE). */
async function archiveServedVersion(store: GraphStore, manifests: FileManifestArchive, log: Logger): Promise<void> {
  try {
    await manifests.put(await buildManifest(store));
  } catch (error) {
    log.warn({ err: error }, 'could not archive the manifest of the dataset version served; changes(since:) will build it when asked');
  }
}

/** Why start-up failed, as one structured line: a broken seed lists every problem, a bad setting says which. */
function logStartupFailure(log: Logger, error: unknown): void {
  if (error instanceof SeedError) {
    log.fatal({ problems: error.problems.map(formatProblem) }, error.message.split('\n')[0]!);
  } else if (error instanceof StartupError || error instanceof ConfigError || error instanceof DirectoryLockedError) {
    log.fatal(`start-up failed: ${error.message}`);
  } else {
    log.fatal({ err: error }, 'start-up failed');
  }
}

main().catch((error: unknown) => {
  // The configured level may be what failed to parse, so start-up failures use a logger of their own.
  logStartupFailure(createLogger('info'), error);
  process.exit(1);
});
