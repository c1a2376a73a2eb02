// The review queue (#/review): the proposals waiting in the key's workspace, each with its two
// requirements side by side, accepted or rejected here through reviewMappings. Every refusal (a
// user error such as SELF_REVIEW or ALREADY_REVIEWED, FORBIDDEN for a role that may not review,
// UNAUTHENTICATED for a refused key) is shown in the panel: nothing is swallowed.

import { apiKey, graphql } from './api.js';
import { escape, words } from './html.js';
import { OPERATIONS } from './operations.js';

const QUEUE_SIZE = 100;

/** The outcome of the last decision, kept across the queue's refresh: [{ ok, text }]. */
let messages = [];

const messagesHtml = () =>
  messages.map((m) => (m.ok ? `<div class="notice" role="status">${escape(m.text)}</div>` : `<div class="error" role="alert">${m.code ? `<b>${escape(m.code)}</b>: ` : ''}${escape(m.text)}</div>`)).join('');

const requirementLink = (r) => `#/requirement/${encodeURIComponent(r.id)}`;
const when = (iso) => (iso ? new Date(iso).toISOString().replace('T', ' ').replace(/:\d\d\.\d+Z$/, ' UTC') : '');

function requirementHtml(r, side) {
  return `<section class="req" data-side="${side}">
    <small class="muted">${side}</small>
    <a class="req-ref" href="${requirementLink(r)}">${escape(r.framework.shortName)} ${escape(r.ref)}</a>
    <b class="req-title">${escape(r.title)}</b>
    <p class="req-summary">${escape(r.summary)}</p>
    <code class="req-id">${escape(r.id)}</code>
  </section>`;
}

function proposedByHtml(review, keyId) {
  const own = review.proposedBy === keyId;
  return `<p class="muted proposed-by">Proposed by <code>${escape(review.proposedBy)}</code>${own ? ' <b class="own">(this key: another reviewer decides)</b>' : ''} on <time datetime="${escape(review.proposedAt)}">${escape(when(review.proposedAt))}</time></p>`;
}

const decideHtml = (label) => `<form class="decide" data-label="${escape(label)}">
    <input type="text" name="comment" placeholder="Comment for the proposer and the audit trail (optional)" aria-label="Comment on ${escape(label)}">
    <button type="submit" name="decision" value="ACCEPT" class="accept">Accept</button>
    <button type="submit" name="decision" value="REJECT" class="reject">Reject</button>
  </form>`;

function mappingHtml(m, keyId) {
  const label = `${m.from.framework.shortName} ${m.from.ref} ${words(m.relationship)} ${m.to.framework.shortName} ${m.to.ref}`;
  return `<article class="proposal" data-id="${escape(m.id)}" data-set="${escape(m.mappingSet.id)}" data-revision="${m.mappingSet.revision ?? ''}">
    <header class="proposal-head">
      <span class="rel">${escape(m.relationship)}</span>
      <span>strength <b>${m.strength ?? '-'}</b>/10</span>
      <span>rationale <b>${m.rationale ? escape(words(m.rationale)) : 'none given'}</b></span>
      <span class="muted set">${escape(m.mappingSet.name)}</span>
    </header>
    <div class="pair">
      ${requirementHtml(m.from, 'from')}
      <div class="pair-rel" aria-hidden="true">${escape(words(m.relationship))}<span>&rarr;</span></div>
      ${requirementHtml(m.to, 'to')}
    </div>
    <p class="note"><b>Note:</b> ${m.note ? escape(m.note) : '<span class="muted">none</span>'}</p>
    ${proposedByHtml(m.review, keyId)}
    ${decideHtml(label)}
  </article>`;
}

function noRelationshipHtml(n, keyId) {
  const label = `${n.requirement.framework.shortName} ${n.requirement.ref}: nothing in ${n.otherFramework.shortName}`;
  return `<article class="proposal" data-id="${escape(n.id)}" data-set="${escape(n.mappingSet.id)}" data-revision="${n.mappingSet.revision ?? ''}">
    <header class="proposal-head"><span class="rel">NOTHING FOUND</span><span class="muted set">${escape(n.mappingSet.name)}</span></header>
    <div class="pair">
      ${requirementHtml(n.requirement, 'examined')}
      <div class="pair-rel" aria-hidden="true">not related to<span>&rarr;</span></div>
      <section class="req none"><small class="muted">in</small><b>${escape(n.otherFramework.shortName)}</b><p class="req-summary">No requirement relates, according to the proposer.</p></section>
    </div>
    <p class="note"><b>Reason:</b> ${escape(n.reason)}</p>
    ${proposedByHtml(n.review, keyId)}
    ${decideHtml(label)}
  </article>`;
}

