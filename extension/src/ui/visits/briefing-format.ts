/**
 * How the briefing folder writes dates, days and counts. Absolute dates (a printed folder is read days later,
 * so never "3 days ago") in the extension's one form (../format/dates); calendar days as the server stores them
 * (UTC midnights), times in the reader's zone.
 */
import { formatCalendarDay, formatMonth, formatWeekdayDateTime } from '../format/dates';

/** "5 Dec 2026"; an em dash for none. */
export function briefingDay(iso: string | null | undefined): string {
  return formatCalendarDay(iso) || '—';
}

/** "Thu 10 Dec 2026, 10:00" in the reader's time zone. */
export function briefingDayTime(iso: string | null | undefined): string {
  return formatWeekdayDateTime(iso) || '—';
}

/** "Oct 2026" from "2026-10". */
export function briefingMonth(month: string): string {
  return /^\d{4}-\d{2}$/.test(month) ? formatMonth(month) : month;
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
