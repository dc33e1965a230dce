/**
 * Each invoice's outstanding as the account-level settlement leaves it (domain/invoice-settlement.ts: surplus
 * cash and credit notes settle the oldest open invoices of the same currency), stored on the Invoice row so the
 * invoice list, its status filter, disputes and the briefing read what the credit status reads. Written in the
 * recompute's transaction, from the same rows, so the two never disagree; until an account's first recompute
 * the column is null and readers settle each invoice against its own payments (invoice-status.ts).
 */
import type { LedgerInvoice, LedgerPayment } from '../domain/behaviour-types.js';
import { settleInvoices } from '../domain/invoice-settlement.js';
import { formatMoney } from '../domain/money.js';
import { Prisma as P } from '../generated/prisma/client.js';
import { CHUNK, type Tx } from './write.js';

/**
 * Stores the settled outstanding of every invoice of the account (0 for a credit note). Only rows whose stored
 * value differs are written, one statement per CHUNK invoices; `updatedAt` is left alone because the ledger row
 * did not change (staleAccountIds compares it with the credit status's computedAt). Returns the rows written.
 */
export async function writeInvoiceOutstanding(
  tx: Tx,
  accountId: string,
  invoices: readonly LedgerInvoice[],
  payments: readonly LedgerPayment[],
  termsDays: number,
  /** Invoices held by open disputes: unassigned credit never settles them, as in the credit status. */
  disputedIds: ReadonlySet<string> = new Set(),
  /**
   * The credit status's day: a row dated after it (tomorrow is allowed, for feeds east of UTC) settles nothing yet,
   * in the list as in the status, until the recompute of its day (the nightly one at the latest).
   */
  asOfDay: number = Number.MAX_SAFE_INTEGER,
): Promise<number> {
  const settled = settleInvoices(invoices, payments, termsDays, asOfDay, disputedIds).invoices;
  let written = 0;
  for (let i = 0; i < settled.length; i += CHUNK) {
    const values = P.join(settled.slice(i, i + CHUNK).map((s) => P.sql`(${s.id}, ${formatMoney(s.isCreditNote ? 0 : s.outstanding)})`));
    written += await tx.$executeRaw`
      UPDATE "Invoice" AS i
      SET "outstanding" = v.outstanding::numeric
      FROM (VALUES ${values}) AS v(id, outstanding)
      WHERE i."id" = v.id AND i."accountId" = ${accountId} AND i."outstanding" IS DISTINCT FROM v.outstanding::numeric`;
  }
  return written;
}
