import { describe, expect, it } from 'vitest';
import { toDay } from './calendar.js';
import {
  nextReviewDue,
  type OwnedReviewCandidate,
  planMonthlyReviews,
  planReviewsByOwner,
  REVIEW_INTERVAL_DAYS,
  type ReviewCandidate,
  reviewIntervalDays,
  reviewPolicyFrom,
  toReportingCurrency,
  UNOWNED,
} from './review-schedule.js';

describe('reviewIntervalDays', () => {
  it('reviews riskier customers more often, everyone at least yearly', () => {
    expect([reviewIntervalDays('CRITICAL'), reviewIntervalDays('HIGH'), reviewIntervalDays('MODERATE'), reviewIntervalDays('LOW')]).toEqual([30, 90, 180, 365]);
  });
});

describe('nextReviewDue', () => {
  it('counts from the last review', () => {
    expect(nextReviewDue('2026-01-10', 'LOW', '2020-01-01')).toBe('2027-01-10');
    expect(nextReviewDue('2026-01-10', 'HIGH', '2020-01-01')).toBe('2026-04-10');
  });

  it('counts from creation for a customer never reviewed', () => expect(nextReviewDue(null, 'MODERATE', '2026-03-01')).toBe('2026-08-28'));

  it('brings the review forward when the level rises', () => {
    expect(nextReviewDue('2026-01-10', 'CRITICAL', '2020-01-01')).toBe('2026-02-09');
  });

  it('accepts Date objects', () => expect(nextReviewDue(new Date('2026-01-10T15:00:00Z'), 'CRITICAL', new Date(0))).toBe('2026-02-09'));
});

describe('planMonthlyReviews', () => {
  const accounts: ReviewCandidate[] = [
    { id: 'small-due', exposure: 1_000, riskLevel: 'LOW', nextDueAt: '2026-07-20' },
    { id: 'big-due', exposure: 900_000, riskLevel: 'LOW', nextDueAt: '2026-07-31' },
    { id: 'overdue-small', exposure: 500, riskLevel: 'MODERATE', nextDueAt: '2026-05-02' },
    { id: 'overdue-big', exposure: 50_000, riskLevel: 'LOW', nextDueAt: '2026-06-30' },
    { id: 'next-month', exposure: 10_000_000, riskLevel: 'CRITICAL', nextDueAt: '2026-08-01' },
    { id: 'tie-high', exposure: 1_000, riskLevel: 'HIGH', nextDueAt: '2026-07-25' },
  ];

  it('puts overdue reviews first, then those due this month, biggest exposure first', () => {
    expect(planMonthlyReviews(accounts, 10, '2026-07').map((r) => [r.id, r.reason])).toEqual([
      ['overdue-big', 'OVERDUE'],
      ['overdue-small', 'OVERDUE'],
      ['big-due', 'DUE_THIS_MONTH'],
      ['tie-high', 'DUE_THIS_MONTH'],
      ['small-due', 'DUE_THIS_MONTH'],
    ]);
  });

  it('stops at the monthly capacity', () => {
    expect(planMonthlyReviews(accounts, 3, '2026-07').map((r) => r.id)).toEqual(['overdue-big', 'overdue-small', 'big-due']);
    expect(planMonthlyReviews(accounts, 0, '2026-07')).toEqual([]);
  });

  it('does not pull forward reviews due later', () => {
    expect(planMonthlyReviews(accounts, 10, '2026-07').some((r) => r.id === 'next-month')).toBe(false);
    // In August every July review not done is overdue and goes before the account newly due, however large.
    const august = planMonthlyReviews(accounts, 10, '2026-08');
    expect(august.map((r) => r.id)).toEqual(['big-due', 'overdue-big', 'tie-high', 'small-due', 'overdue-small', 'next-month']);
    expect(august.at(-1)).toEqual({ id: 'next-month', exposure: 10_000_000, riskLevel: 'CRITICAL', nextDueAt: '2026-08-01', reason: 'DUE_THIS_MONTH' });
  });

  it('rejects a malformed month', () => expect(() => planMonthlyReviews(accounts, 1, '2026-7')).toThrow(RangeError));
});

