import { describe, expect, it } from 'vitest';
import { parseKey } from '../../src/domain/access.js';
import { createLogger } from '../../src/logger.js';
import { startWorkspaceServer } from '../helpers/workspace-server.js';

/** Keys are never logged (issue #21): an operation's log line names the key by id, and nothing in the log holds the key or its secret. */
describe('logging with API keys', () => {
  it('names the key id and workspace in the operation line, never the key, refused keys included', async () => {
    const lines: string[] = [];
    const server = await startWorkspaceServer({ log: createLogger('info', { write: (line: string) => lines.push(line) }) });
    try {
      const { key, keyId } = await server.key('acme', 'editor');
      await server.as(key)('mutation { createFramework(input: { id: "acme:controls", name: "Controls" }) { userErrors { code } } }');
      const forged = `${key.slice(0, -5)}AAAAA`;
      expect((await server.as(forged)('{ frameworks { id } }')).status).toBe(401);
      const operation = lines.map((l) => JSON.parse(l) as Record<string, unknown>).find((l) => l.msg === 'graphql operation');
      expect(operation).toMatchObject({ keyId, workspace: 'acme' });
      // The secrets as the key format delimits them: a base64url secret may itself hold "_", so the
      // text after the last "_" can be a single letter that any log line contains.
      const secret = parseKey(key).secret;
      const forgedSecret = forged.slice(forged.length - secret.length);
      for (const line of lines) {
        expect(line).not.toContain(secret);
        expect(line).not.toContain(forgedSecret);
      }
    } finally {
      await server.close();
    }
  });
});
