import { z } from 'zod';
import { FRAMEWORK_KINDS, type RequirementKind } from '../domain/types.js';

/**
 * An OSCAL 1.x catalog (JSON) as a seed framework: groups and controls become requirements in
 * catalog order. Pure: the CLI verb `crosswalk import-oscal-catalog` reads the files and writes the
 * YAML. Three inputs, of which only the catalog is required:
 *
 * - the catalog: ids, official titles, statements (as short summaries), order (prop sort-id),
 *   withdrawn status (prop status=withdrawn: left out), classes (tags);
 * - a supplement, a checked reference list in the project's `reference/` format (items with id,
 *   type, parent, title, withdrawn, baselines, statement): titles for items the catalog leaves
 *   untitled (CSF subcategories are titled with their own label), baseline tags, and the live items a
 *   partial catalog lacks (the SP 800-53 HIGH baseline holds 370 of the 1,007 live controls);
 * - an overlay (`seed/overlays/<id>.yaml`): the framework's facts, a provenance note for the file's
 *   header, and the hand-picked disciplines and risks by ref. A leaf without an entry of its own takes
 *   the entry of its nearest ancestor that has one (an enhancement its base control's, a control its
 *   family's), so the overlay says what it decides once.
 *
 * Kinds: a requirement whose children are enhancements (SP 800-53: a base control with its
 * enhancements) is a CONTROL, since the base control is a requirement in its own right that the
 * enhancements add to; any other requirement with children is a GROUP; the rest are CONTROLs.
 */

export class OscalCatalogError extends Error {}

// --- The shape of an OSCAL catalog, as far as the import reads it (other fields pass through). ---

const prop = z.looseObject({ name: z.string(), value: z.string(), ns: z.string().optional(), class: z.string().optional() });
interface Part {
  id?: string | undefined;
  name: string;
  prose?: string | undefined;
  props?: Array<z.infer<typeof prop>> | undefined;
  parts?: Part[] | undefined;
}
const part: z.ZodType<Part> = z.lazy(() =>
  z.looseObject({ id: z.string().optional(), name: z.string(), prose: z.string().optional(), props: z.array(prop).optional(), parts: z.array(part).optional() }),
);
const param = z.looseObject({
  id: z.string(),
  label: z.string().optional(),
  select: z.looseObject({ 'how-many': z.string().optional(), choice: z.array(z.string()).optional() }).optional(),
});
interface Control {
  id: string;
  class?: string | undefined;
  title: string;
  props?: Array<z.infer<typeof prop>> | undefined;
  parts?: Part[] | undefined;
  params?: Array<z.infer<typeof param>> | undefined;
  controls?: Control[] | undefined;
}
const control: z.ZodType<Control> = z.lazy(() =>
  z.looseObject({
    id: z.string(),
    class: z.string().optional(),
    title: z.string(),
    props: z.array(prop).optional(),
    parts: z.array(part).optional(),
    params: z.array(param).optional(),
    controls: z.array(control).optional(),
  }),
);
interface Group extends Omit<Control, 'controls'> {
  groups?: Group[] | undefined;
  controls?: Control[] | undefined;
}
const group: z.ZodType<Group> = z.lazy(() =>
  z.looseObject({
    id: z.string(),
    class: z.string().optional(),
    title: z.string(),
    props: z.array(prop).optional(),
    parts: z.array(part).optional(),
    params: z.array(param).optional(),
    groups: z.array(group).optional(),
    controls: z.array(control).optional(),
  }),
);
const catalogDocument = z.looseObject({
  catalog: z.looseObject({
    uuid: z.string(),
    metadata: z.looseObject({ title: z.string(), version: z.string(), 'oscal-version': z.string(), 'last-modified': z.string().optional() }),
    params: z.array(param).optional(),
    groups: z.array(group).optional(),
    controls: z.array(control).optional(),
  }),
});
export type OscalCatalog = z.infer<typeof catalogDocument>['catalog'];

// --- The supplement: a reference list (reference/nist-*.json). ---

