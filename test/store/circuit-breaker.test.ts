import { describe, expect, it } from 'vitest';
import { circuitBreakerStore } from '../../src/store/circuit-breaker.js';
import { MemoryStore } from '../../src/store/memory/memory-store.js';
import { StoreUnavailableError, type NodeLabel, type NodeTypes } from '../../src/domain/graph-store.js';
import type { DatasetInfo } from '../../src/domain/types.js';
import { fixtureGraph } from '../helpers/fixture-seed.js';

/** A store that can go down and come back, counting the calls that reach it. */
class SwitchableStore extends MemoryStore {
  down = false;
  calls = 0;
  private gate(): void {
    this.calls++;
    if (this.down) throw new StoreUnavailableError('connection refused');
  }
  override async nodes<L extends NodeLabel>(label: L, ids: readonly string[]): Promise<Array<NodeTypes[L] | null>> {
    this.gate();
    return super.nodes(label, ids);
  }
  override async datasetInfo(): Promise<DatasetInfo> {
    this.gate();
    return super.datasetInfo();
  }
}

const wait = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('circuit breaker on the store', () => {
  it('fails fast while the store is known down, without calling it, and closes when a probe succeeds', async () => {
    const inner = new SwitchableStore(fixtureGraph());
    const breaker = circuitBreakerStore(inner, { probeIntervalMs: 20 });
    expect((await breaker.store.nodes('Framework', ['alpha']))[0]?.id).toBe('alpha');

    inner.down = true;
    await expect(breaker.store.nodes('Framework', ['alpha'])).rejects.toThrow(StoreUnavailableError);
    expect(breaker.state().phase).toBe('open');
    const reached = inner.calls;
    await expect(breaker.store.nodes('Framework', ['alpha'])).rejects.toThrow(/store is down since .*connection refused/);
    await expect(breaker.store.datasetInfo()).rejects.toThrow(StoreUnavailableError);
    // Only the background probes reach the store while the circuit is open.
    expect(inner.calls - reached).toBeLessThanOrEqual(1);

    inner.down = false;
    await wait(80);
    expect(breaker.state()).toEqual({ phase: 'closed' });
    expect((await breaker.store.nodes('Framework', ['beta']))[0]?.id).toBe('beta');
    await breaker.store.close();
  });

  it('does not open on errors that are not outages', async () => {
    const inner = new SwitchableStore(fixtureGraph());
    inner.nodes = async () => {
      throw new TypeError('a bug, not an outage');
    };
    const breaker = circuitBreakerStore(inner, { probeIntervalMs: 20 });
    await expect(breaker.store.nodes('Framework', ['alpha'])).rejects.toThrow(TypeError);
    expect(breaker.state().phase).toBe('closed');
  });

  it('stops probing when the store is closed', async () => {
    const inner = new SwitchableStore(fixtureGraph());
    const breaker = circuitBreakerStore(inner, { probeIntervalMs: 10 });
    inner.down = true;
    await expect(breaker.store.datasetInfo()).rejects.toThrow(StoreUnavailableError);
    await breaker.store.close();
    const after = inner.calls;
    await wait(50);
    expect(inner.calls).toBe(after);
  });
});
