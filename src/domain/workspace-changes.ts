import { mayReview, type Role } from './access.js';
import { frameworkIdOf, localIdOf, mappingId, noRelationshipId, parseGlobalId, workspaceOfId, workspaceScopedId } from './ids.js';
import type { FrameworkKind, MappingSide, Rationale, Relationship, RequirementKind } from './types.js';
import type { Review, WorkspaceFramework, WorkspaceMapping, WorkspaceMappingSet, WorkspaceNoRelationship, WorkspaceRequirement, WorkspaceState } from './workspace-model.js';

/**
 * The rules of every write to a workspace (issue #21), as pure functions: each takes the workspace
 * as it is and a mutation's input, and returns either the user errors (every one, with the field
 * path of each) or the change: the workspace after it and the objects it touched, before and after,
 * for the audit journal. A change is all or nothing: one error anywhere and nothing is written.
 */

export const USER_ERROR_CODES = [
  /** A value is malformed or out of range. */
  'INVALID',
  /** An id names nothing the caller can see. */
  'NOT_FOUND',
  /** The same thing twice: in one input, or already there. */
  'DUPLICATE',
  /** `expectedRevision` differs: someone changed the set in between. */
  'CONFLICT',
  /** More items than one call takes, or than a workspace holds. */
  'TOO_MANY_ITEMS',
  /** Deleting what other things still point at (ask to cascade). */
  'IN_USE',
  /** A reviewer deciding on their own proposal. */
  'SELF_REVIEW',
  /** A decision on a proposal someone already decided on, or retiring what is not accepted. */
  'ALREADY_REVIEWED',
  /** Public frameworks and sets change only through seed/, never through the API. */
  'READ_ONLY',
  /** A requirement mapped to itself. */
  'SELF_MAPPING',
  /** A record that contradicts another of the set (a mapping and "nothing found" for one requirement). */
  'CONTRADICTION',
] as const;
export type UserErrorCode = (typeof USER_ERROR_CODES)[number];

export interface UserError {
  /** Path to the offending input value: `["input", "requirements", "3", "ref"]`. */
  field: string[];
  message: string;
  code: UserErrorCode;
}

/** Items one bulk call takes; the body limit stops far larger inputs before they are parsed. */
export const MAX_ITEMS_PER_CALL = 500;
export const MAX_FRAMEWORKS_PER_WORKSPACE = 100;
export const MAX_REQUIREMENTS_PER_FRAMEWORK = 5000;
export const MAX_SETS_PER_WORKSPACE = 200;
export const MAX_RECORDS_PER_SET = 20_000;

/** Who makes the change and what of the public graph it may refer to (read beforehand through the port). */
export interface ChangeContext {
  keyId: string;
  role: Role;
  /** ISO time of the change. */
  at: string;
  publicFrameworkIds: ReadonlySet<string>;
  /** The public requirement ids among those the input names that exist. */
  publicRequirementIds: ReadonlySet<string>;
}

/** The objects a change touched, by local id: their value before and after (null: absent). */
export interface TouchedObjects {
  frameworks: Record<string, WorkspaceFramework | null>;
  sets: Record<string, WorkspaceMappingSet | null>;
}

export interface Change {
  operation: string;
  before: TouchedObjects;
  after: TouchedObjects;
  next: WorkspaceState;
}

export type Planned = { ok: true; change: Change } | { ok: false; userErrors: UserError[] };

const SLUG = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;
const REF = /^[^:\s][^:]*$/;
/** A set's local id, `<from>--<to>` as the seed format names sets (its YAML file could not hold another). */
const SET_SLUG = /^[a-z0-9]+(?:-[a-z0-9]+)*--[a-z0-9]+(?:-[a-z0-9]+)*$/;

const error = (field: Array<string | number>, code: UserErrorCode, message: string): UserError => ({ field: field.map(String), code, message });

function refused(errors: UserError[]): Planned {
  return { ok: false, userErrors: errors };
}

