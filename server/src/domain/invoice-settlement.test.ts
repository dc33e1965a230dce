import { describe, expect, it } from 'vitest';
import { toDay } from './calendar.js';
import { settleInvoices } from './invoice-settlement.js';
import { invoice, payment } from './ledger-builders.js';

const asOf = toDay('2026-06-30');

describe('settleInvoices', () => {
  it('applies partial payments in date order and records when the invoice was fully paid', () => {
    const s = settleInvoices(
      [invoice('A', '1000.00', '2026-05-01', '2026-05-31')],
      [payment('p2', 'A', '600.00', '2026-06-05'), payment('p1', 'A', '400.00', '2026-05-20')],
      30,
      asOf,
    );
    expect(s.invoices[0]).toMatchObject({ paid: 100000, outstanding: 0, overpaid: 0, settledDay: toDay('2026-06-05') });
    expect(s.applications.map((a) => [a.amount, a.daysToPay, a.lateness])).toEqual([
      [40000, 19, -11],
      [60000, 35, 5],
    ]);
  });

  it('keeps an overpayment apart: applied amount stops at the invoice amount, the rest is overpaid cash', () => {
    const s = settleInvoices(
      [invoice('A', '100.00', '2026-05-01')],
      [payment('p1', 'A', '80.00', '2026-05-10'), payment('p2', 'A', '50.00', '2026-05-12'), payment('p3', 'A', '5.00', '2026-05-13')],
      30,
      asOf,
    );
    expect(s.invoices[0]).toMatchObject({ paid: 10000, outstanding: 0, overpaid: 3500, settledDay: toDay('2026-05-12') });
    expect(s.applications.map((a) => [a.amount, a.cash])).toEqual([
      [8000, 8000],
      [2000, 5000],
      [0, 500],
    ]);
  });

  it('takes the due date from the terms when the invoice has none', () => {
    expect(settleInvoices([invoice('A', '1.00', '2026-05-01')], [], 45, asOf).invoices[0]?.dueDay).toBe(toDay('2026-06-15'));
  });

  it('counts a payment on the issue day as 0 days to pay', () => {
    const s = settleInvoices([invoice('A', '1.00', '2026-05-01')], [payment('p', 'A', '1.00', '2026-05-01')], 30, asOf);
    expect(s.applications[0]).toMatchObject({ daysToPay: 0, lateness: -30 });
  });

  it('ignores payments for unknown invoices and for credit notes, and rows after asOf', () => {
    const s = settleInvoices(
      [invoice('A', '100.00', '2026-05-01'), invoice('CN', '-20.00', '2026-05-02'), invoice('LATER', '9.00', '2026-07-01')],
      [
        payment('p1', 'ZZZ', '1.00', '2026-05-05'),
        payment('p2', 'CN', '20.00', '2026-05-05'),
        payment('p3', 'A', '100.00', '2026-07-02'),
        payment('p4', 'LATER', '9.00', '2026-07-02'),
      ],
      30,
      asOf,
    );
    expect(s.invoices.map((i) => i.id)).toEqual(['A', 'CN']);
    expect(s.invoices[0]?.outstanding).toBe(10000);
    expect(s.invoices[1]).toMatchObject({ isCreditNote: true, outstanding: 0 });
    expect(s.ignoredPayments).toBe(2);
    expect(s.lastPaymentDay).toBeNull();
  });

  it('does not depend on input order', () => {
    const invs = [invoice('A', '100.00', '2026-05-01'), invoice('B', '50.00', '2026-05-03')];
    const pays = [payment('p1', 'A', '60.00', '2026-05-10'), payment('p2', 'A', '60.00', '2026-05-10'), payment('p3', 'B', '50.00', '2026-05-09')];
    const forward = settleInvoices(invs, pays, 30, asOf);
    const backward = settleInvoices([...invs].reverse(), [...pays].reverse(), 30, asOf);
    expect(backward.applications).toEqual(forward.applications);
    expect(new Set(backward.invoices)).toEqual(new Set(forward.invoices));
  });
});
