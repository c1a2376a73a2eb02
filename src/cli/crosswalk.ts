import { writeFile, readFile } from 'node:fs/promises';
import { parseArgs, type ParseArgsConfig } from 'node:util';
import { Document, isScalar, parse as parseYaml, stringify, visit } from 'yaml';
import path from 'node:path';
import { queryCoverage } from '../analysis/coverage-query.js';
import { readMappingSet } from '../analysis/mapping-set-contents.js';
import { coverageRequestProblems, crosswalkRequestProblems, frameworkListProblems, roadmapRequestProblems, scopeProblems, toHeldScope, type ArgumentName, type RequestProblem } from '../analysis/request-checks.js';
import { compareTable, coverageTable, crosswalkTable, evidenceTable, gapTable, heldNames, roadmapTable, type Table } from '../analysis/tables.js';
import type { HeldScope } from '../domain/scope.js';
import { HeldOptionError, parseHeldOption } from '../analysis/held-option.js';
import { createStore } from '../bootstrap.js';
import { readConfig } from '../config.js';
import { ErrorCode } from '../domain/error-codes.js';
import { StoreUnavailableError, type GraphStore } from '../domain/graph-store.js';
import type { Framework, RequirementKind } from '../domain/types.js';
import { frameworkBySpelling } from '../domain/framework-names.js';
import type { CoverContext } from '../exports/cover.js';
import { STATUS_TERMS } from '../exports/glossary.js';
import { fromOscal, OscalExportError, OscalImportError, toOscal } from '../exports/oscal.js';
import { toCsv, toHtml, toMarkdown } from '../exports/text.js';
import { toXlsx } from '../exports/xlsx.js';
import { SeedError } from '../seed/seed-error.js';
import { importOscalCatalog, OscalCatalogError, parseOscalCatalog, parseOverlay, parseSupplement } from '../seed/oscal-catalog.js';
import { importReferencePairs, ReferencePairsError } from '../seed/reference-pairs.js';
import { KeyRequestError, KeyStore } from '../workspace/key-store.js';
import { bar } from './bar.js';
import { CliError } from './cli-error.js';
import { keysCommand } from './keys.js';

/**
 * `crosswalk`: the consultant's tables from the command line, on the embedded store or on Neo4j
 * (NEO4J_URI). Every bad argument is one line on stderr and a non-zero exit, never a stack trace.
 */


/** Exit codes by error code: bad input 2 (usage), an unreachable store and anything else 1. */
const EXIT_CODES: Partial<Record<ErrorCode, number>> = { [ErrorCode.BAD_USER_INPUT]: 2, [ErrorCode.SERVICE_UNAVAILABLE]: 1 };

function exitCodeOf(error: unknown): number {
  const code = (error as { code?: unknown })?.code;
  return (typeof code === 'string' ? EXIT_CODES[code as ErrorCode] : undefined) ?? 1;
}

const FORMATS = ['csv', 'md', 'xlsx', 'html'] as const;
type Format = (typeof FORMATS)[number] | 'oscal';

