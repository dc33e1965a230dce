import { describe, expect, it } from 'vitest';
import type { ExistingInvoice, LedgerLookups, RawInvoiceRow, RawPaymentRow } from './ledger-rows.js';
import { validateLedgerBatch } from './ledger-validation.js';

const accounts: Record<string, string> = { 'acc-1': 'acc-1', 'ext:CUST-9': 'acc-2', 'dom:northwind.example': 'acc-3' };
const stored: Record<string, ExistingInvoice> = {
  'INV-OLD': { accountId: 'acc-1', currency: 'EUR', issuedAt: '2026-01-10', amount: 50000 },
  'CN-OLD': { accountId: 'acc-1', currency: 'EUR', issuedAt: '2026-01-12', amount: -2000 },
};
const lookups: LedgerLookups = {
  resolveAccount: (ref) =>
    (ref.id && accounts[ref.id]) ||
    (ref.externalId && accounts[`ext:${ref.externalId}`]) ||
    (ref.domain && accounts[`dom:${ref.domain}`]) ||
    null,
  existingInvoice: (id) => stored[id],
  existingPayment: (id) => (id === 'PAY-OLD' ? { invoiceExternalId: 'INV-OLD' } : undefined),
};

const invoice = (over: Partial<RawInvoiceRow> = {}): RawInvoiceRow => ({
  externalId: 'INV-1',
  account: { id: 'acc-1' },
  number: '2026-0001',
  currency: 'EUR',
  amount: '1200.00',
  issuedAt: '2026-02-01',
  dueAt: '2026-03-03',
  ...over,
});
const payment = (over: Partial<RawPaymentRow> = {}): RawPaymentRow => ({
  externalId: 'PAY-1',
  invoiceExternalId: 'INV-1',
  amount: '1200.00',
  receivedAt: '2026-03-01',
  ...over,
});

function errorsOf(batch: Parameters<typeof validateLedgerBatch>[0]) {
  const result = validateLedgerBatch(batch, lookups);
  if (result.ok) throw new Error('expected errors');
  return result.errors;
}

describe('validateLedgerBatch — valid batches', () => {
  it('normalises amounts, currency case and dates, and lists the accounts to recompute', () => {
    const result = validateLedgerBatch(
      {
        invoices: [invoice({ currency: 'eur', issuedAt: '2026-02-01T09:00:00Z' }), invoice({ externalId: 'INV-2', account: { domain: 'northwind.example' } })],
        payments: [payment(), payment({ externalId: 'PAY-2', invoiceExternalId: 'INV-OLD', amount: '10', receivedAt: '2026-01-10', currency: 'EUR' })],
      },
      lookups,
    );
    expect(result).toEqual({
      ok: true,
      invoices: [
        { externalId: 'INV-1', accountId: 'acc-1', number: '2026-0001', currency: 'EUR', amount: 120000, issuedAt: '2026-02-01', dueAt: '2026-03-03', isCreditNote: false, appliesTo: null },
        { externalId: 'INV-2', accountId: 'acc-3', number: '2026-0001', currency: 'EUR', amount: 120000, issuedAt: '2026-02-01', dueAt: '2026-03-03', isCreditNote: false, appliesTo: null },
      ],
      payments: [
        { externalId: 'PAY-1', invoiceExternalId: 'INV-1', accountId: 'acc-1', amount: 120000, currency: 'EUR', receivedAt: '2026-03-01' },
        // paid on the issue day: allowed
        { externalId: 'PAY-2', invoiceExternalId: 'INV-OLD', accountId: 'acc-1', amount: 1000, currency: 'EUR', receivedAt: '2026-01-10' },
      ],
      affectedAccountIds: ['acc-1', 'acc-3'],
    });
  });

  it('accepts a credit note (negative amount) with no due date; it takes the issue date', () => {
    const result = validateLedgerBatch({ invoices: [invoice({ amount: '-150.00', dueAt: '' })] }, lookups);
    expect(result.ok && result.invoices[0]).toMatchObject({ amount: -15000, isCreditNote: true, dueAt: '2026-02-01' });
  });

  it('lets a re-sent invoice correct its amount and keeps line numbers', () => {
    const result = validateLedgerBatch({ invoices: [invoice({ externalId: 'INV-OLD', amount: '450.00', issuedAt: '2026-01-10', line: 7 })] }, lookups);
    expect(result.ok && result.invoices[0]).toMatchObject({ amount: 45000, line: 7 });
  });

  it('accepts an empty batch', () => expect(validateLedgerBatch({}, lookups)).toEqual({ ok: true, invoices: [], payments: [], affectedAccountIds: [] }));
});

