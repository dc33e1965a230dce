import { describe, expect, it } from 'vitest';
import { invoice, ledger, payment } from './ledger-builders.js';
import { parseMoney } from './money.js';
import { computePaymentBehaviour } from './payment-behaviour.js';

const asOf = '2026-06-30';

// A small EUR customer: one invoice paid in two parts, one overpaid, one open and 45 days overdue,
// one not yet due, a credit note, and a USD invoice that must stay apart.
// Settlement (issue 10): B's 50 overpaid on 1 May goes to C, the oldest open invoice then; the credit note (5 May,
// naming none) settles 200 more of C. C: 2000 − 50 − 200 = 1750 open, no credit left.
const mixed = ledger({
  creditLimit: parseMoney('5000.00'),
  anticipatedMonthlyPurchases: parseMoney('2000.00'),
  invoices: [
    invoice('A', '1000.00', '2026-03-02', '2026-04-01'),
    invoice('B', '500.00', '2026-04-01', '2026-05-01'),
    invoice('C', '2000.00', '2026-04-16', '2026-05-16'),
    invoice('D', '3000.00', '2026-06-10', '2026-07-10'),
    invoice('CN', '-200.00', '2026-05-05'),
    invoice('U', '700.00', '2026-05-01', '2026-05-31', 'USD'),
  ],
  payments: [
    payment('a1', 'A', '400.00', '2026-03-22'),
    payment('a2', 'A', '600.00', '2026-04-11'),
    payment('b', 'B', '550.00', '2026-05-01'),
    payment('u', 'U', '100.00', '2026-06-01'),
  ],
});

