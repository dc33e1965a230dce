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

export interface PurchasesEvidence {
  currency: string;
  anticipatedMonthly: MinorUnits | null;
  /** The last 3 full months before `asOf`, oldest first (invoices in the account's currency; credit notes left out, as in the payment behaviour). */
  months: { month: IsoMonth; invoiced: MinorUnits }[];
  averageMonthly: MinorUnits;
  /** averageMonthly ÷ anticipatedMonthly, 2 decimals; null without a plan. */
  ratio: number | null;
  /** Words only, no figures. */
  summary: string;
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

export function purchasesEvidence(input: { currency: string; anticipatedMonthly: MinorUnits | null; invoices: readonly InvoiceFact[]; asOf: DateInput }): PurchasesEvidence {
  const thisMonth = monthOfDay(toDay(input.asOf));
  const months = Array.from({ length: PURCHASE_MONTHS }, (_, i) => monthOfDay(monthStartDay(thisMonth, i - PURCHASE_MONTHS)));
  const totals = new Map(months.map((m) => [m, 0]));
  for (const inv of input.invoices) {
    if (inv.currency !== input.currency || inv.amount <= 0) continue;
    const m = monthOfDay(toDay(inv.issuedAt));
    if (totals.has(m)) totals.set(m, totals.get(m)! + inv.amount);
  }
  const series = months.map((month) => ({ month, invoiced: totals.get(month)! }));
  const averageMonthly = Math.round(series.reduce((n, m) => n + m.invoiced, 0) / PURCHASE_MONTHS);
  const plan = input.anticipatedMonthly !== null && input.anticipatedMonthly > 0 ? input.anticipatedMonthly : null;
  const ratio = plan === null ? null : Math.round((Math.max(0, averageMonthly) / plan) * 100) / 100;
  return { currency: input.currency, anticipatedMonthly: input.anticipatedMonthly, months: series, averageMonthly, ratio, summary: purchasesSummary(ratio, averageMonthly) };
}

// ---- (4) payment pattern ----------------------------------------------------------------------------------------

export interface PaymentPatternEvidence {
  /** null: not enough history to say. */
  consistent: boolean | null;
  recentAvgDaysToPay: number | null;
  priorAvgDaysToPay: number | null;
  summary: string;
}

/** Months compared: the latest 3 with payments against up to 6 before them; at least 2 of each. */
export const PATTERN_RECENT_MONTHS = 3;
export const PATTERN_PRIOR_MONTHS = 6;
const MIN_MONTHS = 2;
/** Paying later by more than this (days, or a quarter of the usual days, whichever is more) is a change. */
const TOLERANCE_DAYS = 7;

/** `series`: the payment-behaviour series (monthly average days to pay, null for a month without payments), oldest first. */
export function paymentPatternEvidence(series: readonly { month: IsoMonth; avgDaysToPay: number | null }[]): PaymentPatternEvidence {
  const withData = series.filter((m): m is { month: IsoMonth; avgDaysToPay: number } => m.avgDaysToPay !== null && Number.isFinite(m.avgDaysToPay));
  const recent = withData.slice(-PATTERN_RECENT_MONTHS);
  const prior = withData.slice(-PATTERN_RECENT_MONTHS - PATTERN_PRIOR_MONTHS, -PATTERN_RECENT_MONTHS);
  if (recent.length < MIN_MONTHS || prior.length < MIN_MONTHS) {
    return { consistent: null, recentAvgDaysToPay: null, priorAvgDaysToPay: null, summary: 'Not enough payment history to compare' };
  }
  const avg = (xs: { avgDaysToPay: number }[]) => Math.round((xs.reduce((n, x) => n + x.avgDaysToPay, 0) / xs.length) * 10) / 10;
  const recentAvg = avg(recent);
  const priorAvg = avg(prior);
  const tolerance = Math.max(TOLERANCE_DAYS, priorAvg * 0.25);
  const diff = recentAvg - priorAvg;
  if (diff > tolerance) return { consistent: false, recentAvgDaysToPay: recentAvg, priorAvgDaysToPay: priorAvg, summary: 'Paying later than usual' };
  if (diff < -tolerance) return { consistent: true, recentAvgDaysToPay: recentAvg, priorAvgDaysToPay: priorAvg, summary: 'Paying faster than usual' };
  return { consistent: true, recentAvgDaysToPay: recentAvg, priorAvgDaysToPay: priorAvg, summary: 'Paying as usual' };
}
