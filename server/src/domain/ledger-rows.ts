/**
 * The shapes of a ledger import: raw rows as they arrive (strings, from GraphQL `importLedger` or a CSV
 * file), and the normalised rows validation hands back for the server to upsert.
 */
import type { IsoDate } from './calendar.js';
import type { MinorUnits } from './money.js';

/** How a row names its customer. At least one key; the caller resolves it to an account id. */
export interface AccountRef {
  id?: string;
  externalId?: string;
  domain?: string;
}

export interface RawInvoiceRow {
  externalId: string;
  account: AccountRef;
  number: string;
  currency: string;
  /** Decimal string; negative = credit note. */
  amount: string;
  issuedAt: string;
  /** May be empty for a credit note (it is never due); then it takes the issue date. */
  dueAt: string;
  /** A credit note only: the external id of the invoice it credits (applied there first). */
  appliesTo?: string;
  /** 1-based line in the source file, when the rows came from one; used in error messages. */
  line?: number;
}

export interface RawPaymentRow {
  externalId: string;
  invoiceExternalId: string;
  amount: string;
  receivedAt: string;
  /** Optional: when present it must equal the invoice's currency. */
  currency?: string;
  line?: number;
}

/** An invoice already stored, as the caller found it by external id. */
export interface ExistingInvoice {
  accountId: string;
  currency: string;
  issuedAt: IsoDate;
  /** Minor units; when given and negative, the invoice is a credit note (payments cannot settle it). */
  amount?: MinorUnits;
}

/** A payment already stored, as the caller found it by external id. */
export interface ExistingPayment {
  invoiceExternalId: string;
}

/** What the caller looked up before validating (one batched query each), so validation stays pure. */
export interface LedgerLookups {
  /** The account id a row's reference resolves to, or null when no known account matches. */
  resolveAccount: (ref: AccountRef) => string | null;
  existingInvoice: (externalId: string) => ExistingInvoice | undefined;
  existingPayment?: (externalId: string) => ExistingPayment | undefined;
}

export interface ValidInvoice {
  externalId: string;
  accountId: string;
  number: string;
  currency: string;
  amount: MinorUnits;
  issuedAt: IsoDate;
  dueAt: IsoDate;
  isCreditNote: boolean;
  /** A credit note: the external id of the invoice it credits; null when it names none. */
  appliesTo: string | null;
  line?: number;
}

export interface ValidPayment {
  externalId: string;
  invoiceExternalId: string;
  /** The account of the invoice it settles: the server recomputes that account's metrics. */
  accountId: string;
  amount: MinorUnits;
  currency: string;
  receivedAt: IsoDate;
  line?: number;
}

export type LedgerRowKind = 'INVOICE' | 'PAYMENT';

export interface LedgerRowError {
  kind: LedgerRowKind;
  /** 0-based position in the batch's invoices or payments array. */
  index: number;
  field: string;
  message: string;
  line?: number;
}

/** What validation needs beyond the rows: the server's day (rows dated after it are refused). */
export interface LedgerValidationOptions {
  /** Today (server clock, UTC). Without it, dates are not checked against the future (pure unit tests of other rules). */
  today?: IsoDate;
}

export type LedgerValidation =
  | { ok: true; invoices: ValidInvoice[]; payments: ValidPayment[]; affectedAccountIds: string[] }
  | { ok: false; errors: LedgerRowError[] };
