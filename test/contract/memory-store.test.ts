import { describe, expect, it } from 'vitest';
import { fixtureGraph } from '../helpers/fixture-seed.js';
import { MemoryStore } from '../../src/store/memory/memory-store.js';
import { defineGraphStoreContract } from './graph-store-contract.js';

defineGraphStoreContract('memory', async (graph) => new MemoryStore(graph));

describe('memory store', () => {
  it("reports the seed's own dataset version", async () => {
    const graph = fixtureGraph();
    expect((await new MemoryStore(graph).datasetInfo()).version).toBe(graph.version);
  });
});
