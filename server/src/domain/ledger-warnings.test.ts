import { describe, expect, it } from 'vitest';
import { type ChangedRow, findLedgerWarnings, type LedgerWarningInput, type WarningInvoice, type WarningPayment } from './ledger-warnings.js';
import { parseMoney } from './money.js';

const inv = (externalId: string, amount: string, issuedAt = '2026-03-01', over: Partial<WarningInvoice> = {}): WarningInvoice => ({
  externalId,
  accountId: 'acc-1',
  number: externalId,
  currency: 'EUR',
  amount: parseMoney(amount),
  issuedAt,
  dueAt: issuedAt.replace('-03-', '-04-'),
  appliesTo: null,
  ...over,
});
const pay = (externalId: string, invoiceExternalId: string, amount: string, receivedAt = '2026-03-20', accountId = 'acc-1'): WarningPayment => ({
  externalId,
  invoiceExternalId,
  accountId,
  amount: parseMoney(amount),
  receivedAt,
});

/** `stored` rows were there before; `batch` rows are the created ones, in batch order. */
function warnings(stored: { invoices?: WarningInvoice[]; payments?: WarningPayment[] }, batch: { invoices?: WarningInvoice[]; payments?: WarningPayment[] }, over: Partial<LedgerWarningInput> = {}) {
  const changed: ChangedRow[] = [
    ...(batch.invoices ?? []).map((i, index) => ({ kind: 'INVOICE' as const, externalId: i.externalId, index })),
    ...(batch.payments ?? []).map((p, index) => ({ kind: 'PAYMENT' as const, externalId: p.externalId, index })),
  ];
  return findLedgerWarnings({
    accountCurrency: new Map([['acc-1', 'EUR']]),
    invoices: [...(stored.invoices ?? []), ...(batch.invoices ?? [])],
    payments: [...(stored.payments ?? []), ...(batch.payments ?? [])],
    storedInvoiceIds: new Set((stored.invoices ?? []).map((i) => i.externalId)),
    storedPaymentIds: new Set((stored.payments ?? []).map((p) => p.externalId)),
    elsewhere: new Map(),
    changed,
    ...over,
  });
}
const brief = (ws: ReturnType<typeof findLedgerWarnings>) => ws.map((w) => [w.kind, w.rowKind, w.externalId, (w.amount / 100).toFixed(2)]);

describe('findLedgerWarnings — ordinary rows say nothing', () => {
  it('a partial payment, a full payment, a credit note on its invoice, an invoice in the account currency', () => {
    const stored = { invoices: [inv('INV-1', '1000.00'), inv('INV-2', '500.00')] };
    const batch = {
      invoices: [inv('INV-3', '200.00', '2026-03-05'), inv('CN-1', '-100.00', '2026-03-06', { appliesTo: 'INV-3' })],
      payments: [pay('PAY-1', 'INV-1', '400.00'), pay('PAY-2', 'INV-2', '500.00'), pay('PAY-3', 'INV-3', '100.00')],
    };
    expect(warnings(stored, batch)).toEqual([]);
  });

  it('an unchanged row never warns, whatever it is', () => {
    const stored = { invoices: [inv('INV-1', '100.00')], payments: [pay('PAY-1', 'INV-1', '500.00')] };
    expect(warnings(stored, {})).toEqual([]);
  });

  it('a payment whose surplus settles an invoice issued later is not an overpayment any more', () => {
    const stored = { invoices: [inv('INV-1', '100.00')] };
    const batch = { invoices: [inv('INV-2', '300.00', '2026-03-25')], payments: [pay('PAY-1', 'INV-1', '400.00')] };
    expect(brief(warnings(stored, batch))).toEqual([['MISAPPLIED_PAYMENT', 'PAYMENT', 'PAY-1', '300.00']]);
  });
});

