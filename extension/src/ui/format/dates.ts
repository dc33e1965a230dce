/**
 * Absolute dates in one form wherever the extension shows one (panel, popup, workspace page, briefing): "3 Dec 2026",
 * "3 Dec 2026, 14:05", "Thu 3 Dec 2026, 14:05", "Dec 2026" — day, short month, year, 24-hour clock. The server's
 * sentences use the same form (server/src/domain/calendar.ts, `dayInWords`).
 *
 * Built from fixed English tables rather than `Intl.DateTimeFormat`: the browser's locale would order the parts its
 * own way ("Dec 3, 2026" beside "3 Dec 2026"), and ICU versions disagree even for one locale (en-GB says "Sept" since
 * ICU 72, "Sep" before), so the same page could read differently on two machines.
 *
 * A bare calendar day ("2026-12-03": a due date, an invoice date) is that day everywhere, never the evening before
 * west of UTC; an instant ("2026-12-03T14:05:00Z") is shown in the reader's time zone.
 */

export const MONTHS_SHORT = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'] as const;
export const MONTHS_LONG = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'] as const;
export const WEEKDAYS_SHORT = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'] as const;

const BARE_DAY = /^(\d{4})-(\d{2})-(\d{2})$/;
const DAY_PREFIX = /^(\d{4})-(\d{2})-(\d{2})/;

interface Parts {
  year: number;
  /** 0–11 */
  month: number;
  day: number;
  weekday: number;
  hours: number;
  minutes: number;
}

function partsOfDate(d: Date, utc: boolean): Parts {
  return utc
    ? { year: d.getUTCFullYear(), month: d.getUTCMonth(), day: d.getUTCDate(), weekday: d.getUTCDay(), hours: d.getUTCHours(), minutes: d.getUTCMinutes() }
    : { year: d.getFullYear(), month: d.getMonth(), day: d.getDate(), weekday: d.getDay(), hours: d.getHours(), minutes: d.getMinutes() };
}

/** A calendar day from its `YYYY-MM-DD` digits, or null when they are no real date (2026-02-30). */
function calendarParts(m: RegExpExecArray): Parts | null {
  const d = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
  if (d.getUTCFullYear() !== Number(m[1]) || d.getUTCMonth() !== Number(m[2]) - 1 || d.getUTCDate() !== Number(m[3])) return null;
  return partsOfDate(d, true);
}

/** The parts of `value`: a bare calendar day as written, an instant in the local time zone. Null when unreadable. */
function partsOf(value: string | Date | null | undefined): Parts | null {
  if (value == null || value === '') return null;
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? null : partsOfDate(value, false);
  const bare = BARE_DAY.exec(value);
  if (bare) return calendarParts(bare);
  const t = Date.parse(value);
  return Number.isNaN(t) ? null : partsOfDate(new Date(t), false);
}

const day = (p: Parts) => `${p.day} ${MONTHS_SHORT[p.month]} ${p.year}`;
const pad = (n: number) => String(n).padStart(2, '0');
const clock = (p: Parts) => `${pad(p.hours)}:${pad(p.minutes)}`;

/** "3 Dec 2026"; empty for a missing or unreadable value. */
export function formatDate(value: string | Date | null | undefined): string {
  const p = partsOf(value);
  return p ? day(p) : '';
}

/**
 * "3 Dec 2026" for a value that is a calendar day whatever time it carries: a date the server keeps at UTC midnight
 * ("2026-12-03T00:00:00.000Z", an action item's due day) is that day for every reader.
 */
export function formatCalendarDay(value: string | null | undefined): string {
  const m = value ? DAY_PREFIX.exec(value) : null;
  const p = m ? calendarParts(m) : null;
  return p ? day(p) : '';
}

/** "3 Dec 2026, 14:05" in the reader's time zone. */
export function formatDateTime(value: string | Date | null | undefined): string {
  const p = partsOf(value);
  return p ? `${day(p)}, ${clock(p)}` : '';
}

/** "Thu 3 Dec 2026, 14:05": a meeting's time, where the weekday helps. */
export function formatWeekdayDateTime(value: string | Date | null | undefined): string {
  const p = partsOf(value);
  return p ? `${WEEKDAYS_SHORT[p.weekday]} ${day(p)}, ${clock(p)}` : '';
}

/** "14:05" in the reader's time zone. */
export function formatTime(value: string | Date | null | undefined): string {
  const p = partsOf(value);
  return p ? clock(p) : '';
}

/** "Dec 2026" (or "December 2026" with `long`) from "2026-12" or "2026-12-03"; anything else comes back as it is. */
export function formatMonth(month: string, options: { long?: boolean } = {}): string {
  const m = /^(\d{4})-(\d{2})/.exec(month);
  const index = m ? Number(m[2]) - 1 : -1;
  if (!m || index < 0 || index > 11) return month;
  return `${(options.long ? MONTHS_LONG : MONTHS_SHORT)[index]} ${m[1]}`;
}
