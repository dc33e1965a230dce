/**
 * Is the customer paying later than they used to? Compared with the customer's OWN norm, not a fixed line:
 * a customer who always pays 20 days late is not slipping; one who went from 2 days early to 10 days late is.
 *
 * Measure: amount-weighted lateness (payment day − due day, negative when early, so moving from early to on
 * time shows). Recent window: payments received in the last 90 days, plus open amounts that fell due in the
 * last 12 months and are already later than the baseline norm (a customer who stops paying has no recent
 * payments; these count with their days past due so far, a lower bound). An invoice overdue for longer than
 * that (an old dispute) is no change in behaviour: it weighs on DBT, not on the trend. Baseline: payments received in the 275 days before the recent window.
 * A trend is called only with enough distinct invoices in both windows, and only when the change reaches
 * the larger of a minimum number of days and the baseline's own spread (erratic payers need more).
 */
import type { PaymentTrend } from '@earshot/shared';
import type { TrendDetail } from './behaviour-types.js';
import type { Application, SettledInvoice } from './invoice-settlement.js';
import { round1, type Weighted, weightedMean } from './payment-timing.js';
import { LEDGER_PATTERNS as P } from './risk-weights.js';

function weightedSpread(samples: readonly Weighted[], mean: number): number {
  const total = samples.reduce((s, x) => s + x.weight, 0);
  return Math.sqrt(samples.reduce((s, x) => s + x.weight * (x.value - mean) ** 2, 0) / total);
}

export function paymentTrend(
  invoices: readonly SettledInvoice[],
  applications: readonly Application[],
  asOfDay: number,
): { trend: PaymentTrend; detail: TrendDetail } {
  const recentStart = asOfDay - P.trendRecentDays;
  const baselineStart = recentStart - P.trendBaselineDays;
  const paid = applications.filter((a) => a.amount > 0);
  const baseline = paid.filter((a) => a.receivedDay > baselineStart && a.receivedDay <= recentStart);
  const baselineSamples = baseline.map((a) => ({ weight: a.amount, value: a.lateness }));
  const baselineLateness = weightedMean(baselineSamples);

  const recent = paid.filter((a) => a.receivedDay > recentStart && a.receivedDay <= asOfDay);
  const recentSamples = recent.map((a) => ({ weight: a.amount, value: a.lateness }));
  const recentIds = new Set(recent.map((a) => a.invoiceId));
  if (baselineLateness !== null) {
    for (const inv of invoices) {
      const late = asOfDay - inv.dueDay;
      if (inv.isCreditNote || inv.outstanding === 0 || late <= 0 || late > P.analysisDays || late <= baselineLateness) continue;
      recentSamples.push({ weight: inv.outstanding, value: late });
      recentIds.add(inv.id);
    }
  }
  const recentLateness = weightedMean(recentSamples);
  const baselineCount = new Set(baseline.map((a) => a.invoiceId)).size;
  const sufficientHistory = recentIds.size >= P.trendMinRecentInvoices && baselineCount >= P.trendMinBaselineInvoices;

  let trend: PaymentTrend = 'STABLE';
  let change: number | null = null;
  let threshold: number | null = null;
  if (recentLateness !== null && baselineLateness !== null) {
    change = recentLateness - baselineLateness;
    threshold = Math.max(P.trendMinChangeDays, P.trendSpreadFactor * weightedSpread(baselineSamples, baselineLateness));
    if (sufficientHistory && change >= threshold) trend = 'SLIPPING';
    else if (sufficientHistory && change <= -threshold) trend = 'IMPROVING';
  }
  return {
    trend,
    detail: {
      recentDays: P.trendRecentDays,
      baselineDays: P.trendBaselineDays,
      recentLateness: round1(recentLateness),
      baselineLateness: round1(baselineLateness),
      change: round1(change),
      threshold: round1(threshold),
      recentInvoiceCount: recentIds.size,
      baselineInvoiceCount: baselineCount,
      sufficientHistory,
    },
  };
}
