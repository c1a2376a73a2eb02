import { SCOPE_DIMENSION_NAMES, SCOPE_DIMENSIONS } from '../domain/scope.js';
import { createHash } from 'node:crypto';
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import type {
  CitationGrammar,
  Discipline,
  Evidence,
  Framework,
  GraphData,
  Mapping,
  MappingSet,
  MappingSource,
  NoRelationship,
  Requirement,
  Risk,
} from '../domain/types.js';
import type { z } from 'zod';
import { frameworkIdOf, mappingId, noRelationshipId, requirementId } from '../domain/ids.js';
import { grammarProblems } from '../domain/refs.js';
import { suggestIds } from '../domain/suggest.js';
import { SeedError, type SeedProblem } from './seed-error.js';
import { SeedFile } from './seed-file.js';
import {
  citationsFile,
  disciplinesFile,
  evidenceFile,
  frameworkFile,
  mappingSetFile,
  risksFile,
  sourcesFile,
  type CitationsFile,
  type FrameworkFile,
  type MappingSetFile,
} from './schemas.js';

/** The default seed folder: seed/ at the top of the project. */
export const DEFAULT_SEED_DIR = path.resolve(path.dirname(new URL(import.meta.url).pathname), '../../seed');

interface RawFile {
  /** Path relative to the seed folder, with forward slashes, as problems name it. */
  name: string;
  text: string;
}

/**
 * Reads, validates and assembles seed/ into one GraphData.
 * Collects every problem before failing, so a curator fixes a broken seed in one pass.
 */
export async function loadSeed(seedDir: string = DEFAULT_SEED_DIR): Promise<GraphData> {
  return buildGraph(await readSeedFiles(seedDir));
}

async function readSeedFiles(seedDir: string): Promise<RawFile[]> {
  const names = ['sources.yaml', 'disciplines.yaml', 'risks.yaml', 'evidence.yaml'];
  for (const folder of ['frameworks', 'citations', 'mappings']) {
    const entries = await readdir(path.join(seedDir, folder)).catch(() => [] as string[]);
    names.push(...entries.filter((e) => e.endsWith('.yaml')).sort().map((e) => `${folder}/${e}`));
  }
  const files: RawFile[] = [];
  const problems: SeedProblem[] = [];
  for (const name of names) {
    try {
      files.push({ name, text: await readFile(path.join(seedDir, name), 'utf8') });
    } catch (error) {
      problems.push({ file: name, line: null, entry: '', message: `cannot read: ${(error as Error).message}` });
    }
  }
  if (!names.some((n) => n.startsWith('frameworks/'))) {
    problems.push({ file: 'frameworks/', line: null, entry: '', message: 'no framework files found' });
  }
  if (problems.length > 0) throw new SeedError(problems);
  return files;
}

