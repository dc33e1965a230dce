import { describe, expect, it } from 'vitest';
import { calendarDayOffset, isPast, relativeTime } from './relative-time';

// Local noon, so "3 hours ago" is today wherever the tests run.
const now = new Date(2026, 4, 20, 12, 0);
const ago = (seconds: number) => new Date(now.getTime() - seconds * 1000).toISOString();

describe('relativeTime', () => {
  it.each([
    [10, 'just now'],
    [5 * 60, '5 minutes ago'],
    [3 * 3600, '3 hours ago'],
    [86_400, 'yesterday'],
    [3 * 86_400, '3 days ago'],
    [15 * 86_400, '2 weeks ago'],
    [10 * 86_400, '10 days ago'],
    [65 * 86_400, '2 months ago'],
    [400 * 86_400, 'last year'],
    [-12 * 86_400, 'in 12 days'],
    [-15 * 86_400, 'in 2 weeks'],
    [-86_400, 'tomorrow'],
  ])('%i s ago → %s', (seconds, text) => expect(relativeTime(ago(seconds), now, 'en')).toBe(text));

  it('returns nothing for missing or unreadable dates', () => {
    expect(relativeTime(null, now)).toBe('');
    expect(relativeTime('not a date', now)).toBe('');
  });
});

describe('past dates', () => {
  it('says it in English whatever the browser’s locale, since the words sit in English sentences', () => {
    expect(relativeTime(ago(2 * 86_400), now)).toBe('2 days ago');
  });
  it('knows a past date', () => {
    expect(isPast(ago(60), now)).toBe(true);
    expect(isPast(ago(-60), now)).toBe(false);
    expect(isPast(null, now)).toBe(false);
  });
});

describe('relativeTime counts calendar days in the reader’s time zone', () => {
  // Local times, so the calendar is the reader's wherever the tests run.
  const sixDec = new Date(2026, 11, 6, 3, 0);
  const local = (month: number, day: number, hour = 12) => new Date(2026, month, day, hour, 0).toISOString();
  it.each([
    [local(11, 9, 0), 'in 3 days'], // due 9 Dec on 6 Dec: three calendar days, though 2.9 days elapse
    [local(11, 5, 23), 'yesterday'],
    [local(11, 7, 1), 'tomorrow'],
    [local(10, 25, 9), '11 days ago'],
    [local(10, 27, 9), '9 days ago'],
    [local(10, 23, 9), '13 days ago'],
    [local(10, 22, 9), '2 weeks ago'],
    [local(10, 20, 9), '2 weeks ago'],
    [local(10, 15, 9), '3 weeks ago'],
    [local(10, 3, 9), 'last month'],
    [local(8, 15, 9), '3 months ago'],
    [new Date(2027, 11, 6, 9).toISOString(), 'next year'],
    [local(11, 6, 1), '2 hours ago'],
    [local(11, 6, 5), 'in 2 hours'],
  ])('%s on 6 Dec 03:00 → %s', (iso, text) => expect(relativeTime(iso, sixDec)).toBe(text));

  it('never says “last week”: 7 to 13 days are counted in days', () => {
    for (let d = 7; d < 14; d++) expect(relativeTime(local(11, 6 - d), sixDec)).toBe(`${d} days ago`);
  });

  it('says yesterday for late last night, a few hours back', () => {
    expect(relativeTime(new Date(2026, 11, 5, 23, 30).toISOString(), new Date(2026, 11, 6, 0, 30))).toBe('yesterday');
  });

  it('knows the calendar offset', () => {
    expect(calendarDayOffset(new Date(2026, 11, 9, 0, 0), sixDec)).toBe(3);
    expect(calendarDayOffset(new Date(2026, 10, 20, 23, 0), sixDec)).toBe(-16);
  });
});