const supplementDocument = z.looseObject({
  items: z.array(
    z.looseObject({
      id: z.string(),
      type: z.string(),
      parent: z.string().optional(),
      title: z.string(),
      title_paraphrased: z.boolean().optional(),
      withdrawn: z.boolean().optional(),
      baselines: z.array(z.string()).optional(),
      statement: z.string().optional(),
    }),
  ),
});
export type Supplement = z.infer<typeof supplementDocument>;

// --- The overlay: facts, provenance and hand-picked disciplines and risks. ---

const text = z.string().trim().min(1);
const slug = z.string().regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, 'must be a lowercase slug');
const overlayDocument = z.strictObject({
  framework: z.strictObject({
    name: text,
    shortName: text,
    edition: text,
    kind: z.enum(FRAMEWORK_KINDS),
    issuer: text,
    assessedBy: text,
    output: text,
    validity: text,
    market: text,
    aiSpecific: z.boolean(),
    observationPeriod: text.optional(),
    typicalTimeline: text.optional(),
    summary: text,
  }),
  provenance: text,
  requirements: z.record(z.string(), z.strictObject({ disciplines: z.array(slug).optional(), risks: z.array(slug).optional() })),
});
export type Overlay = z.infer<typeof overlayDocument>;

/** One requirement of the framework file, keys in the order seed/README.md gives them. */
export interface ImportedRequirement {
  ref: string;
  title: string;
  kind: RequirementKind;
  parent?: string;
  tags?: string[];
  summary: string;
  disciplines?: string[];
  risks?: string[];
}

export interface ImportedFramework {
  header: string;
  framework: Record<string, unknown> & { id: string; requirements: ImportedRequirement[] };
  /** What the import decided, for the verb to print: counts and the items taken from the supplement. */
  report: { fromCatalog: number; fromSupplement: number; withdrawnLeftOut: number; untitledFromSupplement: number };
}

/** `catalog.groups[3].controls[7]: missing id`: the first problems zod found, located in the document. */
function located(error: z.ZodError, root?: string): string {
  const lines = error.issues.slice(0, 5).map((issue) => {
    const path = root === undefined ? [...issue.path] : [root, ...issue.path];
    const last = path[path.length - 1];
    const missing = issue.code === 'invalid_type' && /received undefined/.test(issue.message);
    const where = (missing ? path.slice(0, -1) : path).reduce<string>((at, key, i) => (i === 0 ? String(key) : typeof key === 'number' ? `${at}[${key}]` : `${at}.${String(key)}`), '');
    return missing ? `${where}: missing ${String(last)}` : `${where}: ${issue.message}`;
  });
  const more = error.issues.length > 5 ? ` (and ${error.issues.length - 5} more)` : '';
  return `${lines.join('; ')}${more}`;
}

export function parseOscalCatalog(document: unknown): OscalCatalog {
  if (typeof document !== 'object' || document === null || !('catalog' in document)) {
    throw new OscalCatalogError('not an OSCAL catalog: the document has no "catalog" object');
  }
  const parsed = catalogDocument.safeParse(document);
  if (!parsed.success) throw new OscalCatalogError(`not a valid OSCAL catalog: ${located(parsed.error)}`);
  return parsed.data.catalog;
}

export function parseSupplement(document: unknown): Supplement {
  const parsed = supplementDocument.safeParse(document);
  if (!parsed.success) throw new OscalCatalogError(`not a reference list: ${located(parsed.error, 'reference')}`);
  return parsed.data;
}

export function parseOverlay(document: unknown): Overlay {
  const parsed = overlayDocument.safeParse(document);
  if (!parsed.success) throw new OscalCatalogError(`not a valid overlay: ${located(parsed.error, 'overlay')}`);
  return parsed.data;
}

/**
 * The ref as the framework prints it, from an OSCAL id. SP 800-53's ids are lower case ("ac",
 * "ac-2", "ac-2.1"); NIST prints "AC", "AC-2", "AC-2(1)". Other ids (CSF's "GV.OC-01") are kept.
 */
