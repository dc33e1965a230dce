/**
 * The ledger in GraphQL: `importLedger` (the import core in ledger/import.ts), the Invoice node and
 * `Account.invoices`, and seed 002's first two checks: bank details (fingerprint + last 4 only) and credit
 * reports. Reading is for the credit team only; writing needs CREDIT/ADMIN and, for API tokens, `ledger:write`.
 */
import type { LedgerRowError, RawInvoiceRow, RawPaymentRow } from '../../domain/ledger-rows.js';
import type { LedgerRowWarning } from '../../domain/ledger-warnings.js';
import { formatMoney } from '../../domain/money.js';
import { recordBankDetails } from '../../ledger/bank-details.js';
import { recordCreditReport } from '../../ledger/credit-reports.js';
import { importLedgerBatch, MAX_BATCH_ROWS } from '../../ledger/import.js';
import { type InvoiceStatus, invoiceIdsWithStatus, settle } from '../../ledger/invoice-status.js';
import { isoDay } from '../../ledger/lookups.js';
import type { LedgerCounts } from '../../ledger/plan.js';
import { builder, figure, readLedger } from '../builder.js';
import type { Context } from '../context.js';
import { AccountRef } from './account.js';
import { accountIdFrom, decodeRowGlobalId } from '../ids.js';
import { LedgerRowKindEnum, LedgerWarningKindEnum } from './ledger-warnings.js';
import { SignalRef } from './signal.js';
import { recomputeAfterCommit } from '../../services/index.js';

const ledgerWrite = { $all: { role: ['ADMIN', 'CREDIT'], scope: 'ledger:write' } } as const;
/** recordBankDetails and recordCreditReport answer with the Account and the ledger record: asked before writing. */
const ledgerWriteAndRead = { $all: { role: ['ADMIN', 'CREDIT'], scopes: ['ledger:write', 'ledger:read', 'accounts:read'] } } as const;
/** Types of the ledger: refused to whoever does not see credit figures (the creditFigures rule). */
const ledgerRead = readLedger;
/** The ledger's connections on Account: null for whoever does not see credit figures, so an account query (or a
 * mutation's payload) that selects them works for every role instead of failing after the fact. */
const ledgerOnAccount = { authScopes: readLedger, nullable: true, unauthorizedResolver: () => null } as const;
/** Errors listed in one response; `errorCount` has them all. */
export const MAX_REPORTED_ERRORS = 1000;

// ---- reading the ledger -------------------------------------------------------------------------------------

const InvoiceStatusEnum = builder.enumType('InvoiceStatus', {
  values: {
    OPEN: { description: 'Something is outstanding (overdue and disputed invoices included).' },
    OVERDUE: { description: 'Something is outstanding, the due date has passed, and it is not disputed.' },
    DISPUTED: { description: 'Something is outstanding and an open dispute holds it: owed, but not counted as late.' },
    PAID: { description: 'Nothing is owed on it: its payments, surplus cash or credit notes settled it.' },
    CREDIT_NOTE: { description: 'A negative amount: nothing is owed on it.' },
  } satisfies Record<InvoiceStatus, unknown>,
});

const PaymentRef = builder.prismaObject('Payment', {
  authScopes: ledgerRead,
  fields: (t) => ({
    externalId: t.exposeString('externalId', { description: 'The id of this payment in the ERP / AR system.' }),
    amount: t.expose('amount', { type: 'Decimal' }),
    receivedAt: t.string({ description: 'Calendar date, YYYY-MM-DD.', resolve: (p) => isoDay(p.receivedAt) }),
  }),
});

const settlement = {
  amount: true,
  issuedAt: true,
  dueAt: true,
  outstanding: true,
  payments: { select: { id: true, amount: true, receivedAt: true } },
  disputes: { where: { dispute: { status: 'OPEN' } }, select: { disputeId: true } },
} as const;

