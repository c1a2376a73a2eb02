// A coverage tile (one target requirement: its ref, its whole title, its status in words and shape,
// the strength of its best link) and a group's stacked bar.
import { hrefFor } from '../router.js';
import { relationLabel } from '../ui/legend.js';
import { STATUS_ORDER, StatusBadge, statusLabel, SUMMARY_KEY } from '../ui/status.js';
import { StrengthMeter } from '../ui/strength.js';
import type { CoverageItemLite } from './coverage-params.js';

export interface SummaryLite {
  total: number;
  full: number;
  partial: number;
  notImplemented: number;
  none: number;
  unassessed: number;
}

export function summaryText(s: SummaryLite): string {
  const parts = STATUS_ORDER.filter((st) => st !== 'NOT_IMPLEMENTED' || s.notImplemented > 0).map((st) => `${s[SUMMARY_KEY[st]]} ${statusLabel(st).toLowerCase()}`);
  return parts.join(', ');
}

export function Bar({ summary }: { summary: SummaryLite }) {
  return (
    <span className="bar" aria-hidden="true">
      {STATUS_ORDER.map((st) => (summary[SUMMARY_KEY[st]] > 0 ? <span key={st} className={`status-${st}`} style={{ width: `${(summary[SUMMARY_KEY[st]] / Math.max(1, summary.total)) * 100}%` }} /> : null))}
    </span>
  );
}

export function Tile({ item, held, inferred }: { item: CoverageItemLite; held: string[]; inferred: boolean }) {
  const best = item.via[0];
  const outside = item.outOfScope.length;
  const title = `${item.requirement.ref} ${item.requirement.title}: ${statusLabel(item.status)}${item.inferred ? ' (inferred)' : ''}${outside ? `; ${outside} link(s) outside the held scope` : ''}`;
  const href = hrefFor('requirement', item.requirement.id, { held: held.join(','), inferred: inferred ? '1' : null });
  return (
    <a className={`tile status-${item.status}`} data-id={item.requirement.id} data-status={item.status} title={title} href={href}>
      <span className="tile-ref">{item.requirement.ref}</span>
      <span className="tile-title">{item.requirement.title}</span>
      <span className="tile-foot">
        <StatusBadge status={item.status} inferred={item.inferred} />
        {best ? (
          <span className="tile-best" title={`Best link: ${relationLabel(best.relationship)}`}>
            <span className="sr-only">best link {relationLabel(best.relationship)}, </span>
            {best.strength === null ? <span className="tile-rel muted" aria-hidden="true">{relationLabel(best.relationship).toLowerCase()}, no strength</span> : <StrengthMeter strength={best.strength} compact />}
          </span>
        ) : null}
      </span>
      {outside ? <span className="tile-note">{outside} link{outside === 1 ? '' : 's'} outside the held scope</span> : null}
    </a>
  );
}