/** Applies the touched objects' after-values to the state: the one way a state changes (also journal recovery). */
export function applyTouched(state: WorkspaceState, after: TouchedObjects, revision: number): WorkspaceState {
  const frameworks = new Map(state.frameworks);
  const sets = new Map(state.sets);
  for (const [id, value] of Object.entries(after.frameworks)) value ? frameworks.set(id, value) : frameworks.delete(id);
  for (const [id, value] of Object.entries(after.sets)) value ? sets.set(id, value) : sets.delete(id);
  return { workspace: state.workspace, revision, frameworks, sets };
}

function changed(state: WorkspaceState, operation: string, frameworks: Record<string, WorkspaceFramework | null>, sets: Record<string, WorkspaceMappingSet | null>): Planned {
  const before: TouchedObjects = { frameworks: {}, sets: {} };
  for (const id of Object.keys(frameworks)) before.frameworks[id] = state.frameworks.get(id) ?? null;
  for (const id of Object.keys(sets)) before.sets[id] = state.sets.get(id) ?? null;
  const after = { frameworks, sets };
  return { ok: true, change: { operation, before, after, next: applyTouched(state, after, state.revision + 1) } };
}

/**
 * Resolves a framework id the input names, from the workspace's point of view: its own framework
 * (by local id), a public one (read only), or nothing it can see (another workspace's id included).
 */
type FrameworkRef = { kind: 'own'; framework: WorkspaceFramework } | { kind: 'public'; id: string } | { kind: 'unknown' };

function frameworkRef(state: WorkspaceState, id: string, ctx: ChangeContext): FrameworkRef {
  const workspace = workspaceOfId(id);
  if (workspace === null) return ctx.publicFrameworkIds.has(id) ? { kind: 'public', id } : { kind: 'unknown' };
  const framework = workspace === state.workspace ? state.frameworks.get(localIdOf(id)) : undefined;
  return framework ? { kind: 'own', framework } : { kind: 'unknown' };
}

function notFound(field: Array<string | number>, what: string, id: string): UserError {
  return error(field, 'NOT_FOUND', `No ${what} "${id.slice(0, 120)}".`);
}

// ---------------------------------------------------------------- frameworks

export interface CreateFrameworkInput {
  id: string;
  name: string;
  shortName?: string | null;
  edition?: string | null;
  kind?: FrameworkKind | null;
  summary?: string | null;
}

/**
 * A workspace named like a public framework (`soc2`) can hold nothing: its ids (`soc2:x`) would read
 * as that framework's requirements. The key store cannot know the public graph, so this is where it is refused.
 */
function publicNameProblem(state: WorkspaceState, ctx: ChangeContext): UserError[] {
  if (!ctx.publicFrameworkIds.has(state.workspace)) return [];
  return [error(['input'], 'INVALID', `Workspace "${state.workspace}" has the name of a public framework, so its ids would read as that framework's requirements; an administrator creates keys for a workspace of another name.`)];
}

