import { ErrorCode } from '../domain/error-codes.js';
import { frameworkBySpelling } from '../domain/framework-names.js';
import type { GraphStore } from '../domain/graph-store.js';
import type { HeldScope } from '../domain/scope.js';
import { suggestIds } from '../domain/suggest.js';
import type { Framework, Requirement, RequirementKind } from '../domain/types.js';
import { parseGlobalId } from '../domain/ids.js';
import { HeldOptionError, parseHeldOption } from './held-option.js';
import type { Pacer } from './pacing.js';
import {
  coverageRequestProblems,
  crosswalkRequestProblems,
  distinctProblems,
  frameworkListProblems,
  quotedArgument,
  roadmapRequestProblems,
  scopeProblems,
  toHeldScope,
  type RequestProblem,
} from './request-checks.js';
import { catalogListTable, compareTable, coverageTable, crosswalkTable, evidenceTable, explainTable, gapTable, requirementsOfTable, roadmapTable, type CatalogListKind, type Table } from './tables.js';

/**
 * A consultant's table asked for by name with text parameters, as the CLI's options spell them
 * (`from`, `to`, `target`, `held`, `frameworks`, `candidates`, `kind`, `inferred`; `held=soc2:SECURITY,AVAILABILITY,iso27001`
 * holds a scope as `--held` does; frameworks by id or by a common spelling such as "SOC 2"), checked
 * by the rules GraphQL and the CLI share (request-checks.ts). The table download over HTTP reads
 * its query string through here, then builds the very table the CLI writes.
 */

export const TABLE_NAMES = ['crosswalk', 'gaps', 'coverage', 'evidence', 'roadmap', 'compare', 'explain', 'catalog'] as const;
export type TableName = (typeof TABLE_NAMES)[number];

/** The parameters each table takes; `inferred` is "true" or "false". */
export const TABLE_PARAMETERS: Readonly<Record<TableName, readonly string[]>> = {
  crosswalk: ['from', 'to', 'kind', 'inferred'],
  gaps: ['target', 'held', 'kind', 'inferred'],
  coverage: ['target', 'held', 'kind', 'inferred'],
  evidence: ['frameworks'],
  roadmap: ['held', 'candidates', 'inferred'],
  compare: ['frameworks'],
  explain: ['from', 'to', 'maxHops'],
  /** `list` (disciplines, risks, evidence) for a list, or `of` (a discipline, risk or evidence id) for the requirements it involves. */
  catalog: ['list', 'of', 'framework'],
};

export type TableRequest =
  | { table: 'crosswalk'; from: Framework; to: Framework; scopes: HeldScope[]; kind: RequirementKind | null; inferred: boolean }
  | { table: 'gaps' | 'coverage'; target: Framework; held: Framework[]; scopes: HeldScope[]; kind: RequirementKind | null; inferred: boolean }
  | { table: 'evidence' | 'compare'; frameworks: Framework[] }
  | { table: 'roadmap'; held: Framework[]; scopes: HeldScope[]; candidates: Framework[]; inferred: boolean }
  | { table: 'explain'; from: Requirement; to: Requirement; maxHops: number }
  | { table: 'catalog'; list: CatalogListKind }
  | { table: 'catalog'; of: { id: string; name: string; kind: 'Discipline' | 'Risk' | 'Evidence' }; framework: Framework | null };

/** A refused request: the parameter at fault, a message saying what would be accepted, and for an unknown framework the nearest ids. */
export class TableRequestError extends Error {
  constructor(
    readonly code: typeof ErrorCode.BAD_USER_INPUT | typeof ErrorCode.NOT_FOUND,
    readonly argument: string,
    message: string,
    readonly suggestions: string[] = [],
  ) {
    super(message);
  }
}

/** Every problem of a table request found without the store, first one thrown. */
function failOn(problems: readonly RequestProblem[]): void {
  const [first] = problems;
  if (first) throw new TableRequestError(first.code, first.argument, first.message);
}

