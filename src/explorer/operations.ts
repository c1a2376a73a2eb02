import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { sha256 } from '../graphql/trusted-documents.js';

/**
 * The operations the explorer page and the GraphQL IDE send, kept as .graphql documents in
 * operations/ (explorer/ by operation name, examples/ in tab order) so tests validate them against
 * the schema and the trusted-documents manifest lists them. The browser gets them as scripts
 * built from these files at start-up.
 */
export const OPERATIONS_DIR = path.join(path.dirname(new URL(import.meta.url).pathname), 'operations');

/** The text of every .graphql file in a folder, in file-name order, without the final newline. */
function documents(dir: string): string[] {
  return readdirSync(dir)
    .filter((f) => f.endsWith('.graphql'))
    .sort((a, b) => a.localeCompare(b, 'en', { numeric: true }))
    .map((f) => readFileSync(path.join(dir, f), 'utf8').trimEnd());
}

/** The explorer's operations by operation name (`query Coverage(...)` is `Coverage`). */
export function explorerOperations(dir: string = OPERATIONS_DIR): Record<string, string> {
  return Object.fromEntries(
    documents(path.join(dir, 'explorer')).map((text) => {
      const name = /^\s*(?:query|mutation)\s+(\w+)/m.exec(text)?.[1];
      if (!name) throw new Error(`explorer: every operation in ${dir}/explorer needs a name: ${text.slice(0, 60)}`);
      return [name, text];
    }),
  );
}

/** The GraphQL IDE's example tabs, in order. */
export function exampleOperations(dir: string = OPERATIONS_DIR): string[] {
  return documents(path.join(dir, 'examples'));
}

/** `{ "<sha256>": "<operation>" }` for every operation the explorer and the IDE send (CROSSWALK_TRUSTED_DOCUMENTS). */
export function operationsManifest(dir: string = OPERATIONS_DIR): Record<string, string> {
  const all = [...Object.values(explorerOperations(dir)), ...exampleOperations(dir)];
  return Object.fromEntries(all.map((text) => [sha256(text), text]));
}

/** The script graphiql.html loads for its example tabs. */
export function examplesScript(dir: string = OPERATIONS_DIR): string {
  return `// Built from src/explorer/operations/examples/*.graphql.\nwindow.CROSSWALK_EXAMPLES = ${JSON.stringify(exampleOperations(dir).map((query) => ({ query })), null, 2)};\n`;
}
