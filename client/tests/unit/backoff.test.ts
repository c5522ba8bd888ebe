import { describe, expect, it } from 'vitest';
import { backoffDelay } from '../../src/net/backoff';

const fixed = (value: number) => ({ baseMs: 500, capMs: 8000, random: () => value });

describe('backoff with jitter', () => {
  it('grows exponentially: each delay lies between half and all of its ceiling', () => {
    for (let attempt = 0; attempt < 5; attempt++) {
      const ceiling = Math.min(8000, 500 * 2 ** attempt);
      expect(backoffDelay(attempt, fixed(0))).toBe(ceiling / 2);
      expect(backoffDelay(attempt, fixed(0.999999))).toBe(ceiling);
    }
  });

  it('never exceeds the cap, however many attempts failed', () => {
    expect(backoffDelay(10, fixed(0.999999))).toBe(8000);
    expect(backoffDelay(1000, fixed(0.5))).toBe(6000);
  });

  it('spreads clients out: different random draws give different delays', () => {
    let seed = 1;
    const random = () => ((seed = (seed * 16807) % 2147483647) / 2147483647);
    const delays = new Set(Array.from({ length: 50 }, () => backoffDelay(3, { baseMs: 500, capMs: 8000, random })));
    expect(delays.size).toBeGreaterThan(40);
    for (const d of delays) expect(d).toBeGreaterThanOrEqual(2000);
  });

  it('treats negative attempts as the first', () => {
    expect(backoffDelay(-3, fixed(0))).toBe(250);
  });
});
