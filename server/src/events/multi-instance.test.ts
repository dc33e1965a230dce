/**
 * Two Earshot instances in this process on one PostgreSQL database and one Redis, each with its own pg-boss,
 * workers and Redis connections, listening on their own ports: what a deployment behind a load balancer runs.
 * Needs TEST_DATABASE_URL and TEST_REDIS_URL (CI sets both); skipped without them.
 */
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { issueToken } from '../auth/tokens.js';
import { createTestDatabase, type TestDatabase } from '../test-support/databases.js';
import { type ListeningInstance, startInstance, startWebhookReceiver, TEST_REDIS_URL, waitFor } from '../test-support/delivery.js';
import { type SseSubscription, subscribeSse } from '../test-support/sse.js';
import { createWebhook } from '../webhooks/manage.js';

const enabled = Boolean(process.env.TEST_DATABASE_URL && TEST_REDIS_URL);

describe.skipIf(!enabled)('two instances on one PostgreSQL and Redis', () => {
  let db: TestDatabase;
  let a: ListeningInstance;
  let b: ListeningInstance;
  let redis: Redis;
  let token: string;
  let accountId: string;
  const prefix = `earshot-multi-${process.pid}-${Date.now()}:`;
  const recomputed: string[] = [];
  const subs: SseSubscription[] = [];

  const remoteSubscribers = async (channel: string) => ((await redis.pubsub('NUMSUB', channel)) as [string, number])[1];

  beforeAll(async () => {
    db = await createTestDatabase('postgres');
    const user = await db.prisma.user.create({ data: { email: 'admin@multi.earshot.test', name: 'Admin', role: 'ADMIN' } });
    token = (await issueToken(db.prisma, { userId: user.id, kind: 'SESSION', ttlHours: 1 })).token;
    accountId = (await db.prisma.account.create({ data: { name: 'Umbrella Corp', currency: 'EUR' } })).id;
    const options = {
      redisUrl: TEST_REDIS_URL!,
      channelPrefix: prefix,
      allowPrivateWebhooks: true, // the webhook receiver listens on 127.0.0.1
      wrapServices: (s: import('../services/index.js').Services) => ({
        ...s,
        accountChanged: async (id: string) => {
          recomputed.push(id);
        },
      }),
    };
    a = await startInstance(db.url!, options);
    b = await startInstance(db.url!, options);
    redis = new Redis(TEST_REDIS_URL!);
  });
  afterAll(async () => {
    await Promise.all(subs.map((s) => s.close()));
    await a?.close();
    await b?.close();
    await redis?.quit();
    await db?.drop();
  });

  const subscribe = async (query: string, variables: Record<string, unknown> = {}) => {
    const sub = await subscribeSse(fetch, `${b.url}/graphql`, query, variables, token);
    subs.push(sub);
    return sub;
  };

  it('a subscription held on B receives an alert raised on A', async () => {
    const sub = await subscribe('subscription { alertRaised { title account { name } } }');
    await waitFor('B subscribed in Redis', async () => (await remoteSubscribers(b.delivery.channel.channelOf('alertRaised'))) >= 1);
    expect(a.delivery.channel.localListeners('alertRaised')).toBe(0);
    const alert = await db.prisma.alert.create({ data: { accountId, rule: 'BANK_CHANGE', dedupKey: 'bank:1', severity: 3, title: 'Bank details changed', evidence: {} } });
    const sent = performance.now();
    await a.services.events.alertRaised({ id: alert.id, accountId, rule: 'BANK_CHANGE', severity: 3, title: 'Bank details changed', status: 'OPEN' });
    const got = await sub.next(5_000);
    const latency = performance.now() - sent;
    expect(got.data?.alertRaised).toEqual({ title: 'Bank details changed', account: { name: 'Umbrella Corp' } });
    console.info(`alert raised on A reached the SSE subscriber on B in ${latency.toFixed(1)} ms`);
  });

  it('accountUpdated crosses instances too', async () => {
    const { encodeGlobalID } = await import('@pothos/plugin-relay');
    const sub = await subscribe('subscription ($id: ID!) { accountUpdated(id: $id) { name } }', { id: encodeGlobalID('Account', accountId) });
    await waitFor('B subscribed in Redis', async () => (await remoteSubscribers(b.delivery.channel.channelOf(`accountUpdated:${accountId}`))) >= 1);
    await a.services.events.accountUpdated(accountId);
    expect((await sub.next()).data?.accountUpdated).toEqual({ name: 'Umbrella Corp' });
  });

  it('accountsUpdated on B hears accounts changed on A, through each account’s own channel', async () => {
    const { encodeGlobalID } = await import('@pothos/plugin-relay');
    const other = (await db.prisma.account.create({ data: { name: 'Wayne Enterprises', currency: 'EUR' } })).id;
    const sub = await subscribe('subscription ($ids: [ID!]!) { accountsUpdated(ids: $ids) { name } }', {
      ids: [encodeGlobalID('Account', accountId), encodeGlobalID('Account', other)],
    });
    for (const id of [accountId, other]) {
      await waitFor('B subscribed in Redis', async () => (await remoteSubscribers(b.delivery.channel.channelOf(`accountUpdated:${id}`))) >= 1);
    }
    await a.services.events.accountUpdated(other);
    await a.services.events.accountUpdated(accountId);
    expect((await sub.next()).data?.accountsUpdated).toEqual({ name: 'Wayne Enterprises' });
    expect((await sub.next()).data?.accountsUpdated).toEqual({ name: 'Umbrella Corp' });
    await sub.close();
    await waitFor('B unsubscribed in Redis', async () => (await remoteSubscribers(b.delivery.channel.channelOf(`accountUpdated:${other}`))) === 0);
  });

  it('runs each job once although both instances work the queues', async () => {
    const ids = Array.from({ length: 200 }, (_, i) => `multi-${i}`);
    await Promise.all([a.services.accountsChanged(ids.slice(0, 100), 'multi'), b.services.accountsChanged(ids.slice(100), 'multi')]);
    await waitFor('all recomputed', () => recomputed.filter((id) => id.startsWith('multi-')).length >= ids.length, 15_000);
    await new Promise((r) => setTimeout(r, 1_200));
    expect(recomputed.filter((id) => id.startsWith('multi-')).sort()).toEqual([...ids].sort());
  });

  it('delivers each webhook event once, whichever instance raised it', async () => {
    const receiver = await startWebhookReceiver([200]);
    try {
      await createWebhook(db.prisma, null, { url: receiver.url, events: ['alert.raised'] }, { blockPrivateTargets: false });
      for (const [i, instance] of [a, b, a, b, a].entries()) {
        const alert = await db.prisma.alert.create({ data: { accountId, rule: 'OVERDUE', dedupKey: `overdue:${i}`, severity: 2, title: `Overdue ${i}`, evidence: {} } });
        await instance.services.events.alertRaised({ id: alert.id, accountId, rule: 'OVERDUE', severity: 2, title: `Overdue ${i}`, status: 'OPEN' });
      }
      await waitFor('five deliveries', () => receiver.requests.length >= 5, 15_000);
      await new Promise((r) => setTimeout(r, 1_200));
      expect(receiver.requests).toHaveLength(5);
      expect(new Set(receiver.requests.map((r) => r.headers['webhook-id'])).size).toBe(5);
      expect(await db.prisma.webhookDelivery.count({ where: { status: 'DELIVERED', attempts: 1 } })).toBe(5);
    } finally {
      await receiver.close();
    }
  });
});
