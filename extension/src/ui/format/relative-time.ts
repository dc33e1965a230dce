/** "3 days ago", "in 2 weeks": short, human dates for signals, notes, alerts and reviews. */

const UNITS: [Intl.RelativeTimeFormatUnit, number][] = [
  ['year', 365 * 24 * 3600],
  ['month', 30 * 24 * 3600],
  ['week', 7 * 24 * 3600],
  ['day', 24 * 3600],
  ['hour', 3600],
  ['minute', 60],
];

const relativeFormatters = new Map<string, Intl.RelativeTimeFormat>();

function relativeFormatter(locale: string | undefined): Intl.RelativeTimeFormat {
  const key = locale ?? '';
  let f = relativeFormatters.get(key);
  if (!f) {
    f = new Intl.RelativeTimeFormat(locale, { numeric: 'auto' });
    relativeFormatters.set(key, f);
  }
  return f;
}

/**
 * The time between `iso` and `now` in the largest unit that fits ("yesterday", "in 3 weeks", "just now").
 * Returns an empty string for an unreadable date so a bad value never shows as "NaN years ago".
 */
export function relativeTime(iso: string | null | undefined, now: Date = new Date(), locale?: string): string {
  if (!iso) return '';
  const then = Date.parse(iso);
  if (Number.isNaN(then)) return '';
  const seconds = Math.round((then - now.getTime()) / 1000);
  const abs = Math.abs(seconds);
  if (abs < 45) return 'just now';
  for (const [unit, size] of UNITS) {
    if (abs >= size) return relativeFormatter(locale).format(Math.round(seconds / size), unit);
  }
  return relativeFormatter(locale).format(Math.round(seconds / 60), 'minute');
}

/**
 * One format for absolute dates across the panel: "5 Dec 2026" (day, short month, year), whatever the browser's
 * locale would order them as; times "5 Dec 2026, 14:05".
 */
export const DATE_LOCALE = 'en-GB';

/** "12 Mar 2026, 14:05": the exact time, for a title attribute beside a relative date. */
export function absoluteTime(iso: string | null | undefined, locale?: string): string {
  if (!iso) return '';
  const t = Date.parse(iso);
  if (Number.isNaN(t)) return '';
  return new Intl.DateTimeFormat(locale ?? DATE_LOCALE, { day: 'numeric', month: 'short', year: 'numeric', hour: '2-digit', minute: '2-digit' }).format(t);
}

/** "12 Mar 2026": a calendar date (next review). */
export function calendarDate(iso: string | null | undefined, locale?: string): string {
  if (!iso) return '';
  const t = Date.parse(iso);
  if (Number.isNaN(t)) return '';
  // A bare calendar day (an invoice's due date) is that day everywhere, not the evening before west of UTC.
  const timeZone = /^\d{4}-\d{2}-\d{2}$/.test(iso) ? 'UTC' : undefined;
  return new Intl.DateTimeFormat(locale ?? DATE_LOCALE, { day: 'numeric', month: 'short', year: 'numeric', ...(timeZone ? { timeZone } : {}) }).format(t);
}

/** True when the date lies before `now`. */
export function isPast(iso: string | null | undefined, now: Date = new Date()): boolean {
  if (!iso) return false;
  const t = Date.parse(iso);
  return !Number.isNaN(t) && t < now.getTime();
}
