import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';

/**
 * The checked reference lists in ../shared/reference/ (beside the clone, in CI too).
 * CROSSWALK_REFERENCE_DIR points elsewhere when needed.
 */
export const REFERENCE_DIR = path.resolve(process.env.CROSSWALK_REFERENCE_DIR ?? path.join(import.meta.dirname, '../../../shared/reference'));

export function readReference<T = any>(file: string): T {
  const full = path.join(REFERENCE_DIR, file);
  if (!existsSync(full)) throw new Error(`reference file ${full} is missing: the data tests need ../shared/reference/ (or CROSSWALK_REFERENCE_DIR)`);
  return JSON.parse(readFileSync(full, 'utf8')) as T;
}
