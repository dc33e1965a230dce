import { describe, expect, it } from 'vitest';
import { salesforceId18 } from './crm.js';
import { createRng } from './random.js';

describe('createRng', () => {
  it('repeats for a seed and differs between seeds and forks', () => {
    const draw = (seed: number) => Array.from({ length: 5 }, createRng(seed).next);
    expect(draw(42)).toEqual(draw(42));
    expect(draw(42)).not.toEqual(draw(43));
    expect(createRng(42).fork('a').next()).not.toBe(createRng(42).fork('b').next());
  });

  it('keeps int, pick and sample in range', () => {
    const rng = createRng(7);
    for (let i = 0; i < 500; i++) {
      const n = rng.int(-3, 3);
      expect(Number.isInteger(n) && n >= -3 && n <= 3).toBe(true);
    }
    expect(new Set(rng.sample([1, 2, 3, 4, 5], 5))).toEqual(new Set([1, 2, 3, 4, 5]));
    expect(() => rng.pick([])).toThrow(RangeError);
  });
});

describe('salesforceId18', () => {
  it('adds the case-checksum suffix Salesforce uses for 18-character ids', () => {
    expect(salesforceId18('a0D30000001n7Pv')).toBe('a0D30000001n7PvEAI');
    expect(salesforceId18('001A0000006Vm9r')).toBe('001A0000006Vm9rIAC');
  });
});
