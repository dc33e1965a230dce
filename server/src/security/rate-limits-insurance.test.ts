/** While Redis is unreachable the limits keep working in this process (the insurance limiter), never failing requests. */
import { Redis } from 'ioredis';
import { afterAll, describe, expect, it } from 'vitest';
import { createRateLimits } from './rate-limits.js';

describe('rate limits with Redis unreachable', () => {
  const redis = new Redis('redis://127.0.0.1:1', { lazyConnect: true, maxRetriesPerRequest: 0, retryStrategy: () => null });
  redis.on('error', () => {});
  afterAll(() => redis.disconnect());

  it('counts in memory instead, and still refuses over the limit', async () => {
    const limits = createRateLimits({
      config: { signInFailuresPerAccount: 2, signInFailuresPerAddress: 0, signInWindowSeconds: 60, lockoutsBeforeAlert: 0, requestsPerToken: 2, requestsPerAddress: 0, requestWindowSeconds: 60 },
      prisma: null as never,
      redis,
      log: () => {},
    });
    expect(limits.mode).toBe('redis');
    await limits.request('token-1', null);
    await limits.request('token-1', null);
    await expect(limits.request('token-1', null)).rejects.toMatchObject({ extensions: { code: 'RATE_LIMITED' } });
    await limits.signIn('a@b.example', null);
    await (await limits.signIn('a@b.example', null)).succeeded();
    await (await limits.signIn('a@b.example', null)).succeeded();
  });
});
