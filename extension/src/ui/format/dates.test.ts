import { afterEach, describe, expect, it, vi } from 'vitest';
import { formatCalendarDay, formatDate, formatDateTime, formatMonth, formatTime, formatWeekdayDateTime, MONTHS_SHORT } from './dates';

// Local-time cases are built from local components, so they read the same in any time zone the tests run in.
const local = (y: number, m: number, d: number, h = 0, min = 0) => new Date(y, m, d, h, min).toISOString();

describe('one absolute date format', () => {
  afterEach(() => vi.restoreAllMocks());

  it('writes day, short month and year: “3 Dec 2026”', () => {
    expect(formatDate('2026-12-03')).toBe('3 Dec 2026');
    expect(formatDate(local(2026, 11, 3, 14, 5))).toBe('3 Dec 2026');
    expect(formatDate(new Date(2026, 8, 10))).toBe('10 Sep 2026');
  });

  it('uses its own month names, never ICU’s (“Sept” in en-GB on newer ICU, “Sep 10, 2026” in en-US)', () => {
    expect(MONTHS_SHORT).toHaveLength(12);
    expect(MONTHS_SHORT.every((m) => m.length === 3)).toBe(true);
    // Whatever Intl would say, the formatter does not ask it.
    const spy = vi.spyOn(Intl, 'DateTimeFormat');
    expect(['2026-09-10', '2026-06-01', '2026-07-31'].map(formatDate)).toEqual(['10 Sep 2026', '1 Jun 2026', '31 Jul 2026']);
    expect(formatDateTime(local(2026, 8, 10, 9, 5))).toBe('10 Sep 2026, 09:05');
    expect(spy).not.toHaveBeenCalled();
  });

  it('keeps a bare calendar day on its day, and a day stored at UTC midnight too (formatCalendarDay)', () => {
    expect(formatDate('2026-01-01')).toBe('1 Jan 2026');
    expect(formatCalendarDay('2026-12-04T00:00:00.000Z')).toBe('4 Dec 2026');
    expect(formatCalendarDay('2026-12-04')).toBe('4 Dec 2026');
  });

  it('adds a 24-hour clock, and the weekday for a meeting', () => {
    expect(formatDateTime(local(2026, 11, 3, 14, 5))).toBe('3 Dec 2026, 14:05');
    expect(formatTime(local(2026, 11, 3, 9, 30))).toBe('09:30');
    expect(formatWeekdayDateTime(local(2026, 11, 10, 10, 0))).toBe('Thu 10 Dec 2026, 10:00');
  });

  it('names months short or long', () => {
    expect(formatMonth('2026-03')).toBe('Mar 2026');
    expect(formatMonth('2026-03-15')).toBe('Mar 2026');
    expect(formatMonth('2026-12', { long: true })).toBe('December 2026');
    expect(formatMonth('2026-13')).toBe('2026-13');
    expect(formatMonth('garbage')).toBe('garbage');
  });

  it('says nothing for a missing or unreadable date, or a day that does not exist', () => {
    for (const bad of [null, undefined, '', 'nope', '2026-02-30']) {
      expect(formatDate(bad)).toBe('');
      expect(formatCalendarDay(bad)).toBe('');
      expect(formatDateTime(bad)).toBe('');
    }
    expect(formatDate(new Date(Number.NaN))).toBe('');
  });
});
