import { describe, expect, it } from 'vitest';
import { dayToIso, monthStartDay, toDay } from './calendar.js';
import { settleInvoices } from './invoice-settlement.js';
import { invoice, payment } from './ledger-builders.js';
import { bestPossibleDso, countbackDso, monthlySeries, paymentTiming, round1, timingSamples, weightedMean } from './payment-timing.js';

const asOf = toDay('2026-06-30');
const timing = (invs: Parameters<typeof settleInvoices>[0], pays: Parameters<typeof settleInvoices>[1], rates: Record<string, number> = {}) => {
  const s = settleInvoices(invs, pays, 30, asOf);
  return paymentTiming(timingSamples(s.applications, 'EUR', rates), asOf);
};

describe('weightedMean / round1', () => {
  it('weights by amount and is null without weight', () => {
    expect(weightedMean([{ weight: 1, value: 10 }, { weight: 3, value: 20 }])).toBe(17.5);
    expect(weightedMean([])).toBeNull();
    expect(round1(14.349)).toBe(14.3);
    expect(round1(-0.04)).toBe(0);
  });
});

describe('paymentTiming', () => {
  it('weights ADP by the amount each (partial) payment settled', () => {
    // A: 1000 paid after 30 days. B: 3000, 1000 paid after 10 days and 2000 after 30 days.
    // ADP = (1000×30 + 1000×10 + 2000×30) / 4000 = 25
    const t = timing(
      [invoice('A', '1000.00', '2026-05-01', '2026-05-31'), invoice('B', '3000.00', '2026-05-10', '2026-06-09')],
      [payment('a', 'A', '1000.00', '2026-05-31'), payment('b1', 'B', '1000.00', '2026-05-20'), payment('b2', 'B', '2000.00', '2026-06-09')],
    );
    expect(t).toEqual({ averageDaysToPay: 25, daysBeyondTerms: 0, paidDaysBeyondTerms: 0, recentDaysBeyondTerms: 0 });
  });

  it('counts early payment as 0 days beyond terms, never negative', () => {
    // A paid 10 days late (weight 100), B paid 20 days early (weight 300): DBT = 100×10 / 400 = 2.5
    const t = timing(
      [invoice('A', '100.00', '2026-04-01', '2026-05-01'), invoice('B', '300.00', '2026-04-01', '2026-05-01')],
      [payment('a', 'A', '100.00', '2026-05-11'), payment('b', 'B', '300.00', '2026-04-11')],
    );
    expect(t.paidDaysBeyondTerms).toBe(2.5);
  });

  it('leaves still-open overdue invoices out of DBT: the headline is paid DBT (issue 10)', () => {
    // Paid: 4000 on time. Open: C 500, 30 days past due. Until issue 10 the headline added C with its days past due
    // (500×30 / 4500 = 3.3) while the monthly chart showed paid lateness only; C is an overdue fact (overdue, aging),
    // not a payment, so DBT = 0, the same quantity as the chart.
    const t = timing(
      [invoice('A', '4000.00', '2026-05-01', '2026-05-31'), invoice('C', '500.00', '2026-05-01', '2026-05-31')],
      [payment('a', 'A', '4000.00', '2026-05-31')],
    );
    expect(t).toEqual({ averageDaysToPay: 30, daysBeyondTerms: 0, paidDaysBeyondTerms: 0, recentDaysBeyondTerms: 0 });
  });

  it('leaves cash nothing took out of the weights, and counts surplus cash where it settled', () => {
    // a (1000 on 11 May) pays A (100) and, unassigned, B (100, issued 1 May): both 10 days to pay; 800 stays credit.
    // b (100 on 31 May) names B, already settled: all of it is credit, no sample. Until issue 10 B counted with b's
    // 30 days (ADP 20); the settlement now applies the first cash that arrived.
    const t = timing(
      [invoice('A', '100.00', '2026-05-01'), invoice('B', '100.00', '2026-05-01')],
      [payment('a', 'A', '1000.00', '2026-05-11'), payment('b', 'B', '100.00', '2026-05-31')],
    );
    expect(t.averageDaysToPay).toBe(10);
  });

  it('gives the last 90 days their own paid DBT', () => {
    // 1000 paid 30 days late in January (day 150 before asOf), 3000 on time in June.
    // 12 months: 1000×30 / 4000 = 7.5; last 90 days: only June's payment, 0.
    const t = timing(
      [invoice('J', '1000.00', '2025-12-01', '2025-12-31'), invoice('K', '3000.00', '2026-05-10', '2026-06-09')],
      [payment('j', 'J', '1000.00', '2026-01-30'), payment('k', 'K', '3000.00', '2026-06-09')],
    );
    expect(t).toMatchObject({ daysBeyondTerms: 7.5, paidDaysBeyondTerms: 7.5, recentDaysBeyondTerms: 0 });
  });

  it('never counts a credit note as a payment', () => {
    // A 1000: 600 cash on its due date, then a 400 credit note 19 days later settles it. Only the cash is a sample.
    const t = timing(
      [invoice('A', '1000.00', '2026-04-01', '2026-05-01'), { ...invoice('CN', '-400.00', '2026-05-20'), appliesToInvoiceId: 'A' }],
      [payment('a', 'A', '600.00', '2026-05-01')],
    );
    expect(t).toEqual({ averageDaysToPay: 30, daysBeyondTerms: 0, paidDaysBeyondTerms: 0, recentDaysBeyondTerms: 0 });
  });

  it('counts other currencies at their rate, and leaves out a currency without one', () => {
    // EUR 100 paid 10 days late; USD 100 paid 30 days late at 0.5 (weight EUR 50): (100×10 + 50×30) / 150 = 16.7.
    const invs = [invoice('E', '100.00', '2026-04-01', '2026-05-01'), invoice('U', '100.00', '2026-04-01', '2026-05-01', 'USD')];
    const pays = [payment('e', 'E', '100.00', '2026-05-11'), payment('u', 'U', '100.00', '2026-05-31')];
    expect(timing(invs, pays, { USD: 0.5 }).daysBeyondTerms).toBe(16.7);
    expect(timing(invs, pays).daysBeyondTerms).toBe(10);
  });

  it('counts a payment on the issue day as 0 days, not as missing', () => {
    expect(timing([invoice('A', '100.00', '2026-05-01')], [payment('a', 'A', '100.00', '2026-05-01')]).averageDaysToPay).toBe(0);
  });

  it('only uses payments received in the last 12 months, and is null without any', () => {
    const old = timing([invoice('A', '100.00', '2025-05-01')], [payment('a', 'A', '100.00', '2025-06-30')]);
    const none = { averageDaysToPay: null, daysBeyondTerms: null, paidDaysBeyondTerms: null, recentDaysBeyondTerms: null };
    expect(old).toEqual(none);
    expect(timing([], [])).toEqual(none);
  });

  it('gives open, not yet due invoices no DBT', () => {
    expect(timing([invoice('A', '100.00', '2026-06-20')], []).daysBeyondTerms).toBeNull();
  });

  it('never counts credit notes', () => {
    expect(timing([invoice('CN', '-100.00', '2026-01-01', '2026-01-01')], []).daysBeyondTerms).toBeNull();
  });
});

