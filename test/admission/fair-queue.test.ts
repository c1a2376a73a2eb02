import { describe, expect, it } from 'vitest';
import { FairQueue, type Ticket } from '../../src/admission/fair-queue.js';

/** A queue on a hand-driven clock, so "time used" is what the test says it is. */
function queue(slots: number, maxWaitingPerClient = 10, halfLifeMs = 5_000) {
  let now = 0;
  const q = new FairQueue({ slots, maxWaitingPerClient, halfLifeMs, now: () => now });
  const order: string[] = [];
  const enter = (client: string, label = client): Ticket => {
    const ticket = q.enter(client);
    if (!ticket) throw new Error(`${client} refused`);
    void ticket.granted.then(() => order.push(label));
    return ticket;
  };
  return { q, order, enter, advance: (ms: number) => (now += ms) };
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

  it('lets a client alone use every slot, but only its share once another waits', async () => {
    const { q, order, enter } = queue(4);
    const held = ['a1', 'a2', 'a3', 'a4'].map((label) => enter('a', label));
    enter('a', 'a5');
    enter('b', 'b1');
    await settle();
    expect(order).toEqual(['a1', 'a2', 'a3', 'a4']);
    held[0]!.leave(); // a still runs 3 of 4 while b waits: the slot is b's
    await settle();
    expect(order.at(-1)).toBe('b1');
    held[1]!.leave(); // a runs 2 (its share), b 1; nobody else waits, so the free slot is not left idle
    await settle();
    expect(order.at(-1)).toBe('a5');
    expect(q.load()).toMatchObject({ running: 4, waiting: 0 });
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
});
