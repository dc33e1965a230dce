import { ALERT_RULES, type SignalType } from '@earshot/shared';
import { describe, expect, it } from 'vitest';
import { type AlertRuleInput, evaluateAlertRules, evidenceForReaders, salesSafeAlertDetail } from './alert-rules.js';
import type { PaymentBehaviour } from './behaviour-types.js';
import { dayToIso, toDay } from './calendar.js';
import type { SignalFact } from './credit-inputs.js';
import { invoice, ledger, payment } from './ledger-builders.js';
import { computePaymentBehaviour } from './payment-behaviour.js';

const asOf = '2026-06-30';
const daysAgo = (n: number) => dayToIso(toDay(asOf) - n);
const clean = computePaymentBehaviour(ledger(), asOf);
const signal = (id: string, type: SignalType, over: Partial<SignalFact> = {}): SignalFact => ({
  id,
  type,
  severity: 2,
  source: 'SALES',
  observedAt: daysAgo(1),
  status: 'OPEN',
  ...over,
});
const evaluate = (over: Partial<AlertRuleInput>) =>
  evaluateAlertRules({ account: { id: 'acc-1' }, behaviour: clean, signals: [], watchMatches: [], review: { lastReviewedAt: null, nextDueAt: null }, asOf, ...over });
const rules = (over: Partial<AlertRuleInput>) => evaluate(over).map((c) => c.rule);
const withBehaviour = (over: Partial<PaymentBehaviour>) => ({ ...clean, ...over });
/** Exposure in every currency against a limit, as the settled behaviour reports it. */
const overLimitBy = (exposure: number, creditLimit: number) =>
  withBehaviour({ overLimit: exposure > creditLimit, creditLimit, exposure, limitUtilisation: exposure / creditLimit, allCurrencies: { ...clean.allCurrencies, exposure } });

