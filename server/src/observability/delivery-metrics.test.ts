/** The background parts' metrics on /metrics: job queue depth and failures, webhook outcomes, live subscriptions, the pool. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { QUEUES } from '../jobs/queues.js';
import { DB_KINDS } from '../test-support/databases.js';
import { type DeliveryTestServer, startDeliveryTestServer, startWebhookReceiver, type WebhookReceiver, waitFor } from '../test-support/delivery.js';
import { subscribeSse } from '../test-support/sse.js';
import { createWebhook } from '../webhooks/manage.js';
import { sample } from '../test-support/observability.js';

describe.each(DB_KINDS)('metrics of the jobs, webhooks and live events on %s', (kind) => {
  let s: DeliveryTestServer;
  let receiver: WebhookReceiver;
  let failRecomputes = false;
  beforeAll(async () => {
    receiver = await startWebhookReceiver([200]);
    s = await startDeliveryTestServer(kind, {
      allowPrivateWebhooks: true,
      wrapServices: (base) => ({
        ...base,
        recomputeAccounts: async (ids, reason) => (failRecomputes ? new Map(ids.map((id) => [id, new Error('recompute refused by the test')])) : base.recomputeAccounts(ids, reason)),
      }),
    });
  });
  afterAll(async () => {
    await receiver?.close();
    await s?.close();
  });
  const metrics = async () => (await s.app.yoga.fetch('http://earshot.test/metrics')).text();

  it('reports each queue’s depth and the pool of the database', async () => {
    const text = await metrics();
    for (const queue of Object.values(QUEUES)) expect(sample(text, 'earshot_job_queue_depth', { queue })).toBeGreaterThanOrEqual(0);
    if (kind === 'postgres') {
      expect(sample(text, 'earshot_db_pool_max')).toBe(10);
      expect(sample(text, 'earshot_db_pool_idle')).toBeGreaterThanOrEqual(0);
      expect(sample(text, 'earshot_db_pool_in_use')).toBeGreaterThanOrEqual(0);
      expect(sample(text, 'earshot_db_pool_waiting')).toBe(0);
    } else {
      expect(sample(text, 'earshot_db_pool_max')).toBe(1);
    }
  });

  it('counts a delivered webhook', async () => {
    const account = await s.db.prisma.account.create({ data: { name: 'Hooked Ltd', currency: 'EUR' } });
    await createWebhook(s.db.prisma, null, { url: receiver.url, events: ['account.updated'] }, s.delivery.webhookPolicy);
    await s.services.events.accountUpdated(account.id);
    await waitFor('the webhook received', () => receiver.requests.length >= 1);
    await waitFor('the delivery counted', async () => sample(await metrics(), 'earshot_webhook_deliveries_total', { outcome: 'delivered' }) === 1);
  });

  it('counts failed job attempts per queue', async () => {
    const account = await s.db.prisma.account.create({ data: { name: 'Failing Recompute Ltd', currency: 'EUR' } });
    failRecomputes = true;
    try {
      await s.services.jobs!.send(QUEUES.recomputeAccounts, { accountIds: [account.id], reason: 'test' });
      await waitFor('a failure counted', async () => (sample(await metrics(), 'earshot_job_failures_total', { queue: QUEUES.recomputeAccounts }) ?? 0) >= 1);
    } finally {
      failRecomputes = false;
    }
  });

  it('counts the live subscriptions open on this instance', async () => {
    const sub = await subscribeSse((u, init) => Promise.resolve(s.app.yoga.fetch(u, init)), 'http://earshot.test/graphql', 'subscription { alertRaised { id } }', {}, s.users.CREDIT.token);
    try {
      await waitFor('one subscription', async () => sample(await metrics(), 'earshot_live_subscriptions') === 1);
    } finally {
      await sub.close();
    }
    await waitFor('none after it closed', async () => sample(await metrics(), 'earshot_live_subscriptions') === 0);
  });
});
