// A requirement's page (#/requirement/<id>?held=..&inferred=1): first its status given what the
// visitor holds and the reasons that make it so (an inferred link's path drawn hop by hop), then its
// neighbourhood as a graph, then everything else (every mapping, assessments, disciplines, risks,
// evidence, proposals waiting for review).
import { useMemo, type ChangeEvent } from 'react';
import { apiKey } from '../api.js';
import { useKeyVersion, useQuery, useReady, useTitle } from '../hooks.js';
import type { ViewProps } from '../routes.js';
import { hrefFor, setParams } from '../router.js';
import { frameworkColour } from '../ui/frameworks.js';
import { relationLabel, RELATION_MEANING } from '../ui/legend.js';
import { ErrorBox, Loading } from '../ui/query-state.js';
import { STATUS_MEANING, StatusBadge } from '../ui/status.js';
import { StrengthMeter } from '../ui/strength.js';
import { heldParam, TableExport } from '../ui/table-export.js';
import { coverageState, list } from './coverage-params.js';
import { NeighbourhoodGraph, type GraphInput, type GraphRequirement } from './requirement-graph.js';

interface Neighbourhood {
  requirement: {
    id: string;
    ref: string;
    title: string;
    summary: string;
    kind: string;
    framework: { id: string; shortName: string };
    parent: { id: string; ref: string; title: string } | null;
    mappings: Array<{
      relationship: string;
      strength: number | null;
      rationale: string | null;
      note: string | null;
      condition: { description: string } | null;
      inverse: boolean;
      source: { name: string };
      mapping: { id: string; status: string };
      other: GraphRequirement;
    }>;
    noRelationships: Array<{ reason: string; otherFramework: { shortName: string }; mappingSet: { name: string } }>;
    disciplines: Array<{ id: string; name: string; scope: string }>;
    risks: Array<{ id: string; name: string; category: string }>;
    evidence: Array<{ id: string; name: string }>;
  } | null;
}

interface Link {
  requirement: GraphRequirement;
  relationship: string;
  strength: number | null;
  note: string | null;
  inferred: boolean;
  implemented: boolean;
  path: GraphRequirement[] | null;
  sources: Array<{ name: string }>;
  conditions: Array<{ description: string }>;
}

interface ItemAnswer {
  coverage: {
    held: Array<{ id: string; shortName: string }>;
    itemsPage: {
      nodes: Array<{
        requirement: { id: string };
        status: string;
        inferred: boolean;
        via: Link[];
        noRelationships: Array<{ reason: string; otherFramework: { shortName: string }; mappingSet: { name: string } }>;
        outOfScope: Array<{ requirement: GraphRequirement; relationship: string; strength: number | null; scope: { description: string } | null }>;
      }>;
    };
  } | null;
}

interface Proposal {
  id: string;
  relationship: string;
  strength: number | null;
  rationale: string | null;
  note: string | null;
  status: string;
  from: GraphRequirement;
  to: GraphRequirement;
  review: { proposedBy: string; proposedAt: string };
}

const words = (v: string) => v.toLowerCase().replace(/_/g, ' ');

