import { createApp } from '../src/app.js';
import { readConfig } from '../src/config.js';
import { createLogger } from '../src/logger.js';
import { loadSeed } from '../src/seed/load-seed.js';
import { MemoryStore } from '../src/store/memory/memory-store.js';

/**
 * The API as src/server.ts builds it, with the query limits on or off (CROSSWALK_BENCH_HARDENING=off):
 * bench/soak.ts measures `{ __typename }` on both to say what the hardening costs. Bench only.
 */
const config = readConfig();
const store = new MemoryStore(await loadSeed(config.seedDir));
const { httpServer } = await createApp(store, { config, log: createLogger(config.logLevel), hardening: process.env.CROSSWALK_BENCH_HARDENING !== 'off' });
httpServer.listen(config.port, '127.0.0.1', () => {
  const address = httpServer.address();
  console.log(`Crosswalk API on http://localhost:${typeof address === 'object' && address ? address.port : config.port}/graphql (bench)`);
});
process.once('SIGTERM', () => process.exit(0));