describe('validateLedgerBatch — invoice errors', () => {
  it.each([
    [{ externalId: '  ' }, 'externalId', 'externalId is empty'],
    [{ account: {} }, 'account', 'account needs an id, externalId or domain'],
    [{ account: { externalId: 'CUST-404' } }, 'account', 'unknown account (externalId "CUST-404")'],
    [{ number: '' }, 'number', 'number is empty'],
    [{ currency: 'EURO' }, 'currency', 'currency "EURO" is not a known ISO 4217 code'],
    [{ currency: 'XYZ' }, 'currency', 'currency "XYZ" is not a known ISO 4217 code'],
    [{ amount: '12,50' }, 'amount', 'amount "12,50" is not a decimal amount with at most 2 decimals'],
    [{ amount: '1.005' }, 'amount', 'amount "1.005" is not a decimal amount with at most 2 decimals'],
    [{ amount: '0.00' }, 'amount', 'amount is zero (send a positive amount, or a negative one for a credit note)'],
    [{ issuedAt: '01/02/2026' }, 'issuedAt', 'issuedAt "01/02/2026" is not a date (YYYY-MM-DD)'],
    [{ dueAt: '2026-02-30' }, 'dueAt', 'dueAt "2026-02-30" is not a date (YYYY-MM-DD)'],
    [{ dueAt: '' }, 'dueAt', 'dueAt "" is not a date (YYYY-MM-DD)'],
    [{ dueAt: '2026-01-31' }, 'dueAt', 'dueAt 2026-01-31 is before issuedAt 2026-02-01'],
  ] as const)('%j → %s', (over, field, problem) => {
    expect(errorsOf({ invoices: [invoice(over as Partial<RawInvoiceRow>)] })).toContainEqual(
      expect.objectContaining({ kind: 'INVOICE', index: 0, field, message: expect.stringContaining(problem) }),
    );
  });

  it('names the row, its line and its external id in the message', () => {
    const [error] = errorsOf({ invoices: [invoice(), invoice({ externalId: 'INV-9', amount: 'ten', line: 12 })] });
    expect(error).toEqual({
      kind: 'INVOICE',
      index: 1,
      field: 'amount',
      line: 12,
      message: 'Invoice row 2 (line 12) "INV-9": amount "ten" is not a decimal amount with at most 2 decimals',
    });
  });

  it('rejects a duplicate external id within the batch, pointing at the first row', () => {
    expect(errorsOf({ invoices: [invoice(), invoice()] })).toEqual([
      expect.objectContaining({ index: 1, field: 'externalId', message: 'Invoice row 2 "INV-1": externalId "INV-1" is already used by invoice row 1' }),
    ]);
  });

  it('rejects an existing invoice re-sent under another account or currency', () => {
    const errors = errorsOf({ invoices: [invoice({ externalId: 'INV-OLD', account: { externalId: 'CUST-9' }, currency: 'USD' })] });
    expect(errors.map((e) => e.field)).toEqual(['account', 'currency']);
    expect(errors[1]?.message).toContain("currency USD differs from the stored invoice's EUR");
  });

  it('reports every problem of every row, so the whole file can be fixed in one go', () => {
    const errors = errorsOf({ invoices: [invoice({ amount: 'x', currency: 'x' }), invoice({ externalId: 'INV-2', dueAt: 'x' })] });
    expect(errors.map((e) => `${e.index}:${e.field}`)).toEqual(['0:currency', '0:amount', '1:dueAt']);
  });
});

