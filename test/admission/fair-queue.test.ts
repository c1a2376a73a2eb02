import { describe, expect, it } from 'vitest';
import { FairQueue, type Ticket } from '../../src/admission/fair-queue.js';

/**
 * A queue on a hand-driven clock, so "time used" is what the test says it is; with `handTimers`, its
 * anticipation timers wait in `timers` until the test fires them.
 */
function queue(slots: number, maxWaitingPerClient = 10, halfLifeMs = 5_000, handTimers = false) {
  let now = 0;
  const timers: Array<() => void> = [];
  const q = new FairQueue({ slots, maxWaitingPerClient, halfLifeMs, now: () => now, ...(handTimers ? { schedule: (fn: () => void) => timers.push(fn) } : {}) });
  const order: string[] = [];
  const enter = (client: string, label = client): Ticket => {
    const ticket = q.enter(client);
    if (!ticket) throw new Error(`${client} refused`);
    void ticket.granted.then(() => order.push(label));
    return ticket;
  };
  return { q, order, enter, timers, advance: (ms: number) => (now += ms) };
}

const settle = () => new Promise((resolve) => setImmediate(resolve));

describe('FairQueue', () => {
  it('runs up to its slots at once and holds the rest until one is given back', async () => {
    const { q, order, enter } = queue(2);
    const a1 = enter('a', 'a1');
    enter('a', 'a2');
    enter('a', 'a3');
    await settle();
    expect(order).toEqual(['a1', 'a2']);
    expect(q.load()).toMatchObject({ running: 2, waiting: 1 });
    a1.leave();
    await settle();
    expect(order).toEqual(['a1', 'a2', 'a3']);
  });

  it('gives the next slot to the waiting client that used the server least, not to the first in line', async () => {
    const { order, enter, advance } = queue(1);
    const a1 = enter('a', 'a1');
    await settle();
    enter('a', 'a2'); // waiting first
    enter('b', 'b1'); // waiting second
    advance(200); // a1 held the only slot for 200 ms
    a1.leave();
    await settle();
    expect(order).toEqual(['a1', 'b1']);
  });

  it("counts a running request's time as it runs, so a client with a long request in flight is not handed the next slot", async () => {
    const { order, enter, advance } = queue(2);
    enter('a', 'a1'); // a long request
    const c1 = enter('c', 'c1');
    await settle();
    enter('a', 'a2'); // waiting first
    enter('b', 'b1'); // waiting second; b has used nothing
    advance(100);
    c1.leave(); // a has held a slot for 100 ms (still running): the free slot is b's
    await settle();
    expect(order).toEqual(['a1', 'c1', 'b1']);
  });

  it('lets a client alone use every slot: a free slot is never left idle while anyone waits', async () => {
    const { q, order, enter, advance } = queue(3);
    const held = ['a1', 'a2', 'a3'].map((label) => enter('a', label));
    enter('a', 'a4');
    await settle();
    advance(50);
    held[0]!.leave();
    await settle();
    expect(order).toEqual(['a1', 'a2', 'a3', 'a4']);
    expect(q.load()).toMatchObject({ running: 3, waiting: 0, clients: 1 });
  });

  it('holds a free slot a moment for a lighter client that just finished, then gives it to whoever waits', async () => {
    let now = 0;
    const timers: Array<() => void> = [];
    const q = new FairQueue({ slots: 1, maxWaitingPerClient: 10, now: () => now, schedule: (fn) => timers.push(fn) });
    const order: string[] = [];
    const enter = (client: string, label: string) => {
      const t = q.enter(client)!;
      void t.granted.then(() => order.push(label));
      return t;
    };
    const heavy = enter('heavy', 'h1');
    await settle();
    now = 100;
    heavy.leave(); // heavy has used 100 ms
    const light = enter('light', 'l1');
    enter('heavy', 'h2');
    await settle();
    now = 102;
    light.leave(); // light used 2 ms and is turning round; heavy waits
    await settle();
    expect(order).toEqual(['h1', 'l1']); // the slot is held, not handed to heavy
    expect(timers).toHaveLength(1);
    now = 103;
    enter('light', 'l2'); // light's next request arrives within the hold: it runs first
    await settle();
    expect(order).toEqual(['h1', 'l1', 'l2']);
    timers.shift()!(); // the hold ends; the slot is busy, heavy keeps waiting
    await settle();
    expect(order).toEqual(['h1', 'l1', 'l2']);
  });

  it('gives the held slot to the waiting client when the expected request does not come', async () => {
    let now = 0;
    const timers: Array<() => void> = [];
    const q = new FairQueue({ slots: 1, maxWaitingPerClient: 10, now: () => now, schedule: (fn) => timers.push(fn) });
    const order: string[] = [];
    const light = q.enter('light')!;
    void light.granted.then(() => order.push('l1'));
    const heavyPast = q.enter('heavy');
    expect(heavyPast).not.toBeNull();
    void heavyPast!.granted.then(() => order.push('h1'));
    await settle();
    now = 2;
    light.leave(); // light used 2 ms; heavy has used nothing yet, so heavy is the lighter: no hold
    await settle();
    expect(order).toEqual(['l1', 'h1']);
    expect(timers).toHaveLength(0);
    now = 200;
    const h2 = q.enter('heavy')!;
    void h2.granted.then(() => order.push('h2'));
    heavyPast!.leave(); // heavy used 198 ms; light finished 198 ms ago: not expected any more
    await settle();
    expect(order).toEqual(['l1', 'h1', 'h2']);
    expect(timers).toHaveLength(0);
  });

  it('refuses a client over its waiting limit at once, without touching other clients', () => {
    const { q, enter } = queue(1, 2);
    enter('a');
    enter('a');
    enter('a');
    expect(q.enter('a')).toBeNull();
    expect(q.enter('b')).not.toBeNull();
  });

  it('frees a waiting place or a slot when the request is over, once however often it is said', async () => {
    const { q, order, enter } = queue(1);
    const a1 = enter('a', 'a1');
    const a2 = enter('a', 'a2');
    enter('a', 'a3');
    a2.leave(); // gave up waiting (timed out, or its client hung up)
    a2.leave();
    await settle();
    expect(q.load()).toMatchObject({ running: 1, waiting: 1 });
    a1.leave();
    a1.leave(); // a second leave must not free a second slot
    await settle();
    expect(order).toEqual(['a1', 'a3']);
    expect(q.load()).toMatchObject({ running: 1, waiting: 0 });
  });

  it('forgives past use with its half-life', async () => {
    const { order, enter, advance } = queue(1, 10, 1_000);
    const a1 = enter('a', 'a1');
    await settle();
    advance(100);
    a1.leave(); // a used 100 ms
    await settle();
    const b1 = enter('b', 'b1');
    await settle();
    advance(10_000); // ten half-lives later a's 100 ms have decayed below b's 0.4 ms...
    enter('a', 'a2');
    enter('b', 'b2');
    b1.leave(); // ...after b1's 10,000 ms: b is now the heavy user
    await settle();
    expect(order).toEqual(['a1', 'b1', 'a2']);
  });

  it('charges requests that ran together their share of the time, not the whole of it', async () => {
    const { order, enter, timers, advance } = queue(2, 10, 5_000, true);
    const x1 = enter('x', 'x1');
    await settle();
    advance(60);
    x1.leave(); // x ran alone for 60 ms: 60
    const y1 = enter('y', 'y1');
    const z1 = enter('z', 'z1');
    await settle();
    advance(100);
    z1.leave();
    y1.leave(); // y and z ran side by side for 100 ms: 50 each (wall time would say 100)
    const fillers = [enter('w', 'w1'), enter('w', 'w2')];
    enter('x', 'x2');
    enter('y', 'y2');
    await settle();
    fillers[0]!.leave(); // a slot frees while x (60) and y (50) wait
    await settle();
    for (const fire of timers.splice(0)) fire(); // w, the lightest, just finished: the slot was held for it a moment
    await settle();
    expect(order.slice(-1)).toEqual(['y2']);
  });
});