export function refFromOscalId(id: string): string {
  const sp80053 = /^([a-z]{2})(?:-(\d+)(?:\.(\d+))?)?$/.exec(id);
  if (!sp80053) return id;
  const [, family, control, enhancement] = sp80053;
  return `${family!.toUpperCase()}${control ? `-${control}` : ''}${enhancement ? `(${enhancement})` : ''}`;
}

/** NIST's sort-id for an SP 800-53 ref ("AC-2(1)" -> "ac-02.01"), for items the catalog lacks. */
export function sortIdOfRef(ref: string): string | null {
  const m = /^([A-Z]{2})(?:-(\d+)(?:\((\d+)\))?)?$/.exec(ref);
  if (!m) return null;
  const pad = (n: string) => n.padStart(2, '0');
  return `${m[1]!.toLowerCase()}${m[2] ? `-${pad(m[2])}` : ''}${m[3] ? `.${pad(m[3])}` : ''}`;
}

/** The catalog's text with parameters written as NIST prints them. */
function proseWithParams(prose: string, params: ReadonlyMap<string, z.infer<typeof param>>, depth = 0): string {
  return prose.replace(/\{\{\s*insert:\s*param,\s*([^}\s]+)\s*\}\}/g, (_m, id: string) => {
    const p = params.get(id);
    if (!p || depth > 3) return '[Assignment: organization-defined value]';
    if (p.select?.choice?.length) {
      const how = p.select['how-many'] === 'one-or-more' ? 'Selection (one or more)' : 'Selection';
      return `[${how}: ${p.select.choice.map((c) => proseWithParams(c, params, depth + 1)).join('; ')}]`;
    }
    return `[Assignment: ${p.label ? proseWithParams(p.label, params, depth + 1) : 'organization-defined value'}]`;
  });
}

/** A part's text and its items', labels kept ("a. ... b. ..."). */
function flatten(p: Part, params: ReadonlyMap<string, z.infer<typeof param>>): string {
  const label = p.props?.find((x) => x.name === 'label')?.value;
  const own = p.prose ? proseWithParams(p.prose, params) : '';
  const children = (p.parts ?? []).filter((c) => c.name === 'item').map((c) => flatten(c, params));
  return [label && own ? `${label} ${own}` : own, ...children].filter(Boolean).join(' ');
}

const SUMMARY_LIMIT = 240;

/** A short summary: the statement, whitespace collapsed, cut at a word before the limit. */
export function shortSummary(statement: string): string {
  const flat = statement.replace(/\*\*/g, '').replace(/\s+/g, ' ').trim();
  if (flat.length <= SUMMARY_LIMIT) return flat;
  const cut = flat.slice(0, SUMMARY_LIMIT - 1);
  return `${cut.slice(0, cut.lastIndexOf(' ')).replace(/[\s,;:]+$/, '')}…`;
}

interface Node {
  ref: string;
  title: string;
  statement: string;
  classTag: string | null;
  sortKey: string | null;
  isEnhancement: boolean;
  children: Node[];
  parent: Node | null;
  fromSupplement: boolean;
}

const withdrawn = (item: { props?: Array<z.infer<typeof prop>> | undefined }) => item.props?.some((p) => p.name === 'status' && p.value === 'withdrawn') ?? false;

export interface ImportOptions {
  framework: string;
  name?: string;
  supplement?: Supplement;
  overlay?: Overlay;
  /** The input file names for the header (not their paths, so the output does not depend on where it ran). */
  inputs: string[];
}

