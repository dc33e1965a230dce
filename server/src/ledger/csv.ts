/**
 * Reading AR aging / ledger exports: a small RFC 4180 parser (quoted fields, "" escapes, line breaks inside
 * quotes, CRLF / LF / CR, a leading BOM) that works over a string or a stream of chunks, and the column
 * mapping from export headers to the raw ledger rows `validateLedgerBatch` checks. Lenient where exports
 * are sloppy (a stray quote inside an unquoted field is kept as text), strict where data would be lost
 * (an unterminated quote, text after a closing quote, a short row).
 */
import type { RawInvoiceRow, RawPaymentRow } from '../domain/index.js';
import { textProblem } from '../domain/text.js';

export interface CsvRecord {
  /** 1-based line on which the record starts (a quoted field may span lines). */
  line: number;
  fields: string[];
}

export class CsvSyntaxError extends Error {
  constructor(
    readonly line: number,
    readonly reason: string,
  ) {
    super(`line ${line}: ${reason}`);
    this.name = 'CsvSyntaxError';
  }
}

export interface CsvOptions {
  /** One character; default ",". European exports often use ";" (see detectDelimiter). */
  delimiter?: string;
  /** The source yields lines without their line break (e.g. node:readline); one is put back between them. */
  lines?: boolean;
}

/** An incremental parser: feed chunks with write(), then end(). Each returns the records completed so far. */
export function createCsvParser(options: CsvOptions = {}) {
  const delimiter = options.delimiter ?? ',';
  let state: 'start' | 'unquoted' | 'quoted' | 'quote' = 'start';
  let field = '';
  let fields: string[] = [];
  let line = 1;
  let recordLine = 1;
  let recordStarted = false;
  let previousCR = false;
  let first = true;
  let out: CsvRecord[] = [];

  const endField = () => {
    fields.push(field);
    field = '';
    state = 'start';
  };
  const endRecord = () => {
    endField();
    if (!(fields.length === 1 && fields[0] === '')) out.push({ line: recordLine, fields });
    fields = [];
    recordStarted = false;
  };

  // Scans by index and appends runs of plain characters as slices (a character at a time was most of the import's
  // read time); the state machine is the same as one character at a time.
  function write(chunk: string): CsvRecord[] {
    let i = 0;
    const n = chunk.length;
    if (first && n > 0) {
      first = false;
      if (chunk.charCodeAt(0) === 0xfeff) i = 1;
    }
    const delim = delimiter.charCodeAt(0);
    while (i < n) {
      if (!recordStarted) {
        recordStarted = true;
        recordLine = line;
      }
      const c = chunk.charCodeAt(i);
      if (state === 'quoted') {
        // A run up to the next quote; line breaks inside it are counted.
        let j = chunk.indexOf('"', i);
        if (j < 0) j = n;
        const run = chunk.slice(i, j);
        field += run;
        countLines(run);
        if (j < n) {
          state = 'quote';
          previousCR = false;
        }
        i = j + 1;
        continue;
      }
      if (state === 'quote' && c === 34) {
        field += '"';
        state = 'quoted';
        previousCR = false;
        i++;
        continue;
      }
      if (c === delim) {
        endField();
        previousCR = false;
        i++;
        continue;
      }
      if (c === 10 || c === 13) {
        endRecord();
        if (c === 13 || !previousCR) line++;
        previousCR = c === 13;
        i++;
        continue;
      }
      if (state === 'quote') throw new CsvSyntaxError(line, `unexpected ${JSON.stringify(chunk[i])} after a closing quote`);
      if (state === 'start' && c === 34) {
        state = 'quoted';
        previousCR = false;
        i++;
        continue;
      }
      // An unquoted run: up to the next delimiter or line break (a quote inside it is kept as text).
      let j = i + 1;
      while (j < n) {
        const d = chunk.charCodeAt(j);
        if (d === delim || d === 10 || d === 13) break;
        j++;
      }
      field += chunk.slice(i, j);
      state = 'unquoted';
      previousCR = false;
      i = j;
    }
    const done = out;
    out = [];
    return done;
  }

  /** Line breaks inside a quoted run: CRLF counts once, also across two runs or chunks. */
  function countLines(run: string): void {
    for (let k = 0; k < run.length; k++) {
      const ch = run.charCodeAt(k);
      if (ch === 13 || (ch === 10 && !previousCR)) line++;
      previousCR = ch === 13;
    }
  }

  function end(): CsvRecord[] {
    if (state === 'quoted') throw new CsvSyntaxError(recordLine, 'a quoted field is not closed');
    if (recordStarted) endRecord();
    const done = out;
    out = [];
    return done;
  }
  return { write, end };
}

