// The search page (#/search?q=..&framework=..): a reference resolved as such ("A.6.2.4", "CC 6.1",
// "Art. 14"), then the requirements whose words match. Each hit is drawn by SearchHit, which shows a
// snippet and the hit's status given what is held whenever the answer carries them (the ranked
// search operation adds both); the framework filter narrows the hits.
import { useQuery, useReady, useTitle } from '../hooks.js';
import type { ViewProps } from '../routes.js';
import { hrefFor, setParams } from '../router.js';
import { frameworkColour } from '../ui/frameworks.js';
import { QueryResult } from '../ui/query-state.js';
import { StatusBadge } from '../ui/status.js';

export interface SearchHitData {
  id: string;
  ref: string;
  title: string;
  framework: { id?: string; shortName: string };
  /** Words around the match; `[[` and `]]` mark the matched words. */
  snippet?: string | null;
  /** The hit's coverage status given the held frameworks, when asked. */
  status?: string | null;
}

interface SearchAnswer {
  resolveRefs: Array<{ input: string; confidence: string; citedTitle: string | null; titleMatches: boolean | null; requirement: SearchHitData | null; candidates: SearchHitData[] }> | null;
  requirements: { totalCount: number; nodes: SearchHitData[] } | null;
}

/** A snippet with its `[[matched]]` words marked. */
function Snippet({ text }: { text: string }) {
  const parts = text.split(/\[\[|\]\]/);
  return <p className="hit-snippet">{parts.map((p, i) => (i % 2 === 1 ? <mark key={i}>{p}</mark> : <span key={i}>{p}</span>))}</p>;
}

export function SearchHit({ hit, held }: { hit: SearchHitData; held: string }) {
  return (
    <li className="hit" data-id={hit.id}>
      <div className="hit-head">
        <span className="fw-chip" style={{ ['--fw' as string]: frameworkColour(hit.framework.id ?? '') }}>{hit.framework.shortName}</span>
        <a href={hrefFor('requirement', hit.id, { held: held || null })}>
          {hit.ref} {hit.title}
        </a>
        {hit.status ? <StatusBadge status={hit.status} /> : null}
      </div>
      {hit.snippet ? <Snippet text={hit.snippet} /> : null}
    </li>
  );
}

export function SearchView({ place }: ViewProps) {
  const q = (place.params.get('q') ?? '').trim();
  const framework = place.params.get('framework') ?? '';
  const held = place.params.get('held') ?? '';
  const state = useQuery<SearchAnswer>('Search', q ? { refs: [q], q } : null);
  const frameworks = useQuery<{ frameworks: Array<{ id: string; shortName: string }> }>('Frameworks', {});
  useTitle(q ? `Search: ${q}` : 'Search');
  useReady(state.error ? 'error' : 'search', !q || state.data !== undefined || state.error !== undefined);
  const inFramework = (h: SearchHitData) => !framework || h.framework.id === framework || frameworks.data?.frameworks.find((f) => f.id === framework)?.shortName === h.framework.shortName;
  return (
    <>
      <h1>{q ? <>Search: {q}</> : 'Search'}</h1>
      <form className="controls" id="search-filters" onSubmit={(e) => e.preventDefault()}>
        <label className="field">
          <span>Framework</span>
          <select id="search-framework" value={framework} onChange={(e) => setParams({ framework: e.currentTarget.value || null })}>
            <option value="">all</option>
            {(frameworks.data?.frameworks ?? []).map((f) => <option key={f.id} value={f.id}>{f.shortName}</option>)}
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
                  {found.length ? found.map((r) => <SearchHit key={r.id} hit={r} held={held} />) : <li className="muted">No reference matched.</li>}
                </ul>
                <h2>
                  By words <span className="muted">({framework ? `${hits.length} in this framework, ` : ''}{words.totalCount} in all)</span>
                </h2>
                <ul className="results" id="word-results">
                  {hits.length ? hits.map((r) => <SearchHit key={r.id} hit={r} held={held} />) : <li className="muted">Nothing found.</li>}
                </ul>
              </>
            );
          }}
        </QueryResult>
      )}
    </>
  );
}
