/** "3 days ago", "in 2 weeks": short, human dates for signals, notes, alerts and reviews (absolute dates: ./dates). */

const DAY_MS = 86_400_000;

/** Whole calendar days in the reader's time zone from `now`'s day to `then`'s (0 today, -1 yesterday, 3 in three days). */
export function calendarDayOffset(then: Date, now: Date): number {
  const start = (d: Date) => Date.UTC(d.getFullYear(), d.getMonth(), d.getDate());
  return Math.round((start(then) - start(now)) / DAY_MS);
}

const relativeFormatters = new Map<string, Intl.RelativeTimeFormat>();

/**
 * English by default, whatever the browser's locale: the words sit inside English sentences ("started 2 days ago"),
 * and "vor 2 Tagen" in the middle of one would read as a fault.
 */
const RELATIVE_LOCALE = 'en';

function relativeFormatter(locale: string = RELATIVE_LOCALE): Intl.RelativeTimeFormat {
  const key = locale;
  let f = relativeFormatters.get(key);
  if (!f) {
    f = new Intl.RelativeTimeFormat(locale, { numeric: 'auto' });
    relativeFormatters.set(key, f);
  }
  return f;
}

/**
 * When `iso` is from `now`, as a person counts it: by calendar days in the reader's time zone ("yesterday",
 * "in 3 days", "11 days ago" — an invoice due on the 9th is "in 3 days" on the 6th, whatever the hour), weeks only
 * from 14 days ("2 weeks ago"; never "last week" for 9 days), then months and years; within today by the clock
 * ("3 hours ago", "in 20 minutes", "just now").
 * Returns an empty string for an unreadable date so a bad value never shows as "NaN years ago".
 */
export function relativeTime(iso: string | null | undefined, now: Date = new Date(), locale?: string): string {
  if (!iso) return '';
  const then = Date.parse(iso);
  if (Number.isNaN(then)) return '';
  const f = relativeFormatter(locale);
  const days = calendarDayOffset(new Date(then), now);
  if (days === 0) {
    const seconds = Math.round((then - now.getTime()) / 1000);
    const abs = Math.abs(seconds);
    if (abs < 45) return 'just now';
    if (abs >= 3600) return f.format(Math.trunc(seconds / 3600), 'hour');
    return f.format(Math.sign(seconds) * Math.max(1, Math.round(abs / 60)), 'minute');
  }
  const abs = Math.abs(days);
  const sign = Math.sign(days);
  if (abs < 14) return f.format(days, 'day');
  if (abs < 30) return f.format(sign * Math.floor(abs / 7), 'week');
  if (abs < 365) return f.format(sign * Math.max(1, Math.round(abs / 30)), 'month');
  return f.format(sign * Math.max(1, Math.round(abs / 365)), 'year');
}

/** True when the date lies before `now`. */
export function isPast(iso: string | null | undefined, now: Date = new Date()): boolean {
  if (!iso) return false;
  const t = Date.parse(iso);
  return !Number.isNaN(t) && t < now.getTime();
}
