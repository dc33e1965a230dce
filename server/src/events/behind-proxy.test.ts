/**
 * Two instances behind a round-robin load balancer (test-support/round-robin-proxy.ts), on one PostgreSQL and one
 * Redis, as an operator deploys several: every request through the proxy lands on the other instance than the
 * one before, and each instance names itself in `x-earshot-instance` (EARSHOT_INSTANCE_ID). A signal written
 * through the proxy on A reaches a subscription held through the proxy on B; the request limit is one limit for
 * both, each request counted once. Needs TEST_DATABASE_URL and TEST_REDIS_URL (CI sets both); skipped without them.
 */
import { encodeGlobalID } from '@pothos/plugin-relay';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { issueToken } from '../auth/tokens.js';
import type { RateLimitConfig } from '../config.js';
import { createTestDatabase, type TestDatabase } from '../test-support/databases.js';
import { type ListeningInstance, startInstance, TEST_REDIS_URL, waitFor } from '../test-support/delivery.js';
import { type RoundRobinProxy, startRoundRobinProxy } from '../test-support/round-robin-proxy.js';
import { type SseSubscription, subscribeSse } from '../test-support/sse.js';

const enabled = Boolean(process.env.TEST_DATABASE_URL && TEST_REDIS_URL);

describe.skipIf(!enabled)('two instances behind a round-robin proxy', () => {
  let db: TestDatabase;
  let a: ListeningInstance;
  let b: ListeningInstance;
  let proxy: RoundRobinProxy;
  let redis: Redis;
  let userId: string;
  let accountId: string;
  const prefix = `earshot-proxy-${process.pid}-${Date.now()}:`;
  const subs: SseSubscription[] = [];
  const rateLimits: RateLimitConfig = {
    signInFailuresPerAccount: 0,
    signInFailuresPerAddress: 0,
    signInWindowSeconds: 60,
    lockoutsBeforeAlert: 0,
    requestsPerToken: 6,
    requestsPerAddress: 0,
    requestWindowSeconds: 60,
  };

  beforeAll(async () => {
    db = await createTestDatabase('postgres');
    userId = (await db.prisma.user.create({ data: { email: 'credit@proxy.earshot.test', name: 'Credit', role: 'CREDIT' } })).id;
    accountId = (await db.prisma.account.create({ data: { name: 'Initech', currency: 'EUR' } })).id;
    const options = { redisUrl: TEST_REDIS_URL!, channelPrefix: prefix };
    a = await startInstance(db.url!, { ...options, config: { rateLimits, trustProxy: 1, instanceId: 'earshot-a' } });
    b = await startInstance(db.url!, { ...options, config: { rateLimits, trustProxy: 1, instanceId: 'earshot-b' } });
    proxy = await startRoundRobinProxy([a.url, b.url]);
    redis = new Redis(TEST_REDIS_URL!);
  });
  afterAll(async () => {
    await Promise.all(subs.map((s) => s.close()));
    await proxy?.close();
    await a?.close();
    await b?.close();
    await redis?.quit();
    await db?.drop();
  });

  const session = async () => (await issueToken(db.prisma, { userId, kind: 'SESSION', ttlHours: 1 })).token;
  const post = async (query: string, variables: Record<string, unknown>, token: string) => {
    const res = await fetch(`${proxy.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body: JSON.stringify({ query, variables }),
    });
    return { status: res.status, instance: res.headers.get('x-earshot-instance'), body: (await res.json()) as { data?: any; errors?: unknown[] } };
  };

  it('a signal written through the proxy on A reaches the subscription held through the proxy on B', async () => {
    const token = await session();
    // Requests alternate A, B, A, …: the first one goes to A, so the subscription (second) is held on B.
    const first = await post('{ viewer { email } }', {}, token);
    expect(first).toMatchObject({ status: 200, instance: 'earshot-a' });
    const id = encodeGlobalID('Account', accountId);
    const sub = await subscribeSse(fetch, `${proxy.url}/graphql`, 'subscription ($id: ID!) { accountUpdated(id: $id) { name signals(first: 1) { edges { node { note } } } } }', { id }, token);
    subs.push(sub);
    expect(proxy.served.at(-1)).toEqual({ upstream: 1, path: '/graphql' });
    await waitFor('B subscribed in Redis', async () => ((await redis.pubsub('NUMSUB', b.delivery.channel.channelOf(`accountUpdated:${accountId}`))) as [string, number])[1] >= 1);
    expect(a.delivery.channel.localListeners(`accountUpdated:${accountId}`)).toBe(0);

    const written = await post('mutation ($i: CreateSignalInput!) { createSignal(input: $i) { signal { id } } }', { i: { accountId: id, type: 'HIRING', note: 'written through the proxy' } }, token);
    expect(written).toMatchObject({ status: 200, instance: 'earshot-a' });
    expect(written.body.errors).toBeUndefined();
    // The recompute that follows the signal runs on whichever instance takes the job; B's subscriber hears it.
    const got = await sub.next(15_000);
    expect(got.data?.accountUpdated).toEqual({ name: 'Initech', signals: { edges: [{ node: { note: 'written through the proxy' } }] } });
  });

  it('the request limit is shared: requests alternating between A and B are refused after six in all', async () => {
    const token = await session();
    const results: { status: number; instance: string | null }[] = [];
    for (let i = 0; i < 8; i++) {
      const r = await post('{ viewer { email } }', {}, token);
      results.push({ status: r.status, instance: r.instance });
    }
    expect(results.map((r) => r.status)).toEqual([200, 200, 200, 200, 200, 200, 429, 429]);
    const instances = results.map((r) => r.instance);
    // Alternating (which one starts depends on the requests before), each instance answering four of the eight.
    expect(instances.filter((x) => x === 'earshot-a')).toHaveLength(4);
    expect(instances.filter((x) => x === 'earshot-b')).toHaveLength(4);
    for (let i = 1; i < instances.length; i++) expect(instances[i]).not.toBe(instances[i - 1]);
  });
});
