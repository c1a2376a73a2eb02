import { createApp } from './app.js';
import { readConfig } from './config.js';
import { loadSeed } from './seed/load-seed.js';
import { SeedError } from './seed/seed-error.js';
import { MemoryStore } from './store/memory/memory-store.js';

/** Main entry: load and validate the seed, build the embedded store, serve. */
async function main(): Promise<void> {
  const config = readConfig();
  const graph = await loadSeed(config.seedDir);
  const store = new MemoryStore(graph);
  const { app, stop } = await createApp(store, { introspection: config.introspection });
  const server = app.listen(config.port, config.host, () => {
    const info = `${graph.frameworks.length} frameworks, ${graph.requirements.length} requirements, ${graph.mappings.length} mappings`;
    console.log(`Crosswalk API on http://localhost:${config.port}/graphql (embedded store, dataset ${graph.version}: ${info})`);
  });
  const shutdown = () => {
    server.close(() => void stop().then(() => store.close()).then(() => process.exit(0)));
  };
  process.once('SIGTERM', shutdown);
  process.once('SIGINT', shutdown);
}

main().catch((error: unknown) => {
  if (error instanceof SeedError) console.error(error.message);
  else console.error(error);
  process.exit(1);
});
