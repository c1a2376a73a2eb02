// The search page (#/search?q=..&framework=..&held=..). With the ranked search operation
// (RankedSearch: relevance order, stemming, snippets, per-framework counts, each hit's status given
// what is held) it shows hits best first with their matched words marked, the framework filter as
// counts, a held picker and "more". Without it (an older API), the reference resolver and the word
// search (Search), with the framework filter applied to what came back.
import { hasOperation } from '../api.js';
import { useQuery, useReady, useTitle } from '../hooks.js';
import { MoreButton, useMorePages } from '../paging.js';
import type { ViewProps } from '../routes.js';
import { hrefFor, setParams } from '../router.js';
import { frameworkColour } from '../ui/frameworks.js';
import { ErrorBox, Loading, QueryResult } from '../ui/query-state.js';
import { StatusBadge } from '../ui/status.js';
import { TableExport } from '../ui/table-export.js';
import { list } from './coverage-params.js';

export const RANKED = hasOperation('RankedSearch');
const PAGE = 30;

interface Part {
  text: string;
  matched: boolean;
}

export interface SearchHitData {
  id: string;
  ref: string;
  /** The title as text, or in parts with the query's words marked. */
  title: string | Part[];
  framework: { id?: string; shortName: string };
  snippet?: { parts: Part[]; clippedStart: boolean; clippedEnd: boolean } | null;
  /** The hit's coverage status given the held frameworks, when asked. */
  status?: string | null;
  reason?: string;
}

const REASON: Record<string, string> = { REFERENCE: 'reference', TITLE_EXACT: 'exact title', TITLE: 'in the title', SUMMARY: 'in the summary' };

/** Parts as text, the matched ones marked (every part is text: nothing from the API is markup). */
function Marked({ parts }: { parts: Part[] }) {
  return <>{parts.map((p, i) => (p.matched ? <mark key={i}>{p.text}</mark> : <span key={i}>{p.text}</span>))}</>;
}

export function SearchHit({ hit, held }: { hit: SearchHitData; held: string }) {
  return (
    <li className="hit" data-id={hit.id} data-reason={hit.reason}>
      <div className="hit-head">
        <span className="fw-chip" style={{ ['--fw' as string]: frameworkColour(hit.framework.id ?? '') }}>{hit.framework.shortName}</span>
        <a href={hrefFor('requirement', hit.id, { held: held || null })}>
          {hit.ref} {typeof hit.title === 'string' ? hit.title : <Marked parts={hit.title} />}
        </a>
        {hit.status ? <StatusBadge status={hit.status} /> : null}
        {hit.reason ? <span className="muted hit-reason">{REASON[hit.reason] ?? hit.reason}</span> : null}
      </div>
      {hit.snippet && hit.snippet.parts.length ? (
        <p className="hit-snippet">
          {hit.snippet.clippedStart ? '\u2026' : ''}
          <Marked parts={hit.snippet.parts} />
          {hit.snippet.clippedEnd ? '\u2026' : ''}
        </p>
      ) : null}
    </li>
  );
}

interface Framework {
  id: string;
  shortName: string;
}

export function SearchView({ place }: ViewProps) {
  const q = (place.params.get('q') ?? '').trim();
  const framework = place.params.get('framework') ?? '';
  const held = list(place.params.get('held'));
  const frameworks = useQuery<{ frameworks: Framework[] }>('Frameworks', {});
  useTitle(q ? `Search: ${q}` : 'Search');
  return (
    <>
      <h1>{q ? <>Search: {q}</> : 'Search'}</h1>
      {RANKED ? (
        <RankedResults q={q} framework={framework} held={held} frameworks={frameworks.data?.frameworks ?? []} />
      ) : (
        <BasicResults q={q} framework={framework} frameworks={frameworks.data?.frameworks ?? []} />
      )}
    </>
  );
}

function HeldPicker({ held, frameworks }: { held: string[]; frameworks: Framework[] }) {
  return (
    <fieldset id="search-held">
      <legend>Status given what you hold</legend>
      {frameworks.map((f) => (
        <label key={f.id}>
          <input
            type="checkbox"
            name="held"
            value={f.id}
            checked={held.includes(f.id)}
            onChange={(e) => setParams({ held: (e.currentTarget.checked ? [...held, f.id] : held.filter((h) => h !== f.id)).join(',') || null })}
          />{' '}
          {f.shortName}
        </label>
      ))}
    </fieldset>
  );
}