export function RequirementView({ place }: ViewProps) {
  const id = place.arg ?? '';
  useKeyVersion();
  const key = apiKey();
  const n = useQuery<Neighbourhood>('Neighbourhood', { id });
  const r = n.data?.requirement ?? null;
  const fw = r?.framework.id ?? '';
  const held = list(place.params.get('held')).filter((f) => f !== fw);
  const inferred = place.params.get('inferred') === '1';
  const state = coverageState(new URLSearchParams({ ...Object.fromEntries(place.params), target: fw, held: held.join(',') }));
  const coverage = useQuery<ItemAnswer>('RequirementCoverage', r && held.length ? { target: fw, held, scope: state.scope.length ? state.scope : null, inferred, implemented: state.implemented, search: r.ref } : null);
  const proposals = useQuery<{ workspace: { proposals: { mappings: Proposal[] } } | null }>('ProposedMappings', key ? {} : null);
  const frameworks = useQuery<{ frameworks: Array<{ id: string; shortName: string }> }>('Frameworks', {});

  useTitle(r ? `${r.framework.shortName} ${r.ref} ${r.title}` : n.error ? 'Requirement not found' : 'Requirement');
  const error = n.error;
  const drawn = r !== null && n.data !== undefined && (held.length === 0 || coverage.data !== undefined || coverage.error !== undefined) && (!key || proposals.data !== undefined || proposals.error !== undefined);
  useReady(error ? 'error' : 'requirement', Boolean(error) || drawn);

  const proposed = useMemo(() => {
    if (!r || !proposals.data?.workspace) return [];
    const shown = new Set(r.mappings.map((m) => m.mapping.id));
    return proposals.data.workspace.proposals.mappings.filter((m) => (m.from.id === r.id || m.to.id === r.id) && !shown.has(m.id));
  }, [r, proposals.data]);

  const graph = useMemo<GraphInput | null>(() => {
    if (!r) return null;
    return {
      focus: r,
      held,
      mappings: [
        ...r.mappings.map((m) => ({ id: m.mapping.id, other: m.other, relationship: m.relationship, strength: m.strength, proposed: m.mapping.status === 'PROPOSED' })),
        ...proposed.map((m) => ({ id: `p:${m.id}`, other: m.from.id === r.id ? m.to : m.from, relationship: m.relationship, strength: m.strength, proposed: true, reversed: m.from.id !== r.id })),
      ],
      disciplines: r.disciplines,
      risks: r.risks,
      evidence: r.evidence,
    };
    // held is derived from the URL: its joined form is the dependency.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [r, proposed, held.join(',')]);

  if (error) {
    return (
      <>
        <h1>Requirement {id}</h1>
        <ErrorBox error={error} />
      </>
    );
  }
  if (!r) return n.data ? <ErrorBox error={{ name: 'ApiError', code: 'NOT_FOUND', message: `No requirement has id "${id}".`, suggestions: [] } as never} /> : <Loading what="Loading the requirement..." />;

  const item = coverage.data?.coverage?.itemsPage.nodes.find((x) => x.requirement.id === r.id);
  const reasonIds = new Set(item?.via.filter((l) => !l.inferred).map((l) => l.requirement.id) ?? []);
  const others = r.mappings.filter((m) => !reasonIds.has(m.other.id));
  const heldNames = held.map((h) => frameworks.data?.frameworks.find((f) => f.id === h)?.shortName ?? h);
  const onHeld = (event: ChangeEvent<HTMLInputElement>) => {
    const { value, checked } = event.currentTarget;
    setParams({ held: (checked ? [...held, value] : held.filter((f) => f !== value)).join(',') || null });
  };

  return (
    <>
      <header className="req-head">
        <h1>
          <span className="fw-chip" style={{ ['--fw' as string]: frameworkColour(fw) }}>{r.framework.shortName}</span> {r.ref} <span className="muted">{r.title}</span>
        </h1>
        <p>
          {r.summary}
          {r.parent ? (
            <>
              {' '}
              <span className="muted">Part of <a href={hrefFor('requirement', r.parent.id, { held: held.join(',') || null })}>{r.parent.ref} {r.parent.title}</a>.</span>
            </>
          ) : null}
          {held.length ? (
            <>
              {' '}
              <a href={hrefFor('coverage', null, { target: fw, held: held.join(','), inferred: inferred ? '1' : null })}>Back to the coverage map</a>
            </>
          ) : null}
        </p>
      </header>
      <form className="controls" id="held-form" onSubmit={(e) => e.preventDefault()}>
        <fieldset>
          <legend>What you hold</legend>
          {(frameworks.data?.frameworks ?? []).filter((f) => f.id !== fw).map((f) => (
            <label key={f.id}>
              <input type="checkbox" name="held" value={f.id} checked={held.includes(f.id)} onChange={onHeld} /> {f.shortName}
            </label>
          ))}
        </fieldset>
        <label>
          <input type="checkbox" name="inferred" checked={inferred} onChange={(e) => setParams({ inferred: e.currentTarget.checked ? '1' : null })} /> follow inference
        </label>
      </form>
      <Verdict heldNames={heldNames} held={held} loading={coverage.loading} error={coverage.error} item={item} requirement={r} />
      <RequirementExports requirement={r} held={held} heldNames={heldNames} scope={state.scope} inferred={inferred} />
      <h2 id="graph-heading">Neighbourhood</h2>
      {graph ? <NeighbourhoodGraph input={graph} label={`Neighbourhood of ${r.framework.shortName} ${r.ref}: ${r.mappings.length + proposed.length} mapped requirements, ${r.disciplines.length} disciplines, ${r.risks.length} risks, ${r.evidence.length} evidence artefacts; the same as the lists below.`} /> : null}
      <section className="everything panel" id="reasons" aria-labelledby="everything-heading">
        <h2 id="everything-heading">Everything else</h2>
        {proposals.error ? (
          <div className="error" role="alert">
            Proposed mappings could not be read: <b>{proposals.error.code}</b>: {proposals.error.message}
          </div>
        ) : null}
        {proposed.length ? (
          <>
            <h3>Proposed, waiting for review ({proposed.length})</h3>
            <ul id="proposed">
              {proposed.map((m) => (
                <li key={m.id} data-id={m.id}>
                  <span className="rel proposed">PROPOSED</span> <End r={m.from} /> {words(m.relationship)} <End r={m.to} /> {m.strength ?? '-'}/10{m.rationale ? `, ${words(m.rationale)}` : ''}
                  {m.note ? <><br /><span className="muted">{m.note}</span></> : null}
                  <br />
                  <small className="muted">
                    proposed by <code>{m.review.proposedBy}</code>; decide in the <a href={hrefFor('review')}>review queue</a>
                  </small>
                </li>
              ))}
            </ul>
          </>
        ) : null}
        <h3>{reasonIds.size ? `Other mappings (${others.length})` : `Mappings (${others.length})`}</h3>
        {reasonIds.size ? <p className="muted">The {reasonIds.size} mapping{reasonIds.size === 1 ? '' : 's'} behind the status are above.</p> : null}
        {others.length ? (
          <ul id="mappings">
            {others.map((m) => (
              <li key={m.mapping.id} data-other={m.other.id}>
                <span className="rel-chip" title={RELATION_MEANING[m.relationship]}>{r.ref} {m.relationship} {m.other.framework.shortName} {m.other.ref}</span> <StrengthMeter strength={m.strength} compact />
                {m.rationale ? <span className="muted">, {words(m.rationale)}</span> : null}
                {m.mapping.status === 'PROPOSED' ? <span className="rel proposed">PROPOSED</span> : null}
                <br />
                <a href={hrefFor('requirement', m.other.id, { held: held.join(',') || null })}>{m.other.title}</a>
                {m.condition ? <><br /><span className="condition">holds when {m.condition.description}</span></> : null}
                {m.note ? <><br /><span className="muted">{m.note}</span></> : null}
                <br />
                <small className="muted">{m.source.name}</small>
              </li>
            ))}
          </ul>
        ) : (
          <p className="muted">No {reasonIds.size ? 'other ' : ''}mappings.</p>
        )}
        {r.noRelationships.length ? (
          <>
            <h3>Assessed, nothing found</h3>
            <ul>
              {r.noRelationships.map((x, i) => <li key={i}>{x.otherFramework.shortName}: {x.reason}</li>)}
            </ul>
          </>
        ) : null}
        {/* Each entry opens its catalogue page: every requirement, in every framework, that shares it. */}
        <h3>Disciplines</h3>
        <ul id="req-disciplines">{r.disciplines.length ? r.disciplines.map((d) => <li key={d.id}><a href={hrefFor('disciplines', d.id)}>{d.name}</a> <span className="muted">{words(d.scope)}</span></li>) : <li className="muted">none</li>}</ul>
        <h3>Risks mitigated</h3>
        <ul id="req-risks">{r.risks.length ? r.risks.map((k) => <li key={k.id}><a href={hrefFor('risks', k.id)}>{k.name}</a> <span className="muted">{words(k.category)}</span></li>) : <li className="muted">none</li>}</ul>
        <h3>Evidence</h3>
        <ul id="req-evidence">{r.evidence.length ? r.evidence.map((e) => <li key={e.id}><a href={hrefFor('evidence', e.id)}>{e.name}</a></li>) : <li className="muted">none</li>}</ul>
      </section>
    </>
  );
}

/**
 * The downloads of a requirement page. No table holds one requirement alone; the nearest is the
 * crosswalk from each held framework to this requirement's framework: this requirement's rows there
 * carry its links with strength, basis, condition and source, the working columns a consultant
 * fills in. Nothing held: the crosswalk has no "from", so the page says what to tick.
 */
function RequirementExports(props: { requirement: NonNullable<Neighbourhood['requirement']>; held: string[]; heldNames: string[]; scope: Array<Record<string, unknown>>; inferred: boolean }) {
  const { requirement: r, held } = props;
  return (
    <section className="requirement-exports" id="requirement-exports" aria-label="Downloads">
      {held.length === 0 ? (
        <p className="muted" id="requirement-exports-none">Tick what you hold to download its crosswalk to {r.framework.shortName} (this requirement's links with their working columns).</p>
      ) : (
        held.map((h, i) => (
          <TableExport
            key={h}
            table="crosswalk"
            what={`the ${props.heldNames[i]} to ${r.framework.shortName} crosswalk (${r.ref} among its rows)`}
            params={{ from: heldParam([h], props.scope), to: r.framework.id, inferred: props.inferred ? 'true' : null }}
          />
        ))
      )}
    </section>
  );
}

function End({ r }: { r: GraphRequirement }) {
  return <a href={hrefFor('requirement', r.id)}>{r.framework.shortName} {r.ref}</a>;
}

function Verdict(props: {
  heldNames: string[];
  held: string[];
  loading: boolean;
  error: { code: string; message: string; suggestions: string[] } | undefined;
  item: NonNullable<ItemAnswer['coverage']>['itemsPage']['nodes'][number] | undefined;
  requirement: NonNullable<Neighbourhood['requirement']>;
}) {
  const { item, requirement: r } = props;
  if (props.held.length === 0) {
    return (
      <section className="panel verdict" id="verdict" aria-labelledby="verdict-heading">
        <h2 id="verdict-heading">Status</h2>
        <p id="verdict-none">Tick what you hold above to see whether it covers {r.framework.shortName} {r.ref}, and why.</p>
      </section>
    );
  }
  if (props.error) return <ErrorBox error={props.error as never} />;
  if (props.loading) return <section className="panel verdict" id="verdict"><Loading what="Working out the status..." /></section>;
  if (!item) {
    return (
      <section className="panel verdict" id="verdict">
        <p>The coverage answer did not list {r.ref}.</p>
      </section>
    );
  }
  const given = props.heldNames.join(', ');
  return (
    <section className={`panel verdict status-${item.status}`} id="verdict" data-status={item.status} aria-labelledby="verdict-heading">
      <h2 id="verdict-heading" className="verdict-line">
        <span>Given {given}:</span> <StatusBadge status={item.status} inferred={item.inferred} />
      </h2>
      <p className="muted">{STATUS_MEANING[item.status]}</p>
      {item.via.length ? (
        <>
          <h3>Why: {item.via.length} link{item.via.length === 1 ? '' : 's'} from what you hold, best first</h3>
          <ol className="reasons" id="why">
            {item.via.map((l, i) => (
              <li className="reason" key={`${l.requirement.id}-${i}`} data-held={l.requirement.id} data-framework={l.requirement.framework.id}>
                <div className="reason-head">
                  <span className="fw-chip" style={{ ['--fw' as string]: frameworkColour(l.requirement.framework.id) }}>{l.requirement.framework.shortName}</span>
                  <a href={hrefFor('requirement', l.requirement.id, { held: props.held.join(',') })}>
                    {l.requirement.ref} {l.requirement.title}
                  </a>
                  <span className="rel-chip" title={RELATION_MEANING[l.relationship]}>{relationLabel(l.relationship).toLowerCase()}</span>
                  <StrengthMeter strength={l.strength} />
                  {l.inferred ? <span className="rel-chip">inferred</span> : null}
                  {!l.implemented ? <StatusBadge status="NOT_IMPLEMENTED" /> : null}
                </div>
                {l.path && l.path.length > 1 ? (
                  <ol className="path" aria-label="Inferred path, held requirement first">
                    {l.path.map((p, j) => (
                      <li key={p.id}>
                        {j > 0 ? <span className="arrow" aria-hidden="true">&rarr;</span> : null}
                        <a className="hop" href={hrefFor('requirement', p.id, { held: props.held.join(',') })} style={{ borderColor: frameworkColour(p.framework.id) }}>
                          {p.framework.shortName} {p.ref}
                        </a>
                      </li>
                    ))}
                  </ol>
                ) : null}
                {l.note ? <p className="muted">{l.note}</p> : null}
                {l.conditions.map((c, k) => <span className="reason-condition condition" key={k}>holds when {c.description}</span>)}
                <small className="muted">{l.sources.map((s) => s.name).join('; ')}</small>
              </li>
            ))}
          </ol>
        </>
      ) : null}
      {item.noRelationships.length ? (
        <>
          <h3>Why: assessed, nothing found</h3>
          <ul className="reasons" id="why">
            {item.noRelationships.map((x, i) => (
              <li className="reason" key={i}>
                {x.otherFramework.shortName}: {x.reason} <small className="muted">({x.mappingSet.name})</small>
              </li>
            ))}
          </ul>
        </>
      ) : null}
      {item.status === 'UNASSESSED' ? <p id="why-unassessed">No mapping set between {given} and {r.framework.shortName} has examined {r.ref}: unknown, not new.</p> : null}
      {item.outOfScope.length ? (
        <>
          <h3>Outside the scope you hold (would count with a wider scope)</h3>
          <ul className="reasons" id="out-of-scope">
            {item.outOfScope.map((l, i) => (
              <li className="reason" key={i}>
                {l.requirement.framework.shortName} {l.requirement.ref} {l.requirement.title}: {relationLabel(l.relationship).toLowerCase()} <StrengthMeter strength={l.strength} compact /> {l.scope ? <span className="muted">({l.scope.description})</span> : null}
              </li>
            ))}
          </ul>
        </>
      ) : null}
    </section>
  );
}
