import { describe, expect, it } from 'vitest';
import { dayToIso, monthOfDay, monthStartDay, monthsEndingAt, parseIsoDay, toDay } from './calendar.js';

describe('parseIsoDay', () => {
  it('reads dates and datetimes as the calendar date written', () => {
    expect(parseIsoDay('1970-01-02')).toBe(1);
    expect(parseIsoDay('2026-03-31T23:30:00-05:00')).toBe(parseIsoDay('2026-03-31'));
    expect(parseIsoDay('2026-03-31T08:00Z')).toBe(parseIsoDay('2026-03-31'));
    expect(parseIsoDay(' 2026-03-31 ')).toBe(parseIsoDay('2026-03-31'));
  });

  it.each(['', '2026-02-30', '2026-13-01', '31/01/2026', '2026-1-5', '2026-01-05T25:00', 'yesterday'])('rejects %j', (raw) =>
    expect(parseIsoDay(raw)).toBeNull(),
  );

  it('knows leap years', () => {
    expect(parseIsoDay('2028-02-29')).not.toBeNull();
    expect(parseIsoDay('2027-02-29')).toBeNull();
  });
});

describe('toDay', () => {
  it('accepts Date objects by their UTC date and throws on garbage', () => {
    expect(toDay(new Date('2026-05-01T12:00:00Z'))).toBe(toDay('2026-05-01'));
    expect(() => toDay('nope')).toThrow(RangeError);
    expect(() => toDay(new Date('nope'))).toThrow(RangeError);
  });
});

describe('months', () => {
  it('round-trips and steps across year ends', () => {
    expect(dayToIso(toDay('2026-01-15'))).toBe('2026-01-15');
    expect(monthOfDay(toDay('2026-01-15'))).toBe('2026-01');
    expect(dayToIso(monthStartDay('2026-01', -1))).toBe('2025-12-01');
    expect(monthsEndingAt(toDay('2026-02-10'), 3)).toEqual(['2025-12', '2026-01', '2026-02']);
    expect(() => monthStartDay('2026-13')).toThrow(RangeError);
  });
});
