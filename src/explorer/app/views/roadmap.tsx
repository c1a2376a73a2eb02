// Roadmap: which framework to take on next. Each candidate with how much of it the held frameworks
// cover (a stacked bar in the status colours, with the counts in words), and the work left in
// requirement-equivalents (Full 0, Partial 0.5, the rest 1: unknown counts as work, never done).
import { useQuery, useReady, useTitle } from '../hooks.js';
import type { ViewProps } from '../routes.js';
import { hrefFor } from '../router.js';
import { StatusLegend } from '../ui/legend.js';
import { QueryResult } from '../ui/query-state.js';
import { STATUS_ORDER, StatusBadge, SUMMARY_KEY } from '../ui/status.js';
import { heldParam, TableExport } from '../ui/table-export.js';
import { coverageState } from './coverage-params.js';
import { Bar, type SummaryLite } from './coverage-tiles.js';
import { FrameworkChecks, FrameworkChip, InferredCheck, shortNameOf, useFrameworks } from './gaps-controls.js';

export interface RoadmapStepLite {
  rank: number;
  framework: { id: string; name: string; shortName: string };
  coverage: SummaryLite & { coveredShare: number; fullShare: number };
  marginalWork: number;
  marginalShare: number;
}

const pct = (x: number) => `${Math.round(x * 100)}%`;

export function RoadmapView({ place }: ViewProps) {
  const state = coverageState(place.params);
  const { all, error: frameworksError } = useFrameworks();
  const scope = state.scope.length ? state.scope : null;
  const roadmap = useQuery<{ roadmap: RoadmapStepLite[] | null }>('Roadmap', state.held.length ? { held: state.held, scope, inferred: state.inferred } : null);
  const heldNames = state.held.map((id) => shortNameOf(all, id));
  useTitle(`Roadmap${heldNames.length ? ` from ${heldNames.join(', ')}` : ''}`);
  const error = frameworksError ?? roadmap.error;
  useReady(error ? 'error' : 'roadmap', Boolean(error) || (all.length > 0 && (state.held.length === 0 || roadmap.data !== undefined)));
  const linkParams = (target: string) => ({ target, held: state.held.join(','), inferred: state.inferred ? '1' : null });

  return (
    <>
      <h1>
        Roadmap{heldNames.length ? <span className="muted"> from {heldNames.join(', ')}</span> : null}
      </h1>
      <p className="muted">Which framework next: each candidate's coverage by what you hold, least work left first.</p>
      <form className="controls" id="roadmap-form" onSubmit={(e) => e.preventDefault()}>
        <FrameworkChecks id="held-controls" legend="Held" param="held" all={all} chosen={state.held} />
        <InferredCheck inferred={state.inferred} />
      </form>
      <StatusLegend id="legend" />
      {state.held.length === 0 ? (
        <p className="notice warn" id="nothing-held" role="status">Nothing held: tick the frameworks you hold to rank the others.</p>
      ) : (
        <QueryResult state={{ ...roadmap, error }} loading="Ranking the candidates...">
          {({ roadmap: steps }) => (
            <>
              <TableExport table="roadmap" what="the roadmap" params={{ held: heldParam(state.held, state.scope), inferred: state.inferred ? 'true' : null }} />
              <div className="table-scroll">
                <table className="data-table roadmap" id="roadmap">
                  <caption className="sr-only">Candidate frameworks, least work left first</caption>
                  <thead>
                    <tr>
                      <th scope="col">Rank</th>
                      <th scope="col">Framework</th>
                      <th scope="col">Covered by what you hold</th>
                      <th scope="col">Work left</th>
                      <th scope="col">Next</th>
                    </tr>
                  </thead>
                  <tbody>
                    {(steps ?? []).map((step) => (
                      <tr key={step.framework.id} data-framework={step.framework.id} data-rank={step.rank}>
                        <td className="num">{step.rank}</td>
                        <th scope="row">
                          <FrameworkChip id={step.framework.id} name={step.framework.shortName} />
                          <div className="muted small">{step.framework.name}</div>
                        </th>
                        <td>
                          <Bar summary={step.coverage} />
                          <div className="counts">
                            {pct(step.coverage.coveredShare)} covered of {step.coverage.total}:{' '}
                            {STATUS_ORDER.filter((s) => step.coverage[SUMMARY_KEY[s]] > 0).map((s) => (
                              <span key={s} className="count" data-status={s}>
                                {step.coverage[SUMMARY_KEY[s]]} <StatusBadge status={s} />
                              </span>
                            ))}
                          </div>
                        </td>
                        <td className="num work" data-work={step.marginalWork}>
                          <b>{step.marginalWork}</b> <span className="muted">({pct(step.marginalShare)})</span>
                        </td>
                        <td>
                          <a href={hrefFor('gaps', null, linkParams(step.framework.id))}>gaps</a> · <a href={hrefFor('coverage', null, linkParams(step.framework.id))}>coverage</a>
                        </td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
              <p className="muted">Work left counts a requirement-equivalent per requirement: Full 0, Partial 0.5, New and Not assessed 1 each.</p>
            </>
          )}
        </QueryResult>
      )}
    </>
  );
}
