/**
 * Routine health checks (seed 002): every customer, good payers included, reviewed at least yearly, more
 * often the riskier they are; a fixed number of reviews a month, the biggest exposure first.
 */
import type { RiskLevel } from '@earshot/shared';
import { type DateInput, dayToIso, type IsoDate, type IsoMonth, monthStartDay, toDay } from './calendar.js';
import type { MinorUnits } from './money.js';

/** Days between reviews by risk level. LOW is the seed's "at least an annual review". */
export const REVIEW_INTERVAL_DAYS: Readonly<Record<RiskLevel, number>> = { CRITICAL: 30, HIGH: 90, MODERATE: 180, LOW: 365 };

/** Days between reviews for each risk level: the workspace's policy (ADMIN-editable), REVIEW_INTERVAL_DAYS by default. */
export type ReviewPolicy = Readonly<Record<RiskLevel, number>>;

/** The policy from its stored rows: a level without a row keeps its default interval. */
export function reviewPolicyFrom(rows: readonly { riskLevel: RiskLevel; intervalDays: number }[]): ReviewPolicy {
  const policy: Record<RiskLevel, number> = { ...REVIEW_INTERVAL_DAYS };
  for (const r of rows) policy[r.riskLevel] = r.intervalDays;
  return policy;
}

export function reviewIntervalDays(riskLevel: RiskLevel, policy: ReviewPolicy = REVIEW_INTERVAL_DAYS): number {
  return policy[riskLevel];
}

/**
 * Next review: the last review (or, for a customer never reviewed, the day the account was created) plus
 * the interval of its current level. Recomputed whenever the level changes, so a customer turning CRITICAL
 * 200 days after a review is due at once rather than at the anniversary.
 */
export function nextReviewDue(lastReviewedAt: DateInput | null, riskLevel: RiskLevel, createdAt: DateInput, policy: ReviewPolicy = REVIEW_INTERVAL_DAYS): IsoDate {
  const from = lastReviewedAt ?? createdAt;
  return dayToIso(toDay(from) + reviewIntervalDays(riskLevel, policy));
}

export interface ReviewCandidate {
  id: string;
  /** For ordering only: compare like with like (the caller converts to one reporting currency). */
  exposure: MinorUnits;
  riskLevel: RiskLevel;
  nextDueAt: DateInput;
}

export interface PlannedReview {
  id: string;
  exposure: MinorUnits;
  riskLevel: RiskLevel;
  nextDueAt: IsoDate;
  reason: 'OVERDUE' | 'DUE_THIS_MONTH';
}

const RISK_RANK: Readonly<Record<RiskLevel, number>> = { CRITICAL: 3, HIGH: 2, MODERATE: 1, LOW: 0 };

/**
 * The reviews for `month` (`YYYY-MM`): those already overdue at the start of the month first, then those
 * falling due within it; in each group the biggest exposure first (then higher risk, earlier due date, id),
 * cut at `capacity`. What does not fit stays due and comes first next month. Accounts not yet due are not
 * pulled forward.
 */
export function planMonthlyReviews(accounts: readonly ReviewCandidate[], capacity: number, month: IsoMonth): PlannedReview[] {
  const start = monthStartDay(month);
  const nextMonth = monthStartDay(month, 1);
  const limit = Math.max(0, Math.floor(capacity));
  return accounts
    .map((a) => ({ ...a, due: toDay(a.nextDueAt) }))
    .filter((a) => a.due < nextMonth)
    .map((a) => ({ ...a, overdue: a.due < start }))
    .sort(
      (a, b) =>
        Number(b.overdue) - Number(a.overdue) ||
        b.exposure - a.exposure ||
        RISK_RANK[b.riskLevel] - RISK_RANK[a.riskLevel] ||
        a.due - b.due ||
        (a.id < b.id ? -1 : a.id > b.id ? 1 : 0),
    )
    .slice(0, limit)
    .map((a) => ({ id: a.id, exposure: a.exposure, riskLevel: a.riskLevel, nextDueAt: dayToIso(a.due), reason: a.overdue ? 'OVERDUE' : 'DUE_THIS_MONTH' }));
}

// ---- one reporting currency ------------------------------------------------------------------------------------

/**
 * Exchange rates into the reporting currency (`base`): 1 unit of a currency = `rate` units of base. Rates are
 * decimal strings as stored; they are used for ordering only, never to show a converted figure as a fact.
 */
