/**
 * Ledger dates as whole calendar days. Invoices and payments are dated by business day, not by instant, so
 * every date becomes a "day number" (days since 1970-01-01, UTC) and differences are plain integer subtraction
 * — no time zones, no daylight-saving hours, no fractional days in "days to pay".
 */

/** ISO calendar date, `YYYY-MM-DD`. The form every date takes in the domain's JSON output. */
export type IsoDate = string;
/** Calendar month, `YYYY-MM`. */
export type IsoMonth = string;
/** What callers may pass: an ISO date or datetime string, or a Date (read as its UTC calendar date). */
export type DateInput = string | Date;

const MS_PER_DAY = 86_400_000;
// Date part, then an optional time with optional offset. The date is taken as written: a ledger export's
// "2026-03-31T23:30:00-05:00" is the customer's 31 March, and shifting it to UTC would move it to April.
const ISO_DATE_TIME = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.\d{1,9})?)?(?:Z|[+-]\d{2}:?\d{2})?)?$/;

/** Day number of an ISO date or datetime string, or null when it is not a real calendar date. */
export function parseIsoDay(raw: string): number | null {
  const m = ISO_DATE_TIME.exec(raw.trim());
  if (!m) return null;
  const [year, month, day] = [Number(m[1]), Number(m[2]), Number(m[3])];
  if (month < 1 || month > 12 || day < 1 || day > 31) return null;
  if (m[4] !== undefined && (Number(m[4]) > 23 || Number(m[5]) > 59 || Number(m[6] ?? 0) > 59)) return null;
  const ms = Date.UTC(year, month - 1, day);
  const check = new Date(ms);
  // Date.UTC rolls 2026-02-30 over to 2 March; a ledger date that does not exist is an error, not a guess.
  if (check.getUTCFullYear() !== year || check.getUTCMonth() !== month - 1 || check.getUTCDate() !== day) return null;
  return ms / MS_PER_DAY;
}

/** Day number of a date the caller vouches for (stored rows, asOf). Throws on an invalid value. */
export function toDay(input: DateInput): number {
  if (input instanceof Date) {
    const ms = input.getTime();
    if (Number.isNaN(ms)) throw new RangeError('Invalid Date');
    return Math.floor(ms / MS_PER_DAY);
  }
  const day = parseIsoDay(input);
  if (day === null) throw new RangeError(`Not an ISO date: ${JSON.stringify(input)}`);
  return day;
}

// Day numbers repeat across a ledger (and across the accounts of a batch recompute): each is formatted once.
const isoOfDay = new Map<number, IsoDate>();
const ISO_OF_DAY_MAX = 100_000;

export function dayToIso(day: number): IsoDate {
  let iso = isoOfDay.get(day);
  if (iso === undefined) {
    iso = new Date(day * MS_PER_DAY).toISOString().slice(0, 10);
    if (isoOfDay.size >= ISO_OF_DAY_MAX) isoOfDay.clear();
    isoOfDay.set(day, iso);
  }
  return iso;
}

const MONTHS_SHORT = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'] as const;

/**
 * "8 Nov 2026": a calendar day as a sentence shown to people says it (an alert's detail, a reason, a credit action, a
 * visit report). The extension writes absolute dates the same way (extension/src/ui/format/dates.ts); ISO dates stay
 * in data (evidence, dedup keys, YYYY-MM-DD fields) and in messages about ledger input, which is written in ISO.
 */
export function dayInWords(input: DateInput | number): string {
  const iso = dayToIso(typeof input === 'number' ? input : toDay(input));
  const [year, month, day] = iso.split('-');
  return `${Number(day)} ${MONTHS_SHORT[Number(month) - 1]} ${year}`;
}

const monthOfDayCache = new Map<number, IsoMonth>();

export function monthOfDay(day: number): IsoMonth {
  let month = monthOfDayCache.get(day);
  if (month === undefined) {
    month = dayToIso(day).slice(0, 7);
    if (monthOfDayCache.size >= ISO_OF_DAY_MAX) monthOfDayCache.clear();
    monthOfDayCache.set(day, month);
  }
  return month;
}

const ISO_MONTH = /^(\d{4})-(\d{2})$/;
// Months parsed once (the countback DSO asks for 24 month starts per account): [year, month index].
const parsedMonths = new Map<IsoMonth, [number, number]>();

/** First day (day number) of a `YYYY-MM` month shifted by `offset` months. Throws on a malformed month. */
export function monthStartDay(month: IsoMonth, offset = 0): number {
  let parsed = parsedMonths.get(month);
  if (parsed === undefined) {
    const m = ISO_MONTH.exec(month);
    if (!m || Number(m[2]) < 1 || Number(m[2]) > 12) throw new RangeError(`Not a YYYY-MM month: ${JSON.stringify(month)}`);
    parsed = [Number(m[1]), Number(m[2]) - 1];
    if (parsedMonths.size >= ISO_OF_DAY_MAX) parsedMonths.clear();
    parsedMonths.set(month, parsed);
  }
  return Date.UTC(parsed[0], parsed[1] + offset, 1) / MS_PER_DAY;
}

/** The `count` months ending with the month of `day`, oldest first. */
export function monthsEndingAt(day: number, count: number): IsoMonth[] {
  const last = monthOfDay(day);
  return Array.from({ length: count }, (_, i) => monthOfDay(monthStartDay(last, i - count + 1)));
}
