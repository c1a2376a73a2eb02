import path from 'node:path';
import { build, type Plugin } from 'esbuild';
import { explorerOperations } from './operations.js';

/**
 * The explorer's bundle (src/explorer/app/, React + TSX), built by the server itself with esbuild's
 * JS API, in memory, once: on the first request for it. `npm start` and `npm test` stay the only two
 * commands, and an API-only process never pays for it. The operations arrive through a virtual
 * module (`virtual:operations`) built from the .graphql documents the tests validate.
 */
const here = path.dirname(new URL(import.meta.url).pathname);
export const APP_ENTRY = path.join(here, 'app', 'main.tsx');

export interface ExplorerBundle {
  js: string;
  css: string;
}

/** `import { OPERATIONS } from 'virtual:operations'`: the registered documents by operation name. */
const operationsPlugin: Plugin = {
  name: 'crosswalk-operations',
  setup(b) {
    b.onResolve({ filter: /^virtual:operations$/ }, () => ({ path: 'operations', namespace: 'crosswalk' }));
    b.onLoad({ filter: /.*/, namespace: 'crosswalk' }, () => ({
      contents: `export const OPERATIONS = ${JSON.stringify(explorerOperations())};`,
      loader: 'js',
    }));
  },
};

/** Builds the bundle (no cache): the tests call it to fail `npm test` on a broken explorer. */
export async function buildExplorer(entry: string = APP_ENTRY): Promise<ExplorerBundle> {
  const result = await build({
    entryPoints: [entry],
    bundle: true,
    write: false,
    format: 'esm',
    target: 'es2022',
    minify: true,
    sourcemap: false,
    jsx: 'automatic',
    outdir: '/explorer-bundle',
    define: { 'process.env.NODE_ENV': '"production"' },
    plugins: [operationsPlugin],
    logLevel: 'silent',
    legalComments: 'none',
  });
  const file = (ext: string) => result.outputFiles.find((f) => f.path.endsWith(ext))?.text ?? '';
  return { js: file('.js'), css: file('.css') };
}

let memo: Promise<ExplorerBundle> | undefined;

/** The bundle, built on first use; a failed build is not kept, so the next request tries again. */
export function explorerBundle(): Promise<ExplorerBundle> {
  memo ??= buildExplorer().catch((error: unknown) => {
    memo = undefined;
    throw error;
  });
  return memo;
}
