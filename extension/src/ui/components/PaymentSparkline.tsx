import type { CreditStatusData } from '@/lib/types';
import { FIGURES, formatDays } from '../format/figures';
import { formatMoney } from '../format/money';
import { type ChartFrame, daysY, monthLabel, monthX, niceTicks, type OpenAgeMonth, plotSeries } from '../format/sparkline';

interface Props {
  series: NonNullable<CreditStatusData['paymentSeries']>;
  /** Per month, the age beyond terms of invoices due then and still open (null: not known to this viewer). */
  openAge?: OpenAgeMonth[] | null;
  /** For the amounts in the table. */
  currency?: string;
}

/** The chart's box in SVG units: drawn at the panel's width with its aspect kept, about 360 × 190 px in the sidebar. */
const FRAME: ChartFrame = { width: 320, height: 170, left: 40, right: 10, top: 10, bottom: 24 };

/** Month labels under the axis: every third month, counted back from the latest so it is always labelled. */
function labelledMonth(i: number, n: number): boolean {
  return (n - 1 - i) % 3 === 0;
}

/** The axis labels' size (components.css `.sparkline__tick`, 9px) and a generous width per character for it. */
const TICK_CHAR_WIDTH = 9 * 0.62;

/**
 * Where a month label sits so it stays inside the chart: centred under its month, or, where half of it would
 * run past an edge ("Dec 2026" under the last month), aligned to that edge instead of clipped.
 */
export function monthLabelPlace(x: number, label: string, width: number): { x: number; anchor: 'start' | 'middle' | 'end' } {
  const half = (label.length * TICK_CHAR_WIDTH) / 2;
  if (x + half > width - 1) return { x: width - 1, anchor: 'end' };
  if (x - half < 1) return { x: 1, anchor: 'start' };
  return { x, anchor: 'middle' };
}

/**
 * Twelve months of paid DBT (the headline's quantity, month by month: days paid after the due date, weighted by
 * amount) and beside it the invoices still open: how many days beyond terms they already are (by due month). A
 * customer who stopped paying shows a flat paid line and rising open points, never a flat line alone. The y axis is
 * titled "Days beyond terms" with round gridlines (0 = paid by the due date), the x axis names every third month, and
 * every value is in the table below, so a reader can check the chart against it.
 */
export function PaymentSparkline({ series, openAge = null, currency }: Props) {
  const paidMax = Math.max(0, ...series.map((s) => s.daysBeyondTerms ?? 0));
  const openMax = Math.max(0, ...(openAge ?? []).map((o) => o.days ?? 0));
  const ticks = niceTicks(Math.max(paidMax, openMax));
  const topDays = ticks[ticks.length - 1] ?? 1;
  const paid = plotSeries(
    series.map((s) => ({ month: s.month, days: s.daysBeyondTerms })),
    topDays,
    FRAME,
  );
  const open = openAge ? plotSeries(openAge, topDays, FRAME) : null;
  const first = paid.points[0];
  const last = paid.points[paid.points.length - 1];
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
  const plotRight = FRAME.width - FRAME.right;
  const plotBottom = FRAME.height - FRAME.bottom;
  const midY = (FRAME.top + plotBottom) / 2;
  return (
    <figure class="sparkline">
      <svg class="sparkline__svg" viewBox={`0 0 ${FRAME.width} ${FRAME.height}`} role="img" aria-label={summary} data-testid="payment-sparkline">
        <title>{`${FIGURES.DBT.name} and invoices still open, by month`}</title>
        <desc>{summary}</desc>
        <g class="sparkline__axis" data-testid="chart-y-axis">
          <text class="sparkline__axis-title" x="10" y={midY} transform={`rotate(-90 10 ${midY})`} text-anchor="middle">
            Days beyond terms
          </text>
          {ticks.map((t) => {
            const y = daysY(t, topDays, FRAME);
            return (
              <g key={t} data-testid="chart-tick" data-days={t}>
                <line class={t === 0 ? 'sparkline__terms' : 'sparkline__grid'} x1={FRAME.left} x2={plotRight} y1={y} y2={y} />
                <text class="sparkline__tick" x={FRAME.left - 4} y={y} text-anchor="end" dominant-baseline="middle">
                  {t}
                </text>
              </g>
            );
          })}
          {series.map((s, i) => {
            if (!labelledMonth(i, series.length)) return null;
            const label = monthLabel(s.month);
            const place = monthLabelPlace(monthX(i, series.length, FRAME), label, FRAME.width);
            return (
              <text key={s.month} class="sparkline__tick" data-testid="chart-month" x={place.x} y={FRAME.height - 6} text-anchor={place.anchor}>
                {label}
              </text>
            );
          })}
        </g>
        <path class="sparkline__line" d={paid.path} />
        {paid.points.map((p) => (
          <circle key={p.month} class="sparkline__point" data-late={p.days > 0 ? 'true' : undefined} cx={p.x} cy={p.y} r="3">
            <title>{`${monthLabel(p.month)}: paid ${formatDays(p.days)} beyond terms`}</title>
          </circle>
        ))}
        {/* Markers only: each month's open invoices are other invoices, so a line between them would read as a trend. */}
        {openPoints.map((p) => (
          <rect key={`open-${p.month}`} class="sparkline__open" data-testid="open-age-point" x={p.x - 3} y={p.y - 3} width="6" height="6">
            <title>{`${monthLabel(p.month)}: still open, ${formatDays(p.days)} beyond terms today`}</title>
          </rect>
        ))}
      </svg>
      <figcaption class="sparkline__caption">
        <span class="sparkline__legend">
          <span class="sparkline__key sparkline__key--line" /> paid DBT per month
          {openAge ? (
            <>
              <span class="sparkline__key sparkline__key--open" /> still open, days beyond terms (each month its own invoices)
            </>
          ) : null}
          <span class="sparkline__key sparkline__key--terms" /> due date (0 days)
        </span>
        {last ? (
          <span>
            Latest paid: {monthLabel(last.month)} <strong>{formatDays(last.days)}</strong>
          </span>
        ) : null}
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
        {openAge && series[0] ? <p class="muted">Open invoices due before {monthLabel(series[0].month)} count in the {monthLabel(series[0].month)} row.</p> : null}
      </details>
    </figure>
  );
}