/** Assembles parsed files into the graph; exported for tests that build seeds in memory. */
export function buildGraph(files: RawFile[]): GraphData {
  const problems: SeedProblem[] = [];
  const parsed = files.map((f) => ({ name: f.name, file: SeedFile.parse(f.name, f.text, problems) }));
  const byName = (name: string) => parsed.find((p) => p.name === name)?.file ?? null;
  const parsedUnder = (folder: string) => parsed.filter((p) => p.name.startsWith(`${folder}/`) && p.file);

  const sources = validated(byName('sources.yaml'), sourcesFile, problems) ?? [];
  const disciplineEntries = validated(byName('disciplines.yaml'), disciplinesFile, problems) ?? [];
  const riskEntries = validated(byName('risks.yaml'), risksFile, problems) ?? [];
  const evidenceEntries = validated(byName('evidence.yaml'), evidenceFile, problems) ?? [];
  const frameworkFiles = parsedUnder('frameworks').map((p) => ({ file: p.file!, data: p.file!.validate(frameworkFile, problems) }));
  const citationFiles = parsedUnder('citations').map((p) => ({ file: p.file!, data: p.file!.validate(citationsFile, problems) }));
  const setFiles = parsedUnder('mappings').map((p) => ({ file: p.file!, data: p.file!.validate(mappingSetFile, problems) }));
  // Shape first, links second: a file that failed its schema would only echo as "unknown id" below.
  if (problems.length > 0) throw new SeedError(problems);

  const graph: GraphData = {
    frameworks: [],
    requirements: [],
    disciplines: [],
    risks: [],
    evidence: [],
    sources: [],
    mappingSets: [],
    mappings: [],
    noRelationships: [],
    addresses: [],
    mitigates: [],
    evidences: [],
    version: datasetVersion(files),
  };

  const sourcesFileDoc = byName('sources.yaml');
  uniqueIds(sources, sourcesFileDoc, problems);
  graph.sources = sources.map((s): MappingSource => ({ ...s, date: s.date ?? null, url: s.url ?? null }));

  const disciplinesDoc = byName('disciplines.yaml');
  uniqueIds(disciplineEntries, disciplinesDoc, problems);
  graph.disciplines = disciplineEntries.map((d): Discipline => ({ ...d }));
  const disciplineIds = new Set(graph.disciplines.map((d) => d.id));

  const risksDoc = byName('risks.yaml');
  uniqueIds(riskEntries, risksDoc, problems);
  riskEntries.forEach((r, i) => {
    if (r.discipline && !disciplineIds.has(r.discipline)) {
      problems.push(risksDoc!.problem([i, 'discipline'], `unknown discipline "${r.discipline}"`, `[${i}] (risk "${r.id}")`));
    }
  });
  graph.risks = riskEntries.map((r): Risk => ({
    id: r.id,
    name: r.name,
    category: r.category,
    description: r.description,
    disciplineId: r.discipline ?? null,
  }));
  const riskIds = new Set(graph.risks.map((r) => r.id));

  const frameworkIds = new Set<string>();
  for (const { file, data } of frameworkFiles) {
    if (!data) continue;
    if (frameworkIds.has(data.id)) {
      problems.push(file.problem(['id'], `duplicate framework id "${data.id}"`));
      continue;
    }
    frameworkIds.add(data.id);
    addFramework(graph, file, data, disciplineIds, riskIds, problems);
  }
  const requirementsById = new Map(graph.requirements.map((r) => [r.id, r]));
  addCitations(graph, citationFiles, problems);

  const evidenceDoc = byName('evidence.yaml');
  uniqueIds(evidenceEntries, evidenceDoc, problems);
  evidenceEntries.forEach((e, i) => {
    graph.evidence.push({ id: e.id, name: e.name, description: e.description } satisfies Evidence);
    const seen = new Set<string>();
    e.evidences.forEach((reqId, j) => {
      const entry = `[${i}].evidences[${j}] (evidence "${e.id}")`;
      const requirement = requirementsById.get(reqId);
      if (!requirement) problems.push(evidenceDoc!.problem([i, 'evidences', j], `unknown requirement "${reqId}"${hint(reqId, requirementsById)}`, entry));
      else if (seen.has(reqId)) problems.push(evidenceDoc!.problem([i, 'evidences', j], `"${reqId}" is listed twice`, entry));
      else graph.evidences.push([e.id, reqId]);
      seen.add(reqId);
    });
  });

  const sourceIds = new Set(graph.sources.map((s) => s.id));
  const setIds = new Set<string>();
  for (const { file, data } of setFiles) {
    if (!data) continue;
    if (setIds.has(data.id)) {
      problems.push(file.problem(['id'], `duplicate mapping set id "${data.id}"`));
      continue;
    }
    setIds.add(data.id);
    addMappingSet(graph, file, data, { frameworkIds, sourceIds, requirementsById }, problems);
  }

  if (problems.length > 0) throw new SeedError(problems);
  return graph;
}

/** Each framework's citation grammar (seed/citations/<id>.yaml), checked to compile, onto its Framework. */
function addCitations(graph: GraphData, files: Array<{ file: SeedFile; data: CitationsFile | null }>, problems: SeedProblem[]): void {
  const seen = new Set<string>();
  for (const { file, data } of files) {
    if (!data) continue;
    const framework = graph.frameworks.find((f) => f.id === data.framework);
    if (!framework) {
      problems.push(file.problem(['framework'], `unknown framework "${data.framework}"`));
      continue;
    }
    if (seen.has(data.framework)) {
      problems.push(file.problem(['framework'], `a second citations file for "${data.framework}"`));
      continue;
    }
    seen.add(data.framework);
    const grammar: CitationGrammar = { names: data.names, forms: data.forms };
    for (const p of grammarProblems(grammar)) problems.push(file.problem(p.path, p.message));
    framework.citations = grammar;
  }
}

function validated<T extends z.ZodType>(file: SeedFile | null, schema: T, problems: SeedProblem[]): z.infer<T> | null {
  return file ? file.validate(schema, problems) : null;
}

function uniqueIds(entries: Array<{ id: string }>, file: SeedFile | null, problems: SeedProblem[]): void {
  const seen = new Set<string>();
  entries.forEach((e, i) => {
    if (seen.has(e.id)) problems.push(file!.problem([i, 'id'], `duplicate id "${e.id}"`, `[${i}]`));
    seen.add(e.id);
  });
}

