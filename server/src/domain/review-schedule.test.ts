import { describe, expect, it } from 'vitest';
import { nextReviewDue, planMonthlyReviews, type ReviewCandidate, reviewIntervalDays } from './review-schedule.js';

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