describe('validateLedgerBatch — payment errors', () => {
  const withInvoice = (p: Partial<RawPaymentRow>) => errorsOf({ invoices: [invoice()], payments: [payment(p)] });

  it.each([
    [{ externalId: '' }, 'externalId', 'externalId is empty'],
    [{ invoiceExternalId: '' }, 'invoiceExternalId', 'invoiceExternalId is empty'],
    [{ invoiceExternalId: 'INV-404' }, 'invoiceExternalId', 'invoice "INV-404" is neither in this batch nor already stored'],
    [{ invoiceExternalId: 'CN-OLD', receivedAt: '2026-02-01' }, 'invoiceExternalId', 'invoice "CN-OLD" is a credit note'],
    [{ amount: '0' }, 'amount', 'amount must be positive'],
    [{ amount: '-5.00' }, 'amount', 'amount must be positive'],
    [{ amount: 'abc' }, 'amount', 'amount "abc" is not a decimal amount'],
    [{ receivedAt: 'soon' }, 'receivedAt', 'receivedAt "soon" is not a date'],
    [{ receivedAt: '2026-01-31' }, 'receivedAt', 'receivedAt 2026-01-31 is before the invoice was issued (2026-02-01)'],
    [{ currency: 'USD' }, 'currency', `currency USD differs from invoice "INV-1"'s currency EUR`],
    [{ currency: 'ABC' }, 'currency', 'currency "ABC" is not a known ISO 4217 code'],
    [{ externalId: 'PAY-OLD' }, 'invoiceExternalId', 'payment "PAY-OLD" is already recorded against invoice "INV-OLD"'],
  ] as const)('%j → %s', (over, field, problem) => {
    expect(withInvoice(over)).toContainEqual(expect.objectContaining({ kind: 'PAYMENT', index: 0, field, message: expect.stringContaining(problem) }));
  });

  it('checks the issue date of a stored invoice too', () => {
    expect(errorsOf({ payments: [payment({ invoiceExternalId: 'INV-OLD', receivedAt: '2026-01-09' })] })[0]?.field).toBe('receivedAt');
  });

  it('rejects a payment credited to a credit note in the same batch', () => {
    const errors = errorsOf({ invoices: [invoice({ amount: '-10.00' })], payments: [payment()] });
    expect(errors[0]?.message).toContain('is a credit note');
  });

  it('rejects duplicate payment ids within the batch', () => {
    const errors = errorsOf({ invoices: [invoice()], payments: [payment(), payment({ amount: '1.00' })] });
    expect(errors).toEqual([expect.objectContaining({ index: 1, field: 'externalId', message: expect.stringContaining('already used by payment row 1') })]);
  });

  it('is all-or-nothing: one bad payment rejects the valid invoices too', () => {
    const result = validateLedgerBatch({ invoices: [invoice()], payments: [payment({ amount: '-1' })] }, lookups);
    expect(result.ok).toBe(false);
    expect(result).not.toHaveProperty('invoices');
  });
});

describe('validateLedgerBatch — formula-like ids and amounts over several lines', () => {
  it('refuses ids a spreadsheet would run as a formula (=, +, -, @ first), each with its field and row', () => {
    const errors = errorsOf({
      invoices: [
        invoice({ externalId: "=cmd|' /C calc'!A0" }),
        invoice({ externalId: 'INV-2', number: '+1+1' }),
        invoice({ externalId: 'CN-3', amount: '-10.00', dueAt: '', appliesTo: '@SUM(A1:A9)' }),
        invoice({ externalId: ' -2+3', number: 'N-4' }),
      ],
      payments: [payment({ externalId: '=HYPERLINK("http://evil.example","x")', invoiceExternalId: 'INV-2' }), payment({ externalId: 'PAY-2', invoiceExternalId: '@INV-1' })],
    });
    expect(errors.map((e) => [e.kind, e.index, e.field])).toEqual([
      ['INVOICE', 0, 'externalId'],
      ['INVOICE', 1, 'number'],
      ['INVOICE', 2, 'appliesTo'],
      ['INVOICE', 3, 'externalId'],
      ['PAYMENT', 0, 'externalId'],
      ['PAYMENT', 1, 'invoiceExternalId'],
      ['PAYMENT', 1, 'invoiceExternalId'],
    ]);
    expect(errors[0]?.message).toBe(
      'Invoice row 1 "=cmd|\' /C calc\'!A0": externalId "=cmd|\' /C calc\'!A0" starts with "=", which a spreadsheet runs as a formula; ids may not start with =, +, - or @',
    );
    expect(errors[3]?.message).toContain('externalId "-2+3" starts with "-"');
  });

  it('refuses a full-width ＝ ＋ － ＠ first too (NFKC), and one hidden behind a leading tab or CR', () => {
    const errors = errorsOf({
      invoices: [invoice({ externalId: '＝cmd|x' }), invoice({ externalId: 'INV-2', number: '＋1' }), invoice({ externalId: '\t－2' }), invoice({ externalId: '\r＠x' })],
    });
    expect(errors.map((e) => [e.index, e.field])).toEqual([
      [0, 'externalId'],
      [1, 'number'],
      [2, 'externalId'],
      [3, 'externalId'],
    ]);
    expect(errors[0]?.message).toContain('externalId "＝cmd|x" starts with "＝", which a spreadsheet runs as a formula');
  });

  it('still accepts ids with those characters inside, and a credit note’s negative amount', () => {
    expect(validateLedgerBatch({ invoices: [invoice({ externalId: 'INV-2026=1@a+b', number: '2026-0001' }), invoice({ externalId: 'CN-1', amount: '-5.00', dueAt: '' })] }, lookups).ok).toBe(true);
  });

  it('refuses an amount with a line break in it or around it, never trimming it away', () => {
    const errors = errorsOf({
      invoices: [invoice({ amount: '1200.00\n' }), invoice({ externalId: 'INV-2', amount: '12\n00.00' }), invoice({ externalId: 'INV-3', amount: '\r\n(50.00)' })],
      payments: [payment({ invoiceExternalId: 'INV-OLD', amount: '10.00\r' })],
    });
    expect(errors.map((e) => [e.kind, e.index, e.field])).toEqual([
      ['INVOICE', 0, 'amount'],
      ['INVOICE', 1, 'amount'],
      ['INVOICE', 2, 'amount'],
      ['PAYMENT', 0, 'amount'],
    ]);
    expect(errors[0]?.message).toBe('Invoice row 1 "INV-1": amount "1200.00\\n" contains a line break; an amount is one line of digits');
    // Spaces and tabs around an amount are still only padding.
    expect(validateLedgerBatch({ invoices: [invoice({ amount: ' \t1200.00 ' })] }, lookups).ok).toBe(true);
  });
});