interface RankedAnswer {
  search: {
    totalCount: number;
    terms: string[];
    facets: Array<{ count: number; framework: Framework }>;
    pageInfo: { hasNextPage: boolean; endCursor: string | null };
    edges: Array<{
      node: {
        rank: number;
        reason: string;
        status: string | null;
        requirement: { id: string; ref: string; framework: Framework };
        title: Part[];
        snippet: { clippedStart: boolean; clippedEnd: boolean; parts: Part[] };
      };
    }>;
  } | null;
}

function RankedResults({ q, framework, held, frameworks }: { q: string; framework: string; held: string[]; frameworks: Framework[] }) {
  // Paging belongs to one search: a new query, filter or held list starts from the first page. The
  // controls stay mounted (focus stays on the one changed), and the hits shown stay on screen while
  // "more" loads the next page below them.
  const pages = useMorePages<SearchHitData>(`${q}|${framework}|${held.join(',')}`);
  const state = useQuery<RankedAnswer>('RankedSearch', q ? { q, framework: framework ? [framework] : null, held: held.length ? held : null, first: PAGE, after: pages.after } : null);
  useReady(state.error ? 'error' : 'search', !q || state.data !== undefined || state.error !== undefined);
  const facets = (state.data ?? state.previous)?.search?.facets;
  const hits = (answer: RankedAnswer | undefined): SearchHitData[] =>
    (answer?.search?.edges ?? []).map(({ node: n }) => ({ id: n.requirement.id, ref: n.requirement.ref, title: n.title, framework: n.requirement.framework, snippet: n.snippet, status: n.status, reason: n.reason }));
  // The summary of this search: the current page's, or (while the next page loads) the last page's.
  const answer = state.data ?? (pages.earlier.length ? state.previous : undefined);
  const all = [...pages.earlier, ...hits(state.data)];
  const s = answer?.search;
  return (
    <>
      <form className="controls" id="search-filters" onSubmit={(e) => e.preventDefault()}>
        <label className="field">
          <span>Framework</span>
          <select id="search-framework" value={framework} onChange={(e) => setParams({ framework: e.currentTarget.value || null })}>
            <option value="">all{facets ? ` (${facets.reduce((n, f) => n + f.count, 0)})` : ''}</option>
            {frameworks.map((f) => {
              const count = facets?.find((x) => x.framework.id === f.id)?.count;
              return (
                <option key={f.id} value={f.id}>
                  {f.shortName}
                  {facets ? ` (${count ?? 0})` : ''}
                </option>
              );
            })}
          </select>
        </label>
        <HeldPicker held={held} frameworks={frameworks} />
      </form>
      {q ? <SearchExports framework={framework} held={held} frameworks={frameworks} /> : null}
      {!q ? (
        <p className="muted">Type a reference ("A.6.2.4", "CC 6.1", "GV-1.1", "Art. 14") or words ("human oversight") in the search box at the top.</p>
      ) : !answer ? (
        state.error ? <ErrorBox error={state.error} /> : <Loading what="Searching..." />
      ) : (
        <>
          <p id="search-summary" role="status">
            {s?.totalCount ?? 0} {s?.totalCount === 1 ? 'requirement' : 'requirements'}, best first
            {s?.terms.length ? <span className="muted"> (words matched as: {s.terms.join(', ')})</span> : null}
            {all.length && s && all.length < s.totalCount ? <span className="muted" id="search-shown">; {all.length} shown</span> : null}
          </p>
          <ol className="results" id="word-results">
            {all.length ? all.map((h) => <SearchHit key={h.id} hit={h} held={held.join(',')} />) : state.loading ? null : <li className="muted">Nothing found.</li>}
          </ol>
          {state.error ? <ErrorBox error={state.error} /> : null}
          <MoreButton id="search-more" loading={state.loading} next={state.data ? (state.data.search?.pageInfo.hasNextPage ? state.data.search.pageInfo.endCursor : null) : undefined} count={Math.min(PAGE, (s?.totalCount ?? 0) - all.length)} onMore={(cursor) => pages.more(all, cursor)} />
        </>
      )}
    </>
  );
}

