/**
 * The evidence behind a health check's four checks (seed 002), computed from the account's own rows:
 * (1) the credit report before and after, (2) bank details changed since the last completed review,
 * (3) actual vs anticipated purchases over the last 3 full months, (4) whether the payment pattern holds.
 * Each check has a summary in words without figures, for everyone who reads the account (sales included).
 */
import { type DateInput, type IsoMonth, monthOfDay, monthStartDay, toDay } from './calendar.js';
import type { MinorUnits } from './money.js';

// ---- (1) credit report ------------------------------------------------------------------------------------------

export interface ReportFact {
  id: string;
  score: number;
  /** When it was recorded in Earshot (not the bureau's date): "updated during the review" compares this. */
  createdAt: DateInput;
}

export interface CreditReportEvidence {
  latestId: string | null;
  previousId: string | null;
  scoreBefore: number | null;
  scoreAfter: number | null;
  updatedDuringReview: boolean;
  /** The score went down between the report on file at the start and the latest. */
  scoreDropped: boolean;
}

/** `reports` latest first; `scoreBefore` what was on file when the review started (null: none then). */
export function creditReportEvidence(reports: readonly ReportFact[], startedAt: DateInput | null, scoreBefore: number | null): CreditReportEvidence {
  const [latest, previous] = reports;
  const updatedDuringReview = !!latest && startedAt !== null && new Date(latest.createdAt).getTime() >= new Date(startedAt).getTime();
  const scoreAfter = latest?.score ?? null;
  return {
    latestId: latest?.id ?? null,
    previousId: previous?.id ?? null,
    scoreBefore,
    scoreAfter,
    updatedDuringReview,
    scoreDropped: scoreBefore !== null && scoreAfter !== null && scoreAfter < scoreBefore,
  };
}

// ---- (2) bank details -------------------------------------------------------------------------------------------

export interface BankRecordFact {
  fingerprint: string;
  recordedAt: DateInput;
}

export interface BankDetailsEvidence {
  changedSinceLastReview: boolean;
  /** Recordings since the last completed review (or ever). */
  changes: number;
  lastChangeAt: string | null;
}

/**
 * `records` in any order; `since` the last completed review (null: never reviewed, so the whole history counts).
 * A recording is a change when its fingerprint differs from the one before it; the first ever is the baseline.
 */
export function bankDetailsEvidence(records: readonly BankRecordFact[], since: DateInput | null): BankDetailsEvidence {
  const sorted = [...records].sort((a, b) => new Date(a.recordedAt).getTime() - new Date(b.recordedAt).getTime());
  const from = since === null ? Number.NEGATIVE_INFINITY : new Date(since).getTime();
  let changes = 0;
  let changed = false;
  let lastChangeAt: string | null = null;
  sorted.forEach((r, i) => {
    const at = new Date(r.recordedAt).getTime();
    const isChange = i > 0 && sorted[i - 1]!.fingerprint !== r.fingerprint;
    if (isChange) lastChangeAt = new Date(at).toISOString();
    if (at <= from) return;
    changes++;
    if (isChange) changed = true;
  });
  return { changedSinceLastReview: changed, changes, lastChangeAt };
}

// ---- (3) purchases ----------------------------------------------------------------------------------------------

export interface InvoiceFact {
  amount: MinorUnits;
  currency: string;
  issuedAt: DateInput;
}

/**
 * Rates into the reporting currency (`base`): 1 unit of a currency = `rates[c]` units of base (ExchangeRate rows),
 * with the day each rate is from. The base itself has rate 1.
 */
export interface PurchaseRates {
  base: string;
  rates: Readonly<Record<string, string>>;
  asOf: Readonly<Record<string, string>>;
}

export interface PurchasesEvidence {
  currency: string;
  anticipatedMonthly: MinorUnits | null;
  /**
   * The last 3 full months before `asOf`, oldest first, in the account's currency: invoices in other currencies
   * converted with the exchange rates (cross rate through the reporting currency), or left out, and said so, when
   * a rate is missing. Credit notes left out, as in the payment behaviour.
   */
  months: { month: IsoMonth; invoiced: MinorUnits }[];
  averageMonthly: MinorUnits;
  /** averageMonthly ÷ anticipatedMonthly, 2 decimals; null without a plan. */
  ratio: number | null;
  /** Other currencies converted, with the day of the rates used (the older of the two when both need a rate). */
  converted: { currency: string; ratesAsOf: string }[];
  /** Other currencies left out for want of a rate. */
  notCounted: string[];
  /** Words only, no figures: for everyone who reads the account. */
  summary: string;
  /** For the credit team: the summary with the day of the rates used. */
  detail: string;
}

export const PURCHASE_MONTHS = 3;

export function purchasesSummary(ratio: number | null, average: MinorUnits): string {
  if (ratio === null) return 'No plan recorded';
  if (average <= 0) return 'No purchases lately although some were planned';
  if (ratio < 0.5) return 'Buying much less than planned';
  if (ratio < 0.8) return 'Buying less than planned';
  if (ratio <= 1.2) return 'Buying about as planned';
  if (ratio <= 1.5) return 'Buying more than planned';
  return 'Buying much more than planned';
}

