import type { SignalType } from '@earshot/shared';
import { describe, expect, it } from 'vitest';
import type { PaymentBehaviour } from './behaviour-types.js';
import type { SignalFact } from './credit-inputs.js';
import { dayToIso, toDay } from './calendar.js';
import { ledger } from './ledger-builders.js';
import { computePaymentBehaviour } from './payment-behaviour.js';
import { assessCredit, type CreditAssessmentInput, riskLevelForScore } from './risk-score.js';

const asOf = '2026-06-30';
const daysAgo = (n: number) => dayToIso(toDay(asOf) - n);
const clean = computePaymentBehaviour(ledger(), asOf);
const behaviour = (over: Partial<PaymentBehaviour>): PaymentBehaviour => ({ ...clean, ...over });
const signal = (type: SignalType, over: Partial<SignalFact> = {}): SignalFact => ({
  id: `${type}-${over.observedAt ?? 0}`,
  type,
  severity: 2,
  source: 'SALES',
  observedAt: asOf,
  status: 'OPEN',
  ...over,
});
const assess = (over: Partial<CreditAssessmentInput>) => assessCredit({ behaviour: clean, signals: [], watchMatches: [], onHold: false, asOf, ...over });
const weightOf = (r: ReturnType<typeof assess>, code: string) => r.factors.find((f) => f.code === code)?.weight;
const sumOfWeights = (r: ReturnType<typeof assess>) => r.factors.reduce((s, f) => s + f.weight, 0);

// Ledger part of 31.8 points: paid DBT 14.5 days → (14.5 − 3) × 1.2 = 13.8, plus SLIPPING 10 + 1 × (13 − 5) = 18
// (1 point per day beyond the threshold since the slip alone carries the recent lateness: it was 0.8).
const slipping = behaviour({
  paidDaysBeyondTerms: 14.5,
  daysBeyondTerms: 14.5,
  trend: 'SLIPPING',
  trendDetail: { ...clean.trendDetail, recentLateness: 15, baselineLateness: 2, change: 13, threshold: 5, sufficientHistory: true },
});
/** Open invoices by age (account currency only), wherever the factors read them. */
const withAging = (aging: PaymentBehaviour['aging'], oldestOverdueDays: number | null): Partial<PaymentBehaviour> => {
  const open = Object.values(aging).reduce((a, v) => a + v, 0);
  const overdueAmount = open - aging.current;
  return {
    aging,
    openInvoiceAmount: open,
    overdueAmount,
    oldestOverdueDays,
    allCurrencies: { ...clean.allCurrencies, aging, openInvoiceAmount: open, overdueAmount, exposure: open },
    currencies: [{ ...clean.currencies[0]!, aging, openInvoiceAmount: open, overdueAmount, exposure: open, oldestOverdueDays }],
  };
};
/** Exposure (in every currency) against a limit. */
const limited = (exposure: number, creditLimit: number): Partial<PaymentBehaviour> => ({
  exposure,
  creditLimit,
  overLimit: exposure > creditLimit,
  limitUtilisation: Math.round((exposure / creditLimit) * 1000) / 1000,
  allCurrencies: { ...clean.allCurrencies, exposure },
});

describe('riskLevelForScore', () => {
  it.each([
    [0, 'LOW'],
    [24, 'LOW'],
    [25, 'MODERATE'],
    [49, 'MODERATE'],
    [50, 'HIGH'],
    [74, 'HIGH'],
    [75, 'CRITICAL'],
    [100, 'CRITICAL'],
  ] as const)('%d → %s', (score, level) => expect(riskLevelForScore(score)).toBe(level));
});

