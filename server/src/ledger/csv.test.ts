import { describe, expect, it } from 'vitest';
import { validateLedgerBatch } from '../domain/index.js';
import {
  COLUMN_MAPPING,
  CsvSyntaxError,
  createCsvParser,
  detectDelimiter,
  detectLedgerKind,
  mapLedgerCsv,
  parseCsv,
  readCsvRecords,
  readLedgerCsv,
} from './csv.js';

const fieldsOf = (text: string) => parseCsv(text).map((r) => r.fields);

describe('parseCsv', () => {
  it('splits plain records on LF, CRLF and CR, skipping blank lines, with 1-based line numbers', () => {
    expect(parseCsv('a,b\r\n1,2\n\n3,4\r5,6')).toEqual([
      { line: 1, fields: ['a', 'b'] },
      { line: 2, fields: ['1', '2'] },
      { line: 4, fields: ['3', '4'] },
      { line: 5, fields: ['5', '6'] },
    ]);
  });

  it('reads quoted fields with delimiters, escaped quotes and line breaks inside', () => {
    const records = parseCsv('id,note\r\n1,"Smith, J. said ""pay next week"""\r\n2,"two\r\nlines"\r\n3,""\r\n');
    expect(records).toEqual([
      { line: 1, fields: ['id', 'note'] },
      { line: 2, fields: ['1', 'Smith, J. said "pay next week"'] },
      { line: 3, fields: ['2', 'two\r\nlines'] },
      { line: 5, fields: ['3', ''] },
    ]);
  });

  it('strips a leading byte-order mark and keeps empty fields', () => {
    expect(fieldsOf('\uFEFFa,b,c\n,,\n')).toEqual([
      ['a', 'b', 'c'],
      ['', '', ''],
    ]);
  });

  it('keeps a stray quote inside an unquoted field as text', () => expect(fieldsOf('5" bolts,2')).toEqual([['5" bolts', '2']]));

  it('refuses an unterminated quote and text after a closing quote, naming the line', () => {
    expect(() => parseCsv('a\n"open,1\n2')).toThrow(new CsvSyntaxError(2, 'a quoted field is not closed'));
    expect(() => parseCsv('a\n"x"y,1')).toThrow(/line 2: unexpected "y" after a closing quote/);
  });

  it('honours another delimiter and detects it from the header', () => {
    expect(parseCsv('a;b\n"1;5";2', { delimiter: ';' })[1]?.fields).toEqual(['1;5', '2']);
    expect(detectDelimiter('invoice_id;amount;"a,b"')).toBe(';');
    expect(detectDelimiter('invoice_id\tamount')).toBe('\t');
    expect(detectDelimiter('invoice_id,amount')).toBe(',');
  });
});

describe('streaming', () => {
  const text = 'a,b\r\n"x\r\ny",2\r\n3,4';

  it('gives the same records whatever the chunking, even a CRLF or a quote split across chunks', () => {
    const whole = parseCsv(text);
    for (let size = 1; size <= text.length; size++) {
      const parser = createCsvParser();
      const records = [];
      for (let i = 0; i < text.length; i += size) records.push(...parser.write(text.slice(i, i + size)));
      records.push(...parser.end());
      expect(records).toEqual(whole);
    }
  });

  it('reads an async stream of chunks, and of lines without their breaks', async () => {
    async function* chunks() {
      yield 'a,b\n"multi';
      yield '\nline",2\n';
    }
    const fromChunks = [];
    for await (const r of readCsvRecords(chunks())) fromChunks.push(r);
    expect(fromChunks).toEqual([
      { line: 1, fields: ['a', 'b'] },
      { line: 2, fields: ['multi\nline', '2'] },
    ]);
    const fromLines = [];
    for await (const r of readCsvRecords(['a,b', '"multi', 'line",2'], { lines: true })) fromLines.push(r);
    expect(fromLines).toEqual(fromChunks);
  });
});