export function planCreateFramework(state: WorkspaceState, input: CreateFrameworkInput, ctx: ChangeContext): Planned {
  const blocked = publicNameProblem(state, ctx);
  if (blocked.length > 0) return refused(blocked);
  const errors: UserError[] = [];
  const prefix = `${state.workspace}:`;
  const local = input.id.startsWith(prefix) ? input.id.slice(prefix.length) : null;
  if (local === null || !SLUG.test(local)) {
    errors.push(error(['input', 'id'], 'INVALID', `A framework of workspace ${state.workspace} has an id "${prefix}<slug>", like "${prefix}controls" (lowercase letters, digits, single hyphens); got ${JSON.stringify(input.id.slice(0, 80))}.`));
  } else if (ctx.publicFrameworkIds.has(local)) {
    errors.push(error(['input', 'id'], 'INVALID', `"${local}" is a public framework's id; name the workspace's own framework differently (like "${prefix}${local}-internal").`));
  } else if (state.frameworks.has(local)) {
    errors.push(error(['input', 'id'], 'DUPLICATE', `Framework ${input.id} exists already; add requirements with upsertRequirements.`));
  }
  if (state.frameworks.size >= MAX_FRAMEWORKS_PER_WORKSPACE) errors.push(error(['input'], 'TOO_MANY_ITEMS', `A workspace holds at most ${MAX_FRAMEWORKS_PER_WORKSPACE} frameworks.`));
  errors.push(...textProblems(['input', 'name'], input.name, 200), ...optionalText(['input', 'shortName'], input.shortName, 40), ...optionalText(['input', 'edition'], input.edition, 40), ...optionalText(['input', 'summary'], input.summary, 2000));
  if (errors.length > 0) return refused(errors);
  const framework: WorkspaceFramework = {
    localId: local!,
    name: input.name.trim(),
    shortName: input.shortName?.trim() || input.name.trim().slice(0, 40),
    edition: input.edition?.trim() || ctx.at.slice(0, 10),
    kind: input.kind ?? 'GUIDANCE',
    summary: input.summary?.trim() || `${input.name.trim()}: the control set of workspace ${state.workspace}.`,
    requirements: [],
  };
  return changed(state, 'createFramework', { [framework.localId]: framework }, {});
}

export interface DeleteFrameworkInput {
  framework: string;
  cascade?: boolean | null;
}

export function planDeleteFramework(state: WorkspaceState, input: DeleteFrameworkInput, ctx: ChangeContext): Planned {
  const ref = frameworkRef(state, input.framework, ctx);
  if (ref.kind === 'public') return refused([error(['input', 'framework'], 'READ_ONLY', `${input.framework} is a public framework; it changes only through the curated seed.`)]);
  if (ref.kind === 'unknown') return refused([notFound(['input', 'framework'], 'framework', input.framework)]);
  const users = [...state.sets.values()].filter((s) => s.from === input.framework || s.to === input.framework);
  if (users.length > 0 && !input.cascade) {
    return refused([error(['input', 'framework'], 'IN_USE', `Mapping sets point at ${input.framework}: ${users.map((s) => workspaceScopedId(state.workspace, s.localId)).join(', ')}. Delete them first, or pass cascade: true to delete them with it.`)]);
  }
  return changed(state, 'deleteFramework', { [ref.framework.localId]: null }, Object.fromEntries(users.map((s) => [s.localId, null])));
}

// ---------------------------------------------------------------- requirements

export interface RequirementInput {
  ref: string;
  title: string;
  kind?: RequirementKind | null;
  parent?: string | null;
  summary?: string | null;
  tags?: readonly string[] | null;
}

export interface UpsertRequirementsInput {
  framework: string;
  requirements: readonly RequirementInput[];
}

