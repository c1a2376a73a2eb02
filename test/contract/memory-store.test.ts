import { MemoryStore } from '../../src/store/memory/memory-store.js';
import { defineGraphStoreContract } from './graph-store-contract.js';

defineGraphStoreContract('memory', async (graph) => new MemoryStore(graph));
