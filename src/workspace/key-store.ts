import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import { mkdir, readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import {
  ANONYMOUS,
  AuthenticationError,
  formatKey,
  isRole,
  keyFromAuthorization,
  KEY_ID_PATTERN,
  ROLES,
  workspaceSlugProblem,
  type Caller,
  type Role,
} from '../domain/access.js';
import { ErrorCode } from '../domain/error-codes.js';
import { acquireDirectoryLock, DirectoryLockedError, type DirectoryLock } from './directory-lock.js';
import { writeFileDurably } from './durable-file.js';

/**
 * The API keys of a data directory, in `keys.json` (mode 0600): each key's id, workspace, role,
 * creation and revocation times, and the SHA-256 hash of its secret, never the secret.
 *
 * Why a plain SHA-256 and not a password hash (bcrypt, scrypt, argon2): those are slow on purpose
 * because passwords are guessable; a key's secret is 256 random bits, so no dictionary exists and
 * brute force of 2^256 is out of reach however fast the hash. A fast hash keeps each request's
 * check in microseconds and a stolen keys.json still yields no usable key.
 *
 * The file is shared: the API process reads it and re-reads it when it changes (a new inode after
 * each durable write), so `crosswalk keys create|revoke` works while the API runs and a revocation
 * holds from the next request. Writers take `keys.lock` for the few milliseconds of a change.
 */

export const KEYS_FILE = 'keys.json';
const KEYS_LOCK = 'keys.lock';

interface StoredKey {
  keyId: string;
  workspace: string;
  role: Role;
  /** "sha256:" and the hex digest of the secret's 32 bytes. */
  secretHash: string;
  createdAt: string;
  revokedAt: string | null;
}

/** What may be shown about a key: everything but its hash. */
export type KeyInfo = Omit<StoredKey, 'secretHash'>;

/** A request about keys that cannot be done (bad role or workspace, unknown key id). */
export class KeyRequestError extends Error {
  readonly code = ErrorCode.BAD_USER_INPUT;
}

export interface KeyStoreOptions {
  log?: (message: string) => void;
  now?: () => Date;
}

const infoOf = ({ secretHash: _hash, ...info }: StoredKey): KeyInfo => info;

function hashSecret(secret: string): Buffer {
  return createHash('sha256').update(Buffer.from(secret, 'base64url')).digest();
}

/** Compared against when the key id is unknown, so unknown and revoked keys take the same time. */
const DECOY_HASH = createHash('sha256').update('crosswalk-decoy').digest();

export class KeyStore {
  private keys: StoredKey[] = [];
  private loadedVersion = '';
  private readonly file: string;
  private readonly log: (message: string) => void;
  private readonly now: () => Date;

  constructor(
    readonly dir: string,
    options: KeyStoreOptions = {},
  ) {
    this.file = path.join(dir, KEYS_FILE);
    this.log = options.log ?? (() => undefined);
    this.now = options.now ?? (() => new Date());
  }

  /** Creates a key; the returned `key` is the only time its secret exists outside the caller. */
  async create(workspace: string, role: string): Promise<{ info: KeyInfo; key: string }> {
    const problem = workspaceSlugProblem(workspace);
    if (problem) throw new KeyRequestError(problem);
    if (!isRole(role)) throw new KeyRequestError(`unknown role ${JSON.stringify(role.slice(0, 40))}; roles: ${ROLES.join(', ')}`);
    const secret = randomBytes(32).toString('base64url');
    const stored = await this.change((keys) => {
      let keyId: string;
      do keyId = randomBytes(8).toString('hex');
      while (keys.some((k) => k.keyId === keyId));
      const key: StoredKey = { keyId, workspace, role, secretHash: `sha256:${hashSecret(secret).toString('hex')}`, createdAt: this.now().toISOString(), revokedAt: null };
      keys.push(key);
      return key;
    });
    this.log(`created API key ${stored.keyId} for workspace ${workspace} with role ${role}`);
    return { info: infoOf(stored), key: formatKey(stored.keyId, secret) };
  }

  /** Revokes a key (again: no change, the first revocation time stays). */
  async revoke(keyId: string): Promise<{ info: KeyInfo; alreadyRevoked: boolean }> {
    if (!KEY_ID_PATTERN.test(keyId)) throw new KeyRequestError(`unknown key id ${JSON.stringify(keyId.slice(0, 40))}: a key id is 16 hex digits, as \`crosswalk keys list\` shows`);
    const result = await this.change((keys) => {
      const key = keys.find((k) => k.keyId === keyId);
      if (!key) throw new KeyRequestError(`unknown key id ${keyId}; \`crosswalk keys list\` shows the keys`);
      const alreadyRevoked = key.revokedAt !== null;
      key.revokedAt ??= this.now().toISOString();
      return { info: infoOf(key), alreadyRevoked };
    });
    if (!result.alreadyRevoked) this.log(`revoked API key ${keyId} of workspace ${result.info.workspace}`);
    return result;
  }

  async list(workspace?: string): Promise<KeyInfo[]> {
    await this.reloadIfChanged();
    return this.keys.filter((k) => workspace === undefined || k.workspace === workspace).map(infoOf);
  }

  /**
   * The caller an Authorization header names: anonymous without one, the key's principal for a
   * live key, an AuthenticationError otherwise (one message for unknown and revoked keys).
   */
  async authenticate(authorization: string | undefined | null): Promise<Caller> {
    const parsed = keyFromAuthorization(authorization);
    if (parsed === null) return ANONYMOUS;
    await this.reloadIfChanged();
    const stored = this.keys.find((k) => k.keyId === parsed.keyId);
    const expected = stored ? Buffer.from(stored.secretHash.slice('sha256:'.length), 'hex') : DECOY_HASH;
    const matches = expected.length === 32 && timingSafeEqual(hashSecret(parsed.secret), expected);
    if (!stored || !matches || stored.revokedAt !== null) {
      this.log(`refused API key ${parsed.keyId}: unknown, revoked or wrong secret`);
      throw new AuthenticationError('the API key is not valid');
    }
    return { kind: 'key', keyId: stored.keyId, workspace: stored.workspace, role: stored.role };
  }

  private async reloadIfChanged(): Promise<void> {
    let version: string;
    try {
      const s = await stat(this.file);
      version = `${s.ino}:${s.mtimeMs}:${s.size}`;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
      this.keys = [];
      this.loadedVersion = '';
      return;
    }
    if (version === this.loadedVersion) return;
    this.keys = await this.readKeys();
    this.loadedVersion = version;
  }

  private async readKeys(): Promise<StoredKey[]> {
    let text: string;
    try {
      text = await readFile(this.file, 'utf8');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
      throw error;
    }
    const parsed = JSON.parse(text) as { keys?: StoredKey[] };
    if (!Array.isArray(parsed.keys)) throw new Error(`${this.file} is not a Crosswalk key file (no "keys" list)`);
    return parsed.keys;
  }

  /** Reads, changes and writes keys.json under keys.lock, durably. */
  private async change<T>(edit: (keys: StoredKey[]) => T): Promise<T> {
    await mkdir(this.dir, { recursive: true, mode: 0o700 });
    const lock = await this.lockKeys();
    try {
      const keys = await this.readKeys();
      const result = edit(keys);
      await writeFileDurably(this.file, `${JSON.stringify({ version: 1, keys }, null, 2)}\n`, { mode: 0o600 });
      this.keys = keys;
      this.loadedVersion = '';
      return result;
    } finally {
      await lock.release();
    }
  }

  /** keys.lock is held for milliseconds: wait a little for another writer before giving up. */
  private async lockKeys(): Promise<DirectoryLock> {
    for (let attempt = 0; ; attempt++) {
      try {
        return await acquireDirectoryLock(this.dir, KEYS_LOCK, (owner, file) => `the key file is being changed by process ${owner.pid} on ${owner.host} (${file}); try again`, this.log);
      } catch (error) {
        if (!(error instanceof DirectoryLockedError) || attempt >= 40) throw error;
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
    }
  }
}
