import type { CoverageSummary } from '../domain/coverage.js';

/** A coverage bar for terminals: full, partial, none and unassessed as four shades. */
export function bar(summary: Pick<CoverageSummary, 'total' | 'full' | 'partial' | 'none' | 'unassessed'>, width: number): string {
  if (summary.total === 0) return ' '.repeat(width);
  const cells = (n: number) => Math.round((n / summary.total) * width);
  const full = cells(summary.full);
  const partial = Math.min(width - full, cells(summary.partial));
  const none = Math.min(width - full - partial, cells(summary.none));
  return '█'.repeat(full) + '▓'.repeat(partial) + '░'.repeat(none) + '·'.repeat(width - full - partial - none);
}
