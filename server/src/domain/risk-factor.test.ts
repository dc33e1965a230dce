import { describe, expect, it } from 'vitest';
import { type RawFactor, toWholePoints } from './risk-factor.js';

const raw = (code: string, points: number): RawFactor => ({ code, label: code, group: 'LEDGER', points, detail: code, salesDetail: code });
const weights = (factors: RawFactor[]) => Object.fromEntries(toWholePoints(factors).map((f) => [f.code, f.weight]));

// CREDIT-MODEL.md "Rounding, at every score": the documented example, number for number.
describe('toWholePoints (largest remainder, at every score)', () => {
  it('sums exactly to the rounded total, each weight its points rounded down or up', () => {
    const factors = [raw('A', 33.3), raw('B', 33.3), raw('C', 33.4), raw('D', 0.4)];
    const w = weights(factors);
    expect(Object.values(w).reduce((s, x) => s + x, 0)).toBe(100);
    for (const f of factors) expect(Math.abs((w[f.code] ?? 0) - f.points)).toBeLessThan(1);
  });

  it('moves a reason by a point when an unrelated factor changes: Quiet 3.45 shows 3, then 4 once the dispute is in the ledger', () => {
    expect(weights([raw('DAYS_BEYOND_TERMS', 49), raw('SIGNAL_DISPUTE', 8.6), raw('SIGNAL_QUIET', 3.45)])).toEqual({ DAYS_BEYOND_TERMS: 49, SIGNAL_DISPUTE: 9, SIGNAL_QUIET: 3 });
    expect(weights([raw('DAYS_BEYOND_TERMS', 49), raw('DISPUTED', 7.1), raw('SIGNAL_QUIET', 3.45)])).toEqual({ DAYS_BEYOND_TERMS: 49, DISPUTED: 7, SIGNAL_QUIET: 4 });
  });
});
