// The overlap matrix: how much of each column framework each row framework covers, fully or in
// part. Colour counts full links whole and partial ones half; a pair no mapping set connects is
// hatched and says "not assessed" (unknown, never zero). A legend says what the shades mean.
import { useQuery, useReady, useTitle } from '../hooks.js';
import type { ViewProps } from '../routes.js';
import { hrefFor } from '../router.js';
import { Legend } from '../ui/legend.js';
import { QueryResult } from '../ui/query-state.js';

interface Summary {
  total: number;
  full: number;
  partial: number;
  none: number;
  unassessed: number;
  coveredShare: number;
  fullShare: number;
}
interface MatrixAnswer {
  overlapMatrix: { frameworks: Array<{ id: string; shortName: string }>; cells: Array<{ from: { id: string }; to: { id: string }; summary: Summary }> };
}

const pct = (x: number) => `${Math.round(x * 100)}%`;
/** Full links whole, partial ones half: a pair linked only in part never looks like a full match. */
const weight = (s: Summary) => (s.total === 0 ? 0 : (s.full + 0.5 * s.partial) / s.total);
/** A single-hue scale (light to dark blue), readable by every common colour-vision type. */
const shade = (x: number) => `hsl(205, ${45 + 30 * x}%, ${94 - 58 * x}%)`;
// White only where the shade is dark enough for 4.5:1 (lightness under 50%).
const ink = (x: number) => (x > 0.76 ? '#ffffff' : '#111111');

export function MatrixView(_: ViewProps) {
  const state = useQuery<MatrixAnswer>('OverlapMatrix', {});
  useTitle('Overlap matrix');
  useReady(state.error ? 'error' : 'matrix', state.data !== undefined || state.error !== undefined);
  return (
    <>
      <h1>Overlap matrix</h1>
      <p className="muted">Each cell: how much of the column framework the row framework covers, fully or in part (the big number), and how that splits. Open a cell for its coverage map.</p>
      <QueryResult state={state}>
        {({ overlapMatrix: { frameworks: fs, cells } }) => {
          const cell = (from: string, to: string) => cells.find((c) => c.from.id === from && c.to.id === to);
          return (
            <>
              <div className="matrix-scroll">
                <table className="matrix" id="matrix">
                  <caption className="sr-only">Share of each column framework covered by each row framework</caption>
                  <thead>
                    <tr>
                      <th scope="col">held \ target</th>
                      {fs.map((f) => <th scope="col" key={f.id}>{f.shortName}</th>)}
                    </tr>
                  </thead>
                  <tbody>
                    {fs.map((row) => (
                      <tr key={row.id}>
                        <th scope="row">{row.shortName}</th>
                        {fs.map((col) => {
                          if (row.id === col.id) return <td key={col.id} className="muted" aria-label="same framework">-</td>;
                          const s = cell(row.id, col.id)?.summary;
                          if (!s) return <td key={col.id}>?</td>;
                          const href = hrefFor('coverage', null, { target: col.id, held: row.id });
                          if (s.unassessed === s.total) {
                            return (
                              <td key={col.id} className="unassessed" title={`No mapping set connects ${row.shortName} to ${col.shortName}: unknown, not zero.`}>
                                <a href={href}>not assessed</a>
                              </td>
                            );
                          }
                          const w = weight(s);
                          const parts = [`${pct(s.fullShare)} full · ${pct(s.coveredShare - s.fullShare)} partial`];
                          if (s.unassessed > 0) parts.push(`${pct(s.unassessed / s.total)} not assessed`);
                          const title = `${row.shortName} covers ${pct(s.coveredShare)} of ${col.shortName}: ${s.full} full, ${s.partial} partial, ${s.none} examined with nothing found, ${s.unassessed} not assessed (of ${s.total}; ${s.total - s.unassessed} assessed)`;
                          return (
                            <td key={col.id} style={{ background: shade(w), color: ink(w) }} title={title} data-weight={w.toFixed(3)}>
                              <a href={href}>
                                <strong>{pct(s.coveredShare)}</strong>
                                {parts.map((p) => <span className="cell-detail" key={p}>{p}</span>)}
                              </a>
                            </td>
                          );
                        })}
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
              <Legend
                className="matrix-legend"
                title="Shade"
                entries={[
                  { key: 'zero', swatch: <span className="swatch" style={{ background: shade(0) }} />, label: 'assessed, nothing covered' },
                  { key: 'half', swatch: <span className="swatch" style={{ background: shade(0.5) }} />, label: 'half: e.g. all partial, or half full' },
                  { key: 'all', swatch: <span className="swatch" style={{ background: shade(1) }} />, label: 'all covered fully' },
                  { key: 'unassessed', swatch: <span className="swatch unassessed" />, label: 'not assessed: no mapping set connects the pair (unknown, never zero)' },
                ]}
              />
              <p className="muted">Colour counts full links whole and partial ones (subset, intersecting, related) half. Partial links never add up to full.</p>
            </>
          );
        }}
      </QueryResult>
    </>
  );
}
