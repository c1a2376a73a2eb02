/**
 * Clients that keep being refused (issue #16). A refusal is cheap for the server, but not free: the
 * request is read, parsed, validated and priced before it is turned down (a few milliseconds each),
 * and a client sending requests that are refused as fast as it can takes those milliseconds from
 * everyone, dozens of times a second. The fair queue cannot tell: the other clients' requests are not
 * waiting in it yet, they are still in their sockets behind the refusals' work.
 *
 * So each refusal a client earns (a 4xx answer: too costly, malformed, over a limit) counts against it,
 * forgiven with a half-life; once the count reaches `limit`, the client is in the box: its requests
 * are answered 429 RATE_LIMITED before their body is read, until half the count is forgiven (one
 * half-life at least; Retry-After says when). Letting it out only at half, not as soon as it is under
 * the limit, is what makes the box a pause: out at the limit, the client would be back in after its
 * next refusal, and be served one refusal in every few moments for as long as it kept sending. A client
 * that makes an occasional mistake never gets near it (at the defaults it takes 30 refusals in a few
 * seconds, or about two a second kept up).
 */
export interface PenaltyBoxOptions {
  /** Refusals (decayed) at which a client is boxed; 0 switches the box off. */
  limit: number;
  /** How fast refusals are forgiven. */
  halfLifeMs?: number;
  now?: () => number;
}

interface ClientRefusals {
  /** Refusals, decayed to `at`. */
  count: number;
  at: number;
  /** In the box: reached the limit, and half of it not yet forgiven. */
  boxed: boolean;
}

/** Clients remembered before the forgiven ones are swept out; beyond MAX_CLIENTS the oldest go. */
const SWEEP_ABOVE = 1_024;
const MAX_CLIENTS = 100_000;

export class PenaltyBox {
  private readonly records = new Map<string, ClientRefusals>();
  private readonly halfLifeMs: number;
  private readonly now: () => number;
  private sweptAt = -Infinity;

  constructor(private readonly options: PenaltyBoxOptions) {
    if (!(options.limit >= 0)) throw new RangeError('PenaltyBox needs a limit of 0 or more');
    this.halfLifeMs = options.halfLifeMs ?? 10_000;
    this.now = options.now ?? (() => performance.now());
  }

  /** Counts a refusal against the client; true when this refusal put it in the box (for the log). */
  refused(clientId: string): boolean {
    if (this.options.limit === 0) return false;
    const now = this.now();
    const record = this.records.get(clientId);
    if (record) {
      record.count = this.decayed(record, now) + 1;
      record.at = now;
      const entered = !record.boxed && record.count >= this.options.limit;
      if (entered) record.boxed = true;
      // Refreshed: to the back of the insertion order, which is the order MAX_CLIENTS evicts in.
      this.records.delete(clientId);
      this.records.set(clientId, record);
      return entered;
    }
    const boxed = this.options.limit <= 1;
    this.records.set(clientId, { count: 1, at: now, boxed });
    if (this.records.size > SWEEP_ABOVE) this.sweep(now);
    return boxed;
  }

  /** How long until the client may be served again: 0 when it is not boxed. */
  boxedForMs(clientId: string): number {
    const record = this.records.get(clientId);
    if (!record?.boxed) return 0;
    const forMs = this.halfLifeMs * Math.log2(this.decayed(record, this.now()) / (this.options.limit / 2));
    if (forMs > 0) return forMs;
    record.boxed = false;
    return 0;
  }

  /** Clients remembered (for tests). */
  size(): number {
    return this.records.size;
  }

  private decayed(record: ClientRefusals, now: number): number {
    return record.count * 2 ** (-(now - record.at) / this.halfLifeMs);
  }

  /** Forgets clients whose refusals are all but forgiven; at most once a second, as a sweep walks every record. */
  private sweep(now: number): void {
    if (now - this.sweptAt >= 1_000) {
      this.sweptAt = now;
      for (const [id, record] of this.records) if (this.decayed(record, now) < 0.5) this.records.delete(id);
    }
    // Many addresses refused at once (a spread-out attack): the least recently refused go first.
    for (const id of this.records.keys()) {
      if (this.records.size <= MAX_CLIENTS) break;
      this.records.delete(id);
    }
  }
}
