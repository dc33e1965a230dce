/**
 * The baseline: the same rows written with hand-written multi-row `INSERT … ON CONFLICT DO UPDATE` statements
 * (1,000 rows each, one transaction per batch), no validation and no look-ups beyond a join — the practical
 * limit of a bulk upsert on this database. Unchanged rows are skipped by the `WHERE … IS DISTINCT FROM`.
 */
import type { RawInvoiceRow, RawPaymentRow } from '../src/domain/ledger-rows.js';
import { batches } from './ledger-data.js';

export interface SqlRunner {
  query(sql: string, params?: unknown[]): Promise<unknown>;
}

function values(rows: number, width: number): string {
  return Array.from({ length: rows }, (_, r) => `(${Array.from({ length: width }, (_, c) => `$${r * width + c + 1}`).join(', ')})`).join(', ');
}

async function upsertInvoices(db: SqlRunner, rows: RawInvoiceRow[], accountIds: ReadonlyMap<string, string>): Promise<void> {
  const params = rows.flatMap((r) => [r.externalId, accountIds.get(r.account.externalId!), r.number, r.currency, r.amount, r.issuedAt, r.dueAt || r.issuedAt]);
  await db.query(
    `INSERT INTO "Invoice" ("id", "externalId", "accountId", "number", "currency", "amount", "issuedAt", "dueAt", "createdAt", "updatedAt")
     SELECT gen_random_uuid()::text, v.ext, v.acc, v.num, v.cur, v.amt::numeric, v.iss::date, v.due::date, now(), now()
     FROM (VALUES ${values(rows.length, 7)}) AS v(ext, acc, num, cur, amt, iss, due)
     ON CONFLICT ("externalId") DO UPDATE SET "number" = EXCLUDED."number", "amount" = EXCLUDED."amount",
       "issuedAt" = EXCLUDED."issuedAt", "dueAt" = EXCLUDED."dueAt", "updatedAt" = now()
     WHERE ("Invoice"."number", "Invoice"."amount", "Invoice"."issuedAt", "Invoice"."dueAt")
       IS DISTINCT FROM (EXCLUDED."number", EXCLUDED."amount", EXCLUDED."issuedAt", EXCLUDED."dueAt")`,
    params,
  );
}

async function upsertPayments(db: SqlRunner, rows: RawPaymentRow[]): Promise<void> {
  const params = rows.flatMap((r) => [r.externalId, r.invoiceExternalId, r.amount, r.receivedAt]);
  await db.query(
    `INSERT INTO "Payment" ("id", "externalId", "invoiceId", "amount", "receivedAt", "createdAt", "updatedAt")
     SELECT gen_random_uuid()::text, v.ext, i."id", v.amt::numeric, v.rec::date, now(), now()
     FROM (VALUES ${values(rows.length, 4)}) AS v(ext, inv, amt, rec) JOIN "Invoice" i ON i."externalId" = v.inv
     ON CONFLICT ("externalId") DO UPDATE SET "amount" = EXCLUDED."amount", "receivedAt" = EXCLUDED."receivedAt", "updatedAt" = now()
     WHERE ("Payment"."amount", "Payment"."receivedAt") IS DISTINCT FROM (EXCLUDED."amount", EXCLUDED."receivedAt")`,
    params,
  );
}

export async function rawUpsertLedger(
  db: SqlRunner,
  ledger: { invoices: RawInvoiceRow[]; payments: RawPaymentRow[] },
  accountIds: ReadonlyMap<string, string>,
  batchSize: number,
): Promise<void> {
  const run = async <T>(rows: T[], write: (part: T[]) => Promise<void>) => {
    for (const batch of batches(rows, batchSize)) {
      await db.query('BEGIN');
      for (const part of batches(batch, 1000)) await write(part);
      await db.query('COMMIT');
    }
  };
  await run(ledger.invoices, (part) => upsertInvoices(db, part, accountIds));
  await run(ledger.payments, (part) => upsertPayments(db, part));
}
