import { describe, expect, it } from 'vitest';
import { toDay } from './calendar.js';
import { settleInvoices } from './invoice-settlement.js';
import { invoice, payment } from './ledger-builders.js';
import { monthlySeries, paymentTiming, round1, weightedMean } from './payment-timing.js';

const asOf = toDay('2026-06-30');
const timing = (invs: Parameters<typeof settleInvoices>[0], pays: Parameters<typeof settleInvoices>[1]) => {
  const s = settleInvoices(invs, pays, 30, asOf);
  return paymentTiming(s.invoices, s.applications, asOf);
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
    expect(t).toEqual({ averageDaysToPay: 25, daysBeyondTerms: 0, paidDaysBeyondTerms: 0 });
  });

  it('counts early payment as 0 days beyond terms, never negative', () => {
    // A paid 10 days late (weight 100), B paid 20 days early (weight 300): DBT = 100×10 / 400 = 2.5
    const t = timing(
      [invoice('A', '100.00', '2026-04-01', '2026-05-01'), invoice('B', '300.00', '2026-04-01', '2026-05-01')],
      [payment('a', 'A', '100.00', '2026-05-11'), payment('b', 'B', '300.00', '2026-04-11')],
    );
    expect(t.paidDaysBeyondTerms).toBe(2.5);
  });

  it('adds still-open overdue amounts to DBT with their days past due', () => {
    // Paid: 4000 on time. Open: C 500, due 2026-05-31, 30 days past due. DBT = 500×30 / 4500 = 3.3
    const t = timing(
      [invoice('A', '4000.00', '2026-05-01', '2026-05-31'), invoice('C', '500.00', '2026-05-01', '2026-05-31')],
      [payment('a', 'A', '4000.00', '2026-05-31')],
    );
    expect(t).toEqual({ averageDaysToPay: 30, daysBeyondTerms: 3.3, paidDaysBeyondTerms: 0 });
  });

  it('leaves overpaid cash out of the weights', () => {
    const t = timing(
      [invoice('A', '100.00', '2026-05-01'), invoice('B', '100.00', '2026-05-01')],
      [payment('a', 'A', '1000.00', '2026-05-11'), payment('b', 'B', '100.00', '2026-05-31')],
    );
    expect(t.averageDaysToPay).toBe(20);
  });

  it('counts a payment on the issue day as 0 days, not as missing', () => {
    expect(timing([invoice('A', '100.00', '2026-05-01')], [payment('a', 'A', '100.00', '2026-05-01')]).averageDaysToPay).toBe(0);
  });

  it('only uses payments received in the last 12 months, and is null without any', () => {
    const old = timing([invoice('A', '100.00', '2025-05-01')], [payment('a', 'A', '100.00', '2025-06-30')]);
    expect(old).toEqual({ averageDaysToPay: null, daysBeyondTerms: null, paidDaysBeyondTerms: null });
    expect(timing([], [])).toEqual({ averageDaysToPay: null, daysBeyondTerms: null, paidDaysBeyondTerms: null });
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
  const series = monthlySeries(s.invoices, s.applications, asOf);

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
    // June: A's 600 after 70 days (40 late) and B's 500 applied after 40 days (10 late); B's 50 overpaid is cash but no weight.
    // ADP = (600×70 + 500×40) / 1100 = 56.4; DBT = (600×40 + 500×10) / 1100 = 26.4
    expect(series[11]).toEqual({ month: '2026-06', invoiced: 0, credited: 0, paid: 115000, avgDaysToPay: 56.4, daysBeyondTerms: 26.4 });
  });
});
