/**
 * The payment trend in a sentence that names what it compared (payment-trend.ts): the last 90 days against the same
 * 90 days last year or against the months before, each recent invoice against earlier ones of similar size when the
 * sizes differ. "No change in payment timing" alone read as "no change at all" beside a chart whose lateness doubled
 * within the year, when the model had compared with last year's same season. The credit team reads the figures (the
 * per-invoice averages the trend compares); everyone else reads the same sentence in words, without days or counts.
 */
import type { PaymentTrend } from '@earshot/shared';
import type { TrendDetail } from './behaviour-types.js';
import { describeLateness } from './risk-factors-ledger.js';
import { LEDGER_PATTERNS as P } from './risk-weights.js';

/** What the trend compared the last 90 days with (the GraphQL enum `PaymentTrendBasis`). */
export type TrendBasis = 'SAME_MONTHS_LAST_YEAR' | 'PRIOR_MONTHS';

/** What the trend compared, or null when there was nothing to compare (NO_HISTORY, or detail stored before it existed). */
export function trendBasis(trend: PaymentTrend, t: TrendDetail | undefined | null): TrendBasis | null {
  if (!t || trend === 'NO_HISTORY') return null;
  return t.comparison === 'SAME_SEASON_LAST_YEAR' ? 'SAME_MONTHS_LAST_YEAR' : 'PRIOR_MONTHS';
}

const count = (n: number, what: string) => `${n} ${what}${n === 1 ? '' : 's'}`;

/** "the same 90 days last year" / "the previous 275 days" (credit); "the same months last year" / "earlier months" (sales). */
function baselineWords(t: TrendDetail, figures: boolean): string {
  if (t.comparison === 'SAME_SEASON_LAST_YEAR') return figures ? `the same ${t.recentDays} days last year` : 'the same months last year';
  return figures ? `the previous ${t.baselineDays} days` : 'earlier months';
}

/**
 * The trend in one sentence. `figures` (the credit team): with the per-invoice averages compared, each with its
 * window; without (SALES, VIEWER): words only, no digit and no "days". `t` undefined: a status stored before the
 * detail was kept (the next recompute stores it): the trend's word alone.
 */
export function describeTrend(trend: PaymentTrend, t: TrendDetail | undefined | null, figures: boolean): string {
  if (trend === 'NO_HISTORY') return 'No payment history yet';
  if (!t) return { STABLE: 'No change in payment timing', SLIPPING: 'Paying later', IMPROVING: 'Paying faster' }[trend];
  const against = baselineWords(t, figures);
  const size = t.bySize ? ', for invoices of similar size' : '';
  if (trend === 'SLIPPING' && t.stoppedPaying) {
    if (!figures) return 'Has stopped paying in recent months';
    return (
      `Stopped paying: nothing paid in the last ${t.recentDays} days while ${count(t.recentInvoiceCount, 'invoice')} fell due, ` +
      `now ${count(t.recentLateness ?? 0, 'day')} past due on average (${against}${size}: paid ${describeLateness(t.baselineLateness ?? 0)} per invoice on average)`
    );
  }
  // Not compared: too few invoices paid in one of the windows. The trend stays STABLE (no change was seen), but the
  // sentence must not claim one was looked for and not found.
  if (!t.sufficientHistory || t.recentLateness === null || t.baselineLateness === null) {
    const recentShort = t.recentInvoiceCount < P.trendMinRecentInvoices;
    if (!figures) return recentShort ? 'Too few recent payments to compare payment timing' : 'Too few earlier payments to compare payment timing';
    return recentShort
      ? `Payment timing not compared: ${count(t.recentInvoiceCount, 'invoice')} paid in the last ${t.recentDays} days (at least ${P.trendMinRecentInvoices} needed)`
      : `Payment timing not compared: ${count(t.baselineInvoiceCount, 'invoice')} paid in ${against} (at least ${P.trendMinBaselineInvoices} needed)`;
  }
  const word = trend === 'SLIPPING' ? 'Paying later than in' : trend === 'IMPROVING' ? 'Paying earlier than in' : 'No change in payment timing against';
  const head = `${word} ${against}${size}`;
  if (!figures) return head;
  return `${head} (average lateness per invoice, not amount-weighted: ${describeLateness(t.recentLateness)} in the last ${t.recentDays} days, ${describeLateness(t.baselineLateness)} then)`;
}
