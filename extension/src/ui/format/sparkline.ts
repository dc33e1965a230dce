/** Geometry of the payment-trend sparkline: days to pay per month against the payment-terms line. */
import { formatMonth } from './dates';

export interface SparkPoint {
  month: string;
  days: number;
  x: number;
  y: number;
}

export interface SparklineGeometry {
  /** One SVG path `d` with a gap wherever a month has no payments. */
  path: string;
  points: SparkPoint[];
  /** y of the payment-terms line. */
  termsY: number;
  maxDays: number;
}

/**
 * Lays out `days` (null = no payment that month) over `width` × `height`, with headroom so the terms line and the
 * worst month both fit. x is spread over the whole series length so gaps keep their place in time.
 */
export function sparklineGeometry(
  series: readonly { month: string; days: number | null }[],
  termsDays: number,
  width: number,
  height: number,
  padding = 3,
  /** Another series drawn on the same axes: its largest value widens the scale too. */
  alsoMax = 0,
): SparklineGeometry {
  const values = series.map((s) => s.days).filter((d): d is number => d != null);
  const maxDays = Math.max(termsDays, ...values, alsoMax, 1) * 1.15;
  const innerH = height - padding * 2;
  const step = series.length > 1 ? (width - padding * 2) / (series.length - 1) : 0;
  const yOf = (days: number) => padding + innerH - (Math.max(0, days) / maxDays) * innerH;
  const round = (n: number) => Math.round(n * 10) / 10;
  const points: SparkPoint[] = [];
  let path = '';
  let penDown = false;
  series.forEach((s, i) => {
    if (s.days == null) {
      penDown = false;
      return;
    }
    const x = round(series.length > 1 ? padding + i * step : width / 2);
    const y = round(yOf(s.days));
    points.push({ month: s.month, days: s.days, x, y });
    path += `${penDown ? 'L' : 'M'}${x} ${y}`;
    penDown = true;
  });
  return { path, points, termsY: round(yOf(termsDays)), maxDays };
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
