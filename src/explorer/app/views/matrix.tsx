// The overlap matrix: how much of each column framework each row framework covers, fully or in
// part. Colour counts full links whole and partial ones half; a pair no mapping set connects is
// hatched and says "not assessed" (unknown, never zero). A legend says what the shades mean.
// One pair is selected (#/matrix?from=<row>&to=<column>, by default the first pair assessed): its
// cell is outlined and its crosswalk is what the download buttons give, since that is the table a
// consultant hands over for a pair (every requirement of the column framework, its coverage and
// the links from the row framework with their working columns); no table kind holds the matrix.
import { useQuery, useReady, useTitle } from '../hooks.js';
import type { ViewProps } from '../routes.js';
import { hrefFor, setParams } from '../router.js';
import { Legend } from '../ui/legend.js';
import { QueryResult } from '../ui/query-state.js';
import { TableExport } from '../ui/table-export.js';

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

export function MatrixView({ place }: ViewProps) {
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
          const pair = selectedPair(place.params, fs, cells);
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
                          const selected = pair !== null && row.id === pair.from && col.id === pair.to;
                          if (s.unassessed === s.total) {
                            return (
                              <td key={col.id} className={selected ? 'unassessed selected' : 'unassessed'} data-pair={`${row.id}>${col.id}`} title={`No mapping set connects ${row.shortName} to ${col.shortName}: unknown, not zero.`}>
                                <a href={href}>not assessed</a>
                              </td>
                            );
                          }
                          const w = weight(s);
                          const parts = [`${pct(s.fullShare)} full · ${pct(s.coveredShare - s.fullShare)} partial`];
                          if (s.unassessed > 0) parts.push(`${pct(s.unassessed / s.total)} not assessed`);
                          const title = `${row.shortName} covers ${pct(s.coveredShare)} of ${col.shortName}: ${s.full} full, ${s.partial} partial, ${s.none} examined with nothing found, ${s.unassessed} not assessed (of ${s.total}; ${s.total - s.unassessed} assessed)`;
                          return (
                            <td key={col.id} className={selected ? 'selected' : undefined} data-pair={`${row.id}>${col.id}`} style={{ background: shade(w), color: ink(w) }} title={title} data-weight={w.toFixed(3)}>
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
              {pair ? <PairExport pair={pair} frameworks={fs} unassessed={cell(pair.from, pair.to)?.summary.unassessed === cell(pair.from, pair.to)?.summary.total} /> : null}
            </>
          );
        }}
      </QueryResult>
    </>
  );
}

interface Pair {
  from: string;
  to: string;
}

/** The pair the URL names, or (none named, or one the matrix lacks) the first pair with something assessed. */
function selectedPair(params: URLSearchParams, fs: Array<{ id: string }>, cells: MatrixAnswer['overlapMatrix']['cells']): Pair | null {
  const ids = new Set(fs.map((f) => f.id));
  const from = params.get('from') ?? '';
  const to = params.get('to') ?? '';
  if (ids.has(from) && ids.has(to) && from !== to) return { from, to };
  const first = cells.find((c) => c.from.id !== c.to.id && c.summary.unassessed < c.summary.total) ?? cells.find((c) => c.from.id !== c.to.id);
  return first ? { from: first.from.id, to: first.to.id } : null;
}

/** The selected pair, changeable, and its crosswalk as downloads. */
function PairExport({ pair, frameworks: fs, unassessed }: { pair: Pair; frameworks: Array<{ id: string; shortName: string }>; unassessed: boolean }) {
  const name = (id: string) => fs.find((f) => f.id === id)?.shortName ?? id;
  const choose = (side: keyof Pair, value: string) => {
    const next = { ...pair, [side]: value };
    // Never a framework against itself: the other side moves out of the way.
    if (next.from === next.to) next[side === 'from' ? 'to' : 'from'] = fs.find((f) => f.id !== value)!.id;
    setParams(next, { replace: true });
  };
  return (
    <section className="panel pair-export" id="pair-export" aria-labelledby="pair-heading">
      <h2 id="pair-heading">
        Download a pair: {name(pair.from)} against {name(pair.to)}
      </h2>
      <form className="controls" id="pair-form" onSubmit={(e) => e.preventDefault()}>
        <label className="field">
          <span>Held (row)</span>
          <select id="pair-from" value={pair.from} onChange={(e) => choose('from', e.currentTarget.value)}>
            {fs.map((f) => <option key={f.id} value={f.id}>{f.shortName}</option>)}
          </select>
        </label>
        <label className="field">
          <span>Target (column)</span>
          <select id="pair-to" value={pair.to} onChange={(e) => choose('to', e.currentTarget.value)}>
            {fs.map((f) => <option key={f.id} value={f.id}>{f.shortName}</option>)}
          </select>
        </label>
      </form>
      <p className="muted">
        The crosswalk: every {name(pair.to)} requirement, its coverage by {name(pair.from)} and each link with its strength, basis and source.
        {unassessed ? ` No mapping set connects the pair yet: every row says "not assessed".` : ''}
      </p>
      <TableExport table="crosswalk" what={`the ${name(pair.from)} to ${name(pair.to)} crosswalk`} params={{ from: pair.from, to: pair.to }} />
    </section>
  );
}
