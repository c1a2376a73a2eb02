import { ErrorCode } from './error-codes.js';
import { SET_MEMBER_PREFIXES, TYPE_PREFIXES } from './ids.js';

/**
 * Who may do what in a workspace (issue #21), as pure rules: the roles, the actions, the format of
 * an API key and of the Authorization header. Hashing and comparing secrets needs node:crypto, so
 * it lives with the key store in src/workspace/; everything here is string work.
 */

export const ROLES = ['reader', 'editor', 'reviewer', 'admin'] as const;
export type Role = (typeof ROLES)[number];

export const ACTIONS = [
  'read',
  'createFramework',
  'upsertRequirements',
  'createMappingSet',
  'proposeMappings',
  'reviewMappings',
  'retireMappings',
  'deleteFramework',
  'readAudit',
] as const;
export type Action = (typeof ACTIONS)[number];

/**
 * The roles allowed each action. Editors build (frameworks, requirements, sets, proposals);
 * reviewers decide what counts (accept, reject, and retire: withdrawing an accepted mapping changes
 * answers as much as accepting one); admins may do everything in their workspace, and alone delete
 * frameworks and read the audit trail.
 */
const ALLOWED: Record<Action, readonly Role[]> = {
  read: ROLES,
  createFramework: ['editor', 'admin'],
  upsertRequirements: ['editor', 'admin'],
  createMappingSet: ['editor', 'admin'],
  proposeMappings: ['editor', 'admin'],
  reviewMappings: ['reviewer', 'admin'],
  retireMappings: ['reviewer', 'admin'],
  deleteFramework: ['admin'],
  readAudit: ['admin'],
};

export function isRole(value: string): value is Role {
  return (ROLES as readonly string[]).includes(value);
}

/** Whether a key of this role may do this action in its own workspace. */
export function can(role: Role, action: Action): boolean {
  return ALLOWED[action].includes(role);
}

/**
 * Whether this key may accept or reject a proposal: its role allows reviewing, and it did not make
 * the proposal (four eyes, admins included). Keys are the identity we know, so a person holding two
 * keys of the workspace could review their own work: give each person one key.
 */
export function mayReview(reviewer: { keyId: string; role: Role }, proposerKeyId: string): boolean {
  return can(reviewer.role, 'reviewMappings') && reviewer.keyId !== proposerKeyId;
}

/** A caller the API knows: the key it presented, its workspace and role. */
export interface Principal {
  kind: 'key';
  keyId: string;
  workspace: string;
  role: Role;
}
/** A caller without a key: reads the public graph only. */
export interface Anonymous {
  kind: 'anonymous';
}
export const ANONYMOUS: Anonymous = { kind: 'anonymous' };
export type Caller = Principal | Anonymous;

/** A refused key: malformed, unknown or revoked. Its message never contains the key. */
export class AuthenticationError extends Error {
  readonly code = ErrorCode.UNAUTHENTICATED;
}

/** A workspace's name: a lowercase slug of 2 to 40 characters, starting with a letter. */
const WORKSPACE_SLUG = /^[a-z](?:[a-z0-9]|-(?=[a-z0-9])){1,39}$/;

/**
 * Names a workspace cannot take: its ids (`<workspace>:<slug>`) would read as ids of another type
 * (`risk:controls` as a risk, `mapping:controls` as no id at all). Public framework ids are refused
 * too, where the public graph is known (workspace-changes.ts): `soc2:x` would read as a requirement.
 */
export const RESERVED_WORKSPACE_NAMES: readonly string[] = [...Object.values(TYPE_PREFIXES), ...Object.values(SET_MEMBER_PREFIXES)];

/** Why a workspace name is not acceptable, or null when it is. */
export function workspaceSlugProblem(slug: string): string | null {
  if (!WORKSPACE_SLUG.test(slug)) {
    return `a workspace name is 2 to 40 lowercase letters, digits and single hyphens, starting with a letter (like "acme" or "client-2026"); got ${JSON.stringify(slug.slice(0, 60))}`;
  }
  return RESERVED_WORKSPACE_NAMES.includes(slug) ? `"${slug}" cannot name a workspace: it begins ids of another kind (${RESERVED_WORKSPACE_NAMES.join(', ')} are reserved)` : null;
}

/**
 * An API key: `cwk_<keyId>_<secret>`. The key id (16 hex digits) names the key in lists, logs and
 * the audit trail; the secret is 32 random bytes (256 bits) in unpadded base64url, 43 characters.
 */
export const KEY_PREFIX = 'cwk_';
export const KEY_ID_PATTERN = /^[0-9a-f]{16}$/;
const SECRET_CHARS = 43;
const BASE64URL = /^[A-Za-z0-9_-]+$/;
/**
 * 43 base64url characters carry 258 bits: the last one holds 2 padding bits, which must be zero
 * for the text to be the one encoding of its bytes (so two spellings never decode to one secret).
 */
const CANONICAL_LAST = 'AEIMQUYcgkosw048';

export interface ParsedKey {
  keyId: string;
  /** The secret as its base64url text. */
  secret: string;
}

export function formatKey(keyId: string, secret: string): string {
  return `${KEY_PREFIX}${keyId}_${secret}`;
}

/** Reads a key strictly; anything else is an AuthenticationError saying what shape a key has. */
export function parseKey(text: string): ParsedKey {
  const malformed = () => new AuthenticationError(`malformed API key: expected ${KEY_PREFIX}<16 hex digits>_<43 base64url characters>`);
  if (typeof text !== 'string' || !text.startsWith(KEY_PREFIX) || text.length !== KEY_PREFIX.length + 16 + 1 + SECRET_CHARS) throw malformed();
  const keyId = text.slice(KEY_PREFIX.length, KEY_PREFIX.length + 16);
  const separator = text[KEY_PREFIX.length + 16];
  const secret = text.slice(KEY_PREFIX.length + 17);
  if (!KEY_ID_PATTERN.test(keyId) || separator !== '_' || !BASE64URL.test(secret) || !CANONICAL_LAST.includes(secret[SECRET_CHARS - 1]!)) throw malformed();
  return { keyId, secret };
}

/**
 * The key in an Authorization header: none means anonymous (null); otherwise the header must be
 * `Bearer <key>` (scheme case-insensitive, as RFC 7235 says) with a well-formed key.
 */
export function keyFromAuthorization(header: string | undefined | null): ParsedKey | null {
  if (header === undefined || header === null || header.trim() === '') return null;
  const match = /^\s*bearer\s+(\S+)\s*$/i.exec(header);
  if (!match) throw new AuthenticationError('the Authorization header must be "Bearer <API key>"');
  return parseKey(match[1]!);
}
