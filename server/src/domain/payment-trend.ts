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
 * Like with like in size too: each recent invoice is compared with the baseline's invoices of similar size (same
 * currency, within a factor of two), else with similar ones paid in the year before the recent window, else with
 * the whole baseline. A seasonal customer whose big Q4 order is paid 20 days late, as last year's was, while the
 * monthly invoices are paid on the due date, is not "slipping" because the last 90 days hold more big invoices
 * (probe P-SEAS): the mix changed, not the habit. Where the window boundaries fall (last year's big invoice paid
 * a few days outside the same season) no longer decides it.
 *
 * A trend is called only with enough distinct invoices in both windows, and only when the change reaches the
 * larger of a minimum number of days and the baseline's own spread around those norms (erratic payers need
 * more). Paying earlier than the due date is no better credit than paying on it: IMPROVING compares lateness
 * counted from the due date (early = 0), while SLIPPING sees a customer who stops paying early (a lost
 * prompt-payment discount). Fewer than three invoices paid in the last 12 months is NO_HISTORY: nothing to call
 * a norm.
 */
import type { PaymentTrend } from '@earshot/shared';
import type { TrendDetail } from './behaviour-types.js';
import type { Application, SettledInvoice } from './invoice-settlement.js';
import { round1 } from './payment-timing.js';
import { LEDGER_PATTERNS as P } from './risk-weights.js';

/** Cash is payment behaviour; a credit note settles an invoice but is not a payment (invoice-settlement.ts). */
export const isCash = (a: Application): boolean => a.source !== 'CREDIT_NOTE';

interface Sample {
  day: number;
  lateness: number;
  /** The invoice's amount and currency: "similar size" compares like with like (same currency, within a ratio). */
  amount: number;
  currency: string;
}

const mean = (values: readonly number[]): number | null => (values.length ? values.reduce((s, v) => s + v, 0) / values.length : null);

const similarSize = (a: Sample, b: Sample) =>
  a.currency === b.currency && Math.max(Math.abs(a.amount), Math.abs(b.amount)) <= P.trendSimilarSizeRatio * Math.min(Math.abs(a.amount), Math.abs(b.amount));

/**
 * The earlier invoices a recent one is compared with: those of similar size in the baseline; else those of
 * similar size paid in the year before the recent window (last year's big order for this year's); else the whole
 * baseline (an invoice of a size never seen is no reason to excuse its lateness).
 */
function normFor(sample: Sample, baseline: readonly Sample[], history: readonly Sample[]): readonly Sample[] {
  const inBaseline = baseline.filter((b) => similarSize(sample, b));
  if (inBaseline.length) return inBaseline;
  const earlier = history.filter((b) => similarSize(sample, b));
  return earlier.length ? earlier : baseline;
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
    samples.push({ day: inv.settledDay, lateness: c.sum / c.weight, amount: inv.amount, currency: inv.currency });
  }
  return samples;
}

/**
 * The baseline's own spread, around each invoice's norm of similar size: a customer who pays its big invoices
 * later than its small ones, always the same way, is not erratic.
 */
function spread(baseline: readonly Sample[]): number {
  const residuals = baseline.map((b) => b.lateness - mean(baseline.filter((o) => similarSize(b, o)).map((o) => o.lateness))!);
  return Math.sqrt(residuals.reduce((s, r) => s + r ** 2, 0) / residuals.length);
}

export function paymentTrend(
  invoices: readonly SettledInvoice[],
  applications: readonly Application[],
  asOfDay: number,
): { trend: PaymentTrend; detail: TrendDetail } {
  const samples = paidInvoiceSamples(invoices, applications);
  const within = (from: number, to: number) => samples.filter((s) => s.day > from && s.day <= to);
  const recentStart = asOfDay - P.trendRecentDays;
  const lastYear = within(asOfDay - P.analysisDays, asOfDay);
  const sameSeason = within(asOfDay - P.analysisDays - P.trendRecentDays, asOfDay - P.analysisDays);
  const seasonal = sameSeason.length >= P.trendMinBaselineInvoices;
  const baseline = seasonal ? sameSeason : within(recentStart - P.trendBaselineDays, recentStart);
  // The year before the recent window (last year's same season included): where an invoice size missing from the
  // baseline is looked for.
  const history = within(recentStart - P.analysisDays, recentStart);
  let recent = within(recentStart, asOfDay);

  // Stopped paying: no cash at all in the recent window, yet invoices fell due in it and stay open.
  const cashRecently = applications.some((a) => isCash(a) && a.amount > 0 && a.receivedDay > recentStart && a.receivedDay <= asOfDay);
  const stoppedPaying: Sample[] =
    recent.length === 0 && !cashRecently && baseline.length >= P.trendMinBaselineInvoices
      ? invoices
          .filter((inv) => !inv.isCreditNote && inv.outstanding > 0 && inv.dueDay > recentStart && inv.dueDay < asOfDay)
          .map((inv) => ({ day: inv.dueDay, lateness: asOfDay - inv.dueDay, amount: inv.amount, currency: inv.currency }))
      : [];
  const stopped = stoppedPaying.length >= P.trendMinRecentInvoices;
  if (stopped) recent = stoppedPaying;

  // Like with like: each recent invoice against the customer's own norm for invoices of its size.
  const norms = recent.map((r) => normFor(r, baseline, history));
  const bySize = norms.some((n) => n.length !== baseline.length || n.some((x) => !baseline.includes(x)));
  const lateness = (list: readonly Sample[]) => list.map((x) => x.lateness);
  const recentLateness = mean(lateness(recent));
  const baselineLateness = baseline.length === 0 ? null : recent.length ? mean(norms.map((n) => mean(lateness(n))!)) : mean(lateness(baseline));
  const sufficientHistory = recent.length >= P.trendMinRecentInvoices && baseline.length >= P.trendMinBaselineInvoices;
  const detail: TrendDetail = {
    recentDays: P.trendRecentDays,
    baselineDays: seasonal ? P.trendRecentDays : P.trendBaselineDays,
    comparison: seasonal ? 'SAME_SEASON_LAST_YEAR' : 'PRIOR_MONTHS',
    bySize,
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
    const threshold = Math.max(P.trendMinChangeDays, P.trendSpreadFactor * spread(baseline));
    // Early counts as 0 here: paying before the due date is no better credit than paying on it.
    const notEarly = (list: readonly Sample[]) => mean(list.map((x) => Math.max(0, x.lateness)))!;
    const lessLate = mean(recent.map((r, i) => Math.max(0, r.lateness) - notEarly(norms[i]!)))!;
    if (sufficientHistory && change >= threshold) trend = 'SLIPPING';
    else if (sufficientHistory && lessLate <= -threshold) trend = 'IMPROVING';
    detail.change = round1(change);
    detail.threshold = round1(threshold);
  }
  return { trend, detail };
}
