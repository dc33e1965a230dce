import { describe, expect, it } from 'vitest';
import { monthLabel, sparklineGeometry } from './sparkline';

describe('sparklineGeometry', () => {
  it('plots days to pay with a gap for months without payments', () => {
    const g = sparklineGeometry(
      [
        { month: '2026-01', days: 30 },
        { month: '2026-02', days: null },
        { month: '2026-03', days: 60 },
        { month: '2026-04', days: 45 },
      ],
      30,
      100,
      50,
      0,
    );
    expect(g.points.map((p) => p.x)).toEqual([0, 66.7, 100]);
    // Two runs: M (move) for the first point, M again after the gap, then L.
    expect(g.path.match(/M/g)).toHaveLength(2);
    expect(g.path).toContain('L');
    // Later payment = higher on the chart = smaller y; terms line at 30 days.
    const [jan, mar] = g.points;
    expect(mar!.y).toBeLessThan(jan!.y);
    expect(g.termsY).toBe(jan!.y);
    expect(g.maxDays).toBeCloseTo(69);
  });
  it('copes with an empty or single-month series', () => {
    expect(sparklineGeometry([], 30, 100, 50).path).toBe('');
    expect(sparklineGeometry([{ month: '2026-01', days: 10 }], 30, 100, 50).points[0]!.x).toBe(50);
  });
});

describe('monthLabel', () => {
  it('names the month', () => {
    expect(monthLabel('2026-03')).toBe('Mar 2026');
    expect(monthLabel('garbage')).toBe('garbage');
  });
});
