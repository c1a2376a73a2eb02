/**
 * The words every rendering uses for the crosswalk's vocabulary: coverage statuses, IR 8477
 * relations, the strength scale, the bases of a judgement, the method and the disclaimer. One module,
 * so the workbook's cover sheet, the HTML page, the Markdown table and the CLI say the same thing.
 * The status labels match the explorer's and the CLI's ("Partial", "New: assessed, nothing found",
 * "Not assessed"); definitions follow docs/SEMANTICS.md and seed/README.md, in our own words.
 */

export interface Term {
  /** The code as it appears in data, CSV and the API (FULL, INTERSECTS_WITH, SEMANTIC). */
  code: string;
  /** The words a reader sees. */
  label: string;
  meaning: string;
}

export const STATUS_TERMS: readonly Term[] = [
  { code: 'FULL', label: 'Full', meaning: 'A held requirement is EQUAL to the target or a SUPERSET_OF it: doing the held one does all of the target.' },
  {
    code: 'PARTIAL',
    label: 'Partial',
    meaning: 'The best link is SUBSET_OF, INTERSECTS_WITH or RELATED: part of the target is done. Several partial links never add up to Full.',
  },
  {
    code: 'NOT_IMPLEMENTED',
    label: 'Not implemented yet',
    meaning: 'Readiness only: held requirements would cover the target, but none of them is implemented yet; the reasons list them.',
  },
  {
    code: 'NONE',
    label: 'New: assessed, nothing found',
    meaning: 'A mapping set between the two frameworks examined the target and found nothing that covers it: the requirement is genuinely new work.',
  },
  {
    code: 'UNASSESSED',
    label: 'Not assessed',
    meaning: 'No mapping set between the two frameworks examined the target: the answer is unknown, not "new".',
  },
];

export const RELATION_TERMS: readonly Term[] = [
  { code: 'EQUAL', label: 'Equal', meaning: 'The two ask for the same thing with the same scope (strength 10).' },
  { code: 'SUBSET_OF', label: 'Subset of', meaning: 'The source asks for less than the target: all of it falls within the target.' },
  { code: 'SUPERSET_OF', label: 'Superset of', meaning: 'The source asks for more than the target: doing it does all of the target.' },
  { code: 'INTERSECTS_WITH', label: 'Intersects with', meaning: 'The two share a part; each asks for something the other does not.' },
  { code: 'RELATED', label: 'Related', meaning: 'A published crosswalk pairs the two without saying how they relate; counted as partial at most.' },
  { code: 'NO_RELATIONSHIP', label: 'No relationship', meaning: 'The pair was examined and nothing was found ("not related to" in NIST IR 8477).' },
];

/** seed/README.md, "Strength and basis": how much of the target the source does. */
export const STRENGTH_TERMS: readonly Term[] = [
  { code: '1-2', label: 'Marginal', meaning: 'One supplies a mechanism, input or precondition for a small part of the other: a pointer, not evidence.' },
  { code: '3-4', label: 'Partial share', meaning: 'A real share, but most of the target is still to do.' },
  { code: '5-6', label: 'Substantial', meaning: 'The same kind of requirement, about half or more of the target met, with clear gaps in scope or depth.' },
  { code: '7-8', label: 'Strong', meaning: 'Most of the target met; what is left is scope or specifics.' },
  { code: '9', label: 'Near-identical', meaning: 'One small difference, typically the subject of the management system.' },
  { code: '10', label: 'Equal', meaning: 'The same requirement with the same scope; only an EQUAL relation has it.' },
];

export const BASIS_TERMS: readonly Term[] = [
  { code: 'SYNTACTIC', label: 'Syntactic', meaning: 'Wording and structure correspond clause by clause (same-numbered harmonized clauses of two ISO management-system standards).' },
  { code: 'SEMANTIC', label: 'Semantic', meaning: 'Both ask for the same kind of thing in different words; differences in subject or scope lower the strength.' },
  { code: 'FUNCTIONAL', label: 'Functional', meaning: 'They ask for different things, but doing one does part of the work of the other (a shared mechanism, input or piece of evidence).' },
];

/** Headings of the glossary's parts, in the order the cover shows them. */
export const GLOSSARY: ReadonlyArray<{ heading: string; terms: readonly Term[] }> = [
  { heading: 'Coverage', terms: STATUS_TERMS },
  { heading: 'Relationship (NIST IR 8477)', terms: RELATION_TERMS },
  { heading: 'Strength (1-10)', terms: STRENGTH_TERMS },
  { heading: 'Basis', terms: BASIS_TERMS },
];

const STATUS_LABEL = new Map(STATUS_TERMS.map((t) => [t.code, t.label]));

/** "Partial" for PARTIAL; anything unknown is shown as it is. */
export function statusLabel(code: string): string {
  return STATUS_LABEL.get(code) ?? code;
}

