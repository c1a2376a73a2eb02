import { readFileSync } from 'node:fs';
import path from 'node:path';

/**
 * Every Cypher statement the Neo4j adapter and the seeding command run, by name (its path under
 * cypher/ without the extension). Read once at start-up: a missing file fails the boot, and a wrong
 * name fails the type check.
 */
export const CYPHER_DIR = path.resolve(path.dirname(new URL(import.meta.url).pathname), '../../../cypher');

export const READ_QUERIES = [
  'framework/by-ids',
  'framework/all',
  'requirement/by-ids',
  'requirement/find',
  'requirement/children',
  'requirement/disciplines',
  'requirement/risks',
  'requirement/evidence',
  'discipline/by-ids',
  'discipline/all',
  'discipline/requirements',
  'discipline/risks',
  'risk/by-ids',
  'risk/all',
  'risk/requirements',
  'evidence/by-ids',
  'evidence/all',
  'evidence/requirements',
  'mapping/source-by-ids',
  'mapping/source-all',
  'mapping/set-by-ids',
  'mapping/set-all',
  'mapping/of-requirements',
  'mapping/in-sets',
  'mapping/no-relationships-of',
  'mapping/no-relationships-in-sets',
  'dataset/info',
  'workspace/revision',
  'workspace/records',
  'workspace/audit',
] as const;

export const WRITE_QUERIES = [
  'seed/merge-framework',
  'seed/merge-requirement',
  'seed/merge-discipline',
  'seed/merge-risk',
  'seed/merge-evidence',
  'seed/merge-mapping-source',
  'seed/merge-mapping-set',
  'seed/merge-has',
  'seed/merge-addresses',
  'seed/merge-mitigates',
  'seed/merge-evidences',
  'seed/merge-in',
  'seed/merge-maps-to',
  'seed/merge-no-relationship',
  'seed/merge-set-links',
  'seed/delete-stale-framework',
  'seed/delete-stale-requirement',
  'seed/delete-stale-discipline',
  'seed/delete-stale-risk',
  'seed/delete-stale-evidence',
  'seed/delete-stale-mapping-source',
  'seed/delete-stale-mapping-set',
  'seed/delete-stale-has',
  'seed/delete-stale-addresses',
  'seed/delete-stale-mitigates',
  'seed/delete-stale-evidences',
  'seed/delete-stale-in',
  'seed/delete-stale-maps-to',
  'seed/delete-stale-no-relationship',
  'seed/mark-seeding',
  'seed/set-dataset',
  'workspace/lock',
  'workspace/put-records',
  'workspace/delete-records',
  'workspace/append-audit',
] as const;

export type ReadQuery = (typeof READ_QUERIES)[number];
export type WriteQuery = (typeof WRITE_QUERIES)[number];
export type QueryName = ReadQuery | WriteQuery;
export type CypherRegistry = Record<QueryName, string>;

export function loadCypherRegistry(dir: string = CYPHER_DIR): CypherRegistry {
  const registry = {} as CypherRegistry;
  for (const name of [...READ_QUERIES, ...WRITE_QUERIES]) {
    const file = path.join(dir, `${name}.cypher`);
    try {
      registry[name] = readFileSync(file, 'utf8');
    } catch (error) {
      throw new Error(`Cypher query "${name}" is missing: cannot read ${file} (${(error as Error).message})`);
    }
  }
  return registry;
}

/** The schema statements (constraints and indexes), one per entry. */
export function loadSchemaStatements(dir: string = CYPHER_DIR): string[] {
  return splitStatements(readFileSync(path.join(dir, 'schema.cypher'), 'utf8'));
}

/** The workspace store's constraints (cypher/workspace/schema.cypher), applied by the repository itself. */
export function loadWorkspaceSchemaStatements(dir: string = CYPHER_DIR): string[] {
  return splitStatements(readFileSync(path.join(dir, 'workspace/schema.cypher'), 'utf8'));
}

/** Splits a file of several statements on the semicolons that end lines; comments are dropped. */
export function splitStatements(text: string): string[] {
  return text
    .split('\n')
    .filter((line) => !line.trim().startsWith('//'))
    .join('\n')
    .split(/;\s*(?:\n|$)/)
    .map((s) => s.trim())
    .filter(Boolean);
}
