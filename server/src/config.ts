/** Configuration from the environment, read once at start. Documented in README "Configuration". */
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const SERVER_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
export const REPO_ROOT = path.resolve(SERVER_ROOT, '..');

export interface Config {
  /** `postgresql://…` for PostgreSQL; unset for the embedded PGlite in `dataDir`. */
  databaseUrl: string | undefined;
  /** Where the embedded database lives (ignored with DATABASE_URL). */
  dataDir: string;
  port: number;
  host: string;
  production: boolean;
  /** Seed demo data on the first start of an empty embedded database. */
  seedDemo: boolean;
  demoPassword: string;
  redisUrl: string | undefined;
  /** Session tokens from signIn live this long. */
  sessionTtlHours: number;
  /** Origins allowed by CORS in addition to browser extensions (comma-separated). */
  corsOrigins: string[];
  /** Sign-in and request rate limits (security/rate-limits.ts); 0 turns a limit off. */
  rateLimits: RateLimitConfig;
  /**
   * Proxies in front of this server that append the client to X-Forwarded-For (EARSHOT_TRUST_PROXY: a count,
   * or "true" for 1). 0: X-Forwarded-For is ignored and the client is the socket's address.
   */
  trustProxy: number;
}

export interface RateLimitConfig {
  signInFailuresPerAccount: number;
  signInFailuresPerAddress: number;
  signInWindowSeconds: number;
  /** The n-th lock-out of one account (or address) within a day raises a security alert for admins. */
  lockoutsBeforeAlert: number;
  requestsPerToken: number;
  requestsPerAddress: number;
  requestWindowSeconds: number;
}

function intFrom(name: string, value: string | undefined, fallback: number): number {
  if (value === undefined || value === '') return fallback;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0) throw new Error(`${name} must be a non-negative integer, got "${value}"`);
  return n;
}

function boolFrom(value: string | undefined, fallback: boolean): boolean {
  if (value === undefined || value === '') return fallback;
  return !['0', 'false', 'no', 'off'].includes(value.toLowerCase());
}

function trustProxyFrom(value: string | undefined): number {
  if (value === undefined || value === '') return 0;
  const v = value.trim().toLowerCase();
  if (['true', 'yes', 'on'].includes(v)) return 1;
  if (['false', 'no', 'off'].includes(v)) return 0;
  return intFrom('EARSHOT_TRUST_PROXY', v, 0);
}

export function rateLimitsFrom(env: NodeJS.ProcessEnv): RateLimitConfig {
  const positive = (name: string, fallback: number) => {
    const n = intFrom(name, env[name], fallback);
    if (n < 1) throw new Error(`${name} must be at least 1`);
    return n;
  };
  return {
    signInFailuresPerAccount: intFrom('EARSHOT_SIGNIN_FAILURES_PER_ACCOUNT', env.EARSHOT_SIGNIN_FAILURES_PER_ACCOUNT, 10),
    signInFailuresPerAddress: intFrom('EARSHOT_SIGNIN_FAILURES_PER_ADDRESS', env.EARSHOT_SIGNIN_FAILURES_PER_ADDRESS, 50),
    signInWindowSeconds: positive('EARSHOT_SIGNIN_WINDOW_SECONDS', 15 * 60),
    lockoutsBeforeAlert: intFrom('EARSHOT_LOCKOUTS_BEFORE_ALERT', env.EARSHOT_LOCKOUTS_BEFORE_ALERT, 3),
    requestsPerToken: intFrom('EARSHOT_RATE_LIMIT_PER_TOKEN', env.EARSHOT_RATE_LIMIT_PER_TOKEN, 600),
    requestsPerAddress: intFrom('EARSHOT_RATE_LIMIT_PER_ADDRESS', env.EARSHOT_RATE_LIMIT_PER_ADDRESS, 300),
    requestWindowSeconds: positive('EARSHOT_RATE_LIMIT_WINDOW_SECONDS', 60),
  };
}

function sessionTtl(value: string | undefined): number {
  const hours = intFrom('EARSHOT_SESSION_TTL_HOURS', value, 24 * 14);
  // 0 used to give sessions that never expire. Sessions always expire; a long lifetime must be written out.
  if (hours < 1) throw new Error('EARSHOT_SESSION_TTL_HOURS must be at least 1 (sessions always expire; default 336 = 14 days)');
  return hours;
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const databaseUrl = env.DATABASE_URL?.trim() || undefined;
  if (databaseUrl && !/^postgres(ql)?:\/\//.test(databaseUrl)) {
    throw new Error('DATABASE_URL must start with postgresql:// (unset it to use the embedded database)');
  }
  const port = intFrom('PORT', env.PORT, 4000);
  if (port > 65535) throw new Error(`PORT must be at most 65535, got ${port}`);
  return {
    databaseUrl,
    dataDir: path.resolve(REPO_ROOT, env.EARSHOT_DATA_DIR || 'data'),
    port,
    host: env.HOST || '127.0.0.1',
    production: env.NODE_ENV === 'production',
    seedDemo: boolFrom(env.EARSHOT_SEED_DEMO, true),
    demoPassword: env.EARSHOT_DEMO_PASSWORD || 'earshot-demo',
    redisUrl: env.REDIS_URL?.trim() || undefined,
    sessionTtlHours: sessionTtl(env.EARSHOT_SESSION_TTL_HOURS),
    corsOrigins: (env.EARSHOT_CORS_ORIGINS ?? '')
      .split(',')
      .map((s) => s.trim())
      .filter(Boolean),
    rateLimits: rateLimitsFrom(env),
    trustProxy: trustProxyFrom(env.EARSHOT_TRUST_PROXY),
  };
}
