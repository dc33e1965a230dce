/**
 * A Prisma client on one connection that is already inside a transaction opened outside Prisma (the ledger file
 * import's, ledger/bulk-sql.ts): everything it runs is part of that transaction, sees its uncommitted rows, and
 * commits or rolls back with it. The file import recomputes the touched accounts through it, so that their credit
 * statuses commit together with the ledger rows (services/credit.ts recomputeAccountsInTransaction).
 *
 * It cannot open a transaction of its own (`$transaction`, or anything Prisma would wrap in one): its "pool" has no
 * other connection to hand out, and a BEGIN … COMMIT on this one would commit the outer transaction halfway. Both
 * adapters' way to a transaction is refused with an error saying so; code that runs on it uses savepoints.
 */
import type { Transaction } from '@electric-sql/pglite';
import { PrismaPg } from '@prisma/adapter-pg';
import pg from 'pg';
import { PrismaClient } from '../generated/prisma/client.js';
import type { StatementNamer } from './statement-names.js';

const NO_NESTED = 'a Prisma client bound to an open transaction cannot start another one (use a savepoint)';

/** On a pool connection that has run BEGIN. `names`: the pool's statement namer, so names and texts agree per connection. */
export function prismaOnPgConnection(conn: pg.PoolClient, names?: StatementNamer): PrismaClient {
  // A real pg.Pool (the adapter tells a pool from a configuration by its class) that never connects: its queries go
  // to the transaction's connection, and a connection of its own (a transaction) is refused.
  const pool = new pg.Pool({ max: 1 });
  // One statement at a time, in the order issued: reads made side by side (Promise.all) would otherwise reach the
  // connection while it is busy, which pg queues but deprecates (and pg 9 refuses).
  let last: Promise<unknown> = Promise.resolve();
  pool.query = ((...args: Parameters<pg.PoolClient['query']>) => {
    const next = last.then(
      () => conn.query(...args),
      () => conn.query(...args),
    );
    last = next.catch(() => {});
    return next;
  }) as typeof pool.query;
  pool.connect = (() => Promise.reject(new Error(NO_NESTED))) as typeof pool.connect;
  return new PrismaClient({ adapter: new PrismaPg(pool, names ? { statementNameGenerator: names as (q: { sql: string }) => string } : {}) });
}

/** Inside `pglite.transaction(…)`, on its transaction object. */
export async function prismaOnPGliteTransaction(tx: Transaction): Promise<PrismaClient> {
  // Loaded here only, as in db/client.ts: a server on PostgreSQL never loads PGlite.
  const { PrismaPGlite } = await import('pglite-prisma-adapter');
  const client = {
    query: tx.query,
    exec: tx.exec,
    transaction: () => Promise.reject(new Error(NO_NESTED)),
  };
  return new PrismaClient({ adapter: new PrismaPGlite(client as unknown as ConstructorParameters<typeof PrismaPGlite>[0]) });
}
