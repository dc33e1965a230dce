/**
 * Rate limits shared through Redis: two instances on one PostgreSQL and one Redis (as behind a load balancer).
 * Failures counted on A lock the account out on B; requests per token are counted across both.
 * Needs TEST_DATABASE_URL and TEST_REDIS_URL (CI sets both); skipped without them.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hashPassword } from '../auth/passwords.js';
import { issueToken } from '../auth/tokens.js';
import type { RateLimitConfig } from '../config.js';
import { createTestDatabase, type TestDatabase } from '../test-support/databases.js';
import { type ListeningInstance, startInstance, TEST_REDIS_URL } from '../test-support/delivery.js';
import { TEST_PASSWORD } from '../test-support/server.js';

const enabled = Boolean(process.env.TEST_DATABASE_URL && TEST_REDIS_URL);

describe.skipIf(!enabled)('rate limits shared through Redis by two instances', () => {
  let db: TestDatabase;
  let a: ListeningInstance;
  let b: ListeningInstance;
  let token: string;
  const prefix = `earshot-rl-${process.pid}-${Date.now()}:`;
  const rateLimits: RateLimitConfig = {
    signInFailuresPerAccount: 3,
    signInFailuresPerAddress: 0,
    signInWindowSeconds: 60,
    lockoutsBeforeAlert: 3,
    requestsPerToken: 6,
    requestsPerAddress: 0,
    requestWindowSeconds: 60,
  };

  beforeAll(async () => {
    db = await createTestDatabase('postgres');
    const passwordHash = await hashPassword(TEST_PASSWORD);
    const user = await db.prisma.user.create({ data: { email: 'credit@rl.earshot.test', name: 'Credit', role: 'CREDIT', passwordHash } });
    token = (await issueToken(db.prisma, { userId: user.id, kind: 'SESSION', ttlHours: 1 })).token;
    const options = { redisUrl: TEST_REDIS_URL!, channelPrefix: prefix, config: { rateLimits } };
    a = await startInstance(db.url!, options);
    b = await startInstance(db.url!, options);
  });
  afterAll(async () => {
    await a?.close();
    await b?.close();
    await db?.drop();
  });

  const post = async (instance: ListeningInstance, query: string, variables: Record<string, unknown> = {}, auth?: string) => {
    const res = await fetch(`${instance.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(auth ? { authorization: `Bearer ${auth}` } : {}) },
      body: JSON.stringify({ query, variables }),
    });
    return { status: res.status, retryAfter: res.headers.get('retry-after'), body: (await res.json()) as { errors?: { extensions?: Record<string, unknown> }[] } };
  };
  const signIn = (instance: ListeningInstance, password: string) =>
    post(instance, 'mutation ($i: SignInInput!) { signIn(input: $i) { token } }', { i: { email: 'credit@rl.earshot.test', password } });

  it('failures counted on A lock the account out on B, and one lock-out is recorded once', async () => {
    expect((await signIn(a, 'wrong-1')).status).toBe(401);
    expect((await signIn(b, 'wrong-2')).status).toBe(401);
    expect((await signIn(a, 'wrong-3')).status).toBe(401);
    const locked = await signIn(b, TEST_PASSWORD);
    expect(locked.status).toBe(429);
    expect(Number(locked.retryAfter)).toBeGreaterThan(50);
    expect(locked.body.errors?.[0]?.extensions).toEqual({ code: 'RATE_LIMITED', retryAfterSeconds: Number(locked.retryAfter) });
    expect((await signIn(a, TEST_PASSWORD)).status).toBe(429);
    expect(await db.prisma.auditEvent.count({ where: { action: 'auth.lockout' } })).toBe(1);
  });

  it('counts requests per token across instances', async () => {
    const statuses: number[] = [];
    for (const instance of [a, b, a, b, a, b, a, b]) statuses.push((await post(instance, '{ viewer { email } }', {}, token)).status);
    expect(statuses).toEqual([200, 200, 200, 200, 200, 200, 429, 429]);
  });
});
