import type { CreditStatusData } from '@/lib/types';
import { monthLabel, sparklineGeometry } from '../format/sparkline';

interface Props {
  series: NonNullable<CreditStatusData['paymentSeries']>;
  termsDays: number;
}

const WIDTH = 300;
const HEIGHT = 56;

/** Twelve months of average days to pay (solid) against the payment terms (dashed). Above the dash = late. */
export function PaymentSparkline({ series, termsDays }: Props) {
  const geometry = sparklineGeometry(
    series.map((s) => ({ month: s.month, days: s.avgDaysToPay })),
    termsDays,
    WIDTH,
    HEIGHT,
  );
  const first = geometry.points[0];
  const last = geometry.points[geometry.points.length - 1];
  if (!first || !last) return <p class="muted">No payments in the last 12 months.</p>;
  const summary =
    `Average days to pay by month, ${monthLabel(series[0]?.month ?? first.month)} to ${monthLabel(series[series.length - 1]?.month ?? last.month)}: ` +
    `${first.days} days in ${monthLabel(first.month)}, ${last.days} days in ${monthLabel(last.month)}; terms ${termsDays} days.`;
  return (
    <figure class="sparkline">
      <svg
        class="sparkline__svg"
        viewBox={`0 0 ${WIDTH} ${HEIGHT}`}
        preserveAspectRatio="none"
        role="img"
        aria-label={summary}
        data-testid="payment-sparkline"
      >
        <line class="sparkline__terms" x1="0" x2={WIDTH} y1={geometry.termsY} y2={geometry.termsY} vector-effect="non-scaling-stroke" />
        <path class="sparkline__line" d={geometry.path} vector-effect="non-scaling-stroke" />
        {geometry.points.map((p) => (
          <circle key={p.month} class="sparkline__point" data-late={p.days > termsDays ? 'true' : undefined} cx={p.x} cy={p.y} r="2">
            <title>{`${monthLabel(p.month)}: ${p.days} days`}</title>
          </circle>
        ))}
      </svg>
      <figcaption class="sparkline__caption">
        <span>{monthLabel(series[0]?.month ?? first.month)}</span>
        <span class="sparkline__legend">
          <span class="sparkline__key sparkline__key--line" /> days to pay
          <span class="sparkline__key sparkline__key--terms" /> terms {termsDays}d
        </span>
        <span>
          now <strong>{last.days}d</strong>
        </span>
      </figcaption>
    </figure>
  );
}
