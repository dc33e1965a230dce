/**
 * How the briefing folder writes dates, days and counts. Absolute dates (a printed folder is read days later,
 * so never "3 days ago"); calendar days in UTC (the server stores them as UTC midnights), times in the reader's zone.
 */

const day = new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'short', year: 'numeric', timeZone: 'UTC' });
const dayTime = new Intl.DateTimeFormat('en-GB', { weekday: 'short', day: 'numeric', month: 'short', year: 'numeric', hour: '2-digit', minute: '2-digit' });
const monthName = new Intl.DateTimeFormat('en-GB', { month: 'short', year: 'numeric', timeZone: 'UTC' });

const valid = (iso: string | null | undefined): iso is string => !!iso && !Number.isNaN(Date.parse(iso));

/** "5 Dec 2026"; an em dash for none. */
export function briefingDay(iso: string | null | undefined): string {
  return valid(iso) ? day.format(new Date(iso)) : '—';
}

/** "Thu, 10 Dec 2026, 10:00" in the reader's time zone. */
export function briefingDayTime(iso: string | null | undefined): string {
  return valid(iso) ? dayTime.format(new Date(iso)) : '—';
}

/** "Oct 2026" from "2026-10". */
export function briefingMonth(month: string): string {
  return /^\d{4}-\d{2}$/.test(month) ? monthName.format(new Date(`${month}-01T00:00:00Z`)) : month;
}

/** "12 days", "1 day", an em dash for none. */
export function briefingDays(n: number | null | undefined): string {
  if (n == null || !Number.isFinite(n)) return '—';
  const rounded = Math.round(n * 10) / 10;
  return `${rounded} day${rounded === 1 ? '' : 's'}`;
}

/** "Showing 50 of 212" when a list was capped, nothing otherwise. */
export function shownOf(shown: number, total: number): string {
  return total > shown ? `Showing ${shown} of ${total}` : '';
}