const HELP: Record<string, string> = {
  main: `crosswalk: compliance crosswalk tables from the Crosswalk knowledge graph

Usage: crosswalk <verb> [options]      (crosswalk <verb> --help for each verb)

Verbs:
  table      one row per target requirement and its links (CSV, Markdown, XLSX, HTML, OSCAL)
  gaps       what is genuinely new in a target framework given the ones held
  evidence   evidence to collect once and reuse across frameworks
  roadmap    which framework next: each candidate's coverage by the held ones, least work first
  compare    frameworks side by side: their facts and figures from the graph
  coverage   a terminal summary: totals and a bar per group (or, with --format, one row per requirement)
  import-oscal  turn an OSCAL mapping-collection into a seed mapping set
  import-oscal-catalog  turn an OSCAL catalog into a seed framework file
  import-reference-pairs  turn a reference list of id pairs (reference/mappings/) into a RELATED mapping set
  keys       API keys of the data directory: create, list, revoke

Works on the embedded graph in seed/, or on Neo4j when NEO4J_URI is set.`,
  table: `crosswalk table --from <framework>[:<scope>] --to <framework> [--kind CLAUSE|CONTROL] [--inferred] --format csv|md|xlsx|html|oscal [-o FILE]

  One row per requirement of --to and each requirement of --from that maps to it: target ref and
  title, coverage status, source ref and title, relationship, strength, basis, note, mapping source.
  --format oscal exports the mapping set between the two as an OSCAL 1.2 mapping-collection.
  --from soc2:SECURITY,AVAILABILITY counts only the criteria of those categories (see gaps --help).
  xlsx and html open with a cover (frameworks, dataset version, date, method, glossary, disclaimer)
  and print landscape, one page wide; the workbook adds working columns (implementation status,
  owner, evidence link, comment) to fill in. Writes to stdout unless -o is given (xlsx needs -o).`,
  gaps: `crosswalk gaps --target <framework> --held <framework>[:<scope>][,<framework>...] [--kind CLAUSE|CONTROL] [--inferred] --format csv|md|xlsx|html [-o FILE]

  The requirements of --target that nothing held covers (NONE) or that no mapping set assessed
  (UNASSESSED), most consequential first, with disciplines, risks and the evidence they need.

  A held framework may carry its scope after ":", the values running on through the commas until
  the next framework: --held soc2:SECURITY,AVAILABILITY,iso27001 holds SOC 2 for Security and
  Availability (SECURITY is required) and ISO 27001 whole; --held eu-ai-act:DEPLOYER,HIGH_RISK holds
  the AI Act as a deployer of high-risk systems. SOC 2 categories: SECURITY, AVAILABILITY,
  PROCESSING_INTEGRITY, CONFIDENTIALITY, PRIVACY. AI Act roles: PROVIDER, DEPLOYER, IMPORTER,
  DISTRIBUTOR, GPAI_PROVIDER; risk classes: HIGH_RISK, LIMITED_RISK, MINIMAL_RISK.`,
  evidence: `crosswalk evidence --frameworks <framework>,<framework>[,...] --format csv|md|xlsx|html [-o FILE]

  Evidence artefacts ordered by how many requirements of the chosen frameworks each proves.`,
  roadmap: `crosswalk roadmap --held <framework>[:<scope>][,...] [--candidates <framework>,...] [--inferred] --format csv|md|xlsx|html [-o FILE]

  Each candidate framework (every framework not held, unless --candidates names them) with its
  coverage by the held ones, least work left first (Full 0, Partial 0.5, the rest 1 each).`,
  compare: `crosswalk compare --frameworks <framework>,<framework>[,...] --format csv|md|xlsx|html [-o FILE]

  One row per framework: issuer, assessment, output, validity, market, requirements, and the share of
  its requirements that address AI-specific and security-specific disciplines.`,
  coverage: `crosswalk coverage --target <framework> --held <framework>[:<scope>][,...] [--kind CLAUSE|CONTROL] [--inferred] [--format csv|md|xlsx|html [-o FILE]]

  Totals and a bar per group (Annex A objective, clause, TSC series), for a first look. With
  --format, the table instead: one row per requirement of --target, its coverage and what covers it.
  --held takes scopes as gaps does (soc2:SECURITY,AVAILABILITY; eu-ai-act:DEPLOYER,HIGH_RISK).`,
  'import-oscal': `crosswalk import-oscal <file.json> --source <source-id> [--from <framework> --to <framework>] [-o FILE]

  Reads an OSCAL mapping-collection and writes it as a seed mapping set (YAML). Add the source to
  seed/sources.yaml, put the file in seed/mappings/, and run npm test.`,
  'import-oscal-catalog': `crosswalk import-oscal-catalog <catalog.json> --framework <id> [--name NAME] [--supplement REFERENCE.json] [--overlay OVERLAY.yaml] [--out FILE]

  Reads an OSCAL 1.x catalog (JSON) and writes a seed framework file (YAML): groups and controls as
  requirements in catalog order (prop sort-id), refs as printed ("ac-2.1" becomes "AC-2(1)"), kinds,
  parents, official titles, tags (baselines, classes), the statement cut short as the summary;
  withdrawn items are left out. --supplement takes a reference list (reference/*.json) for titles the
  catalog lacks, baselines and live items a partial catalog does not hold; --overlay gives the
  framework's facts and the hand-picked disciplines and risks (seed/overlays/). A document that is not
  a valid catalog is refused with where it fails, exit code 2.`,
  'import-reference-pairs': `crosswalk import-reference-pairs <pairs.json> --from <framework> --to <framework> --source <source-id> [--name NAME] [--comprehensive from|to] [--out FILE]

  Reads a reference list of id pairs (reference/mappings/*.json) and writes a seed mapping set of
  RELATED mappings with null strength and rationale: a publisher's list of related pairs, never
  promoted to a set relation. Duplicate pairs are written once. --comprehensive names a side on
  which the publisher covered every leaf (say it only if true; the data tests check it).`,
  keys: `crosswalk keys create --workspace <name> --role reader|editor|reviewer|admin
crosswalk keys list [--workspace <name>]
crosswalk keys revoke <key id>

  API keys live hashed in the data directory (CROSSWALK_DATA_DIR, default ./data), which these
  commands share with a running API: a new key works and a revoked one stops at the next request.
  create prints the key once, alone on the last line of standard output; it cannot be shown again.
  list shows each key's id, workspace, role, creation and revocation time, never a secret.`,
};

