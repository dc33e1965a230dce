/**
 * Rate limits (rate-limiter-flexible): in this process (RateLimiterMemory), or shared by every instance through
 * Redis when REDIS_URL is set (RateLimiterRedis on the live channel's command connection, with an in-memory
 * limiter as insurance while Redis is unreachable, so an outage never fails requests).
 *
 * - Sign-in attempts per account (normalised e-mail) and per client address. Every attempt takes a point up
 *   front — before the password is checked, so a burst of parallel guesses cannot slip through — and a correct
 *   password gives it back: the account's counter is reset, the address's point refunded. The attempt that uses
 *   the last point and fails starts a lock-out for a whole window: later attempts, even with the right password,
 *   get RATE_LIMITED (HTTP 429, Retry-After) until it passes. A lock-out writes an audit event; the n-th
 *   lock-out of one account or address within a day raises a SecurityAlert for admins.
 * - Requests per token (a valid one) and per client address (anonymous, or an unknown token).
 * A limit of 0 is off.
 */
import { GraphQLError } from 'graphql';
import type { Redis } from 'ioredis';
import { type RateLimiterAbstract, RateLimiterMemory, RateLimiterRedis, RateLimiterRes } from 'rate-limiter-flexible';
import type { RateLimitConfig } from '../config.js';
import type { Prisma } from '../db/client.js';
import type { Log } from '../events/log.js';
import { audit } from '../services/audit.js';

export function rateLimited(msBeforeNext: number): GraphQLError {
  const seconds = Math.max(1, Math.ceil(msBeforeNext / 1000));
  return new GraphQLError(`Too many attempts: try again in ${seconds} s`, {
    extensions: { code: 'RATE_LIMITED', retryAfterSeconds: seconds, http: { status: 429, headers: { 'Retry-After': String(seconds) } } },
  });
}

export interface Lockout {
  scope: 'account' | 'address';
  subject: string;
  until: Date;
}

/** One sign-in attempt that got past the limits. */
export interface SignInAttempt {
  /** The password was wrong (or the user unknown or inactive): may start a lock-out. */
  failed(userId: string | null): Promise<void>;
  /** Signed in: the account's failures are forgotten, the address's point is given back. */
  succeeded(): Promise<void>;
}

export interface RateLimits {
  mode: 'memory' | 'redis';
  /** Throws RATE_LIMITED when this request is over its token's limit, or (no valid token) its address's. */
  request(tokenId: string | null, address: string | null): Promise<void>;
  /**
   * Takes an attempt's points; throws RATE_LIMITED while the account (normalised e-mail) or address is locked out.
   * email null (single sign-on: who it is, is known only once the provider answered): the address's limit only.
   */
  signIn(email: string | null, address: string | null): Promise<SignInAttempt>;
}

export interface RateLimitOptions {
  config: RateLimitConfig;
  prisma: Prisma;
  /** Share the counters through this Redis connection (a command connection, not a subscriber). */
  redis?: Redis | null;
  /** Prefix of the Redis keys (several deployments or test runs can share one Redis). */
  keyPrefix?: string;
  log?: Log;
  /** Called once per refusal with the limit's name (signin-account, signin-address, token, address): the metrics. */
  onRefused?: (limit: RateLimitName) => void;
}

export type RateLimitName = 'signin-account' | 'signin-address' | 'token' | 'address';

/** Points consumed after this consume, whether it was within the limit or not. */
async function take(limiter: RateLimiterAbstract, key: string): Promise<RateLimiterRes> {
  try {
    return await limiter.consume(key);
  } catch (res) {
    if (res instanceof RateLimiterRes) return res;
    throw res;
  }
}

