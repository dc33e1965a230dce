/**
 * Import warnings around the pure `findLedgerWarnings` (domain/ledger-warnings.ts): loading what it needs (the
 * touched accounts' stored rows, the invoices credit notes name elsewhere), recording a writing import with its
 * warnings in the write's transaction, and the credit team's reading and acknowledging of them.
 *
 * A warning is keyed by (kind, row kind, external id): a re-sent or corrected row that still warns adds nothing,
 * so the list is what the credit team has to look at, not a log of every import.
 */
import type { Viewer } from '../auth/tokens.js';
import type { Prisma } from '../db/client.js';
import type { LedgerValidation } from '../domain/ledger-rows.js';
import { type ChangedRow, findLedgerWarnings, type LedgerRowWarning, type WarningInvoice, type WarningPayment } from '../domain/ledger-warnings.js';
import { formatMoney, parseMoney } from '../domain/money.js';
import { notFound } from '../graphql/errors.js';
import { audit } from '../services/audit.js';
import type { RawQuery } from './lookups.js';
import type { LedgerPlan } from './plan.js';
import type { Tx } from './write.js';

/** The warnings of a planned batch: its created and changed rows, on their accounts' ledgers with the batch applied. */
export async function warningsOfBatch(
  prisma: Prisma,
  valid: Extract<LedgerValidation, { ok: true }>,
  plan: LedgerPlan,
  raw?: RawQuery,
): Promise<LedgerRowWarning[]> {
  const accountIds = plan.touchedAccountIds;
  if (!accountIds.length) return [];
  const touched = new Set(accountIds);
  const changedIds = {
    INVOICE: new Set([...plan.newInvoices, ...plan.changedInvoices.map((c) => c.row)].map((r) => r.externalId)),
    PAYMENT: new Set([...plan.newPayments, ...plan.changedPayments.map((c) => c.row)].map((r) => r.externalId)),
  };
  const changed: ChangedRow[] = [];
  valid.invoices.forEach((r, index) => {
    if (changedIds.INVOICE.has(r.externalId)) changed.push(changedRow('INVOICE', r, index));
  });
  valid.payments.forEach((r, index) => {
    if (changedIds.PAYMENT.has(r.externalId)) changed.push(changedRow('PAYMENT', r, index));
  });
  // Payments only matter to the cash walk: skip them when no payment or credit note changed (an invoice file).
  const needCash = changedIds.PAYMENT.size > 0 || valid.invoices.some((r) => r.isCreditNote && changedIds.INVOICE.has(r.externalId));
  // Plain SQL with amounts and dates as text: every row of the touched accounts is read for each batch, and
  // materialising them as Prisma objects (Decimal, Date) cost 4x the import's own write time on 1,000 accounts.
  // `raw` (the file import): the database's own driver, without Prisma's result mapping.
  const run = raw ?? (<T>(sql: string, params: readonly unknown[]) => prisma.$queryRawUnsafe<T[]>(sql, ...params));
  const [accounts, storedInvoices, storedPayments] = await Promise.all([
    run<{ id: string; currency: string }>(`SELECT a."id", a."currency" FROM "Account" a WHERE a."id" = ANY($1::text[])`, [accountIds]),
    run<{ externalId: string; accountId: string; number: string; currency: string; amount: string; issuedAt: string; dueAt: string; appliesTo: string | null }>(
      `SELECT i."externalId", i."accountId", i."number", i."currency", i."amount"::text AS "amount",
              to_char(i."issuedAt", 'YYYY-MM-DD') AS "issuedAt", to_char(i."dueAt", 'YYYY-MM-DD') AS "dueAt", i."appliesTo"
       FROM "Invoice" i WHERE i."accountId" = ANY($1::text[])`,
      [accountIds],
    ),
    needCash
      ? run<{ externalId: string; invoiceExternalId: string; accountId: string; amount: string; receivedAt: string }>(
          `SELECT p."externalId", i."externalId" AS "invoiceExternalId", i."accountId", p."amount"::text AS "amount",
                  to_char(p."receivedAt", 'YYYY-MM-DD') AS "receivedAt"
           FROM "Payment" p JOIN "Invoice" i ON i."id" = p."invoiceId" WHERE i."accountId" = ANY($1::text[])`,
          [accountIds],
        )
      : [],
  ]);

  const invoices = new Map<string, WarningInvoice>();
  for (const i of storedInvoices) invoices.set(i.externalId, { ...i, amount: parseMoney(i.amount) });
  const storedInvoiceIds = new Set(invoices.keys());
  // The validated rows carry every field a warning reads: used as they are (no copy of each row of a large file).
  for (const r of valid.invoices) invoices.set(r.externalId, r);
  const payments = new Map<string, WarningPayment>();
  for (const p of storedPayments) payments.set(p.externalId, { ...p, amount: parseMoney(p.amount) });
  const storedPaymentIds = new Set(payments.keys());
  for (const r of valid.payments) payments.set(r.externalId, r);

  const missing = [...new Set(valid.invoices.flatMap((r) => (r.appliesTo && !invoices.has(r.appliesTo) ? [r.appliesTo] : [])))];
  const elsewhere = missing.length
    ? await run<{ externalId: string; accountId: string; currency: string }>(
        `SELECT i."externalId", i."accountId", i."currency" FROM "Invoice" i WHERE i."externalId" = ANY($1::text[])`,
        [missing],
      )
    : [];

  return findLedgerWarnings({
    accountCurrency: new Map(accounts.map((a) => [a.id, a.currency])),
    invoices: [...invoices.values()].filter((i) => touched.has(i.accountId)),
    payments: [...payments.values()].filter((p) => touched.has(p.accountId)),
    storedInvoiceIds,
    storedPaymentIds,
    elsewhere: new Map(elsewhere.map((i) => [i.externalId, { accountId: i.accountId, currency: i.currency }])),
    changed,
  });
}