export function importOscalCatalog(catalog: OscalCatalog, options: ImportOptions): ImportedFramework {
  const params = new Map<string, z.infer<typeof param>>();
  const report = { fromCatalog: 0, fromSupplement: 0, withdrawnLeftOut: 0, untitledFromSupplement: 0 };
  const byRef = new Map<string, Node>();
  const supplementById = new Map((options.supplement?.items ?? []).map((i) => [i.id, i]));

  const collectParams = (item: { params?: Array<z.infer<typeof param>> | undefined; controls?: Control[] | undefined; groups?: Group[] | undefined }) => {
    for (const p of item.params ?? []) params.set(p.id, p);
    for (const c of item.controls ?? []) collectParams(c);
    for (const g of item.groups ?? []) collectParams(g);
  };
  for (const p of catalog.params ?? []) params.set(p.id, p);
  for (const g of catalog.groups ?? []) collectParams(g);
  for (const c of catalog.controls ?? []) collectParams(c);

  const visit = (item: Group | Control, parent: Node | null, out: Node[]) => {
    if (withdrawn(item)) {
      report.withdrawnLeftOut += 1 + countAll(item);
      return;
    }
    const ref = refFromOscalId(item.id);
    if (byRef.has(ref)) throw new OscalCatalogError(`catalog: the id "${item.id}" (ref "${ref}") appears twice`);
    const statementPart = item.parts?.find((p) => p.name === 'statement') ?? item.parts?.find((p) => p.name === 'overview');
    const node: Node = {
      ref,
      title: item.title,
      statement: statementPart ? flatten(statementPart, params) : '',
      classTag: classTagOf(item.class),
      sortKey: item.props?.find((p) => p.name === 'sort-id')?.value ?? sortIdOfRef(ref),
      isEnhancement: /enhancement$/i.test(item.class ?? ''),
      children: [],
      parent,
      fromSupplement: false,
    };
    byRef.set(ref, node);
    report.fromCatalog++;
    out.push(node);
    for (const g of 'groups' in item ? (item.groups ?? []) : []) visit(g, node, node.children);
    for (const c of item.controls ?? []) visit(c, node, node.children);
  };
  const roots: Node[] = [];
  for (const g of catalog.groups ?? []) visit(g, null, roots);
  for (const c of catalog.controls ?? []) visit(c, null, roots);

  // The live items the catalog lacks, from the supplement, under their parents.
  for (const item of options.supplement?.items ?? []) {
    if (item.withdrawn || byRef.has(item.id)) continue;
    const parent = item.parent === undefined ? null : byRef.get(item.parent);
    if (parent === undefined) throw new OscalCatalogError(`reference: item "${item.id}" names the parent "${item.parent}", which is neither in the catalog nor earlier in the list`);
    const node: Node = {
      ref: item.id,
      title: item.title,
      statement: item.statement ?? '',
      classTag: item.type,
      sortKey: sortIdOfRef(item.id),
      isEnhancement: item.type === 'enhancement',
      children: [],
      parent,
      fromSupplement: true,
    };
    byRef.set(item.id, node);
    report.fromSupplement++;
    (parent?.children ?? roots).push(node);
  }

  const requirements: ImportedRequirement[] = [];
  const overlayEntries = options.overlay?.requirements ?? {};
  for (const ref of Object.keys(overlayEntries)) {
    if (!byRef.has(ref)) throw new OscalCatalogError(`overlay: requirements."${ref}" is not a requirement of the catalog`);
  }
  const picked = (node: Node): { disciplines?: string[]; risks?: string[] } => {
    for (let at: Node | null = node; at; at = at.parent) {
      const entry = overlayEntries[at.ref];
      if (entry) return entry;
    }
    return {};
  };
  const emit = (nodes: Node[]) => {
    for (const node of sortSiblings(nodes)) {
      const supplementItem = supplementById.get(node.ref);
      const untitled = node.title.trim() === '' || node.title === node.ref;
      let title = node.title;
      if (untitled && supplementItem) {
        title = supplementItem.title;
        report.untitledFromSupplement++;
      }
      const kind: RequirementKind = node.children.length === 0 || node.children.every((c) => c.isEnhancement) ? 'CONTROL' : 'GROUP';
      const tags = [...(supplementItem?.baselines ?? []), ...(node.classTag ? [node.classTag] : [])];
      const summary = shortSummary(node.statement || supplementItem?.statement || groupSummary(node, title));
      const { disciplines, risks } = kind === 'GROUP' ? {} : picked(node);
      requirements.push({
        ref: node.ref,
        title,
        kind,
        ...(node.parent ? { parent: node.parent.ref } : {}),
        ...(tags.length > 0 ? { tags } : {}),
        summary,
        ...(disciplines?.length ? { disciplines: [...disciplines] } : {}),
        ...(risks?.length ? { risks: [...risks] } : {}),
      });
      emit(node.children);
    }
  };
  emit(roots);
  if (requirements.length === 0) throw new OscalCatalogError('catalog: no live groups or controls to import');

  const facts = options.overlay?.framework;
  const framework = {
    id: options.framework,
    name: options.name ?? facts?.name ?? catalog.metadata.title,
    ...(facts ? withoutName(facts) : placeholderFacts(catalog)),
    requirements,
  };
  const header = [
    `${framework.name}: generated by \`crosswalk import-oscal-catalog\` from ${options.inputs.join(', ')}.`,
    'Do not edit by hand: change the overlay (seed/overlays/) and re-run the import; test/seed/oscal-catalog-import.test.ts checks that it reproduces this file.',
    ...(options.overlay ? options.overlay.provenance.trim().split('\n') : []),
  ];
  return { header: header.map((l) => `# ${l}`.trimEnd()).join('\n'), framework, report };
}

