// Coverage tiles and group bars, shared by the coverage map's two layouts (all groups open for a
// small framework; collapsed, paged groups for a large one, coverage-groups.js).

import { escape } from './html.js';

export const STATUS_ORDER = ['FULL', 'PARTIAL', 'NOT_IMPLEMENTED', 'NONE', 'UNASSESSED'];
export const STATUS_LABEL = { FULL: 'full', PARTIAL: 'partial', NOT_IMPLEMENTED: 'not implemented', NONE: 'new', UNASSESSED: 'unassessed' };
export const STATUS_COLOUR = { FULL: '#2e7d32', PARTIAL: '#f9a825', NOT_IMPLEMENTED: '#ef6c00', NONE: '#c62828', UNASSESSED: '#9e9e9e' };
export const SUMMARY_KEY = { FULL: 'full', PARTIAL: 'partial', NOT_IMPLEMENTED: 'notImplemented', NONE: 'none', UNASSESSED: 'unassessed' };

/** A group's summary as a stacked bar, one segment per status. */
export function barHtml(s) {
  return `<span class="bar" aria-hidden="true">${STATUS_ORDER.map((st) => `<span style="width:${(s[SUMMARY_KEY[st]] / Math.max(1, s.total)) * 100}%;background:${STATUS_COLOUR[st]}"></span>`).join('')}</span>`;
}

/** A group's summary in words. */
export const summaryText = (s) => `${s.full} full, ${s.partial} partial, ${s.none} new, ${s.unassessed} unassessed`;

/** One coverage item as a tile linking to its requirement. */
export function tileHtml(i, heldParam) {
  const title = `${i.requirement.ref} ${i.requirement.title}: ${i.status}${i.inferred ? ' (inferred)' : ''}${i.outOfScope.length ? `; ${i.outOfScope.length} link(s) outside the held scope` : ''}`;
  return `<a class="tile status-${i.status}" data-id="${escape(i.requirement.id)}" data-status="${i.status}" title="${escape(title)}" href="#/requirement/${encodeURIComponent(i.requirement.id)}?held=${heldParam}"><b>${escape(i.requirement.ref)}</b><span>${escape(i.requirement.title)}</span></a>`;
}
