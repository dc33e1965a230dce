import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DB_KINDS } from '../test-support/databases.js';
import { type DeliveryTestServer, startDeliveryTestServer, waitFor } from '../test-support/delivery.js';
import { QUEUES, queueSettings, retryDelayWindow } from './queues.js';

describe.each(DB_KINDS)('jobs on %s', (kind) => {
  let s: DeliveryTestServer;
  /** accountChanged calls made by the workers, by reason: the test's own reasons only. */
  const calls: { id: string; reason: string; at: number }[] = [];
  const failOnce = new Set<string>();

  beforeAll(async () => {
    s = await startDeliveryTestServer(kind, {
      wrapServices: (base) => ({
        ...base,
        async accountChanged(id, reason) {
          calls.push({ id, reason, at: Date.now() });
          if (failOnce.delete(id)) throw new Error(`simulated failure for ${id}`);
        },
      }),
    });
  });
  afterAll(() => s?.close());

  const callsFor = (reason: string) => calls.filter((c) => c.reason === reason);

  it('runs each recompute job exactly once', async () => {
    const ids = Array.from({ length: 120 }, (_, i) => `acct-${i}`);
    await s.services.accountsChanged([...ids, ...ids.slice(0, 10)], 'once');
    const jobs = await s.delivery.boss.findJobs(QUEUES.recomputeAccounts, { data: { reason: 'once' } });
    expect(jobs.map((j) => (j.data as { accountIds: string[] }).accountIds.length).sort()).toEqual([20, 50, 50]);
    await waitFor('all ids recomputed', () => callsFor('once').length >= ids.length);
    // Another two polling rounds: nothing runs twice.
    await new Promise((r) => setTimeout(r, 1_200));
    expect(callsFor('once').map((c) => c.id).sort()).toEqual([...ids].sort());
    const done = await s.delivery.boss.findJobs(QUEUES.recomputeAccounts, { data: { reason: 'once' } });
    expect(done.map((j) => j.state)).toEqual(['completed', 'completed', 'completed']);
  });

  it('retries a failed job with backoff until it succeeds', async () => {
    failOnce.add('flaky');
    const [jobId] = await Promise.all([s.delivery.jobs.send(QUEUES.recomputeAccounts, { accountIds: ['flaky'], reason: 'retry' })]);
    const failed = await waitFor('first attempt', () => callsFor('retry')[0]);
    const retrying = await waitFor('job in retry', async () => {
      const [job] = await s.delivery.boss.findJobs(QUEUES.recomputeAccounts, { id: jobId! });
      return job?.state === 'retry' ? job : null;
    });
    // pg-boss scheduled the retry inside the window the backoff promises (1–2 s for a 1 s base delay).
    const window = retryDelayWindow(queueSettings({ recomputeRetryDelay: 1 })[QUEUES.recomputeAccounts], 1);
    const wait = (retrying.startAfter.getTime() - failed.at) / 1000;
    expect(wait).toBeGreaterThanOrEqual(window.min - 0.5);
    expect(wait).toBeLessThanOrEqual(window.max + 0.5);
    const second = await waitFor('second attempt', () => callsFor('retry')[1], 10_000);
    expect(second.at - failed.at).toBeGreaterThanOrEqual(window.min * 1000 - 500);
    await waitFor('job completed', async () => (await s.delivery.boss.findJobs(QUEUES.recomputeAccounts, { id: jobId! }))[0]?.state === 'completed');
    expect(callsFor('retry')).toHaveLength(2);
  });

  it('re-evaluates every account daily, in recompute jobs of 50', async () => {
    const names = Array.from({ length: 130 }, (_, i) => ({ name: `Daily ${i}`, currency: 'EUR' }));
    await s.db.prisma.account.createMany({ data: names });
    const all = await s.db.prisma.account.findMany({ select: { id: true } });
    await s.delivery.jobs.send(QUEUES.reevaluateAll, {});
    await waitFor('daily re-evaluation', () => new Set(callsFor('daily-reevaluation').map((c) => c.id)).size >= all.length, 20_000);
    expect(new Set(callsFor('daily-reevaluation').map((c) => c.id))).toEqual(new Set(all.map((a) => a.id)));
    const chunks = await s.delivery.boss.findJobs(QUEUES.recomputeAccounts, { data: { reason: 'daily-reevaluation' } });
    expect(chunks.every((j) => (j.data as { accountIds: string[] }).accountIds.length <= 50)).toBe(true);
    expect(chunks).toHaveLength(Math.ceil(all.length / 50));
  });

  it('schedules the re-evaluation, the delivery-log pruning and the intel-request reminders daily, the review plan on the 1st of every month, and the sweep of stale statuses every 10 minutes', async () => {
    const schedules = await s.delivery.boss.getSchedules();
    const byName = (a: { name: string }, b: { name: string }) => a.name.localeCompare(b.name);
    expect(schedules.map((x) => ({ name: x.name, cron: x.cron, timezone: x.timezone })).sort(byName)).toEqual(
      [
        { name: QUEUES.intelRequestsDaily, cron: '0 5 * * *', timezone: 'UTC' },
        { name: QUEUES.pruneDeliveries, cron: '45 3 * * *', timezone: 'UTC' },
        { name: QUEUES.reevaluateAll, cron: '30 3 * * *', timezone: 'UTC' },
        { name: QUEUES.scheduleReviews, cron: '0 5 1 * *', timezone: 'UTC' },
        { name: QUEUES.sweepStaleAccounts, cron: '*/10 * * * *', timezone: 'UTC' },
      ].sort(byName),
    );
  });

  it('reminds and expires open intel requests through the daily job', async () => {
    const account = await s.db.prisma.account.create({ data: { name: 'Intel Daily Ltd', currency: 'EUR' } });
    const ago = (days: number) => new Date(Date.now() - days * 86400_000);
    const row = (createdAt: Date, dueAt: Date | null) => ({
      accountId: account.id,
      assignedToId: s.users.SALES.id,
      questions: [{ id: 'HIRING', kind: 'CHOICE', template: 'HIRING', text: 'Are they hiring?' }],
      createdAt,
      dueAt,
    });
    const remind = await s.db.prisma.intelRequest.create({ data: row(ago(4), null) });
    const expire = await s.db.prisma.intelRequest.create({ data: row(ago(40), ago(20)) });
    const fresh = await s.db.prisma.intelRequest.create({ data: row(ago(1), null) });
    await s.delivery.jobs.send(QUEUES.intelRequestsDaily, {});
    await waitFor('reminded and expired', async () => {
      const [r, e] = await Promise.all([s.db.prisma.intelRequest.findUniqueOrThrow({ where: { id: remind.id } }), s.db.prisma.intelRequest.findUniqueOrThrow({ where: { id: expire.id } })]);
      return r.reminderCount === 1 && e.status === 'EXPIRED';
    });
    expect(await s.db.prisma.intelRequest.findUniqueOrThrow({ where: { id: fresh.id } })).toMatchObject({ status: 'OPEN', reminderCount: 0 });
    const events = await s.db.prisma.auditEvent.findMany({ where: { entityId: { in: [remind.id, expire.id] } }, orderBy: { action: 'asc' } });
    expect(events.map((e) => [e.action, e.actorId])).toEqual([
      ['intelRequest.expire', null],
      ['intelRequest.remind', null],
    ]);
  });

  it('plans the month’s health-check reviews from the monthly job, once however often it runs', async () => {
    const owner = await s.db.prisma.user.create({ data: { email: 'owner-job@test.earshot.test', name: 'Job Owner', role: 'CREDIT', reviewCapacity: 2 } });
    // Created two years ago and never reviewed: due (overdue) now whatever the risk level.
    const old = new Date(Date.now() - 730 * 86400_000);
    await s.db.prisma.account.createMany({ data: [1, 2, 3].map((i) => ({ name: `Review job ${i}`, currency: 'EUR', creditOwnerId: owner.id, createdAt: old })) });
    // The job plans the current month (scheduleReviews takes only the current month or the next).
    const month = new Date().toISOString().slice(0, 7);
    await s.delivery.jobs.send(QUEUES.scheduleReviews, { month });
    await waitFor('reviews planned', async () => (await s.db.prisma.healthCheck.count({ where: { reviewerId: owner.id, plannedMonth: month } })) === 2);
    await s.delivery.jobs.send(QUEUES.scheduleReviews, { month });
    await waitFor('second run done', async () => (await s.delivery.boss.findJobs(QUEUES.scheduleReviews, { data: { month } })).every((j) => j.state === 'completed'));
    // Capacity 2: the third account waits; the second run planned nothing twice.
    expect(await s.db.prisma.healthCheck.count({ where: { reviewerId: owner.id } })).toBe(2);
    const runs = await s.db.prisma.auditEvent.findMany({ where: { action: 'healthCheck.schedule' } });
    expect(runs.map((r) => (r.data as { planned: number }).planned).sort()).toEqual([0, 2]);
    expect(runs.every((r) => r.actorId === null)).toBe(true);
  });

  it('prunes finished webhook deliveries after 30 days, keeping pending ones', async () => {
    const hook = await s.db.prisma.webhook.create({ data: { url: 'https://hooks.example.com/x', events: ['alert.raised'], secret: 'whsec_x' } });
    const old = new Date(Date.now() - 31 * 86400_000);
    const row = (status: string, createdAt: Date) => ({ webhookId: hook.id, event: 'alert.raised', payload: {}, status, createdAt });
    await s.db.prisma.webhookDelivery.createMany({
      data: [row('DELIVERED', old), row('FAILED', old), row('PENDING', old), row('DELIVERED', new Date())],
    });
    await s.delivery.jobs.send(QUEUES.pruneDeliveries, {});
    await waitFor('pruned', async () => (await s.db.prisma.webhookDelivery.count({ where: { webhookId: hook.id } })) === 2);
    const left = await s.db.prisma.webhookDelivery.findMany({ where: { webhookId: hook.id }, orderBy: { status: 'asc' } });
    expect(left.map((d) => d.status)).toEqual(['DELIVERED', 'PENDING']);
    expect(left[0]!.createdAt.getTime()).toBeGreaterThan(old.getTime());
  });
});
