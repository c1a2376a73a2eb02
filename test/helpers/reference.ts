import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';

/** The checked reference lists, kept in the repository (reference/README.md says where each came from). */
export const REFERENCE_DIR = path.resolve(import.meta.dirname, '../../reference');

export function readReference<T = any>(file: string): T {
  const full = path.join(REFERENCE_DIR, file);
  if (!existsSync(full)) throw new Error(`reference file reference/${file} is missing (reference/README.md says how to refresh it)`);
  return JSON.parse(readFileSync(full, 'utf8')) as T;
}