const OPTIONS = {
  from: { type: 'string' },
  to: { type: 'string' },
  target: { type: 'string' },
  held: { type: 'string' },
  frameworks: { type: 'string' },
  candidates: { type: 'string' },
  kind: { type: 'string' },
  inferred: { type: 'boolean' },
  format: { type: 'string' },
  output: { type: 'string', short: 'o' },
  source: { type: 'string' },
  framework: { type: 'string' },
  name: { type: 'string' },
  supplement: { type: 'string' },
  overlay: { type: 'string' },
  comprehensive: { type: 'string' },
  out: { type: 'string' },
  workspace: { type: 'string' },
  role: { type: 'string' },
  help: { type: 'boolean', short: 'h' },
} satisfies ParseArgsConfig['options'];

export interface CliIo {
  stdout: (text: string | Buffer) => void;
  stderr: (text: string) => void;
  store?: GraphStore;
  /** The clock the cover page dates the output by; tests fix it. */
  now?: () => Date;
}

/** Runs one command line; returns the exit code. */
export async function runCli(argv: string[], io: CliIo): Promise<number> {
  let store: GraphStore | undefined = io.store;
  try {
    const [verb, ...rest] = argv;
    if (!verb || verb === '--help' || verb === '-h' || verb === 'help') {
      io.stdout(`${HELP.main}\n`);
      return verb ? 0 : 2;
    }
    if (!HELP[verb] || verb === 'main') throw new CliError(`unknown verb "${verb}"; try: ${Object.keys(HELP).filter((k) => k !== 'main').join(', ')}`);
    const { values, positionals } = parseOptions(rest);
    if (values.help) {
      io.stdout(`${HELP[verb]}\n`);
      return 0;
    }
    if (verb === 'import-oscal') return await importOscal(positionals, values, io);
    if (verb === 'import-oscal-catalog') return await importCatalog(positionals, values, io);
    if (verb === 'import-reference-pairs') return await importPairs(positionals, values, io);
    if (verb === 'keys') return await keysCommand(positionals, values, new KeyStore(readConfig().dataDir), io);
    store ??= (await createStore(readConfig())).store;
    const frameworks = new Map((await store.allNodes('Framework')).map((f) => [f.id, f]));
    const framework = (id: string | undefined, option: string): Framework => {
      if (!id) throw new CliError(`--${option} is required`);
      const found = frameworkBySpelling(id, [...frameworks.values()]);
      if (!found) throw new CliError(`unknown framework "${id}" for --${option}; known: ${[...frameworks.keys()].join(', ')}`);
      return found;
    };
    const list = (ids: string | undefined, option: string) => (ids ?? '').split(',').map((s) => s.trim()).filter(Boolean).map((id) => framework(id, option));
    /** Held frameworks with their scopes (`soc2:SECURITY,AVAILABILITY`), checked by the rules GraphQL uses. */
    const heldList = (text: string | undefined, option: string) => {
      const spelled = (spelling: string) => frameworkBySpelling(spelling, [...frameworks.values()])?.id ?? null;
      let parsed;
      try {
        parsed = parseHeldOption(text, option, spelled, (spelling) => new CliError(`unknown framework "${spelling}" for --${option}; known: ${[...frameworks.keys()].join(', ')}`));
      } catch (error) {
        if (error instanceof HeldOptionError) throw new CliError(error.message);
        throw error;
      }
      const held = parsed.map((h) => frameworks.get(h.frameworkId)!);
      const inputs = parsed.filter((h) => h.scope !== null).map((h) => ({ framework: h.frameworkId, ...h.scope }));
      failOn(scopeProblems(inputs, held.map((h) => h.id), optionName, option, option));
      return { held, scopes: inputs.map(toHeldScope) };
    };
    const kind = parseKind(values.kind);

    if (verb === 'coverage') {
      const target = framework(values.target, 'target');
      const { held, scopes } = heldList(values.held, 'held');
      failOn(coverageProblems(target, held, kind));
      await warnIfUnconnected(store, target, held, values.inferred ?? false, io);
      if (values.format === undefined) {
        io.stdout(await coverageSummary(store, target, held, kind, values.inferred ?? false, scopes));
        return 0;
      }
      const format = parseFormat(values.format, false) as (typeof FORMATS)[number];
      const table = await coverageTable(store, { target, held, kind, inferred: values.inferred ?? false, scopes });
      return await writeOutput(await render([table], format, await coverContext(store, io)), values.output, io);
    }
    const format = parseFormat(values.format, verb === 'table');
    let tables: Table[];
    if (verb === 'table') {
      if (!values.from) throw new CliError('--from is required');
      const { held: fromList, scopes } = heldList(values.from, 'from');
      if (fromList.length !== 1) throw new CliError(`--from takes one framework (with its scope, e.g. soc2:SECURITY,AVAILABILITY); got ${fromList.length}`);
      const from = fromList[0]!;
      const to = framework(values.to, 'to');
      failOn(crosswalkRequestProblems({ from: from.id, to: to.id, kind }, optionName));
      if (format === 'oscal') {
        if (scopes.length > 0) throw new CliError('--format oscal exports the whole mapping set: give --from without a scope');
        return await writeOutput(JSON.stringify(await oscalFor(store, from, to), null, 2) + '\n', values.output, io);
      }
      await warnIfUnconnected(store, to, [from], values.inferred ?? false, io);
      tables = [await crosswalkTable(store, { from, to, kind, inferred: values.inferred ?? false, scopes })];
    } else if (verb === 'gaps') {
      const target = framework(values.target, 'target');
      const { held, scopes } = heldList(values.held, 'held');
      failOn(coverageProblems(target, held, kind));
      await warnIfUnconnected(store, target, held, values.inferred ?? false, io);
      tables = [await gapTable(store, { target, held, kind, inferred: values.inferred ?? false, scopes })];
    } else if (verb === 'roadmap') {
      const { held, scopes } = heldList(values.held, 'held');
      failOn(frameworkListProblems(held.map((h) => h.id), 'held', optionName));
      const candidates = values.candidates === undefined ? [...frameworks.values()].filter((f) => !held.includes(f)) : list(values.candidates, 'candidates');
      failOn(roadmapRequestProblems({ held: held.map((h) => h.id), candidates: candidates.map((c) => c.id) }, optionName));
      tables = [await roadmapTable(store, { held, candidates, inferred: values.inferred ?? false, scopes })];
    } else {
      const chosen = list(values.frameworks, 'frameworks');
      failOn(frameworkListProblems(chosen.map((f) => f.id), 'frameworks', optionName));
      tables = [verb === 'compare' ? await compareTable(store, [...new Set(chosen)]) : await evidenceTable(store, chosen)];
    }
    return await writeOutput(await render(tables, format as (typeof FORMATS)[number], await coverContext(store, io)), values.output, io);
  } catch (error) {
    io.stderr(`crosswalk: ${describe(error)}\n`);
    return exitCodeOf(error);
  } finally {
    if (store && store !== io.store) await store.close();
  }
}

