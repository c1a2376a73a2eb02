// Compare: the chosen frameworks side by side, one column each, their facts as published and the
// figures the graph gives (requirements, the share about AI and about security).
import type { ReactNode } from 'react';
import { useQuery, useReady, useTitle } from '../hooks.js';
import type { ViewProps } from '../routes.js';
import { hrefFor } from '../router.js';
import { QueryResult } from '../ui/query-state.js';
import { TableExport } from '../ui/table-export.js';
import { FrameworkChecks, FrameworkChip, frameworkList, shortNameOf, useFrameworks } from './gaps-controls.js';

export interface ComparisonLite {
  framework: { id: string; name: string; shortName: string; edition: string };
  kind: string;
  issuer: string;
  assessedBy: string;
  output: string;
  validity: string;
  market: string;
  aiSpecific: boolean;
  observationPeriod: string | null;
  typicalTimeline: string | null;
  requirementCount: number;
  aiDisciplineShare: number;
  securityDisciplineShare: number;
}

export const DEFAULT_COMPARE = 'iso42001,soc2,eu-ai-act';
const pct = (x: number) => `${Math.round(x * 100)}%`;
const words = (v: string) => v.charAt(0) + v.slice(1).toLowerCase().replace(/_/g, ' ');

/** The rows of the side-by-side: a label and how to show one framework's value. */
const ROWS: Array<{ key: string; label: string; show: (c: ComparisonLite) => ReactNode }> = [
  { key: 'edition', label: 'Edition', show: (c) => c.framework.edition },
  { key: 'kind', label: 'Kind', show: (c) => words(c.kind) },
  { key: 'issuer', label: 'Issuer', show: (c) => c.issuer },
  { key: 'assessedBy', label: 'Assessed by', show: (c) => c.assessedBy },
  { key: 'output', label: 'Output', show: (c) => c.output },
  { key: 'validity', label: 'Validity', show: (c) => c.validity },
  { key: 'market', label: 'Market', show: (c) => c.market },
  { key: 'aiSpecific', label: 'About AI', show: (c) => (c.aiSpecific ? 'Yes' : 'No') },
  { key: 'observationPeriod', label: 'Observation period', show: (c) => c.observationPeriod ?? <span className="muted">none</span> },
  { key: 'typicalTimeline', label: 'Typical timeline', show: (c) => c.typicalTimeline ?? <span className="muted">not stated</span> },
  { key: 'requirementCount', label: 'Requirements', show: (c) => <b>{c.requirementCount}</b> },
  { key: 'aiShare', label: 'Addressing an AI discipline', show: (c) => <Share value={c.aiDisciplineShare} /> },
  { key: 'securityShare', label: 'Addressing a security discipline', show: (c) => <Share value={c.securityDisciplineShare} /> },
];

function Share({ value }: { value: number }) {
  return (
    <span className="share">
      <span className="share-bar" aria-hidden="true"><span style={{ width: pct(value) }} /></span> {pct(value)}
    </span>
  );
}

export function CompareView({ place }: ViewProps) {
  const chosen = frameworkList(place.params, 'frameworks', DEFAULT_COMPARE);
  const { all, error: frameworksError } = useFrameworks();
  const compare = useQuery<{ compare: ComparisonLite[] | null }>('Compare', chosen.length ? { frameworks: chosen } : null);
  useTitle(`Compare ${chosen.map((id) => shortNameOf(all, id)).join(', ') || 'frameworks'}`);
  const error = frameworksError ?? compare.error;
  useReady(error ? 'error' : 'compare', Boolean(error) || (all.length > 0 && (chosen.length === 0 || compare.data !== undefined)));

  return (
    <>
      <h1>Compare frameworks</h1>
      <form className="controls" id="compare-form" onSubmit={(e) => e.preventDefault()}>
        <FrameworkChecks id="framework-controls" legend="Frameworks" param="frameworks" all={all} chosen={chosen} />
      </form>
      {chosen.length === 0 ? (
        <p className="notice warn" id="nothing-chosen" role="status">Tick at least one framework.</p>
      ) : (
        <QueryResult state={{ ...compare, error }} loading="Comparing...">
          {({ compare: columns }) => (
            <>
              <TableExport table="compare" what="the comparison" params={{ frameworks: chosen.join(',') }} />
              <div className="table-scroll">
                <table className="data-table compare" id="compare">
                  <caption className="sr-only">The chosen frameworks side by side</caption>
                  <thead>
                    <tr>
                      <th scope="col"><span className="sr-only">Fact</span></th>
                      {(columns ?? []).map((c) => (
                        <th scope="col" key={c.framework.id} data-framework={c.framework.id}>
                          <FrameworkChip id={c.framework.id} name={c.framework.shortName} />
                          <div className="muted small">{c.framework.name}</div>
                        </th>
                      ))}
                    </tr>
                  </thead>
                  <tbody>
                    {ROWS.map((row) => (
                      <tr key={row.key} data-row={row.key}>
                        <th scope="row">{row.label}</th>
                        {(columns ?? []).map((c) => <td key={c.framework.id}>{row.show(c)}</td>)}
                      </tr>
                    ))}
                    <tr data-row="links">
                      <th scope="row">See</th>
                      {(columns ?? []).map((c) => (
                        <td key={c.framework.id}>
                          <a href={hrefFor('coverage', null, { target: c.framework.id })}>coverage map</a>
                        </td>
                      ))}
                    </tr>
                  </tbody>
                </table>
              </div>
            </>
          )}
        </QueryResult>
      )}
    </>
  );
}
