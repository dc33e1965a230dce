/**
 * The "auth revoked" event crosses instances through Redis: a stream held on B ends when its user signs out
 * everywhere on A, with no alert raised in between (so the per-event re-check is not what ends it).
 * Needs TEST_DATABASE_URL and TEST_REDIS_URL (CI sets both); skipped without them.
 */
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { issueToken } from '../auth/tokens.js';
import { createTestDatabase, type TestDatabase } from '../test-support/databases.js';
import { type ListeningInstance, startInstance, TEST_REDIS_URL, waitFor } from '../test-support/delivery.js';
import { type SseSubscription, subscribeSse } from '../test-support/sse.js';

const enabled = Boolean(process.env.TEST_DATABASE_URL && TEST_REDIS_URL);

describe.skipIf(!enabled)('subscriptions on another instance end on sign-out (Redis)', () => {
  let db: TestDatabase;
  let a: ListeningInstance;
  let b: ListeningInstance;
  let redis: Redis;
  let userId: string;
  const subs: SseSubscription[] = [];
  const prefix = `earshot-revoke-${process.pid}-${Date.now()}:`;
  const remoteSubscribers = async (channel: string) => ((await redis.pubsub('NUMSUB', channel)) as [string, number])[1];

  beforeAll(async () => {
    db = await createTestDatabase('postgres');
    userId = (await db.prisma.user.create({ data: { email: 'credit@revoke.earshot.test', name: 'Credit', role: 'CREDIT' } })).id;
    a = await startInstance(db.url!, { redisUrl: TEST_REDIS_URL!, channelPrefix: prefix });
    b = await startInstance(db.url!, { redisUrl: TEST_REDIS_URL!, channelPrefix: prefix });
    redis = new Redis(TEST_REDIS_URL!);
  });
  afterAll(async () => {
    await Promise.all(subs.map((s) => s.close()));
    await a?.close();
    await b?.close();
    await redis?.quit();
    await db?.drop();
  });

  it('signOut everywhere on A ends the stream held on B', async () => {
    const onB = (await issueToken(db.prisma, { userId, kind: 'SESSION', ttlHours: 1 })).token;
    const onA = (await issueToken(db.prisma, { userId, kind: 'SESSION', ttlHours: 1 })).token;
    const sub = await subscribeSse(fetch, `${b.url}/graphql`, 'subscription { alertRaised { title } }', {}, onB);
    subs.push(sub);
    await waitFor('B listening for revocations in Redis', async () => (await remoteSubscribers(b.delivery.channel.channelOf('authRevoked'))) >= 1);
    expect(a.delivery.channel.localListeners('authRevoked')).toBe(0);
    const started = performance.now();
    const res = await fetch(`${a.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${onA}` },
      body: JSON.stringify({ query: 'mutation { signOut(input: { everywhere: true }) { ok } }' }),
    });
    expect(((await res.json()) as { data: { signOut: { ok: boolean } } }).data.signOut.ok).toBe(true);
    await expect(sub.next(5_000)).rejects.toThrow(/subscription completed|stream ended/);
    console.info(`signOut on A → stream on B ended in ${(performance.now() - started).toFixed(1)} ms`);
  });
});