/**
 * The search page's downloads. No table holds search hits; the nearest is the coverage table of the
 * framework the hits are narrowed to, given what is held: every requirement of it with the status
 * the hits show, so the hits are among its rows. It needs both, so until they are chosen the page
 * says so rather than offering a table that is not what is on screen.
 */
function SearchExports({ framework, held, frameworks }: { framework: string; held: string[]; frameworks: Framework[] }) {
  const name = (id: string) => frameworks.find((f) => f.id === id)?.shortName ?? id;
  // A framework is never covered by itself: it leaves what is held, as on the coverage map.
  const given = held.filter((h) => h !== framework);
  return (
    <section id="search-exports" aria-label="Downloads">
      {!framework || given.length === 0 ? (
        <p className="muted" id="search-exports-none">To download, narrow the hits to one framework and tick what you hold: the download is that framework's coverage table, the hits among its rows with the status shown here.</p>
      ) : (
        <TableExport table="coverage" what={`the coverage of ${name(framework)} given ${given.map(name).join(', ')} (every requirement, the hits among them)`} params={{ target: framework, held: given.join(',') }} />
      )}
    </section>
  );
}

interface BasicAnswer {
  resolveRefs: Array<{ input: string; confidence: string; citedTitle: string | null; titleMatches: boolean | null; requirement: BasicHit | null; candidates: BasicHit[] }> | null;
  requirements: { totalCount: number; nodes: BasicHit[] } | null;
}
interface BasicHit {
  id: string;
  ref: string;
  title: string;
  framework: Framework;
}

function BasicResults({ q, framework, frameworks }: { q: string; framework: string; frameworks: Framework[] }) {
  const state = useQuery<BasicAnswer>('Search', q ? { refs: [q], q } : null);
  useReady(state.error ? 'error' : 'search', !q || state.data !== undefined || state.error !== undefined);
  const inFramework = (h: BasicHit) => !framework || h.framework.id === framework;
  return (
    <>
      <form className="controls" id="search-filters" onSubmit={(e) => e.preventDefault()}>
        <label className="field">
          <span>Framework</span>
          <select id="search-framework" value={framework} onChange={(e) => setParams({ framework: e.currentTarget.value || null })}>
            <option value="">all</option>
            {frameworks.map((f) => <option key={f.id} value={f.id}>{f.shortName}</option>)}
          </select>
        </label>
      </form>
      {!q ? (
        <p className="muted">Type a reference ("A.6.2.4", "CC 6.1", "GV-1.1", "Art. 14") or words ("human oversight") in the search box at the top.</p>
      ) : (
        <QueryResult state={state} loading="Searching...">
          {(data) => {
            const resolved = data.resolveRefs?.[0] ?? { confidence: 'NOT_FOUND', requirement: null, candidates: [], citedTitle: null, titleMatches: null };
            const found = (resolved.requirement ? [resolved.requirement] : resolved.candidates).filter(inFramework);
            const words = data.requirements ?? { totalCount: 0, nodes: [] };
            const hits = words.nodes.filter(inFramework);
            return (
              <>
                <h2>
                  As a reference <span className="muted">({resolved.confidence.toLowerCase().replace('_', ' ')})</span>
                </h2>
                {resolved.citedTitle && resolved.requirement ? (
                  <p>
                    Cited title "{resolved.citedTitle}" {resolved.titleMatches ? 'matches' : <b>does not match</b>} the real title.
                  </p>
                ) : null}
                <ul className="results" id="ref-results">
                  {found.length ? found.map((r) => <SearchHit key={r.id} hit={r} held="" />) : <li className="muted">No reference matched.</li>}
                </ul>
                <h2>
                  By words <span className="muted">({framework ? `${hits.length} in this framework, ` : ''}{words.totalCount} in all)</span>
                </h2>
                <ul className="results" id="word-results">
                  {hits.length ? hits.map((r) => <SearchHit key={r.id} hit={r} held="" />) : <li className="muted">Nothing found.</li>}
                </ul>
              </>
            );
          }}
        </QueryResult>
      )}
    </>
  );
}