export function planUpsertRequirements(state: WorkspaceState, input: UpsertRequirementsInput, ctx: ChangeContext): Planned {
  const ref = frameworkRef(state, input.framework, ctx);
  if (ref.kind === 'public') return refused([error(['input', 'framework'], 'READ_ONLY', `${input.framework} is a public framework; it changes only through the curated seed.`)]);
  if (ref.kind === 'unknown') return refused([notFound(['input', 'framework'], 'framework', input.framework)]);
  const tooMany = itemLimit(['input', 'requirements'], input.requirements.length);
  if (tooMany) return refused([tooMany]);
  const errors: UserError[] = [];
  const framework = ref.framework;
  const merged = new Map(framework.requirements.map((r) => [r.ref, r]));
  const seen = new Set<string>();
  input.requirements.forEach((r, i) => {
    const at = ['input', 'requirements', i];
    const refProblem = refText(r.ref);
    if (refProblem) errors.push(error([...at, 'ref'], 'INVALID', refProblem));
    else if (seen.has(r.ref)) errors.push(error([...at, 'ref'], 'DUPLICATE', `Ref "${r.ref}" appears twice in this call.`));
    seen.add(r.ref);
    errors.push(...textProblems([...at, 'title'], r.title, 200), ...optionalText([...at, 'summary'], r.summary, 2000));
    if (r.parent != null && r.parent === r.ref) errors.push(error([...at, 'parent'], 'INVALID', `A requirement cannot be its own parent.`));
    (r.tags ?? []).forEach((tag, j) => errors.push(...textProblems([...at, 'tags', j], tag, 60)));
    if ((r.tags ?? []).length > 20) errors.push(error([...at, 'tags'], 'TOO_MANY_ITEMS', 'At most 20 tags per requirement.'));
    if (!refProblem) {
      const previous = merged.get(r.ref);
      merged.set(r.ref, {
        ref: r.ref,
        title: r.title.trim(),
        kind: r.kind ?? previous?.kind ?? 'CONTROL',
        parent: r.parent === undefined ? (previous?.parent ?? null) : r.parent,
        summary: r.summary?.trim() || previous?.summary || r.title.trim(),
        tags: r.tags ? [...new Set(r.tags.map((t) => t.trim()))] : (previous?.tags ?? []),
      });
    }
  });
  if (merged.size > MAX_REQUIREMENTS_PER_FRAMEWORK) errors.push(error(['input', 'requirements'], 'TOO_MANY_ITEMS', `A framework holds at most ${MAX_REQUIREMENTS_PER_FRAMEWORK} requirements.`));
  if (errors.length === 0) {
    input.requirements.forEach((r, i) => {
      if (r.parent != null && r.parent !== r.ref && !merged.has(r.parent)) errors.push(notFound(['input', 'requirements', i, 'parent'], `requirement in ${input.framework} with ref`, r.parent));
    });
  }
  if (errors.length === 0) errors.push(...parentCycles(merged, input.requirements));
  if (errors.length > 0) return refused(errors);
  return changed(state, 'upsertRequirements', { [framework.localId]: { ...framework, requirements: [...merged.values()] } }, {});
}

function parentCycles(requirements: Map<string, WorkspaceRequirement>, input: readonly RequirementInput[]): UserError[] {
  const errors: UserError[] = [];
  input.forEach((r, i) => {
    const seen = new Set<string>([r.ref]);
    for (let at = requirements.get(r.ref)?.parent ?? null; at !== null; at = requirements.get(at)?.parent ?? null) {
      if (seen.has(at)) {
        errors.push(error(['input', 'requirements', i, 'parent'], 'INVALID', `Parent "${r.parent}" makes a cycle: ${[...seen, at].join(' -> ')}.`));
        break;
      }
      seen.add(at);
    }
  });
  return errors;
}

// ---------------------------------------------------------------- mapping sets

export interface CreateMappingSetInput {
  from: string;
  to: string;
  id?: string | null;
  name?: string | null;
  description?: string | null;
  comprehensive?: readonly MappingSide[] | null;
}

