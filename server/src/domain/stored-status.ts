/**
 * The stored form of an account's payment behaviour and score factors (AccountMetrics.behaviour / .factors): written
 * by services/credit.ts, read by the API, the reviews and the visit briefing. In the domain so pure readers (the
 * briefing file) share one shape instead of copying it.
 */
import type { TrendDetail } from './behaviour-types.js';

export interface StoredBehaviour {
  exposure: string;
  /** Credit limit − exposure; null without a limit. */
  available: string | null;
  overdue: string;
  /** Open disputes in the account's currency (still in exposure, not in overdue or aging). Missing in metrics stored before disputes existed. */
  disputed?: string;
  aging: { current: string; d1_30: string; d31_60: string; d61_90: string; d90plus: string };
  avgDaysToPay: number | null;
  daysBeyondTerms: number | null;
  paymentSeries: { month: string; invoiced: string; paid: string; avgDaysToPay: number | null; daysBeyondTerms: number | null }[];
  purchasesVsAnticipated: number | null;
  lastPaymentAt: string | null;
  overLimit: boolean;
  otherCurrencies: StoredCurrency[];
  // Fields below were added by the credit model of issue 10 (CREDIT-MODEL.md); metrics stored before lack them.
  /** Unapplied credit notes and cash (account currency) after applying them to the oldest open invoices. */
  creditBalance?: string;
  /** Paid DBT over the last 90 days' payments. */
  recentDaysBeyondTerms?: number | null;
  /** Countback DSO and best possible DSO, in days. */
  dso?: number | null;
  bestPossibleDso?: number | null;
  /** All-currency exposure ÷ credit limit. */
  limitUtilisation?: number | null;
  /** All currencies converted into the account currency; `unconvertedCurrencies` had no rate. */
  totalExposure?: string;
  totalOverdue?: string;
  unconvertedCurrencies?: string[];
  /** Every currency with rows, the account's own first. */
  currencies?: StoredCurrency[];
  /** Invoices fully settled (what "payment history" counts). */
  paidInvoices?: number;
  /**
   * What the trend compared (the same months last year or the months before, by size or not) and the per-invoice
   * averages it compared (payment-trend.ts). Missing in metrics stored before it was kept: the next recompute adds it.
   */
  trendDetail?: TrendDetail;
}

/** One currency's balances, never converted (the rate is given beside). Only `currency` and `exposure` before issue 10. */
export interface StoredCurrency {
  currency: string;
  exposure: string;
  openInvoices?: string;
  creditBalance?: string;
  overdue?: string;
  disputed?: string;
  aging?: StoredBehaviour['aging'];
  oldestOverdueDays?: number | null;
  rateToAccountCurrency?: number | null;
}

export interface StoredFactor {
  code: string;
  label: string;
  weight: number;
  detail: string | null;
  /** The reason without figures, for SALES and VIEWER (absent in metrics stored before issue 10). */
  salesDetail?: string | null;
}

/**
 * The reasons heaviest first, reductions last, ties by code (as the score lists them): the same order for every
 * role, so the first reasons a reader sees are the ones that weigh most. SALES and VIEWER read the order and the
 * words, never the points (the API nulls `weight` for them after sorting).
 */
export function heaviestFirst<T extends { code: string; weight: number | null }>(factors: readonly T[]): T[] {
  return [...factors].sort((a, b) => (b.weight ?? 0) - (a.weight ?? 0) || (a.code < b.code ? -1 : a.code > b.code ? 1 : 0));
}
