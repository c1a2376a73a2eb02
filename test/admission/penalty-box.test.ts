import { describe, expect, it } from 'vitest';
import { PenaltyBox } from '../../src/admission/penalty-box.js';

/** A box on a hand-driven clock. */
function box(limit = 30, halfLifeMs = 10_000) {
  let now = 0;
  const b = new PenaltyBox({ limit, halfLifeMs, now: () => now });
  return { b, advance: (ms: number) => (now += ms) };
}

describe('PenaltyBox', () => {
  it('boxes a client at its limit of refusals, and only that client', () => {
    const { b } = box(30);
    for (let i = 0; i < 29; i++) expect(b.refused('ip:a')).toBe(false);
    expect(b.boxedForMs('ip:a')).toBe(0);
    expect(b.refused('ip:a')).toBe(true); // this one put it in the box
    expect(b.boxedForMs('ip:a')).toBeGreaterThan(0);
    expect(b.refused('ip:a')).toBe(false); // already in
    expect(b.boxedForMs('ip:b')).toBe(0);
  });

  it('lets the client out once half its refusals are forgiven, and says when that is', () => {
    const { b, advance } = box(30, 10_000);
    for (let i = 0; i < 30; i++) b.refused('ip:a');
    // 30 refusals, boxed until 15 are forgiven: one half-life.
    expect(b.boxedForMs('ip:a')).toBeCloseTo(10_000, 0);
    advance(5_000);
    // Under the limit already (21 refusals), but not out: out at 29, it would be back in at its next refusal.
    expect(b.boxedForMs('ip:a')).toBeCloseTo(5_000, 0);
    advance(5_001);
    expect(b.boxedForMs('ip:a')).toBe(0);
    b.refused('ip:a'); // 16: a fresh start, not straight back in
    expect(b.boxedForMs('ip:a')).toBe(0);
  });

  it('keeps a client that goes on being refused in the box for longer', () => {
    const { b } = box(30, 10_000);
    for (let i = 0; i < 60; i++) b.refused('ip:a'); // the refusals it earned before the box took effect
    expect(b.boxedForMs('ip:a')).toBeCloseTo(20_000, 0);
  });

  it('never boxes a client that makes a mistake a second, however long it keeps on', () => {
    const { b, advance } = box(30, 10_000);
    for (let s = 0; s < 600; s++) {
      b.refused('ip:careless');
      expect(b.boxedForMs('ip:careless')).toBe(0);
      advance(1_000);
    }
  });

  it('boxes a client that keeps up three refusals a second', () => {
    const { b, advance } = box(30, 10_000);
    let boxedAt = -1;
    for (let i = 0; i < 300 && boxedAt < 0; i++) {
      b.refused('ip:loop');
      if (b.boxedForMs('ip:loop') > 0) boxedAt = i;
      advance(333);
    }
    expect(boxedAt).toBeGreaterThan(0);
  });

  it('is off at a limit of 0', () => {
    const { b } = box(0);
    for (let i = 0; i < 1_000; i++) b.refused('ip:a');
    expect(b.boxedForMs('ip:a')).toBe(0);
    expect(b.size()).toBe(0);
  });

  it('forgets clients whose refusals are forgiven, so one-off addresses cost no memory', () => {
    const { b, advance } = box(30, 10_000);
    for (let i = 0; i < 5_000; i++) b.refused(`ip:one-off-${i}`);
    expect(b.size()).toBe(5_000);
    advance(60_000); // six half-lives: each one-off's single refusal is under half a refusal
    b.refused('ip:late-a');
    b.refused('ip:late-b');
    expect(b.size()).toBe(2);
  });
});