export function parseCsv(text: string, options: CsvOptions = {}): CsvRecord[] {
  const parser = createCsvParser(options);
  return [...parser.write(text), ...parser.end()];
}

/** Records from a stream of text chunks (e.g. `createReadStream(path, 'utf8')`) or of lines (`lines: true`). */
export async function* readCsvRecords(source: AsyncIterable<string> | Iterable<string>, options: CsvOptions = {}): AsyncGenerator<CsvRecord> {
  const parser = createCsvParser(options);
  for await (const chunk of source) yield* parser.write(options.lines ? `${chunk}\n` : chunk);
  yield* parser.end();
}

/** The likeliest delimiter of a header line: the most frequent of , ; and tab outside quotes. */
export function detectDelimiter(headerLine: string): ',' | ';' | '\t' {
  const unquoted = headerLine.replace(/"[^"]*"/g, '');
  const count = (d: string) => unquoted.split(d).length - 1;
  return ([',', ';', '\t'] as const).reduce((best, d) => (count(d) > count(best) ? d : best));
}

// ---- Column mapping -------------------------------------------------------------------------------------

export type LedgerCsvKind = 'invoices' | 'payments';

export interface ColumnSpec {
  /** Field of the raw row (`account.*`: at least one of the three is required). */
  field: string;
  /** Accepted headers, most specific first, compared after normalising (lower case, spaces and dashes → _). */
  headers: readonly string[];
  required: boolean;
  description: string;
}

/** The documented mapping; the README prints it. */
export const COLUMN_MAPPING: Readonly<Record<LedgerCsvKind, readonly ColumnSpec[]>> = {
  invoices: [
    { field: 'externalId', headers: ['invoice_id', 'external_id', 'invoice_external_id', 'document_id'], required: true, description: 'Your system’s unique invoice id; re-sending it updates the invoice' },
    { field: 'account.id', headers: ['account_id'], required: false, description: 'Earshot account id' },
    { field: 'account.externalId', headers: ['account_external_id', 'customer_id', 'customer_external_id', 'customer_number', 'customer_no'], required: false, description: 'Customer id in your ERP / AR system' },
    { field: 'account.domain', headers: ['account_domain', 'customer_domain', 'domain'], required: false, description: 'Customer web domain' },
    { field: 'number', headers: ['number', 'invoice_number', 'invoice_no', 'document_number'], required: true, description: 'Invoice number as printed' },
    { field: 'currency', headers: ['currency', 'currency_code', 'ccy'], required: true, description: 'ISO 4217 code, e.g. EUR' },
    { field: 'amount', headers: ['amount', 'invoice_amount', 'original_amount', 'total_amount', 'total'], required: true, description: 'Invoice total, 2 decimals, "." as decimal point; negative for a credit note' },
    { field: 'issuedAt', headers: ['issued_at', 'invoice_date', 'issue_date', 'document_date', 'date'], required: true, description: 'Issue date, YYYY-MM-DD' },
    { field: 'dueAt', headers: ['due_at', 'due_date', 'payment_due_date'], required: true, description: 'Due date, YYYY-MM-DD (may be empty for a credit note)' },
    { field: 'appliesTo', headers: ['applies_to', 'applies_to_invoice_id', 'credited_invoice_id'], required: false, description: 'A credit note only: the external id of the invoice it credits' },
  ],
  payments: [
    { field: 'externalId', headers: ['payment_id', 'external_id', 'payment_external_id', 'receipt_id', 'transaction_id'], required: true, description: 'Your system’s unique payment id' },
    { field: 'invoiceExternalId', headers: ['invoice_id', 'invoice_external_id', 'invoice_ref', 'invoice_reference'], required: true, description: 'The invoice’s external id' },
    { field: 'amount', headers: ['amount', 'payment_amount', 'amount_paid', 'paid_amount'], required: true, description: 'Amount paid, 2 decimals, positive' },
    { field: 'receivedAt', headers: ['received_at', 'payment_date', 'paid_at', 'paid_on', 'receipt_date', 'value_date', 'date'], required: true, description: 'Date received, YYYY-MM-DD' },
    { field: 'currency', headers: ['currency', 'currency_code', 'ccy'], required: false, description: 'Optional; must equal the invoice’s currency' },
  ],
};

