/** Geometry of the payment-trend sparkline: days to pay per month against the payment-terms line. */

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
): SparklineGeometry {
  const values = series.map((s) => s.days).filter((d): d is number => d != null);
  const maxDays = Math.max(termsDays, ...values, 1) * 1.15;
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
export function monthLabel(month: string, locale?: string): string {
  const m = /^(\d{4})-(\d{2})/.exec(month);
  if (!m) return month;
  const date = Date.UTC(Number(m[1]), Number(m[2]) - 1, 1);
  return new Intl.DateTimeFormat(locale, { month: 'short', year: 'numeric', timeZone: 'UTC' }).format(date);
}
