import { createApp, installGracefulShutdown } from '../../src/app.js';
import { defaultConfig } from '../../src/config.js';
import { createLogger } from '../../src/logger.js';
import { loadSeed } from '../../src/seed/load-seed.js';
import { MemoryStore } from '../../src/store/memory/memory-store.js';
import type { NodeLabel, NodeTypes } from '../../src/domain/graph-store.js';

/** The API over a store that takes a second to answer, with the server's own shutdown path: for the graceful-shutdown test. */
class SlowStore extends MemoryStore {
  override async allNodes<L extends Exclude<NodeLabel, 'Requirement'>>(label: L): Promise<Array<NodeTypes[L]>> {
    await new Promise((r) => setTimeout(r, 1000));
    return super.allNodes(label);
  }
}

const store = new SlowStore(await loadSeed(process.env.CROSSWALK_SEED_DIR));
const log = createLogger('info');
const app = await createApp(store, { config: defaultConfig(), log });
installGracefulShutdown(app, store, log);
app.httpServer.listen(0, '127.0.0.1', () => console.log(`listening on ${(app.httpServer.address() as { port: number }).port}`));
