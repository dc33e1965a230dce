/**
 * Length limits on the free-text columns of a ledger row, checked beside the domain's validation (which decides
 * what a valid row is, but not how long an id may be). Same error shape, so callers list them together.
 */
import type { LedgerRowError, LedgerRowKind, RawInvoiceRow, RawPaymentRow } from '../domain/ledger-rows.js';

export const MAX_ID_LENGTH = 100;
export const MAX_REF_LENGTH = 255;

function tooLong(kind: LedgerRowKind, index: number, line: number | undefined, field: string, max: number): LedgerRowError {
  const where = line === undefined ? '' : ` (line ${line})`;
  return {
    kind,
    index,
    field,
    message: `${kind === 'INVOICE' ? 'Invoice' : 'Payment'} row ${index + 1}${where}: ${field} is longer than ${max} characters`,
    ...(line === undefined ? {} : { line }),
  };
}

const len = (v: unknown): number => (typeof v === 'string' ? v.trim().length : 0);

export function checkRowLengths(batch: { invoices?: readonly RawInvoiceRow[]; payments?: readonly RawPaymentRow[] }): LedgerRowError[] {
  const errors: LedgerRowError[] = [];
  (batch.invoices ?? []).forEach((r, i) => {
    if (len(r.externalId) > MAX_ID_LENGTH) errors.push(tooLong('INVOICE', i, r.line, 'externalId', MAX_ID_LENGTH));
    if (len(r.number) > MAX_ID_LENGTH) errors.push(tooLong('INVOICE', i, r.line, 'number', MAX_ID_LENGTH));
    if ([r.account?.id, r.account?.externalId, r.account?.domain].some((v) => len(v) > MAX_REF_LENGTH))
      errors.push(tooLong('INVOICE', i, r.line, 'account', MAX_REF_LENGTH));
  });
  (batch.payments ?? []).forEach((r, i) => {
    if (len(r.externalId) > MAX_ID_LENGTH) errors.push(tooLong('PAYMENT', i, r.line, 'externalId', MAX_ID_LENGTH));
    if (len(r.invoiceExternalId) > MAX_ID_LENGTH) errors.push(tooLong('PAYMENT', i, r.line, 'invoiceExternalId', MAX_ID_LENGTH));
  });
  return errors;
}
