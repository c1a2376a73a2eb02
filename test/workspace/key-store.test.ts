import { mkdtempSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { Writable } from 'node:stream';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { AuthenticationError, parseKey } from '../../src/domain/access.js';
import { ErrorCode } from '../../src/domain/error-codes.js';
import { createLogger } from '../../src/logger.js';
import { KeyRequestError, KeyStore } from '../../src/workspace/key-store.js';

const tmp = () => mkdtempSync(path.join(tmpdir(), 'crosswalk-keys-'));

async function refusal(store: KeyStore, header: string): Promise<AuthenticationError> {
  try {
    await store.authenticate(header);
  } catch (error) {
    expect(error).toBeInstanceOf(AuthenticationError);
    return error as AuthenticationError;
  }
  throw new Error(`expected ${header.slice(0, 12)}... to be refused`);
}

describe('the key store', () => {
  it('creates a 256-bit key, stores only its hash, and authenticates it to its workspace and role', async () => {
    const dir = tmp();
    const store = new KeyStore(dir);
    const { info, key } = await store.create('acme', 'editor');
    const { keyId, secret } = parseKey(key);
    expect(keyId).toBe(info.keyId);
    expect(Buffer.from(secret, 'base64url')).toHaveLength(32);
    expect(await store.authenticate(`Bearer ${key}`)).toEqual({ kind: 'key', keyId, workspace: 'acme', role: 'editor' });

    const file = readFileSync(path.join(dir, 'keys.json'), 'utf8');
    expect(file).not.toContain(secret);
    expect(JSON.parse(file).keys[0]).toEqual({ ...info, secretHash: expect.stringMatching(/^sha256:[0-9a-f]{64}$/) });
    expect(statSync(path.join(dir, 'keys.json')).mode & 0o777).toBe(0o600);
  });

  it('makes a different key each time', async () => {
    const store = new KeyStore(tmp());
    const keys = await Promise.all(Array.from({ length: 5 }, () => store.create('acme', 'reader')));
    expect(new Set(keys.map((k) => k.key)).size).toBe(5);
    expect(await store.list()).toHaveLength(5);
  });

  it('answers anonymous without a header', async () => {
    expect(await new KeyStore(tmp()).authenticate(undefined)).toEqual({ kind: 'anonymous' });
  });

  it('gives one answer for an unknown key, a wrong secret and a revoked key, so a caller cannot probe', async () => {
    const store = new KeyStore(tmp());
    const { info, key } = await store.create('acme', 'admin');
    const { keyId, secret } = parseKey(key);
    const otherSecret = Buffer.alloc(32, 7).toString('base64url');
    const unknown = await refusal(store, `Bearer cwk_${'f'.repeat(16)}_${secret}`);
    const wrongSecret = await refusal(store, `Bearer cwk_${keyId}_${otherSecret}`);
    await store.revoke(info.keyId);
    const revoked = await refusal(store, `Bearer ${key}`);
    for (const error of [unknown, wrongSecret, revoked]) expect(error.code).toBe(ErrorCode.UNAUTHENTICATED);
    expect(new Set([unknown.message, wrongSecret.message, revoked.message])).toEqual(new Set(['the API key is not valid']));
    const malformed = await refusal(store, 'Bearer cwk_nonsense');
    expect(malformed.message).toMatch(/malformed/);
  });

  it('sees a revocation made by another process (another store on the same file) at the next check', async () => {
    const dir = tmp();
    const server = new KeyStore(dir);
    const cli = new KeyStore(dir);
    const { info, key } = await cli.create('acme', 'reviewer');
    expect((await server.authenticate(`Bearer ${key}`)).kind).toBe('key');
    await cli.revoke(info.keyId);
    await expect(server.authenticate(`Bearer ${key}`)).rejects.toThrow(AuthenticationError);
  });

  it('revokes once: the first revocation time stays', async () => {
    const times = ['2026-11-01T00:00:00.000Z', '2026-11-02T00:00:00.000Z', '2026-11-03T00:00:00.000Z'];
    const store = new KeyStore(tmp(), { now: () => new Date(times.shift()!) });
    const { info } = await store.create('acme', 'reader');
    expect((await store.revoke(info.keyId)).info.revokedAt).toBe('2026-11-02T00:00:00.000Z');
    const again = await store.revoke(info.keyId);
    expect(again).toEqual({ info: { ...info, revokedAt: '2026-11-02T00:00:00.000Z' }, alreadyRevoked: true });
  });

  it.each([
    ['an unknown role', (store: KeyStore) => store.create('acme', 'owner'), /unknown role "owner"; roles: reader, editor, reviewer, admin/],
    ['a bad workspace name', (store: KeyStore) => store.create('ACME corp', 'reader'), /workspace name/],
    ['a reserved workspace name (a typed id prefix)', (store: KeyStore) => store.create('mapping-set', 'reader'), /"mapping-set" cannot name a workspace/],
    ['an unknown key id', (store: KeyStore) => store.revoke('0123456789abcdef'), /unknown key id 0123456789abcdef/],
    ['a malformed key id', (store: KeyStore) => store.revoke('../keys'), /a key id is 16 hex digits/],
  ])('refuses %s as bad input, changing nothing', async (_, act, message) => {
    const dir = tmp();
    const store = new KeyStore(dir);
    await store.create('acme', 'reader');
    const before = readFileSync(path.join(dir, 'keys.json'), 'utf8');
    await expect(act(store)).rejects.toThrow(KeyRequestError);
    await expect(act(store)).rejects.toThrow(message);
    expect(readFileSync(path.join(dir, 'keys.json'), 'utf8')).toBe(before);
    expect(readdirSync(dir)).toEqual(['keys.json']);
  });

  it('never logs a key, its secret or its hash: create, authenticate, refuse, revoke', async () => {
    const lines: string[] = [];
    const logger = createLogger('debug', new Writable({ write: (chunk, _, done) => (lines.push(chunk.toString()), done()) }));
    const dir = tmp();
    const store = new KeyStore(dir, { log: (message) => logger.info(message) });
    const { info, key } = await store.create('acme', 'editor');
    const { keyId, secret } = parseKey(key);
    await store.authenticate(`Bearer ${key}`);
    await store.authenticate(`Bearer cwk_${keyId}_${Buffer.alloc(32, 1).toString('base64url')}`).catch(() => undefined);
    await store.revoke(info.keyId);
    await store.authenticate(`Bearer ${key}`).catch(() => undefined);
    const hash = JSON.parse(readFileSync(path.join(dir, 'keys.json'), 'utf8')).keys[0].secretHash.slice('sha256:'.length);

    const log = lines.join('');
    expect(lines.length).toBeGreaterThanOrEqual(4);
    expect(log).toContain(keyId);
    for (const forbidden of [secret, key, hash, secret.slice(0, 16), secret.slice(-16)]) expect(log).not.toContain(forbidden);
  });
});