describe('assessCredit', () => {
  it('is LOW with no factors for a clean account, and without ledger data', () => {
    expect(assess({})).toEqual({ riskLevel: 'LOW', riskScore: 0, factors: [], ledgerPoints: 0, asOf });
    expect(assess({ behaviour: null }).riskScore).toBe(0);
  });

  it('explains every ledger point in a sentence, for credit with the figures and for sales in words', () => {
    const r = assess({ behaviour: slipping });
    expect(r.riskScore).toBe(32);
    expect(r.factors).toEqual([
      {
        code: 'PAYMENT_SLIPPING',
        label: 'Paying later',
        group: 'LEDGER',
        weight: 18,
        detail: 'Paying 13 days later than their own norm (average lateness per invoice, not amount-weighted, last 90 days: 15 days after the due date; before that: 2 days after the due date)',
        salesDetail: 'Pays noticeably later than a few months ago',
      },
      {
        code: 'DAYS_BEYOND_TERMS',
        label: 'Days beyond terms',
        group: 'LEDGER',
        weight: 14,
        detail: 'Paid 14.5 days beyond terms on average over the last 12 months (paid DBT, amount-weighted)',
        salesDetail: 'Has paid somewhat after the due date over the past year',
      },
    ]);
    expect(r.ledgerPoints).toBe(31.8);
  });

  it('scores how late they pay on the larger of the 12-month and the 90-day paid DBT, and says which', () => {
    const recent = assess({ behaviour: behaviour({ paidDaysBeyondTerms: 8, recentDaysBeyondTerms: 30 }) });
    expect(recent.factors).toEqual([expect.objectContaining({ code: 'DAYS_BEYOND_TERMS', weight: 25, salesDetail: 'Pays well after the due date' })]);
    expect(recent.factors[0]?.detail).toBe('Paid 30 days beyond terms on average over the last 90 days (paid DBT, amount-weighted)');
    expect(weightOf(assess({ behaviour: behaviour({ paidDaysBeyondTerms: 13, recentDaysBeyondTerms: 2 }) }), 'DAYS_BEYOND_TERMS')).toBe(12);
    // While SLIPPING the slip carries the recent lateness: DBT reads the 12 months, so one fact is not counted twice.
    const slip = assess({ behaviour: behaviour({ ...slipping, paidDaysBeyondTerms: 8, recentDaysBeyondTerms: 30 }) });
    expect(slip.factors.find((f) => f.code === 'DAYS_BEYOND_TERMS')).toMatchObject({
      weight: 6, // (8 − 3) × 1.2
      detail: 'Paid 8 days beyond terms on average over the last 12 months (paid DBT, amount-weighted)',
    });
    // Open overdue invoices are the OVERDUE factor, never "paying late": the headline mixing them in is ignored.
    expect(assess({ behaviour: behaviour({ daysBeyondTerms: 45, paidDaysBeyondTerms: 0 }) }).factors).toEqual([]);
  });

  it('scores a slip by its size, and says "stopped paying" when nothing was paid', () => {
    const slip = (change: number, threshold = 5) =>
      weightOf(assess({ behaviour: behaviour({ trend: 'SLIPPING', trendDetail: { ...clean.trendDetail, recentLateness: change, baselineLateness: 0, change, threshold } }) }), 'PAYMENT_SLIPPING');
    // 10 at the threshold + 1 per day beyond it (0.8 before DBT stopped re-counting a slip's recent lateness), cap 35.
    expect([slip(5), slip(20), slip(30.5, 8), slip(70)]).toEqual([10, 25, 33, 35]);
    const stopped = assess({
      behaviour: behaviour({
        trend: 'SLIPPING',
        trendDetail: { ...clean.trendDetail, recentLateness: 45, baselineLateness: 1.8, change: 43.2, threshold: 5, recentInvoiceCount: 2, stoppedPaying: true },
      }),
    });
    expect(stopped.factors).toEqual([
      {
        code: 'PAYMENT_SLIPPING',
        label: 'Stopped paying',
        group: 'LEDGER',
        weight: 35,
        detail: 'Nothing paid in the last 90 days while 2 invoices fell due, now 45 days past due on average (before that, they paid 1.8 days after the due date per invoice)',
        salesDetail: 'Has stopped paying in recent months',
      },
    ]);
  });

  it('scores open overdue once, weighted by age, in every currency; a currency without a rate on its own share', () => {
    // (1,000 × 0.5 + 2,000 × 1 + 2,000 × 2) / 10,000 open = 0.65 × 25 = 16.25 (25 × share since all-90+ is HIGH: it was 20).
    const b = behaviour(withAging({ current: 500000, d1_30: 100000, d31_60: 200000, d61_90: 0, d90plus: 200000 }, 95));
    expect(assess({ behaviour: b }).factors).toEqual([
      {
        code: 'OVERDUE',
        label: 'Overdue invoices',
        group: 'LEDGER',
        weight: 16,
        detail: 'EUR 5,000.00 of EUR 10,000.00 open is past due, the oldest 95 days',
        salesDetail: 'An invoice is more than two months overdue',
      },
    ]);
    const usdAging = { current: 0, d1_30: 0, d31_60: 0, d61_90: 0, d90plus: 1000000 };
    const usd = { ...clean.currencies[0]!, currency: 'USD', aging: usdAging, openInvoiceAmount: 1000000, overdueAmount: 1000000, exposure: 1000000, oldestOverdueDays: 120 };
    const converted = behaviour({
      ...withAging({ current: 300000, d1_30: 0, d31_60: 0, d61_90: 0, d90plus: 900000 }, 120),
      currencies: [{ ...clean.currencies[0]!, aging: { ...usdAging, current: 300000, d90plus: 0 }, openInvoiceAmount: 300000, exposure: 300000 }, { ...usd, rateToAccountCurrency: 0.9 }],
    });
    expect(assess({ behaviour: converted }).factors[0]).toMatchObject({
      code: 'OVERDUE',
      weight: 38, // 9,000 × 2 / 12,000 × 25 = 37.5
      detail: 'EUR 9,000.00 of EUR 12,000.00 open is past due, the oldest 120 days (including USD 10,000.00 at 0.9)',
    });
    const unrated = behaviour({ ...withAging({ current: 300000, d1_30: 0, d31_60: 0, d61_90: 0, d90plus: 0 }, null), currencies: [clean.currencies[0]!, { ...usd, rateToAccountCurrency: null }] });
    expect(assess({ behaviour: unrated }).factors[0]).toMatchObject({
      code: 'OVERDUE',
      weight: 50, // USD on its own: all of it 90+ days = 2 × 25
      detail: 'USD 10,000.00 of USD 10,000.00 open is past due, the oldest 120 days (no USD rate)',
    });
  });

  it('scores small-not-large, limit use and purchases below plan', () => {
    const r = assess({
      behaviour: behaviour({
        smallNotLarge: { detected: true, medianAmount: 1000, largeUnpaidInvoiceIds: ['L1', 'L2'], smallPaidInvoiceIds: ['a', 'b'] },
        ...limited(950000, 1000000),
        purchasesVsAnticipated: { months: ['2026-03', '2026-04', '2026-05'], actualMonthlyAverage: 40000, anticipatedMonthly: 100000, ratio: 0.4 },
      }),
    });
    expect(Object.fromEntries(r.factors.map((f) => [f.code, f.weight]))).toEqual({
      SMALL_INVOICES_ONLY: 35, // 30 before OVERDUE grew by a quarter: the pattern stays above its overdue invoices
      LIMIT_NEARLY_USED: 12, // (95% − 75%) / 25% × 15
      PURCHASES_BELOW_PLAN: 5,
    });
    expect(r.riskScore).toBe(52);
    expect(r.factors.find((f) => f.code === 'LIMIT_NEARLY_USED')?.detail).toBe('95% of the EUR 10,000.00 credit limit in use (exposure EUR 9,500.00)');
    expect(r.factors.find((f) => f.code === 'SMALL_INVOICES_ONLY')?.detail).toBe('Paid 2 smaller invoices issued after the large ones, while 2 large ones stay unpaid');
    expect(r.factors.find((f) => f.code === 'PURCHASES_BELOW_PLAN')?.detail).toBe('Buying 40% of the anticipated EUR 1,000.00 a month (2026-03 to 2026-05)');
    expect(assess({ behaviour: behaviour(limited(740000, 1000000)) }).factors).toEqual([]);
  });

  it('scores being over the limit from the step where LIMIT_NEARLY_USED ends, growing with the overage', () => {
    const over = assess({ behaviour: behaviour(limited(1000000, 800000)) });
    expect(over.factors).toEqual([
      {
        code: 'OVER_LIMIT',
        label: 'Over credit limit',
        group: 'LEDGER',
        weight: 28, // 15 + 25% × 50 = 27.5
        detail: 'Exposure EUR 10,000.00 is 25% over the EUR 8,000.00 credit limit',
        salesDetail: 'Over its credit limit',
      },
    ]);
    expect(weightOf(assess({ behaviour: behaviour(limited(3000000, 1000000)) }), 'OVER_LIMIT')).toBe(55);
  });

  it('rates an account far over its limit at least HIGH, and says how far over in money, not “86877% over”', () => {
    // 7,827.90 owed against a limit of 9.00 (a limit mistyped in the ERP): 870 times the limit.
    const far = assess({ behaviour: behaviour(limited(782790, 900)) });
    expect(far).toMatchObject({ riskLevel: 'HIGH', riskScore: 55 });
    expect(far.factors).toEqual([
      {
        code: 'OVER_LIMIT',
        label: 'Over credit limit',
        group: 'LEDGER',
        weight: 55,
        detail: 'Exposure EUR 7,827.90 is EUR 7,818.90 over the EUR 9.00 credit limit (870 times the limit)',
        salesDetail: 'Over its credit limit',
      },
    ]);
    expect(far.factors[0]?.detail).not.toMatch(/\d{4,}%/);
    // Twice the limit and more says the multiple; 80% over is already HIGH alone, even with an improving trend’s −5.
    expect(weightOf(assess({ behaviour: behaviour(limited(2500000, 1000000)) }), 'OVER_LIMIT')).toBe(55);
    expect(assess({ behaviour: behaviour(limited(2500000, 1000000)) }).factors[0]?.detail).toBe(
      'Exposure EUR 25,000.00 is EUR 15,000.00 over the EUR 10,000.00 credit limit (2.5 times the limit)',
    );
    expect(assess({ behaviour: behaviour(limited(1800000, 1000000)) }).riskLevel).toBe('HIGH');
    const improving = { trend: 'IMPROVING' as const, trendDetail: { ...clean.trendDetail, change: -10, recentLateness: 0, baselineLateness: 10, threshold: 5 } };
    expect(assess({ behaviour: behaviour({ ...limited(782790, 900), ...improving }) }).riskLevel).toBe('HIGH');
    // Exposure against a limit of zero: no room was ever given, so the full weight.
    expect(assess({ behaviour: behaviour(limited(782790, 0)) })).toMatchObject({ riskLevel: 'HIGH', riskScore: 55 });
  });

  it('lets an improving trend offset other ledger points, never below zero', () => {
    const improving = { trend: 'IMPROVING' as const, trendDetail: { ...clean.trendDetail, change: -10, recentLateness: 0, baselineLateness: 10, threshold: 5 } };
    expect(assess({ behaviour: behaviour(improving) })).toMatchObject({ riskScore: 0, factors: [] });
    const r = assess({ behaviour: behaviour({ ...improving, paidDaysBeyondTerms: 13 }) });
    expect(r.riskScore).toBe(7); // 12 − 5
    expect(weightOf(r, 'PAYMENT_IMPROVING')).toBe(-5);
    expect(r.factors.find((f) => f.code === 'PAYMENT_IMPROVING')?.salesDetail).toBe('Pays sooner than a few months ago');
  });

  it('tells SALES what a slip or an improvement is against: last year’s same months are not “a few months ago”', () => {
    const seasonal = { ...clean.trendDetail, comparison: 'SAME_SEASON_LAST_YEAR' as const, baselineDays: 90, threshold: 5 };
    const slipping = assess({ behaviour: behaviour({ trend: 'SLIPPING', trendDetail: { ...seasonal, change: 20, recentLateness: 22, baselineLateness: 2 } }) });
    expect(slipping.factors.find((f) => f.code === 'PAYMENT_SLIPPING')?.salesDetail).toBe('Pays noticeably later than in the same months last year');
    expect(slipping.factors.find((f) => f.code === 'PAYMENT_SLIPPING')?.detail).toBe(
      'Paying 20 days later than their own norm (average lateness per invoice, not amount-weighted, last 90 days: 22 days after the due date; the same months last year: 2 days after the due date)',
    );
    const improving = assess({
      behaviour: behaviour({ trend: 'IMPROVING', paidDaysBeyondTerms: 13, trendDetail: { ...seasonal, change: -10, recentLateness: 0, baselineLateness: 10 } }),
    });
    expect(improving.factors.find((f) => f.code === 'PAYMENT_IMPROVING')?.salesDetail).toBe('Pays sooner than in the same months last year');
  });

  it('weights a fresh signal by severity, source and author; older ones decay with a 60-day half-life', () => {
    expect(weightOf(assess({ signals: [signal('KEY_PERSON_LEFT', { authorRole: 'ACCOUNT_MANAGER' })] }), 'SIGNAL_KEY_PERSON_LEFT')).toBe(10); // 8 × 1.25
    expect(weightOf(assess({ signals: [signal('KEY_PERSON_LEFT', { authorRole: 'ACCOUNT_MANAGER', observedAt: daysAgo(60) })] }), 'SIGNAL_KEY_PERSON_LEFT')).toBe(5);
    expect(weightOf(assess({ signals: [signal('STAFF_CUTS', { severity: 3 })] }), 'SIGNAL_STAFF_CUTS')).toBe(14);
    expect(weightOf(assess({ signals: [signal('STAFF_CUTS', { source: 'IMPORT' })] }), 'SIGNAL_STAFF_CUTS')).toBe(5); // 8 × 0.6
    expect(weightOf(assess({ signals: [signal('LEADERSHIP_CHANGE')] }), 'SIGNAL_LEADERSHIP_CHANGE')).toBe(4); // neutral: half
    const r = assess({ signals: [signal('KEY_PERSON_LEFT', { authorRole: 'ACCOUNT_MANAGER', observedAt: daysAgo(5) })] });
    expect(r.factors[0]).toMatchObject({ label: 'Key person left', group: 'SIGNALS', detail: 'Reported by the account manager 5 days ago (severity 2)' });
  });

  it('tells SALES who reported a signal and roughly when, without days or severity; credit keeps the figures', () => {
    const r = assess({ signals: [signal('ORDER_DROP', { authorRole: 'ACCOUNT_MANAGER', observedAt: daysAgo(51) })] });
    expect(r.factors[0]).toMatchObject({
      label: 'Orders dropping',
      detail: 'Reported by the account manager 51 days ago (severity 2)',
      salesDetail: 'Reported by the account manager in the last few months',
    });
    const when = (n: number) => assess({ signals: [signal('STAFF_CUTS', { observedAt: daysAgo(n) })] }).factors[0]?.salesDetail;
    expect([0, 1, 5, 20, 80, 200].map(when)).toEqual([
      'Reported by sales today',
      'Reported by sales yesterday',
      'Reported by sales in the last week',
      'Reported by sales in the last month',
      'Reported by sales in the last few months',
      'Reported by sales in the last year',
    ]);
  });

  it('counts repeated reports of one type as one better-attested factor', () => {
    const quiet = [0, 3, 10].map((n) => signal('QUIET', { severity: 1, observedAt: daysAgo(n) }));
    const r = assess({ signals: quiet });
    expect(r.factors).toEqual([
      {
        code: 'SIGNAL_QUIET',
        label: 'Quiet',
        group: 'SIGNALS',
        weight: 7,
        detail: '3 reports, latest by sales today (severity 1)',
        salesDetail: 'Several reports, the latest by sales today',
      },
    ]);
  });

  it('ignores resolved, future, year-old and ledger-derived signals', () => {
    const r = assess({
      signals: [
        signal('STAFF_CUTS', { status: 'RESOLVED' }),
        signal('STAFF_CUTS', { observedAt: '2026-07-02' }),
        signal('STAFF_CUTS', { observedAt: daysAgo(400) }),
        signal('PAYMENT_SLIPPING', { source: 'SYSTEM' }),
        signal('SMALL_INVOICES_ONLY', { source: 'SYSTEM', severity: 3 }),
      ],
    });
    expect(r.riskScore).toBe(0);
    expect(weightOf(assess({ signals: [signal('STAFF_CUTS', { status: 'ACKNOWLEDGED' })] }), 'SIGNAL_STAFF_CUTS')).toBe(8);
  });

  it('lets positive signals reduce the score but never below the ledger part', () => {
    const good = [signal('BUSY', { severity: 1 }), signal('POSITIVE_NEWS', { severity: 3 }), signal('HIRING', { severity: 1 })];
    expect(assess({ behaviour: slipping, signals: good })).toMatchObject({ riskScore: 32, factors: [{ code: 'PAYMENT_SLIPPING' }, { code: 'DAYS_BEYOND_TERMS' }] });
    const r = assess({ behaviour: slipping, signals: [signal('STAFF_CUTS'), signal('BUSY', { severity: 1 })] });
    expect(r.riskScore).toBe(32 + 8 - 3);
    expect(weightOf(r, 'SIGNAL_BUSY')).toBe(-3);
    expect(sumOfWeights(r)).toBe(r.riskScore);
  });

  it('caps how much positive signals take off', () => {
    const bad = (['STAFF_CUTS', 'SALES_DECLINE', 'ORDER_DROP', 'DISPUTE'] as const).map((t) => signal(t));
    const good = (['BUSY', 'POSITIVE_NEWS', 'HIRING', 'PREMISES_WELL_KEPT'] as const).map((t) => signal(t, { severity: 3 }));
    const r = assess({ signals: [...bad, ...good] });
    expect(r.riskScore).toBe(32 - 15);
    expect(sumOfWeights(r)).toBe(r.riskScore);
  });

  it('caps negative signals together', () => {
    const many = (['STAFF_CUTS', 'SALES_DECLINE', 'ORDER_DROP', 'DISPUTE', 'BANK_CHANGE', 'PREMISES_RUNDOWN'] as const).map((t) => signal(t, { severity: 3 }));
    expect(assess({ signals: many }).riskScore).toBe(35);
  });

  it('scores a credit-score drop against the best score of the year before, and a low score', () => {
    const r = assess({
      creditReport: {
        history: [
          { at: '2025-03-01', score: 90 },
          { at: '2025-09-01', score: 72 },
          { at: '2026-01-01', score: 60 },
          { at: '2026-06-01', score: 25 },
          { at: '2026-08-01', score: 1 },
        ],
      },
    });
    expect(r.factors).toEqual([
      {
        code: 'CREDIT_SCORE_DROP',
        label: 'Credit score dropped',
        group: 'CREDIT_REPORT',
        weight: 20,
        detail: 'Credit score fell from 72 to 25 of 100 between 1 Sep 2025 and 1 Jun 2026',
        salesDetail: 'The credit report score fell',
      },
      {
        code: 'CREDIT_SCORE_LOW',
        label: 'Low credit score',
        group: 'CREDIT_REPORT',
        weight: 10,
        detail: 'Latest credit score is 25 of 100, on 1 Jun 2026',
        salesDetail: 'The latest credit report score is low',
      },
    ]);
    const scaled = assess({ creditReport: { scale: { min: 0, max: 1000 }, history: [{ at: '2026-01-01', score: 800 }, { at: '2026-06-01', score: 700 }] } });
    expect(scaled.factors).toEqual([expect.objectContaining({ code: 'CREDIT_SCORE_DROP', weight: 8, detail: expect.stringContaining('from 800 to 700 (scale 0–1000)') })]);
    expect(assess({ creditReport: { history: [{ at: '2026-01-01', score: 70 }, { at: '2026-06-01', score: 67 }] } }).riskScore).toBe(0);
  });

  it('adds watch-list matches, together capped, and a credit hold', () => {
    const r = assess({
      watchMatches: [
        { kind: 'INDUSTRY', value: 'Construction', reason: 'Insolvencies up 20% this year' },
        { kind: 'COUNTRY', value: 'AR', reason: 'Currency controls' },
        { kind: 'COUNTRY', value: 'ar', reason: 'duplicate' },
      ],
      onHold: true,
    });
    expect(Object.fromEntries(r.factors.map((f) => [f.code, f.weight]))).toEqual({ ON_HOLD: 15, WATCHLIST_COUNTRY: 8, WATCHLIST_INDUSTRY: 7 });
    expect(r.factors.find((f) => f.code === 'WATCHLIST_INDUSTRY')?.detail).toBe('Construction: Insolvencies up 20% this year');
  });

  it('clamps at 100 with weights still summing exactly to the score', () => {
    const worst = behaviour({
      ...slipping,
      paidDaysBeyondTerms: 90,
      ...withAging({ current: 0, d1_30: 0, d31_60: 0, d61_90: 0, d90plus: 100 }, 120),
      smallNotLarge: { detected: true, medianAmount: 1, largeUnpaidInvoiceIds: ['L1', 'L2'], smallPaidInvoiceIds: ['a', 'b'] },
      ...limited(100, 50),
    });
    const r = assess({
      behaviour: worst,
      signals: [signal('STAFF_CUTS', { severity: 3 }), signal('DISPUTE', { severity: 3 })],
      watchMatches: [{ kind: 'COUNTRY', value: 'X', reason: 'r' }],
      onHold: true,
    });
    expect(r).toMatchObject({ riskScore: 100, riskLevel: 'CRITICAL' });
    expect(sumOfWeights(r)).toBe(100);
    expect(r.ledgerPoints).toBe(75); // the ledger part is capped before anything else is added
    for (const f of r.factors) expect(Number.isInteger(f.weight)).toBe(true);
  });

  it('always explains the score exactly, whatever the mix', () => {
    const types: SignalType[] = ['STAFF_CUTS', 'QUIET', 'BUSY', 'LEADERSHIP_CHANGE', 'HIRING', 'DISPUTE'];
    for (let i = 0; i < 60; i++) {
      const signals = types.filter((_, j) => (i >> j) & 1).map((t, j) => signal(t, { observedAt: daysAgo((i * 7 + j * 13) % 200), severity: ((i + j) % 3) + 1 as 1 | 2 | 3 }));
      const r = assess({ behaviour: i % 2 ? slipping : clean, signals, onHold: i % 5 === 0 });
      expect(sumOfWeights(r)).toBe(r.riskScore);
      expect(r.riskScore).toBeGreaterThanOrEqual(Math.floor(r.ledgerPoints));
      expect(r.riskScore).toBeLessThanOrEqual(100);
    }
  });
});
