import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildExplorer } from '../../src/explorer/bundle.js';
import { explorerOperations } from '../../src/explorer/operations.js';
import { STATUS_TERMS } from '../../src/exports/glossary.js';

/**
 * The explorer's bundle builds (so a broken explorer fails `npm test`), carries every registered
 * operation and the glossary's words, pulls nothing from a CDN, and a build error names the file.
 */
describe("the explorer's bundle", () => {
  it('builds from src/explorer/app with the operations, the glossary words, cytoscape and React, and a stylesheet', async () => {
    const { js, css } = await buildExplorer();
    expect(js.length).toBeGreaterThan(100_000);
    for (const name of Object.keys(explorerOperations())) expect(js).toMatch(new RegExp(`(query|mutation) ${name}\\b`));
    for (const term of STATUS_TERMS) expect(js).toContain(term.label);
    expect(js).toMatch(/cytoscape/i);
    expect(js).not.toMatch(/https?:\/\/(cdn|unpkg|esm\.sh|jsdelivr)/);
    expect(css).toContain('--full');
    expect(css).toContain('[data-theme=dark]');
  }, 60_000);

  it('fails with the file and line of a syntax error', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'explorer-broken-'));
    const entry = path.join(dir, 'main.tsx');
    writeFileSync(entry, 'export const x = 1 +;\n');
    await expect(buildExplorer(entry)).rejects.toThrow(/main\.tsx:1/);
  });
});
