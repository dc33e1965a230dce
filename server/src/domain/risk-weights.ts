/**
 * Every tunable number of the credit brain, in one place: the windows and thresholds that detect ledger
 * patterns, the points each risk factor contributes, the caps, the signal half-life and the level thresholds.
 * A score is the sum of its factors' points, so changing a number here changes exactly one sentence of the
 * explanation. Scores run 0–100; points below are before the final clamp (see risk-score.ts).
 */
import type { RiskLevel, Sentiment, Severity, SignalSource } from '@earshot/shared';
import type { AuthorRole } from './credit-inputs.js';

/** Windows and minimum evidence for the patterns computed from the ledger (payment-behaviour.ts). */
export const LEDGER_PATTERNS = {
  /** ADP, paid DBT and the small-not-large lookback use the last 12 months: a full seasonal cycle, and old enough problems are forgotten. */
  analysisDays: 365,
  /** The trend's recent window (~3 months of payments): long enough to hold a few payments of a monthly payer. */
  trendRecentDays: 90,
  /** The trend's baseline is the customer's own norm: the rest of the 12 months before the recent window. */
  trendBaselineDays: 275,
  /** Fewer distinct invoices than this in the recent window is too little to call a trend. */
  trendMinRecentInvoices: 2,
  /** Fewer distinct invoices than this in the baseline (or in last year's same season) is no norm to compare with. */
  trendMinBaselineInvoices: 3,
  /**
   * "Similar size" for the trend's like-with-like comparison: the larger invoice at most this many times the
   * smaller (same currency). A 40,000 seasonal order is compared with last year's 40,000, not with 5,000 monthly ones.
   */
  trendSimilarSizeRatio: 2,
  /** Fewer invoices fully paid by cash in the last 12 months than this: NO_HISTORY, not "steady" (a new account). */
  noHistoryBelowPaidInvoices: 3,
  /** A change smaller than this many days is noise (bank transfer delays, weekends, month-end runs). */
  trendMinChangeDays: 5,
  /** Erratic payers need a bigger change: the threshold is at least this many baseline standard deviations. */
  trendSpreadFactor: 1,
  /** With fewer invoices than this in 12 months, "large" and "small" mean nothing. */
  smallNotLargeMinInvoices: 4,
  /** At least this many large invoices left unpaid: one large open invoice is an overdue invoice, not a pattern. */
  smallNotLargeMinLargeUnpaid: 2,
  /** At least this many smaller, later invoices paid while large ones stay open: one could be chance. */
  smallNotLargeMinSmallPaid: 2,
  /** A large invoice counts as unpaid while at least this share of it is open (a token part-payment does not clear it). */
  smallNotLargeMinOpenShare: 0.5,
  /** A "small" invoice is at most this fraction of the large one it is compared with, so near-equal amounts never qualify. */
  smallNotLargeMaxSizeRatio: 0.5,
  /** Purchases vs anticipated averages this many complete months (the current month is partial). */
  purchasesMonths: 3,
} as const;

/**
 * Points for the ledger's own evidence, each fact counted once: how late they pay (DBT), whether that is
 * changing (trend), what is open and past due now (OVERDUE), where the cash goes (small-not-large), the limit,
 * disputes and purchases. Their sum is the "ledger part" that positive signals cannot reduce. Calibrated on the
 * verdict ledgers (verdict-ledgers.ts): a steady 20-days-late payer stays LOW, a sharp recent slip or a
 * customer who stopped paying reaches HIGH, one large invoice 100 days overdue is MODERATE.
 */