function withoutName(facts: Overlay['framework']): Omit<Overlay['framework'], 'name'> {
  const { name: _name, ...rest } = facts;
  return rest;
}

/** Facts the catalog cannot give, marked so nobody mistakes them for data; an overlay supplies them. */
function placeholderFacts(catalog: OscalCatalog): Omit<Overlay['framework'], 'name'> {
  const unknown = 'not stated (give the facts in an overlay)';
  return {
    shortName: catalog.metadata.title,
    edition: `version ${catalog.metadata.version}`,
    kind: 'GUIDANCE',
    issuer: unknown,
    assessedBy: unknown,
    output: unknown,
    validity: unknown,
    market: unknown,
    aiSpecific: false,
    summary: catalog.metadata.title,
  };
}

/** For a group with no text of its own (an SP 800-53 family): what it holds, "Family AC, Access Control: 25 controls and 122 enhancements." */
function groupSummary(node: Node, title: string): string {
  const what = node.classTag ? node.classTag[0]!.toUpperCase() + node.classTag.slice(1) : 'Group';
  const direct = node.children.length;
  const enhancements = node.children.reduce((n, c) => n + c.children.filter((g) => g.isEnhancement).length, 0);
  if (direct === 0) return `${what} ${node.ref}, ${title}.`;
  return `${what} ${node.ref}, ${title}: ${direct} controls${enhancements ? ` and ${enhancements} enhancements` : ''}.`;
}

/**
 * A tag from an OSCAL class, in the reference lists' words: SP 800-53 classes its controls
 * "SP800-53" and "SP800-53-enhancement", which read as "control" and "enhancement"; CSF's classes
 * (function, category, subcategory) are kept.
 */
function classTagOf(oscalClass: string | undefined): string | null {
  if (!oscalClass) return null;
  if (/enhancement$/i.test(oscalClass)) return 'enhancement';
  if (/^SP\d/.test(oscalClass)) return 'control';
  return oscalClass;
}

function countAll(item: Group | Control): number {
  const nested = [...('groups' in item ? (item.groups ?? []) : []), ...(item.controls ?? [])];
  return nested.reduce((n, c) => n + 1 + countAll(c), 0);
}

/** Siblings by sort key where every one has a key; otherwise as listed (a stable sort keeps ties, such as CSF's repeated sort-id, in catalog order). */
function sortSiblings(nodes: Node[]): Node[] {
  if (!nodes.every((n) => n.sortKey !== null)) return nodes;
  return [...nodes].sort((a, b) => (a.sortKey! < b.sortKey! ? -1 : a.sortKey! > b.sortKey! ? 1 : 0));
}
