import { RELATIONSHIPS, type GraphData } from '../domain/types.js';

/** Counts of the curated graph, rendered as Markdown for seed/README.md (`npm run data:stats`). */
export function renderStats(graph: GraphData): string {
  const lines: string[] = [];
  const table = (header: string[], rows: Array<Array<string | number>>) => {
    lines.push(`| ${header.join(' | ')} |`, `| ${header.map(() => '---').join(' | ')} |`);
    for (const row of rows) lines.push(`| ${row.join(' | ')} |`);
    lines.push('');
  };

  lines.push('### Nodes', '');
  const kinds = (framework: string, kind: string) => graph.requirements.filter((r) => r.frameworkId === framework && r.kind === kind).length;
  table(
    ['framework', 'requirements', 'groups', 'clauses', 'controls'],
    graph.frameworks.map((f) => [f.id, graph.requirements.filter((r) => r.frameworkId === f.id).length, kinds(f.id, 'GROUP'), kinds(f.id, 'CLAUSE'), kinds(f.id, 'CONTROL')]),
  );
  table(
    ['node', 'count'],
    [
      ['Framework', graph.frameworks.length],
      ['Requirement', graph.requirements.length],
      ['Discipline', graph.disciplines.length],
      ['Risk', graph.risks.length],
      ['Evidence', graph.evidence.length],
      ['MappingSource', graph.sources.length],
      ['MappingSet', graph.mappingSets.length],
    ],
  );

  lines.push('### Edges', '');
  table(
    ['edge', 'count'],
    [
      ['HAS (framework or group to requirement)', graph.requirements.length],
      ['MAPS_TO', graph.mappings.length],
      ['NO_RELATIONSHIP assessments', graph.noRelationships.length],
      ['ADDRESSES (requirement to discipline)', graph.addresses.length],
      ['MITIGATES (requirement to risk)', graph.mitigates.length],
      ['EVIDENCES (evidence to requirement)', graph.evidences.length],
      ['IN (risk to discipline)', graph.risks.filter((r) => r.disciplineId).length],
    ],
  );

  lines.push('### Mappings by set and relationship', '');
  table(
    ['mapping set', 'source', ...RELATIONSHIPS, 'NO_RELATIONSHIP'],
    graph.mappingSets.map((s) => {
      const inSet = graph.mappings.filter((m) => m.setId === s.id);
      return [s.id, s.sourceId, ...RELATIONSHIPS.map((r) => inSet.filter((m) => m.relationship === r).length), graph.noRelationships.filter((n) => n.setId === s.id).length];
    }),
  );

  const mappedFromSoc2 = new Set(graph.mappings.filter((m) => m.setId === 'soc2--iso42001').map((m) => m.toId));
  const unmapped = graph.requirements.filter((r) => r.frameworkId === 'iso42001' && r.kind === 'CONTROL' && !mappedFromSoc2.has(r.id));
  lines.push(`### ISO/IEC 42001 Annex A controls with no SOC 2 mapping (${unmapped.length} of ${kinds('iso42001', 'CONTROL')})`, '');
  lines.push(unmapped.length === 0 ? 'None.' : unmapped.map((r) => `- ${r.ref} ${r.title}`).join('\n'), '');
  return lines.join('\n');
}

export const STATS_START = '<!-- stats:start (npm run data:stats -- --write) -->';
export const STATS_END = '<!-- stats:end -->';

/** The document with its stats block replaced. */
export function withStats(document: string, stats: string): string {
  const start = document.indexOf(STATS_START);
  const end = document.indexOf(STATS_END);
  if (start === -1 || end < start) throw new Error(`the document has no ${STATS_START} ... ${STATS_END} block`);
  return `${document.slice(0, start + STATS_START.length)}\n\n${stats}\n${document.slice(end)}`;
}
