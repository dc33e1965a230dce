import { describe, expect, it } from 'vitest';
import { agingBucket, ageInvoices, currencyBalance, overdueInvoices } from './aging.js';
import { toDay } from './calendar.js';
import { settleInvoices } from './invoice-settlement.js';
import { invoice, payment, plusDays } from './ledger-builders.js';

const asOf = '2026-06-30';
const dueDaysAgo = (id: string, days: number, amount = '100.00') => invoice(id, amount, plusDays(asOf, -days - 30), plusDays(asOf, -days));

describe('agingBucket', () => {
  it.each([
    [-5, 'current'],
    [0, 'current'],
    [1, 'd1_30'],
    [30, 'd1_30'],
    [31, 'd31_60'],
    [60, 'd31_60'],
    [61, 'd61_90'],
    [90, 'd61_90'],
    [91, 'd90plus'],
  ] as const)('%d days past due → %s', (days, bucket) => expect(agingBucket(days)).toBe(bucket));
});

describe('ageInvoices / currencyBalance', () => {
  const s = settleInvoices(
    [dueDaysAgo('cur', -3), dueDaysAgo('a', 1), dueDaysAgo('b', 45, '200.00'), dueDaysAgo('c', 75), dueDaysAgo('d', 120, '50.00'), dueDaysAgo('paid', 200)],
    [payment('p', 'paid', '100.00', '2026-01-01'), payment('q', 'b', '50.00', '2026-06-01')],
    30,
    toDay(asOf),
  );

  it('ages the open part of each invoice by days past due', () => {
    expect(ageInvoices(s.invoices, toDay(asOf))).toEqual({ current: 10000, d1_30: 10000, d31_60: 15000, d61_90: 10000, d90plus: 5000 });
  });

  it('lists overdue invoices, oldest first', () => {
    expect(overdueInvoices(s.invoices, toDay(asOf)).map((o) => [o.id, o.daysPastDue, o.outstanding])).toEqual([
      ['d', 120, 5000],
      ['c', 75, 10000],
      ['b', 45, 15000],
      ['a', 1, 10000],
    ]);
  });

  it('ages what is really open once credit notes and unassigned cash have settled the oldest invoice', () => {
    // Until issue 10 the credit note and b's 30.00 overpaid stayed a credit balance beside a gross 500.00 overdue. Now
    // the credit note (1 Jun) settles 120.00 of a, the oldest open invoice, and b's 30.00 beyond b settles 30.00 more:
    // 350.00 open and overdue, no credit left.
    const t = settleInvoices(
      [dueDaysAgo('a', 10, '500.00'), invoice('cn', '-120.00', '2026-06-01'), dueDaysAgo('b', -10, '40.00')],
      [payment('p', 'b', '70.00', '2026-06-29')],
      30,
      toDay(asOf),
    );
    expect(currencyBalance('EUR', t.invoices, toDay(asOf))).toEqual({
      currency: 'EUR',
      invoiceCount: 3,
      openInvoiceAmount: 35000,
      creditBalance: 0,
      exposure: 35000,
      overdueAmount: 35000,
      disputedAmount: 0,
      aging: { current: 0, d1_30: 35000, d31_60: 0, d61_90: 0, d90plus: 0 },
      oldestOverdueDays: 10,
      rateToAccountCurrency: null,
    });
  });

  it('keeps credit nothing could take as the credit balance, and never reports a negative exposure', () => {
    // The only open invoice is disputed, so the credit note is not applied to it (invoice-settlement.ts): 300.00 credit
    // against 100.00 open nets to 0, not −200.00.
    const t = settleInvoices([invoice('cn', '-300.00', '2026-06-01'), dueDaysAgo('a', 5)], [], 30, toDay(asOf), new Set(['a']));
    expect(currencyBalance('EUR', t.invoices, toDay(asOf), new Set(['a']))).toMatchObject({
      exposure: 0,
      creditBalance: 30000,
      openInvoiceAmount: 10000,
      disputedAmount: 10000,
    });
    // Undisputed, the credit note settles the invoice and 200.00 is left as credit.
    const u = settleInvoices([invoice('cn', '-300.00', '2026-06-01'), dueDaysAgo('a', 5)], [], 30, toDay(asOf));
    expect(currencyBalance('EUR', u.invoices, toDay(asOf))).toMatchObject({ exposure: 0, creditBalance: 20000, openInvoiceAmount: 0, overdueAmount: 0 });
  });
});
