/**
 * Each invoice's outstanding as the account-level settlement leaves it (domain/invoice-settlement.ts: surplus
 * cash and credit notes settle the oldest open invoices of the same currency), stored on the Invoice row so the
 * invoice list, its status filter, disputes and the briefing read what the credit status reads. Written in the
 * recompute's transaction, from the same rows, so the two never disagree; until an account's first recompute
 * the column is null and readers settle each invoice against its own payments (invoice-status.ts).
 */
import type { SettledInvoice } from '../domain/invoice-settlement.js';
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
  /** The settlement the credit status was computed from (domain settleLedger), so the list and the status agree. */
  settled: readonly Pick<SettledInvoice, 'id' | 'isCreditNote' | 'outstanding'>[],
): Promise<number> {
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
