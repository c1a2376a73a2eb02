import type { Table } from '../analysis/tables.js';

/** Spreadsheet width hints per table and column key, in characters: how wide a column may grow to fit its longest cell. */
const WIDTH_HINTS: Record<string, Record<string, number>> = {
  crosswalk: { targetRef: 10, targetTitle: 28, status: 14, sourceRef: 10, sourceTitle: 28, relationship: 16, strength: 9, basis: 12, inferred: 24, condition: 24, note: 56, mappingSource: 18, agreeingSources: 10 },
  gaps: { rank: 6, ref: 12, title: 40, status: 16, consequence: 12, disciplines: 30, risks: 40, evidence: 40, reusable: 44, reason: 60 },
  coverage: { group: 24, ref: 10, title: 36, status: 14, coveredBy: 60, reason: 60 },
  roadmap: { rank: 6, framework: 30, total: 12, full: 8, partial: 8, notImplemented: 12, none: 8, unassessed: 10, covered: 12, work: 12, workShare: 12 },
  compare: { framework: 28, edition: 20, kind: 14, issuer: 24, assessedBy: 28, output: 28, validity: 20, market: 16, aiSpecific: 8, observationPeriod: 18, typicalTimeline: 18, requirementCount: 12, aiShare: 10, securityShare: 10 },
  explain: { path: 6, hop: 6, from: 40, link: 24, strength: 9, to: 40, note: 56 },
  disciplines: { id: 24, name: 28, kind: 10, text: 70, requirements: 12 },
  risks: { id: 24, name: 28, kind: 12, text: 70, requirements: 12 },
  'evidence-catalog': { id: 24, name: 36, text: 70, requirements: 12 },
  requirements: { framework: 14, ref: 12, title: 60, kind: 10, id: 24 },
  evidence: { rank: 6, evidence: 36, description: 60, requirementCount: 12, requirements: 80 },
};

/** Per-framework count columns (`count:<framework>`) of the evidence table are narrow. */
const COUNT_COLUMN_WIDTH = 10;

export function widthHint(table: Table, key: string): number | undefined {
  if (key.startsWith('count:')) return COUNT_COLUMN_WIDTH;
  return WIDTH_HINTS[table.name]?.[key];
}