/** One decision through reviewMappings; what the API said goes into `messages`. */
async function decide(card, decision, comment, label) {
  const revision = card.dataset.revision === '' ? null : Number(card.dataset.revision);
  const input = { set: card.dataset.set, decisions: [{ id: card.dataset.id, decision, comment: comment || null }] };
  if (revision !== null) input.expectedRevision = revision;
  try {
    const { reviewMappings: r } = await graphql(OPERATIONS.ReviewMappings, { input });
    if (r.userErrors.length) {
      messages = r.userErrors.map((e) => ({ ok: false, code: e.code, text: `${label}: ${e.message}` }));
    } else {
      messages = [{ ok: true, text: `${decision === 'ACCEPT' ? 'Accepted' : 'Rejected'}: ${label} (workspace revision ${r.revision}).` }];
    }
  } catch (error) {
    messages = [{ ok: false, code: error.code || 'ERROR', text: `${label}: ${error.message}` }];
  }
}

/** Draws the queue into `view`: read again after every decision. */
export async function reviewView(view) {
  if (!apiKey()) {
    messages = [];
    view.innerHTML = `<h1>Review queue</h1>
      <p class="muted" id="review-empty">Paste an API key of your workspace (a reviewer's or an admin's) in the key field at the top right to see the proposals waiting for review.</p>`;
    return;
  }
  view.innerHTML = `<h1>Review queue</h1><div id="review-messages">${messagesHtml()}</div><div id="review-body"><p class="muted">Loading...</p></div>`;
  const body = document.getElementById('review-body');
  let workspace;
  try {
    ({ workspace } = await graphql(OPERATIONS.ReviewQueue, { first: QUEUE_SIZE }));
  } catch (error) {
    body.innerHTML = `<div class="error" role="alert"><b>${escape(error.code || 'ERROR')}</b>: ${escape(error.message)}</div>`;
    return;
  }
  const { proposals } = workspace;
  const shown = proposals.mappings.length + proposals.noRelationships.length;
  const mayReview = workspace.role === 'REVIEWER' || workspace.role === 'ADMIN';
  body.innerHTML = `
    <p id="review-summary">Workspace <b>${escape(workspace.name)}</b> &middot; key <code>${escape(workspace.keyId)}</code> (${escape(words(workspace.role))}) &middot;
      <b id="review-count">${proposals.totalCount}</b> proposal${proposals.totalCount === 1 ? '' : 's'} waiting${shown < proposals.totalCount ? `, the oldest ${shown} shown` : ''}</p>
    ${mayReview ? '' : `<div class="notice warn" role="status">A ${escape(words(workspace.role))} key may read the queue but not decide: Accept and Reject will answer FORBIDDEN.</div>`}
    <div id="queue">${shown ? [...proposals.mappings.map((m) => mappingHtml(m, workspace.keyId)), ...proposals.noRelationships.map((n) => noRelationshipHtml(n, workspace.keyId))].join('') : '<p class="muted" id="queue-empty">Nothing waits for review.</p>'}</div>`;
  for (const form of body.querySelectorAll('form.decide')) {
    form.addEventListener('submit', async (event) => {
      event.preventDefault();
      const decision = event.submitter?.value;
      if (decision !== 'ACCEPT' && decision !== 'REJECT') return;
      document.body.dataset.ready = 'review-deciding';
      const comment = form.elements.comment.value.trim();
      form.querySelectorAll('button, input').forEach((el) => (el.disabled = true));
      await decide(form.closest('.proposal'), decision, comment, form.dataset.label);
      await reviewView(view);
      document.body.dataset.ready = 'review';
      document.getElementById('review-messages')?.scrollIntoView({ block: 'nearest' });
    });
  }
}