export function planCreateMappingSet(state: WorkspaceState, input: CreateMappingSetInput, ctx: ChangeContext): Planned {
  const blocked = publicNameProblem(state, ctx);
  if (blocked.length > 0) return refused(blocked);
  const errors: UserError[] = [];
  const from = frameworkRef(state, input.from, ctx);
  const to = frameworkRef(state, input.to, ctx);
  if (from.kind === 'unknown') errors.push(notFound(['input', 'from'], 'framework', input.from));
  if (to.kind === 'unknown') errors.push(notFound(['input', 'to'], 'framework', input.to));
  if (input.from === input.to) errors.push(error(['input', 'to'], 'SELF_MAPPING', 'A mapping set joins two different frameworks.'));
  const prefix = `${state.workspace}:`;
  const short = (id: string) => (id.startsWith(prefix) ? id.slice(prefix.length) : id);
  const local = input.id == null ? `${short(input.from)}--${short(input.to)}` : input.id.startsWith(prefix) ? input.id.slice(prefix.length) : null;
  if (local === null || !SET_SLUG.test(local)) {
    errors.push(error(['input', 'id'], 'INVALID', `A mapping set of workspace ${state.workspace} has an id "${prefix}<slug>", like "${prefix}controls--soc2"; got ${JSON.stringify((input.id ?? '').slice(0, 80))}.`));
  } else if (state.sets.has(local)) {
    errors.push(error(['input', input.id == null ? 'to' : 'id'], 'DUPLICATE', `Mapping set ${prefix}${local} exists already; propose mappings into it${input.id == null ? ', or give this one an id of its own' : ''}.`));
  }
  if (state.sets.size >= MAX_SETS_PER_WORKSPACE) errors.push(error(['input'], 'TOO_MANY_ITEMS', `A workspace holds at most ${MAX_SETS_PER_WORKSPACE} mapping sets.`));
  errors.push(...optionalText(['input', 'name'], input.name, 200), ...optionalText(['input', 'description'], input.description, 2000));
  if (errors.length > 0) return refused(errors);
  const set: WorkspaceMappingSet = {
    localId: local!,
    name: input.name?.trim() || `${input.from} to ${input.to}`,
    from: input.from,
    to: input.to,
    comprehensive: [...new Set(input.comprehensive ?? [])],
    description: input.description?.trim() || `Mappings from ${input.from} to ${input.to}, proposed and reviewed in workspace ${state.workspace}.`,
    revision: 1,
    mappings: [],
    noRelationships: [],
  };
  return changed(state, 'createMappingSet', {}, { [set.localId]: set });
}

/** The workspace's own set an input names, or why not; with the revision check. */
function ownSet(state: WorkspaceState, id: string, expectedRevision: number | null | undefined): WorkspaceMappingSet | UserError {
  const parsed = parseGlobalId(id);
  const setId = parsed?.type === 'MappingSet' ? parsed.localId : null;
  if (setId !== null && workspaceOfId(setId) === null) return error(['input', 'set'], 'READ_ONLY', `${id} is a public mapping set; it changes only through the curated seed.`);
  const set = setId !== null && workspaceOfId(setId) === state.workspace ? state.sets.get(localIdOf(setId)) : undefined;
  if (!set) return notFound(['input', 'set'], 'mapping set', id);
  if (expectedRevision != null && expectedRevision !== set.revision) {
    return error(['input', 'expectedRevision'], 'CONFLICT', `${id} is at revision ${set.revision}, not ${expectedRevision}: it changed since you read it. Read it again and retry.`);
  }
  return set;
}

// ---------------------------------------------------------------- proposals

export interface MappingInput {
  from: string;
  to: string;
  relationship: Relationship;
  strength?: number | null;
  rationale?: Rationale | null;
  note?: string | null;
}

export interface NoRelationshipInput {
  requirement: string;
  reason: string;
}

export interface ProposeMappingsInput {
  set: string;
  expectedRevision?: number | null;
  mappings?: readonly MappingInput[] | null;
  noRelationships?: readonly NoRelationshipInput[] | null;
}

