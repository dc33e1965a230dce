/**
 * Routine health checks (seed 002): every customer, good payers included, reviewed at least yearly, more
 * often the riskier they are; a fixed number of reviews a month, the biggest exposure first.
 */
import type { RiskLevel } from '@earshot/shared';
import { type DateInput, dayToIso, type IsoDate, type IsoMonth, monthStartDay, toDay } from './calendar.js';
import type { MinorUnits } from './money.js';

/** Days between reviews by risk level. LOW is the seed's "at least an annual review". */
export const REVIEW_INTERVAL_DAYS: Readonly<Record<RiskLevel, number>> = { CRITICAL: 30, HIGH: 90, MODERATE: 180, LOW: 365 };

export function reviewIntervalDays(riskLevel: RiskLevel): number {
  return REVIEW_INTERVAL_DAYS[riskLevel];
}

/**
 * Next review: the last review (or, for a customer never reviewed, the day the account was created) plus
 * the interval of its current level. Recomputed whenever the level changes, so a customer turning CRITICAL
 * 200 days after a review is due at once rather than at the anniversary.
 */
export function nextReviewDue(lastReviewedAt: DateInput | null, riskLevel: RiskLevel, createdAt: DateInput): IsoDate {
  const from = lastReviewedAt ?? createdAt;
  return dayToIso(toDay(from) + reviewIntervalDays(riskLevel));
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
