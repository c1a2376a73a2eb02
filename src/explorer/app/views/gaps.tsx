// Gaps: what is genuinely new in a target framework given the ones held, most consequential first,
// each with the disciplines, risks and evidence it involves (links to their pages), why nothing
// covers it, and the held requirements that give a head start. Same URL parameters as the coverage
// map (coverage-params.ts), so a visitor moves between the two without losing what they hold.
// The list comes a page at a time (Gaps.itemsPage): SP 800-53's whole list with these fields is
// over the API's cost limit (QUERY_TOO_COMPLEX), a page of it is not; "more" appends the next page.
import { useReady, useQuery, useTitle } from '../hooks.js';
import { MoreButton, useMorePages } from '../paging.js';
import type { ViewProps } from '../routes.js';
import { hrefFor } from '../router.js';
import { StatusLegend } from '../ui/legend.js';
import { ErrorBox, Loading } from '../ui/query-state.js';
import { StatusBadge } from '../ui/status.js';
import { heldParam, TableExport } from '../ui/table-export.js';
import { coverageState, coverageVariables } from './coverage-params.js';
import { FrameworkChecks, InferredCheck, KindSelect, shortNameOf, TargetSelect, useFrameworks } from './gaps-controls.js';

interface Named {
  id: string;
  name: string;
}
export interface GapLite {
  rank: number;
  status: string;
  consequence: number;
  requirement: { id: string; ref: string; title: string };
  disciplines: Named[];
  risks: Array<Named & { category: string }>;
  evidence: Named[];
  noRelationships: Array<{ reason: string }>;
  groundworkCount: number;
  groundwork: Array<{ requirement: { id: string; ref: string; title: string } }>;
}
export interface GapsAnswer {
  gaps: {
    target: { id: string; shortName: string; name: string };
    held: Array<{ id: string; shortName: string }>;
    ordering: string;
    total: number;
    none: number;
    notImplemented: number;
    unassessed: number;
    itemsPage: { pageInfo: { hasNextPage: boolean; endCursor: string | null }; nodes: GapLite[] };
  } | null;
}

/** Gaps asked for at once: a page of SP 800-53's costs about a third of the limit with these fields. */
const PAGE = 50;

export function GapsView({ place }: ViewProps) {
  const state = coverageState(place.params);
  const { all, error: frameworksError } = useFrameworks();
  const variables = coverageVariables(state);
  const { implemented: _readiness, ...gapVariables } = variables;
  const pages = useMorePages<GapLite>(JSON.stringify(gapVariables));
  const gaps = useQuery<GapsAnswer>('Gaps', state.held.length ? { ...gapVariables, first: PAGE, after: pages.after } : null);
  // The totals of the page on screen (the same on every page), kept while the next page loads.
  const answer = gaps.data?.gaps ?? (pages.earlier.length ? gaps.previous?.gaps : undefined);
  const shown = [...pages.earlier, ...(gaps.data?.gaps?.itemsPage.nodes ?? [])];
  const targetName = shortNameOf(all, state.target);
  const heldNames = state.held.map((id) => shortNameOf(all, id));
  useTitle(`New in ${targetName}${heldNames.length ? ` given ${heldNames.join(', ')}` : ''}`);
  // A failed "more" keeps the gaps shown and says why below them; a failed first page replaces the list.
  const error = frameworksError ?? (pages.earlier.length ? undefined : gaps.error);
  useReady(error || gaps.error ? 'error' : 'gaps', Boolean(error || gaps.error) || (all.length > 0 && (state.held.length === 0 || gaps.data !== undefined)));
  const requirementHref = (id: string) => hrefFor('requirement', id, { held: state.held.join(','), inferred: state.inferred ? '1' : null });
  const exportParams = { target: state.target, held: heldParam(state.held, state.scope), kind: state.kind || null, inferred: state.inferred ? 'true' : null };

  return (
    <>
      <h1>
        New in {targetName}
        {heldNames.length ? <span className="muted"> given {heldNames.join(', ')}</span> : null}
      </h1>
      <form className="controls" id="gaps-form" onSubmit={(e) => e.preventDefault()}>
        <TargetSelect all={all} target={state.target} />
        <FrameworkChecks id="held-controls" legend="Held" param="held" all={all} chosen={state.held} exclude={[state.target]} />
        <KindSelect kind={state.kind} />
        <InferredCheck inferred={state.inferred} />
      </form>
      <p className="muted">
        <a href={hrefFor('coverage', null, place.params)}>Coverage map</a> for the same frameworks · <a href={hrefFor('roadmap', null, { held: state.held.join(','), inferred: state.inferred ? '1' : null })}>Roadmap</a> from what you hold
      </p>
      <StatusLegend id="legend" statuses={['NONE', 'UNASSESSED']} />
      <div id="gaps-result" aria-busy={gaps.loading}>
        {error ? (
          <ErrorBox error={error} suggestionHref={(id) => hrefFor('gaps', null, { target: id, held: state.held.join(',') })} />
        ) : state.held.length === 0 ? (
          <p className="notice warn" id="nothing-held" role="status">Nothing held: tick at least one framework you hold to see what is new in {targetName}.</p>
        ) : !answer ? (
          gaps.data ? <p className="notice warn">No answer for {targetName}.</p> : <Loading what="Finding the gaps..." />
        ) : (
          <>
            <p className="totals" id="gap-totals">
              <span className="pill-total"><b>{answer.total}</b> gaps</span>
              <span className="pill-total" data-status="NONE"><b>{answer.none}</b> <StatusBadge status="NONE" /></span>
              <span className="pill-total" data-status="UNASSESSED"><b>{answer.unassessed}</b> <StatusBadge status="UNASSESSED" /></span>
            </p>
            <p className="muted" id="gap-ordering">Ordered by {answer.ordering}.</p>
            <TableExport table="gaps" params={exportParams} what="the gap list" />
            {answer.total === 0 ? (
              <p className="notice ok" role="status">Nothing is new: every requirement of {targetName} is covered at least in part.</p>
            ) : (
              <>
                <ol className="gap-list" id="gap-list">
                  {shown.map((gap) => <GapEntry key={gap.requirement.id} gap={gap} requirementHref={requirementHref} />)}
                </ol>
                <p className="muted" id="gap-shown" role="status">
                  {shown.length} of {answer.total} shown
                </p>
                {gaps.error && pages.earlier.length ? <ErrorBox error={gaps.error} /> : null}
                <MoreButton id="gaps-more" loading={gaps.loading} next={gaps.data ? (gaps.data.gaps?.itemsPage.pageInfo.hasNextPage ? gaps.data.gaps.itemsPage.pageInfo.endCursor : null) : undefined} count={Math.min(PAGE, answer.total - shown.length)} onMore={(cursor) => pages.more(shown, cursor)} />
              </>
            )}
          </>
        )}
      </div>
    </>
  );
}

