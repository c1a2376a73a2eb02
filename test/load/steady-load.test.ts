import { describe, expect, it } from 'vitest';
import { describeWarmUps, isSteady, STEADY } from '../../bench/steady-load.js';

/** The bench's warm-up rule (bench/steady-load.ts): warm until a window is no longer much faster than the last. */
describe('steady warm-up', () => {
  it('is steady once a window is at most the tolerance faster than the one before, never after one window', () => {
    expect(isSteady([300], 0.05)).toBe(false);
    expect(isSteady([300, 420], 0.05)).toBe(false);
    expect(isSteady([300, 420, 440], 0.05)).toBe(true);
    expect(isSteady([300, 420, 380], 0.05)).toBe(true); // slower: no longer climbing
    expect(isSteady([400, 421], 0.05)).toBe(false);
  });

  it('says how long the warm-ups took and how many were still climbing', () => {
    const steady = (seconds: number) => ({ seconds, windows: [], steady: true });
    expect(describeWarmUps([steady(4), steady(12), steady(6)], STEADY)).toBe('4-12 s (median 6)');
    expect(describeWarmUps([steady(4), { seconds: 40, windows: [], steady: false }], STEADY)).toBe('4-40 s (median 40), 1 of 2 still climbing at 40 s');
    expect(describeWarmUps([], STEADY)).toBe('no operations measured');
  });
});
