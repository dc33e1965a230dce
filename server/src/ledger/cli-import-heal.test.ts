/**
 * `pnpm earshot import` stopped (Ctrl-C, SIGKILL) after its write committed but before the recompute of the touched
 * accounts: the rows are stored, the credit statuses are not. Simulated by running the import's write alone
 * (importLedgerFile, exactly what the CLI commits before it recomputes); then re-running the same file, or a
 * server start, must bring every touched account's status up to date.
 */
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Backend } from '../cli/commands.js';
import type { Config } from '../config.js';
import { createDelivery } from '../events/delivery.js';
import { allStaleAccountIds } from '../jobs/recompute.js';
import { queueSettings } from '../jobs/queues.js';
import { createServices } from '../services/index.js';
import { captureIO } from '../test-support/cli.js';
import { createTestDatabase, DB_KINDS, type TestDatabase } from '../test-support/databases.js';
import { collectingLog, waitFor } from '../test-support/delivery.js';
import { runImportCommand } from './cli-import.js';
import { importLedgerFile } from './file-bulk.js';

const FILE = path.join(import.meta.dirname, 'fixtures', 'invoices.csv');

describe.each(DB_KINDS)('an import killed between its commit and its recompute, on %s', (kind) => {
  let db: TestDatabase;
  let accountIds: string[];

  const outstandingOf = async (externalId: string) => (await db.prisma.invoice.findUniqueOrThrow({ where: { externalId } })).outstanding?.toFixed(2);

  beforeEach(async () => {
    db = await createTestDatabase(kind);
    const accounts = [
      await db.prisma.account.create({ data: { name: 'Synthetic One', externalId: 'SYN-CUST-1', currency: 'EUR' } }),
      await db.prisma.account.create({ data: { name: 'Synthetic Two', externalId: 'SYN-CUST-2', currency: 'USD' } }),
      await db.prisma.account.create({ data: { name: 'Northwind', currency: 'EUR', domains: { create: { domain: 'northwind.example' } } } }),
    ];
    accountIds = accounts.map((a) => a.id).sort();
    // The write commits; the process "dies" before the recompute.
    const written = await importLedgerFile(db, FILE, { source: 'invoices.csv' });
    expect(written.written).toBe(true);
    expect(await db.prisma.accountMetrics.count()).toBe(0);
    // Created with the outstanding readers would settle them at before any recompute (their own payments: none);
    // the credit note's settlement of the oldest EUR invoice is the recompute's to write.
    expect(await outstandingOf('SYN-INV-1001')).toBe('1200.00');
    expect(await allStaleAccountIds(db.prisma)).toEqual(accountIds);
  });
  afterEach(async () => {
    await db?.drop();
  });

  const backend = (): Backend => ({
    where: 'direct',
    config: {} as Config,
    withDb: (_command, fn) => fn(db, createServices(db.prisma)),
  });

  it('is repaired by running the same file again, though it changes nothing', async () => {
    const io = captureIO();
    expect(await runImportCommand([FILE], io, backend())).toBe(0);
    expect(io.stderr.join('\n')).toContain('recomputing the credit status of 3 accounts (3 left stale by an earlier run)');
    expect(io.stdout.join('\n')).toContain('(0 accounts were touched)');
    expect(await db.prisma.accountMetrics.count({ where: { accountId: { in: accountIds } } })).toBe(3);
    expect(await outstandingOf('SYN-INV-1001')).toBe('1120.00');
    expect(await allStaleAccountIds(db.prisma)).toEqual([]);

    // Nothing stale any more: the next re-run recomputes nothing.
    const again = captureIO();
    expect(await runImportCommand([FILE], again, backend())).toBe(0);
    expect(again.stderr.join('\n')).not.toContain('recomputing');
  });

  it('is repaired when a server starts, without any new import', { timeout: 60_000 }, async () => {
    const delivery = createDelivery(db, {
      databaseUrl: db.url,
      webhookPolicy: { blockPrivateTargets: true },
      settings: queueSettings({ recomputeRetryDelay: 1, webhookRetryDelay: 1 }),
      pollingIntervalSeconds: 0.5,
      stopTimeoutMs: 2_000,
      log: collectingLog(),
    });
    await delivery.start(createServices(db.prisma, { events: delivery.events, jobs: delivery.jobs }));
    try {
      await waitFor('every account recomputed', async () => (await allStaleAccountIds(db.prisma)).length === 0 || null, 30_000);
      expect(await db.prisma.accountMetrics.count({ where: { accountId: { in: accountIds } } })).toBe(3);
      expect(await outstandingOf('SYN-INV-1001')).toBe('1120.00');
    } finally {
      await delivery.stop();
    }
  });
});
