// Explain: how two requirements are connected, drawn. Each path (shortest first) is a chain of
// requirement boxes, each with its framework's colour and short name, joined by the hop that links
// them: a mapping drawn in its relationship's line style with its strength, or a discipline both
// address (a thin line, the discipline named). A legend says what each line means.
import { useEffect, useRef, type FormEvent } from 'react';
import { useQuery, useReady, useTitle } from '../hooks.js';
import type { ViewProps } from '../routes.js';
import { hrefFor, setParams } from '../router.js';
import { frameworkColour } from '../ui/frameworks.js';
import { Legend, LineSwatch, relationLabel, RELATION_MEANING } from '../ui/legend.js';
import { QueryResult } from '../ui/query-state.js';
import { StrengthMeter } from '../ui/strength.js';
import { TableExport } from '../ui/table-export.js';

interface RequirementLite {
  id: string;
  ref: string;
  title: string;
  framework: { id: string; shortName: string };
}
export interface HopLite {
  kind: 'MAPPING' | 'SHARED_DISCIPLINE';
  from: RequirementLite;
  to: RequirementLite;
  relationship: string | null;
  strength: number | null;
  discipline: { id: string; name: string } | null;
  mapping: { id: string; note: string | null } | null;
}
export interface PathLite {
  length: number;
  hops: HopLite[];
}

export const DEFAULT_FROM = 'soc2:CC6.1';
export const DEFAULT_TO = 'iso42001:A.6.2.6';

export function ExplainView({ place }: ViewProps) {
  const from = place.params.get('from') || DEFAULT_FROM;
  const to = place.params.get('to') || DEFAULT_TO;
  const maxHops = Math.min(4, Math.max(1, Number(place.params.get('maxHops')) || 3));
  const explain = useQuery<{ explain: PathLite[] | null }>('Explain', { from, to, maxHops });
  useTitle(`How ${from} connects to ${to}`);
  useReady(explain.error ? 'error' : 'explain', explain.data !== undefined || explain.error !== undefined);

  const fromInput = useRef<HTMLInputElement>(null);
  const toInput = useRef<HTMLInputElement>(null);
  // Keep the boxes in step with the URL (back, a link), except the one being typed in.
  useEffect(() => {
    for (const [input, value] of [[fromInput, from], [toInput, to]] as const) if (input.current && document.activeElement !== input.current) input.current.value = value;
  }, [from, to]);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    setParams({ from: fromInput.current?.value.trim() || null, to: toInput.current?.value.trim() || null });
  };

  return (
    <>
      <h1>How two requirements connect</h1>
      <form className="controls" id="explain-form" onSubmit={submit}>
        <label className="field">
          <span>From</span>
          <input ref={fromInput} id="explain-from" name="from" type="text" defaultValue={from} placeholder="soc2:CC6.1" />
        </label>
        <label className="field">
          <span>To</span>
          <input ref={toInput} id="explain-to" name="to" type="text" defaultValue={to} placeholder="iso42001:A.6.2.6" />
        </label>
        <label className="field">
          <span>Longest path</span>
          <select id="max-hops" name="maxHops" value={maxHops} onChange={(e) => setParams({ maxHops: e.currentTarget.value })}>
            {[1, 2, 3, 4].map((n) => <option key={n} value={n}>{n} hop{n === 1 ? '' : 's'}</option>)}
          </select>
        </label>
        <button className="button" type="submit">Explain</button>
      </form>
      <Legend
        id="legend"
        title="Lines"
        entries={[
          ...['EQUAL', 'SUPERSET_OF', 'SUBSET_OF', 'INTERSECTS_WITH', 'RELATED'].map((r) => ({ key: r, swatch: <LineSwatch kind={r} />, label: relationLabel(r), meaning: RELATION_MEANING[r] })),
          { key: 'LINK', swatch: <LineSwatch kind="LINK" />, label: 'both address a discipline', meaning: 'Not a mapping: both requirements address the same discipline.' },
        ]}
      />
      <QueryResult state={explain} loading="Looking for paths...">
        {({ explain: paths }) =>
          !paths || paths.length === 0 ? (
            <p className="notice warn" id="no-path" role="status">No path of at most {maxHops} hop{maxHops === 1 ? '' : 's'} connects {from} and {to}. Try a longer path.</p>
          ) : (
            <>
              <TableExport table="explain" what="the paths" params={{ from, to, maxHops }} />
              <ol className="explain-paths" id="paths">
                {paths.map((path, i) => (
                  <li key={i} className="explain-path" data-length={path.length}>
                    <h2 className="explain-path-title">
                      Path {i + 1}: {path.length} hop{path.length === 1 ? '' : 's'}
                    </h2>
                    <PathDrawing path={path} />
                  </li>
                ))}
              </ol>
            </>
          )
        }
      </QueryResult>
    </>
  );
}

function RequirementBox({ requirement }: { requirement: RequirementLite }) {
  return (
    <a className="path-node" href={hrefFor('requirement', requirement.id)} data-id={requirement.id} style={{ borderLeftColor: frameworkColour(requirement.framework.id) }}>
      <span className="path-node-framework">{requirement.framework.shortName}</span>
      <span className="path-node-ref">{requirement.ref}</span>
      <span className="path-node-title">{requirement.title}</span>
    </a>
  );
}

/** A hop read from its first requirement to the next: "CC6.1 intersects with A.4.2". */
const HOP_WORDS: Record<string, string> = { EQUAL: 'equals', SUPERSET_OF: 'is a superset of', SUBSET_OF: 'is a subset of', INTERSECTS_WITH: 'intersects with', RELATED: 'is related to' };

/** The chain: requirement, hop, requirement, ... as a list a screen reader reads in order. */
export function PathDrawing({ path }: { path: PathLite }) {
  return (
    <ol className="path-chain">
      <li className="path-step"><RequirementBox requirement={path.hops[0]!.from} /></li>
      {path.hops.map((hop, i) => (
        <li className="path-step" key={i}>
          <span className={`path-hop hop-${hop.kind}`} data-kind={hop.kind} data-relationship={hop.relationship ?? ''}>
            <LineSwatch kind={hop.kind === 'MAPPING' ? (hop.relationship ?? 'RELATED') : 'LINK'} />
            {hop.kind === 'MAPPING' ? (
              <span className="path-hop-label">
                <span>{HOP_WORDS[hop.relationship ?? 'RELATED'] ?? relationLabel(hop.relationship ?? 'RELATED').toLowerCase()}</span>
                <StrengthMeter strength={hop.strength} compact />
              </span>
            ) : (
              <span className="path-hop-label">
                both address <a href={hrefFor('disciplines', hop.discipline?.id ?? '')}>{hop.discipline?.name ?? 'a discipline'}</a>
              </span>
            )}
          </span>
          <RequirementBox requirement={hop.to} />
        </li>
      ))}
    </ol>
  );
}
