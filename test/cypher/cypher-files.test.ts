import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { CYPHER_DIR, READ_QUERIES, WRITE_QUERIES, loadCypherRegistry, loadSchemaStatements } from '../../src/store/neo4j/cypher-registry.js';
import { checkCypherFile, cypherFiles, formatCypherProblem } from '../helpers/cypher-check.js';

/** Every .cypher file checked offline by Neo4j's own parser and semantic analysis (@neo4j-cypher/language-support). */

const FIXTURES = path.join(import.meta.dirname, '../fixtures/cypher-broken');

describe('cypher/ checked offline', () => {
  const files = cypherFiles(CYPHER_DIR);

  it('finds the adapter, seeding, schema and explore files', () => {
    expect(files.length).toBeGreaterThanOrEqual(READ_QUERIES.length + WRITE_QUERIES.length + 3);
  });

  it.each(files.map((f) => [path.relative(CYPHER_DIR, f), f]))('%s parses and passes semantic analysis', (_name, file) => {
    expect(checkCypherFile(file, CYPHER_DIR).map(formatCypherProblem)).toEqual([]);
  });

  it('the registry names exactly the adapter and seeding files', () => {
    const registry = loadCypherRegistry();
    const onDisk = files
      .map((f) => path.relative(CYPHER_DIR, f).replace(/\.cypher$/, ''))
      .filter((n) => !n.startsWith('explore/') && n !== 'schema' && n !== 'workspace/schema');
    expect(Object.keys(registry).sort()).toEqual(onDisk.sort());
  });

  it('a missing file fails the boot with its name', () => {
    expect(() => loadCypherRegistry(FIXTURES)).toThrow(/Cypher query "framework\/by-ids" is missing/);
  });

  it('splits the schema into statements: constraints on every node id, indexes and a text index for search', () => {
    const statements = loadSchemaStatements();
    expect(statements.filter((s) => s.startsWith('CREATE CONSTRAINT'))).toHaveLength(8);
    expect(statements.some((s) => s.startsWith('CREATE TEXT INDEX requirement_search_text'))).toBe(true);
    expect(statements.every((s) => !s.includes(';'))).toBe(true);
  });
});

describe('the check can fail', () => {
  it('reports a syntax error with file and position', () => {
    const problems = checkCypherFile(path.join(FIXTURES, 'broken.cypher'), FIXTURES).map(formatCypherProblem);
    expect(problems[0]).toMatch(/^broken\.cypher:5:1 Invalid input 'RETURN'/);
  });

  it('reports a misspelt label and relationship type and an undeclared parameter', () => {
    const problems = checkCypherFile(path.join(FIXTURES, 'misspelt.cypher'), FIXTURES).map(formatCypherProblem);
    expect(problems).toEqual([
      expect.stringMatching(/^misspelt\.cypher:4:10 Label Requirment is not present/),
      expect.stringMatching(/^misspelt\.cypher:4:34 Relationship type MAPS_TOO is not present/),
      expect.stringMatching(/^misspelt\.cypher:5:35 .*\$undeclared/),
    ]);
  });
});