/** How the CLI names an argument in a shared problem's message. */
/**
 * A table between frameworks no mapping set joins is all "not assessed": correct, but easy to misread
 * as work to do, so say so (on stderr; the table is still written and the exit code stays 0).
 */
async function warnIfUnconnected(store: GraphStore, target: Framework, held: Framework[], inferred: boolean, io: CliIo): Promise<void> {
  const sets = await store.allNodes('MappingSet');
  const joins = (a: string, b: string) => sets.some((s) => (s.fromFrameworkId === a && s.toFrameworkId === b) || (s.fromFrameworkId === b && s.toFrameworkId === a));
  if (held.some((h) => joins(h.id, target.id))) return;
  const names = held.map((h) => h.id).join(', ');
  io.stderr(
    `crosswalk: warning: no mapping set joins ${names} and ${target.id}, so every requirement of ${target.id} is "${NOT_ASSESSED}" (unknown, not new)` +
      (inferred ? '; only links inferred through other frameworks can appear.\n' : '; --inferred may find links through other frameworks.\n'),
  );
}

const NOT_ASSESSED = STATUS_TERMS.find((t) => t.code === 'UNASSESSED')!.label;

const optionName: ArgumentName = (argument) => `--${argument}`;

/** The first problem a shared request check found, as a usage error (exit code 2); one line, no final full stop. */
function failOn(problems: readonly RequestProblem[]): void {
  const [first] = problems;
  if (first) throw new CliError(first.message.replace(/\.$/, ''));
}

