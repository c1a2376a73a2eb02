import { mappingId, noRelationshipId, requirementId, workspaceScopedId } from './ids.js';
import type {
  ComprehensiveSide,
  Framework,
  FrameworkKind,
  GraphData,
  Mapping,
  MappingSet,
  MappingSide,
  MappingSource,
  NoRelationship,
  Rationale,
  Relationship,
  Requirement,
  RequirementKind,
} from './types.js';

/**
 * A workspace's own part of the graph (issue #21), as plain data: its frameworks with their
 * requirements, and its mapping sets with every proposal, decision and retirement. The analyses
 * never read this shape; they read `workspaceGraph(state, view)`, the part that counts, through
 * the same GraphStore port as the public graph (store/overlay-store.ts lays one over the other).
 */

export const REVIEW_STATUSES = ['PROPOSED', 'ACCEPTED', 'REJECTED', 'RETIRED'] as const;
export type ReviewStatus = (typeof REVIEW_STATUSES)[number];

export interface WorkspaceRequirement {
  ref: string;
  title: string;
  kind: RequirementKind;
  /** The parent's ref in the same framework; null at the top. */
  parent: string | null;
  summary: string;
  tags: string[];
}

export interface WorkspaceFramework {
  /** The id inside the workspace: `controls` of `acme:controls`. */
  localId: string;
  name: string;
  shortName: string;
  edition: string;
  kind: FrameworkKind;
  summary: string;
  requirements: WorkspaceRequirement[];
}

/** Who decided what about a proposal, and when. */
export interface Review {
  status: ReviewStatus;
  proposedBy: string;
  proposedAt: string;
  /** The reviewer's key id, once accepted or rejected. */
  reviewedBy: string | null;
  reviewedAt: string | null;
  comment: string | null;
  retiredBy: string | null;
  retiredAt: string | null;
}

/** A proposed mapping "from is relationship to", by full requirement ids. */
export interface WorkspaceMapping {
  from: string;
  to: string;
  relationship: Relationship;
  strength: number | null;
  rationale: Rationale | null;
  note: string | null;
  review: Review;
}

/** A proposed "assessed, nothing found" record for one requirement of one side. */
export interface WorkspaceNoRelationship {
  requirement: string;
  side: MappingSide;
  reason: string;
  review: Review;
}

export interface WorkspaceMappingSet {
  localId: string;
  name: string;
  /** Full framework ids: a public one (`soc2`) or the workspace's (`acme:controls`). */
  from: string;
  to: string;
  comprehensive: MappingSide[];
  description: string;
  /** Bumped by every change to the set: what `expectedRevision` is compared with. */
  revision: number;
  mappings: WorkspaceMapping[];
  noRelationships: WorkspaceNoRelationship[];
}

export interface WorkspaceState {
  workspace: string;
  /** The workspace's revision: the number of changes ever made (its audit journal's last entry). */
  revision: number;
  frameworks: ReadonlyMap<string, WorkspaceFramework>;
  sets: ReadonlyMap<string, WorkspaceMappingSet>;
}

export function emptyWorkspace(workspace: string): WorkspaceState {
  return { workspace, revision: 0, frameworks: new Map(), sets: new Map() };
}

/**
 * Which mappings an answer counts: accepted only (the default) or proposed ones as well; `all`
 * (rejected and retired too) is for answers about the records themselves, never for analyses.
 */
export type WorkspaceView = 'accepted' | 'withProposed' | 'all';

/** The source every mapping of a workspace names: the workspace itself. */
export function workspaceSourceId(workspace: string): string {
  return `workspace-${workspace}`;
}

export function workspaceSource(workspace: string): MappingSource {
  return {
    id: workspaceSourceId(workspace),
    name: `Workspace ${workspace}`,
    publisher: workspace,
    date: null,
    url: null,
    licence: 'Private to the workspace',
    description: `Mappings proposed and reviewed in workspace ${workspace}; visible only to its keys.`,
  };
}

function counts(review: Review, view: WorkspaceView): boolean {
  return view === 'all' || review.status === 'ACCEPTED' || (view === 'withProposed' && review.status === 'PROPOSED');
}

/**
 * The part of a workspace the analyses see, in the graph's own shapes: its frameworks and
 * requirements, its sets, and the mappings that count in this view, each carrying its review.
 */
export function workspaceGraph(state: WorkspaceState, view: WorkspaceView): GraphData {
  const { workspace } = state;
  const sourceId = workspaceSourceId(workspace);
  const frameworks: Framework[] = [];
  const requirements: Requirement[] = [];
  for (const f of state.frameworks.values()) {
    const id = workspaceScopedId(workspace, f.localId);
    frameworks.push({
      id,
      name: f.name,
      shortName: f.shortName,
      edition: f.edition,
      kind: f.kind,
      issuer: workspace,
      assessedBy: 'The workspace itself',
      output: 'Internal control set',
      validity: 'As maintained',
      market: 'Internal',
      aiSpecific: false,
      observationPeriod: null,
      typicalTimeline: null,
      summary: f.summary,
      citations: null,
    });
    f.requirements.forEach((r, position) =>
      requirements.push({
        id: requirementId(id, r.ref),
        frameworkId: id,
        ref: r.ref,
        title: r.title,
        summary: r.summary,
        kind: r.kind,
        parentId: r.parent === null ? null : requirementId(id, r.parent),
        tags: r.tags,
        position,
      }),
    );
  }
  const mappingSets: MappingSet[] = [];
  const mappings: Mapping[] = [];
  const noRelationships: NoRelationship[] = [];
  for (const s of state.sets.values()) {
    const setId = workspaceScopedId(workspace, s.localId);
    mappingSets.push({
      id: setId,
      name: s.name,
      sourceId,
      fromFrameworkId: s.from,
      toFrameworkId: s.to,
      comprehensive: s.comprehensive.map((side): ComprehensiveSide => ({ side, tag: null })),
      description: s.description,
      revision: s.revision,
    });
    for (const m of s.mappings) {
      if (!counts(m.review, view)) continue;
      mappings.push({ id: mappingId(setId, m.from, m.to), setId, sourceId, fromId: m.from, toId: m.to, relationship: m.relationship, strength: m.strength, rationale: m.rationale, note: m.note, condition: null, review: m.review });
    }
    for (const n of s.noRelationships) {
      if (!counts(n.review, view)) continue;
      noRelationships.push({ id: noRelationshipId(setId, n.requirement), setId, sourceId, requirementId: n.requirement, side: n.side, reason: n.reason, review: n.review });
    }
  }
  return {
    frameworks,
    requirements,
    disciplines: [],
    risks: [],
    evidence: [],
    sources: [workspaceSource(workspace)],
    mappingSets,
    mappings,
    noRelationships,
    addresses: [],
    mitigates: [],
    evidences: [],
    version: `${workspace}@${state.revision}${view === 'accepted' ? '' : `+${view}`}`,
  };
}