describe('computePaymentBehaviour', () => {
  const b = computePaymentBehaviour(mixed, asOf);

  it('computes exposure on settled invoices, credit notes and overpayments applied, in the account currency', () => {
    // Until issue 10: open 5000, a 250 credit balance beside them, and C's full 2000 overdue. The same 4750 exposure,
    // now with what is really overdue.
    expect(b).toMatchObject({
      asOf,
      currency: 'EUR',
      openInvoiceAmount: 475000, // C 1750 + D 3000
      creditBalance: 0,
      exposure: 475000,
      availableCredit: 25000, // the USD has no rate: it cannot count against the limit
      overLimit: false,
      overdueAmount: 175000,
      overdueShare: 0.368,
      oldestOverdueDays: 45,
      aging: { current: 300000, d1_30: 0, d31_60: 175000, d61_90: 0, d90plus: 0 },
      lastPaymentAt: '2026-06-01',
      counts: { invoices: 6, openInvoices: 3, payments: 4, ignoredPayments: 0, paidInvoices: 2 },
    });
  });

  it('lists overdue invoices in every currency, most days past due first', () => {
    expect(b.overdueInvoices).toEqual([
      { id: 'C', number: 'C', currency: 'EUR', amount: 200000, outstanding: 175000, dueAt: '2026-05-16', daysPastDue: 45 },
      { id: 'U', number: 'U', currency: 'USD', amount: 70000, outstanding: 60000, dueAt: '2026-05-31', daysPastDue: 30 },
    ]);
  });

  it('weights ADP and DBT by amount, partial payments by what they paid', () => {
    // A: 400 after 20 days (10 early), 600 after 40 days (10 late). B: 500 applied after 30 days (on time). B's 50
    // surplus settled C after 15 days (15 early). The credit note is no payment. USD (no rate) is left out.
    // ADP = (400×20 + 600×40 + 500×30 + 50×15) / 1550 = 30.8; paid DBT = 600×10 / 1550 = 3.9.
    // The headline is paid DBT (issue 10): until then it added open C with its 45 days past due (27.4).
    // Last 90 days (from 2 Apr): A's 600, B's 500 and the 50 on C: 600×10 / 1150 = 5.2.
    expect(b.averageDaysToPay).toBe(30.8);
    expect(b.paidDaysBeyondTerms).toBe(3.9);
    expect(b.daysBeyondTerms).toBe(3.9);
    expect(b.recentDaysBeyondTerms).toBe(5.2);
  });

  it('gives countback DSO and best possible DSO on the account currency', () => {
    // R = exposure 4750. June (30 days): sales D 3000 → 30 days, R 1750. May (31): no sales (the credit note is no
    // sale) → 31 days. April (30): sales B 500 + C 2000 = 2500 > 1750 → 30 × 1750 / 2500 = 21 → DSO 82.0.
    // Best possible: the same countback of the current receivables, D 3000: June, 30 days, sales 3000 → 30.0
    // (it was D 3000 ÷ sales of 2 Apr – 30 Jun × 90 = 54: another measure, which could exceed DSO).
    expect(b.dso).toBe(82);
    expect(b.bestPossibleDso).toBe(30);
  });

  it('reports other currencies apart, never converted or summed', () => {
    expect(b.otherCurrencies).toEqual([
      {
        currency: 'USD',
        invoiceCount: 1,
        openInvoiceAmount: 60000,
        creditBalance: 0,
        exposure: 60000,
        overdueAmount: 60000,
        disputedAmount: 0,
        aging: { current: 0, d1_30: 60000, d31_60: 0, d61_90: 0, d90plus: 0 },
        oldestOverdueDays: 30,
        rateToAccountCurrency: null,
      },
    ]);
    expect(b.monthly.find((m) => m.month === '2026-06')?.paid).toBe(0);
  });

  it('compares net purchases of the last three complete months with the plan', () => {
    // March 1000, April 500 + 2000, May −200 (credit note); June is incomplete and left out. (3300 / 3) / 2000
    expect(b.purchasesVsAnticipated).toEqual({ months: ['2026-03', '2026-04', '2026-05'], actualMonthlyAverage: 110000, anticipatedMonthly: 200000, ratio: 0.55 });
    expect(computePaymentBehaviour({ ...mixed, anticipatedMonthlyPurchases: null }, asOf).purchasesVsAnticipated).toBeNull();
    expect(computePaymentBehaviour({ ...mixed, anticipatedMonthlyPurchases: 0 }, asOf).purchasesVsAnticipated).toBeNull();
  });

  it('flags an exposure above the credit limit', () => {
    const over = computePaymentBehaviour({ ...mixed, creditLimit: parseMoney('4000.00') }, asOf);
    expect(over).toMatchObject({ overLimit: true, availableCredit: -75000 });
    expect(computePaymentBehaviour({ ...mixed, creditLimit: null }, asOf)).toMatchObject({ overLimit: false, availableCredit: null });
  });

  it('gives the figures of an earlier date when recomputed as of it', () => {
    const april = computePaymentBehaviour(mixed, '2026-04-15');
    expect(april).toMatchObject({
      openInvoiceAmount: 50000,
      exposure: 50000,
      overdueAmount: 0,
      lastPaymentAt: '2026-04-11',
      counts: { invoices: 2, openInvoices: 1, payments: 2, ignoredPayments: 0 },
    });
  });

  it('is plain JSON: a stored copy reads back identical', () => {
    expect(JSON.parse(JSON.stringify(b))).toEqual(b);
  });

  it('handles an empty history', () => {
    const empty = computePaymentBehaviour(ledger({ creditLimit: 100000, anticipatedMonthlyPurchases: 50000 }), asOf);
    expect(empty).toMatchObject({
      exposure: 0,
      openInvoiceAmount: 0,
      creditBalance: 0,
      availableCredit: 100000,
      overLimit: false,
      overdueAmount: 0,
      overdueShare: null,
      oldestOverdueDays: null,
      overdueInvoices: [],
      averageDaysToPay: null,
      daysBeyondTerms: null,
      paidDaysBeyondTerms: null,
      trend: 'NO_HISTORY',
      smallNotLarge: { detected: false, medianAmount: null, largeUnpaidInvoiceIds: [], smallPaidInvoiceIds: [] },
      purchasesVsAnticipated: { actualMonthlyAverage: 0, ratio: 0 },
      lastPaymentAt: null,
      otherCurrencies: [],
      counts: { invoices: 0, openInvoices: 0, payments: 0, ignoredPayments: 0, paidInvoices: 0 },
    });
    expect(empty.monthly).toHaveLength(12);
    expect(empty.monthly.every((m) => m.invoiced === 0 && m.paid === 0 && m.avgDaysToPay === null)).toBe(true);
  });

  it('handles invoices with no payments yet', () => {
    const unpaid = computePaymentBehaviour(
      ledger({ invoices: [invoice('A', '100.00', '2026-04-01', '2026-05-01'), invoice('B', '100.00', '2026-06-15', '2026-07-15')] }),
      asOf,
    );
    // No payment, no DBT (issue 10: until then the headline was 60, A's days past due; A is overdue, not paid late).
    expect(unpaid).toMatchObject({ averageDaysToPay: null, paidDaysBeyondTerms: null, daysBeyondTerms: null, overdueAmount: 10000, exposure: 20000 });
  });

  it('counts a payment dated on the issue day as 0 days to pay', () => {
    const cash = computePaymentBehaviour(ledger({ invoices: [invoice('A', '80.00', '2026-06-01')], payments: [payment('p', 'A', '80.00', '2026-06-01')] }), asOf);
    expect(cash).toMatchObject({ averageDaysToPay: 0, daysBeyondTerms: 0, exposure: 0 });
  });

  it('never ages or overdues a credit note, even one with an old date', () => {
    const cn = computePaymentBehaviour(ledger({ invoices: [invoice('CN', '-500.00', '2025-01-01', '2025-01-01')] }), asOf);
    expect(cn).toMatchObject({ exposure: 0, creditBalance: 50000, overdueAmount: 0, daysBeyondTerms: null, aging: { current: 0, d90plus: 0 } });
  });

  it('reports an account whose invoices are all in another currency without inventing headline figures', () => {
    const usdOnly = computePaymentBehaviour(ledger({ invoices: [invoice('U', '700.00', '2026-05-01', '2026-05-31', 'USD')] }), asOf);
    expect(usdOnly).toMatchObject({ exposure: 0, overdueAmount: 0, daysBeyondTerms: null });
    expect(usdOnly.otherCurrencies.map((c) => [c.currency, c.exposure])).toEqual([['USD', 70000]]);
  });

  it('converts every currency with a rate into the limit, utilisation and payment timing', () => {
    // The mixed ledger with 1 USD = 0.9 EUR: USD 600 open → EUR 540. All-currency exposure 4750 + 540 = 5290 of the
    // 5000 limit: 105.8% used, 290 over. U's USD 100 (1 Jun, 1 day late) weighs EUR 90 in ADP/DBT:
    // ADP = (47750 + 90×31) / 1640 = 30.8; DBT = (6000 + 90×1) / 1640 = 3.7.
    const rated = computePaymentBehaviour({ ...mixed, rates: { USD: 0.9 } }, asOf);
    expect(rated).toMatchObject({
      exposure: 475000,
      allCurrencies: { exposure: 529000, overdueAmount: 175000 + 54000, unconverted: [] },
      limitUtilisation: 1.058,
      availableCredit: -29000,
      overLimit: true,
      averageDaysToPay: 30.8,
      daysBeyondTerms: 3.7,
    });
    expect(rated.currencies.map((c) => [c.currency, c.exposure, c.rateToAccountCurrency])).toEqual([
      ['EUR', 475000, 1],
      ['USD', 60000, 0.9],
    ]);
    // Without the rate the USD is named, not guessed.
    expect(b).toMatchObject({ allCurrencies: { exposure: 475000, unconverted: ['USD'] }, limitUtilisation: 0.95 });
  });

  it('counts as paid only invoices settled with cash, and gives the whole limit with no rows', () => {
    const l = ledger({
      creditLimit: parseMoney('1000.00'),
      invoices: [invoice('A', '100.00', '2026-04-01'), invoice('B', '100.00', '2026-04-02'), { ...invoice('CN', '-100.00', '2026-04-03'), appliesToInvoiceId: 'B' }],
      payments: [payment('a', 'A', '100.00', '2026-04-20')],
    });
    // B is settled by a credit note only: settled, but no payment history.
    expect(computePaymentBehaviour(l, asOf).counts).toMatchObject({ paidInvoices: 1, openInvoices: 0 });
    expect(computePaymentBehaviour(ledger({ creditLimit: parseMoney('1000.00') }), asOf)).toMatchObject({
      availableCredit: 100000,
      limitUtilisation: 0,
      dso: null,
      bestPossibleDso: null,
    });
  });
});