function GapEntry({ gap, requirementHref }: { gap: GapLite; requirementHref: (id: string) => string }) {
  const reasons = gap.noRelationships.map((n) => n.reason);
  return (
    <li className={`gap status-${gap.status}`} data-id={gap.requirement.id} data-status={gap.status} data-rank={gap.rank}>
      <div className="gap-head">
        <span className="gap-rank" aria-label={`rank ${gap.rank}`}>{gap.rank}</span>
        <a className="gap-ref" href={requirementHref(gap.requirement.id)}>{gap.requirement.ref}</a>
        <span className="gap-title">{gap.requirement.title}</span>
        <StatusBadge status={gap.status} />
        <span className="gap-consequence" title="Weighted count of the risks it mitigates: AI and legal 3, security and privacy 2, operational 1">consequence {gap.consequence}</span>
      </div>
      <p className="gap-why">{reasons.length ? reasons.join(' ') : gap.status === 'UNASSESSED' ? 'Not assessed: no mapping set examined it against what you hold (unknown, not new).' : 'Examined: nothing held covers it.'}</p>
      <dl className="gap-facts">
        <Facts label="Disciplines" route="disciplines" items={gap.disciplines} />
        <Facts label="Risks mitigated" route="risks" items={gap.risks} />
        <Facts label="Evidence needed" route="evidence" items={gap.evidence} />
        {gap.groundwork.length ? (
          <>
            <dt>Head start</dt>
            <dd>
              {gap.groundwork.map((g, i) => (
                <span key={g.requirement.id}>
                  {i > 0 ? '; ' : ''}
                  <a href={requirementHref(g.requirement.id)}>{g.requirement.id}</a> {g.requirement.title}
                </span>
              ))}
              {gap.groundworkCount > gap.groundwork.length ? <span className="muted"> and {gap.groundworkCount - gap.groundwork.length} more sharing a discipline</span> : null}
            </dd>
          </>
        ) : null}
      </dl>
    </li>
  );
}

function Facts({ label, route, items }: { label: string; route: string; items: Named[] }) {
  if (items.length === 0) return null;
  return (
    <>
      <dt>{label}</dt>
      <dd>
        {items.map((x, i) => (
          <span key={x.id}>
            {i > 0 ? ', ' : ''}
            <a href={hrefFor(route, x.id)}>{x.name}</a>
          </span>
        ))}
      </dd>
    </>
  );
}
