import type { CreditStatusData } from '@/lib/types';
import { FIGURES, formatDays } from '../format/figures';
import { monthLabel, sparklineGeometry } from '../format/sparkline';

interface Props {
  series: NonNullable<CreditStatusData['paymentSeries']>;
}

const WIDTH = 300;
const HEIGHT = 56;

/**
 * Twelve months of paid DBT (the headline's quantity, month by month: days paid after the due date, weighted by
 * amount) above the due-date line (dashed, 0 days). Above the dash = paid late.
 */
export function PaymentSparkline({ series }: Props) {
  const geometry = sparklineGeometry(
    series.map((s) => ({ month: s.month, days: s.daysBeyondTerms })),
    0,
    WIDTH,
    HEIGHT,
  );
  const first = geometry.points[0];
  const last = geometry.points[geometry.points.length - 1];
  if (!first || !last) return <p class="muted">No payments in the last 12 months.</p>;
  const from = monthLabel(series[0]?.month ?? first.month);
  const to = monthLabel(series[series.length - 1]?.month ?? last.month);
  const summary =
    `${FIGURES.DBT.name} by month, ${from} to ${to}: ` +
    `${formatDays(first.days)} in ${monthLabel(first.month)}, ${formatDays(last.days)} in ${monthLabel(last.month)}; 0 days = paid by the due date.`;
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
          <circle key={p.month} class="sparkline__point" data-late={p.days > 0 ? 'true' : undefined} cx={p.x} cy={p.y} r="2">
            <title>{`${monthLabel(p.month)}: paid ${formatDays(p.days)} beyond terms`}</title>
          </circle>
        ))}
      </svg>
      <figcaption class="sparkline__caption">
        <span>{from}</span>
        <span class="sparkline__legend">
          <span class="sparkline__key sparkline__key--line" /> paid DBT per month
          <span class="sparkline__key sparkline__key--terms" /> due date
        </span>
        <span>
          {monthLabel(last.month)} <strong>{formatDays(last.days)}</strong>
        </span>
      </figcaption>
    </figure>
  );
}
