// The review queue (#/review): the proposals waiting in the key's workspace, each with its two
// requirements side by side, accepted or rejected here through reviewMappings. Every refusal (a
// user error such as SELF_REVIEW or CONFLICT, FORBIDDEN for a role that may not review,
// UNAUTHENTICATED for a refused key) is shown in the panel: nothing is swallowed.
import { useEffect, useRef, useState, type FormEvent } from 'react';
import { apiKey, ApiError, graphql } from '../api.js';
import { useKeyVersion, useQuery, useReady, useTitle } from '../hooks.js';
import type { ViewProps } from '../routes.js';
import { hrefFor } from '../router.js';
import { ErrorBox, Loading } from '../ui/query-state.js';
import { relationLabel } from '../ui/legend.js';
import { StrengthMeter } from '../ui/strength.js';

const QUEUE_SIZE = 100;
const words = (value: string) => value.toLowerCase().replace(/_/g, ' ');
const when = (iso: string) => (iso ? new Date(iso).toISOString().replace('T', ' ').replace(/:\d\d\.\d+Z$/, ' UTC') : '');

interface Req {
  id: string;
  ref: string;
  title: string;
  summary: string;
  framework: { id: string; shortName: string };
}
interface Review {
  status: string;
  proposedBy: string;
  proposedAt: string;
}
interface MappingProposal {
  id: string;
  relationship: string;
  strength: number | null;
  rationale: string | null;
  note: string | null;
  mappingSet: { id: string; name: string; revision: number | null };
  from: Req;
  to: Req;
  review: Review;
}
interface NoRelProposal {
  id: string;
  reason: string;
  mappingSet: { id: string; name: string; revision: number | null };
  requirement: Req;
  otherFramework: { id: string; shortName: string };
  review: Review;
}
interface QueueAnswer {
  workspace: {
    name: string;
    keyId: string;
    role: string;
    revision: number;
    proposals: { totalCount: number; mappings: MappingProposal[]; noRelationships: NoRelProposal[] };
  } | null;
}
interface Message {
  ok: boolean;
  code?: string;
  text: string;
}

export function ReviewView(_: ViewProps) {
  useKeyVersion();
  const key = apiKey();
  const queue = useQuery<QueueAnswer>('ReviewQueue', key ? { first: QUEUE_SIZE } : null);
  const [messages, setMessages] = useState<Message[]>([]);
  const [deciding, setDeciding] = useState(false);
  const messagesBox = useRef<HTMLDivElement>(null);
  useTitle('Review queue');
  const drawn = !key || queue.data !== undefined || queue.error !== undefined;
  useReady(deciding ? 'review-deciding' : 'review', !deciding && drawn);
  useEffect(() => {
    if (!key) setMessages([]);
  }, [key]);
  useEffect(() => {
    if (!deciding && messages.length) messagesBox.current?.scrollIntoView({ block: 'nearest' });
  }, [deciding, messages]);

  if (!key) {
    return (
      <>
        <h1>Review queue</h1>
        <p className="muted" id="review-empty">
          Paste an API key of your workspace (a reviewer's or an admin's) in the key field at the top right to see the proposals waiting for review.
        </p>
      </>
    );
  }

  async function decide(card: { id: string; set: string; revision: number | null; label: string }, decision: 'ACCEPT' | 'REJECT', comment: string) {
    setDeciding(true);
    const input: Record<string, unknown> = { set: card.set, decisions: [{ id: card.id, decision, comment: comment || null }] };
    if (card.revision !== null) input.expectedRevision = card.revision;
    try {
      const { reviewMappings: r } = await graphql<{ reviewMappings: { revision: number; userErrors: Array<{ code: string; message: string }> } }>('ReviewMappings', { input });
      setMessages(
        r.userErrors.length
          ? r.userErrors.map((e) => ({ ok: false, code: e.code, text: `${card.label}: ${e.message}` }))
          : [{ ok: true, text: `${decision === 'ACCEPT' ? 'Accepted' : 'Rejected'}: ${card.label} (workspace revision ${r.revision}).` }],
      );
    } catch (error) {
      setMessages([{ ok: false, code: error instanceof ApiError ? error.code : 'ERROR', text: `${card.label}: ${error instanceof Error ? error.message : String(error)}` }]);
    }
    queue.reload();
    setDeciding(false);
  }

  const w = queue.data?.workspace;
  return (
    <>
      <h1>Review queue</h1>
      <div id="review-messages" ref={messagesBox}>
        {messages.map((m, i) =>
          m.ok ? (
            <div className="notice" role="status" key={i}>{m.text}</div>
          ) : (
            <div className="error" role="alert" key={i}>
              {m.code ? <><b>{m.code}</b>: </> : null}
              {m.text}
            </div>
          ),
        )}
      </div>
      <div id="review-body">
        {queue.error ? (
          <ErrorBox error={queue.error} />
        ) : !queue.data && !queue.previous ? (
          <Loading what="Reading the queue..." />
        ) : (
          <Queue answer={(queue.data ?? queue.previous)!} busy={deciding || queue.loading} onDecide={decide} />
        )}
      </div>
      {w === null && queue.data ? <p className="muted">This key has no workspace.</p> : null}
    </>
  );
}