function changedRow(kind: ChangedRow['kind'], r: { externalId: string; line?: number }, index: number): ChangedRow {
  return { kind, externalId: r.externalId, index, ...(r.line === undefined ? {} : { line: r.line }) };
}

export interface ImportRecord {
  via: 'api' | 'cli';
  userId: string | null;
  /** The CLI's file name. */
  source: string | null;
  rows: number;
  /** Set by the CLI so that every batch of one file adds to one LedgerImport; otherwise a new one per batch. */
  importId?: string;
}

/**
 * Records a writing import and its new warnings, inside the write's transaction. Returns how many warnings were
 * new (a warning already stored for the same row and kind is kept as it was, acknowledged or not).
 */
export async function recordLedgerImport(tx: Tx, record: ImportRecord, warnings: readonly LedgerRowWarning[]): Promise<number> {
  const base = { via: record.via, userId: record.userId, source: record.source };
  const row = record.importId
    ? await tx.ledgerImport.upsert({ where: { id: record.importId }, create: { id: record.importId, ...base, rows: record.rows }, update: { rows: { increment: record.rows } } })
    : await tx.ledgerImport.create({ data: { ...base, rows: record.rows } });
  if (!warnings.length) return 0;
  const { count } = await tx.ledgerWarning.createMany({
    data: warnings.map((w) => ({
      importId: row.id,
      accountId: w.accountId,
      kind: w.kind,
      rowKind: w.rowKind,
      externalId: w.externalId,
      message: w.message,
      amount: formatMoney(w.amount),
      currency: w.currency,
    })),
    skipDuplicates: true,
  });
  if (count) await tx.ledgerImport.update({ where: { id: row.id }, data: { warningCount: { increment: count } } });
  return count;
}

/** Marks a warning as seen by the credit team (kept, and left out of the default list). Acknowledging twice keeps the first. */
export async function acknowledgeLedgerWarning(prisma: Prisma, viewer: Viewer, id: string): Promise<void> {
  const warning = await prisma.ledgerWarning.findUnique({ where: { id }, select: { acknowledgedAt: true, kind: true, externalId: true } });
  if (!warning) throw notFound('LedgerWarning');
  if (warning.acknowledgedAt) return;
  await prisma.$transaction(async (tx) => {
    await tx.ledgerWarning.update({ where: { id }, data: { acknowledgedAt: new Date(), acknowledgedById: viewer.userId } });
    await audit(tx, viewer, 'ledgerWarning.acknowledge', 'LedgerWarning', id, { kind: warning.kind, externalId: warning.externalId });
  });
}
