import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { OPERATIONS_DIR, operationsManifest } from '../explorer/operations.js';

/**
 * `npm run trusted-documents`: writes the trusted-documents manifest of the explorer's and the IDE's
 * operations (src/explorer/operations/trusted-documents.json), for CROSSWALK_TRUSTED_DOCUMENTS.
 * The tests check the committed file is current.
 */
export const MANIFEST_FILE = path.join(OPERATIONS_DIR, 'trusted-documents.json');

export function manifestText(): string {
  return `${JSON.stringify(operationsManifest(), null, 2)}\n`;
}

if (process.argv[1] && path.resolve(process.argv[1]) === path.resolve(new URL(import.meta.url).pathname)) {
  writeFileSync(MANIFEST_FILE, manifestText());
  console.log(`wrote ${path.relative(process.cwd(), MANIFEST_FILE)}`);
}
