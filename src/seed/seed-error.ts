/** One thing wrong in seed/: where it is (file, line, entry) and what is wrong. */
export interface SeedProblem {
  file: string;
  line: number | null;
  entry: string;
  message: string;
}

export function formatProblem(problem: SeedProblem): string {
  const where = problem.line === null ? problem.file : `${problem.file}:${problem.line}`;
  return problem.entry ? `${where} ${problem.entry}: ${problem.message}` : `${where}: ${problem.message}`;
}

/** Thrown when seed/ is broken; start-up stops rather than serve half a graph. */
export class SeedError extends Error {
  readonly problems: SeedProblem[];

  constructor(problems: SeedProblem[]) {
    const shown = problems.slice(0, 50).map((p) => `  - ${formatProblem(p)}`);
    const more = problems.length > 50 ? [`  ... and ${problems.length - 50} more`] : [];
    super([`seed is invalid (${problems.length} problem${problems.length === 1 ? '' : 's'}):`, ...shown, ...more].join('\n'));
    this.name = 'SeedError';
    this.problems = problems;
  }
}
