/**
 * Is the customer paying later than they used to? Compared with the customer's OWN norm, not a fixed line:
 * a customer who always pays 20 days late is not slipping; one who went from 2 days early to 10 days late is.
 *
 * Per INVOICE, not per amount: each invoice fully paid by cash is one sample, its lateness the amount-weighted
 * lateness of its cash applications (payment day − due day, negative when early). A few huge invoices cannot
 * swing the trend, and a credit note is not a payment. Recent window: invoices fully paid in the last 90 days.
 * Baseline: the same 90 days one year earlier when at least three invoices were paid then (a seasonal customer
 * is compared like with like), else the 275 days before the recent window. Open overdue invoices are not
 * samples: they are their own factor (OVERDUE), and "paying later than their norm" must be true of payments.
 * The one exception is a customer who stopped paying: nothing received in the recent window while invoices fell
 * due in it. Those invoices' days past due so far (a lower bound) are the recent figure, flagged `stoppedPaying`
 * so no sentence calls them payments.
 *
 * A trend is called only with enough distinct invoices in both windows, and only when the change reaches the
 * larger of a minimum number of days and the baseline's own spread (erratic payers need more). Paying earlier
 * than the due date is no better credit than paying on it: IMPROVING compares lateness counted from the due
 * date (early = 0), while SLIPPING sees a customer who stops paying early (a lost prompt-payment discount).
 * Fewer than three invoices paid in the last 12 months is NO_HISTORY: nothing to call a norm.
 */
import type { PaymentTrend } from '@earshot/shared';
import type { TrendDetail } from './behaviour-types.js';
import type { Application, SettledInvoice } from './invoice-settlement.js';
import { round1 } from './payment-timing.js';
import { LEDGER_PATTERNS as P } from './risk-weights.js';

/** Applications carry `source` once settlement applies credit notes (issue 10); until then every one is cash. */

export const isCash = (a: Application): boolean => a.source !== 'CREDIT_NOTE';

interface Sample {
  day: number;
  lateness: number;
}

const mean = (values: readonly number[]): number | null => (values.length ? values.reduce((s, v) => s + v, 0) / values.length : null);

function spread(values: readonly number[], m: number): number {
  return Math.sqrt(values.reduce((s, v) => s + (v - m) ** 2, 0) / values.length);
}

/** One sample per invoice fully settled that received cash: the day it was settled and its cash lateness. */
export function paidInvoiceSamples(invoices: readonly SettledInvoice[], applications: readonly Application[]): Sample[] {
  const cash = new Map<string, { weight: number; sum: number }>();
  for (const a of applications) {
    if (!isCash(a) || a.amount <= 0) continue;
    const c = cash.get(a.invoiceId) ?? { weight: 0, sum: 0 };
    c.weight += a.amount;
    c.sum += a.amount * a.lateness;
    cash.set(a.invoiceId, c);
  }
  const samples: Sample[] = [];
  for (const inv of invoices) {
    const c = cash.get(inv.id);
    if (inv.isCreditNote || inv.settledDay === null || !c) continue;
    samples.push({ day: inv.settledDay, lateness: c.sum / c.weight });
  }
  return samples;
}

export function paymentTrend(
  invoices: readonly SettledInvoice[],
  applications: readonly Application[],
  asOfDay: number,
): { trend: PaymentTrend; detail: TrendDetail } {
  const samples = paidInvoiceSamples(invoices, applications);
  const within = (from: number, to: number) => samples.filter((s) => s.day > from && s.day <= to).map((s) => s.lateness);
  const recentStart = asOfDay - P.trendRecentDays;
  const lastYear = within(asOfDay - P.analysisDays, asOfDay);
  const sameSeason = within(asOfDay - P.analysisDays - P.trendRecentDays, asOfDay - P.analysisDays);
  const seasonal = sameSeason.length >= P.trendMinBaselineInvoices;
  const baseline = seasonal ? sameSeason : within(recentStart - P.trendBaselineDays, recentStart);
  let recent = within(recentStart, asOfDay);

  // Stopped paying: no cash at all in the recent window, yet invoices fell due in it and stay open.
  const cashRecently = applications.some((a) => isCash(a) && a.amount > 0 && a.receivedDay > recentStart && a.receivedDay <= asOfDay);
  const stoppedPaying =
    recent.length === 0 && !cashRecently && baseline.length >= P.trendMinBaselineInvoices
      ? invoices.filter((inv) => !inv.isCreditNote && inv.outstanding > 0 && inv.dueDay > recentStart && inv.dueDay < asOfDay).map((inv) => asOfDay - inv.dueDay)
      : [];
  const stopped = stoppedPaying.length >= P.trendMinRecentInvoices;
  if (stopped) recent = stoppedPaying;

  const recentLateness = mean(recent);
  const baselineLateness = mean(baseline);
  const sufficientHistory = recent.length >= P.trendMinRecentInvoices && baseline.length >= P.trendMinBaselineInvoices;
  const detail: TrendDetail = {
    recentDays: P.trendRecentDays,
    baselineDays: seasonal ? P.trendRecentDays : P.trendBaselineDays,
    comparison: seasonal ? 'SAME_SEASON_LAST_YEAR' : 'PRIOR_MONTHS',
    recentLateness: round1(recentLateness),
    baselineLateness: round1(baselineLateness),
    change: null,
    threshold: null,
    recentInvoiceCount: recent.length,
    baselineInvoiceCount: baseline.length,
    sufficientHistory,
    stoppedPaying: stopped,
  };
  if (lastYear.length < P.noHistoryBelowPaidInvoices) return { trend: 'NO_HISTORY', detail: { ...detail, sufficientHistory: false } };

  let trend: PaymentTrend = 'STABLE';
  if (recentLateness !== null && baselineLateness !== null) {
    const change = recentLateness - baselineLateness;
    const threshold = Math.max(P.trendMinChangeDays, P.trendSpreadFactor * spread(baseline, baselineLateness));
    const lessLate = mean(recent.map((v) => Math.max(0, v)))! - mean(baseline.map((v) => Math.max(0, v)))!;
    if (sufficientHistory && change >= threshold) trend = 'SLIPPING';
    else if (sufficientHistory && lessLate <= -threshold) trend = 'IMPROVING';
    detail.change = round1(change);
    detail.threshold = round1(threshold);
  }
  return { trend, detail };
}
