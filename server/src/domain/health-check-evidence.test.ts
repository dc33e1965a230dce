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
    inv('2026-10-07', 999_00, 'USD'), // another currency without rates given: left out, and said so
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
      converted: [],
      notCounted: ['USD'],
      summary: 'Buying about as planned; USD invoices not counted: no exchange rate',
      detail: 'Buying about as planned; USD invoices not counted: no exchange rate',
    });
  });

  it.each([
    [300_00, 'Buying much less than planned'],
    [150_00, 'Buying less than planned'],
    [80_00, 'Buying more than planned'],
    [50_00, 'Buying much more than planned'],
  ])('plan %i: %s', (plan, summary) => {
    const e = purchasesEvidence({ currency: 'EUR', anticipatedMonthly: plan, invoices, asOf: '2026-11-15' });
    expect(e.summary).toBe(`${summary}; USD invoices not counted: no exchange rate`);
    expect(e.summary).not.toMatch(/\d/);
  });

  it('without a plan: no ratio, "No plan recorded"', () => {
    expect(purchasesEvidence({ currency: 'EUR', anticipatedMonthly: null, invoices, asOf: '2026-11-15' })).toMatchObject({ ratio: null, summary: 'No plan recorded; USD invoices not counted: no exchange rate' });
  });

  // Probed: a EUR account buying mostly in GBP read "Buying less than planned" (0.79) with the GBP invoices
  // silently left out; converted, it buys about as planned (1.10).
  describe('invoices in other currencies', () => {
    const gbp = [inv('2026-08-10', 50_00), inv('2026-08-12', 120_00, 'GBP'), inv('2026-09-10', 80_00), inv('2026-09-15', 100_00, 'GBP'), inv('2026-10-10', 110_00)];
    const asOf = '2026-11-15';

    it('are converted into the account currency through the reporting currency, and the summary says so', () => {
      // Reporting currency USD: 1 GBP = 1.25 USD, 1 EUR = 1.1 USD: 1 GBP = 1.25 / 1.1 EUR.
      const rates = { base: 'USD', rates: { GBP: '1.25', EUR: '1.1' }, asOf: { GBP: '2026-11-30', EUR: '2026-11-28' } };
      const e = purchasesEvidence({ currency: 'EUR', anticipatedMonthly: 100_00, invoices: gbp, asOf, rates });
      expect(e.months).toEqual([
        { month: '2026-08', invoiced: 50_00 + 136_36 },
        { month: '2026-09', invoiced: 80_00 + 113_64 },
        { month: '2026-10', invoiced: 110_00 },
      ]);
      expect(e.ratio).toBe(1.63);
      expect(e.converted).toEqual([{ currency: 'GBP', ratesAsOf: '2026-11-28' }]);
      expect(e.summary).toBe("Buying much more than planned; GBP invoices converted into the account's currency");
      expect(e.summary).not.toMatch(/\d/);
      expect(e.detail).toBe('Buying much more than planned; GBP invoices converted at the rates of 2026-11-28');
    });

    it('the account currency being the reporting currency has rate 1', () => {
      const rates = { base: 'EUR', rates: { GBP: '1.2' }, asOf: { GBP: '2026-11-30' } };
      const e = purchasesEvidence({ currency: 'EUR', anticipatedMonthly: 150_00, invoices: gbp, asOf, rates });
      expect(e.months.map((m) => m.invoiced)).toEqual([50_00 + 144_00, 80_00 + 120_00, 110_00]);
      expect(e.ratio).toBe(1.12);
      expect(e.summary).toBe("Buying about as planned; GBP invoices converted into the account's currency");
      expect(e.detail).toBe('Buying about as planned; GBP invoices converted at the rates of 2026-11-30');
    });

    it('without a rate they are left out, and the summary says so (never silently)', () => {
      const rates = { base: 'EUR', rates: { USD: '0.9' }, asOf: { USD: '2026-11-30' } };
      const e = purchasesEvidence({ currency: 'EUR', anticipatedMonthly: 150_00, invoices: gbp, asOf, rates });
      expect(e.months.map((m) => m.invoiced)).toEqual([50_00, 80_00, 110_00]);
      expect(e.notCounted).toEqual(['GBP']);
      expect(e.summary).toBe('Buying less than planned; GBP invoices not counted: no exchange rate');
      // The account's own currency without a rate: nothing else can be converted into it.
      const noOwn = purchasesEvidence({ currency: 'CHF', anticipatedMonthly: 150_00, invoices: gbp, asOf, rates: { base: 'EUR', rates: { GBP: '1.2' }, asOf: { GBP: '2026-11-30' } } });
      expect(noOwn.notCounted).toEqual(['EUR', 'GBP']);
      expect(noOwn.summary).toBe('No purchases lately although some were planned; EUR and GBP invoices not counted: no exchange rate');
    });
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
    expect(paymentPatternEvidence(series([30, 32, 29, 31, 30, 33, 31, 30, 32]))).toEqual({
      consistent: true,
      recentAvgDaysToPay: 31,
      priorAvgDaysToPay: 30.8,
      latePastDue: null,
      slipping: false,
      summary: 'Paying as usual',
      detail: 'Paying as usual: 31 days to pay lately against 30.8 before',
    });
  });

  it('not consistent when paying clearly later', () => {
    const e = paymentPatternEvidence(series([30, 30, 30, 30, 30, 30, 45, 50, 55]));
    expect(e).toMatchObject({ consistent: false, recentAvgDaysToPay: 50, priorAvgDaysToPay: 30, summary: 'Paying later than usual' });
  });

  it('paying faster is no cause for concern', () => {
    expect(paymentPatternEvidence(series([60, 60, 60, 20, 20, 20]))).toMatchObject({ consistent: true, summary: 'Paying faster than usual' });
  });

  it('null without enough history; months without payments are skipped', () => {
    expect(paymentPatternEvidence(series([30, 31, 32]))).toMatchObject({ consistent: null, recentAvgDaysToPay: null, priorAvgDaysToPay: null, summary: 'Not enough payment history to compare' });
    expect(paymentPatternEvidence(series([30, null, 31, null, 32, 33])).consistent).toBe(null);
    expect(paymentPatternEvidence(series([30, null, 31, null, 32, 33, 30])).consistent).toBe(true);
    expect(paymentPatternEvidence([])).toMatchObject({ consistent: null });
  });

  it('summaries are words only', () => {
    for (const d of [[30, 30, 30, 30, 30, 30], [30, 30, 30, 90, 90, 90], [90, 90, 90, 30, 30, 30], [1]]) expect(paymentPatternEvidence(series(d)).summary).not.toMatch(/\d/);
  });
  // Probed: a CRITICAL account with three large invoices 26–86 days past due, whose PAYMENT_SLIPPING factor said
  // "Paying 37.2 days later than their own norm", read "Paying as usual": only paid invoices were averaged.
  const usual = series([30, 31, 29, 30, 32, 31, 30, 31, 30]);
  const openInvoices = (pastDue: number[], terms = 30) => pastDue.map((d) => ({ daysPastDue: d, daysOutstanding: d + terms }));

  it('open invoices well past due make it inconsistent, and the summary says why (figures for credit only)', () => {
    const e = paymentPatternEvidence(usual, { openPastDue: openInvoices([26, 54, 86]), trend: 'SLIPPING' });
    expect(e).toMatchObject({ consistent: false, slipping: true, latePastDue: { count: 3, minDaysPastDue: 26, maxDaysPastDue: 86 } });
    expect(e.summary).toBe('Paying later than usual: some invoices are well past due');
    expect(e.summary).not.toMatch(/\d/);
    expect(e.detail).toMatch(/^3 invoices unpaid 26–86 days past due; /);
    expect(e.detail).toContain('the credit status shows them paying later than their own norm');
    expect(e.recentAvgDaysToPay!).toBeGreaterThan(e.priorAvgDaysToPay!);
  });

  it('five invoices 70–106 days past due, the paid ones as usual and a steady trend: not consistent, said of the open invoices only', () => {
    const e = paymentPatternEvidence(usual, { openPastDue: openInvoices([70, 78, 85, 99, 106]), trend: 'STABLE' });
    expect(e.consistent).toBe(false);
    // Not "paying later than usual": no payment they made was later (issue 10: the briefing read "steady payer" beside it).
    expect(e.summary).toBe('Some invoices are well past due');
    expect(e.detail).toMatch(/^5 invoices unpaid 70–106 days past due/);
  });

  it('without a stored trend, open invoices alone do not make them "paying later" either; later paid months do', () => {
    expect(paymentPatternEvidence(usual, { openPastDue: openInvoices([100]) }).summary).toBe('An invoice is well past due');
    expect(paymentPatternEvidence(series([30, 30, 30, 30, 30, 30, 45, 50, 55]), { openPastDue: openInvoices([100]) }).summary).toBe(
      'Paying later than usual: an invoice is well past due',
    );
  });

  it('agrees with the stored trend: SLIPPING is never consistent', () => {
    const e = paymentPatternEvidence(usual, { trend: 'SLIPPING' });
    expect(e).toMatchObject({ consistent: false, summary: 'Paying later than usual', detail: 'The credit status shows them paying later than their own norm' });
    // Even without enough months to compare.
    expect(paymentPatternEvidence(series([30]), { trend: 'SLIPPING' }).consistent).toBe(false);
  });

  it('one invoice a few days past due within the usual days is still the usual pattern', () => {
    const e = paymentPatternEvidence(usual, { openPastDue: openInvoices([3]), trend: 'STABLE' });
    expect(e).toMatchObject({ consistent: true, latePastDue: null, summary: 'Paying as usual' });
  });

  it('without a usual to compare with, an invoice more than a month past due is well past due', () => {
    const e = paymentPatternEvidence(series([30]), { openPastDue: openInvoices([45]) });
    expect(e).toMatchObject({ consistent: false, summary: 'An invoice is well past due', detail: '1 invoice unpaid 45 days past due' });
    expect(paymentPatternEvidence(series([30]), { openPastDue: openInvoices([10]) }).consistent).toBeNull();
  });
});
