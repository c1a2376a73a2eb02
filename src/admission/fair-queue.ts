/**
 * Fair admission (issue #16): a fixed number of requests run at once, and when more wait, the next
 * slot goes to the waiting client that has used the least of the server's time lately. One client
 * sending costly or refused requests as fast as it can then gets its share of the server, not all of
 * it, and the others' requests do not queue behind its backlog.
 *
 * A client's usage is the time its requests held a slot (measured, so it counts what the cost model
 * misses: parsing, refusals, store waits), decaying with a half-life so yesterday's burst is forgiven.
 * A client over its even share of the slots gets a free one only when no client under its share waits.
 */
export interface FairQueueOptions {
  /** Requests that run at once. */
  slots: number;
  /** Requests one client may have waiting; beyond, `enter` refuses at once. */
  maxWaitingPerClient: number;
  /** How fast past usage is forgiven. */
  halfLifeMs?: number;
  now?: () => number;
}

/** A place in the queue: `granted` resolves with the slot; `leave` gives up the place or the slot. */
export interface Ticket {
  granted: Promise<void>;
  /** Call once when the request is over (answered, timed out or abandoned), whether or not it ran. */
  leave(): void;
}

interface Waiter {
  grant(): void;
}

interface ClientState {
  waiting: Waiter[];
  running: number;
  usageMs: number;
  usageAt: number;
}

/** Ranks a client at or over its share of slots after every client under it. */
const OVER_SHARE = Number.MAX_SAFE_INTEGER / 2;

/** Idle clients remembered before the forgotten ones are swept out. */
const SWEEP_ABOVE = 1_024;

export class FairQueue {
  private running = 0;
  private readonly clients = new Map<string, ClientState>();
  private readonly halfLifeMs: number;
  private readonly now: () => number;

  constructor(private readonly options: FairQueueOptions) {
    if (!(options.slots >= 1) || !(options.maxWaitingPerClient >= 0)) throw new RangeError('FairQueue needs at least one slot and a non-negative queue');
    this.halfLifeMs = options.halfLifeMs ?? 5_000;
    this.now = options.now ?? (() => performance.now());
  }

  /** A ticket for the client, or null when it already has as many requests waiting as it may. */
  enter(clientId: string): Ticket | null {
    const client = this.client(clientId);
    if (client.waiting.length >= this.options.maxWaitingPerClient && this.running >= this.options.slots) return null;
    let state: 'waiting' | 'running' | 'left' = 'waiting';
    let startedAt = 0;
    let grant!: () => void;
    const granted = new Promise<void>((resolve) => (grant = resolve));
    const waiter: Waiter = {
      grant: () => {
        state = 'running';
        startedAt = this.now();
        client.running++;
        this.running++;
        grant();
      },
    };
    client.waiting.push(waiter);
    this.dispatch();
    return {
      granted,
      leave: () => {
        if (state === 'left') return;
        if (state === 'waiting') {
          client.waiting.splice(client.waiting.indexOf(waiter), 1);
        } else {
          const now = this.now();
          client.usageMs = this.usage(client, now) + (now - startedAt);
          client.usageAt = now;
          client.running--;
          this.running--;
        }
        state = 'left';
        this.dispatch();
      },
    };
  }

  /** Requests running and waiting, for tests and the log. */
  load(): { running: number; waiting: number; clients: number } {
    let waiting = 0;
    for (const c of this.clients.values()) waiting += c.waiting.length;
    return { running: this.running, waiting, clients: this.clients.size };
  }

  /** Hands free slots to the least-served waiting clients. */
  private dispatch(): void {
    while (this.running < this.options.slots) {
      const next = this.leastServedWaiting();
      if (!next) break;
      next.waiting.shift()!.grant();
    }
    if (this.clients.size > SWEEP_ABOVE) this.sweep();
  }

  private sweptAt = -Infinity;

  /**
   * The waiting client with the least usage among those under their share of the slots; if every
   * waiting client is at its share, still the least used of them: a slot nobody else wants is not
   * left idle.
   */
  private leastServedWaiting(): ClientState | null {
    const share = this.shareOfSlots();
    const now = this.now();
    let best: ClientState | null = null;
    let bestKey = Infinity;
    for (const client of this.clients.values()) {
      if (client.waiting.length === 0) continue;
      // Over its share ranks after everyone under it, whatever the usage.
      const key = this.usage(client, now) + (client.running >= share ? OVER_SHARE : 0);
      if (key < bestKey) {
        best = client;
        bestKey = key;
      }
    }
    return best;
  }

  /** While several clients want slots, each may hold an even share of them (at least one). */
  private shareOfSlots(): number {
    let active = 0;
    for (const c of this.clients.values()) if (c.waiting.length > 0 || c.running > 0) active++;
    return Math.max(1, Math.floor(this.options.slots / Math.max(1, active)));
  }

  private usage(client: ClientState, now: number): number {
    return client.usageMs * 2 ** (-(now - client.usageAt) / this.halfLifeMs);
  }

  private client(id: string): ClientState {
    let client = this.clients.get(id);
    if (!client) {
      client = { waiting: [], running: 0, usageMs: 0, usageAt: this.now() };
      this.clients.set(id, client);
    }
    return client;
  }

  /** Forgets idle clients whose usage has decayed to nothing, so many one-off addresses cost no memory. */
  private sweep(): void {
    const now = this.now();
    if (now - this.sweptAt < 1_000) return; // at most once a second: a sweep walks every client
    this.sweptAt = now;
    for (const [id, client] of this.clients) {
      if (client.waiting.length === 0 && client.running === 0 && this.usage(client, now) < 1) this.clients.delete(id);
    }
  }
}
