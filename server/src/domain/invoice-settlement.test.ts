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
    expect(s.invoices[0]).toMatchObject({ paid: 100000, outstanding: 0, unapplied: 0, settledDay: toDay('2026-06-05') });
    expect(s.applications.map((a) => [a.amount, a.daysToPay, a.lateness])).toEqual([
      [40000, 19, -11],
      [60000, 35, 5],
    ]);
  });

  it('keeps cash beyond everything open as credit: applied amounts stop at what is open, the rest is unapplied', () => {
    // Until issue 10 the 35.00 was "overpaid" on A and a zero-amount application recorded p3's cash; now it is the
    // customer's credit (booked on the invoice the payments named), and an application is only what settled something.
    const s = settleInvoices(
      [invoice('A', '100.00', '2026-05-01')],
      [payment('p1', 'A', '80.00', '2026-05-10'), payment('p2', 'A', '50.00', '2026-05-12'), payment('p3', 'A', '5.00', '2026-05-13')],
      30,
      asOf,
    );
    expect(s.invoices[0]).toMatchObject({ paid: 10000, outstanding: 0, unapplied: 3500, settledDay: toDay('2026-05-12') });
    expect(s.applications.map((a) => [a.fromId, a.amount, a.source])).toEqual([
      ['p1', 8000, 'CASH'],
      ['p2', 2000, 'CASH'],
    ]);
    expect(s.payments).toEqual([
      { id: 'p1', invoiceId: 'A', currency: 'EUR', amount: 8000, receivedDay: toDay('2026-05-10'), surplus: 0, unapplied: 0 },
      { id: 'p2', invoiceId: 'A', currency: 'EUR', amount: 5000, receivedDay: toDay('2026-05-12'), surplus: 3000, unapplied: 3000 },
      { id: 'p3', invoiceId: 'A', currency: 'EUR', amount: 500, receivedDay: toDay('2026-05-13'), surplus: 500, unapplied: 500 },
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
    // The credit note now settles 20.00 of A, the oldest open invoice (issue 10); a payment naming it is still ignored.
    expect(s.invoices[0]?.outstanding).toBe(8000);
    expect(s.invoices[1]).toMatchObject({ isCreditNote: true, outstanding: 0, unapplied: 0 });
    expect(s.ignoredPayments).toBe(2);
    expect(s.payments).toEqual([]);
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

// Issue 10 (contract §1): surplus cash and credit notes settle the customer's oldest open invoices.
describe('settleInvoices: unassigned cash and credit notes', () => {
  const inv = (id: string, amount: string, issued: string, due: string, currency = 'EUR') => invoice(id, amount, issued, due, currency);
  const open = (s: ReturnType<typeof settleInvoices>) => Object.fromEntries(s.invoices.map((i) => [i.id, i.outstanding]));

  it('applies a payment beyond its named invoice to the oldest open invoices issued by the payment day (ledger i)', () => {
    // 12,000 booked on A settles A (3,000), then B (4,000, due first of the rest) and C (5,000): nothing open, no credit.
    const s = settleInvoices(
      [inv('C', '5000.00', '2026-05-17', '2026-06-16'), inv('B', '4000.00', '2026-05-10', '2026-06-09'), inv('A', '3000.00', '2026-05-03', '2026-06-02')],
      [payment('P', 'A', '12000.00', '2026-06-02')],
      30,
      asOf,
    );
    expect(open(s)).toEqual({ A: 0, B: 0, C: 0 });
    expect(s.applications.map((a) => [a.invoiceId, a.amount, a.source, a.lateness])).toEqual([
      ['A', 300000, 'CASH', 0],
      ['B', 400000, 'CASH', -7],
      ['C', 500000, 'CASH', -14],
    ]);
    expect(s.payments[0]).toMatchObject({ id: 'P', surplus: 900000, unapplied: 0 });
    expect(s.invoices.every((i) => i.unapplied === 0 && i.settledDay === toDay('2026-06-02'))).toBe(true);
  });

  it('chooses by due day, then issue day, then id, and never an invoice issued after the payment day', () => {
    // X and Y fall due on the same day: X was issued first. LATER is issued after the payment: the rest waits for it.
    const s = settleInvoices(
      [
        inv('N', '100.00', '2026-05-01', '2026-05-31'),
        inv('Y', '100.00', '2026-05-05', '2026-06-10'),
        inv('X', '100.00', '2026-05-03', '2026-06-10'),
        inv('W', '100.00', '2026-05-04', '2026-06-10'),
        inv('LATER', '500.00', '2026-06-20', '2026-07-20'),
      ],
      [payment('P', 'N', '250.00', '2026-06-01')],
      30,
      asOf,
    );
    expect(s.applications.map((a) => [a.invoiceId, a.amount])).toEqual([
      ['N', 10000],
      ['X', 10000],
      ['W', 5000],
    ]);
    expect(open(s)).toMatchObject({ W: 5000, Y: 10000, LATER: 50000 });
  });

  it('keeps credit nothing could take and applies it to a later invoice on its issue day (ledger j, then a new invoice)', () => {
    // 50,000 against X 5,000 + Y 6,000: 39,000 credit. Z (20,000) issued on 10 Jun takes 20,000 of it that day, as a
    // prepayment (0 days to pay, received before the due date); 19,000 is left.
    const s = settleInvoices(
      [inv('X', '5000.00', '2026-04-01', '2026-05-01'), inv('Y', '6000.00', '2026-04-20', '2026-05-20'), inv('Z', '20000.00', '2026-06-10', '2026-07-10')],
      [payment('P', 'X', '50000.00', '2026-05-01')],
      30,
      asOf,
    );
    expect(open(s)).toEqual({ X: 0, Y: 0, Z: 0 });
    expect(s.applications.at(-1)).toEqual({
      invoiceId: 'Z',
      currency: 'EUR',
      source: 'CASH',
      fromId: 'P',
      amount: 2000000,
      receivedDay: toDay('2026-05-01'),
      appliedDay: toDay('2026-06-10'),
      daysToPay: 0,
      lateness: toDay('2026-05-01') - toDay('2026-07-10'),
    });
    expect(s.invoices.find((i) => i.id === 'Z')?.settledDay).toBe(toDay('2026-06-10'));
    expect(s.payments[0]).toMatchObject({ surplus: 4500000, unapplied: 1900000 });
    expect(s.invoices.find((i) => i.id === 'X')?.unapplied).toBe(1900000);
    // As of 1 June, before Z existed, the whole 39,000 was credit.
    expect(settleInvoices([inv('X', '5000.00', '2026-04-01', '2026-05-01'), inv('Y', '6000.00', '2026-04-20', '2026-05-20')], [payment('P', 'X', '50000.00', '2026-05-01')], 30, toDay('2026-06-01')).payments[0]?.unapplied).toBe(3900000);
  });

  it('applies a credit note to the invoice it names first, then to the oldest open, as CREDIT_NOTE (ledger h)', () => {
    // INV 10,000: 7,000 cash on its due date, then CN 4,000 naming it. OLD is older and open, but the named invoice
    // comes first: 3,000 there; the 1,000 left goes to the oldest open, OLD.
    const s = settleInvoices(
      [
        inv('OLD', '2500.00', '2026-03-01', '2026-03-31'),
        inv('INV', '10000.00', '2026-04-01', '2026-05-01'),
        { ...invoice('CN', '-4000.00', '2026-05-10'), appliesToInvoiceId: 'INV' },
      ],
      [payment('P', 'INV', '7000.00', '2026-05-01')],
      30,
      asOf,
    );
    expect(open(s)).toEqual({ OLD: 150000, INV: 0, CN: 0 });
    expect(s.applications.map((a) => [a.invoiceId, a.fromId, a.source, a.amount])).toEqual([
      ['INV', 'P', 'CASH', 700000],
      ['INV', 'CN', 'CREDIT_NOTE', 300000],
      ['OLD', 'CN', 'CREDIT_NOTE', 100000],
    ]);
    expect(s.invoices.find((i) => i.id === 'INV')).toMatchObject({ paid: 700000, credited: 300000, settledDay: toDay('2026-05-10') });
    expect(s.invoices.find((i) => i.id === 'CN')?.unapplied).toBe(0);
  });

  it('applies a credit note naming no invoice (or one in another currency) to the oldest open of its own currency', () => {
    const s = settleInvoices(
      [
        inv('E', '600.00', '2026-04-01', '2026-05-01'),
        inv('U', '900.00', '2026-03-01', '2026-03-31', 'USD'),
        invoice('CN1', '-100.00', '2026-05-05'),
        { ...invoice('CN2', '-50.00', '2026-05-06'), appliesToInvoiceId: 'U' },
        { ...invoice('CN3', '-70.00', '2026-05-07', null, 'USD'), appliesToInvoiceId: 'NOT-THERE' },
      ],
      [],
      30,
      asOf,
    );
    expect(open(s)).toMatchObject({ E: 45000, U: 83000 });
    expect(s.applications.map((a) => [a.fromId, a.invoiceId, a.currency])).toEqual([
      ['CN1', 'E', 'EUR'],
      ['CN2', 'E', 'EUR'],
      ['CN3', 'U', 'USD'],
    ]);
  });

  it('keeps a credit note issued before any invoice as credit, and applies it when an invoice comes', () => {
    const s = settleInvoices([invoice('CN', '-300.00', '2026-05-01'), inv('A', '100.00', '2026-05-10', '2026-06-09')], [], 30, asOf);
    expect(open(s)).toEqual({ CN: 0, A: 0 });
    expect(s.invoices.find((i) => i.id === 'CN')?.unapplied).toBe(20000);
    expect(s.applications[0]).toMatchObject({ source: 'CREDIT_NOTE', receivedDay: toDay('2026-05-01'), appliedDay: toDay('2026-05-10') });
  });

  it('never applies unassigned credit to a disputed invoice, but honours a payment or credit note that names one', () => {
    const invs = [inv('D', '1000.00', '2026-04-01', '2026-05-01'), inv('A', '100.00', '2026-04-02', '2026-05-02'), invoice('CN', '-50.00', '2026-05-03')];
    const pays = [payment('P', 'A', '400.00', '2026-05-02')];
    const disputed = settleInvoices(invs, pays, 30, asOf, new Set(['D']));
    expect(open(disputed)).toEqual({ D: 100000, A: 0, CN: 0 });
    expect(disputed.payments[0]).toMatchObject({ surplus: 30000, unapplied: 30000 });
    expect(disputed.invoices.find((i) => i.id === 'CN')?.unapplied).toBe(5000);
    // The same ledger with no dispute: the surplus and the credit note go to D.
    expect(open(settleInvoices(invs, pays, 30, asOf))).toEqual({ D: 65000, A: 0, CN: 0 });
    // Named by the payment, D is paid even while disputed.
    expect(open(settleInvoices(invs, [payment('Q', 'D', '200.00', '2026-05-02')], 30, asOf, new Set(['D'])))).toMatchObject({ D: 80000 });
  });

  it('on one day applies credit notes, then payments to the invoices they name, then waiting credit', () => {
    // Credit of 100 waits from 1 May. On 10 May: N is issued and paid in full by a payment naming it, and CN (50) names N.
    // CN takes 50 of N first; the payment pays the other 50 and its 50 surplus joins the credit. Nothing else is open.
    const s = settleInvoices(
      [inv('OLD', '10.00', '2026-04-01', '2026-05-01'), inv('N', '100.00', '2026-05-10', '2026-06-09'), { ...invoice('CN', '-50.00', '2026-05-10'), appliesToInvoiceId: 'N' }],
      [payment('pre', 'OLD', '110.00', '2026-05-01'), payment('P', 'N', '100.00', '2026-05-10')],
      30,
      asOf,
    );
    expect(s.applications.map((a) => [a.fromId, a.invoiceId, a.amount])).toEqual([
      ['pre', 'OLD', 1000],
      ['CN', 'N', 5000],
      ['P', 'N', 5000],
    ]);
    expect(s.payments.map((p) => [p.id, p.surplus, p.unapplied])).toEqual([
      ['pre', 10000, 10000],
      ['P', 5000, 5000],
    ]);
  });

  it('keeps currencies apart: surplus in one currency never settles another', () => {
    const s = settleInvoices(
      [inv('E', '100.00', '2026-04-01', '2026-05-01'), inv('U', '100.00', '2026-04-01', '2026-05-01', 'USD')],
      [payment('P', 'E', '300.00', '2026-05-01')],
      30,
      asOf,
    );
    expect(open(s)).toEqual({ E: 0, U: 10000 });
    expect(s.payments[0]).toMatchObject({ currency: 'EUR', unapplied: 20000 });
  });
});
