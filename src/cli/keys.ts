import type { KeyInfo, KeyStore } from '../workspace/key-store.js';
import { CliError } from './cli-error.js';
import type { CliIo } from './crosswalk.js';

/**
 * `crosswalk keys create|list|revoke`. The new key is printed once, alone on the last line of
 * standard output (so `| tail -1` captures it); everything said about it comes before, and nothing
 * else ever prints a secret or its hash.
 */
export async function keysCommand(positionals: string[], options: { workspace?: string; role?: string }, keys: KeyStore, io: CliIo): Promise<number> {
  const [action, ...rest] = positionals;
  if (action === 'create') {
    if (rest.length > 0) throw new CliError(`keys create takes no positional arguments; got "${rest[0]}"`);
    if (!options.workspace) throw new CliError('--workspace is required: the workspace the key belongs to, like "acme"');
    if (!options.role) throw new CliError('--role is required: reader, editor, reviewer or admin');
    const { info, key } = await keys.create(options.workspace, options.role);
    io.stdout(`created key ${info.keyId} for workspace ${info.workspace} with role ${info.role}\n`);
    io.stdout('store it now: it is shown this once and cannot be recovered (revoke it and create another if lost)\n');
    io.stdout(`${key}\n`);
    return 0;
  }
  if (action === 'list') {
    if (rest.length > 0) throw new CliError(`keys list takes no positional arguments; got "${rest[0]}"`);
    if (options.role) throw new CliError('keys list takes --workspace only');
    io.stdout(keyTable(await keys.list(options.workspace)));
    return 0;
  }
  if (action === 'revoke') {
    if (rest.length !== 1) throw new CliError('give one key id: crosswalk keys revoke <key id> (ids from crosswalk keys list)');
    if (options.workspace || options.role) throw new CliError('keys revoke takes the key id only');
    const { info, alreadyRevoked } = await keys.revoke(rest[0]!);
    io.stdout(alreadyRevoked ? `key ${info.keyId} was already revoked at ${info.revokedAt}\n` : `revoked key ${info.keyId} of workspace ${info.workspace} at ${info.revokedAt}\n`);
    return 0;
  }
  throw new CliError(action ? `unknown keys action "${action}"; use create, list or revoke` : 'give an action: crosswalk keys create|list|revoke');
}

function keyTable(keys: KeyInfo[]): string {
  const rows = [['ID', 'WORKSPACE', 'ROLE', 'CREATED', 'REVOKED'], ...keys.map((k) => [k.keyId, k.workspace, k.role, k.createdAt, k.revokedAt ?? '-'])];
  const widths = rows[0]!.map((_, i) => Math.max(...rows.map((r) => r[i]!.length)));
  return rows.map((r) => r.map((cell, i) => (i === r.length - 1 ? cell : cell.padEnd(widths[i]!))).join('  ')).join('\n') + '\n';
}
