// A legend wherever colour means something: each entry a swatch (any drawing) and its words.
import type { ReactNode } from 'react';
import { STATUS_ORDER, StatusBadge, STATUS_MEANING } from './status.js';
import { RELATION_TERMS } from '../../../exports/glossary.js';

export interface LegendEntry {
  key: string;
  swatch: ReactNode;
  label: ReactNode;
  meaning?: string;
}

export function Legend({ title, entries, id, className = '' }: { title: string; entries: LegendEntry[]; id?: string; className?: string }) {
  return (
    <figure className={`legend ${className}`} id={id} aria-label={title}>
      <figcaption className="legend-title">{title}</figcaption>
      <ul>
        {entries.map((e) => (
          <li key={e.key} title={e.meaning} data-key={e.key}>
            <span className="legend-swatch">{e.swatch}</span>
            <span className="legend-label">{e.label}</span>
          </li>
        ))}
      </ul>
    </figure>
  );
}

/** The coverage statuses, as badges (colour, shape, words). */
export function StatusLegend({ statuses = STATUS_ORDER.filter((s) => s !== 'NOT_IMPLEMENTED'), id }: { statuses?: readonly string[]; id?: string }) {
  return <Legend id={id} className="status-legend" title="Status" entries={statuses.map((s) => ({ key: s, swatch: <StatusBadge status={s} />, label: null, meaning: STATUS_MEANING[s] }))} />;
}

/** How each IR 8477 relationship is drawn in the graph (see views/requirement-graph.tsx). */
export const RELATION_STYLE: Record<string, { dash: string; width: number; arrow: string }> = {
  EQUAL: { dash: '', width: 4, arrow: 'none' },
  SUPERSET_OF: { dash: '', width: 2.5, arrow: 'triangle' },
  SUBSET_OF: { dash: '', width: 2.5, arrow: 'tee' },
  INTERSECTS_WITH: { dash: '1.5 2.5', width: 2.5, arrow: 'diamond' },
  RELATED: { dash: '', width: 1.5, arrow: 'circle' },
  PROPOSED: { dash: '7 5', width: 2.5, arrow: 'triangle' },
  /** A discipline, risk or evidence link. */
  LINK: { dash: '', width: 1, arrow: 'none' },
};

export function LineSwatch({ kind }: { kind: string }) {
  const s = RELATION_STYLE[kind] ?? RELATION_STYLE.RELATED!;
  return (
    <svg width="40" height="12" viewBox="0 0 40 12" aria-hidden="true" className={`line-swatch line-${kind}`} style={kind === 'LINK' ? { opacity: 0.5 } : kind === 'PROPOSED' ? { color: 'var(--partial)' } : undefined}>
      {kind === 'EQUAL' ? (
        <>
          <line x1="2" y1="4" x2="34" y2="4" stroke="currentColor" strokeWidth="1.6" />
          <line x1="2" y1="8" x2="34" y2="8" stroke="currentColor" strokeWidth="1.6" />
        </>
      ) : (
        <line x1="2" y1="6" x2="32" y2="6" stroke="currentColor" strokeWidth={Math.min(s.width, 2.5)} strokeDasharray={s.dash || undefined} />
      )}
      {s.arrow === 'triangle' ? <path d="M32 2 L39 6 L32 10 Z" fill="currentColor" /> : null}
      {s.arrow === 'tee' ? <line x1="36" y1="1" x2="36" y2="11" stroke="currentColor" strokeWidth="2.5" /> : null}
      {s.arrow === 'circle' ? <circle cx="35.5" cy="6" r="3.2" fill="currentColor" /> : null}
      {s.arrow === 'diamond' ? <path d="M32 6 L35.5 2.5 L39 6 L35.5 9.5 Z" fill="currentColor" /> : null}
    </svg>
  );
}

const RELATION_LABEL: Record<string, string> = Object.fromEntries(RELATION_TERMS.map((t) => [t.code, t.label]));
export const relationLabel = (code: string): string => RELATION_LABEL[code] ?? code.toLowerCase().replace(/_/g, ' ');
export const RELATION_MEANING: Record<string, string> = Object.fromEntries(RELATION_TERMS.map((t) => [t.code, t.meaning]));
