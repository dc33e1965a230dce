/**
 * Issue 12: the daily re-evaluation is bounded by its work, not by the queue's polling. With a polling interval
 * far longer than the whole run, every account of a multi-job re-evaluation is recomputed and no job is left
 * behind: the workers keep fetching while fetches come back full, and new jobs wake them.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDelivery, type Delivery } from '../events/delivery.js';
import { createServices } from '../services/index.js';
import { createTestDatabase, DB_KINDS, type TestDatabase } from '../test-support/databases.js';
import { collectingLog, waitFor } from '../test-support/delivery.js';
import { QUEUES, queueSettings, RECOMPUTE_CHUNK } from './queues.js';

const ACCOUNTS = 430; // 9 recompute jobs of up to 50: several fetches of 4 jobs, the last one short
const POLL_SECONDS = 60;

describe.each(DB_KINDS)('the daily re-evaluation on %s', (kind) => {
  let db: TestDatabase;
  let delivery: Delivery | undefined;

  beforeAll(async () => {
    db = await createTestDatabase(kind);
    await db.prisma.account.createMany({
      data: Array.from({ length: ACCOUNTS }, (_, i) => ({ name: `Drain ${i}`, externalId: `DRAIN-${String(i).padStart(4, '0')}`, currency: 'EUR', creditLimit: '1000.00' })),
    });
    // A few with a ledger, so the recompute has rows to read and outstanding to write.
    const some = await db.prisma.account.findMany({ select: { id: true }, orderBy: { id: 'asc' }, take: 20 });
    await db.prisma.invoice.createMany({
      data: some.map((a, i) => ({ externalId: `DRAIN-INV-${i}`, accountId: a.id, number: `D-${i}`, currency: 'EUR', amount: '250.00', issuedAt: new Date('2026-01-05'), dueAt: new Date('2026-02-04') })),
    });
  });
  afterAll(async () => {
    await delivery?.stop();
    await db?.drop();
  });

  it('recomputes every account without waiting a polling interval between jobs, and leaves no job behind', { timeout: 120_000 }, async () => {
    delivery = createDelivery(db, {
      databaseUrl: db.url,
      webhookPolicy: { blockPrivateTargets: true },
      settings: queueSettings({ recomputeRetryDelay: 1, webhookRetryDelay: 1 }),
      // Longer than the whole run may take: one wait between fetches and the test times out.
      pollingIntervalSeconds: POLL_SECONDS,
      stopTimeoutMs: 5_000,
      log: collectingLog(),
    });
    await delivery.start(createServices(db.prisma, { events: delivery.events, jobs: delivery.jobs }));
    const since = new Date();
    await delivery.jobs.send(QUEUES.reevaluateAll, {});

    const behind = () => db.prisma.account.count({ where: { OR: [{ metrics: null }, { metrics: { computedAt: { lt: since } } }] } });
    await waitFor('every account re-evaluated', async () => (await behind()) === 0, (POLL_SECONDS * 1000) / 2, 100);

    const recompute = await waitFor(
      'every recompute job completed',
      async () => {
        const jobs = await delivery!.boss.findJobs<{ accountIds: string[]; reason: string }>(QUEUES.recomputeAccounts, { data: { reason: 'daily-reevaluation' } });
        return jobs.length && jobs.every((j) => j.state === 'completed') ? jobs : null;
      },
      10_000,
      100,
    );
    expect(recompute).toHaveLength(Math.ceil(ACCOUNTS / RECOMPUTE_CHUNK));
    expect(new Set(recompute.flatMap((j) => j.data.accountIds)).size).toBe(ACCOUNTS);
    await waitFor('the re-evaluation job completed', async () => (await delivery!.boss.findJobs(QUEUES.reevaluateAll)).every((j) => j.state === 'completed'), 10_000, 100);
    const left = await db.prisma.$queryRaw<{ n: number }[]>`SELECT count(*)::int AS n FROM pgboss.job WHERE name = ${QUEUES.recomputeAccounts} AND state < 'completed'`;
    expect(left[0]?.n).toBe(0);
    // The statuses are real: an account with an invoice carries its exposure.
    const withLedger = await db.prisma.accountMetrics.findMany({ where: { account: { invoices: { some: {} } } } });
    expect(withLedger).toHaveLength(20);
    expect(withLedger.every((m) => m.exposure.toFixed(2) === '250.00')).toBe(true);
  });
});
