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

/**
 * Apollo Federation's additions (schema/federation/subgraph.graphql): the entities' keys. Not part of
 * the public contract above, which stays plain GraphQL; read only when the API runs as a subgraph.
 */
export function loadFederationTypeDefs(dir: string = SCHEMA_DIR): string {
  return readFileSync(path.join(dir, 'federation', 'subgraph.graphql'), 'utf8');
}
