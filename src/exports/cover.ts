import type { Table } from '../analysis/tables.js';
import { CATALOG_USE, DISCLAIMER, EVIDENCE_CATALOGUE, GLOSSARY, METHOD } from './glossary.js';

/**
 * What a reader needs before the rows: which frameworks (editions, issuers), which dataset, when,
 * how the table was made, what its words mean and what it is not. The workbook's cover sheet and
 * the HTML page's first section both render this; the Sources list is built here too.
 */

/** Facts from outside the tables: the dataset version and the moment of generation (injected, so tests fix it). */
export interface CoverContext {
  datasetVersion: string;
  generatedAt: Date;
}

export interface Cover {
  title: string;
  facts: Array<[label: string, value: string]>;
  frameworks: Array<{ name: string; edition: string; issuer: string }>;
  method: string[];
  glossary: typeof GLOSSARY;
  disclaimer: string;
}

export function coverOf(tables: readonly Table[], context: CoverContext): Cover {
  const frameworks = [...new Map(tables.flatMap((t) => t.frameworks).map((f) => [f.id, f])).values()];
  return {
    title: tables.map((t) => t.title).join('; '),
    facts: [
      ['Generated', generatedOn(context.generatedAt)],
      ['Dataset version', context.datasetVersion],
      ['Produced by', 'Crosswalk (compliance crosswalk knowledge graph)'],
    ],
    frameworks: frameworks.map((f) => ({ name: f.name, edition: f.edition, issuer: f.issuer })),
    method: [...new Set(tables.map((t) => METHOD[t.name]).filter((m): m is string => !!m))],
    glossary: GLOSSARY,
    disclaimer: DISCLAIMER,
  };
}

/** "2026-11-28 16:45 UTC": a date a client reads the same anywhere. */
export function generatedOn(at: Date): string {
  return `${at.toISOString().slice(0, 10)} ${at.toISOString().slice(11, 16)} UTC`;
}

export interface SourceRow {
  kind: string;
  name: string;
  publisher: string;
  /** The framework's edition or the source's date. */
  edition: string | null;
  url: string | null;
  licence: string;
}

/**
 * Everything the rows rest on: the framework catalogs, the mapping sources used, and the evidence
 * catalogue wherever a table names evidence (the evidence plan, the gap list's "Evidence needed").
 */
export function sourceRowsOf(tables: readonly Table[]): SourceRow[] {
  const frameworks = [...new Map(tables.flatMap((t) => t.frameworks).map((f) => [f.id, f])).values()];
  const sources = [...new Map(tables.flatMap((t) => t.sources).map((s) => [s.id, s])).values()];
  return [
    ...frameworks.map((f) => ({ kind: 'Framework catalog', name: f.name, publisher: f.issuer, edition: f.edition, url: null, licence: CATALOG_USE })),
    ...sources.map((s) => ({ kind: 'Mapping source', name: s.name, publisher: s.publisher, edition: s.date, url: s.url, licence: s.licence })),
    ...(tables.some((t) => t.name === 'evidence' || t.columns.some((c) => c.key === 'evidence'))
      ? [{ kind: 'Evidence catalogue', name: EVIDENCE_CATALOGUE.name, publisher: EVIDENCE_CATALOGUE.publisher, edition: null, url: null, licence: EVIDENCE_CATALOGUE.licence }]
      : []),
  ];
}
