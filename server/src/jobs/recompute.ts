/**
 * The recompute that must follow a ledger write, made part of the write itself.
 *
 * - `enqueueRecomputeIn(tx, …)` stores the `recompute-accounts` jobs in the caller's transaction (pg-boss
 *   through `fromPrisma(tx)`, bossJobQueue), so a commit always carries its recompute and a rollback none: a
 *   process killed right after the commit leaves the job in the queue, and the next worker to start runs it.
 * - `staleAccountIds` finds accounts whose credit status is older than their ledger (no status at all, or an
 *   invoice or payment updated after it was computed) — left by a crash before this was so, or by a recompute
 *   that gave up — so that re-sending a batch that changes nothing still repairs them.
 * - `allStaleAccountIds` is the same test over every account with ledger rows: the ledger's own `updatedAt`,
 *   written in the import's transaction, is the durable "needs recompute" mark. A run of `pnpm earshot import`
 *   killed between its commit and its recompute leaves exactly these; the CLI's next import and the server
 *   (`sweepStaleAccounts`: at start and every few minutes, STALE_SWEEP_CRON) recompute them.
 */
import type { Prisma } from '../db/client.js';
import { Prisma as P } from '../generated/prisma/client.js';
import type { JobQueue, Services } from '../services/index.js';
import { QUEUES, RECOMPUTE_CHUNK } from './queues.js';

type Tx = P.TransactionClient;

export async function enqueueRecomputeIn(tx: Tx, jobs: JobQueue, accountIds: readonly string[], reason: string): Promise<void> {
  const ids = [...new Set(accountIds)];
  for (let i = 0; i < ids.length; i += RECOMPUTE_CHUNK) {
    await jobs.send(QUEUES.recomputeAccounts, { accountIds: ids.slice(i, i + RECOMPUTE_CHUNK), reason }, { tx });
  }
}

const PAGE = 1000;

export async function staleAccountIds(db: Prisma | Tx, accountIds: readonly string[]): Promise<string[]> {
  const ids = [...new Set(accountIds)];
  const stale: string[] = [];
  for (let i = 0; i < ids.length; i += PAGE) {
    const values = P.join(ids.slice(i, i + PAGE).map((id) => P.sql`(${id})`));
    const rows = await db.$queryRaw<{ id: string }[]>`
      SELECT a.id FROM (VALUES ${values}) AS a(id)
      LEFT JOIN "AccountMetrics" m ON m."accountId" = a.id
      WHERE m."accountId" IS NULL
         OR m."computedAt" < (SELECT max(i."updatedAt") FROM "Invoice" i WHERE i."accountId" = a.id)
         OR m."computedAt" < (SELECT max(p."updatedAt") FROM "Payment" p JOIN "Invoice" i ON i."id" = p."invoiceId" WHERE i."accountId" = a.id)`;
    stale.push(...rows.map((r) => r.id));
  }
  return stale.sort();
}

/**
 * Every account whose credit status is older than its ledger (or that has ledger rows and no status yet),
 * set-based: one pass over the invoices and one over the payments.
 */
export async function allStaleAccountIds(db: Prisma | Tx): Promise<string[]> {
  const rows = await db.$queryRaw<{ id: string }[]>`
    SELECT i."accountId" AS id FROM "Invoice" i LEFT JOIN "AccountMetrics" m ON m."accountId" = i."accountId"
    WHERE m."accountId" IS NULL OR i."updatedAt" > m."computedAt"
    UNION
    SELECT i."accountId" AS id FROM "Payment" p JOIN "Invoice" i ON i."id" = p."invoiceId"
    JOIN "AccountMetrics" m ON m."accountId" = i."accountId"
    WHERE p."updatedAt" > m."computedAt"
    ORDER BY id`;
  return rows.map((r) => r.id);
}

/** Hands every stale account to the recompute (the job queue when there is one); returns how many. */
export async function sweepStaleAccounts(prisma: Prisma, services: Pick<Services, 'accountsChanged'>): Promise<number> {
  const ids = await allStaleAccountIds(prisma);
  if (ids.length) await services.accountsChanged(ids, 'stale-sweep');
  return ids.length;
}