const listOf = (xs: readonly string[]) => (xs.length <= 1 ? (xs[0] ?? '') : `${xs.slice(0, -1).join(', ')} and ${xs.at(-1)}`);

/** Units of `rates.base` for one unit of `currency`; null without a usable rate. */
function rateOf(currency: string, rates: PurchaseRates): number | null {
  if (currency === rates.base) return 1;
  const r = Number(rates.rates[currency]);
  return Number.isFinite(r) && r > 0 ? r : null;
}

export function purchasesEvidence(input: {
  currency: string;
  anticipatedMonthly: MinorUnits | null;
  invoices: readonly InvoiceFact[];
  asOf: DateInput;
  rates?: PurchaseRates | null;
}): PurchasesEvidence {
  const thisMonth = monthOfDay(toDay(input.asOf));
  const months = Array.from({ length: PURCHASE_MONTHS }, (_, i) => monthOfDay(monthStartDay(thisMonth, i - PURCHASE_MONTHS)));
  const totals = new Map(months.map((m) => [m, 0]));
  const rates = input.rates ?? null;
  const accountRate = rates ? rateOf(input.currency, rates) : null;
  const converted = new Map<string, string>();
  const notCounted = new Set<string>();
  for (const inv of input.invoices) {
    if (inv.amount <= 0) continue;
    const m = monthOfDay(toDay(inv.issuedAt));
    if (!totals.has(m)) continue;
    let amount = inv.amount;
    if (inv.currency !== input.currency) {
      const own = rates ? rateOf(inv.currency, rates) : null;
      if (own === null || accountRate === null || !rates) {
        notCounted.add(inv.currency);
        continue;
      }
      amount = Math.round((inv.amount * own) / accountRate);
      const days = [inv.currency, input.currency].filter((c) => c !== rates.base).map((c) => rates.asOf[c] ?? '');
      converted.set(inv.currency, days.sort()[0] ?? '');
    }
    totals.set(m, totals.get(m)! + amount);
  }
  const series = months.map((month) => ({ month, invoiced: totals.get(month)! }));
  const averageMonthly = Math.round(series.reduce((n, m) => n + m.invoiced, 0) / PURCHASE_MONTHS);
  const plan = input.anticipatedMonthly !== null && input.anticipatedMonthly > 0 ? input.anticipatedMonthly : null;
  const ratio = plan === null ? null : Math.round((Math.max(0, averageMonthly) / plan) * 100) / 100;
  const conv = [...converted].sort(([a], [b]) => (a < b ? -1 : 1)).map(([currency, ratesAsOf]) => ({ currency, ratesAsOf }));
  const missing = [...notCounted].sort();
  const base = purchasesSummary(ratio, averageMonthly);
  const words = [base];
  const detail = [base];
  if (conv.length) {
    words.push(`${listOf(conv.map((c) => c.currency))} invoices converted into the account's currency`);
    // Grouped by the day of the rates: "GBP invoices converted at the rates of 2026-11-30".
    const byDay = new Map<string, string[]>();
    for (const c of conv) byDay.set(c.ratesAsOf, [...(byDay.get(c.ratesAsOf) ?? []), c.currency]);
    for (const [d, cs] of byDay) detail.push(`${listOf(cs)} invoices converted at the rates of ${d}`);
  }
  if (missing.length) {
    const s = `${listOf(missing)} invoices not counted: no exchange rate`;
    words.push(s);
    detail.push(s);
  }
  return {
    currency: input.currency,
    anticipatedMonthly: input.anticipatedMonthly,
    months: series,
    averageMonthly,
    ratio,
    converted: conv,
    notCounted: missing,
    summary: words.join('; '),
    detail: detail.join('; '),
  };
}

// ---- (4) payment pattern ----------------------------------------------------------------------------------------

/** An invoice still (partly) unpaid after its due date, as of the review. */
export interface OpenInvoiceFact {
  /** Days since it was issued: a lower bound of its days to pay. */
  daysOutstanding: number;
  daysPastDue: number;
}

export interface PaymentPatternEvidence {
  /** null: not enough history to say. */
  consistent: boolean | null;
  recentAvgDaysToPay: number | null;
  priorAvgDaysToPay: number | null;
  /** Open invoices past due already later than the usual days to pay (by more than the tolerance). */
  latePastDue?: { count: number; minDaysPastDue: number; maxDaysPastDue: number } | null;
  /** The account's stored payment trend says SLIPPING. */
  slipping?: boolean;
  /** Words only, no figures: for everyone who reads the account. */
  summary: string;
  /** For the credit team: why, with the figures ("3 invoices unpaid 26–86 days past due"). */
  detail?: string;
}

/** Months compared: the latest 3 with payments against up to 6 before them; at least 2 of each. */
export const PATTERN_RECENT_MONTHS = 3;
export const PATTERN_PRIOR_MONTHS = 6;
const MIN_MONTHS = 2;
/** Paying later by more than this (days, or a quarter of the usual days, whichever is more) is a change. */
const TOLERANCE_DAYS = 7;
/** Without a usual to compare with, an open invoice this many days past due is well past due. */
export const WELL_PAST_DUE_DAYS = 30;