export function createRateLimits(options: RateLimitOptions): RateLimits {
  const { config, prisma, redis } = options;
  const log = options.log ?? ((m, e) => console.error(`${m}: ${(e as Error)?.message ?? e}`));
  const prefix = options.keyPrefix ?? 'earshot:';
  const refused = (limit: RateLimitName, msBeforeNext: number) => {
    options.onRefused?.(limit);
    return rateLimited(msBeforeNext);
  };
  const make = (name: string, points: number, duration: number): RateLimiterAbstract | null => {
    if (points <= 0) return null;
    const keyPrefix = `${prefix}rl:${name}`;
    if (!redis) return new RateLimiterMemory({ keyPrefix, points, duration });
    return new RateLimiterRedis({
      storeClient: redis,
      keyPrefix,
      points,
      duration,
      rejectIfRedisNotReady: true,
      insuranceLimiter: new RateLimiterMemory({ keyPrefix, points, duration }),
    });
  };
  const window = config.signInWindowSeconds;
  const accountFailures = make('signin-account', config.signInFailuresPerAccount, window);
  const addressFailures = make('signin-address', config.signInFailuresPerAddress, window);
  const lockouts = make('lockouts', Math.max(config.lockoutsBeforeAlert, 1), 24 * 3600);
  const perToken = make('token', config.requestsPerToken, config.requestWindowSeconds);
  const perAddress = make('address', config.requestsPerAddress, config.requestWindowSeconds);

  const lockedOut = async (lockout: Lockout, userId: string | null, address: string | null) => {
    try {
      await audit(prisma, null, 'auth.lockout', lockout.scope === 'account' ? 'User' : 'ClientAddress', lockout.scope === 'account' ? userId : null, {
        scope: lockout.scope,
        subject: lockout.subject,
        address,
        until: lockout.until.toISOString(),
      });
      if (!lockouts || config.lockoutsBeforeAlert <= 0) return;
      const count = (await take(lockouts, `${lockout.scope}:${lockout.subject}`)).consumedPoints;
      // Exactly once per day and subject, whichever instance saw it (the counter is shared).
      if (count !== config.lockoutsBeforeAlert) return;
      await prisma.securityAlert.create({
        data: {
          kind: lockout.scope === 'account' ? 'ACCOUNT_LOCKOUTS' : 'ADDRESS_LOCKOUTS',
          subject: lockout.subject,
          userId: lockout.scope === 'account' ? userId : null,
          lockouts: count,
          detail: { lastAddress: address, windowSeconds: window, lockedUntil: lockout.until.toISOString() },
        },
      });
    } catch (err) {
      log('recording a sign-in lock-out failed', err);
    }
  };

  return {
    mode: redis ? 'redis' : 'memory',
    async request(tokenId, address) {
      const [limiter, key, name] = tokenId ? ([perToken, tokenId, 'token'] as const) : ([perAddress, address, 'address'] as const);
      if (!limiter || !key) return;
      const res = await take(limiter, key);
      if (res.consumedPoints > limiter.points) throw refused(name, res.msBeforeNext);
    },
    async signIn(email, address) {
      // Each limiter's count after this attempt: exactly one attempt sees the last point, even across instances.
      const taken: { limiter: RateLimiterAbstract; scope: Lockout['scope']; subject: string; count: number }[] = [];
      // The address first: a locked-out address does not get to use up a victim account's attempts.
      for (const [limiter, scope, subject] of [
        [addressFailures, 'address', address],
        [accountFailures, 'account', email],
      ] as const) {
        if (!limiter || !subject) continue;
        const res = await take(limiter, subject);
        if (res.consumedPoints > limiter.points) throw refused(`signin-${scope}`, res.msBeforeNext);
        taken.push({ limiter, scope, subject, count: res.consumedPoints });
      }
      return {
        async failed(userId) {
          for (const t of taken) {
            // The attempt that used the last point failed: locked out for a whole window from now.
            if (t.count !== t.limiter.points) continue;
            await t.limiter.block(t.subject, window);
            await lockedOut({ scope: t.scope, subject: t.subject, until: new Date(Date.now() + window * 1000) }, userId, address);
          }
        },
        async succeeded() {
          for (const t of taken) {
            if (t.scope === 'account') await t.limiter.delete(t.subject);
            else await t.limiter.reward(t.subject);
          }
        },
      };
    },
  };
}
