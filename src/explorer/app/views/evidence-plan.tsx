// Evidence plan: the artefacts to collect once and reuse across the chosen frameworks, most reused
// first; for each, how many requirements of each framework it helps prove (a bar per framework in
// its colour, with its short name and the count), and the requirements themselves on demand.
import { useQuery, useReady, useTitle } from '../hooks.js';
import type { ViewProps } from '../routes.js';
import { hrefFor } from '../router.js';
import { frameworkColour } from '../ui/frameworks.js';
import { Legend } from '../ui/legend.js';
import { QueryResult } from '../ui/query-state.js';
import { TableExport } from '../ui/table-export.js';
import { FrameworkChecks, FrameworkChip, frameworkList, shortNameOf, useFrameworks } from './gaps-controls.js';

interface RequirementLite {
  id: string;
  ref: string;
  title: string;
  framework: { id: string; shortName: string };
}
export interface EvidencePlanAnswer {
  evidencePlan: {
    frameworks: Array<{ id: string; shortName: string }>;
    items: Array<{
      rank: number;
      evidence: { id: string; name: string; description: string };
      requirementCount: number;
      perFramework: Array<{ framework: { id: string; shortName: string }; count: number }>;
      requirements: RequirementLite[];
    }>;
    unevidenced: RequirementLite[];
  } | null;
}

export const DEFAULT_PLAN = 'iso42001,soc2';

export function EvidencePlanView({ place }: ViewProps) {
  const chosen = frameworkList(place.params, 'frameworks', DEFAULT_PLAN);
  const { all, error: frameworksError } = useFrameworks();
  const plan = useQuery<EvidencePlanAnswer>('EvidencePlan', chosen.length ? { frameworks: chosen } : null);
  useTitle(`Evidence plan for ${chosen.map((id) => shortNameOf(all, id)).join(', ') || 'no framework'}`);
  const error = frameworksError ?? plan.error;
  useReady(error ? 'error' : 'evidence-plan', Boolean(error) || (all.length > 0 && (chosen.length === 0 || plan.data !== undefined)));

  return (
    <>
      <h1>Evidence plan</h1>
      <p className="muted">Collect each artefact once and reuse it: the ones that help prove the most requirements of the chosen frameworks come first.</p>
      <form className="controls" id="plan-form" onSubmit={(e) => e.preventDefault()}>
        <FrameworkChecks id="framework-controls" legend="Frameworks" param="frameworks" all={all} chosen={chosen} />
      </form>
      {chosen.length === 0 ? (
        <p className="notice warn" id="nothing-chosen" role="status">Tick at least one framework to plan its evidence.</p>
      ) : (
        <QueryResult state={{ ...plan, error }} loading="Planning the evidence...">
          {({ evidencePlan }) => {
            if (!evidencePlan) return null;
            const most = Math.max(1, ...evidencePlan.items.flatMap((i) => i.perFramework.map((p) => p.count)));
            return (
              <>
                <Legend
                  id="legend"
                  title="Bars: requirements proven in each framework"
                  entries={evidencePlan.frameworks.map((f) => ({ key: f.id, swatch: <span className="swatch" style={{ background: frameworkColour(f.id) }} />, label: f.shortName }))}
                />
                <TableExport table="evidence" what="the evidence plan" params={{ frameworks: chosen.join(',') }} />
                <ol className="plan-list" id="plan-list">
                  {evidencePlan.items.map((item) => (
                    <li key={item.evidence.id} className="plan-item" data-id={item.evidence.id} data-rank={item.rank} data-count={item.requirementCount}>
                      <div className="plan-head">
                        <span className="gap-rank">{item.rank}</span>
                        <a href={hrefFor('evidence', item.evidence.id)} className="plan-name">{item.evidence.name}</a>
                        <span className="muted">helps prove <b>{item.requirementCount}</b> requirement{item.requirementCount === 1 ? '' : 's'}</span>
                      </div>
                      <p className="plan-description">{item.evidence.description}</p>
                      <ul className="plan-bars">
                        {item.perFramework.map((p) => (
                          <li key={p.framework.id} data-framework={p.framework.id} data-count={p.count}>
                            <span className="plan-bar-label">{p.framework.shortName}</span>
                            <span className="plan-bar" aria-hidden="true"><span style={{ width: `${(p.count / most) * 100}%`, background: frameworkColour(p.framework.id) }} /></span>
                            <span className="plan-bar-count">{p.count}</span>
                          </li>
                        ))}
                      </ul>
                      <details>
                        <summary>The {item.requirementCount} requirements</summary>
                        <ul className="requirement-list">
                          {item.requirements.map((r) => (
                            <li key={r.id}>
                              <FrameworkChip id={r.framework.id} name={r.framework.shortName} /> <a href={hrefFor('requirement', r.id)}>{r.ref}</a> {r.title}
                            </li>
                          ))}
                        </ul>
                      </details>
                    </li>
                  ))}
                </ol>
                <h2 id="unevidenced">No artefact proves these yet ({evidencePlan.unevidenced.length})</h2>
                {evidencePlan.unevidenced.length ? (
                  <ul className="requirement-list" id="unevidenced-list">
                    {evidencePlan.unevidenced.map((r) => (
                      <li key={r.id}>
                        <FrameworkChip id={r.framework.id} name={r.framework.shortName} /> <a href={hrefFor('requirement', r.id)}>{r.ref}</a> {r.title}
                      </li>
                    ))}
                  </ul>
                ) : (
                  <p className="muted">Every requirement has at least one artefact.</p>
                )}
              </>
            );
          }}
        </QueryResult>
      )}
    </>
  );
}