export interface RateTable {
  base: string;
  rates: Readonly<Record<string, string>>;
}

/** `amount` (minor units of `currency`) in minor units of the reporting currency; null when there is no rate. */
export function toReportingCurrency(amount: MinorUnits, currency: string, table: RateTable): MinorUnits | null {
  if (currency === table.base) return amount;
  const rate = table.rates[currency];
  if (rate === undefined) return null;
  const r = Number(rate);
  if (!Number.isFinite(r) || r <= 0) return null;
  return Math.round(amount * r);
}

// ---- per credit owner, with capacity ---------------------------------------------------------------------------

export interface OwnedReviewCandidate {
  id: string;
  /** The credit owner who does the review; null: nobody owns the account yet. */
  ownerId: string | null;
  /** Exposure in the account's own currency. */
  exposure: MinorUnits;
  currency: string;
  riskLevel: RiskLevel;
  nextDueAt: DateInput;
}

export interface OwnedPlannedReview extends PlannedReview {
  ownerId: string | null;
  currency: string;
  /** Exposure in the reporting currency; null when the account's currency has no rate. */
  reportingExposure: MinorUnits | null;
}

export interface ReviewPlan {
  month: IsoMonth;
  reportingCurrency: string;
  /** Planned reviews per owner (key: owner id, '' for accounts without a credit owner), in review order. */
  byOwner: Map<string, OwnedPlannedReview[]>;
  /** Currencies of due accounts without a rate: those accounts come after the converted ones of their group. */
  unconvertedCurrencies: string[];
}

/** The key of `byOwner` for accounts nobody owns. */
export const UNOWNED = '';

/**
 * The reviews of `month` for every credit owner, each cut at that owner's capacity (`capacityOf`, what is left
 * of their month). Order within an owner: overdue first, then due this month; in each group the biggest exposure
 * in the reporting currency first. Accounts whose currency has no rate are never compared with converted
 * amounts: they follow the converted ones of their group (riskier, then earlier due, first), and their
 * currencies are reported.
 */
export function planReviewsByOwner(
  accounts: readonly OwnedReviewCandidate[],
  opts: { month: IsoMonth; rates: RateTable; capacityOf: (ownerId: string | null) => number },
): ReviewPlan {
  const start = monthStartDay(opts.month);
  const nextMonth = monthStartDay(opts.month, 1);
  const unconverted = new Set<string>();
  const due = accounts
    .map((a) => ({ ...a, due: toDay(a.nextDueAt), reportingExposure: toReportingCurrency(a.exposure, a.currency, opts.rates) }))
    .filter((a) => a.due < nextMonth)
    .map((a) => ({ ...a, overdue: a.due < start }));
  for (const a of due) if (a.reportingExposure === null) unconverted.add(a.currency);
  due.sort(
    (a, b) =>
      Number(b.overdue) - Number(a.overdue) ||
      Number(a.reportingExposure === null) - Number(b.reportingExposure === null) ||
      (a.reportingExposure !== null && b.reportingExposure !== null ? b.reportingExposure - a.reportingExposure : 0) ||
      RISK_RANK[b.riskLevel] - RISK_RANK[a.riskLevel] ||
      a.due - b.due ||
      (a.id < b.id ? -1 : a.id > b.id ? 1 : 0),
  );
  const byOwner = new Map<string, OwnedPlannedReview[]>();
  const limits = new Map<string, number>();
  for (const a of due) {
    const key = a.ownerId ?? UNOWNED;
    if (!limits.has(key)) limits.set(key, Math.max(0, Math.floor(opts.capacityOf(a.ownerId))));
    const list = byOwner.get(key) ?? [];
    if (list.length >= limits.get(key)!) continue;
    list.push({
      id: a.id,
      ownerId: a.ownerId,
      currency: a.currency,
      exposure: a.exposure,
      reportingExposure: a.reportingExposure,
      riskLevel: a.riskLevel,
      nextDueAt: dayToIso(a.due),
      reason: a.overdue ? 'OVERDUE' : 'DUE_THIS_MONTH',
    });
    byOwner.set(key, list);
  }
  return { month: opts.month, reportingCurrency: opts.rates.base, byOwner, unconvertedCurrencies: [...unconverted].sort() };
}