export const normalizeHeader = (h: string) => h.trim().toLowerCase().replace(/[\s\-./]+/g, '_');

interface HeaderPlan {
  kind: LedgerCsvKind;
  columns: Map<string, number>;
  ignoredColumns: string[];
  missing: string[];
}

function planFor(kind: LedgerCsvKind, headers: readonly string[]): HeaderPlan {
  const normalized = headers.map(normalizeHeader);
  const columns = new Map<string, number>();
  const used = new Set<number>();
  for (const spec of COLUMN_MAPPING[kind]) {
    const index = spec.headers.map((h) => normalized.indexOf(h)).find((i) => i >= 0);
    if (index !== undefined) {
      columns.set(spec.field, index);
      used.add(index);
    }
  }
  const missing = COLUMN_MAPPING[kind].filter((s) => s.required && !columns.has(s.field)).map((s) => s.headers[0]!);
  if (kind === 'invoices' && !['account.id', 'account.externalId', 'account.domain'].some((f) => columns.has(f)))
    missing.push('account_id|account_external_id|account_domain');
  return { kind, columns, missing, ignoredColumns: headers.filter((_, i) => !used.has(i)) };
}

/** Which kind of export a header row is: the kind whose required columns are all there; null if none or both. */
export function detectLedgerKind(headers: readonly string[]): LedgerCsvKind | null {
  const fits = (['invoices', 'payments'] as const).filter((k) => planFor(k, headers).missing.length === 0);
  return fits.length === 1 ? fits[0]! : null;
}

export interface CsvRowError {
  line: number;
  /** The column's header as the file spells it, when the problem is in one cell. */
  field?: string;
  message: string;
}

export interface LedgerCsv {
  kind: LedgerCsvKind | null;
  invoices: RawInvoiceRow[];
  payments: RawPaymentRow[];
  /** Headers that map to nothing (kept for the import report, never an error). */
  ignoredColumns: string[];
  errors: CsvRowError[];
}

