import { execFile } from 'node:child_process';
import { mkdtemp, mkdir, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { buildGraph, loadSeed } from '../../src/seed/load-seed.js';
import { SeedError, type SeedProblem } from '../../src/seed/seed-error.js';
import { fixtureFiles, fixtureGraph, fixtureSeed, type FixtureSeed } from '../helpers/fixture-seed.js';

/** Builds the fixture after one change and returns the problems it reports. */
function problemsAfter(change: (seed: FixtureSeed) => void): SeedProblem[] {
  const seed = fixtureSeed();
  change(seed);
  try {
    buildGraph(fixtureFiles(seed));
  } catch (error) {
    expect(error).toBeInstanceOf(SeedError);
    return (error as SeedError).problems;
  }
  throw new Error('expected the seed to be rejected');
}

const alphaBeta = (seed: FixtureSeed) => seed.mappings['alpha--beta'] as { mappings: any[]; noRelationship: any[] };
const beta = (seed: FixtureSeed) => seed.frameworks.beta as { requirements: any[] };

describe('seed validation', () => {
  it('loads a valid seed into a whole graph', () => {
    const graph = fixtureGraph();
    expect(graph.frameworks.map((f) => f.id)).toEqual(['alpha', 'beta', 'gamma']);
    expect(graph.requirements).toHaveLength(13);
    expect(graph.mappings).toHaveLength(4);
    expect(graph.noRelationships).toHaveLength(1);
    expect(graph.mappings[0]).toMatchObject({ fromId: 'alpha:A1', toId: 'beta:B1', relationship: 'SUPERSET_OF', setId: 'alpha--beta' });
    expect(graph.version).toMatch(/^[0-9a-f]{16}$/);
  });

  it('names the file, line and entry of an unknown requirement in a mapping, with suggestions', () => {
    const [problem, ...rest] = problemsAfter((s) => (alphaBeta(s).mappings[0].to = 'B9'));
    expect(rest).toEqual([]);
    expect(problem).toMatchObject({ file: 'mappings/alpha--beta.yaml', entry: 'mappings[0] (A1 -> B9)' });
    expect(problem!.line).toBeGreaterThan(1);
    expect(problem!.message).toMatch(/unknown requirement "beta:B9" \(did you mean .*"beta:B1"/);
  });

  it('rejects duplicate ids', () => {
    const problems = problemsAfter((s) => s.disciplines.push({ ...(s.disciplines[0] as object) }));
    expect(problems).toContainEqual(expect.objectContaining({ file: 'disciplines.yaml', entry: '[2]', message: 'duplicate id "risk"' }));
  });

  it('rejects a duplicate requirement ref within a framework', () => {
    const problems = problemsAfter((s) => beta(s).requirements.push({ ...beta(s).requirements[1] }));
    expect(problems[0]).toMatchObject({ file: 'frameworks/beta.yaml', entry: 'requirements[6] (ref "B1")' });
    expect(problems[0]!.message).toMatch(/duplicate ref "B1"/);
  });

  it('rejects a bad enum value and says which values are allowed', () => {
    const [problem] = problemsAfter((s) => (alphaBeta(s).mappings[1].relationship = 'SAME_AS'));
    expect(problem).toMatchObject({ file: 'mappings/alpha--beta.yaml', entry: 'mappings[1].relationship' });
    expect(problem!.message).toMatch(/EQUAL/);
  });

  it('rejects a missing field', () => {
    const [problem] = problemsAfter((s) => delete beta(s).requirements[2].summary);
    expect(problem).toMatchObject({ file: 'frameworks/beta.yaml', entry: 'requirements[2].summary' });
    expect(problem!.line).toBeGreaterThan(1);
  });

  it('rejects an unknown discipline on a requirement', () => {
    const [problem] = problemsAfter((s) => (beta(s).requirements[1].disciplines = ['risk', 'no-such']));
    expect(problem).toMatchObject({ file: 'frameworks/beta.yaml', entry: 'requirements[1] (ref "B1")', message: 'unknown discipline "no-such"' });
  });

  it('keeps strength 10 for EQUAL only', () => {
    expect(problemsAfter((s) => (alphaBeta(s).mappings[0].relationship = 'EQUAL'))[0]!.message).toBe('an EQUAL mapping has strength 10');
    expect(problemsAfter((s) => (alphaBeta(s).mappings[1].strength = 10))[0]!.message).toBe('strength 10 is reserved for EQUAL');
    expect(problemsAfter((s) => (alphaBeta(s).mappings[1].strength = 11))[0]!.entry).toBe('mappings[1].strength');
  });

  it('requires GROUP exactly for requirements with children', () => {
    expect(problemsAfter((s) => (beta(s).requirements[0].kind = 'CLAUSE'))[0]!.message).toMatch(/has children, so kind must be GROUP/);
    expect(problemsAfter((s) => (beta(s).requirements[5].kind = 'GROUP'))[0]!.message).toMatch(/GROUP needs at least one child/);
  });

  it('lets a CONTROL have CONTROL children (a base control and its enhancements), nothing else', () => {
    const enhancement = (s: FixtureSeed, kind: string) =>
      beta(s).requirements.push({ ref: 'B1(1)', title: 'Enhancement of B1', kind, parent: 'B1', summary: 'Adds to B1 in these tests.', disciplines: ['risk'] });
    const seed = fixtureSeed();
    enhancement(seed, 'CONTROL');
    const graph = buildGraph(fixtureFiles(seed));
    expect(graph.requirements.find((r) => r.id === 'beta:B1(1)')).toMatchObject({ kind: 'CONTROL', parentId: 'beta:B1' });
    expect(graph.requirements.find((r) => r.id === 'beta:B1')!.kind).toBe('CONTROL');
    expect(problemsAfter((s) => enhancement(s, 'CLAUSE'))[0]!.message).toMatch(/"B1" has children|has children, so kind must be GROUP/);
  });

  it('refuses mappings to a group, duplicate pairs, and a requirement both mapped and "not related"', () => {
    expect(problemsAfter((s) => (alphaBeta(s).mappings[0].to = 'B'))[0]!.message).toMatch(/"beta:B" is a GROUP/);
    expect(problemsAfter((s) => alphaBeta(s).mappings.push({ ...alphaBeta(s).mappings[0] }))[0]!.message).toMatch(/duplicate pair/);
    expect(problemsAfter((s) => (alphaBeta(s).noRelationship[0].ref = 'B1'))[0]!.message).toMatch(/also has mappings in this set/);
  });

  it('reports YAML syntax errors with their line', () => {
    const files = fixtureFiles().map((f) => (f.name === 'risks.yaml' ? { ...f, text: `${f.text}\n- id: [unclosed\n` } : f));
    try {
      buildGraph(files);
      expect.unreachable();
    } catch (error) {
      const [problem] = (error as SeedError).problems;
      expect(problem).toMatchObject({ file: 'risks.yaml' });
      expect(problem!.line).toBeGreaterThan(1);
      expect(problem!.message).toMatch(/YAML syntax/);
    }
  });

  it('collects every problem in one pass and prints them in the error message', () => {
    const seed = fixtureSeed();
    alphaBeta(seed).mappings[0].relationship = 'SAME';
    (seed.risks[0] as any).category = 'WEATHER';
    try {
      buildGraph(fixtureFiles(seed));
      expect.unreachable();
    } catch (error) {
      expect((error as SeedError).problems).toHaveLength(2);
      expect((error as Error).message).toMatch(/seed is invalid \(2 problems\)/);
      expect((error as Error).message).toMatch(/mappings\/alpha--beta.yaml:\d+ mappings\[0\].relationship/);
      expect((error as Error).message).toMatch(/risks.yaml:\d+ \[0\].category/);
    }
  });

  it('fails on a missing seed folder', async () => {
    await expect(loadSeed('/nonexistent/seed')).rejects.toThrow(SeedError);
  });

  it('stops start-up on a broken seed: the server exits non-zero and names the problem', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'crosswalk-seed-'));
    const seed = fixtureSeed();
    alphaBeta(seed).mappings[0].to = 'B9';
    for (const file of fixtureFiles(seed)) {
      await mkdir(path.dirname(path.join(dir, file.name)), { recursive: true });
      await writeFile(path.join(dir, file.name), file.text);
    }
    const run = promisify(execFile)(process.execPath, ['--import', 'tsx', 'src/server.ts'], {
      env: { ...process.env, CROSSWALK_SEED_DIR: dir, PORT: '0' },
      timeout: 20_000,
    });
    const failure = await run.then(() => null, (error: { code: number; stdout: string }) => error);
    expect(failure?.code).toBe(1);
    // One structured fatal line (the API's one log sink), listing the problem with file and line.
    const fatal = failure!.stdout.trim().split('\n').map((l) => JSON.parse(l)).find((l) => l.level === 60);
    expect(fatal.problems).toContainEqual(expect.stringMatching(/mappings\/alpha--beta.yaml:\d+ mappings\[0\] \(A1 -> B9\): unknown requirement "beta:B9"/));
  });
});
