/**
 * Validation of an `importLedger` batch. A batch is all-or-nothing: every row is checked, every problem is
 * reported (kind, index, field, a message naming the row), and the normalised rows come back only when there
 * is none, so an AR export with one bad line never half-lands in the ledger.
 *
 * Decisions:
 * - A negative invoice amount is a credit note (common in AR exports). Its due date may be empty (it is
 *   never due) and no payment may be applied to it. A zero amount is always an error.
 * - Payments must be positive: refunds and reversals are not payments.
 * - A payment may settle an invoice in the same batch or one already stored; the batch row wins.
 * - A re-sent invoice may change its amount or dates (corrections), never its account or currency.
 * - Payment dated on the issue day is fine; before the issue day is rejected.
 * - Nothing is dated in the future: an invoice not yet issued or a payment not yet received is a feed error, and
 *   counting it would move every figure of the account. "Today" is the server's UTC day, passed in; one day more
 *   is allowed, because it is already tomorrow somewhere (a feed east of UTC exports just after its midnight).
 * - `appliesTo` (the invoice a credit note credits) only on a credit note, and never the note itself. Naming an
 *   invoice that does not exist, or one of another account or currency, is a warning (ledger-warnings.ts), not
 *   an error: AR systems send notes before the invoice they correct.
 * - An id (externalId, number, appliesTo, invoiceExternalId) may not start with "=", "+", "-" or "@": a spreadsheet
 *   opening any export of the ledger would run it as a formula (CSV injection: `=cmd|' /C calc'!A0`). Real AR ids
 *   start with a letter or a digit, so it is refused at the door rather than escaped on every way out. The check is
 *   text.ts `formulaStart`, the same as for an account's name and external id: after NFKC normalisation (a
 *   full-width ＝ counts) and trimming (a leading tab or CR cannot hide one).
 * - An amount is one line: a line break anywhere in it (even at either end, where trimming would hide it) is
 *   refused, not trimmed away — a cell that spans lines is a broken export, and what else it carried is unknown.
 */
import { dayToIso, parseIsoDay } from './calendar.js';
import { normalizeCurrency } from './currency.js';
import type {
  AccountRef,
  LedgerLookups,
  LedgerRowError,
  LedgerRowKind,
  LedgerValidation,
  LedgerValidationOptions,
  RawInvoiceRow,
  RawPaymentRow,
  ValidInvoice,
  ValidPayment,
} from './ledger-rows.js';
import { moneyProblem, tryParseAmountInput } from './money.js';
import { formulaStart } from './text.js';

interface InvoiceFacts {
  index: number;
  accountId: string | null;
  currency: string | null;
  amount: number | null;
  issuedDay: number | null;
}

const text = (value: unknown): string => (typeof value === 'string' ? value.trim() : '');

/** Why an id cannot be stored, or null: it would run as a formula when a spreadsheet opens an export (text.ts). */
function idProblem(field: string, id: string): string | null {
  const start = formulaStart(id);
  if (start === null) return null;
  return `${field} ${JSON.stringify(id)} starts with "${start}", which a spreadsheet runs as a formula; ids may not start with =, +, - or @`;
}

/** Why an amount's text is refused before it is read as a number, or null: a line break inside or around it. */
function amountTextProblem(raw: unknown): string | null {
  return typeof raw === 'string' && /[\r\n]/.test(raw) ? `amount ${JSON.stringify(raw)} contains a line break; an amount is one line of digits` : null;
}

/** Reports each id that would run as a formula. */
function failOnFormulas(fail: (field: string, problem: string) => void, ids: Record<string, string>): void {
  for (const field in ids) {
    const problem = idProblem(field, ids[field]!);
    if (problem) fail(field, problem);
  }
}

/** The amount in minor units, or null after reporting why not (`fail`). */
function readAmount(raw: unknown, fail: (field: string, problem: string) => void): number | null {
  const lineBreak = amountTextProblem(raw);
  if (lineBreak) {
    fail('amount', lineBreak);
    return null;
  }
  const amount = tryParseAmountInput(text(raw));
  if (amount === null) fail('amount', `amount "${text(raw)}" ${moneyProblem(text(raw))}`);
  return amount;
}

function rowLabel(kind: LedgerRowKind, index: number, externalId: string, line?: number): string {
  const where = line === undefined ? '' : ` (line ${line})`;
  const id = externalId ? ` "${externalId}"` : '';
  return `${kind === 'INVOICE' ? 'Invoice' : 'Payment'} row ${index + 1}${where}${id}`;
}