export const LEDGER_POINTS = {
  /** Days beyond terms below this are bank float and posting delays, not a credit problem. */
  dbtGraceDays: 3,
  /**
   * Each day beyond terms past the grace adds this much: on the larger of the 12-month and the 90-day paid DBT, or
   * on the 12-month one while the trend is SLIPPING (the slip already counts the recent lateness).
   */
  dbtPointsPerDay: 1.2,
  /** DBT alone tops out here (reached at ~24 days beyond terms): alone, MODERATE at most; a slip or overdue adds to it. */
  dbtMaxPoints: 25,
  /** From this many days beyond terms, sales reads "pays well after the due date" rather than "somewhat after". */
  dbtWellAfterDays: 15,
  /**
   * Open undisputed overdue, weighted by age: Σ(amount in bucket × weight) ÷ open undisputed, times
   * `overduePoints`. Old debt is much less likely to be paid: all of the exposure 90+ days past due = 2 ×
   * overduePoints = 50, HIGH on its own (a collection case for any credit manager); 90% of it 100 days past due
   * (one-large-overdue) stays MODERATE.
   */
  overdueAgeWeights: { d1_30: 0.5, d31_60: 1, d61_90: 1.5, d90plus: 2 },
  overduePoints: 25,
  overdueMaxPoints: 50,
  /** Sales reads "more than two months overdue" from this many days past due. */
  overdueLongDays: 60,
  /** Paying later than their own norm: this much at the threshold (seed 003's first warning sign)… */
  slippingBasePoints: 10,
  /**
   * …plus this much per day the change exceeds the threshold, so the size of the slip counts (the slip carries the
   * recent lateness: DBT then reads the 12 months, so a 5 → 45-day gradual slip still reaches HIGH)…
   */
  slippingPointsPerDay: 1,
  /** …up to this (a change 25 days beyond the threshold). Above DBT's cap: a sharp change is news a level is not. */
  slippingMaxPoints: 35,
  /** The PAYMENT_SLIPPING alert is "act now" (severity 3) when the change exceeds the threshold by this many days. */
  slippingSevereExcessDays: 15,
  /** Paying earlier than their norm takes this much off, but never below zero for the ledger part. */
  improvingPoints: -5,
  /**
   * Paying the small invoices but not the large ones (seed 003: "a good indication they are struggling"). Above
   * what its large overdue invoices add (OVERDUE, ~30 on the small-not-large ledger): the choice is the news.
   */
  smallNotLargePoints: 35,
  /** Limit utilisation (exposure in all currencies ÷ limit) from which LIMIT_NEARLY_USED counts. */
  limitNearlyUsedFrom: 0.75,
  /** LIMIT_NEARLY_USED grows linearly from 0 at `limitNearlyUsedFrom` to this at 100% in use. */
  limitNearlyUsedMaxPoints: 15,
  /** Over the credit limit at all (= LIMIT_NEARLY_USED at 100%, so the step is smooth). */
  overLimitBasePoints: 15,
  /** Plus this much per 100% over the limit (10% over = +5; 20% over reaches MODERATE alone). */
  overLimitPointsPerOverage: 50,
  /**
   * Over-limit points never exceed this, reached at 80% over the limit (and given outright when exposure stands against
   * a limit of zero). Exposure far over the limit is a hard signal: HIGH on its own (50–74), even after the improving
   * trend's −5, whatever else the ledger says. 35 left an account owing 870 times its limit at MODERATE.
   */
  overLimitMaxPoints: 55,
  /** Buying less than this share of the anticipated purchases (seed 002's third check) counts as a warning. */
  purchasesBelowRatio: 0.6,
  /** Points when purchases fall below that ratio. */
  purchasesBelowPoints: 5,
  /** An open dispute or delivery problem: a reason payment is held up, not plain late payment (seed 001). */
  disputeBasePoints: 3,
  /** Plus the disputed share of open invoices times this (all of them disputed = +7). */
  disputeShareMaxPoints: 7,
  /** The ledger part never exceeds this, so a bad ledger alone reaches CRITICAL but leaves room to explain the rest. */
  ledgerMaxPoints: 75,
} as const;

/** How open signals from sales, credit and feeds count. */
export const SIGNAL_POINTS = {
  /** A fresh signal's points by severity (1 = worth knowing, 2 = concerning, 3 = act now). */
  bySeverity: { 1: 4, 2: 8, 3: 14 } as Readonly<Record<Severity, number>>,
  /** Points halve every this many days since observedAt: what sales saw last week matters more than last spring. */
  halfLifeDays: 60,
  /** Signals observed longer ago than this no longer count at all (they are history, not status). */
  maxAgeDays: 365,
  /** Negative signals add their points; neutral ones (leadership change, merger) add half: change is uncertainty. Positive ones subtract. */
  bySentiment: { NEGATIVE: 1, NEUTRAL: 0.5, POSITIVE: -0.75 } as Readonly<Record<Sentiment, number>>,
  /** First-hand observations count fully; system-derived and bulk-imported ones a little less. */
  bySource: { SALES: 1, CREDIT: 1, SYSTEM: 0.8, IMPORT: 0.6 } as Readonly<Record<SignalSource, number>>,
  /** The account's own account manager knows the customer best (seed 000); a viewer's note counts half. */
  byAuthorRole: { ACCOUNT_MANAGER: 1.25, ADMIN: 1, CREDIT: 1, SALES: 1, VIEWER: 0.5 } as Readonly<Record<AuthorRole, number>>,
  /** The n-th report of the same type counts this factor to the (n−1): three people saying "quiet" is one fact, better attested. */
  repeatFactor: 0.5,
  /** All negative and neutral signals together add at most this. */
  negativeMaxPoints: 35,
  /** Positive signals together take off at most this, and never more than the non-ledger points (never below the ledger part). */
  positiveMaxReduction: 15,
} as const;

/** Credit-report score history, normalised to 0–100 (higher = safer). */
export const CREDIT_REPORT_POINTS = {
  /** The latest score is compared with the best score in this many days before it. */
  lookbackDays: 365,
  /** Drops smaller than this are provider noise. */
  minDrop: 5,
  /** Points per score point dropped. */
  pointsPerPointDropped: 0.8,
  /** A drop adds at most this. */
  dropMaxPoints: 20,
  /** A latest score below this is a high-risk band at most providers. */
  lowScoreBelow: 30,
  /** Points for a latest score in that band. */
  lowScorePoints: 10,
} as const;

/** Watch lists of struggling industries and unstable countries (seed 003). */
export const WATCHLIST_POINTS = {
  INDUSTRY: 8,
  COUNTRY: 10,
  /** All watch-list matches together add at most this. */
  maxPoints: 15,
} as const;

/** The account is on credit hold: a person already judged it risky. */
export const ON_HOLD_POINTS = 15;

/** Lowest score of each level; the level is the highest whose threshold the score reaches. */
export const RISK_LEVEL_THRESHOLDS: Readonly<Record<RiskLevel, number>> = { LOW: 0, MODERATE: 25, HIGH: 50, CRITICAL: 75 };
