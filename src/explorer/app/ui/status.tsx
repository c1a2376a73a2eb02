// Coverage status, told three ways at once: colour (Okabe-Ito, see styles.css), a shape, and the
// glossary's words (src/exports/glossary.ts: the same words as the CLI and the workbooks).
import { STATUS_TERMS, statusLabel } from '../../../exports/glossary.js';

export type Status = 'FULL' | 'PARTIAL' | 'NOT_IMPLEMENTED' | 'NONE' | 'UNASSESSED';
export const STATUS_ORDER: readonly Status[] = ['FULL', 'PARTIAL', 'NOT_IMPLEMENTED', 'NONE', 'UNASSESSED'];
/** The CoverageSummary field counting each status. */
export const SUMMARY_KEY: Record<Status, 'full' | 'partial' | 'notImplemented' | 'none' | 'unassessed'> = {
  FULL: 'full',
  PARTIAL: 'partial',
  NOT_IMPLEMENTED: 'notImplemented',
  NONE: 'none',
  UNASSESSED: 'unassessed',
};
export const STATUS_MEANING: Record<string, string> = Object.fromEntries(STATUS_TERMS.map((t) => [t.code, t.meaning]));
export { statusLabel };

/**
 * The shape of each status, drawn in a 12x12 box: filled circle (full), half-filled circle
 * (partial), ring with a dot (not implemented), triangle (new), dashed ring (not assessed).
 */
export function StatusShape({ status, size = 12 }: { status: string; size?: number }) {
  const common = { width: size, height: size, viewBox: '0 0 12 12', 'aria-hidden': true, focusable: false, className: `status-shape shape-${status}` } as const;
  switch (status) {
    case 'FULL':
      return <svg {...common}><circle cx="6" cy="6" r="5" fill="currentColor" /></svg>;
    case 'PARTIAL':
      return <svg {...common}><circle cx="6" cy="6" r="4.5" fill="none" stroke="currentColor" strokeWidth="1.5" /><path d="M6 1.5 A4.5 4.5 0 0 1 6 10.5 Z" fill="currentColor" /></svg>;
    case 'NOT_IMPLEMENTED':
      return <svg {...common}><circle cx="6" cy="6" r="4.5" fill="none" stroke="currentColor" strokeWidth="1.5" /><circle cx="6" cy="6" r="1.8" fill="currentColor" /></svg>;
    case 'NONE':
      return <svg {...common}><path d="M6 1 L11 11 L1 11 Z" fill="currentColor" /></svg>;
    default:
      return <svg {...common}><circle cx="6" cy="6" r="4.5" fill="none" stroke="currentColor" strokeWidth="1.5" strokeDasharray="2 1.6" /></svg>;
  }
}

/** A status as colour, shape and words; not a control, so it looks like a label, never a button. */
export function StatusBadge({ status, inferred = false, className = '' }: { status: string; inferred?: boolean; className?: string }) {
  return (
    <span className={`status-badge status-${status} ${className}`} data-status={status} title={STATUS_MEANING[status]}>
      <StatusShape status={status} />
      <span className="status-word">{statusLabel(status)}</span>
      {inferred ? <span className="status-inferred"> (inferred)</span> : null}
    </span>
  );
}