export const InvoiceRef = builder.prismaNode('Invoice', {
  id: { field: 'id' },
  // A well-formed id of a missing row: node(id) answers null (findUnique), not an internal error.
  nullable: true,
  authScopes: ledgerRead,
  fields: (t) => ({
    externalId: t.exposeString('externalId', { description: 'The id of this invoice in the ERP / AR system.' }),
    number: t.exposeString('number'),
    currency: t.exposeString('currency', { description: 'ISO 4217' }),
    amount: t.expose('amount', { type: 'Decimal', description: 'Negative for a credit note.' }),
    outstanding: t.field({
      type: 'Decimal',
      description:
        'What is still owed once its payments, and surplus cash and credit notes of the same currency (oldest open invoices first), are applied, as the account’s credit status last settled it ("0.00" when paid, and for a credit note).',
      select: settlement,
      resolve: (i) => formatMoney(settle(i).outstanding),
    }),
    status: t.field({ type: InvoiceStatusEnum, select: settlement, resolve: (i) => settle(i).status }),
    issuedAt: t.string({ description: 'Calendar date, YYYY-MM-DD.', resolve: (i) => isoDay(i.issuedAt) }),
    dueAt: t.string({ description: 'Calendar date, YYYY-MM-DD (a credit note: its issue date).', resolve: (i) => isoDay(i.dueAt) }),
    payments: t.relation('payments', { type: PaymentRef, query: { orderBy: [{ receivedAt: 'asc' }, { id: 'asc' }] } }),
    account: t.relation('account'),
  }),
});

async function invoiceWhere(ctx: Context, accountId: string, status: InvoiceStatus | null | undefined) {
  if (!status) return { accountId };
  if (status === 'CREDIT_NOTE') return { accountId, amount: { lt: 0 } };
  return { accountId, id: { in: await invoiceIdsWithStatus(ctx.prisma, accountId, status) } };
}

builder.prismaObjectField('Account', 'invoices', (t) =>
  t.prismaConnection({
    type: InvoiceRef,
    cursor: 'id',
    ...ledgerOnAccount,
    description: 'Invoices and credit notes from the ledger, newest issue date first. Credit team only.',
    maxSize: 100,
    defaultSize: 25,
    args: { status: t.arg({ type: InvoiceStatusEnum, required: false }) },
    totalCount: async (account, args, ctx) => ctx.prisma.invoice.count({ where: await invoiceWhere(ctx, account.id, args.status) }),
    resolve: async (query, account, args, ctx) =>
      ctx.prisma.invoice.findMany({ ...query, where: await invoiceWhere(ctx, account.id, args.status), orderBy: [{ issuedAt: 'desc' }, { id: 'desc' }] }),
  }),
);

builder.prismaObject('BankDetailRecord', {
  authScopes: ledgerRead,
  description: 'Bank details as recorded: only the last 4 characters are kept, never the full number.',
  fields: (t) => ({
    last4: t.exposeString('last4'),
    bankName: t.exposeString('bankName', { nullable: true }),
    recordedAt: t.expose('recordedAt', { type: 'DateTime' }),
  }),
});

builder.prismaObject('CreditReport', {
  authScopes: ledgerRead,
  fields: (t) => ({
    score: t.exposeInt('score', { description: 'Bureau score normalised to 0–100 (higher is safer).' }),
    rating: t.exposeString('rating', { nullable: true }),
    source: t.exposeString('source'),
    reportedAt: t.expose('reportedAt', { type: 'DateTime' }),
    createdAt: t.expose('createdAt', { type: 'DateTime' }),
  }),
});

builder.prismaObjectField('Account', 'bankDetails', (t) =>
  t.relatedConnection('bankDetails', {
    cursor: 'id',
    totalCount: true,
    ...ledgerOnAccount,
    description: 'Bank details recordings, latest first. Credit team only.',
    query: { orderBy: [{ recordedAt: 'desc' }, { id: 'desc' }] },
  }),
);

builder.prismaObjectField('Account', 'creditReports', (t) =>
  t.relatedConnection('creditReports', {
    cursor: 'id',
    totalCount: true,
    ...ledgerOnAccount,
    description: 'Credit reports, latest report date first. Credit team only.',
    query: { orderBy: [{ reportedAt: 'desc' }, { id: 'desc' }] },
  }),
);

// ---- importLedger -------------------------------------------------------------------------------------------

const LedgerAccountInput = builder.inputType('LedgerAccountInput', {
  description: 'Which customer an invoice belongs to: at least one key; every key given must name the same account.',
  fields: (t) => ({
    id: t.id({ required: false, description: 'An Account id.' }),
    externalId: t.string({ required: false, description: "The account's id in the ERP / AR system (Account.externalId)." }),
    domain: t.string({ required: false, description: 'One of the account’s domains.' }),
  }),
});

