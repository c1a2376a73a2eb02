import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { renderStats, withStats } from './stats.js';
import { DEFAULT_SEED_DIR, loadSeed } from '../seed/load-seed.js';
import { SeedError } from '../seed/seed-error.js';

/** Prints the counts of the curated graph; with --write, also refreshes them in seed/README.md. */
async function main(): Promise<void> {
  const graph = await loadSeed(process.env.CROSSWALK_SEED_DIR);
  const stats = renderStats(graph);
  console.log(stats);
  if (process.argv.includes('--write')) {
    const readme = path.join(DEFAULT_SEED_DIR, 'README.md');
    await writeFile(readme, withStats(await readFile(readme, 'utf8'), stats));
    console.log(`updated ${path.relative(process.cwd(), readme)}`);
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof SeedError ? error.message : error);
  process.exit(1);
});