function addFramework(
  graph: GraphData,
  file: SeedFile,
  data: FrameworkFile,
  disciplineIds: Set<string>,
  riskIds: Set<string>,
  problems: SeedProblem[],
): void {
  const { requirements, ...facts } = data;
  graph.frameworks.push({
    ...facts,
    observationPeriod: facts.observationPeriod ?? null,
    typicalTimeline: facts.typicalTimeline ?? null,
    citations: null,
  } satisfies Framework);

  const refs = new Map<string, number>();
  const parents = new Set(requirements.map((r) => r.parent).filter((p): p is string => !!p));
  const parentsOfNonControls = new Set(requirements.filter((r) => r.kind !== 'CONTROL').map((r) => r.parent).filter((p): p is string => !!p));
  requirements.forEach((r, i) => {
    const entry = `requirements[${i}] (ref "${r.ref}")`;
    const at = (...p: Array<string | number>) => ['requirements', i, ...p];
    if (refs.has(r.ref)) problems.push(file.problem(at('ref'), `duplicate ref "${r.ref}" (first at requirements[${refs.get(r.ref)}])`, entry));
    refs.set(r.ref, i);
  });
  requirements.forEach((r, i) => {
    const entry = `requirements[${i}] (ref "${r.ref}")`;
    const at = (...p: Array<string | number>) => ['requirements', i, ...p];
    if (r.parent !== undefined) {
      const parentIndex = refs.get(r.parent);
      if (parentIndex === undefined) problems.push(file.problem(at('parent'), `unknown parent "${r.parent}"`, entry));
      else if (parentIndex >= i) problems.push(file.problem(at('parent'), `parent "${r.parent}" must come before its children`, entry));
    }
    const hasChildren = parents.has(r.ref);
    // A CONTROL may have CONTROL children: an SP 800-53 base control is a requirement in its own
    // right, and its enhancements add to it. Anything else with children is a GROUP.
    const refinedByControls = r.kind === 'CONTROL' && !parentsOfNonControls.has(r.ref);
    if (hasChildren && r.kind !== 'GROUP' && !refinedByControls) problems.push(file.problem(at('kind'), `has children, so kind must be GROUP (got ${r.kind})`, entry));
    if (!hasChildren && r.kind === 'GROUP') problems.push(file.problem(at('kind'), 'kind GROUP needs at least one child requirement', entry));
    if (r.kind === 'GROUP' && (r.disciplines?.length || r.risks?.length)) {
      problems.push(file.problem(at('kind'), 'a GROUP carries no disciplines or risks; put them on its requirements', entry));
    }
    const id = requirementId(data.id, r.ref);
    graph.requirements.push({
      id,
      frameworkId: data.id,
      ref: r.ref,
      title: r.title,
      summary: r.summary,
      kind: r.kind,
      parentId: r.parent === undefined ? null : requirementId(data.id, r.parent),
      tags: r.tags ?? [],
      position: i,
    } satisfies Requirement);
    linkAll(r.disciplines ?? [], disciplineIds, 'discipline', at('disciplines'), entry, file, problems, (d) => graph.addresses.push([id, d]));
    linkAll(r.risks ?? [], riskIds, 'risk', at('risks'), entry, file, problems, (k) => graph.mitigates.push([id, k]));
  });
}

function linkAll(
  targets: string[],
  known: Set<string>,
  what: string,
  path: Array<string | number>,
  entry: string,
  file: SeedFile,
  problems: SeedProblem[],
  add: (target: string) => void,
): void {
  const seen = new Set<string>();
  targets.forEach((target, j) => {
    if (!known.has(target)) problems.push(file.problem([...path, j], `unknown ${what} "${target}"`, entry));
    else if (seen.has(target)) problems.push(file.problem([...path, j], `${what} "${target}" is listed twice`, entry));
    else add(target);
    seen.add(target);
  });
}

interface Known {
  frameworkIds: Set<string>;
  sourceIds: Set<string>;
  requirementsById: Map<string, Requirement>;
}