describe('ledger column mapping', () => {
  const invoicesCsv = [
    'Invoice ID,Customer Number,Invoice No,Currency,Amount,Invoice Date,Due Date,Notes',
    'INV-1,CUST-9,2026-0001,EUR,1200.00,2026-02-01,2026-03-03,"first, of many"',
    'CN-1,CUST-9,2026-0002,eur,-150.00,2026-02-10,,',
  ].join('\r\n');

  it('detects invoices, maps aliases case-insensitively, keeps line numbers and reports unused columns', () => {
    expect(readLedgerCsv(invoicesCsv)).toEqual({
      kind: 'invoices',
      invoices: [
        { externalId: 'INV-1', account: { externalId: 'CUST-9' }, number: '2026-0001', currency: 'EUR', amount: '1200.00', issuedAt: '2026-02-01', dueAt: '2026-03-03', line: 2 },
        { externalId: 'CN-1', account: { externalId: 'CUST-9' }, number: '2026-0002', currency: 'eur', amount: '-150.00', issuedAt: '2026-02-10', dueAt: '', line: 3 },
      ],
      payments: [],
      ignoredColumns: ['Notes'],
      errors: [],
    });
  });

  it('detects payments, with the optional currency, from a semicolon export', () => {
    const csv = '\uFEFFpayment_id;invoice_id;amount;payment_date;currency\nP-1;INV-1;1200.00;2026-03-01;EUR\nP-2;INV-2;10.00;2026-03-02;\n';
    expect(readLedgerCsv(csv)).toMatchObject({
      kind: 'payments',
      payments: [
        { externalId: 'P-1', invoiceExternalId: 'INV-1', amount: '1200.00', receivedAt: '2026-03-01', currency: 'EUR', line: 2 },
        { externalId: 'P-2', invoiceExternalId: 'INV-2', amount: '10.00', receivedAt: '2026-03-02', line: 3 },
      ],
      errors: [],
    });
  });

  it('feeds validateLedgerBatch, whose messages then carry the file line', () => {
    const { invoices } = readLedgerCsv(`${invoicesCsv}\r\nINV-3,CUST-9,3,EUR,ten,2026-02-01,2026-03-03,`);
    const result = validateLedgerBatch({ invoices }, { resolveAccount: () => 'acc-1', existingInvoice: () => undefined });
    expect(result.ok ? [] : result.errors.map((e) => e.message)).toEqual(['Invoice row 3 (line 4) "INV-3": amount "ten" is not a decimal amount with at most 2 decimals']);
  });

  it('prefers the more specific of two alias columns', () => {
    const r = readLedgerCsv('invoice_id,account_id,number,currency,amount,date,invoice_date,due_date\nI,a,1,EUR,1,2020-01-01,2026-01-01,2026-02-01');
    expect(r.invoices[0]?.issuedAt).toBe('2026-01-01');
    expect(r.ignoredColumns).toEqual(['date']);
  });

  it('reports short rows and keeps going; tolerates empty trailing fields', () => {
    const r = readLedgerCsv('payment_id,invoice_id,amount,received_at\nP1,I1,5.00\nP2,I1,5.00,2026-01-01,,\nP3,I1,5.00,2026-01-01,x');
    expect(r.errors).toEqual([
      { line: 2, message: 'expected 4 fields, found 3' },
      { line: 4, message: 'expected 4 fields, found 5' },
    ]);
    expect(r.payments.map((p) => p.externalId)).toEqual(['P2']);
  });

  it('explains what is missing when the kind cannot be told, and honours an explicit kind', () => {
    expect(readLedgerCsv('invoice_id,amount\nI,1').errors[0]?.message).toBe(
      'cannot tell invoices from payments by these headers (invoices would need number, currency, issued_at, due_at, account_id|account_external_id|account_domain; payments would need payment_id, received_at); pass the kind',
    );
    expect(readLedgerCsv('invoice_id,amount\nI,1', { kind: 'payments' }).errors).toEqual([{ line: 1, message: 'missing column(s) for payments: payment_id, received_at' }]);
  });

  it('rejects duplicate columns, an empty file, and turns syntax errors into row errors', () => {
    expect(readLedgerCsv('amount,Amount\n1,2').errors).toEqual([{ line: 1, message: 'column "amount" appears twice' }]);
    expect(mapLedgerCsv([]).errors).toEqual([{ line: 1, message: 'the file is empty' }]);
    expect(readLedgerCsv('payment_id,invoice_id,amount,received_at\n"P1,I1,1,2026-01-01').errors).toEqual([{ line: 2, message: 'a quoted field is not closed' }]);
  });

  it('detects the kind from headers alone', () => {
    expect(detectLedgerKind(['payment_id', 'invoice_id', 'amount', 'received_at'])).toBe('payments');
    expect(detectLedgerKind(['external_id', 'account_domain', 'number', 'currency', 'amount', 'issued_at', 'due_at'])).toBe('invoices');
    expect(detectLedgerKind(['foo'])).toBeNull();
  });

  it('reads applies_to, the invoice a credit note credits, and leaves it out when empty', () => {
    const csv = readLedgerCsv('invoice_id,customer_id,number,currency,amount,issued_at,due_at,applies_to\nCN-1,C-1,CN1,EUR,-10.00,2026-03-01,,INV-1\nINV-2,C-1,N2,EUR,10.00,2026-03-01,2026-03-31,\n');
    expect(csv.errors).toEqual([]);
    expect(csv.invoices.map((r) => r.appliesTo)).toEqual(['INV-1', undefined]);
  });

  it('documents every field with its headers', () => {
    for (const spec of [...COLUMN_MAPPING.invoices, ...COLUMN_MAPPING.payments]) {
      expect(spec.headers.length).toBeGreaterThan(0);
      expect(spec.description).not.toBe('');
    }
    expect(COLUMN_MAPPING.invoices.map((s) => s.headers[0])).toEqual([
      'invoice_id', 'account_id', 'account_external_id', 'account_domain', 'number', 'currency', 'amount', 'issued_at', 'due_at', 'applies_to',
    ]);
    expect(COLUMN_MAPPING.payments.map((s) => s.headers[0])).toEqual(['payment_id', 'invoice_id', 'amount', 'received_at', 'currency']);
  });
});

describe('text the database cannot store', () => {
  it('refuses a NUL byte or another C0 control in any column the import reads, naming line and column; the row goes no further', () => {
    const text = [
      'invoice_id,customer_id,number,currency,amount,issued_at,due_at,memo',
      'INV-1\u0000,CUST-1,N-1,EUR,10.00,2026-01-05,2026-02-04,ok',
      'INV-2,CUST\u0000-1,N-2\u0007,EUR,10.00,2026-01-05,2026-02-04,ok',
      'INV-3,CUST-1,N-3,EUR,10.00,2026-01-05,2026-02-04,ignored column \u0000',
      'INV-4,CUST-1,N-4,EUR,10.00,2026-01-05,2026-02-04,\ttabs are fine',
    ].join('\n');
    const mapped = readLedgerCsv(text);
    expect(mapped.errors).toEqual([
      { line: 2, field: 'invoice_id', message: 'contains the control character U+0000' },
      { line: 3, field: 'customer_id', message: 'contains the control character U+0000' },
      { line: 3, field: 'number', message: 'contains the control character U+0007' },
    ]);
    // The column "memo" maps to nothing, so its content is never stored: not an error.
    expect(mapped.invoices.map((r) => r.externalId)).toEqual(['INV-3', 'INV-4']);
  });
});
