import { describe, expect, it } from 'vitest';
import { daysY, monthLabel, monthX, niceTicks, plotSeries } from './sparkline';

const frame = { width: 100, height: 60, left: 0, right: 0, top: 0, bottom: 0 };

describe('chart geometry', () => {
  it('plots days with a gap for months without payments; later is higher', () => {
    const g = plotSeries(
      [
        { month: '2026-01', days: 30 },
        { month: '2026-02', days: null },
        { month: '2026-03', days: 60 },
        { month: '2026-04', days: 45 },
      ],
      60,
      frame,
    );
    expect(g.points.map((p) => p.x)).toEqual([0, 66.7, 100]);
    // Two runs: M (move) for the first point, M again after the gap, then L.
    expect(g.path.match(/M/g)).toHaveLength(2);
    expect(g.path).toContain('L');
    expect(g.points.map((p) => p.y)).toEqual([30, 0, 15]);
    expect(daysY(0, 60, frame)).toBe(60);
  });

  it('copes with an empty or single-month series', () => {
    expect(plotSeries([], 10, frame).path).toBe('');
    expect(plotSeries([{ month: '2026-01', days: 10 }], 10, frame).points[0]!.x).toBe(50);
    expect(monthX(0, 1, { ...frame, left: 20 })).toBe(60);
  });

  it('labels the axis with round ticks from 0 that reach the largest value', () => {
    expect(niceTicks(27)).toEqual([0, 10, 20, 30]);
    expect(niceTicks(84)).toEqual([0, 20, 40, 60, 80, 100]);
    expect(niceTicks(3)).toEqual([0, 1, 2, 3]);
    expect(niceTicks(0)).toEqual([0, 1]);
    expect(niceTicks(140)).toEqual([0, 50, 100, 150]);
    for (const max of [1, 7, 13, 27, 45, 84, 99, 140, 365]) {
      const t = niceTicks(max);
      expect(t[0]).toBe(0);
      expect(t[t.length - 1]).toBeGreaterThanOrEqual(max);
      expect(t.length).toBeGreaterThanOrEqual(2);
      expect(t.length).toBeLessThanOrEqual(7);
    }
  });
});

describe('monthLabel', () => {
  it('names the month', () => {
    expect(monthLabel('2026-03')).toBe('Mar 2026');
    expect(monthLabel('garbage')).toBe('garbage');
  });
});