const LedgerInvoiceInput = builder.inputType('LedgerInvoiceInput', {
  fields: (t) => ({
    externalId: t.string({ required: true, description: 'The invoice’s id in the ERP / AR system: the upsert key.' }),
    account: t.field({ type: LedgerAccountInput, required: true }),
    number: t.string({ required: true }),
    currency: t.string({ required: true, description: 'ISO 4217; cannot change once stored.' }),
    amount: t.string({ required: true, description: 'Decimal string with at most 2 decimals ("1234.50", "(12.00)"); negative = credit note.' }),
    issuedAt: t.string({ required: true, description: 'YYYY-MM-DD, not in the future (today UTC, or tomorrow for feeds east of UTC).' }),
    dueAt: t.string({ required: false, description: 'YYYY-MM-DD, not before issuedAt; may be left out for a credit note.' }),
    appliesTo: t.string({
      required: false,
      description: 'A credit note only: the external id of the invoice it credits (applied there first, the rest to the oldest open invoices).',
    }),
  }),
});

const LedgerPaymentInput = builder.inputType('LedgerPaymentInput', {
  fields: (t) => ({
    externalId: t.string({ required: true, description: 'The payment’s id in the ERP / AR system: the upsert key.' }),
    invoiceExternalId: t.string({ required: true, description: 'The invoice it settles: in this batch or already stored.' }),
    amount: t.string({ required: true, description: 'Positive decimal string with at most 2 decimals.' }),
    receivedAt: t.string({ required: true, description: 'YYYY-MM-DD, not before the invoice’s issue date nor in the future (today UTC, or tomorrow for feeds east of UTC).' }),
    currency: t.string({ required: false, description: 'When given, must be the invoice’s currency.' }),
  }),
});

const ImportLedgerInput = builder.inputType('ImportLedgerInput', {
  fields: (t) => ({
    invoices: t.field({ type: [LedgerInvoiceInput], required: false }),
    payments: t.field({ type: [LedgerPaymentInput], required: false }),
    dryRun: t.boolean({ required: false, description: 'Validate and count what would change; write nothing.' }),
  }),
});


const LedgerRowErrorRef = builder.objectRef<LedgerRowError>('LedgerRowError').implement({
  fields: (t) => ({
    kind: t.expose('kind', { type: LedgerRowKindEnum }),
    index: t.exposeInt('index', { description: '0-based position in `invoices` or `payments`.' }),
    field: t.exposeString('field', { description: 'The row’s field at fault, e.g. amount, dueAt, account.' }),
    message: t.exposeString('message', { description: 'Names the row, its external id and the problem.' }),
  }),
});

const LedgerRowWarningRef = builder.objectRef<LedgerRowWarning>('LedgerRowWarning').implement({
  description: 'A valid row that looks wrong: written (unless a dry run), and kept for the credit team (Query.ledgerWarnings).',
  fields: (t) => ({
    kind: t.expose('kind', { type: LedgerWarningKindEnum }),
    rowKind: t.expose('rowKind', { type: LedgerRowKindEnum }),
    index: t.exposeInt('index', { description: '0-based position in `invoices` or `payments`.' }),
    externalId: t.exposeString('externalId'),
    // The message and amount describe stored rows (what is open on an invoice, where cash went): ledger figures, so
    // a token that may write the ledger but not read it (no `ledger:read`) gets the kind and the row, not them.
    message: t.string({
      nullable: true,
      ...figure,
      description: 'Names the row, the other row(s) involved and the amount. Null without `ledger:read` (it carries stored figures).',
      resolve: (w) => w.message,
    }),
    amount: t.field({ type: 'Decimal', nullable: true, ...figure, description: 'The amount at stake, in `currency`. Null without `ledger:read`.', resolve: (w) => formatMoney(w.amount) }),
    currency: t.exposeString('currency'),
  }),
});

type ImportShape = LedgerCounts & { dryRun: boolean; errors: LedgerRowError[]; errorCount: number; warnings: LedgerRowWarning[] };

