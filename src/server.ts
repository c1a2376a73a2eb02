import { createApp, installGracefulShutdown } from './app.js';
import { createStore, StartupError } from './bootstrap.js';
import { ConfigError, readConfig } from './config.js';
import { createLogger, type Logger } from './logger.js';
import { formatProblem, SeedError } from './seed/seed-error.js';
import { DataDirectory } from './workspace/data-directory.js';
import { DirectoryLockedError } from './workspace/directory-lock.js';

/** Main entry: build the store, serve, and on SIGTERM or SIGINT finish in-flight requests, close the store, exit. */
async function main(): Promise<void> {
  const config = readConfig();
  const log = createLogger(config.logLevel);
  const { store, description } = await createStore(config);
  // Keys, workspaces and their audit journals; the lock makes this process their only writer.
  const data = await DataDirectory.open(config.dataDir, { log: (message) => log.info({ dataDir: config.dataDir }, message) });
  const app = await createApp(store, { config, log, workspaces: { keys: data.keys, repository: data } });
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
  installGracefulShutdown(app, { close: async () => { await store.close(); await data.close(); } }, log);
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