export function planProposeMappings(state: WorkspaceState, input: ProposeMappingsInput, ctx: ChangeContext): Planned {
  const set = ownSet(state, input.set, input.expectedRevision);
  if (!('localId' in set)) return refused([set]);
  const mappings = input.mappings ?? [];
  const nones = input.noRelationships ?? [];
  const tooMany = itemLimit(['input', 'mappings'], mappings.length + nones.length);
  if (tooMany) return refused([tooMany]);
  if (mappings.length + nones.length === 0) return refused([error(['input', 'mappings'], 'INVALID', 'Nothing to propose: give mappings, noRelationships or both.')]);
  const errors: UserError[] = [];
  const exists = (id: string) => requirementExists(state, id, ctx);
  const live = (r: { review: Review }) => r.review.status === 'PROPOSED' || r.review.status === 'ACCEPTED';
  const taken = new Set(set.mappings.filter(live).map((m) => `${m.from}->${m.to}`));
  const mapped = new Set(set.mappings.filter(live).flatMap((m) => [m.from, m.to]));
  const nothingFound = new Set(set.noRelationships.filter(live).map((n) => n.requirement));
  const review: Review = { status: 'PROPOSED', proposedBy: ctx.keyId, proposedAt: ctx.at, reviewedBy: null, reviewedAt: null, comment: null, retiredBy: null, retiredAt: null };
  const added: WorkspaceMapping[] = [];
  mappings.forEach((m, i) => {
    const at = ['input', 'mappings', i];
    const before = errors.length;
    errors.push(...endProblems([...at, 'from'], m.from, set.from, exists), ...endProblems([...at, 'to'], m.to, set.to, exists));
    if (m.from === m.to) errors.push(error([...at, 'to'], 'SELF_MAPPING', `${m.from} cannot be mapped to itself.`));
    if (m.strength != null && (!Number.isInteger(m.strength) || m.strength < 1 || m.strength > 10)) errors.push(error([...at, 'strength'], 'INVALID', `Strength is a whole number from 1 to 10 (NIST IR 8477); got ${m.strength}.`));
    if (m.relationship === 'EQUAL' && m.strength != null && m.strength !== 10) errors.push(error([...at, 'strength'], 'INVALID', `An EQUAL mapping has strength 10 (NIST IR 8477); got ${m.strength}.`));
    errors.push(...optionalText([...at, 'note'], m.note, 2000));
    const key = `${m.from}->${m.to}`;
    if (taken.has(key)) errors.push(error(at, 'DUPLICATE', `${m.from} -> ${m.to} is already in ${input.set}${added.some((a) => `${a.from}->${a.to}` === key) ? ' (twice in this call)' : ' (proposed or accepted)'}.`));
    if (nothingFound.has(m.from) || nothingFound.has(m.to)) errors.push(error(at, 'CONTRADICTION', `${nothingFound.has(m.from) ? m.from : m.to} is recorded as "assessed, nothing found" in this set; retire that record first.`));
    taken.add(key);
    if (errors.length === before) {
      added.push({ from: m.from, to: m.to, relationship: m.relationship, strength: m.strength ?? (m.relationship === 'EQUAL' ? 10 : null), rationale: m.rationale ?? null, note: m.note?.trim() || null, review });
      mapped.add(m.from).add(m.to);
    }
  });
  const addedNones: WorkspaceNoRelationship[] = [];
  nones.forEach((n, i) => {
    const at = ['input', 'noRelationships', i];
    const framework = frameworkIdOf(n.requirement);
    const side: MappingSide | null = framework === set.from ? 'from' : framework === set.to ? 'to' : null;
    if (side === null) errors.push(error([...at, 'requirement'], 'INVALID', `${n.requirement} belongs to neither side of ${input.set} (${set.from}, ${set.to}).`));
    else if (!exists(n.requirement)) errors.push(notFound([...at, 'requirement'], 'requirement', n.requirement));
    errors.push(...textProblems([...at, 'reason'], n.reason, 2000));
    if (nothingFound.has(n.requirement)) errors.push(error(at, 'DUPLICATE', `${n.requirement} is already recorded as "nothing found" in ${input.set}.`));
    else if (mapped.has(n.requirement)) errors.push(error(at, 'CONTRADICTION', `${n.requirement} has mappings in ${input.set}; "nothing found" would contradict them.`));
    nothingFound.add(n.requirement);
    if (side) addedNones.push({ requirement: n.requirement, side, reason: n.reason.trim(), review });
  });
  const replaced = (r: { review: Review }) => !live(r);
  const keptMappings = set.mappings.filter((m) => !(replaced(m) && added.some((a) => a.from === m.from && a.to === m.to)));
  const keptNones = set.noRelationships.filter((n) => !(replaced(n) && addedNones.some((a) => a.requirement === n.requirement)));
  if (keptMappings.length + keptNones.length + added.length + addedNones.length > MAX_RECORDS_PER_SET) errors.push(error(['input'], 'TOO_MANY_ITEMS', `A mapping set holds at most ${MAX_RECORDS_PER_SET} records.`));
  if (errors.length > 0) return refused(errors);
  // A pair proposed again after a rejection or retirement starts a new review in place of the old record.
  const next: WorkspaceMappingSet = { ...set, revision: set.revision + 1, mappings: [...keptMappings, ...added], noRelationships: [...keptNones, ...addedNones] };
  return changed(state, 'proposeMappings', {}, { [set.localId]: next });
}