const ImportLedgerPayload = builder.objectRef<ImportShape>('ImportLedgerPayload').implement({
  description:
    'A batch is all-or-nothing: when `errors` is not empty nothing was written and every count is 0. Rows are matched ' +
    'by external id; a row already stored exactly as sent is left alone and counted as unchanged, so sending the same ' +
    'batch again reports 0 upserted.',
  fields: (t) => ({
    invoicesUpserted: t.int({ description: 'Invoices written: created or changed.', resolve: (p) => p.invoicesCreated + p.invoicesUpdated }),
    invoicesCreated: t.exposeInt('invoicesCreated'),
    invoicesUnchanged: t.exposeInt('invoicesUnchanged', { description: 'Invoices already stored exactly as sent.' }),
    paymentsUpserted: t.int({ description: 'Payments written: created or changed.', resolve: (p) => p.paymentsCreated + p.paymentsUpdated }),
    paymentsCreated: t.exposeInt('paymentsCreated'),
    paymentsUnchanged: t.exposeInt('paymentsUnchanged', { description: 'Payments already stored exactly as sent.' }),
    accountsTouched: t.exposeInt('accountsTouched', { description: 'Accounts with a created or changed row; their credit status is recomputed.' }),
    dryRun: t.exposeBoolean('dryRun', { description: 'True when nothing was written on request; the counts say what would have been.' }),
    errors: t.field({ type: [LedgerRowErrorRef], description: `Every problem of every row (the first ${MAX_REPORTED_ERRORS}).`, resolve: (p) => p.errors }),
    errorCount: t.exposeInt('errorCount', { description: 'All problems found, also those beyond the listed ones.' }),
    warnings: t.field({
      type: [LedgerRowWarningRef],
      description: `Warnings of the rows created or changed (the first ${MAX_REPORTED_ERRORS}); also on a dry run, where they are not stored. A re-sent row does not warn again.`,
      resolve: (p) => p.warnings.slice(0, MAX_REPORTED_ERRORS),
    }),
    warningCount: t.int({ description: 'All warnings, also those beyond the listed ones.', resolve: (p) => p.warnings.length }),
  }),
});

const NO_COUNTS: LedgerCounts = {
  invoicesCreated: 0,
  invoicesUpdated: 0,
  invoicesUnchanged: 0,
  paymentsCreated: 0,
  paymentsUpdated: 0,
  paymentsUnchanged: 0,
  accountsTouched: 0,
};

function accountRowId(globalId: string): string | null {
  const decoded = decodeRowGlobalId(globalId);
  return decoded?.typename === 'Account' ? decoded.id : null;
}

function rawInvoice(r: {
  externalId: string;
  account: { id?: string | number | null; externalId?: string | null; domain?: string | null };
  number: string;
  currency: string;
  amount: string;
  issuedAt: string;
  dueAt?: string | null;
  appliesTo?: string | null;
}): RawInvoiceRow {
  return {
    externalId: r.externalId,
    account: {
      ...(r.account.id != null ? { id: String(r.account.id) } : {}),
      ...(r.account.externalId != null ? { externalId: r.account.externalId } : {}),
      ...(r.account.domain != null ? { domain: r.account.domain } : {}),
    },
    number: r.number,
    currency: r.currency,
    amount: r.amount,
    issuedAt: r.issuedAt,
    dueAt: r.dueAt ?? '',
    ...(r.appliesTo ? { appliesTo: r.appliesTo } : {}),
  };
}

function rawPayment(r: { externalId: string; invoiceExternalId: string; amount: string; receivedAt: string; currency?: string | null }): RawPaymentRow {
  return { externalId: r.externalId, invoiceExternalId: r.invoiceExternalId, amount: r.amount, receivedAt: r.receivedAt, ...(r.currency ? { currency: r.currency } : {}) };
}

builder.mutationField('importLedger', (t) =>
  t.field({
    type: ImportLedgerPayload,
    authScopes: ledgerWrite,
    description:
      `Upserts invoices and payments by external id, at most ${MAX_BATCH_ROWS} rows per batch. All-or-nothing: every row is ` +
      'validated first and any error means nothing is written. Idempotent: re-sending a batch changes nothing.',
    args: { input: t.arg({ type: ImportLedgerInput, required: true }) },
    resolve: async (_root, { input }, ctx) => {
      const batch = { invoices: (input.invoices ?? []).map(rawInvoice), payments: (input.payments ?? []).map(rawPayment) };
      const dryRun = !!input.dryRun;
      const result = await importLedgerBatch({ prisma: ctx.prisma, services: ctx.services }, ctx.viewer, batch, { via: 'api', dryRun, accountIdOf: accountRowId });
      if (!result.ok) return { ...NO_COUNTS, dryRun, errors: result.errors.slice(0, MAX_REPORTED_ERRORS), errorCount: result.errors.length, warnings: [] };
      return { ...result, errors: [], errorCount: 0 };
    },
  }),
);

