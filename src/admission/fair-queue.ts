/**
 * Fair admission (issue #16): a fixed number of requests run at once, and when more wait, the next
 * slot goes to the waiting client that has used the least of the server's time lately. One client
 * sending costly or refused requests as fast as it can then gets its share of the server, not all of
 * it, and the others' requests do not queue behind its backlog.
 *
 * A client's usage is the time its requests held a slot (measured, so it counts what the cost model
 * misses: parsing, store waits), decaying with a half-life so yesterday's burst is forgiven; a running
 * request counts as it runs, so a client whose requests are long is not handed slot after slot before
 * the first of them ends. Requests running together share the one event loop, so each is charged its
 * share of the time they overlap (elapsed time divided by the requests running, a virtual clock as in
 * processor-sharing schedulers), not the whole of it: a quick request running beside a long one is not
 * billed for the long one's work.
 *
 * Anticipation: a client whose requests are quick is rarely waiting when a slot frees (its next
 * request is still on its way: answer sent, client turning round), so "least served among the
 * waiting" alone would hand the slot to the heavy client nearly every time. When a client that has
 * used less finished a request a moment ago, the slot is held for it briefly (ANTICIPATE_MS) before it
 * goes to the heavier one, as anticipatory disk schedulers do for a reader about to read again.
 */
export interface FairQueueOptions {
  /** Requests that run at once. */
  slots: number;
  /** Requests one client may have waiting; beyond, `enter` refuses at once. */
  maxWaitingPerClient: number;
  /** How fast past usage is forgiven. */
  halfLifeMs?: number;
  now?: () => number;
  /** Runs `fn` after `ms` (tests drive it by hand). */
  schedule?: (fn: () => void, ms: number) => void;
}

/** How long a slot is held for a lighter client that just finished a request. */
export const ANTICIPATE_MS = 5;
/** How recently that client must have finished for its next request to be expected. */
export const RECENTLY_DONE_MS = 50;
/** Usage differences below this are a tie: no anticipation for them. */
const USAGE_MARGIN_MS = 1;

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
  /** The virtual clock's reading when each of its running requests got its slot. */
  runningSince: number[];
  usageMs: number;
  usageAt: number;
  /** When its last request ended, to tell whether its next one is likely on its way. */
  lastDoneAt: number;
}

/** Idle clients remembered before the forgotten ones are swept out. */
const SWEEP_ABOVE = 1_024;

export class FairQueue {
  private running = 0;
  private readonly clients = new Map<string, ClientState>();
  private readonly halfLifeMs: number;
  private readonly now: () => number;
  private readonly schedule: (fn: () => void, ms: number) => void;
  /** A slot is being held for an expected request; when the wait ends, it goes to whoever waits. */
  private anticipating = false;
  /**
   * Processor-sharing time: advances by elapsed time divided by the requests running, so a running
   * request's usage is the virtual time since it started (its share of the event loop), not wall time.
   */
  private virtualMs = 0;
  private virtualAt: number;

  constructor(private readonly options: FairQueueOptions) {
    if (!(options.slots >= 1) || !(options.maxWaitingPerClient >= 0)) throw new RangeError('FairQueue needs at least one slot and a non-negative queue');
    this.halfLifeMs = options.halfLifeMs ?? 5_000;
    this.now = options.now ?? (() => performance.now());
    this.schedule = options.schedule ?? ((fn, ms) => setTimeout(fn, ms).unref());
    this.virtualAt = this.now();
  }

  /** The virtual clock now: wall time since the last reading shared among the requests that ran in it. */
  private virtualNow(now: number): number {
    if (this.running > 0) this.virtualMs += (now - this.virtualAt) / this.running;
    this.virtualAt = now;
    return this.virtualMs;
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
        startedAt = this.virtualNow(this.now()); // read before `running` grows: the time so far was shared by the others
        client.runningSince.push(startedAt);
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
          const ran = this.virtualNow(now) - startedAt;
          client.runningSince.splice(client.runningSince.indexOf(startedAt), 1);
          client.usageMs = this.pastUsage(client, now) + ran;
          client.usageAt = now;
          client.lastDoneAt = now;
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
  private dispatch(anticipate = true): void {
    while (this.running < this.options.slots) {
      const next = this.leastServedWaiting();
      if (!next) break;
      if (anticipate && this.lighterClientExpected(next)) {
        this.holdSlot();
        break;
      }
      next.waiting.shift()!.grant();
    }
    if (this.clients.size > SWEEP_ABOVE) this.sweep();
  }

  private sweptAt = -Infinity;

  /** Whether a client that has used less than `next` finished a request a moment ago and has none waiting. */
  private lighterClientExpected(next: ClientState): boolean {
    const now = this.now();
    const nextUsage = this.usage(next, now);
    for (const client of this.clients.values()) {
      if (client === next || client.waiting.length > 0 || now - client.lastDoneAt > RECENTLY_DONE_MS) continue;
      if (this.usage(client, now) + USAGE_MARGIN_MS < nextUsage) return true;
    }
    return false;
  }

  /** Holds the free slots for ANTICIPATE_MS; the expected request takes one by entering, the rest go to the waiting after. */
  private holdSlot(): void {
    if (this.anticipating) return;
    this.anticipating = true;
    this.schedule(() => {
      this.anticipating = false;
      this.dispatch(false);
    }, ANTICIPATE_MS);
  }

  /** The waiting client that has used the least time, its running requests' time so far included. */
  private leastServedWaiting(): ClientState | null {
    const now = this.now();
    let best: ClientState | null = null;
    let bestUsage = Infinity;
    for (const client of this.clients.values()) {
      if (client.waiting.length === 0) continue;
      const usage = this.usage(client, now);
      if (usage < bestUsage) {
        best = client;
        bestUsage = usage;
      }
    }
    return best;
  }

  /**
   * What a client has used: its finished requests' time, decayed, plus its running requests' share
   * of the time so far (a long request counts while it runs, not only once done).
   */
  private usage(client: ClientState, now: number): number {
    const virtual = this.virtualNow(now);
    let running = 0;
    for (const since of client.runningSince) running += virtual - since;
    return this.pastUsage(client, now) + running;
  }

  private pastUsage(client: ClientState, now: number): number {
    return client.usageMs * 2 ** (-(now - client.usageAt) / this.halfLifeMs);
  }

  private client(id: string): ClientState {
    let client = this.clients.get(id);
    if (!client) {
      client = { waiting: [], runningSince: [], usageMs: 0, usageAt: this.now(), lastDoneAt: -Infinity };
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
      if (client.waiting.length === 0 && client.runningSince.length === 0 && this.pastUsage(client, now) < 1) this.clients.delete(id);
    }
  }
}