function requirementExists(state: WorkspaceState, id: string, ctx: ChangeContext): boolean {
  const framework = frameworkIdOf(id);
  const workspace = workspaceOfId(framework);
  if (workspace === null) return ctx.publicRequirementIds.has(id);
  if (workspace !== state.workspace) return false;
  const ref = id.slice(framework.length + 1);
  return state.frameworks.get(localIdOf(framework))?.requirements.some((r) => r.ref === ref) ?? false;
}

function endProblems(field: Array<string | number>, id: string, frameworkId: string, exists: (id: string) => boolean): UserError[] {
  if (frameworkIdOf(id) !== frameworkId) return [error(field, 'INVALID', `${id.slice(0, 120)} is not a requirement of ${frameworkId}, this side of the set.`)];
  return exists(id) ? [] : [notFound(field, 'requirement', id)];
}

// ---------------------------------------------------------------- reviews and retirement

export const DECISIONS = ['ACCEPT', 'REJECT'] as const;
export type Decision = (typeof DECISIONS)[number];

export interface ReviewMappingsInput {
  set: string;
  expectedRevision?: number | null;
  decisions: ReadonlyArray<{ id: string; decision: Decision; comment?: string | null }>;
}

export function planReviewMappings(state: WorkspaceState, input: ReviewMappingsInput, ctx: ChangeContext): Planned {
  const set = ownSet(state, input.set, input.expectedRevision);
  if (!('localId' in set)) return refused([set]);
  const tooMany = itemLimit(['input', 'decisions'], input.decisions.length);
  if (tooMany) return refused([tooMany]);
  const errors: UserError[] = [];
  const records = recordsById(state.workspace, set);
  const decided = new Map<string, Review>();
  input.decisions.forEach((d, i) => {
    const at = ['input', 'decisions', i];
    errors.push(...optionalText([...at, 'comment'], d.comment, 2000));
    const record = records.get(d.id);
    if (!record) return void errors.push(notFound([...at, 'id'], `mapping or NO_RELATIONSHIP record in ${input.set}`, d.id));
    if (decided.has(d.id)) return void errors.push(error([...at, 'id'], 'DUPLICATE', `${d.id} is decided twice in this call.`));
    if (record.review.status !== 'PROPOSED') {
      return void errors.push(error([...at, 'id'], 'ALREADY_REVIEWED', `${d.id} is ${record.review.status.toLowerCase()}${record.review.reviewedBy ? ` (by key ${record.review.reviewedBy})` : ''}; only a proposal can be accepted or rejected.`));
    }
    if (!mayReview({ keyId: ctx.keyId, role: ctx.role }, record.review.proposedBy)) {
      return void errors.push(error([...at, 'id'], 'SELF_REVIEW', `${d.id} was proposed with this key; another reviewer must decide on it.`));
    }
    decided.set(d.id, { ...record.review, status: d.decision === 'ACCEPT' ? 'ACCEPTED' : 'REJECTED', reviewedBy: ctx.keyId, reviewedAt: ctx.at, comment: d.comment?.trim() || null });
  });
  if (errors.length > 0) return refused(errors);
  return changed(state, 'reviewMappings', {}, { [set.localId]: withReviews(state.workspace, set, decided) });
}

