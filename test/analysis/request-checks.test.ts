import { describe, expect, it } from 'vitest';
import { coverageRequestProblems, crosswalkRequestProblems, distinctProblems, frameworkListProblems, quotedArgument } from '../../src/analysis/request-checks.js';

/** The request rules GraphQL and the CLI share: typed problems, each naming its argument. */

const cliName = (argument: string) => `--${argument}`;

describe('analysis request checks', () => {
  it('refuse a held list that includes the target, and GROUP coverage, naming each argument', () => {
    expect(coverageRequestProblems({ target: 'beta', held: ['alpha', 'beta'], kind: 'GROUP' }, quotedArgument)).toEqual([
      { code: 'BAD_USER_INPUT', argument: 'held', message: '"held" must not include the target "beta": a framework trivially covers itself.' },
      { code: 'BAD_USER_INPUT', argument: 'kind', message: '"kind" GROUP has no coverage: coverage is over clauses and controls.' },
    ]);
    expect(coverageRequestProblems({ target: 'beta', held: ['alpha'], kind: 'CONTROL' }, quotedArgument)).toEqual([]);
  });

  it('write argument names the way each surface does', () => {
    expect(crosswalkRequestProblems({ from: 'alpha', to: 'alpha' }, cliName)[0]!.message).toBe('--from and --to must be two different frameworks.');
    expect(crosswalkRequestProblems({ from: 'alpha', to: 'alpha' }, quotedArgument)[0]).toMatchObject({ argument: 'to', message: '"from" and "to" must be two different frameworks.' });
  });

  it('bound framework lists on both sides', () => {
    expect(frameworkListProblems([], 'held', quotedArgument)).toEqual([{ code: 'BAD_USER_INPUT', argument: 'held', message: '"held" needs at least 1 framework id.' }]);
    expect(frameworkListProblems(['a'], 'frameworks', quotedArgument, 2)[0]!.message).toBe('"frameworks" needs at least 2 framework ids.');
    expect(frameworkListProblems(Array.from({ length: 51 }, (_, i) => `f${i}`), 'held', quotedArgument)[0]!.message).toBe('"held" takes at most 50 framework ids.');
    expect(frameworkListProblems(['a', 'b'], 'frameworks', quotedArgument, 2)).toEqual([]);
  });

  it('ask the two ends of a comparison to differ', () => {
    expect(distinctProblems('x:1', 'x:1', ['from', 'to'], 'requirements', quotedArgument)).toEqual([
      { code: 'BAD_USER_INPUT', argument: 'to', message: '"from" and "to" must be two different requirements.' },
    ]);
    expect(distinctProblems('a', 'b', ['a', 'b'], 'frameworks', quotedArgument)).toEqual([]);
  });
});