describe('monthlySeries', () => {
  const s = settleInvoices(
    [
      invoice('A', '1000.00', '2026-04-10', '2026-05-10'),
      invoice('B', '500.00', '2026-05-03', '2026-06-02'),
      invoice('CN', '-50.00', '2026-05-20'),
      invoice('OLD', '999.00', '2025-06-15', '2025-07-15'),
    ],
    [
      payment('a1', 'A', '400.00', '2026-05-10'),
      payment('a2', 'A', '600.00', '2026-06-19'),
      payment('b', 'B', '550.00', '2026-06-12'),
      payment('old', 'OLD', '999.00', '2025-07-20'),
    ],
    30,
    asOf,
  );
  const series = monthlySeries(s.invoices, s.payments, timingSamples(s.applications, 'EUR'), asOf);

  it('covers the 12 months ending with asOf, oldest first, empty months included', () => {
    expect(series.map((m) => m.month)).toEqual([
      '2025-07', '2025-08', '2025-09', '2025-10', '2025-11', '2025-12', '2026-01', '2026-02', '2026-03', '2026-04', '2026-05', '2026-06',
    ]);
    expect(series[1]).toEqual({ month: '2025-08', invoiced: 0, credited: 0, paid: 0, avgDaysToPay: null, daysBeyondTerms: null });
  });

  it('puts invoices in their issue month and cash in its receipt month', () => {
    expect(series[0]).toMatchObject({ invoiced: 0, paid: 99900, avgDaysToPay: 35, daysBeyondTerms: 5 });
    expect(series[9]).toMatchObject({ month: '2026-04', invoiced: 100000, paid: 0 });
    expect(series[10]).toEqual({ month: '2026-05', invoiced: 50000, credited: 5000, paid: 40000, avgDaysToPay: 30, daysBeyondTerms: 0 });
    // Since issue 10 the credit note (20 May) settles 50 of A, and b's 50 beyond B settles 50 more of A on 12 June.
    // June: B's 500 after 40 days (10 late), b's surplus 50 on A after 63 days (33 late), a2's 500 on A after 70 days
    // (40 late); a2's last 100 settles nothing (credit): cash in `paid`, no weight.
    // ADP = (500×40 + 50×63 + 500×70) / 1050 = 55.4; DBT = (500×10 + 50×33 + 500×40) / 1050 = 25.4
    expect(series[11]).toEqual({ month: '2026-06', invoiced: 0, credited: 0, paid: 115000, avgDaysToPay: 55.4, daysBeyondTerms: 25.4 });
  });
});

