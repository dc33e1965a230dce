/**
 * Visits in words for the panel and popup: when ("today at 14:00", "in 3 days"), with whom, and whether notes may
 * be taken now. Pure, with `now` passed in, so tests pin the clock.
 */
import { browser } from 'wxt/browser';
import type { PanelVisitData } from '@/lib/visit-types';
import { formatCalendarDay, formatDate, formatDateTime, formatTime } from '../format/dates';
import { namesFor, type Viewer } from '../format/people';
import { relativeTime } from '../format/relative-time';

/** Notes are offered for a visit today, or one that took place in this many days before today. */
export const NOTES_WINDOW_DAYS = 7;

const DAY_MS = 86_400_000;

function startOfDay(date: Date): Date {
  return new Date(date.getFullYear(), date.getMonth(), date.getDate());
}

/** Whole local calendar days from `now`'s day to `iso`'s day (0 today, 1 tomorrow, -1 yesterday). */
export function dayOffset(iso: string, now: Date): number {
  return Math.round((startOfDay(new Date(iso)).getTime() - startOfDay(now).getTime()) / DAY_MS);
}

/** Today, tomorrow or yesterday: the words carry the clock, so the date beside them needs none. */
function nearDay(offset: number): boolean {
  return offset >= -1 && offset <= 1;
}

/** "today at 14:00", "tomorrow at 09:30", "yesterday at 16:00", else "in 3 days" / "2 weeks ago". */
export function visitWhen(iso: string, now: Date = new Date()): string {
  if (Number.isNaN(Date.parse(iso))) return '';
  const offset = dayOffset(iso, now);
  if (offset === 0) return `today at ${formatTime(iso)}`;
  if (offset === 1) return `tomorrow at ${formatTime(iso)}`;
  if (offset === -1) return `yesterday at ${formatTime(iso)}`;
  return relativeTime(iso, now);
}

/**
 * The words and the exact date together, the time said once: "Today at 14:00 (5 Dec 2026)", "In 3 days
 * (8 Dec 2026, 14:00)".
 */
export function visitWhenFull(iso: string, now: Date = new Date()): string {
  const words = visitWhen(iso, now);
  if (!words) return '';
  const exact = nearDay(dayOffset(iso, now)) ? formatDate(iso) : formatDateTime(iso);
  return `${words.charAt(0).toUpperCase()}${words.slice(1)} (${exact})`;
}

/** Everyone going from our side, each once: organizer first, or "you" first when the viewer goes. */
export function visitPeople(visit: Pick<PanelVisitData, 'organizer' | 'attendees'>, viewer?: Viewer): string[] {
  const people = visit.organizer ? [visit.organizer, ...visit.attendees] : visit.attendees;
  return namesFor([...new Map(people.map((p) => [p.id, p])).values()], viewer);
}

/**
 * Whether the notes box is offered: the viewer may change the visit, it is not cancelled, and it takes place today
 * or took place in the last `NOTES_WINDOW_DAYS` days (the first notes mark a planned visit held, so a visit in the
 * future gets none).
 */
export function notesOpen(visit: Pick<PanelVisitData, 'viewerCanEdit' | 'status' | 'scheduledAt' | 'heldAt'>, now: Date = new Date()): boolean {
  if (!visit.viewerCanEdit || visit.status === 'CANCELLED') return false;
  const offset = dayOffset(visit.heldAt ?? visit.scheduledAt, now);
  return offset <= 0 && offset >= -NOTES_WINDOW_DAYS;
}

/** The workspace page's view of one visit (`dashboard.html#/visit/<id>`, built by the workspace page). */
export function workspaceVisitUrl(id: string): string {
  return new URL(`dashboard.html#/visit/${encodeURIComponent(id)}`, browser.runtime.getURL('/')).href;
}

/** An action item's due day ("4 Dec 2026"): a date-only value is shown as that calendar day wherever the user is. */
export function dueDay(value: string): string {
  return formatCalendarDay(value);
}

/**
 * Past visits (held, followed up, cancelled) newest first: by when they were held, else when they were planned.
 * A visit held early (planned for tomorrow, held today) sorts by the day it was held.
 */
export function recentFirst<T extends { scheduledAt: string; heldAt: string | null }>(visits: readonly T[]): T[] {
  const key = (v: T) => Date.parse(v.heldAt ?? v.scheduledAt);
  return [...visits].sort((a, b) => key(b) - key(a));
}