describe('evaluateAlertRules — ledger', () => {
  it('raises nothing for a clean account', () => expect(evaluate({})).toEqual([]));

  it('PAYMENT_SLIPPING, "act now" when the change exceeds the threshold by 15 days or more', () => {
    const b = withBehaviour({ trend: 'SLIPPING', trendDetail: { ...clean.trendDetail, recentLateness: 12, baselineLateness: 2, change: 10, threshold: 6 } });
    expect(evaluate({ behaviour: b })).toEqual([
      {
        rule: 'PAYMENT_SLIPPING',
        dedupKey: 'PAYMENT_SLIPPING:acc-1',
        severity: 2,
        title: 'Paying later than usual',
        detail: 'Paying 10 days later than their own norm: last 90 days 12 days after the due date, before that 2 days after the due date (average lateness per invoice, not amount-weighted).',
        // bySize: whether the norm is the customer's own for invoices of similar size (the trend compares like with like).
        evidence: { metrics: { recentLateness: 12, baselineLateness: 2, change: 10, threshold: 6, comparison: 'PRIOR_MONTHS', bySize: false, stoppedPaying: false } },
      },
    ]);
    // The size decides: 12 days on a threshold of 6 is no emergency (it was, at "twice the threshold"); 70 days is.
    expect(evaluate({ behaviour: { ...b, trendDetail: { ...b.trendDetail, change: 12 } } })[0]?.severity).toBe(2);
    expect(evaluate({ behaviour: { ...b, trendDetail: { ...b.trendDetail, change: 21 } } })[0]?.severity).toBe(3);
  });

  it('PAYMENT_SLIPPING names a customer who stopped paying, and a same-season comparison', () => {
    const stopped = withBehaviour({
      trend: 'SLIPPING',
      trendDetail: { ...clean.trendDetail, recentLateness: 45, baselineLateness: 2, change: 43, threshold: 5, recentInvoiceCount: 2, stoppedPaying: true },
    });
    expect(evaluate({ behaviour: stopped })[0]).toMatchObject({
      severity: 3,
      title: 'Stopped paying',
      detail: 'Nothing paid in the last 90 days while 2 invoices fell due; before that 2 days after the due date.',
    });
    const seasonal = withBehaviour({
      trend: 'SLIPPING',
      trendDetail: { ...clean.trendDetail, recentLateness: 30, baselineLateness: 10, change: 20, threshold: 5, comparison: 'SAME_SEASON_LAST_YEAR' },
    });
    expect(evaluate({ behaviour: seasonal })[0]?.detail).toContain('the same months last year 10 days after the due date');
    // A norm taken from invoices of similar size says so: "10 days" is not the average of all earlier invoices.
    const bySize = withBehaviour({ ...seasonal, trendDetail: { ...seasonal.trendDetail, comparison: 'PRIOR_MONTHS', bySize: true } });
    expect(evaluate({ behaviour: bySize })[0]?.detail).toContain('last 90 days 30 days after the due date, before that, for invoices of similar size, 10 days after the due date');
  });

  it('SMALL_INVOICES_ONLY with the invoices as evidence', () => {
    const b = withBehaviour({ smallNotLarge: { detected: true, medianAmount: 40000, largeUnpaidInvoiceIds: ['L1'], smallPaidInvoiceIds: ['S1', 'S2'] } });
    expect(evaluate({ behaviour: b })[0]).toMatchObject({ rule: 'SMALL_INVOICES_ONLY', severity: 3, evidence: { invoiceIds: ['L1', 'S1', 'S2'] } });
  });

  it('OVER_LIMIT, severity 3 beyond 20% over', () => {
    expect(evaluate({ behaviour: overLimitBy(110000, 100000) })[0]).toMatchObject({
      rule: 'OVER_LIMIT',
      severity: 2,
      detail: 'Exposure EUR 1,100.00 against a limit of EUR 1,000.00.',
    });
    expect(evaluate({ behaviour: overLimitBy(130000, 100000) })[0]?.severity).toBe(3);
    // Nearly used is a factor of the score, not an alert.
    expect(evaluate({ behaviour: overLimitBy(95000, 100000) })).toEqual([]);
  });

  it('evidence reads in major units, not cents: stored 110000 minor units answer "1100.00" (issue 11)', () => {
    const stored = evaluate({ behaviour: overLimitBy(110000, 100000) })[0]?.evidence;
    expect(stored?.metrics).toMatchObject({ exposure: 110000, creditLimit: 100000 });
    expect(evidenceForReaders(stored)).toEqual({ metrics: { exposure: '1100.00', creditLimit: '1000.00', currency: 'EUR' } });
    expect(evidenceForReaders({ invoiceIds: ['a'], metrics: { amount: 3600000, 'USD.amount': 5, oldestDaysPastDue: 97, count: 3 } })).toEqual({
      invoiceIds: ['a'],
      metrics: { amount: '36000.00', 'USD.amount': '0.05', oldestDaysPastDue: 97, count: 3 },
    });
    expect(evidenceForReaders(null)).toBeNull();
  });

  it('OVERDUE only past the configured number of days, from the real ledger', () => {
    const b = computePaymentBehaviour(
      ledger({
        invoices: [
          invoice('A', '100.00', daysAgo(90), daysAgo(60)),
          invoice('B', '250.00', daysAgo(91), daysAgo(61)),
          invoice('C', '40.00', daysAgo(160), daysAgo(130)),
          invoice('D', '40.00', daysAgo(200), daysAgo(170)),
        ],
        payments: [payment('d', 'D', '40.00', daysAgo(100))],
      }),
      asOf,
    );
    expect(evaluate({ behaviour: b })).toEqual([
      {
        rule: 'OVERDUE',
        dedupKey: 'OVERDUE:acc-1',
        severity: 3,
        title: 'Invoices more than 60 days overdue',
        detail: '2 invoices, EUR 290.00 open; the oldest is 130 days past due.',
        evidence: {
          invoiceIds: ['C', 'B'],
          metrics: { amount: 29000, oldestDaysPastDue: 130, currency: 'EUR', 'EUR.amount': 29000, 'EUR.oldestDaysPastDue': 130, 'EUR.invoiceCount': 2 },
        },
      },
    ]);
    expect(evaluate({ behaviour: b, settings: { overdueDays: 30 } })[0]).toMatchObject({ evidence: { invoiceIds: ['C', 'B', 'A'] }, severity: 3 });
    expect(evaluate({ behaviour: b, settings: { overdueDays: 130 } })).toEqual([]);
  });

  it('OVERDUE covers every currency: a detail and metrics per currency, the amount converted where a rate is known', () => {
    const inv = (id: string, currency: string, outstanding: number, daysPastDue: number) =>
      ({ id, number: id, currency, amount: outstanding, outstanding, dueAt: daysAgo(daysPastDue), daysPastDue }) as PaymentBehaviour['overdueInvoices'][number];
    const usd = (rate: number | null) =>
      withBehaviour({
        overdueInvoices: [inv('U1', 'USD', 1000000, 120), inv('E1', 'EUR', 300000, 70), inv('E0', 'EUR', 50000, 10)],
        currencies: [clean.currencies[0]!, { ...clean.currencies[0]!, currency: 'USD', rateToAccountCurrency: rate }],
      });
    expect(evaluate({ behaviour: usd(0.9) })).toEqual([
      {
        rule: 'OVERDUE',
        dedupKey: 'OVERDUE:acc-1',
        severity: 2,
        title: 'Invoices more than 60 days overdue',
        detail: '1 invoice, EUR 3,000.00 open; the oldest is 70 days past due; 1 invoice, USD 10,000.00 open; the oldest is 120 days past due.',
        evidence: {
          invoiceIds: ['U1', 'E1'],
          metrics: {
            amount: 1200000,
            oldestDaysPastDue: 120,
            currency: 'EUR',
            'EUR.amount': 300000,
            'EUR.oldestDaysPastDue': 70,
            'EUR.invoiceCount': 1,
            'USD.amount': 1000000,
            'USD.oldestDaysPastDue': 120,
            'USD.invoiceCount': 1,
          },
        },
      },
    ]);
    const unrated = evaluate({ behaviour: usd(null) })[0]!;
    expect(unrated.detail).toContain('USD 10,000.00 open; the oldest is 120 days past due (no USD rate)');
    expect(unrated.evidence.metrics).toMatchObject({ amount: 300000, 'USD.amount': 1000000 });
    expect(salesSafeAlertDetail(unrated)).toBe('Several invoices are more than 60 days overdue. The credit team has the figures.');
  });
});

