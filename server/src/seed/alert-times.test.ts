import { describe, expect, it } from 'vitest';
import { raisedAt } from './alert-times.js';

const asOf = new Date('2026-12-05T12:00:00Z');
const DAY = 86_400_000;

describe('demo alert times (issue 11: not every timestamp the seeding time)', () => {
  it('dates an overdue alert to the day its oldest invoice crossed 60 days', () => {
    const at = raisedAt({ id: 'a1', rule: 'OVERDUE', evidence: { metrics: { oldestDaysPastDue: 97 } } }, asOf);
    expect(Math.round((Date.UTC(2026, 11, 5) - Date.UTC(at.getUTCFullYear(), at.getUTCMonth(), at.getUTCDate())) / DAY)).toBe(37);
  });

  it('spreads the others over the last three weeks in working hours, the same day for the same alert', () => {
    const ids = Array.from({ length: 40 }, (_, i) => `alert-${i}`);
    const times = ids.map((id) => raisedAt({ id, rule: 'PAYMENT_SLIPPING', evidence: {} }, asOf));
    for (const t of times) {
      expect(t.getTime()).toBeLessThan(asOf.getTime());
      expect(asOf.getTime() - t.getTime()).toBeLessThanOrEqual(22 * DAY);
      expect(t.getUTCHours()).toBeGreaterThanOrEqual(6);
      expect(t.getUTCHours()).toBeLessThan(11);
    }
    expect(new Set(times.map((t) => t.toISOString().slice(0, 10))).size).toBeGreaterThan(8);
    expect(raisedAt({ id: 'alert-3', rule: 'OVER_LIMIT', evidence: null }, asOf)).toEqual(times[3]);
  });
});