describe('validateLedgerBatch — today and credit-note targets', () => {
  const today = { today: '2026-03-10' };
  it('refuses an invoice issued and a payment received in the future; today and tomorrow (already today east of UTC) are fine', () => {
    const result = validateLedgerBatch({ invoices: [invoice({ issuedAt: '2026-03-12', dueAt: '2026-04-10' })], payments: [payment({ invoiceExternalId: 'INV-OLD', receivedAt: '2026-03-12' })] }, lookups, today);
    expect(result.ok ? [] : result.errors.map((e) => [e.kind, e.field, e.message])).toEqual([
      ['INVOICE', 'issuedAt', 'Invoice row 1 "INV-1": issuedAt 2026-03-12 is in the future (today is 2026-03-10 UTC)'],
      ['PAYMENT', 'receivedAt', 'Payment row 1 "PAY-1": receivedAt 2026-03-12 is in the future (today is 2026-03-10 UTC)'],
    ]);
    expect(validateLedgerBatch({ invoices: [invoice({ issuedAt: '2026-03-10', dueAt: '2026-04-09' })], payments: [payment({ receivedAt: '2026-03-10' })] }, lookups, today).ok).toBe(true);
    expect(validateLedgerBatch({ invoices: [invoice({ issuedAt: '2026-03-11', dueAt: '2026-04-09' })], payments: [payment({ receivedAt: '2026-03-11' })] }, lookups, today).ok).toBe(true);
  });

  it('keeps appliesTo on a credit note, and refuses it on an invoice or naming the note itself', () => {
    const ok = validateLedgerBatch({ invoices: [invoice({ externalId: 'CN-1', amount: '-50.00', dueAt: '', appliesTo: ' INV-OLD ' })] }, lookups);
    expect(ok.ok && ok.invoices[0]).toMatchObject({ appliesTo: 'INV-OLD', isCreditNote: true });
    const errors = errorsOf({ invoices: [invoice({ appliesTo: 'INV-OLD' }), invoice({ externalId: 'CN-2', amount: '-5.00', appliesTo: 'CN-2' })] });
    expect(errors.map((e) => [e.index, e.field, e.message])).toEqual([
      [0, 'appliesTo', 'Invoice row 1 "INV-1": appliesTo "INV-OLD" is only for a credit note (a negative amount); this row is an invoice'],
      [1, 'appliesTo', 'Invoice row 2 "CN-2": appliesTo names the credit note itself'],
    ]);
  });
});