/**
 * Records a row's problems, each message naming the row; the label is built only for a row that fails (most rows of
 * a file of 100,000s do not).
 */
function failer(errors: LedgerRowError[], kind: LedgerRowKind, index: number, externalId: string, line: number | undefined) {
  return (field: string, problem: string) => {
    errors.push({ kind, index, field, message: `${rowLabel(kind, index, externalId, line)}: ${problem}`, ...(line === undefined ? {} : { line }) });
  };
}

function describeRef(ref: RawInvoiceRow['account']): string {
  const parts = (['id', 'externalId', 'domain'] as const).filter((k) => text(ref?.[k])).map((k) => `${k} "${text(ref[k])}"`);
  return parts.join(', ');
}

export function validateLedgerBatch(
  batch: { invoices?: readonly RawInvoiceRow[]; payments?: readonly RawPaymentRow[] },
  lookups: LedgerLookups,
  options: LedgerValidationOptions = {},
): LedgerValidation {
  const today = options.today === undefined ? null : parseIsoDay(options.today);
  // The latest day that is already "today" somewhere on Earth (UTC+14 at most).
  const latest = today === null ? null : today + 1;
  const errors: LedgerRowError[] = [];
  const invoices: ValidInvoice[] = [];
  const payments: ValidPayment[] = [];
  const batchInvoices = new Map<string, InvoiceFacts>();
  // Dates repeat across a ledger file (a few hundred distinct days in 100,000s of rows): each text is parsed once.
  const days = new Map<string, number | null>();
  const dayOf = (raw: string): number | null => {
    let day = days.get(raw);
    if (day === undefined) {
      day = parseIsoDay(raw);
      if (days.size < 100_000) days.set(raw, day);
    }
    return day;
  };

  (batch.invoices ?? []).forEach((row, index) => {
    const externalId = text(row.externalId);
    const before = errors.length;
    const fail = failer(errors, 'INVOICE', index, externalId, row.line);

    if (!externalId) fail('externalId', 'externalId is empty');
    else if (batchInvoices.has(externalId))
      fail('externalId', `externalId "${externalId}" is already used by invoice row ${batchInvoices.get(externalId)!.index + 1}`);
    failOnFormulas(fail, { externalId, number: text(row.number), appliesTo: text(row.appliesTo) });

    const refId = text(row.account?.id);
    const refExternalId = text(row.account?.externalId);
    const refDomain = text(row.account?.domain);
    let accountId: string | null = null;
    if (!refId && !refExternalId && !refDomain) fail('account', 'account needs an id, externalId or domain');
    else {
      const ref: AccountRef = {};
      if (refId) ref.id = refId;
      if (refExternalId) ref.externalId = refExternalId;
      if (refDomain) ref.domain = refDomain;
      accountId = lookups.resolveAccount(ref);
      if (accountId === null) fail('account', `unknown account (${describeRef(row.account)})`);
    }

    const number = text(row.number);
    if (!number) fail('number', 'number is empty');

    const currency = normalizeCurrency(text(row.currency));
    if (currency === null) fail('currency', `currency "${text(row.currency)}" is not a known ISO 4217 code`);

    const amount = readAmount(row.amount, fail);
    if (amount === 0) fail('amount', 'amount is zero (send a positive amount, or a negative one for a credit note)');
    const isCreditNote = amount !== null && amount < 0;

    const issuedDay = dayOf(text(row.issuedAt));
    if (issuedDay === null) fail('issuedAt', `issuedAt "${text(row.issuedAt)}" is not a date (YYYY-MM-DD)`);
    else if (latest !== null && issuedDay > latest) fail('issuedAt', `issuedAt ${dayToIso(issuedDay)} is in the future (today is ${dayToIso(latest - 1)} UTC)`);
    let dueDay = dayOf(text(row.dueAt));
    if (!text(row.dueAt) && isCreditNote) dueDay = issuedDay;
    else if (dueDay === null) fail('dueAt', `dueAt "${text(row.dueAt)}" is not a date (YYYY-MM-DD)`);
    else if (issuedDay !== null && dueDay < issuedDay)
      fail('dueAt', `dueAt ${dayToIso(dueDay)} is before issuedAt ${dayToIso(issuedDay)}`);

    const appliesTo = text(row.appliesTo);
    if (appliesTo && amount !== null && !isCreditNote)
      fail('appliesTo', `appliesTo "${appliesTo}" is only for a credit note (a negative amount); this row is an invoice`);
    else if (appliesTo && appliesTo === externalId) fail('appliesTo', 'appliesTo names the credit note itself');

    const stored = externalId ? lookups.existingInvoice(externalId) : undefined;
    if (stored && accountId !== null && stored.accountId !== accountId)
      fail('account', `invoice "${externalId}" is already stored under another account; a re-sent invoice cannot change account`);
    if (stored && currency !== null && stored.currency !== currency)
      fail('currency', `currency ${currency} differs from the stored invoice's ${stored.currency}; a re-sent invoice cannot change currency`);

    if (externalId && !batchInvoices.has(externalId)) batchInvoices.set(externalId, { index, accountId, currency, amount, issuedDay });
    if (errors.length === before)
      invoices.push({
        externalId,
        accountId: accountId!,
        number,
        currency: currency!,
        amount: amount!,
        issuedAt: dayToIso(issuedDay!),
        dueAt: dayToIso(dueDay!),
        isCreditNote,
        appliesTo: appliesTo || null,
        ...(row.line === undefined ? {} : { line: row.line }),
      });
  });

  const batchPayments = new Map<string, number>();
  (batch.payments ?? []).forEach((row, index) => {
    const externalId = text(row.externalId);
    const before = errors.length;
    const fail = failer(errors, 'PAYMENT', index, externalId, row.line);

    const invoiceExternalId = text(row.invoiceExternalId);
    failOnFormulas(fail, { externalId, invoiceExternalId });
    if (!externalId) fail('externalId', 'externalId is empty');
    else if (batchPayments.has(externalId))
      fail('externalId', `externalId "${externalId}" is already used by payment row ${batchPayments.get(externalId)! + 1}`);
    else {
      batchPayments.set(externalId, index);
      const stored = lookups.existingPayment?.(externalId);
      if (stored && invoiceExternalId && stored.invoiceExternalId !== invoiceExternalId)
        fail('invoiceExternalId', `payment "${externalId}" is already recorded against invoice "${stored.invoiceExternalId}"`);
    }

    let invoice: InvoiceFacts | undefined;
    if (!invoiceExternalId) fail('invoiceExternalId', 'invoiceExternalId is empty');
    else {
      invoice = batchInvoices.get(invoiceExternalId);
      if (!invoice) {
        const stored = lookups.existingInvoice(invoiceExternalId);
        if (stored)
          invoice = {
            index: -1,
            accountId: stored.accountId,
            currency: stored.currency,
            amount: stored.amount ?? null,
            issuedDay: dayOf(stored.issuedAt),
          };
      }
      if (!invoice) fail('invoiceExternalId', `invoice "${invoiceExternalId}" is neither in this batch nor already stored`);
      else if (invoice.amount !== null && invoice.amount < 0)
        fail('invoiceExternalId', `invoice "${invoiceExternalId}" is a credit note; payments can only settle invoices`);
    }

    const amount = readAmount(row.amount, fail);
    if (amount !== null && amount <= 0) fail('amount', 'amount must be positive (refunds and reversals are not payments)');

    const receivedDay = dayOf(text(row.receivedAt));
    if (receivedDay === null) fail('receivedAt', `receivedAt "${text(row.receivedAt)}" is not a date (YYYY-MM-DD)`);
    else if (latest !== null && receivedDay > latest) fail('receivedAt', `receivedAt ${dayToIso(receivedDay)} is in the future (today is ${dayToIso(latest - 1)} UTC)`);
    else if (invoice?.issuedDay != null && receivedDay < invoice.issuedDay)
      fail('receivedAt', `receivedAt ${dayToIso(receivedDay)} is before the invoice was issued (${dayToIso(invoice.issuedDay)})`);

    let currency = invoice?.currency ?? null;
    if (text(row.currency)) {
      const given = normalizeCurrency(text(row.currency));
      if (given === null) fail('currency', `currency "${text(row.currency)}" is not a known ISO 4217 code`);
      else if (currency !== null && given !== currency)
        fail('currency', `currency ${given} differs from invoice "${invoiceExternalId}"'s currency ${currency}`);
      currency = given;
    }

    if (errors.length === before && invoice?.accountId != null && currency !== null)
      payments.push({
        externalId,
        invoiceExternalId,
        accountId: invoice.accountId,
        amount: amount!,
        currency,
        receivedAt: dayToIso(receivedDay!),
        ...(row.line === undefined ? {} : { line: row.line }),
      });
  });

  if (errors.length > 0) return { ok: false, errors };
  const affected = new Set([...invoices.map((i) => i.accountId), ...payments.map((p) => p.accountId)]);
  return { ok: true, invoices, payments, affectedAccountIds: [...affected].sort() };
}
