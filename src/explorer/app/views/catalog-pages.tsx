// The catalogue's own pages: disciplines, risks and evidence artefacts. Each has a list
// (#/disciplines, #/risks, #/evidence) and a page per entry (#/disciplines/<id>...) with what it is,
// what it is tied to, and the requirements it involves, grouped by framework, each a link to its
// requirement page. A framework filter narrows the list; the requirements download as CSV or XLSX.
import { useQuery, useReady, useTitle } from '../hooks.js';
import type { ViewProps } from '../routes.js';
import { hrefFor, setParams } from '../router.js';
import { ErrorBox, QueryResult } from '../ui/query-state.js';
import { TableExport } from '../ui/table-export.js';
import { FrameworkChip, useFrameworks } from './gaps-controls.js';

export type CatalogKind = 'disciplines' | 'risks' | 'evidence';

const WHAT: Record<CatalogKind, { plural: string; singular: string }> = {
  disciplines: { plural: 'Disciplines', singular: 'Discipline' },
  risks: { plural: 'Risks', singular: 'Risk' },
  evidence: { plural: 'Evidence artefacts', singular: 'Evidence artefact' },
};

interface Entry {
  id: string;
  name: string;
  scope?: string;
  category?: string;
  definition?: string;
  description?: string;
  requirements: { totalCount: number };
}
interface ListsAnswer {
  disciplines: Entry[] | null;
  risks: Entry[] | null;
  evidence: Entry[] | null;
}
interface RequirementLite {
  id: string;
  ref: string;
  title: string;
  framework: { id: string; shortName: string };
}
export interface EntryAnswer {
  node: {
    id: string;
    name?: string;
    scope?: string;
    category?: string;
    definition?: string;
    description?: string;
    risks?: Array<{ id: string; name: string; category: string }>;
    discipline?: { id: string; name: string } | null;
    frameworks?: Array<{ id: string; shortName: string }>;
    requirements?: { totalCount: number; pageInfo: { hasNextPage: boolean; endCursor: string | null }; nodes: RequirementLite[] };
  } | null;
}

const words = (v: string) => v.charAt(0) + v.slice(1).toLowerCase().replace(/_/g, ' ');

/** One route per kind: the list without an argument, an entry's page with its id. */
export function catalogView(kind: CatalogKind) {
  return function CatalogView({ place }: ViewProps) {
    return place.arg ? <CatalogEntry kind={kind} id={place.arg} params={place.params} /> : <CatalogList kind={kind} />;
  };
}

export const DisciplinesView = catalogView('disciplines');
export const RisksView = catalogView('risks');
export const EvidenceView = catalogView('evidence');

