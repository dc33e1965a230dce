import type { CreditStatusData } from '@/lib/types';
import { FIGURES, formatDays } from '../format/figures';
import { formatMoney } from '../format/money';
import { monthLabel, type OpenAgeMonth, sparklineGeometry } from '../format/sparkline';

interface Props {
  series: NonNullable<CreditStatusData['paymentSeries']>;
  /** Per month, the age beyond terms of invoices due then and still open (null: not known to this viewer). */
  openAge?: OpenAgeMonth[] | null;
  /** For the amounts in the table. */
  currency?: string;
}

const WIDTH = 300;
const HEIGHT = 64;

/**
 * Twelve months of paid DBT (the headline's quantity, month by month: days paid after the due date, weighted by
 * amount) above the due-date line (dashed, 0 days), and beside it the invoices still open: how many days beyond
 * terms they already are (by due month). A customer who stopped paying shows a flat paid line and rising open
 * points, never a flat line alone. The y axis is labelled with its top and 0; every value is in a table below.
 */
export function PaymentSparkline({ series, openAge = null, currency }: Props) {
  const openMax = Math.max(0, ...(openAge ?? []).map((o) => o.days ?? 0));
  const geometry = sparklineGeometry(
    series.map((s) => ({ month: s.month, days: s.daysBeyondTerms })),
    0,
    WIDTH,
    HEIGHT,
    3,
    openMax,
  );
  const open = openAge ? sparklineGeometry(openAge, 0, WIDTH, HEIGHT, 3, Math.max(openMax, ...series.map((s) => s.daysBeyondTerms ?? 0))) : null;
  const first = geometry.points[0];
  const last = geometry.points[geometry.points.length - 1];
  const openPoints = open?.points ?? [];
  if ((!first || !last) && !openPoints.length) return <p class="muted">No payments in the last 12 months.</p>;
  const from = monthLabel(series[0]?.month ?? '');
  const to = monthLabel(series[series.length - 1]?.month ?? '');
  const worstOpen = openPoints.reduce<(typeof openPoints)[number] | null>((w, p) => (w == null || p.days > w.days ? p : w), null);
  const summary =
    `${FIGURES.DBT.name} by month, ${from} to ${to}: ` +
    (first && last ? `${formatDays(first.days)} in ${monthLabel(first.month)}, ${formatDays(last.days)} in ${monthLabel(last.month)}` : 'no payments') +
    '; 0 days = paid by the due date.' +
    (openAge
      ? worstOpen
        ? ` Still open past due: the invoices due in ${monthLabel(worstOpen.month)} are on average ${formatDays(worstOpen.days)} beyond terms, the most of any month.`
        : ' Nothing open past due.'
      : '');
  const top = Math.round(geometry.maxDays);
  return (
    <figure class="sparkline">
      <div class="sparkline__plot">
        <span class="sparkline__axis sparkline__axis--top" aria-hidden="true">
          {top} d
        </span>
        <svg
          class="sparkline__svg"
          viewBox={`0 0 ${WIDTH} ${HEIGHT}`}
          preserveAspectRatio="none"
          role="img"
          aria-label={summary}
          data-testid="payment-sparkline"
        >
          <title>{`${FIGURES.DBT.name} and invoices still open, by month`}</title>
          <desc>{summary}</desc>
          <line class="sparkline__terms" x1="0" x2={WIDTH} y1={geometry.termsY} y2={geometry.termsY} vector-effect="non-scaling-stroke" />
          <path class="sparkline__line" d={geometry.path} vector-effect="non-scaling-stroke" />
          {geometry.points.map((p) => (
            <circle key={p.month} class="sparkline__point" data-late={p.days > 0 ? 'true' : undefined} cx={p.x} cy={p.y} r="2">
              <title>{`${monthLabel(p.month)}: paid ${formatDays(p.days)} beyond terms`}</title>
            </circle>
          ))}
          {open ? <path class="sparkline__open-line" d={open.path} vector-effect="non-scaling-stroke" data-testid="open-age-line" /> : null}
          {openPoints.map((p) => (
            <rect key={`open-${p.month}`} class="sparkline__open" data-testid="open-age-point" x={p.x - 2.5} y={p.y - 2.5} width="5" height="5">
              <title>{`${monthLabel(p.month)}: still open, ${formatDays(p.days)} beyond terms today`}</title>
            </rect>
          ))}
        </svg>
        <span class="sparkline__axis sparkline__axis--zero" aria-hidden="true">
          0 d
        </span>
      </div>
      <figcaption class="sparkline__caption">
        <span>{from}</span>
        <span class="sparkline__legend">
          <span class="sparkline__key sparkline__key--line" /> paid DBT per month
          {openAge ? (
            <>
              <span class="sparkline__key sparkline__key--open" /> still open, days beyond terms
            </>
          ) : null}
          <span class="sparkline__key sparkline__key--terms" /> due date (0 d)
        </span>
        {last ? (
          <span>
            {monthLabel(last.month)} <strong>{formatDays(last.days)}</strong>
          </span>
        ) : (
          <span>{to}</span>
        )}
      </figcaption>
      <details class="sparkline__values" data-testid="payment-values">
        <summary>Values by month</summary>
        <table>
          <thead>
            <tr>
              <th scope="col">Month</th>
              <th scope="col" class="num">
                Paid DBT
              </th>
              {openAge ? (
                <th scope="col" class="num">
                  Still open past due
                </th>
              ) : null}
            </tr>
          </thead>
          <tbody>
            {series.map((s, i) => {
              const o = openAge?.[i];
              return (
                <tr key={s.month} data-testid="payment-value-row">
                  <th scope="row">{monthLabel(s.month)}</th>
                  <td class="num">{s.daysBeyondTerms == null ? 'no payments' : formatDays(s.daysBeyondTerms)}</td>
                  {openAge ? (
                    <td class="num">
                      {o?.days == null
                        ? '–'
                        : `${formatDays(o.days)} (${o.count} ${o.count === 1 ? 'invoice' : 'invoices'}${currency ? `, ${formatMoney(o.outstanding.toFixed(2), currency)}` : ''})`}
                    </td>
                  ) : null}
                </tr>
              );
            })}
          </tbody>
        </table>
        {openAge && series[0] ? <p class="muted">Open invoices due before {monthLabel(series[0].month)} count in its row.</p> : null}
      </details>
    </figure>
  );
}