function addMappingSet(graph: GraphData, file: SeedFile, data: MappingSetFile, known: Known, problems: SeedProblem[]): void {
  const before = problems.length;
  if (!known.sourceIds.has(data.source)) problems.push(file.problem(['source'], `unknown mapping source "${data.source}"`));
  for (const side of ['from', 'to'] as const) {
    if (!known.frameworkIds.has(data[side])) problems.push(file.problem([side], `unknown framework "${data[side]}"`));
  }
  if (data.from === data.to) problems.push(file.problem(['to'], 'a mapping set joins two different frameworks'));
  if (data.id !== `${data.from}--${data.to}`) problems.push(file.problem(['id'], `id must be "${data.from}--${data.to}"`));
  if (problems.length > before) return;

  const set: MappingSet = {
    id: data.id,
    name: data.name,
    sourceId: data.source,
    fromFrameworkId: data.from,
    toFrameworkId: data.to,
    comprehensive: data.comprehensive.map((c) => ({ side: c.side, tag: c.tag ?? null })),
    description: data.description,
  };
  graph.mappingSets.push(set);

  const leaf = (frameworkId: string, ref: string, path: Array<string | number>, entry: string): string | null => {
    const id = requirementId(frameworkId, ref);
    const requirement = known.requirementsById.get(id);
    if (!requirement) problems.push(file.problem(path, `unknown requirement "${id}"${hint(id, known.requirementsById)}`, entry));
    else if (requirement.kind === 'GROUP') problems.push(file.problem(path, `"${id}" is a GROUP; map its requirements instead`, entry));
    else return id;
    return null;
  };

  const pairs = new Map<string, number>();
  const mapped = new Set<string>();
  data.mappings.forEach((m, i) => {
    const entry = `mappings[${i}] (${m.from} -> ${m.to})`;
    const at = (...p: Array<string | number>) => ['mappings', i, ...p];
    const fromId = leaf(data.from, m.from, at('from'), entry);
    const toId = leaf(data.to, m.to, at('to'), entry);
    if (m.relationship === 'EQUAL' && m.strength !== 10) problems.push(file.problem(at('strength'), 'an EQUAL mapping has strength 10', entry));
    if (m.relationship !== 'EQUAL' && m.strength === 10) problems.push(file.problem(at('strength'), 'strength 10 is reserved for EQUAL', entry));
    if (m.relationship !== 'RELATED' && (m.strength === null || m.rationale === null || m.note === null)) {
      problems.push(file.problem(at('relationship'), `a ${m.relationship} mapping needs a strength, a rationale and a note`, entry));
    }
    for (const dimension of SCOPE_DIMENSION_NAMES) {
      const owner = SCOPE_DIMENSIONS[dimension].frameworkId;
      if (m.condition?.[dimension] && owner !== data.from && owner !== data.to) {
        problems.push(file.problem(at('condition', dimension), `a condition on ${dimension} is about ${owner}, which this set does not map`, entry));
      }
    }
    if (!fromId || !toId) return;
    const key = `${fromId}|${toId}`;
    if (pairs.has(key)) {
      problems.push(file.problem(at('to'), `duplicate pair (first at mappings[${pairs.get(key)}])`, entry));
      return;
    }
    pairs.set(key, i);
    mapped.add(fromId).add(toId);
    graph.mappings.push({
      id: mappingId(data.id, fromId, toId),
      setId: data.id,
      sourceId: data.source,
      fromId,
      toId,
      relationship: m.relationship,
      strength: m.strength,
      rationale: m.rationale,
      note: m.note,
      condition: m.condition ?? null,
    } satisfies Mapping);
  });

  const examined = new Set<string>();
  data.noRelationship.forEach((n, i) => {
    const entry = `noRelationship[${i}] (${n.side} ${n.ref})`;
    const id = leaf(n.side === 'from' ? data.from : data.to, n.ref, ['noRelationship', i, 'ref'], entry);
    if (!id) return;
    if (mapped.has(id)) problems.push(file.problem(['noRelationship', i, 'ref'], `"${id}" also has mappings in this set`, entry));
    else if (examined.has(id)) problems.push(file.problem(['noRelationship', i, 'ref'], `"${id}" is recorded twice`, entry));
    else {
      examined.add(id);
      graph.noRelationships.push({
        id: noRelationshipId(data.id, id),
        setId: data.id,
        sourceId: data.source,
        requirementId: id,
        side: n.side,
        reason: n.reason,
      } satisfies NoRelationship);
    }
  });
}

/** " (did you mean ...?)" for an unknown requirement id, from the same framework. */
function hint(id: string, requirementsById: Map<string, Requirement>): string {
  const framework = frameworkIdOf(id);
  const near = suggestIds(id, [...requirementsById.keys()].filter((k) => !framework || frameworkIdOf(k) === framework), 3);
  return near.length > 0 ? ` (did you mean ${near.map((n) => `"${n}"`).join(', ')}?)` : '';
}

/** A hash of every seed file's name and bytes: the dataset version the API reports and caches against. */
function datasetVersion(files: RawFile[]): string {
  const hash = createHash('sha256');
  for (const f of [...files].sort((a, b) => a.name.localeCompare(b.name))) hash.update(f.name).update('\0').update(f.text).update('\0');
  return hash.digest('hex').slice(0, 16);
}