function CatalogList({ kind }: { kind: CatalogKind }) {
  const lists = useQuery<ListsAnswer>('CatalogLists', {});
  useTitle(WHAT[kind].plural);
  useReady(lists.error ? 'error' : kind, lists.data !== undefined || lists.error !== undefined);
  return (
    <>
      <h1>{WHAT[kind].plural}</h1>
      <CatalogNav current={kind} />
      <QueryResult state={lists} loading={`Loading ${WHAT[kind].plural.toLowerCase()}...`}>
        {(data) => {
          const entries = data[kind] ?? [];
          return (
            <>
              <TableExport table="catalog" what={`the ${WHAT[kind].plural.toLowerCase()}`} params={{ list: kind }} />
              <div className="table-scroll">
                <table className="data-table catalog" id="catalog-list">
                  <caption className="sr-only">{WHAT[kind].plural}, with the number of requirements each involves</caption>
                  <thead>
                    <tr>
                      <th scope="col">Name</th>
                      {kind !== 'evidence' ? <th scope="col">{kind === 'disciplines' ? 'Scope' : 'Category'}</th> : null}
                      <th scope="col">What it is</th>
                      <th scope="col" className="num">Requirements</th>
                    </tr>
                  </thead>
                  <tbody>
                    {entries.map((e) => (
                      <tr key={e.id} data-id={e.id}>
                        <th scope="row"><a href={hrefFor(kind, e.id)}>{e.name}</a></th>
                        {kind !== 'evidence' ? <td>{words(e.scope ?? e.category ?? '')}</td> : null}
                        <td>{e.definition ?? e.description}</td>
                        <td className="num" data-count={e.requirements.totalCount}>{e.requirements.totalCount}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
            </>
          );
        }}
      </QueryResult>
    </>
  );
}

function CatalogNav({ current }: { current: CatalogKind }) {
  return (
    <nav className="catalog-nav" aria-label="Catalogue">
      {(Object.keys(WHAT) as CatalogKind[]).map((k) => (
        <a key={k} href={hrefFor(k)} aria-current={k === current ? 'page' : undefined} className={k === current ? 'active' : ''}>
          {WHAT[k].plural}
        </a>
      ))}
    </nav>
  );
}

const PAGE = 200;

function CatalogEntry({ kind, id, params }: { kind: CatalogKind; id: string; params: URLSearchParams }) {
  const framework = params.get('framework') || null;
  const { all } = useFrameworks();
  const entry = useQuery<EntryAnswer>('CatalogEntry', { id, framework, first: PAGE });
  const name = entry.data?.node?.name;
  useTitle(name ? `${name} (${WHAT[kind].singular.toLowerCase()})` : WHAT[kind].singular);
  useReady(entry.error ? 'error' : `${kind}-entry`, entry.data !== undefined || entry.error !== undefined);
  return (
    <>
      <p className="muted breadcrumb"><a href={hrefFor(kind)}>{WHAT[kind].plural}</a></p>
      {entry.error ? <ErrorBox error={entry.error} suggestionHref={(s) => hrefFor(kind, s)} /> : (
      <QueryResult state={entry} loading="Loading...">
        {({ node }) => {
          if (!node || node.name === undefined) return <p className="error" role="alert" data-code="NOT_FOUND"><b className="error-code">NOT_FOUND</b>: no {WHAT[kind].singular.toLowerCase()} has id "{id}". <a href={hrefFor(kind)}>See them all</a>.</p>;
          const requirements = node.requirements!;
          const byFramework = new Map<string, RequirementLite[]>();
          for (const r of requirements.nodes) byFramework.set(r.framework.id, [...(byFramework.get(r.framework.id) ?? []), r]);
          return (
            <>
              <h1>
                {node.name} <span className="muted small">{WHAT[kind].singular}</span>
              </h1>
              <p className="entry-text">{node.definition ?? node.description}</p>
              <dl className="entry-facts">
                {node.scope ? (<><dt>Scope</dt><dd>{words(node.scope)}</dd></>) : null}
                {node.category ? (<><dt>Category</dt><dd>{words(node.category)}</dd></>) : null}
                {node.discipline ? (<><dt>Discipline</dt><dd><a href={hrefFor('disciplines', node.discipline.id)}>{node.discipline.name}</a></dd></>) : null}
                {node.risks?.length ? (
                  <>
                    <dt>Risks</dt>
                    <dd>{node.risks.map((r, i) => <span key={r.id}>{i > 0 ? ', ' : ''}<a href={hrefFor('risks', r.id)}>{r.name}</a></span>)}</dd>
                  </>
                ) : null}
                {node.frameworks?.length ? (
                  <>
                    <dt>Frameworks</dt>
                    <dd>{node.frameworks.map((f) => <FrameworkChip key={f.id} id={f.id} name={f.shortName} />)}</dd>
                  </>
                ) : null}
              </dl>
              <h2 id="requirements-heading">
                Requirements ({requirements.totalCount}{framework ? ` in ${all.find((f) => f.id === framework)?.shortName ?? framework}` : ''})
              </h2>
              <form className="controls" onSubmit={(e) => e.preventDefault()}>
                <label className="field">
                  <span>Framework</span>
                  <select id="framework-filter" value={framework ?? ''} onChange={(e) => setParams({ framework: e.currentTarget.value || null })}>
                    <option value="">all</option>
                    {all.map((f) => <option key={f.id} value={f.id}>{f.shortName}</option>)}
                  </select>
                </label>
              </form>
              <TableExport table="catalog" what="these requirements" params={{ of: node.id, framework }} />
              {requirements.totalCount === 0 ? <p className="muted">None{framework ? ' in this framework' : ''}.</p> : null}
              {[...byFramework.entries()].map(([fw, list]) => (
                <section key={fw} className="entry-framework" data-framework={fw} aria-labelledby={`fw-${fw}`}>
                  <h3 id={`fw-${fw}`}>
                    <FrameworkChip id={fw} name={list[0]!.framework.shortName} /> <span className="muted">({list.length})</span>
                  </h3>
                  <ul className="requirement-list">
                    {list.map((r) => (
                      <li key={r.id} data-id={r.id}>
                        <a href={hrefFor('requirement', r.id)}>{r.ref}</a> {r.title}
                      </li>
                    ))}
                  </ul>
                </section>
              ))}
              {requirements.pageInfo.hasNextPage ? <p className="muted" id="more-note">The first {requirements.nodes.length} of {requirements.totalCount} are shown: narrow by framework, or download them all.</p> : null}
            </>
          );
        }}
      </QueryResult>
      )}
    </>
  );
}