describe('evaluateAlertRules — signals, watch list, review', () => {
  it('raises one BANK_CHANGE per recent open bank-change signal', () => {
    const conditions = evaluate({
      signals: [
        signal('s1', 'BANK_CHANGE', { observedAt: daysAgo(10) }),
        signal('s2', 'BANK_CHANGE', { observedAt: daysAgo(2) }),
        signal('s3', 'BANK_CHANGE', { status: 'RESOLVED' }),
        signal('s4', 'BANK_CHANGE', { observedAt: daysAgo(91) }),
        signal('s5', 'BANK_CHANGE', { observedAt: '2026-07-05' }),
      ],
    });
    expect(conditions.map((c) => [c.rule, c.dedupKey, c.severity])).toEqual([
      ['BANK_CHANGE', 'BANK_CHANGE:s1', 3],
      ['BANK_CHANGE', 'BANK_CHANGE:s2', 3],
    ]);
    expect(conditions[0]?.evidence).toEqual({ signalIds: ['s1'] });
  });

  it('raises a CORPORATE_EVENT per merger or leadership-change signal, with its severity', () => {
    const conditions = evaluate({ signals: [signal('m', 'MERGER_ACQUISITION', { severity: 3 }), signal('l', 'LEADERSHIP_CHANGE', { observedAt: daysAgo(5) })] });
    expect(conditions.map((c) => [c.dedupKey, c.severity, c.title])).toEqual([
      ['CORPORATE_EVENT:l', 2, 'Leadership change'],
      ['CORPORATE_EVENT:m', 3, 'Merger or acquisition'],
    ]);
  });

  it('raises NEGATIVE_SIGNALS at the configured count within the window, with a key that survives new signals', () => {
    const three = [signal('a', 'QUIET', { severity: 1 }), signal('b', 'STAFF_CUTS', { observedAt: daysAgo(20) }), signal('c', 'SALES_DECLINE', { observedAt: daysAgo(29) })];
    expect(evaluate({ signals: three })).toEqual([
      {
        rule: 'NEGATIVE_SIGNALS',
        dedupKey: 'NEGATIVE_SIGNALS:acc-1',
        severity: 2,
        title: 'Several warning signs at once',
        detail: '3 negative signals in the last 30 days: Sales declining, Staff cuts, Quiet.',
        evidence: { signalIds: ['c', 'b', 'a'], metrics: { count: 3 } },
      },
    ]);
    const four = evaluate({ signals: [...three, signal('d', 'DISPUTE', { severity: 3 })] });
    expect(four[0]).toMatchObject({ dedupKey: 'NEGATIVE_SIGNALS:acc-1', severity: 3 });
  });

  it('does not count old, resolved, positive, neutral or ledger-derived signals as negative', () => {
    const signals = [
      signal('a', 'QUIET'),
      signal('b', 'STAFF_CUTS', { observedAt: daysAgo(30) }),
      signal('c', 'SALES_DECLINE', { status: 'RESOLVED' }),
      signal('d', 'BUSY'),
      signal('e', 'OTHER'),
      signal('f', 'PAYMENT_SLIPPING', { source: 'SYSTEM' }),
      signal('g', 'ORDER_DROP'),
    ];
    expect(rules({ signals })).toEqual([]);
    expect(rules({ signals, settings: { negativeSignalCount: 2 } })).toEqual(['NEGATIVE_SIGNALS']);
  });

  it('raises WATCHLIST per distinct entry', () => {
    const conditions = evaluate({
      watchMatches: [
        { kind: 'COUNTRY', value: 'AR', reason: 'Currency controls' },
        { kind: 'COUNTRY', value: 'ar', reason: 'again' },
        { kind: 'INDUSTRY', value: 'Construction', reason: '' },
      ],
    });
    expect(conditions.map((c) => [c.dedupKey, c.severity, c.detail])).toEqual([
      ['WATCHLIST:acc-1:COUNTRY:ar', 2, 'Currency controls'],
      ['WATCHLIST:acc-1:INDUSTRY:construction', 1, 'Construction is on the watch list.'],
    ]);
  });

  it('raises REVIEW_OVERDUE once the due date has passed, keyed by that date', () => {
    expect(rules({ review: { lastReviewedAt: '2025-06-30', nextDueAt: asOf } })).toEqual([]);
    expect(evaluate({ review: { lastReviewedAt: '2025-06-29', nextDueAt: daysAgo(1) } })).toEqual([
      {
        rule: 'REVIEW_OVERDUE',
        dedupKey: 'REVIEW_OVERDUE:acc-1:2026-06-29',
        severity: 1,
        title: 'Health check overdue',
        detail: 'The review was due on 29 Jun 2026; last reviewed on 29 Jun 2025.',
        evidence: { metrics: { nextDueAt: '2026-06-29', lastReviewedAt: '2025-06-29', daysOverdue: 1 } },
      },
    ]);
    expect(evaluate({ review: { lastReviewedAt: null, nextDueAt: daysAgo(45) } })[0]).toMatchObject({ severity: 2, detail: expect.stringContaining('never reviewed') });
  });

  it('keeps every key stable when nothing changed but the date', () => {
    const input = {
      behaviour: withBehaviour({ overLimit: true, creditLimit: 1, exposure: 2 }),
      signals: [signal('s1', 'BANK_CHANGE'), signal('m', 'MERGER_ACQUISITION')],
      watchMatches: [{ kind: 'INDUSTRY' as const, value: 'Retail', reason: 'r' }],
      review: { lastReviewedAt: null, nextDueAt: '2026-05-01' },
    };
    const keys = (day: string) => evaluate({ ...input, asOf: day }).map((c) => c.dedupKey);
    expect(keys('2026-06-30')).toEqual(keys('2026-07-10'));
  });
});