/** Reads and checks `params` (already known to be only the table's, each once) against what `store` holds; throws TableRequestError. */
export async function readTableRequest(store: GraphStore, table: TableName, params: Readonly<Record<string, string | undefined>>): Promise<TableRequest> {
  const frameworks = await store.allNodes('Framework');
  const unknown = (argument: string, spelling: string) =>
    new TableRequestError(ErrorCode.NOT_FOUND, argument, `No framework is called "${spelling.slice(0, 80)}" (in "${argument}").`, suggestIds(spelling, frameworks.map((f) => f.id), 3));
  const required = (argument: string): string => {
    const value = params[argument];
    if (value === undefined) throw new TableRequestError(ErrorCode.BAD_USER_INPUT, argument, `The ${table} table needs "${argument}".`);
    return value;
  };
  const one = (argument: string): Framework => {
    const spelling = required(argument);
    return frameworkBySpelling(spelling, frameworks) ?? throwError(unknown(argument, spelling));
  };
  const heldList = (argument: string): { held: Framework[]; scopes: HeldScope[] } => {
    let parsed;
    try {
      parsed = parseHeldOption(required(argument), argument, (s) => frameworkBySpelling(s, frameworks)?.id ?? null, (s) => unknown(argument, s), quotedArgument);
    } catch (error) {
      if (error instanceof HeldOptionError) throw new TableRequestError(ErrorCode.BAD_USER_INPUT, argument, `${error.message}.`);
      throw error;
    }
    const held = parsed.map((h) => frameworks.find((f) => f.id === h.frameworkId)!);
    const inputs = parsed.filter((h) => h.scope !== null).map((h) => ({ framework: h.frameworkId, ...h.scope }));
    failOn(frameworkListProblems(held.map((h) => h.id), argument, quotedArgument));
    failOn(scopeProblems(inputs, held.map((h) => h.id), quotedArgument, argument, argument));
    return { held, scopes: inputs.map(toHeldScope) };
  };
  const kind = readKind(params.kind);
  const inferred = readInferred(params.inferred);

  if (table === 'explain') return readExplain(store, params);
  if (table === 'catalog') return readCatalog(store, params, frameworks, unknown);
  if (table === 'crosswalk') {
    const { held, scopes } = heldList('from');
    if (held.length !== 1) throw new TableRequestError(ErrorCode.BAD_USER_INPUT, 'from', `"from" takes one framework (with its scope, e.g. soc2:SECURITY,AVAILABILITY); got ${held.length}.`);
    const to = one('to');
    failOn(crosswalkRequestProblems({ from: held[0]!.id, to: to.id, kind }, quotedArgument));
    return { table, from: held[0]!, to, scopes, kind, inferred };
  }
  /** A plain list of frameworks (no scopes), each once. */
  const list = (argument: string, text: string): Framework[] => {
    const found = text.split(',').map((s) => s.trim()).filter(Boolean).map((spelling) => frameworkBySpelling(spelling, frameworks) ?? throwError(unknown(argument, spelling)));
    const unique = [...new Map(found.map((f) => [f.id, f])).values()];
    failOn(frameworkListProblems(unique.map((f) => f.id), argument, quotedArgument));
    return unique;
  };
  if (table === 'evidence' || table === 'compare') return { table, frameworks: list('frameworks', required('frameworks')) };
  if (table === 'roadmap') {
    const { held, scopes } = heldList('held');
    const heldIds = held.map((h) => h.id);
    // As GraphQL's roadmap: every framework not held, unless the candidates are named.
    const candidates = params.candidates === undefined ? frameworks.filter((f) => !heldIds.includes(f.id)) : list('candidates', params.candidates);
    failOn(roadmapRequestProblems({ held: heldIds, candidates: candidates.map((c) => c.id) }, quotedArgument));
    return { table, held, scopes, candidates, inferred };
  }
  const target = one('target');
  const { held, scopes } = heldList('held');
  failOn(coverageRequestProblems({ target: target.id, held: held.map((h) => h.id), kind }, quotedArgument));
  return { table, target, held, scopes, kind, inferred };
}

const CATALOG_LISTS: readonly CatalogListKind[] = ['disciplines', 'risks', 'evidence'];

async function readExplain(store: GraphStore, params: Readonly<Record<string, string | undefined>>): Promise<TableRequest> {
  const requirement = async (argument: 'from' | 'to'): Promise<Requirement> => {
    const id = params[argument];
    if (id === undefined) throw new TableRequestError(ErrorCode.BAD_USER_INPUT, argument, `The explain table needs "${argument}", a requirement id such as "soc2:CC6.1".`);
    if (parseGlobalId(id)?.type !== 'Requirement') throw new TableRequestError(ErrorCode.BAD_USER_INPUT, argument, `"${argument}" must be a requirement id "<framework>:<ref>" such as "iso42001:A.6.2.4"; got "${id.slice(0, 80)}".`);
    const [found] = await store.nodes('Requirement', [id]);
    if (!found) throw new TableRequestError(ErrorCode.NOT_FOUND, argument, `No requirement has id "${id.slice(0, 80)}".`);
    return found;
  };
  const maxHops = params.maxHops === undefined ? 3 : Number(params.maxHops);
  if (!Number.isInteger(maxHops) || maxHops < 1 || maxHops > 4) throw new TableRequestError(ErrorCode.BAD_USER_INPUT, 'maxHops', '"maxHops" must be between 1 and 4.');
  const from = await requirement('from');
  const to = await requirement('to');
  failOn(distinctProblems(from.id, to.id, ['from', 'to'], 'requirements', quotedArgument));
  return { table: 'explain', from, to, maxHops };
}