// ---- bank details and credit reports ------------------------------------------------------------------------

const RecordBankDetailsInput = builder.inputType('RecordBankDetailsInput', {
  fields: (t) => ({
    accountId: t.id({ required: true }),
    iban: t.string({ required: false, description: 'Either an IBAN (checked) …' }),
    accountNumber: t.string({ required: false, description: '… or a domestic account number. Only a fingerprint and the last 4 are stored.' }),
    bankName: t.string({ required: true }),
  }),
});

const RecordBankDetailsPayload = builder.objectRef<{ accountId: string; recordId: string; changed: boolean; signalId: string | null }>('RecordBankDetailsPayload').implement({
  fields: (t) => ({
    account: t.prismaField({ type: AccountRef, resolve: (q, p, _a, ctx) => ctx.prisma.account.findUniqueOrThrow({ ...q, where: { id: p.accountId } }) }),
    bankDetails: t.prismaField({
      type: 'BankDetailRecord',
      resolve: (q, p, _a, ctx) => ctx.prisma.bankDetailRecord.findUniqueOrThrow({ ...q, where: { id: p.recordId } }),
    }),
    changed: t.exposeBoolean('changed', { description: 'True when they differ from the latest recorded bank details (a BANK_CHANGE signal was raised).' }),
    signal: t.prismaField({
      type: SignalRef,
      nullable: true,
      resolve: (q, p, _a, ctx) => (p.signalId ? ctx.prisma.signal.findUnique({ ...q, where: { id: p.signalId } }) : null),
    }),
  }),
});

builder.mutationField('recordBankDetails', (t) =>
  t.field({
    type: RecordBankDetailsPayload,
    authScopes: ledgerWriteAndRead,
    description: 'Records the bank details a customer pays from or asks to be paid to; a change raises a BANK_CHANGE signal.',
    args: { input: t.arg({ type: RecordBankDetailsInput, required: true }) },
    resolve: async (_root, { input }, ctx) => {
      const { accountId: gid, ...rest } = input;
      const accountId = accountIdFrom(String(gid), 'input.accountId');
      const { record, changed, signalId } = await recordBankDetails(ctx.prisma, ctx.viewer, accountId, rest);
      await recomputeAfterCommit(ctx.services, accountId, 'bankDetails.record');
      return { accountId, recordId: record.id, changed, signalId };
    },
  }),
);

const RecordCreditReportInput = builder.inputType('RecordCreditReportInput', {
  fields: (t) => ({
    accountId: t.id({ required: true }),
    score: t.int({ required: true, description: 'Bureau score normalised to 0–100 (higher is safer).' }),
    rating: t.string({ required: false, description: 'The bureau’s own rating, e.g. "A2".' }),
    source: t.string({ required: true, description: 'Which bureau or report.' }),
    reportedAt: t.field({ type: 'DateTime', required: true }),
  }),
});

const RecordCreditReportPayload = builder.objectRef<{ accountId: string; reportId: string }>('RecordCreditReportPayload').implement({
  fields: (t) => ({
    account: t.prismaField({ type: AccountRef, resolve: (q, p, _a, ctx) => ctx.prisma.account.findUniqueOrThrow({ ...q, where: { id: p.accountId } }) }),
    creditReport: t.prismaField({
      type: 'CreditReport',
      resolve: (q, p, _a, ctx) => ctx.prisma.creditReport.findUniqueOrThrow({ ...q, where: { id: p.reportId } }),
    }),
  }),
});

builder.mutationField('recordCreditReport', (t) =>
  t.field({
    type: RecordCreditReportPayload,
    authScopes: ledgerWriteAndRead,
    args: { input: t.arg({ type: RecordCreditReportInput, required: true }) },
    resolve: async (_root, { input }, ctx) => {
      const { accountId: gid, ...rest } = input;
      const accountId = accountIdFrom(String(gid), 'input.accountId');
      const report = await recordCreditReport(ctx.prisma, ctx.viewer, accountId, rest);
      await recomputeAfterCommit(ctx.services, accountId, 'creditReport.record');
      return { accountId, reportId: report.id };
    },
  }),
);
