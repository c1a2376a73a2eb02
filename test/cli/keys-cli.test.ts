import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { AuthenticationError, parseKey } from '../../src/domain/access.js';
import { KeyStore } from '../../src/workspace/key-store.js';

/** `crosswalk keys ...` run as a user runs it: the installed bin, in its own process. */
const BIN = path.resolve(import.meta.dirname, '../../src/cli/bin.mjs');

function crosswalk(dataDir: string, ...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(process.execPath, [BIN, ...args], { env: { ...process.env, CROSSWALK_DATA_DIR: dataDir } }, (error, stdout, stderr) => {
      resolve({ code: error ? (typeof error.code === 'number' ? error.code : 1) : 0, stdout, stderr });
    });
  });
}

describe('crosswalk keys', () => {
  const dataDir = path.join(mkdtempSync(path.join(tmpdir(), 'crosswalk-keys-cli-')), 'data');

  it('create prints the key once, alone on the last line of stdout; list never shows it; revoke stops it', async () => {
    const [editor, reviewer] = await Promise.all([
      crosswalk(dataDir, 'keys', 'create', '--workspace', 'acme', '--role', 'editor'),
      crosswalk(dataDir, 'keys', 'create', '--workspace', 'globex', '--role', 'reviewer'),
    ]);
    expect(editor.code).toBe(0);
    expect(reviewer.code).toBe(0);
    const lines = editor.stdout.trimEnd().split('\n');
    const key = lines.at(-1)!;
    const { keyId, secret } = parseKey(key);
    expect(lines.slice(0, -1).join('\n')).toContain(`created key ${keyId} for workspace acme with role editor`);
    // Once: the secret appears exactly once in everything the command printed.
    expect(`${editor.stdout}${editor.stderr}`.split(secret)).toHaveLength(2);
    expect(await new KeyStore(dataDir).authenticate(`Bearer ${key}`)).toEqual({ kind: 'key', keyId, workspace: 'acme', role: 'editor' });

    const [all, acmeOnly] = await Promise.all([crosswalk(dataDir, 'keys', 'list'), crosswalk(dataDir, 'keys', 'list', '--workspace', 'acme')]);
    expect(all.code).toBe(0);
    const rows = all.stdout.trimEnd().split('\n');
    expect(rows[0]).toMatch(/^ID\s+WORKSPACE\s+ROLE\s+CREATED\s+REVOKED$/);
    expect(rows).toHaveLength(3);
    expect(all.stdout).toMatch(new RegExp(`^${keyId}\\s+acme\\s+editor\\s+\\d{4}-\\d\\d-\\d\\dT[\\d:.]+Z\\s+-$`, 'm'));
    expect(acmeOnly.stdout.trimEnd().split('\n')).toHaveLength(2);
    expect(acmeOnly.stdout).not.toContain('globex');
    const hash = JSON.parse(readFileSync(path.join(dataDir, 'keys.json'), 'utf8')).keys.find((k: { keyId: string }) => k.keyId === keyId).secretHash;
    for (const output of [all.stdout, acmeOnly.stdout]) {
      expect(output).not.toContain(secret);
      expect(output).not.toContain(hash.slice('sha256:'.length));
    }

    const revoked = await crosswalk(dataDir, 'keys', 'revoke', keyId);
    expect(revoked.code).toBe(0);
    expect(revoked.stdout).toMatch(new RegExp(`^revoked key ${keyId} of workspace acme at \\d{4}-`));
    await expect(new KeyStore(dataDir).authenticate(`Bearer ${key}`)).rejects.toThrow(AuthenticationError);
    const after = await crosswalk(dataDir, 'keys', 'list', '--workspace', 'acme');
    expect(after.stdout).toMatch(new RegExp(`^${keyId}\\s+acme\\s+editor\\s+\\S+\\s+\\d{4}-\\d\\d-\\d\\dT[\\d:.]+Z$`, 'm'));
  }, 180_000); // six commands, each a fresh Node process compiling the CLI through tsx

  it.each([
    [['keys', 'create', '--workspace', 'acme', '--role', 'owner'], /^crosswalk: unknown role "owner"; roles: reader, editor, reviewer, admin\n$/],
    [['keys', 'create', '--workspace', 'Acme Corp', '--role', 'editor'], /^crosswalk: a workspace name is 2 to 40 lowercase letters/],
    [['keys', 'create', '--role', 'editor'], /^crosswalk: --workspace is required/],
    [['keys', 'revoke', '0123456789abcdef'], /^crosswalk: unknown key id 0123456789abcdef; `crosswalk keys list` shows the keys\n$/],
    [['keys', 'revoke'], /^crosswalk: give one key id/],
    [['keys', 'rotate'], /^crosswalk: unknown keys action "rotate"; use create, list or revoke\n$/],
  ])('%j exits 2 with a one-line reason and changes nothing', async (args, message) => {
    const dir = path.join(mkdtempSync(path.join(tmpdir(), 'crosswalk-keys-cli-')), 'data');
    const run = await crosswalk(dir, ...args);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(message);
    expect(run.stdout).toBe('');
    expect(await new KeyStore(dir).list()).toEqual([]);
  });
});