async function readCatalog(store: GraphStore, params: Readonly<Record<string, string | undefined>>, frameworks: readonly Framework[], unknown: (argument: string, spelling: string) => Error): Promise<TableRequest> {
  if ((params.list === undefined) === (params.of === undefined)) {
    throw new TableRequestError(ErrorCode.BAD_USER_INPUT, 'list', 'The catalog table takes either "list" (disciplines, risks or evidence) or "of" (a discipline, risk or evidence id such as "discipline:risk-management").');
  }
  if (params.list !== undefined) {
    if (params.framework !== undefined) throw new TableRequestError(ErrorCode.BAD_USER_INPUT, 'framework', '"framework" narrows the requirements "of" an entry; a list has none.');
    if (!(CATALOG_LISTS as readonly string[]).includes(params.list)) throw new TableRequestError(ErrorCode.BAD_USER_INPUT, 'list', `"list" must be one of ${CATALOG_LISTS.join(', ')}; got "${params.list.slice(0, 40)}".`);
    return { table: 'catalog', list: params.list as CatalogListKind };
  }
  const id = params.of!;
  const parsed = parseGlobalId(id);
  const type = parsed?.type;
  if (type !== 'Discipline' && type !== 'Risk' && type !== 'Evidence') {
    throw new TableRequestError(ErrorCode.BAD_USER_INPUT, 'of', `"of" must be a discipline, risk or evidence id such as "discipline:risk-management"; got "${id.slice(0, 80)}".`);
  }
  const [found] = await store.nodes(type, [parsed!.localId]);
  if (!found) throw new TableRequestError(ErrorCode.NOT_FOUND, 'of', `No ${type === 'Evidence' ? 'evidence artefact' : type.toLowerCase()} has id "${id.slice(0, 80)}".`);
  const framework = params.framework === undefined ? null : (frameworkBySpelling(params.framework, frameworks) ?? throwError(unknown('framework', params.framework)));
  return { table: 'catalog', of: { id: found.id, name: found.name, kind: type }, framework };
}

/** The table the request names, by the code the CLI runs. */
export function buildTable(store: GraphStore, request: TableRequest, pacer?: Pacer): Promise<Table> {
  switch (request.table) {
    case 'crosswalk':
      return crosswalkTable(store, { from: request.from, to: request.to, kind: request.kind, inferred: request.inferred, scopes: request.scopes, pacer });
    case 'gaps':
      return gapTable(store, { target: request.target, held: request.held, kind: request.kind, inferred: request.inferred, scopes: request.scopes });
    case 'coverage':
      return coverageTable(store, { target: request.target, held: request.held, kind: request.kind, inferred: request.inferred, scopes: request.scopes, pacer });
    case 'evidence':
      return evidenceTable(store, request.frameworks);
    case 'compare':
      return compareTable(store, request.frameworks);
    case 'roadmap':
      return roadmapTable(store, { held: request.held, candidates: request.candidates, inferred: request.inferred, scopes: request.scopes, pacer });
    case 'explain':
      return explainTable(store, { from: request.from, to: request.to, maxHops: request.maxHops, pacer });
    case 'catalog':
      return 'list' in request ? catalogListTable(store, request.list) : requirementsOfTable(store, { of: request.of, framework: request.framework });
  }
}

function readKind(kind: string | undefined): RequirementKind | null {
  if (kind === undefined) return null;
  const upper = kind.toUpperCase();
  if (upper === 'CLAUSE' || upper === 'CONTROL') return upper;
  // GROUP is a kind, but has no rows: the shared checks say so in their words.
  if (upper === 'GROUP') return upper;
  throw new TableRequestError(ErrorCode.BAD_USER_INPUT, 'kind', `"kind" must be CLAUSE or CONTROL; got "${kind.slice(0, 40)}".`);
}

function readInferred(inferred: string | undefined): boolean {
  if (inferred === undefined || inferred === 'false') return false;
  if (inferred === 'true') return true;
  throw new TableRequestError(ErrorCode.BAD_USER_INPUT, 'inferred', `"inferred" must be true or false; got "${inferred.slice(0, 40)}".`);
}

function throwError(error: Error): never {
  throw error;
}