describe('review policy', () => {
  it('fills levels without a row from the defaults', () => {
    const policy = reviewPolicyFrom([{ riskLevel: 'LOW', intervalDays: 300 }]);
    expect(policy).toEqual({ CRITICAL: 30, HIGH: 90, MODERATE: 180, LOW: 300 });
    expect(nextReviewDue('2026-01-10', 'LOW', '2020-01-01', policy)).toBe('2026-11-06');
    expect(reviewIntervalDays('HIGH', policy)).toBe(90);
  });
});

describe('toReportingCurrency', () => {
  const rates = { base: 'EUR', rates: { USD: '0.9', GBP: '1.1500000000' } };
  it('converts with the rate, leaves the base as it is, and answers null without a rate', () => {
    expect(toReportingCurrency(100_00, 'USD', rates)).toBe(90_00);
    expect(toReportingCurrency(100_00, 'GBP', rates)).toBe(115_00);
    expect(toReportingCurrency(100_00, 'EUR', rates)).toBe(100_00);
    expect(toReportingCurrency(100_00, 'CHF', rates)).toBeNull();
  });
});

describe('planReviewsByOwner', () => {
  const rates = { base: 'EUR', rates: { USD: '0.5' } };
  const a = (id: string, ownerId: string | null, exposure: number, currency: string, nextDueAt: string, riskLevel: OwnedReviewCandidate['riskLevel'] = 'LOW'): OwnedReviewCandidate => ({
    id,
    ownerId,
    exposure,
    currency,
    nextDueAt,
    riskLevel,
  });
  const accounts = [
    a('eur-big', 'ann', 900_00, 'EUR', '2026-07-10'),
    a('usd-bigger-nominal', 'ann', 1_500_00, 'USD', '2026-07-11'), // 750 EUR: after eur-big
    a('chf-huge', 'ann', 10_000_00, 'CHF', '2026-07-12', 'HIGH'), // no rate: after the converted ones of its group
    a('jpy', 'ann', 1_00, 'JPY', '2026-07-13', 'CRITICAL'),
    a('overdue-small', 'ann', 1_00, 'EUR', '2026-06-01'),
    a('bob-1', 'bob', 10_00, 'EUR', '2026-07-01'),
    a('bob-2', 'bob', 20_00, 'EUR', '2026-07-02'),
    a('nobody', null, 5_00, 'EUR', '2026-07-03'),
    a('later', 'ann', 99_999_00, 'EUR', '2026-08-01'),
  ];

  it('orders overdue first, then the biggest exposure in the reporting currency; unconverted currencies after, and named', () => {
    const plan = planReviewsByOwner(accounts, { month: '2026-07', rates, capacityOf: () => 10 });
    expect(plan.byOwner.get('ann')!.map((r) => r.id)).toEqual(['overdue-small', 'eur-big', 'usd-bigger-nominal', 'jpy', 'chf-huge']);
    expect(plan.byOwner.get('ann')![2]).toMatchObject({ reportingExposure: 750_00, currency: 'USD', reason: 'DUE_THIS_MONTH' });
    expect(plan.byOwner.get('ann')![4]!.reportingExposure).toBeNull();
    expect(plan.unconvertedCurrencies).toEqual(['CHF', 'JPY']);
    expect(plan.reportingCurrency).toBe('EUR');
  });

  it("cuts each owner at their own capacity; accounts without an owner are planned under UNOWNED", () => {
    const plan = planReviewsByOwner(accounts, { month: '2026-07', rates, capacityOf: (o) => (o === 'ann' ? 2 : o === 'bob' ? 1 : 3) });
    expect(plan.byOwner.get('ann')!.map((r) => r.id)).toEqual(['overdue-small', 'eur-big']);
    expect(plan.byOwner.get('bob')!.map((r) => r.id)).toEqual(['bob-2']);
    expect(plan.byOwner.get(UNOWNED)!.map((r) => r.id)).toEqual(['nobody']);
  });

  it('plans nothing for an owner without capacity left', () => {
    const plan = planReviewsByOwner(accounts, { month: '2026-07', rates, capacityOf: (o) => (o === 'bob' ? 0 : 5) });
    expect(plan.byOwner.has('bob')).toBe(false);
  });

  it('over 24 simulated months reviews every account, good payers included, within its interval plus one month', () => {
    // Deterministic pseudo-random mix: 3 owners × 60 accounts, risk levels and exposures spread widely.
    let seed = 42;
    const rand = () => {
      seed = (seed * 1_103_515_245 + 12_345) % 2_147_483_648;
      return seed / 2_147_483_648;
    };
    const levels: OwnedReviewCandidate['riskLevel'][] = ['CRITICAL', 'HIGH', 'MODERATE', 'MODERATE', 'LOW', 'LOW', 'LOW', 'LOW', 'LOW', 'LOW', 'LOW', 'LOW'];
    const start = toDay('2026-01-01');
    const accts = Array.from({ length: 180 }, (_, i) => {
      const riskLevel = levels[i % levels.length]!;
      const interval = REVIEW_INTERVAL_DAYS[riskLevel];
      // Good payers: LOW with a small exposure; the big ones would always win a pure "biggest first" order.
      const exposure = riskLevel === 'LOW' && i % 2 ? Math.floor(rand() * 1_000_00) : Math.floor(rand() * 5_000_000_00);
      const currency = i % 7 === 0 ? 'USD' : i % 11 === 0 ? 'CHF' : 'EUR';
      // Last reviewed somewhere within its interval before the simulation starts: nobody overdue on day one.
      const lastReviewed = start - 1 - Math.floor(rand() * interval);
      return { id: `acct-${String(i).padStart(3, '0')}`, ownerId: `owner-${Math.floor(i / 60)}`, riskLevel, exposure, currency, reviews: [lastReviewed] };
    });
    const capacity = 20;
    for (let m = 0; m < 24; m++) {
      const month = monthOfDayIso(start, m);
      const plan = planReviewsByOwner(
        accts.map((x) => ({ ...x, nextDueAt: dayToIsoLocal(x.reviews.at(-1)! + REVIEW_INTERVAL_DAYS[x.riskLevel]) })),
        { month, rates, capacityOf: () => capacity },
      );
      // Every planned review is done on the month's last day (the worst case for lateness).
      const doneOn = monthStartDayLocal(month, 1) - 1;
      for (const list of plan.byOwner.values()) for (const r of list) accts.find((x) => x.id === r.id)!.reviews.push(doneOn);
    }
    const end = monthStartDayLocal(monthOfDayIso(start, 24), 0);
    const late: string[] = [];
    for (const x of accts) {
      const limit = REVIEW_INTERVAL_DAYS[x.riskLevel] + 31;
      const points = [...x.reviews, end];
      for (let i = 1; i < points.length; i++) if (points[i]! - points[i - 1]! > limit) late.push(`${x.id} (${x.riskLevel}) ${points[i]! - points[i - 1]!} days`);
    }
    expect(late).toEqual([]);
    // Small LOW accounts (good payers) got their yearly review: at least one in each simulated year.
    const goodPayers = accts.filter((x) => x.riskLevel === 'LOW' && x.exposure < 1_000_00);
    expect(goodPayers.length).toBeGreaterThan(30);
    for (const x of goodPayers) expect(x.reviews.length - 1, x.id).toBeGreaterThanOrEqual(2);
  });
});

function monthOfDayIso(startDay: number, offset: number): string {
  return dayToIsoLocal(monthStartDayLocal(dayToIsoLocal(startDay).slice(0, 7), offset)).slice(0, 7);
}
function monthStartDayLocal(month: string, offset: number): number {
  const [y, m] = month.split('-').map(Number);
  return Date.UTC(y!, m! - 1 + offset, 1) / 86_400_000;
}
function dayToIsoLocal(day: number): string {
  return new Date(day * 86_400_000).toISOString().slice(0, 10);
}