function coverageProblems(target: Framework, held: Framework[], kind: RequirementKind | null): RequestProblem[] {
  const heldIds = held.map((h) => h.id);
  return [...frameworkListProblems(heldIds, 'held', optionName), ...coverageRequestProblems({ target: target.id, held: heldIds, kind }, optionName)];
}

function parseOptions(args: string[]) {
  try {
    return parseArgs({ args, options: OPTIONS, allowPositionals: true, strict: true });
  } catch (error) {
    throw new CliError((error as Error).message.split('\n')[0]!);
  }
}

function parseKind(kind: string | undefined): RequirementKind | null {
  if (kind === undefined) return null;
  const upper = kind.toUpperCase();
  if (upper !== 'CLAUSE' && upper !== 'CONTROL') throw new CliError(`--kind must be CLAUSE or CONTROL; got "${kind}"`);
  return upper;
}

function parseFormat(format: string | undefined, oscalAllowed: boolean): Format {
  const allowed: string[] = oscalAllowed ? [...FORMATS, 'oscal'] : [...FORMATS];
  if (!format) throw new CliError(`--format is required: ${allowed.join(', ')}`);
  if (!allowed.includes(format)) throw new CliError(`unknown format "${format}"; use ${allowed.join(', ')}`);
  return format as Format;
}

async function coverContext(store: GraphStore, io: CliIo): Promise<CoverContext> {
  return { datasetVersion: (await store.datasetInfo()).version, generatedAt: (io.now ?? (() => new Date()))() };
}

async function render(tables: Table[], format: (typeof FORMATS)[number], context: CoverContext): Promise<string | Buffer> {
  if (format === 'xlsx') return toXlsx(tables, context);
  const one = tables[0]!;
  return format === 'csv' ? toCsv(one) : format === 'md' ? toMarkdown(one) : toHtml(one, context);
}

async function writeOutput(content: string | Buffer, output: string | undefined, io: CliIo): Promise<number> {
  if (!output) {
    if (Buffer.isBuffer(content)) throw new CliError('xlsx is binary: give a file with -o');
    io.stdout(content);
    return 0;
  }
  try {
    await writeFile(output, content);
  } catch (error) {
    throw new CliError(`cannot write ${output}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`);
  }
  io.stderr(`wrote ${output}\n`);
  return 0;
}

