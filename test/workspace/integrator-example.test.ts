import { execFile } from 'node:child_process';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startWorkspaceServer, type WorkspaceServer } from '../helpers/workspace-server.js';

/** The README's integrator example runs as written, against a real server, and prints what it promises. */
let server: WorkspaceServer;
beforeAll(async () => {
  server = await startWorkspaceServer();
});
afterAll(() => server.close());

describe('examples/bring-your-own-controls.mjs', () => {
  it('creates, proposes, reviews and shows coverage of ISO 42001 through the new controls', async () => {
    const env = {
      ...process.env,
      CROSSWALK_URL: `${server.url}/graphql`,
      ADMIN_KEY: (await server.key('initech', 'admin')).key,
      EDITOR_KEY: (await server.key('initech', 'editor')).key,
      REVIEWER_KEY: (await server.key('initech', 'reviewer')).key,
    };
    const output = await new Promise<string>((resolve, reject) =>
      execFile(process.execPath, [path.resolve(import.meta.dirname, '../../examples/bring-your-own-controls.mjs')], { env }, (error, stdout, stderr) => (error ? reject(new Error(`${error.message}\n${stderr}`)) : resolve(stdout))),
    );
    expect(output).toMatch(/^ISO\/IEC 42001 held through initech:controls: \{"total":\d+,"full":0,"partial":[1-9]\d*,/m);
    expect(output).toContain('PARTIAL  iso42001:A.6.2.6  via initech:controls:OPS-01 -> soc2:CC7.2 -> iso42001:A.6.2.6');
    expect(output).toMatch(/iso42001:A\.6\.2\.8 .*initech:controls:OPS-02 -> iso27001:A\.8\.15 -> iso42001:A\.6\.2\.8/);
  });
});
