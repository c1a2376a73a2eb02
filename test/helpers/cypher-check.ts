import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { lintCypherQuery } from '@neo4j-cypher/language-support';

/**
 * The offline Cypher check: every statement parsed and analysed by Neo4j's own language support,
 * against the graph's vocabulary, so a typo in a label, relationship type or parameter fails too.
 */

export const LABELS = ['Framework', 'Requirement', 'Clause', 'Control', 'Group', 'Discipline', 'Risk', 'Evidence', 'MappingSource', 'MappingSet', 'Dataset', 'Workspace', 'WorkspaceRecord', 'AuditEntry'];
export const RELATIONSHIP_TYPES = ['HAS', 'MAPS_TO', 'NO_RELATIONSHIP', 'ADDRESSES', 'MITIGATES', 'EVIDENCES', 'IN', 'ASSERTS', 'FROM', 'TO'];

export interface CypherProblem {
  file: string;
  line: number;
  column: number;
  message: string;
}

export function cypherFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((entry) => {
    const full = path.join(dir, entry);
    if (statSync(full).isDirectory()) return cypherFiles(full);
    return entry.endsWith('.cypher') ? [full] : [];
  });
}

/** Parameters a file declares in its `// params:` header. */
export function declaredParams(text: string): string[] {
  const header = text.split('\n').find((l) => l.startsWith('// params:')) ?? '';
  return [...header.matchAll(/\$([A-Za-z_][A-Za-z0-9_]*)/g)].map((m) => m[1]!);
}

export function checkCypherFile(file: string, root: string): CypherProblem[] {
  const text = readFileSync(file, 'utf8');
  const name = path.relative(root, file);
  const problems: CypherProblem[] = [];
  const isSchema = path.basename(file) === 'schema.cypher';
  if (!isSchema && (!/^\/\/ params:/m.test(text) || !/^\/\/ returns:/m.test(text))) {
    problems.push({ file: name, line: 1, column: 1, message: 'a query file opens with "// params:" and "// returns:" comments' });
  }
  const parameters = Object.fromEntries(declaredParams(text).map((p) => [p, null]));
  const { diagnostics } = lintCypherQuery(text, { labels: LABELS, relationshipTypes: RELATIONSHIP_TYPES, parameters });
  for (const d of diagnostics) {
    problems.push({ file: name, line: d.range.start.line + 1, column: d.range.start.character + 1, message: typeof d.message === 'string' ? d.message : d.message.value });
  }
  if (!isSchema && /;\s*\S/.test(text.replace(/^\/\/.*$/gm, ''))) {
    problems.push({ file: name, line: 1, column: 1, message: 'one statement per query file' });
  }
  return problems;
}

export function formatCypherProblem(p: CypherProblem): string {
  return `${p.file}:${p.line}:${p.column} ${p.message}`;
}
