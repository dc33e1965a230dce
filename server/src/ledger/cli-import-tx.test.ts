/**
 * `pnpm earshot import` recomputes the touched accounts inside its own write transaction: the new ledger rows and
 * their credit statuses commit together (cli-import.ts, services/credit.ts recomputeAccountsInTransaction), on PGlite
 * and PostgreSQL. Proved four ways:
 * - a deferred constraint trigger, checked at COMMIT inside the import's transaction, refuses any invoice whose
 *   account has no status computed since the row was written: the command passes it; the write alone (the old shape,
 *   statuses after the commit) is refused whole;
 * - a reader on another connection, polling for as long as the command runs, never sees the new invoices without
 *   their statuses (PGlite: its one connection serialises the reader behind the transaction);
 * - a failure at the commit leaves neither the ledger nor any status;
 * - an account whose recompute fails (its status write refused) is named and left stale, the others of its chunk are
 *   written, and the file is imported.
 */
import path from 'node:path';
import pg from 'pg';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { Backend } from '../cli/commands.js';
import type { Config } from '../config.js';
import { allStaleAccountIds } from '../jobs/recompute.js';
import { recomputeAccounts, recomputeAccountsInTransaction } from '../services/credit.js';
import { createServices, type EventBus, NO_EVENTS } from '../services/index.js';
import { captureIO } from '../test-support/cli.js';
import { createTestDatabase, DB_KINDS, type TestDatabase } from '../test-support/databases.js';
import { collectingLog } from '../test-support/delivery.js';
import { runImportCommand } from './cli-import.js';
import { importLedgerFile } from './file-bulk.js';
import { LOCK_FOR_IMPORT } from './recompute-lock.js';

const FILE = path.join(import.meta.dirname, 'fixtures', 'invoices.csv');

/** At COMMIT, per invoice row written: its account must have a status computed since (deferred: checked last). */
const STATUS_WITH_LEDGER = [
  `CREATE FUNCTION test_status_with_ledger() RETURNS trigger LANGUAGE plpgsql AS $$
   BEGIN
     IF NOT EXISTS (SELECT 1 FROM "AccountMetrics" m WHERE m."accountId" = NEW."accountId" AND m."computedAt" >= NEW."updatedAt") THEN
       RAISE EXCEPTION 'invoice % committed without its account''s status', NEW."externalId";
     END IF;
     RETURN NULL;
   END $$`,
  `CREATE CONSTRAINT TRIGGER test_status_with_ledger AFTER INSERT OR UPDATE ON "Invoice" DEFERRABLE INITIALLY DEFERRED
   FOR EACH ROW EXECUTE FUNCTION test_status_with_ledger()`,
];

