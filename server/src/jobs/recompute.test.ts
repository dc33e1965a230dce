import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createDelivery, type Delivery } from '../events/delivery.js';
import { importLedgerBatch, type LedgerBatch } from '../ledger/import.js';
import { createServices, type Services } from '../services/index.js';
import { createTestDatabase, DB_KINDS, type TestDatabase } from '../test-support/databases.js';
import { collectingLog, waitFor } from '../test-support/delivery.js';
import { QUEUES, queueSettings } from './queues.js';
import { staleAccountIds } from './recompute.js';

/** The recompute that follows a ledger import survives a crash right after the commit, on both databases. */
describe.each(DB_KINDS)('the recompute after an import, on %s', (kind) => {
  let db: TestDatabase;
  const running: Delivery[] = [];

  /** One server process's job side: its queue, and its workers unless `workers: false`. */
  const startProcess = async (workers: boolean, wrap: (s: Services) => Services = (s) => s) => {
    const delivery = createDelivery(db, {
      databaseUrl: db.url,
      webhookPolicy: { blockPrivateTargets: true },
      workers,
      settings: queueSettings({ recomputeRetryDelay: 1, webhookRetryDelay: 1 }),
      pollingIntervalSeconds: 0.5,
      stopTimeoutMs: 2_000,
      log: collectingLog(),
    });
    const services = wrap(createServices(db.prisma, { events: delivery.events, jobs: delivery.jobs }));
    await delivery.start(services);
    running.push(delivery);
    return { delivery, services };
  };
  const stopAll = async () => {
    for (const d of running.splice(0)) await d.stop();
  };
  const invoice = (externalId: string, account: string, amount = '500.00') => ({
    externalId,
    account: { externalId: account },
    number: externalId,
    currency: 'EUR',
    amount,
    issuedAt: '2026-01-10',
    dueAt: '2026-02-09',
  });
  const metrics = (accountId: string) => db.prisma.accountMetrics.findUnique({ where: { accountId } });
  const recomputeJobsFor = async (accountId: string) => {
    const rows = await db.prisma.$queryRaw<{ data: { accountIds: string[] }; state: string }[]>`
      SELECT data, state::text AS state FROM pgboss.job WHERE name = ${QUEUES.recomputeAccounts}`;
    return rows.filter((r) => r.data.accountIds.includes(accountId));
  };

  beforeAll(async () => {
    db = await createTestDatabase(kind);
  });
  afterEach(stopAll);
  afterAll(async () => {
    await stopAll();
    await db?.drop();
  });

  it('a process killed right after the commit leaves the recompute job, and the next worker start runs it', async () => {
    const account = await db.prisma.account.create({ data: { name: 'Crashco', externalId: 'CRASH-1', currency: 'EUR', creditLimit: '100.00' } });
    // The server that takes the import has no workers running, and "dies" at the first step after the commit:
    // anything it would do after the write (the old post-commit enqueue) never happens.
    const first = await startProcess(false, (s) => ({
      ...s,
      accountsChanged: async () => {
        throw new Error('process killed after the commit');
      },
    }));
    const batch: LedgerBatch = { invoices: [invoice('CRASH-INV-1', 'CRASH-1')] };
    await importLedgerBatch({ prisma: db.prisma, services: first.services }, null, batch, { via: 'api' }).catch(() => {});
    await first.delivery.stop();

    expect(await db.prisma.invoice.count({ where: { accountId: account.id } })).toBe(1);
    expect(await metrics(account.id)).toBeNull();
    expect((await recomputeJobsFor(account.id)).map((j) => j.state)).toEqual(['created']);

    // The next start: its worker finds the job and the status catches up with the ledger.
    await startProcess(true);
    const m = await waitFor('status recomputed', () => metrics(account.id), 15_000);
    expect(m.exposure.toFixed(2)).toBe('500.00');
    await waitFor('job completed', async () => (await recomputeJobsFor(account.id)).every((j) => j.state === 'completed'));
    expect(await staleAccountIds(db.prisma, [account.id])).toEqual([]);
  });

  it('a rolled-back import leaves no recompute job', async () => {
    const account = await db.prisma.account.create({ data: { name: 'Rollback Ltd', externalId: 'RB-1', currency: 'EUR' } });
    const { services } = await startProcess(false);
    // A prisma whose transactions fail after the callback ran (the enqueue included): nothing may survive.
    const failing = new Proxy(db.prisma, {
      get(target, prop, receiver) {
        if (prop !== '$transaction') return Reflect.get(target, prop, receiver);
        return (fn: (tx: unknown) => Promise<unknown>, opts: unknown) =>
          target.$transaction(async (tx) => {
            await fn(tx);
            throw new Error('commit failed');
          }, opts as never);
      },
    });
    await expect(importLedgerBatch({ prisma: failing, services }, null, { invoices: [invoice('RB-INV-1', 'RB-1')] }, { via: 'api' })).rejects.toThrow('commit failed');
    expect(await db.prisma.invoice.count({ where: { accountId: account.id } })).toBe(0);
    expect(await recomputeJobsFor(account.id)).toEqual([]);
  });

  it('re-sending a batch that changes nothing repairs a status older than the ledger, and only then', async () => {
    const account = await db.prisma.account.create({ data: { name: 'Stale GmbH', externalId: 'STALE-1', currency: 'EUR' } });
    const batch: LedgerBatch = { invoices: [invoice('STALE-INV-1', 'STALE-1', '250.00')] };
    // Written by an earlier version that crashed before its post-commit recompute: rows, no status.
    await importLedgerBatch({ prisma: db.prisma, services: null }, null, batch, { via: 'api' });
    expect(await staleAccountIds(db.prisma, [account.id])).toEqual([account.id]);

    const { services } = await startProcess(true);
    const again = await importLedgerBatch({ prisma: db.prisma, services }, null, batch, { via: 'api' });
    expect(again).toMatchObject({ ok: true, invoicesCreated: 0, invoicesUnchanged: 1, accountsTouched: 0, touchedAccountIds: [], staleAccountIds: [account.id] });
    const m = await waitFor('status recomputed', () => metrics(account.id), 15_000);
    expect(m.exposure.toFixed(2)).toBe('250.00');
    await waitFor('job completed', async () => (await recomputeJobsFor(account.id)).every((j) => j.state === 'completed'));

    // Current now: the same batch again enqueues nothing.
    const jobs = (await recomputeJobsFor(account.id)).length;
    const third = await importLedgerBatch({ prisma: db.prisma, services }, null, batch, { via: 'api' });
    expect(third).toMatchObject({ ok: true, staleAccountIds: [] });
    expect(await recomputeJobsFor(account.id)).toHaveLength(jobs);

    // A row corrected behind the status's back (updated after it was computed) makes it stale again.
    await db.prisma.$executeRaw`UPDATE "Invoice" SET "updatedAt" = (now() AT TIME ZONE 'UTC') + interval '1 minute' WHERE "externalId" = 'STALE-INV-1'`;
    expect(await staleAccountIds(db.prisma, [account.id])).toEqual([account.id]);
  });
});