function Queue({ answer, busy, onDecide }: { answer: QueueAnswer; busy: boolean; onDecide: (card: { id: string; set: string; revision: number | null; label: string }, d: 'ACCEPT' | 'REJECT', comment: string) => Promise<void> }) {
  const workspace = answer.workspace;
  if (!workspace) return <p className="muted">This key has no workspace.</p>;
  const { proposals } = workspace;
  const shown = proposals.mappings.length + proposals.noRelationships.length;
  const mayReview = workspace.role === 'REVIEWER' || workspace.role === 'ADMIN';
  return (
    <>
      <p id="review-summary">
        Workspace <b>{workspace.name}</b> · key <code>{workspace.keyId}</code> ({words(workspace.role)}) · <b id="review-count">{proposals.totalCount}</b> proposal{proposals.totalCount === 1 ? '' : 's'} waiting
        {shown < proposals.totalCount ? `, the oldest ${shown} shown` : ''}
      </p>
      {mayReview ? null : (
        <div className="notice warn" role="status">A {words(workspace.role)} key may read the queue but not decide: Accept and Reject will answer FORBIDDEN.</div>
      )}
      <div id="queue" aria-busy={busy ? 'true' : undefined}>
        {shown === 0 ? <p className="muted" id="queue-empty">Nothing waits for review.</p> : null}
        {proposals.mappings.map((m) => {
          const label = `${m.from.framework.shortName} ${m.from.ref} ${words(m.relationship)} ${m.to.framework.shortName} ${m.to.ref}`;
          return (
            <article className="proposal" key={m.id} data-id={m.id} data-set={m.mappingSet.id} data-revision={m.mappingSet.revision ?? ''} aria-label={label}>
              <header className="proposal-head">
                <span className="rel">{m.relationship}</span>
                <span>
                  strength <StrengthMeter strength={m.strength} />
                </span>
                <span>
                  rationale <b>{m.rationale ? words(m.rationale) : 'none given'}</b>
                </span>
                <span className="muted set">{m.mappingSet.name}</span>
              </header>
              <div className="pair">
                <Requirement r={m.from} side="from" />
                <div className="pair-rel" aria-hidden="true">
                  {relationLabel(m.relationship).toLowerCase()}
                  <span>&rarr;</span>
                </div>
                <Requirement r={m.to} side="to" />
              </div>
              <p className="note">
                <b>Note:</b> {m.note ? m.note : <span className="muted">none</span>}
              </p>
              <ProposedBy review={m.review} keyId={workspace.keyId} />
              <Decide label={label} disabled={busy} onDecide={(d, c) => onDecide({ id: m.id, set: m.mappingSet.id, revision: m.mappingSet.revision, label }, d, c)} />
            </article>
          );
        })}
        {proposals.noRelationships.map((n) => {
          const label = `${n.requirement.framework.shortName} ${n.requirement.ref}: nothing in ${n.otherFramework.shortName}`;
          return (
            <article className="proposal" key={n.id} data-id={n.id} data-set={n.mappingSet.id} data-revision={n.mappingSet.revision ?? ''} aria-label={label}>
              <header className="proposal-head">
                <span className="rel">NOTHING FOUND</span>
                <span className="muted set">{n.mappingSet.name}</span>
              </header>
              <div className="pair">
                <Requirement r={n.requirement} side="examined" />
                <div className="pair-rel" aria-hidden="true">
                  not related to<span>&rarr;</span>
                </div>
                <section className="req none">
                  <small className="muted">in</small>
                  <b>{n.otherFramework.shortName}</b>
                  <p className="req-summary">No requirement relates, according to the proposer.</p>
                </section>
              </div>
              <p className="note">
                <b>Reason:</b> {n.reason}
              </p>
              <ProposedBy review={n.review} keyId={workspace.keyId} />
              <Decide label={label} disabled={busy} onDecide={(d, c) => onDecide({ id: n.id, set: n.mappingSet.id, revision: n.mappingSet.revision, label }, d, c)} />
            </article>
          );
        })}
      </div>
    </>
  );
}

function Requirement({ r, side }: { r: Req; side: string }) {
  return (
    <section className="req" data-side={side}>
      <small className="muted">{side}</small>
      <a className="req-ref" href={hrefFor('requirement', r.id)}>
        {r.framework.shortName} {r.ref}
      </a>
      <b className="req-title">{r.title}</b>
      <p className="req-summary">{r.summary}</p>
      <code className="req-id">{r.id}</code>
    </section>
  );
}

function ProposedBy({ review, keyId }: { review: Review; keyId: string }) {
  const own = review.proposedBy === keyId;
  return (
    <p className="muted proposed-by">
      Proposed by <code>{review.proposedBy}</code>
      {own ? <b className="own"> (this key: another reviewer decides)</b> : null} on <time dateTime={review.proposedAt}>{when(review.proposedAt)}</time>
    </p>
  );
}

function Decide({ label, disabled, onDecide }: { label: string; disabled: boolean; onDecide: (d: 'ACCEPT' | 'REJECT', comment: string) => Promise<void> }) {
  const [sending, setSending] = useState(false);
  const submit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const decision = ((event.nativeEvent as SubmitEvent).submitter as HTMLButtonElement | null)?.value;
    if (decision !== 'ACCEPT' && decision !== 'REJECT') return;
    const comment = (event.currentTarget.elements.namedItem('comment') as HTMLInputElement).value.trim();
    setSending(true);
    await onDecide(decision, comment);
    setSending(false);
  };
  const off = disabled || sending;
  return (
    <form className="decide" data-label={label} onSubmit={submit}>
      <input type="text" name="comment" placeholder="Comment for the proposer and the audit trail (optional)" aria-label={`Comment on ${label}`} disabled={off} />
      <button type="submit" name="decision" value="ACCEPT" className="accept" disabled={off}>Accept</button>
      <button type="submit" name="decision" value="REJECT" className="reject" disabled={off}>Reject</button>
    </form>
  );
}
