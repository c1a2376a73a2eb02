import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';

/** The SDL folder at the top of the project: the public contract. */
export const SCHEMA_DIR = path.resolve(path.dirname(new URL(import.meta.url).pathname), '../../schema');

/** Reads every schema/*.graphql file, in name order, once at start-up. */
export function loadTypeDefs(dir: string = SCHEMA_DIR): string[] {
  return readdirSync(dir)
    .filter((f) => f.endsWith('.graphql'))
    .sort()
    .map((f) => readFileSync(path.join(dir, f), 'utf8'));
}