/** How each table was made, in a few sentences (keyed by the table's name). */
export const METHOD: Readonly<Record<string, string>> = {
  crosswalk:
    'One row per requirement of the target framework and each requirement of the source framework mapped to it. ' +
    'Mappings are curated or published pairs, each with an IR 8477 set relation, a strength, a basis and a note. ' +
    'Coverage is decided by set theory: only Equal or Superset of gives Full; everything else is at most Partial. ' +
    'With inference, a link through a third framework counts only where the composed relation is sound, and its strength is the weaker of the two.',
  gaps:
    'The requirements of the target framework that nothing held covers (New: assessed, nothing found) or that no mapping set examined (Not assessed), most consequential first. ' +
    'Reusable groundwork lists held requirements that address the same disciplines: a head start, never coverage.',
  coverage:
    'One row per requirement of the target framework, with its coverage given the held frameworks and the held requirements that make it so, best first. ' +
    'Coverage is decided by set theory: only Equal or Superset of gives Full; everything else is at most Partial. ' +
    'Not assessed means no mapping set examined the requirement: unknown, never new.',
  roadmap:
    'Each candidate framework\'s coverage by the held frameworks, least work left first. Work left counts a requirement-equivalent per requirement still to do: ' +
    'Full 0, Partial 0.5, Not implemented, New and Not assessed 1 each (unknown counts as work, never as done).',
  compare:
    'Each framework\'s facts as published (issuer, assessment, output, validity, market) beside figures computed from the graph: ' +
    'its leaf requirements, and the share of them that address an AI-specific or a security-specific discipline.',
  explain:
    'The paths that connect two requirements, shortest first, one row per hop: a mapping (its IR 8477 relation, read from the hop\'s first requirement, and strength) ' +
    'or a discipline both requirements address (a shared topic, never coverage).',
  disciplines: 'The disciplines of the Crosswalk catalogue (areas of practice requirements address), each with how many requirements address it. Curated by the Crosswalk project.',
  risks: 'The risks of the Crosswalk catalogue, each with how many requirements help mitigate it. Curated by the Crosswalk project.',
  'evidence-catalog': 'The evidence artefacts of the Crosswalk catalogue, each with how many requirements it helps prove. Curated by the Crosswalk project.',
  requirements: 'The requirements a discipline, risk or evidence artefact of the Crosswalk catalogue involves, framework by framework in catalog order.',
  evidence:
    'Evidence artefacts ordered by how many requirements of the chosen frameworks each helps prove: collect once, reuse across frameworks. ' +
    'The links between artefacts and requirements are curated by the Crosswalk project.',
};

export const DISCLAIMER =
  'A crosswalk is guidance for planning and gap analysis, not an audit opinion, a certification or legal advice: ' +
  'whether a control satisfies a requirement is decided by the organisation and its assessor against the official texts. ' +
  'ISO/IEC and AICPA texts are not reproduced here: requirements are named by their number and heading, and summaries are in our own words. ' +
  'Obtain the standards from their publishers.';

/** What the Sources sheet says about a framework's catalog. */
export const CATALOG_USE = 'Numbers and headings as published; summaries in Crosswalk\'s own words; the standard\'s text is not reproduced.';

/** The evidence plan rests on the project's own evidence catalogue, which has no mapping source record. */
export const EVIDENCE_CATALOGUE = {
  name: 'Crosswalk evidence catalogue (artefacts and the requirements each helps prove)',
  publisher: 'Crosswalk curators',
  licence: 'Crosswalk project data; written by the project\'s curators, no text copied from the standards',
};

/** Working columns a consultant fills in on the crosswalk and gap sheets; a list where one applies. */
export interface WorkingColumn {
  key: string;
  header: string;
  width: number;
  /** Allowed values, offered as a drop-down list. */
  list?: readonly string[];
}

export const IMPLEMENTATION_STATUSES = ['Not started', 'In progress', 'Implemented', 'Not applicable'] as const;

export const WORKING_COLUMNS: readonly WorkingColumn[] = [
  { key: 'work:status', header: 'Implementation status', width: 15, list: IMPLEMENTATION_STATUSES },
  { key: 'work:owner', header: 'Owner', width: 12 },
  { key: 'work:evidence', header: 'Evidence link', width: 18 },
  { key: 'work:comment', header: 'Comment', width: 24 },
];

/** The cover's word on the working columns, where a sheet has them. */
export const WORKING_COLUMNS_NOTE =
  'The last four columns of the crosswalk, coverage and gap sheets are yours to fill in: Implementation status (choose from the list), Owner, Evidence link and Comment.';

/** The tables a consultant works through row by row, and so get the working columns. */
export const WORKED_TABLES: ReadonlySet<string> = new Set(['crosswalk', 'gaps', 'coverage']);
