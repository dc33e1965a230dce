/**
 * Writes a ledger plan inside the caller's transaction, a statement per 1,000 rows rather than per row:
 * multi-row `INSERT … VALUES` for new rows and `UPDATE … FROM (VALUES …)` for changed ones, both through
 * Prisma's tagged raw SQL (parameters, never string concatenation). Unchanged rows are not touched.
 *
 * Why not `createMany`: measured here, Prisma 7's client spends ~0.2–0.3 ms of CPU per row in createMany
 * (query compiler and JSON through wasm) against ~0.04 ms for the same multi-row INSERT as raw SQL — the
 * difference between ~4,000 and ~20,000 rows/s. Ids are UUIDv7, made here as Prisma would (`uuid(7)`), so the
 * payments of new invoices need no RETURNING round trip.
 */
import { randomFillSync } from 'node:crypto';
import { formatMoney } from '../domain/money.js';
import { Prisma as P } from '../generated/prisma/client.js';
import type { BatchLookups } from './lookups.js';
import type { LedgerPlan } from './plan.js';

export type Tx = P.TransactionClient;

/** Rows per statement: at most 9 parameters a row keeps each statement far below PostgreSQL's 65,535. */
export const CHUNK = 1000;

/** Random bytes drawn 4 KiB at a time: one `randomBytes(16)` per id cost more than the rest of a bulk write. */
const pool = Buffer.alloc(4096);
let poolOffset = pool.length;

/** RFC 9562 UUID version 7: 48-bit Unix milliseconds, then random bits. */
export function uuidv7(now = Date.now()): string {
  if (poolOffset + 16 > pool.length) {
    randomFillSync(pool);
    poolOffset = 0;
  }
  const b = Buffer.from(pool.subarray(poolOffset, poolOffset + 16));
  poolOffset += 16;
  b.writeUIntBE(now, 0, 6);
  b[6] = (b[6]! & 0x0f) | 0x70;
  b[8] = (b[8]! & 0x3f) | 0x80;
  const h = b.toString('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}

function chunks<T>(rows: readonly T[], size = CHUNK): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < rows.length; i += size) out.push(rows.slice(i, i + size));
  return out;
}

// Prisma stores DateTime as UTC in `timestamp(3)` columns; do the same for the timestamps set here.
const NOW = P.sql`(now() AT TIME ZONE 'UTC')`;

export async function writeLedgerPlan(tx: Tx, plan: LedgerPlan, lookups: BatchLookups): Promise<void> {
  const invoiceIds = new Map<string, string>();
  for (const [externalId, stored] of lookups.invoices) invoiceIds.set(externalId, stored.id);
  for (const r of plan.newInvoices) invoiceIds.set(r.externalId, uuidv7());

  for (const part of chunks(plan.newInvoices)) {
    const values = P.join(
      part.map((r) => P.sql`(${invoiceIds.get(r.externalId)}, ${r.externalId}, ${r.accountId}, ${r.number}, ${r.currency}, ${formatMoney(r.amount)}, ${r.issuedAt}, ${r.dueAt}, ${r.appliesTo})`),
    );
    await tx.$executeRaw`
      INSERT INTO "Invoice" ("id", "externalId", "accountId", "number", "currency", "amount", "issuedAt", "dueAt", "appliesTo", "createdAt", "updatedAt")
      SELECT v.id, v.ext, v.acc, v.num, v.cur, v.amt::numeric, v.iss::date, v.due::date, v.app::text, ${NOW}, ${NOW}
      FROM (VALUES ${values}) AS v(id, ext, acc, num, cur, amt, iss, due, app)`;
  }

  for (const part of chunks(plan.changedInvoices)) {
    const values = P.join(part.map(({ id, row }) => P.sql`(${id}, ${row.number}, ${formatMoney(row.amount)}, ${row.issuedAt}, ${row.dueAt}, ${row.appliesTo})`));
    await tx.$executeRaw`
      UPDATE "Invoice" AS i
      SET "number" = v.num, "amount" = v.amt::numeric, "issuedAt" = v.iss::date, "dueAt" = v.due::date, "appliesTo" = v.app::text, "updatedAt" = ${NOW}
      FROM (VALUES ${values}) AS v(id, num, amt, iss, due, app)
      WHERE i."id" = v.id`;
  }

  for (const part of chunks(plan.newPayments)) {
    const values = P.join(
      part.map((r) => {
        const invoiceId = invoiceIds.get(r.invoiceExternalId);
        // Validation guarantees the invoice is stored or in this batch (inserted above).
        if (!invoiceId) throw new Error(`invoice "${r.invoiceExternalId}" of payment "${r.externalId}" was not written`);
        return P.sql`(${uuidv7()}, ${r.externalId}, ${invoiceId}, ${formatMoney(r.amount)}, ${r.receivedAt})`;
      }),
    );
    await tx.$executeRaw`
      INSERT INTO "Payment" ("id", "externalId", "invoiceId", "amount", "receivedAt", "createdAt", "updatedAt")
      SELECT v.id, v.ext, v.inv, v.amt::numeric, v.rec::date, ${NOW}, ${NOW}
      FROM (VALUES ${values}) AS v(id, ext, inv, amt, rec)`;
  }

  for (const part of chunks(plan.changedPayments)) {
    const values = P.join(part.map(({ id, row }) => P.sql`(${id}, ${formatMoney(row.amount)}, ${row.receivedAt})`));
    await tx.$executeRaw`
      UPDATE "Payment" AS p
      SET "amount" = v.amt::numeric, "receivedAt" = v.rec::date, "updatedAt" = ${NOW}
      FROM (VALUES ${values}) AS v(id, amt, rec)
      WHERE p."id" = v.id`;
  }
}

/** A unique index refused a row: through the query builder (P2002) or raw SQL (P2010 carrying SQLSTATE 23505). */
export function isUniqueViolation(e: unknown): boolean {
  if (!(e instanceof P.PrismaClientKnownRequestError)) return false;
  if (e.code === 'P2002') return true;
  const cause = (e.meta as { driverAdapterError?: { cause?: { originalCode?: string; kind?: string } } } | undefined)?.driverAdapterError?.cause;
  return e.code === 'P2010' && (cause?.originalCode === '23505' || cause?.kind === 'UniqueConstraintViolation');
}