describe('salesSafeAlertDetail', () => {
  const overLimit = overLimitBy(12_500, 10_000);
  const figures = /\d{2,}|EUR|€|invoice\(s\)/;

  it('gives every ledger rule a sentence without figures, and keeps the others as they are', () => {
    const b = withBehaviour({
      ...overLimit,
      trend: 'SLIPPING',
      trendDetail: { ...clean.trendDetail, recentLateness: 12, baselineLateness: 2, change: 10, threshold: 6 },
      overdueInvoices: [{ id: 'inv-1', daysPastDue: 75, outstanding: 4200 } as PaymentBehaviour['overdueInvoices'][number]],
    });
    const conditions = evaluate({ behaviour: b });
    expect(conditions.map((c) => c.rule).sort()).toEqual(['OVERDUE', 'OVER_LIMIT', 'PAYMENT_SLIPPING']);
    for (const c of conditions) {
      expect(c.detail).toMatch(/\d/);
      const safe = salesSafeAlertDetail(c)!;
      expect(safe.replace(/more than 60 days/, '')).not.toMatch(figures);
      expect(safe).not.toContain('12');
    }
    expect(salesSafeAlertDetail(conditions.find((c) => c.rule === 'OVER_LIMIT')!)).toBe('Over its credit limit. The credit team has the figures.');
    // One invoice overdue: "An invoice", never a false plural (the count is the credit detail's, per currency).
    expect(salesSafeAlertDetail(conditions.find((c) => c.rule === 'OVERDUE')!)).toBe('An invoice is more than 60 days overdue. The credit team has the figures.');
    const several = { rule: 'OVERDUE' as const, title: 'Invoices more than 60 days overdue', detail: '1 invoice, EUR 30.00 open; the oldest is 70 days past due; 1 invoice, USD 10.00 open; the oldest is 61 days past due.' };
    expect(salesSafeAlertDetail(several)).toBe('Several invoices are more than 60 days overdue. The credit team has the figures.');
    // Alerts stored before said "invoice(s)".
    expect(salesSafeAlertDetail({ ...several, detail: '1 invoice(s), EUR 30.00 open; the oldest is 70 days past due.' })).toMatch(/^An invoice is/);
    const watch = { rule: 'WATCHLIST' as const, title: 'Industry on watch list: Retail', detail: 'Demand is down' };
    expect(salesSafeAlertDetail(watch)).toBe('Demand is down');
  });

  it('covers every rule', () => {
    for (const rule of ALERT_RULES) expect(salesSafeAlertDetail({ rule, title: 't', detail: 'd' })).toBeTypeOf('string');
    expect(salesSafeAlertDetail({ rule: 'SMALL_INVOICES_ONLY', title: 't', detail: '3 smaller, later invoices were paid' })).not.toMatch(/\d/);
  });
});