describe.each(DB_KINDS)('earshot import commits the credit statuses with the ledger, on %s', (kind) => {
  let db: TestDatabase;
  let accountIds: string[];
  let log: ReturnType<typeof collectingLog>;
  let events: string[];

  /** Raw SQL on the test database's own connection(s), outside any import. */
  const exec = async (sql: string) => {
    if (db.pglite) await db.pglite.exec(sql);
    else await db.prisma.$executeRawUnsafe(sql);
  };
  const backend = (bus: EventBus = NO_EVENTS): Backend => ({
    where: 'direct',
    config: {} as Config,
    withDb: (_command, fn) => fn(db, createServices(db.prisma, { log, events: bus })),
  });
  const counts = async () => ({
    invoices: await db.prisma.invoice.count(),
    statuses: await db.prisma.accountMetrics.count(),
    imports: await db.prisma.ledgerImport.count(),
  });

  beforeEach(async () => {
    db = await createTestDatabase(kind);
    log = collectingLog();
    events = [];
    const accounts = [
      await db.prisma.account.create({ data: { name: 'Synthetic One', externalId: 'SYN-CUST-1', currency: 'EUR' } }),
      await db.prisma.account.create({ data: { name: 'Synthetic Two', externalId: 'SYN-CUST-2', currency: 'USD' } }),
      await db.prisma.account.create({ data: { name: 'Northwind', currency: 'EUR', domains: { create: { domain: 'northwind.example' } } } }),
    ];
    accountIds = accounts.map((a) => a.id).sort();
  }, 120_000);
  afterEach(async () => {
    await db?.drop();
  });

  it('passes a check made at COMMIT that every invoice written has its account’s new status; the write alone does not', async () => {
    for (const sql of STATUS_WITH_LEDGER) await exec(sql);
    // The old shape (write, commit, recompute after): refused at the commit, nothing lands.
    await expect(importLedgerFile(db, FILE, { source: 'invoices.csv' })).rejects.toThrow(/committed without its account's status/);
    expect(await counts()).toEqual({ invoices: 0, statuses: 0, imports: 0 });

    const io = captureIO();
    expect(await runImportCommand([FILE], io, backend())).toBe(0);
    expect(io.stderr.join('\n')).toContain("recomputing the credit status of 3 accounts, in the import's transaction");
    expect(await counts()).toEqual({ invoices: 6, statuses: 3, imports: 1 });
    expect(await db.prisma.invoice.count({ where: { outstanding: null } })).toBe(0);
    expect(await allStaleAccountIds(db.prisma)).toEqual([]);
  });

  it('never shows a reader on another connection the new invoices without their statuses', { timeout: 60_000 }, async () => {
    // PostgreSQL: a connection of its own, not blocked by the import (MVCC). PGlite: the same single connection, so
    // the reader's queries wait for the import's transaction and see before or after, never between.
    const reader = db.url ? new pg.Client({ connectionString: db.url }) : null;
    await reader?.connect();
    const sample = async () => {
      const sql = `SELECT (SELECT count(*) FROM "Invoice")::int AS invoices, (SELECT count(*) FROM "AccountMetrics")::int AS statuses`;
      if (reader) return (await reader.query<{ invoices: number; statuses: number }>(sql)).rows[0]!;
      return (await db.prisma.$queryRawUnsafe<{ invoices: number; statuses: number }[]>(sql))[0]!;
    };
    const samples: { invoices: number; statuses: number }[] = [];
    let running = true;
    try {
      const command = runImportCommand([FILE], captureIO(), backend()).finally(() => {
        running = false;
      });
      // Polls for as long as the command runs (each poll waits for its answer), then once more after it. Between
      // polls it lets the event loop turn: PGlite answers within microtasks, so a bare loop would starve the import.
      const polling = (async () => {
        while (running) {
          samples.push(await sample());
          await new Promise((resolve) => setImmediate(resolve));
        }
        samples.push(await sample());
      })();
      expect(await command).toBe(0);
      await polling;
    } finally {
      await reader?.end();
    }
    expect(samples.at(-1)).toEqual({ invoices: 6, statuses: 3 });
    expect(samples.filter((s) => s.invoices > 0 && s.statuses < 3)).toEqual([]);
    expect(samples.every((s) => (s.invoices === 0 && s.statuses === 0) || (s.invoices === 6 && s.statuses === 3))).toBe(true);
  });

  it('leaves neither the ledger nor any status when the transaction fails at its commit', async () => {
    // Refused at COMMIT (deferred): after the rows and every status were written, in the same transaction.
    await exec(`CREATE FUNCTION test_refuse_commit() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN RAISE EXCEPTION 'commit refused by the test'; END $$`);
    await exec(`CREATE CONSTRAINT TRIGGER test_refuse_commit AFTER INSERT ON "AccountMetrics" DEFERRABLE INITIALLY DEFERRED
      FOR EACH ROW EXECUTE FUNCTION test_refuse_commit()`);
    await expect(runImportCommand([FILE], captureIO(), backend())).rejects.toThrow(/commit refused by the test/);
    expect(await counts()).toEqual({ invoices: 0, statuses: 0, imports: 0 });
    expect(await db.prisma.alert.count()).toBe(0);
    expect(await db.prisma.auditEvent.count({ where: { action: 'ledger.import' } })).toBe(0);

    // Without the trigger the same command imports the file whole.
    await exec('DROP TRIGGER test_refuse_commit ON "AccountMetrics"');
    expect(await runImportCommand([FILE], captureIO(), backend())).toBe(0);
    expect(await counts()).toEqual({ invoices: 6, statuses: 3, imports: 1 });
  });

  it('imports the file when one account’s recompute fails: that account is named and left stale, the others of its chunk are written', async () => {
    const broken = (await db.prisma.account.findUniqueOrThrow({ where: { externalId: 'SYN-CUST-2' } })).id;
    // Its status write is refused (a statement error inside the transaction: the chunk is undone, then each alone).
    await exec(`CREATE FUNCTION test_refuse_status() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN IF NEW."accountId" = '${broken}' THEN RAISE EXCEPTION 'status refused by the test'; END IF; RETURN NEW; END $$`);
    await exec(`CREATE TRIGGER test_refuse_status BEFORE INSERT OR UPDATE ON "AccountMetrics" FOR EACH ROW EXECUTE FUNCTION test_refuse_status()`);
    const bus: EventBus = { ...NO_EVENTS, accountUpdated: async (id) => void events.push(id) };

    const io = captureIO();
    expect(await runImportCommand([FILE], io, backend(bus))).toBe(0);
    expect(io.stdout.join('\n')).toContain('6 invoices: 6 created, 0 updated, 0 unchanged (3 accounts were touched)');
    expect(await counts()).toEqual({ invoices: 6, statuses: 2, imports: 1 });
    const failures = log.messages.filter((m) => m.includes('failed'));
    expect(failures).toHaveLength(1);
    expect(failures[0]).toContain(`recompute of account ${broken} (ledger.import) failed; the import is saved, the account's credit status is stale until recomputed: `);
    expect(failures[0]).toContain('status refused by the test');
    // Events only for the statuses written, and only after the commit.
    expect(events.sort()).toEqual(accountIds.filter((id) => id !== broken));
    // Left stale (its invoices newer than any status), so the next run or a server's sweep recomputes it.
    expect(await allStaleAccountIds(db.prisma)).toEqual([broken]);
    await exec('DROP TRIGGER test_refuse_status ON "AccountMetrics"');
    const again = captureIO();
    expect(await runImportCommand([FILE], again, backend())).toBe(0);
    expect(again.stderr.join('\n')).toContain('recomputing the credit status of 1 accounts (1 left stale by an earlier run)');
    expect(await allStaleAccountIds(db.prisma)).toEqual([]);
  });

  it.runIf(kind === 'postgres')(
    'a server recompute of a touched account during the import waits for its commit, and never writes a status of the ledger without the file',
    { timeout: 60_000 },
    async () => {
      const [one] = await db.prisma.account.findMany({ where: { externalId: 'SYN-CUST-1' }, select: { id: true } });
      const waiting = async () => (await db.prisma.$queryRawUnsafe<{ n: number }[]>('SELECT count(*)::int AS n FROM pg_locks WHERE NOT granted'))[0]!.n;
      let entered!: () => void;
      const inTransaction = new Promise<void>((resolve) => {
        entered = resolve;
      });
      let openGate!: () => void;
      const gate = new Promise<void>((resolve) => {
        openGate = resolve;
      });
      // The import's transaction, held open after its own recompute has written the statuses and before the commit.
      const importing = importLedgerFile(db, FILE, {
        source: 'invoices.csv',
        afterWrite: async (tx, touched) => {
          const done = await recomputeAccountsInTransaction(tx, touched);
          entered();
          await gate;
          return done;
        },
      });
      await inTransaction;
      // A recompute the server runs meanwhile (a job, the nightly re-evaluation), on a connection of its own. Without
      // the lock it read the ledger as it was before the file and waited on the status row to write it back.
      // Now it tries the lock, finds the import holding it and waits, asking for the lock again; without the lock it
      // was queued on the status row the import wrote.
      const asked = vi.spyOn(db.prisma, '$queryRawUnsafe');
      const recomputing = recomputeAccounts(db.prisma, [one!.id]);
      const askedForLock = () => asked.mock.calls.some(([sql]) => String(sql).includes('pg_try_advisory_xact_lock_shared'));
      await expect.poll(async () => askedForLock() || (await waiting()) > 0, { timeout: 20_000 }).toBe(true);
      asked.mockRestore();
      openGate();
      await importing;
      const { failed } = await recomputing;
      expect([...failed.keys()]).toEqual([]);
      // The status left is the one of the ledger with the file's invoices: what recomputing it now gives (the
      // account had no invoice before the file: a status of that ledger shows no exposure).
      const figures = async () => {
        const m = await db.prisma.accountMetrics.findUniqueOrThrow({ where: { accountId: one!.id }, select: { exposure: true, overdue: true, riskLevel: true } });
        return { exposure: m.exposure.toFixed(2), overdue: m.overdue.toFixed(2), riskLevel: m.riskLevel };
      };
      const left = await figures();
      expect(left.exposure).not.toBe('0.00');
      expect((await recomputeAccounts(db.prisma, [one!.id])).failed.size).toBe(0);
      expect(await figures()).toEqual(left);
    },
  );

  it.runIf(kind === 'postgres')(
    'recomputes waiting for an import give their connections back: reads go on meanwhile, and they finish after its commit',
    { timeout: 60_000 },
    async () => {
      const holder = new pg.Client({ connectionString: db.url! });
      await holder.connect();
      try {
        // An import's transaction, as far as the lock goes.
        await holder.query('BEGIN');
        await holder.query(LOCK_FOR_IMPORT);
        let finished = 0;
        const transactions = vi.spyOn(db.prisma, '$transaction');
        // More than the pool's connections (10): had each waited inside its transaction, nothing else could query.
        const recomputes = Array.from({ length: 24 }, (_, i) =>
          recomputeAccounts(db.prisma, [accountIds[i % accountIds.length]!]).then((r) => {
            finished += 1;
            return r;
          }),
        );
        const waitingInTransaction = async () =>
          (await db.prisma.$queryRawUnsafe<{ n: number }[]>(`SELECT count(*)::int AS n FROM pg_locks WHERE locktype = 'advisory' AND NOT granted`))[0]!.n;
        // Every one of them has tried the lock (and, finding it held, tries again), then a read: answered, and none of
        // them is queued on the lock in a transaction.
        await expect.poll(() => transactions.mock.calls.length, { timeout: 20_000 }).toBeGreaterThanOrEqual(24);
        transactions.mockRestore();
        expect(await db.prisma.account.count()).toBe(3);
        expect(await waitingInTransaction()).toBe(0);
        expect(finished).toBe(0);
        await holder.query('COMMIT');
        for (const r of await Promise.all(recomputes)) expect([...r.failed.keys()]).toEqual([]);
      } finally {
        await holder.end();
      }
    },
  );

  it('publishes each account’s update only once its status is committed', async () => {
    // Read in the handler through the database's own client: on PGlite a read before the commit would wait for the
    // transaction that waits for the handler; on PostgreSQL it would not see the uncommitted status.
    const seen: [string, boolean][] = [];
    const bus: EventBus = {
      ...NO_EVENTS,
      accountUpdated: async (id) => void seen.push([id, (await db.prisma.accountMetrics.count({ where: { accountId: id } })) === 1]),
    };
    expect(await runImportCommand([FILE], captureIO(), backend(bus))).toBe(0);
    expect(seen.sort()).toEqual(accountIds.map((id) => [id, true]));
  });
});