async function oscalFor(store: GraphStore, from: Framework, to: Framework): Promise<Record<string, unknown>> {
  const sets = await store.allNodes('MappingSet');
  const set = sets.find((s) => s.fromFrameworkId === from.id && s.toFrameworkId === to.id);
  if (!set) {
    const reverse = sets.find((s) => s.fromFrameworkId === to.id && s.toFrameworkId === from.id);
    throw new CliError(`no mapping set from ${from.id} to ${to.id}${reverse ? `; there is one the other way: --from ${to.id} --to ${from.id}` : ''}`);
  }
  const contents = (await readMappingSet(store, set.id))!;
  try {
    return toOscal(contents);
  } catch (error) {
    if (error instanceof OscalExportError) throw new CliError(`cannot export ${set.id} to OSCAL: ${error.message}`);
    throw error;
  }
}

async function coverageSummary(store: GraphStore, target: Framework, held: Framework[], kind: RequirementKind | null, inferred: boolean, scopes: HeldScope[]): Promise<string> {
  const result = await queryCoverage(store, { target: target.id, held: held.map((h) => h.id), kind, inferred, scopes });
  const groups = await store.nodes('Requirement', result.groups.map((g) => g.groupId));
  const s = result.summary;
  const pct = (x: number) => `${Math.round(x * 100)}%`;
  const lines = [
    `${target.shortName} covered by ${heldNames(held, scopes)}${kind ? ` (${kind.toLowerCase()}s)` : ''}${inferred ? ', with inference' : ''}`,
    `  ${s.total} requirements: ${s.full} full, ${s.partial} partial, ${s.none} new (none), ${s.unassessed} unassessed; covered ${pct(s.coveredShare)} (full ${pct(s.fullShare)})`,
    '',
    '  group                                      full/partial/none/unassessed',
  ];
  result.groups.forEach((g, i) => {
    const label = `${groups[i]?.ref ?? g.groupId} ${groups[i]?.title ?? ''}`.slice(0, 40).padEnd(40);
    lines.push(`  ${label} ${bar(g.summary, 30)} ${g.summary.full}/${g.summary.partial}/${g.summary.none}/${g.summary.unassessed}`);
  });
  lines.push('', `  legend: ${bar({ total: 4, full: 1, partial: 1, none: 1, unassessed: 1 }, 4)} = full, partial, none, unassessed`);
  return `${lines.join('\n')}\n`;
}

async function importOscal(positionals: string[], values: { source?: string; from?: string; to?: string; output?: string }, io: CliIo): Promise<number> {
  const [file] = positionals;
  if (!file) throw new CliError('give the OSCAL file: crosswalk import-oscal <file.json> --source <source-id>');
  if (!values.source) throw new CliError('--source is required (an id in seed/sources.yaml)');
  let document: unknown;
  try {
    document = JSON.parse(await readFile(file, 'utf8'));
  } catch (error) {
    throw new CliError(`cannot read ${file}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`);
  }
  try {
    const set = fromOscal(document, { source: values.source, ...(values.from ? { from: values.from } : {}), ...(values.to ? { to: values.to } : {}) });
    const yaml = `# Imported from ${file} by crosswalk import-oscal.\n${stringify(set, { lineWidth: 0 })}`;
    return await writeOutput(yaml, values.output, io);
  } catch (error) {
    if (error instanceof OscalImportError) throw new CliError(error.message);
    throw error;
  }
}

/** Reads a JSON or YAML input file; a missing or broken file is a usage error. */
async function readInput(file: string, as: 'json' | 'yaml'): Promise<unknown> {
  let content: string;
  try {
    content = await readFile(file, 'utf8');
  } catch (error) {
    throw new CliError(`cannot read ${file}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`);
  }
  try {
    return as === 'json' ? JSON.parse(content) : parseYaml(content);
  } catch (error) {
    throw new CliError(`${file} is not valid ${as.toUpperCase()}: ${(error as Error).message.split('\n')[0]}`);
  }
}

