import { createApp, installGracefulShutdown } from './app.js';
import { createStore, StartupError } from './bootstrap.js';
import { readConfig } from './config.js';
import { createLogger } from './logger.js';
import { SeedError } from './seed/seed-error.js';

/** Main entry: build the store, serve, and on SIGTERM or SIGINT finish in-flight requests, close the store, exit. */
async function main(): Promise<void> {
  const config = readConfig();
  const log = createLogger(config.logLevel);
  const { store, description } = await createStore(config);
  const app = await createApp(store, { config, log });
  const { httpServer } = app;
  httpServer.listen(config.port, config.host, () => {
    const address = httpServer.address();
    const port = typeof address === 'object' && address ? address.port : config.port;
    // A plain line for people, then structured logs.
    console.log(`Crosswalk API on http://localhost:${port}/graphql (${description})`);
  });
  installGracefulShutdown(app, store, log);
}

main().catch((error: unknown) => {
  console.error(error instanceof SeedError || error instanceof StartupError ? error.message : error);
  process.exit(1);
});
