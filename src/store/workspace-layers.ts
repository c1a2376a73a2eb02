import type { GraphStore } from '../domain/graph-store.js';
import { workspaceGraph, type WorkspaceState, type WorkspaceView } from '../domain/workspace-model.js';
import type { WorkspaceRepository } from '../domain/workspace-repository.js';
import { MemoryStore } from './memory/memory-store.js';
import { overlayStore } from './overlay-store.js';

/**
 * Each workspace's part of the graph as an in-memory store, built once per revision and view and
 * kept until the workspace changes: reads cost what the embedded store's cost, and a write is seen
 * by the very next request of that workspace (its revision is part of the key), never by another's.
 */
export class WorkspaceLayers {
  private readonly built = new Map<string, { revision: number; store: MemoryStore }>();

  constructor(private readonly repository: WorkspaceRepository) {}

  /** The public graph with `workspace`'s part laid over it, as of `state` (read now when not given). */
  async view(base: GraphStore, workspace: string, view: WorkspaceView, known?: WorkspaceState): Promise<GraphStore> {
    const state = known ?? (await this.repository.current(workspace));
    const key = `${workspace}\u0000${view}`;
    let layer = this.built.get(key);
    if (!layer || layer.revision !== state.revision) {
      const built = { revision: state.revision, store: new MemoryStore(workspaceGraph(state, view)) };
      // A request that read its state before a write must not put the older layer back.
      if (!layer || layer.revision < state.revision) this.built.set(key, built);
      layer = built;
    }
    return overlayStore(base, layer.store);
  }

  /** The workspace as of now: its revision is part of its dataset version, so caches and ETags follow its writes. */
  state(workspace: string): Promise<WorkspaceState> {
    return this.repository.current(workspace);
  }
}