const capitalise = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);

/**
 * `series`: the payment-behaviour series (monthly average days to pay of paid invoices, null for a month without
 * payments), oldest first. `openPastDue`: invoices still unpaid after their due date (a customer who stops paying
 * has no recent payments: each counts in the recent average at its days outstanding so far, a lower bound).
 * `trend`: the account's stored payment trend: SLIPPING is never "consistent".
 */
export function paymentPatternEvidence(
  series: readonly { month: IsoMonth; avgDaysToPay: number | null }[],
  opts: { openPastDue?: readonly OpenInvoiceFact[]; trend?: string | null } = {},
): PaymentPatternEvidence {
  const withData = series.filter((m): m is { month: IsoMonth; avgDaysToPay: number } => m.avgDaysToPay !== null && Number.isFinite(m.avgDaysToPay));
  const recent = withData.slice(-PATTERN_RECENT_MONTHS);
  const prior = withData.slice(-PATTERN_RECENT_MONTHS - PATTERN_PRIOR_MONTHS, -PATTERN_RECENT_MONTHS);
  const r1 = (n: number) => Math.round(n * 10) / 10;
  const mean = (xs: readonly number[]) => (xs.length ? r1(xs.reduce((n, x) => n + x, 0) / xs.length) : null);
  const open = (opts.openPastDue ?? []).filter((o) => o.daysPastDue > 0);
  const enough = recent.length >= MIN_MONTHS && prior.length >= MIN_MONTHS;
  // The usual days to pay: the prior months, or (too few of them) every month with payments.
  const usual = prior.length >= MIN_MONTHS ? mean(prior.map((m) => m.avgDaysToPay)) : withData.length >= MIN_MONTHS ? mean(withData.map((m) => m.avgDaysToPay)) : null;
  const tolerance = Math.max(TOLERANCE_DAYS, (usual ?? 0) * 0.25);
  const recentSamples = [...(enough ? recent.map((m) => m.avgDaysToPay) : []), ...open.map((o) => o.daysOutstanding)];
  const recentAvg = mean(recentSamples);
  const priorAvg = enough ? usual : null;
  const late = open.filter((o) => (usual === null ? o.daysPastDue > WELL_PAST_DUE_DAYS : o.daysOutstanding > usual + tolerance));
  const latePastDue = late.length
    ? { count: late.length, minDaysPastDue: Math.min(...late.map((o) => o.daysPastDue)), maxDaysPastDue: Math.max(...late.map((o) => o.daysPastDue)) }
    : null;
  const slipping = opts.trend === 'SLIPPING';
  const laterOnAverage = usual !== null && recentAvg !== null && recentAvg - usual > tolerance;
  // "Paying later than usual" is said of payments only, in agreement with the stored trend when there is one (the
  // briefing read "Low risk; steady payer" beside it for a customer who pays on time but for one invoice long
  // overdue, issue 10). Invoices still open past due have their own words below.
  const paidRecent = enough ? mean(recent.map((m) => m.avgDaysToPay)) : null;
  const paidLater = opts.trend != null ? slipping : usual !== null && paidRecent !== null && paidRecent - usual > tolerance;

  const out = (consistent: boolean | null, summary: string, detail: string): PaymentPatternEvidence => ({
    consistent,
    recentAvgDaysToPay: consistent === null && !latePastDue ? null : recentAvg,
    priorAvgDaysToPay: consistent === null && !latePastDue ? null : priorAvg,
    latePastDue,
    slipping,
    summary,
    detail,
  });

  if (slipping || latePastDue || (laterOnAverage && opts.trend == null)) {
    const words: string[] = [];
    const why: string[] = [];
    if (paidLater || (laterOnAverage && !latePastDue)) words.push('paying later than usual');
    if (latePastDue) {
      words.push(latePastDue.count === 1 ? 'an invoice is well past due' : 'some invoices are well past due');
      const span = latePastDue.minDaysPastDue === latePastDue.maxDaysPastDue ? `${latePastDue.minDaysPastDue}` : `${latePastDue.minDaysPastDue}–${latePastDue.maxDaysPastDue}`;
      why.push(`${latePastDue.count} invoice${latePastDue.count === 1 ? '' : 's'} unpaid ${span} days past due`);
    }
    if (laterOnAverage) why.push(`${recentAvg} days to pay lately (open invoices at their days so far) against ${usual} usually`);
    if (slipping) why.push('the credit status shows them paying later than their own norm');
    return out(false, capitalise(words.join(': ')), capitalise(why.join('; ')));
  }
  if (!enough) return out(null, 'Not enough payment history to compare', 'Not enough payment history to compare');
  const usualDetail = `${recentAvg} days to pay lately against ${priorAvg} before`;
  if (recentAvg !== null && priorAvg !== null && recentAvg - priorAvg < -tolerance) return out(true, 'Paying faster than usual', `Paying faster than usual: ${usualDetail}`);
  return out(true, 'Paying as usual', `Paying as usual: ${usualDetail}`);
}
