/** "3 days ago", "in 2 weeks": short, human dates for signals, notes, alerts and reviews (absolute dates: ./dates). */

const UNITS: [Intl.RelativeTimeFormatUnit, number][] = [
  ['year', 365 * 24 * 3600],
  ['month', 30 * 24 * 3600],
  ['week', 7 * 24 * 3600],
  ['day', 24 * 3600],
  ['hour', 3600],
  ['minute', 60],
];

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

/** True when the date lies before `now`. */
export function isPast(iso: string | null | undefined, now: Date = new Date()): boolean {
  if (!iso) return false;
  const t = Date.parse(iso);
  return !Number.isNaN(t) && t < now.getTime();
}