export interface RetireMappingsInput {
  set: string;
  expectedRevision?: number | null;
  ids: readonly string[];
  comment?: string | null;
}

export function planRetireMappings(state: WorkspaceState, input: RetireMappingsInput, ctx: ChangeContext): Planned {
  const set = ownSet(state, input.set, input.expectedRevision);
  if (!('localId' in set)) return refused([set]);
  const tooMany = itemLimit(['input', 'ids'], input.ids.length);
  if (tooMany) return refused([tooMany]);
  const errors: UserError[] = [...optionalText(['input', 'comment'], input.comment, 2000)];
  const records = recordsById(state.workspace, set);
  const retired = new Map<string, Review>();
  input.ids.forEach((id, i) => {
    const record = records.get(id);
    if (!record) return void errors.push(notFound(['input', 'ids', i], `mapping or NO_RELATIONSHIP record in ${input.set}`, id));
    if (retired.has(id)) return void errors.push(error(['input', 'ids', i], 'DUPLICATE', `${id} is named twice in this call.`));
    if (record.review.status !== 'ACCEPTED') return void errors.push(error(['input', 'ids', i], 'ALREADY_REVIEWED', `${id} is ${record.review.status.toLowerCase()}; only an accepted record can be retired.`));
    retired.set(id, { ...record.review, status: 'RETIRED', retiredBy: ctx.keyId, retiredAt: ctx.at, comment: input.comment?.trim() || record.review.comment });
  });
  if (errors.length > 0) return refused(errors);
  return changed(state, 'retireMappings', {}, { [set.localId]: withReviews(state.workspace, set, retired) });
}

/** A set's records by their global ids (`mapping:...`, `no-relationship:...`), as the API names them. */
function recordsById(workspace: string, set: WorkspaceMappingSet): Map<string, { review: Review }> {
  const setId = workspaceScopedId(workspace, set.localId);
  const records = new Map<string, { review: Review }>();
  for (const m of set.mappings) records.set(`mapping:${mappingId(setId, m.from, m.to)}`, m);
  for (const n of set.noRelationships) records.set(`no-relationship:${noRelationshipId(setId, n.requirement)}`, n);
  return records;
}

function withReviews(workspace: string, set: WorkspaceMappingSet, reviews: Map<string, Review>): WorkspaceMappingSet {
  const setId = workspaceScopedId(workspace, set.localId);
  return {
    ...set,
    revision: set.revision + 1,
    mappings: set.mappings.map((m) => ({ ...m, review: reviews.get(`mapping:${mappingId(setId, m.from, m.to)}`) ?? m.review })),
    noRelationships: set.noRelationships.map((n) => ({ ...n, review: reviews.get(`no-relationship:${noRelationshipId(setId, n.requirement)}`) ?? n.review })),
  };
}

// ---------------------------------------------------------------- text checks

function itemLimit(field: string[], count: number): UserError | null {
  return count > MAX_ITEMS_PER_CALL ? error(field, 'TOO_MANY_ITEMS', `At most ${MAX_ITEMS_PER_CALL} items per call; got ${count}. Split the input into several calls.`) : null;
}

function refText(ref: string): string | null {
  if (ref.length === 0 || ref.length > 40) return `A ref is 1 to 40 characters; got ${ref.length}.`;
  return REF.test(ref) && ref === ref.trim() ? null : `A ref has no colon and no leading or trailing space, like "AC-01"; got ${JSON.stringify(ref.slice(0, 60))}.`;
}

function textProblems(field: Array<string | number>, value: string, max: number): UserError[] {
  const trimmed = value.trim();
  if (trimmed.length === 0) return [error(field, 'INVALID', 'Must not be empty.')];
  return trimmed.length > max ? [error(field, 'INVALID', `At most ${max} characters; got ${trimmed.length}.`)] : [];
}

function optionalText(field: Array<string | number>, value: string | null | undefined, max: number): UserError[] {
  return value == null || value.trim() === '' ? [] : textProblems(field, value, max);
}