describe('findLedgerWarnings — each kind', () => {
  it('OVERPAYMENT: 50,000 against 11,000 open leaves 39,000 of credit, named with the amount', () => {
    const [w, ...rest] = warnings({ invoices: [inv('INV-1', '11000.00')] }, { payments: [pay('PAY-9', 'INV-1', '50000.00')] });
    expect(rest).toEqual([]);
    expect(w).toMatchObject({ kind: 'OVERPAYMENT', rowKind: 'PAYMENT', index: 0, externalId: 'PAY-9', amount: 3_900_000, currency: 'EUR' });
    expect(w!.message).toBe(
      'Payment "PAY-9" of EUR 50,000.00 on invoice "INV-1" (2026-03-20) is EUR 39,000.00 more than the EUR 11,000.00 open on it; EUR 39,000.00 is more than everything the customer owes in EUR and stays on the account as a credit balance.',
    );
  });

  it('MISAPPLIED_PAYMENT: one payment for three invoices booked against the first, naming the others', () => {
    const stored = { invoices: [inv('INV-1', '3000.00', '2026-03-01'), inv('INV-2', '3000.00', '2026-03-02'), inv('INV-3', '3000.00', '2026-03-03')] };
    const ws = warnings(stored, { payments: [pay('PAY-1', 'INV-1', '9000.00')] });
    expect(brief(ws)).toEqual([['MISAPPLIED_PAYMENT', 'PAYMENT', 'PAY-1', '6000.00']]);
    expect(ws[0]!.message).toContain('is EUR 6,000.00 more than the EUR 3,000.00 open on it; EUR 6,000.00 of it settles invoices "INV-2", "INV-3" instead.');
  });

  it('a payment over thousands of invoices names five and counts the rest; ids are quoted safely', () => {
    const many = Array.from({ length: 2000 }, (_, i) => inv(`INV-${String(i).padStart(4, '0')}`, '1.00', '2026-03-01'));
    const ws = warnings({ invoices: many }, { payments: [pay('PAY-1', 'INV-0000', '2000.00')] });
    expect(ws[0]!.message).toMatch(/settles invoices "INV-0001", "INV-0002", "INV-0003", "INV-0004", "INV-0005" and 1994 more instead\.$/);
    expect(ws[0]!.message.length).toBeLessThan(300);
    // A quote or a bidi override in an id cannot end the quote or reorder the sentence.
    const odd = warnings({ invoices: [inv('INV-1', '10.00')] }, { payments: [pay('P" is fine "X\u202e', 'INV-1', '50.00')] });
    expect(odd[0]!.message).toContain('Payment "P\\" is fine \\"X\\u202e" of EUR 50.00');
    expect(odd[0]!.message).not.toMatch(/\u202e/);
  });

  it('both at once: part taken by another open invoice, the rest credit', () => {
    const ws = warnings({ invoices: [inv('INV-1', '100.00'), inv('INV-2', '50.00')] }, { payments: [pay('PAY-1', 'INV-1', '200.00')] });
    expect(brief(ws)).toEqual([
      ['MISAPPLIED_PAYMENT', 'PAYMENT', 'PAY-1', '50.00'],
      ['OVERPAYMENT', 'PAYMENT', 'PAY-1', '50.00'],
    ]);
  });

  it('a second payment of an invoice already paid is the one that overpays', () => {
    const stored = { invoices: [inv('INV-1', '100.00')], payments: [pay('PAY-1', 'INV-1', '100.00', '2026-03-10')] };
    expect(brief(warnings(stored, { payments: [pay('PAY-2', 'INV-1', '100.00', '2026-03-12')] }))).toEqual([['OVERPAYMENT', 'PAYMENT', 'PAY-2', '100.00']]);
  });

  it('DUPLICATE_PAYMENT: same invoice, amount and day as a stored payment, and within the batch (the later row only)', () => {
    const stored = { invoices: [inv('INV-1', '1000.00')], payments: [pay('PAY-1', 'INV-1', '300.00')] };
    const ws = warnings(stored, { payments: [pay('PAY-2', 'INV-1', '300.00'), pay('PAY-3', 'INV-1', '50.00'), pay('PAY-4', 'INV-1', '50.00')] });
    expect(brief(ws)).toEqual([
      ['DUPLICATE_PAYMENT', 'PAYMENT', 'PAY-2', '300.00'],
      ['DUPLICATE_PAYMENT', 'PAYMENT', 'PAY-4', '50.00'],
    ]);
    expect(ws[0]!.message).toBe('Payment "PAY-2" of EUR 300.00 on invoice "INV-1" (2026-03-20) has the same invoice, amount and day as payment "PAY-1": probably the same payment recorded twice.');
    // Another day or amount is another payment.
    expect(warnings(stored, { payments: [pay('PAY-5', 'INV-1', '300.00', '2026-03-21')] })).toEqual([]);
  });

  it('DUPLICATE_INVOICE: same account, number and amount under another id', () => {
    const stored = { invoices: [inv('INV-1', '1000.00', '2026-03-01', { number: '2026-0042' })] };
    const ws = warnings(stored, { invoices: [inv('INV-1-COPY', '1000.00', '2026-03-01', { number: '2026-0042' }), inv('INV-2', '999.00', '2026-03-01', { number: '2026-0042' })] });
    expect(brief(ws)).toEqual([['DUPLICATE_INVOICE', 'INVOICE', 'INV-1-COPY', '1000.00']]);
    expect(ws[0]!.message).toContain('Invoice "INV-1-COPY" (no. 2026-0042) of EUR 1,000.00 has the same number and amount as "INV-1"');
    // Another account's invoice with the same number is not a duplicate.
    expect(warnings(stored, { invoices: [inv('INV-X', '1000.00', '2026-03-01', { number: '2026-0042', accountId: 'acc-2' })] }, { accountCurrency: new Map([['acc-1', 'EUR'], ['acc-2', 'EUR']]) })).toEqual([]);
  });

  it('NEW_CURRENCY: the first invoice in a currency the account does not use, only the earliest of a batch', () => {
    const ws = warnings({ invoices: [inv('INV-1', '100.00')] }, { invoices: [inv('USD-2', '70.00', '2026-03-09', { currency: 'USD' }), inv('USD-1', '50.00', '2026-03-08', { currency: 'USD' })] });
    expect(brief(ws)).toEqual([['NEW_CURRENCY', 'INVOICE', 'USD-1', '50.00']]);
    expect(ws[0]!.message).toBe(`Invoice "USD-1" (no. USD-1) of USD 50.00 is the account's first in USD (its currency is EUR).`);
    // A currency it already has an invoice in is not new.
    expect(warnings({ invoices: [inv('USD-0', '10.00', '2026-02-01', { currency: 'USD' })] }, { invoices: [inv('USD-3', '10.00', '2026-03-01', { currency: 'USD' })] })).toEqual([]);
  });

  it('CREDIT_NOTE_UNMATCHED: no such invoice, another account, another currency, a credit note', () => {
    const stored = { invoices: [inv('INV-1', '100.00'), inv('USD-1', '100.00', '2026-03-01', { currency: 'USD' }), inv('CN-0', '-5.00')] };
    const cn = (id: string, appliesTo: string) => inv(id, '-20.00', '2026-03-10', { appliesTo });
    const ws = warnings(stored, { invoices: [cn('CN-1', 'INV-404'), cn('CN-2', 'OTHER-1'), cn('CN-3', 'USD-1'), cn('CN-4', 'CN-0'), cn('CN-5', 'INV-1')] }, {
      elsewhere: new Map([['OTHER-1', { accountId: 'acc-9', currency: 'EUR' }]]),
    });
    expect(ws.map((w) => [w.kind, w.externalId, w.amount])).toEqual([
      ['CREDIT_NOTE_UNMATCHED', 'CN-1', 2000],
      ['CREDIT_NOTE_UNMATCHED', 'CN-2', 2000],
      ['CREDIT_NOTE_UNMATCHED', 'CN-3', 2000],
      ['CREDIT_NOTE_UNMATCHED', 'CN-4', 2000],
    ]);
    expect(ws.map((w) => w.message)).toEqual([
      'Credit note "CN-1" (no. CN-1) of EUR 20.00 names invoice "INV-404", which is not in the ledger; it is applied to the oldest open invoices instead.',
      'Credit note "CN-2" (no. CN-2) of EUR 20.00 names invoice "OTHER-1" of another account; it is applied to the oldest open invoices instead.',
      'Credit note "CN-3" (no. CN-3) of EUR 20.00 names invoice "USD-1", which is in USD; it is applied to the oldest open invoices instead.',
      'Credit note "CN-4" (no. CN-4) of EUR 20.00 names "CN-0", which is a credit note, not an invoice; it is applied to the oldest open invoices instead.',
    ]);
  });

  it('a credit note settles its invoice before a payment: the payment of the rest is not an overpayment', () => {
    const stored = { invoices: [inv('INV-1', '10000.00', '2026-03-01'), inv('CN-1', '-3000.00', '2026-03-05', { appliesTo: 'INV-1' })] };
    expect(warnings(stored, { payments: [pay('PAY-1', 'INV-1', '7000.00', '2026-03-20')] })).toEqual([]);
    expect(brief(warnings(stored, { payments: [pay('PAY-2', 'INV-1', '10000.00', '2026-03-20')] }))).toEqual([['OVERPAYMENT', 'PAYMENT', 'PAY-2', '3000.00']]);
  });
});