describe('countbackDso / bestPossibleDso', () => {
  // As of 20 June 2026. M0 (March, 40,000) is paid. M1 30,000 (5 Apr) has 15,000 paid and a 1,000 credit note naming
  // it: 14,000 open. M2 20,000 (12 May, due 11 Jun) and M3 10,000 (8 Jun, due 8 Jul) are open.
  // Receivables R = 14,000 + 20,000 + 10,000 = 44,000. Sales (credit note excluded): June 1–20 10,000, May 20,000,
  // April 30,000, March 40,000.
  // Countback: June, 20 days: 44,000 ≥ 10,000 → 20 days, R = 34,000. May, 31 days: 34,000 ≥ 20,000 → 51 days,
  // R = 14,000. April, 30 days: 14,000 < 30,000 → 30 × 14,000 / 30,000 = 14 days → DSO 65.0.
  // Best possible: the same countback of the current (not yet due) receivables, M3 10,000: June, 20 days, sales
  // 10,000 → 20 days, nothing left → 20.0. The 45-day gap is what late payment costs (CRF: average days delinquent).
  // (Until the probe it was 10,000 ÷ 90 days of sales 60,000 × 90 = 15, a different measure than the countback.)
  const day = toDay('2026-06-20');
  const s = settleInvoices(
    [
      invoice('M0', '40000.00', '2026-03-10', '2026-04-09'),
      invoice('M1', '30000.00', '2026-04-05', '2026-05-05'),
      invoice('M2', '20000.00', '2026-05-12', '2026-06-11'),
      invoice('M3', '10000.00', '2026-06-08', '2026-07-08'),
      { ...invoice('CN', '-1000.00', '2026-06-15'), appliesToInvoiceId: 'M1' },
    ],
    [payment('p0', 'M0', '40000.00', '2026-04-09'), payment('p1', 'M1', '15000.00', '2026-05-05')],
    30,
    day,
  );

  it('counts back the receivables over the most recent sales, month by month', () => {
    expect(s.invoices.reduce((sum, i) => sum + i.outstanding, 0)).toBe(4400000);
    expect(countbackDso(s.invoices, 4400000, day)).toBe(65);
  });

  it('is 0 when nothing is owed and null without sales in 24 months', () => {
    expect(countbackDso(s.invoices, 0, day)).toBe(0);
    expect(countbackDso([], 0, day)).toBeNull();
    const ancient = settleInvoices([invoice('OLD', '500.00', '2024-01-10', '2024-02-09')], [], 30, day);
    expect(countbackDso(ancient.invoices, 50000, day)).toBeNull();
  });

  it('stops after 24 months when the receivables outlast the sales', () => {
    // 5,100 owed, 100 of sales this month and 5,000 issued 30 months ago: every one of the 24 periods is counted
    // whole (1 Jul 2024 – 20 Jun 2026).
    const long = settleInvoices([invoice('OLD', '5000.00', '2023-12-10'), invoice('NEW', '100.00', '2026-06-01')], [], 30, day);
    expect(countbackDso(long.invoices, 510000, day)).toBe(day - toDay('2024-07-01') + 1);
  });

  it('gives the best possible DSO as the countback of the current receivables over the same months', () => {
    expect(bestPossibleDso(s.invoices, 4400000, day)).toBe(20);
    expect(bestPossibleDso(s.invoices, 0, day)).toBe(0);
    expect(bestPossibleDso([], 0, day)).toBeNull();
    expect(bestPossibleDso(settleInvoices([invoice('OLD', '500.00', '2024-01-10')], [], 30, day).invoices, 50000, day)).toBeNull();
  });

  it('is never above DSO: a steady payer with only this month open, a new account (probes P-STEADY, P-NEW)', () => {
    // P-STEADY as of 5 Dec: 5,000 a month since Dec 2025, each paid 2 days late; Dec 2026's 5,000 (due 31 Dec) open.
    // DSO: December to date, 5 days, sales 5,000 → 5 days, nothing left → 5.0. Best possible: the same 5,000 is
    // current → 5.0, no day delinquent (it read 5,000 ÷ 15,000 × 90 = 30 before: 25 days "better than possible").
    const dec5 = toDay('2026-12-05');
    const months = Array.from({ length: 13 }, (_, i) => dayToIso(monthStartDay('2025-12', i)));
    const steady = settleInvoices(
      months.map((m) => invoice(`STD-${m}`, '5000.00', m)),
      months.slice(0, 12).map((m) => payment(`p-${m}`, `STD-${m}`, '5000.00', dayToIso(toDay(m) + 32))),
      30,
      dec5,
    );
    expect(countbackDso(steady.invoices, 500000, dec5)).toBe(5);
    expect(bestPossibleDso(steady.invoices, 500000, dec5)).toBe(5);
    // P-NEW: one 3,000 invoice issued 2 Dec: 5 days of December's sales (it read 3,000 ÷ 3,000 × 90 = 90).
    const fresh = settleInvoices([invoice('NEW-1', '3000.00', '2026-12-02')], [], 30, dec5);
    expect([countbackDso(fresh.invoices, 300000, dec5), bestPossibleDso(fresh.invoices, 300000, dec5)]).toEqual([5, 5]);
  });

  it('takes unapplied credit off the current receivables only after the past-due ones (it settles the oldest first)', () => {
    // A 6,000 (due 1 Dec) paid 10,000 on 25 Nov; D 10,000 (20 Nov, due 20 Dec) is disputed, so the 4,000 surplus
    // stays as credit. A is settled: receivables R = 10,000 open − 4,000 credit = 6,000; current 10,000, at most R.
    // Countback as of 5 Dec: December, 5 days, no sales → 5; November, 30 days, sales 16,000 > 6,000 → 30 × 6,000 /
    // 16,000 = 11.25 → 16.3 for both. The current 10,000 uncapped would give 23.8, above DSO.
    const dec5 = toDay('2026-12-05');
    const held = settleInvoices(
      [invoice('A', '6000.00', '2026-11-01'), invoice('D', '10000.00', '2026-11-20')],
      [payment('p', 'A', '10000.00', '2026-11-25')],
      30,
      dec5,
      new Set(['D']),
    );
    expect(held.invoices.find((i) => i.id === 'D')?.outstanding).toBe(1000000);
    expect(countbackDso(held.invoices, 600000, dec5)).toBe(16.3);
    expect(bestPossibleDso(held.invoices, 600000, dec5)).toBe(16.3);
  });
});
