import type { AddressInfo } from 'node:net';
import express from 'express';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mountExplorer } from '../../src/explorer/routes.js';

/** A bundle that fails to build is a 500 on its two assets, with esbuild's message in the log, not in the answer. */
describe('the explorer bundle route when the build fails', () => {
  const logged: Array<{ err: unknown; msg: string }> = [];
  let url = '';
  let close: () => void = () => undefined;
  let builds = 0;

  beforeAll(async () => {
    const app = express();
    mountExplorer(app, { error: (obj: { err: unknown }, msg: string) => void logged.push({ err: obj.err, msg }) } as never, async () => {
      builds += 1;
      throw new Error('Build failed with 1 error:\nsrc/explorer/app/main.tsx:3:1: ERROR: Unexpected "}"');
    });
    const server = app.listen(0, '127.0.0.1');
    await new Promise((resolve) => server.once('listening', resolve));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    close = () => server.close();
  });
  afterAll(() => close());

  it('answers 500 for app.js and app.css, logs the esbuild message, and asks for the bundle again on the next request', async () => {
    for (const asset of ['app.js', 'app.css']) {
      const response = await fetch(`${url}/explorer/${asset}`);
      expect(response.status).toBe(500);
      const text = await response.text();
      expect(text).toMatch(/failed to build/);
      expect(text).not.toMatch(/main\.tsx/);
    }
    expect(logged).toHaveLength(2);
    expect(String((logged[0]!.err as Error).message)).toMatch(/main\.tsx:3:1: ERROR/);
    expect(logged[0]!.msg).toMatch(/bundle failed to build/);
    expect(builds).toBe(2);
    // The page itself still loads: it is static, the bundle is what failed.
    expect((await fetch(`${url}/explorer/`)).status).toBe(200);
  });
});
