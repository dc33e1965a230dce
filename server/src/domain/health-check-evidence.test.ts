import { describe, expect, it } from 'vitest';
import { bankDetailsEvidence, creditReportEvidence, paymentPatternEvidence, purchasesEvidence } from './health-check-evidence.js';

describe('creditReportEvidence', () => {
  const reports = [
    { id: 'r3', score: 48, createdAt: '2026-11-20T10:00:00Z' },
    { id: 'r2', score: 61, createdAt: '2026-09-01T00:00:00Z' },
  ];

  it('compares the score on file at the start with the latest, and sees a report recorded during the review', () => {
    expect(creditReportEvidence(reports, '2026-11-19T00:00:00Z', 61)).toEqual({
      latestId: 'r3',
      previousId: 'r2',
      scoreBefore: 61,
      scoreAfter: 48,
      updatedDuringReview: true,
      scoreDropped: true,
    });
  });

  it('is not updated when the latest report predates the start', () => {
    expect(creditReportEvidence(reports, '2026-11-21T00:00:00Z', 48)).toMatchObject({ updatedDuringReview: false, scoreDropped: false });
  });

  it('handles no reports and a review not started yet', () => {
    expect(creditReportEvidence([], null, null)).toEqual({ latestId: null, previousId: null, scoreBefore: null, scoreAfter: null, updatedDuringReview: false, scoreDropped: false });
  });
});

describe('bankDetailsEvidence', () => {
  const records = [
    { fingerprint: 'a', recordedAt: '2025-01-01T00:00:00Z' },
    { fingerprint: 'b', recordedAt: '2026-03-01T00:00:00Z' },
    { fingerprint: 'b', recordedAt: '2026-10-01T00:00:00Z' },
  ];

  it('counts a change since the last review', () => {
    expect(bankDetailsEvidence(records, '2026-01-01T00:00:00Z')).toEqual({ changedSinceLastReview: true, changes: 2, lastChangeAt: '2026-03-01T00:00:00.000Z' });
  });

  it('a confirmation of the same details is a recording, not a change', () => {
    expect(bankDetailsEvidence(records, '2026-06-01T00:00:00Z')).toEqual({ changedSinceLastReview: false, changes: 1, lastChangeAt: '2026-03-01T00:00:00.000Z' });
  });

  it('never reviewed: the whole history counts; the first recording is the baseline', () => {
    expect(bankDetailsEvidence(records.slice(0, 1), null)).toEqual({ changedSinceLastReview: false, changes: 1, lastChangeAt: null });
    expect(bankDetailsEvidence(records, null).changedSinceLastReview).toBe(true);
    expect(bankDetailsEvidence([], null)).toEqual({ changedSinceLastReview: false, changes: 0, lastChangeAt: null });
  });
});

describe('purchasesEvidence', () => {
  const inv = (issuedAt: string, amount: number, currency = 'EUR') => ({ issuedAt, amount, currency });
  const invoices = [
    inv('2026-08-10', 100_00),
    inv('2026-09-03', 50_00),
    inv('2026-09-20', 50_00),
    inv('2026-10-05', 120_00),
    inv('2026-10-06', -20_00), // a credit note: left out
    inv('2026-10-07', 999_00, 'USD'), // another currency: left out
    inv('2026-11-02', 500_00), // the current month: not a full month yet
  ];

  it('shows the last 3 full months, their average and the ratio to the plan, with words for everyone', () => {
    expect(purchasesEvidence({ currency: 'EUR', anticipatedMonthly: 100_00, invoices, asOf: '2026-11-15' })).toEqual({
      currency: 'EUR',
      anticipatedMonthly: 100_00,
      months: [
        { month: '2026-08', invoiced: 100_00 },
        { month: '2026-09', invoiced: 100_00 },
        { month: '2026-10', invoiced: 120_00 },
      ],
      averageMonthly: 106_67,
      ratio: 1.07,
      summary: 'Buying about as planned',
    });
  });

  it.each([
    [300_00, 'Buying much less than planned'],
    [150_00, 'Buying less than planned'],
    [80_00, 'Buying more than planned'],
    [50_00, 'Buying much more than planned'],
  ])('plan %i: %s', (plan, summary) => {
    const e = purchasesEvidence({ currency: 'EUR', anticipatedMonthly: plan, invoices, asOf: '2026-11-15' });
    expect(e.summary).toBe(summary);
    expect(e.summary).not.toMatch(/\d/);
  });

  it('without a plan: no ratio, "No plan recorded"', () => {
    expect(purchasesEvidence({ currency: 'EUR', anticipatedMonthly: null, invoices, asOf: '2026-11-15' })).toMatchObject({ ratio: null, summary: 'No plan recorded' });
  });

  it('a plan but nothing bought', () => {
    expect(purchasesEvidence({ currency: 'EUR', anticipatedMonthly: 100_00, invoices: [], asOf: '2026-11-15' })).toMatchObject({
      averageMonthly: 0,
      ratio: 0,
      summary: 'No purchases lately although some were planned',
    });
  });
});

describe('paymentPatternEvidence', () => {
  const series = (days: (number | null)[]) => days.map((d, i) => ({ month: `2026-${String(i + 1).padStart(2, '0')}`, avgDaysToPay: d }));

  it('consistent when recent months pay like the prior ones', () => {
    expect(paymentPatternEvidence(series([30, 32, 29, 31, 30, 33, 31, 30, 32]))).toEqual({ consistent: true, recentAvgDaysToPay: 31, priorAvgDaysToPay: 30.8, summary: 'Paying as usual' });
  });

  it('not consistent when paying clearly later', () => {
    const e = paymentPatternEvidence(series([30, 30, 30, 30, 30, 30, 45, 50, 55]));
    expect(e).toEqual({ consistent: false, recentAvgDaysToPay: 50, priorAvgDaysToPay: 30, summary: 'Paying later than usual' });
  });

  it('paying faster is no cause for concern', () => {
    expect(paymentPatternEvidence(series([60, 60, 60, 20, 20, 20]))).toMatchObject({ consistent: true, summary: 'Paying faster than usual' });
  });

  it('null without enough history; months without payments are skipped', () => {
    expect(paymentPatternEvidence(series([30, 31, 32]))).toEqual({ consistent: null, recentAvgDaysToPay: null, priorAvgDaysToPay: null, summary: 'Not enough payment history to compare' });
    expect(paymentPatternEvidence(series([30, null, 31, null, 32, 33])).consistent).toBe(null);
    expect(paymentPatternEvidence(series([30, null, 31, null, 32, 33, 30])).consistent).toBe(true);
    expect(paymentPatternEvidence([])).toMatchObject({ consistent: null });
  });

  it('summaries are words only', () => {
    for (const d of [[30, 30, 30, 30, 30, 30], [30, 30, 30, 90, 90, 90], [90, 90, 90, 30, 30, 30], [1]]) expect(paymentPatternEvidence(series(d)).summary).not.toMatch(/\d/);
  });
});
