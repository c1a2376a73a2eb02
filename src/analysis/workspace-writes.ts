import type { Principal } from '../domain/access.js';
import type { GraphStore } from '../domain/graph-store.js';
import { frameworkIdOf, workspaceOfId } from '../domain/ids.js';
import {
  planCreateFramework,
  planCreateMappingSet,
  planDeleteFramework,
  planProposeMappings,
  planRetireMappings,
  planReviewMappings,
  planUpsertRequirements,
  type ChangeContext,
  type CreateFrameworkInput,
  type CreateMappingSetInput,
  type DeleteFrameworkInput,
  type Planned,
  type ProposeMappingsInput,
  type RetireMappingsInput,
  type ReviewMappingsInput,
  type UpsertRequirementsInput,
} from '../domain/workspace-changes.js';
import type { WorkspaceState } from '../domain/workspace-model.js';
import type { WorkspaceRepository, WriteOutcome } from '../domain/workspace-repository.js';

/**
 * The write use cases (issue #21): read what the input names of the public graph (through the
 * port, before taking the workspace's write turn: the public graph does not change under a write),
 * then plan the change against the workspace's current state and make it durable.
 */

interface Inputs {
  createFramework: CreateFrameworkInput;
  upsertRequirements: UpsertRequirementsInput;
  createMappingSet: CreateMappingSetInput;
  proposeMappings: ProposeMappingsInput;
  reviewMappings: ReviewMappingsInput;
  retireMappings: RetireMappingsInput;
  deleteFramework: DeleteFrameworkInput;
}
export type WriteOperation = keyof Inputs;

const PLANNERS: { [O in WriteOperation]: (state: WorkspaceState, input: Inputs[O], ctx: ChangeContext) => Planned } = {
  createFramework: planCreateFramework,
  upsertRequirements: planUpsertRequirements,
  createMappingSet: planCreateMappingSet,
  proposeMappings: planProposeMappings,
  reviewMappings: planReviewMappings,
  retireMappings: planRetireMappings,
  deleteFramework: planDeleteFramework,
};

/** The public requirement ids an input names (only proposals name requirements of other frameworks). */
function publicRequirementsNamed(operation: WriteOperation, input: unknown): string[] {
  if (operation !== 'proposeMappings') return [];
  const proposal = input as ProposeMappingsInput;
  const ids = [...(proposal.mappings ?? []).flatMap((m) => [m.from, m.to]), ...(proposal.noRelationships ?? []).map((n) => n.requirement)];
  return [...new Set(ids.filter((id) => workspaceOfId(frameworkIdOf(id)) === null))];
}

export async function writeToWorkspace<O extends WriteOperation>(
  repository: WorkspaceRepository,
  publicStore: GraphStore,
  principal: Principal,
  operation: O,
  input: Inputs[O],
): Promise<WriteOutcome> {
  const named = publicRequirementsNamed(operation, input);
  const [frameworks, requirements] = await Promise.all([publicStore.allNodes('Framework'), named.length > 0 ? publicStore.nodes('Requirement', named) : Promise.resolve([])]);
  const ctx: ChangeContext = {
    keyId: principal.keyId,
    role: principal.role,
    at: new Date().toISOString(),
    publicFrameworkIds: new Set(frameworks.map((f) => f.id)),
    publicRequirementIds: new Set(requirements.filter((r) => r !== null).map((r) => r!.id)),
  };
  const plan = PLANNERS[operation] as (state: WorkspaceState, input: Inputs[O], ctx: ChangeContext) => Planned;
  return repository.write(principal.workspace, principal.keyId, async (state) => plan(state, input, ctx));
}
