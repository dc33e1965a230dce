/** Geometry of the payment-trend chart: days beyond terms per month on a labelled 0–N days axis. */
import { formatMonth } from './dates';

export interface SparkPoint {
  month: string;
  days: number;
  x: number;
  y: number;
}

/** The drawing area inside the chart's box: margins leave room for the axis labels (chart units, not pixels). */
export interface ChartFrame {
  width: number;
  height: number;
  left: number;
  right: number;
  top: number;
  bottom: number;
}

/**
 * Round tick values from 0 up to at least `max`, 3 to 5 gridlines a reader can check values against (0, 10, 20, 30;
 * 0, 20, 40, 60, 80): a step of 1, 2 or 5 × 10ⁿ (days), never a scale value like "84 d" that reads as a title.
 */
export function niceTicks(max: number, target = 5): number[] {
  const top = Math.max(1, max);
  const raw = top / target;
  const magnitude = 10 ** Math.floor(Math.log10(raw));
  const step = [1, 2, 5, 10].map((m) => m * magnitude).find((s) => s >= raw) ?? 10 * magnitude;
  const whole = Math.max(1, Math.round(step));
  const count = Math.ceil(top / whole);
  return Array.from({ length: count + 1 }, (_, i) => i * whole);
}

/** x of the i-th of n months across the frame (one month alone sits in the middle). */
export function monthX(i: number, n: number, frame: ChartFrame): number {
  const inner = frame.width - frame.left - frame.right;
  return Math.round((n > 1 ? frame.left + (i * inner) / (n - 1) : frame.left + inner / 2) * 10) / 10;
}

/** y of a number of days on a 0–`topDays` axis (later = higher). */
export function daysY(days: number, topDays: number, frame: ChartFrame): number {
  const inner = frame.height - frame.top - frame.bottom;
  return Math.round((frame.top + inner - (Math.max(0, Math.min(days, topDays)) / topDays) * inner) * 10) / 10;
}

/**
 * One series on the chart: an SVG path `d` with a gap wherever a month has no value, and the points. x is spread over
 * the whole series so gaps keep their place in time.
 */
export function plotSeries(series: readonly { month: string; days: number | null }[], topDays: number, frame: ChartFrame): { path: string; points: SparkPoint[] } {
  const points: SparkPoint[] = [];
  let path = '';
  let penDown = false;
  series.forEach((s, i) => {
    if (s.days == null) {
      penDown = false;
      return;
    }
    const x = monthX(i, series.length, frame);
    const y = daysY(s.days, topDays, frame);
    points.push({ month: s.month, days: s.days, x, y });
    path += `${penDown ? 'L' : 'M'}${x} ${y}`;
    penDown = true;
  });
  return { path, points };
}

/** "Mar 2026" from "2026-03" or "2026-03-01". */
export function monthLabel(month: string): string {
  return formatMonth(month);
}

/** The open invoices of one month (by due month), as the chart plots them beside the paid DBT. */
export interface OpenAgeMonth {
  month: string;
  /** Amount-weighted days past due today of the invoices due that month and still open; null when none is past due. */
  days: number | null;
  /** Outstanding on those past-due invoices (decimal string) and how many. */
  outstanding: number;
  count: number;
}

/**
 * Per month of `months` (YYYY-MM), the open undisputed invoices past due whose due date falls in it, aged today:
 * how far beyond terms the money still unpaid already is. Invoices due before the first month count in the first.
 * This is what the paid DBT cannot show: an invoice not paid yet is in no paid month.
 */
export function openAgeByMonth(
  months: readonly string[],
  invoices: readonly { dueAt: string; outstanding: string; status: string }[],
  now: Date = new Date(),
): OpenAgeMonth[] {
  const today = Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate());
  const first = months[0] ?? '';
  const sums = new Map(months.map((m) => [m, { weighted: 0, amount: 0, count: 0 }]));
  for (const i of invoices) {
    if (i.status === 'DISPUTED') continue;
    const due = Date.parse(`${i.dueAt}T00:00:00Z`);
    const amount = Number(i.outstanding);
    const late = Math.round((today - due) / 86_400_000);
    if (Number.isNaN(due) || !(amount > 0) || late <= 0) continue;
    // The later of the due month and the first month (YYYY-MM strings sort as dates).
    const month = [first, i.dueAt.slice(0, 7)].sort()[1] ?? first;
    const bucket = sums.get(month);
    if (!bucket) continue;
    bucket.weighted += late * amount;
    bucket.amount += amount;
    bucket.count += 1;
  }
  return months.map((month) => {
    const b = sums.get(month) ?? { weighted: 0, amount: 0, count: 0 };
    return { month, days: b.amount > 0 ? Math.round((b.weighted / b.amount) * 10) / 10 : null, outstanding: Math.round(b.amount * 100) / 100, count: b.count };
  });
}