/** Maps parsed records (the first is the header) to raw ledger rows with their line numbers. */
export function mapLedgerCsv(records: readonly CsvRecord[], kind?: LedgerCsvKind): LedgerCsv {
  const result: LedgerCsv = { kind: kind ?? null, invoices: [], payments: [], ignoredColumns: [], errors: [] };
  const [header, ...rows] = records;
  if (!header) return { ...result, errors: [{ line: 1, message: 'the file is empty' }] };
  const dup = header.fields.map(normalizeHeader).find((h, i, all) => h !== '' && all.indexOf(h) !== i);
  if (dup) return { ...result, errors: [{ line: header.line, message: `column "${dup}" appears twice` }] };
  const chosen = kind ?? detectLedgerKind(header.fields);
  if (!chosen) {
    const hint = (['invoices', 'payments'] as const).map((k) => `${k} would need ${planFor(k, header.fields).missing.join(', ') || 'nothing more'}`);
    return { ...result, errors: [{ line: header.line, message: `cannot tell invoices from payments by these headers (${hint.join('; ')}); pass the kind` }] };
  }
  const plan = planFor(chosen, header.fields);
  result.kind = chosen;
  result.ignoredColumns = plan.ignoredColumns;
  if (plan.missing.length > 0) return { ...result, errors: [{ line: header.line, message: `missing column(s) for ${chosen}: ${plan.missing.join(', ')}` }] };

  const width = header.fields.length;
  const read = [...plan.columns.values()].sort((a, b) => a - b);
  const at = (field: string) => plan.columns.get(field);
  const cols = {
    externalId: at('externalId'),
    accountId: at('account.id'),
    accountExternalId: at('account.externalId'),
    accountDomain: at('account.domain'),
    number: at('number'),
    currency: at('currency'),
    amount: at('amount'),
    issuedAt: at('issuedAt'),
    dueAt: at('dueAt'),
    appliesTo: at('appliesTo'),
    invoiceExternalId: at('invoiceExternalId'),
    receivedAt: at('receivedAt'),
  };
  for (const { line, fields } of rows) {
    if (fields.length < width || fields.slice(width).some((f) => f.trim() !== '')) {
      result.errors.push({ line, message: `expected ${width} fields, found ${fields.length}` });
      continue;
    }
    // Text the database cannot store (a NUL byte, other C0 controls, lone surrogates) is refused like the API
    // refuses it, in every column the import reads; the row goes no further.
    const bad: CsvRowError[] = [];
    for (const i of read) {
      const problem = textProblem(fields[i] ?? '');
      if (problem) bad.push({ line, field: header.fields[i]!.trim(), message: problem });
    }
    if (bad.length) {
      result.errors.push(...bad);
      continue;
    }
    const get = (i: number | undefined) => (i === undefined ? '' : (fields[i] ?? '').trim());
    // The amount as the file has it: a line break around it is refused by the validation, never trimmed away.
    const amount = cols.amount === undefined ? '' : (fields[cols.amount] ?? '');
    if (chosen === 'invoices') {
      const account: RawInvoiceRow['account'] = {};
      const id = get(cols.accountId);
      const externalId = get(cols.accountExternalId);
      const domain = get(cols.accountDomain);
      if (id) account.id = id;
      if (externalId) account.externalId = externalId;
      if (domain) account.domain = domain;
      const row: RawInvoiceRow = {
        externalId: get(cols.externalId),
        account,
        number: get(cols.number),
        currency: get(cols.currency),
        amount,
        issuedAt: get(cols.issuedAt),
        dueAt: get(cols.dueAt),
        line,
      };
      const appliesTo = get(cols.appliesTo);
      if (appliesTo) row.appliesTo = appliesTo;
      result.invoices.push(row);
    } else {
      const row: RawPaymentRow = { externalId: get(cols.externalId), invoiceExternalId: get(cols.invoiceExternalId), amount, receivedAt: get(cols.receivedAt), line };
      const currency = get(cols.currency);
      if (currency) row.currency = currency;
      result.payments.push(row);
    }
  }
  return result;
}

/** Parse and map in one step; a syntax error becomes a row error instead of an exception. */
export function readLedgerCsv(text: string, options: CsvOptions & { kind?: LedgerCsvKind } = {}): LedgerCsv {
  const firstLine = text.replace(/^\uFEFF/, '').split(/\r\n|\r|\n/, 1)[0] ?? '';
  try {
    return mapLedgerCsv(parseCsv(text, { delimiter: options.delimiter ?? detectDelimiter(firstLine) }), options.kind);
  } catch (error) {
    if (!(error instanceof CsvSyntaxError)) throw error;
    return { kind: options.kind ?? null, invoices: [], payments: [], ignoredColumns: [], errors: [{ line: error.line, message: error.reason }] };
  }
}