async function importCatalog(
  positionals: string[],
  values: { framework?: string; name?: string; supplement?: string; overlay?: string; out?: string; output?: string },
  io: CliIo,
): Promise<number> {
  const [file] = positionals;
  if (!file) throw new CliError('give the OSCAL catalog: crosswalk import-oscal-catalog <catalog.json> --framework <id>');
  if (!values.framework || !/^[a-z0-9]+(?:-[a-z0-9]+)*$/.test(values.framework)) throw new CliError('--framework is required: a lowercase slug such as "nist-csf"');
  try {
    const catalog = parseOscalCatalog(await readInput(file, 'json'));
    const supplement = values.supplement ? parseSupplement(await readInput(values.supplement, 'json')) : undefined;
    const overlay = values.overlay ? parseOverlay(await readInput(values.overlay, 'yaml')) : undefined;
    const inputs = [file, values.supplement, values.overlay].filter((f): f is string => !!f).map((f) => path.basename(f));
    const imported = importOscalCatalog(catalog, {
      framework: values.framework,
      inputs,
      ...(values.name ? { name: values.name } : {}),
      ...(supplement ? { supplement } : {}),
      ...(overlay ? { overlay } : {}),
    });
    const { fromCatalog, fromSupplement, withdrawnLeftOut } = imported.report;
    io.stderr(`${values.framework}: ${imported.framework.requirements.length} requirements (${fromCatalog} from the catalog, ${fromSupplement} from the supplement; ${withdrawnLeftOut} withdrawn left out)\n`);
    if (!overlay) io.stderr('crosswalk: warning: no --overlay, so the framework facts say "not stated" and no requirement has disciplines or risks yet\n');
    return await writeOutput(`${imported.header}\n${frameworkYaml(imported.framework)}`, values.out ?? values.output, io);
  } catch (error) {
    if (error instanceof OscalCatalogError) throw new CliError(error.message);
    throw error;
  }
}

/** A framework file as YAML, with short lists (tags, disciplines, risks) on one line, as the hand-written files have them. */
function frameworkYaml(framework: object): string {
  const document = new Document(framework);
  visit(document, {
    Seq(_key, node) {
      if (node.items.every(isScalar)) node.flow = true;
    },
  });
  return document.toString({ lineWidth: 0, flowCollectionPadding: false });
}

async function importPairs(
  positionals: string[],
  values: { from?: string; to?: string; source?: string; name?: string; comprehensive?: string; out?: string; output?: string },
  io: CliIo,
): Promise<number> {
  const [file] = positionals;
  if (!file) throw new CliError('give the pairs file: crosswalk import-reference-pairs <pairs.json> --from <framework> --to <framework> --source <source-id>');
  for (const option of ['from', 'to', 'source'] as const) if (!values[option]) throw new CliError(`--${option} is required`);
  const sides = (values.comprehensive ?? '').split(',').map((s) => s.trim()).filter(Boolean);
  for (const side of sides) if (side !== 'from' && side !== 'to') throw new CliError(`--comprehensive takes from, to or from,to; got "${side}"`);
  try {
    const set = importReferencePairs(await readInput(file, 'json'), {
      from: values.from!,
      to: values.to!,
      source: values.source!,
      comprehensive: sides as Array<'from' | 'to'>,
      ...(values.name ? { name: values.name } : {}),
    });
    io.stderr(`${set.body.id}: ${set.body.mappings.length} RELATED mappings (${set.duplicatesDropped} duplicate pairs written once)\n`);
    return await writeOutput(`${set.header}\n${stringify(set.body, { lineWidth: 0 })}`, values.out ?? values.output, io);
  } catch (error) {
    if (error instanceof ReferencePairsError) throw new CliError(error.message);
    throw error;
  }
}

function describe(error: unknown): string {
  if (error instanceof CliError) return error.message;
  if (error instanceof SeedError) return error.message;
  if (error instanceof KeyRequestError) return error.message;
  if (error instanceof StoreUnavailableError) return `the graph store is unavailable: ${error.message}`;
  return `unexpected error: ${error instanceof Error ? error.message : String(error)}`;
}
