import { describe, expect, it } from 'vitest';
import { isPast, relativeTime } from './relative-time';

const now = new Date('2026-05-20T10:00:00Z');
const ago = (seconds: number) => new Date(now.getTime() - seconds * 1000).toISOString();

describe('relativeTime', () => {
  it.each([
    [10, 'just now'],
    [5 * 60, '5 minutes ago'],
    [3 * 3600, '3 hours ago'],
    [86_400, 'yesterday'],
    [3 * 86_400, '3 days ago'],
    [15 * 86_400, '2 weeks ago'],
    [65 * 86_400, '2 months ago'],
    [400 * 86_400, 'last year'],
    [-12 * 86_400, 'in 2 weeks'],
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
