/**
 * Rate limits over real HTTP (a listening server, fetch): sign-in lock-outs per account and per address, the
 * client address and X-Forwarded-For, audit events and security alerts, requests per token and per address.
 * In memory on PGlite here; shared through Redis between two instances in rate-limits-redis.test.ts.
 */
import type http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createApp, listen } from '../app.js';
import { issueToken } from '../auth/tokens.js';
import { loadConfig, type RateLimitConfig } from '../config.js';
import { waitFor } from '../test-support/delivery.js';
import { startTestServer, TEST_PASSWORD, type TestServer } from '../test-support/server.js';

const OFF: RateLimitConfig = {
  signInFailuresPerAccount: 0,
  signInFailuresPerAddress: 0,
  signInWindowSeconds: 60,
  lockoutsBeforeAlert: 3,
  requestsPerToken: 0,
  requestsPerAddress: 0,
  requestWindowSeconds: 60,
};

const SIGN_IN = 'mutation ($i: SignInInput!) { signIn(input: $i) { token } }';

interface HttpResult {
  status: number;
  retryAfter: string | null;
  body: { data?: any; errors?: { message: string; extensions?: Record<string, any> }[] };
}

describe('rate limits in memory on pglite, over HTTP', () => {
  let s: TestServer;
  const servers: http.Server[] = [];

  beforeAll(async () => {
    s = await startTestServer('pglite');
  });
  afterEach(() => {
    for (const server of servers.splice(0)) {
      server.closeAllConnections();
      server.close();
    }
  });
  afterAll(async () => {
    await s?.close();
  });

  /** A fresh app (fresh counters) with these limits, listening on a free port. */
  const serve = async (limits: Partial<RateLimitConfig>, trustProxy = 0) => {
    const app = createApp(s.db, { ...loadConfig({}), production: true, rateLimits: { ...OFF, ...limits }, trustProxy }, s.services);
    const server = await listen(app, '127.0.0.1', 0);
    servers.push(server);
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/graphql`;
    const post = async (query: string, variables: Record<string, unknown> = {}, headers: Record<string, string> = {}): Promise<HttpResult> => {
      const res = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify({ query, variables }) });
      return { status: res.status, retryAfter: res.headers.get('retry-after'), body: (await res.json()) as HttpResult['body'] };
    };
    const signIn = (email: string, password: string, headers: Record<string, string> = {}) => post(SIGN_IN, { i: { email, password } }, headers);
    return { post, signIn, url };
  };

  const expectLimited = (r: HttpResult, windowSeconds: number) => {
    expect(r.status).toBe(429);
    expect(Number(r.retryAfter)).toBeGreaterThanOrEqual(1);
    expect(Number(r.retryAfter)).toBeLessThanOrEqual(windowSeconds);
    expect(r.body.errors?.[0]?.extensions).toEqual({ code: 'RATE_LIMITED', retryAfterSeconds: Number(r.retryAfter) });
    expect(r.body.data?.signIn ?? null).toBeNull();
  };

  it('locks an account out after N failures (429 + Retry-After, even with the right password) until the window passes; a success resets the count', async () => {
    const { signIn } = await serve({ signInFailuresPerAccount: 3, signInWindowSeconds: 2 });
    const email = s.users.SALES.email;
    expect((await signIn(email, 'wrong-1')).status).toBe(401);
    expect((await signIn(email, 'wrong-2')).status).toBe(401);
    expect((await signIn(email, TEST_PASSWORD)).status).toBe(200); // resets the account's failures
    for (let i = 0; i < 3; i++) expect((await signIn(` ${email.toUpperCase()} `, `wrong-${i}`)).status).toBe(401); // normalised e-mail
    const locked = await signIn(email, TEST_PASSWORD);
    expectLimited(locked, 2);
    expect(locked.body.errors?.[0]?.message).toMatch(/try again in \d+ s/);
    // Another account is not affected.
    expect((await signIn(s.users.VIEWER.email, TEST_PASSWORD)).status).toBe(200);
    const lockedAt = Date.now();
    const after = await waitFor('the lock-out to pass', async () => {
      const r = await signIn(email, TEST_PASSWORD);
      return r.status === 429 ? null : r;
    }, 10_000, 100);
    expect(after.status).toBe(200);
    expect(after.body.data.signIn.token).toMatch(/^esk_/);
    expect(Date.now() - lockedAt).toBeGreaterThanOrEqual(900);
  });

  it('locks out a client address that fails with many different e-mails', async () => {
    const { signIn } = await serve({ signInFailuresPerAccount: 100, signInFailuresPerAddress: 5 });
    for (let i = 0; i < 5; i++) expect((await signIn(`nobody-${i}@test.earshot.test`, 'guess')).status).toBe(401);
    expectLimited(await signIn(s.users.CREDIT.email, TEST_PASSWORD), 60);
    // The account itself is not locked: only this address is.
    const rows = await s.db.prisma.auditEvent.findMany({ where: { action: 'auth.lockout', data: { path: ['scope'], equals: 'address' } } });
    expect(rows.at(-1)?.data).toMatchObject({ scope: 'address', subject: '127.0.0.1', address: '127.0.0.1' });
  });

  it('ignores X-Forwarded-For unless EARSHOT_TRUST_PROXY says a proxy appends it', async () => {
    const direct = await serve({ signInFailuresPerAddress: 3 });
    for (let i = 0; i < 3; i++) expect((await direct.signIn(`x${i}@test.earshot.test`, 'guess', { 'x-forwarded-for': `203.0.113.${i}` })).status).toBe(401);
    expectLimited(await direct.signIn('x9@test.earshot.test', 'guess', { 'x-forwarded-for': '198.51.100.77' }), 60);

    const proxied = await serve({ signInFailuresPerAddress: 3 }, 1);
    // The proxy appends the real client last; whatever the client put before it is not trusted.
    for (let i = 0; i < 3; i++) expect((await proxied.signIn(`y${i}@test.earshot.test`, 'guess', { 'x-forwarded-for': `10.9.9.${i}, 203.0.113.5` })).status).toBe(401);
    expectLimited(await proxied.signIn('y9@test.earshot.test', 'guess', { 'x-forwarded-for': '10.1.1.1, 203.0.113.5' }), 60);
    // Another client behind the same proxy is not limited.
    expect((await proxied.signIn(s.users.CREDIT.email, TEST_PASSWORD, { 'x-forwarded-for': '203.0.113.6' })).status).toBe(200);
    // IPv6 clients count by their /64.
    for (let i = 1; i <= 3; i++) expect((await proxied.signIn(`z${i}@test.earshot.test`, 'guess', { 'x-forwarded-for': `2001:db8:1:2::${i}` })).status).toBe(401);
    expectLimited(await proxied.signIn('z9@test.earshot.test', 'guess', { 'x-forwarded-for': '2001:db8:1:2:ffff::9' }), 60);
  });

  it('writes an audit event per lock-out and, at the third lock-out of an account in a day, a security alert only admins can read', async () => {
    const { signIn, post } = await serve({ signInFailuresPerAccount: 2, signInWindowSeconds: 1, lockoutsBeforeAlert: 3 });
    const victim = await s.db.prisma.user.create({ data: { email: 'victim@test.earshot.test', name: 'Victim', role: 'SALES' } });
    const lockoutsOf = () => s.db.prisma.auditEvent.count({ where: { action: 'auth.lockout', entityId: victim.id } });
    for (let n = 1; n <= 3; n++) {
      // Guess until this lock-out starts (after the previous one has passed).
      await waitFor(`lock-out ${n}`, async () => {
        await signIn(victim.email, 'guess');
        return (await lockoutsOf()) >= n;
      }, 10_000, 50);
    }
    expect(await lockoutsOf()).toBe(3);
    const alerts = await s.db.prisma.securityAlert.findMany({ where: { subject: victim.email } });
    expect(alerts).toHaveLength(1);
    expect(alerts[0]).toMatchObject({ kind: 'ACCOUNT_LOCKOUTS', userId: victim.id, lockouts: 3 });

    const query = '{ securityAlerts(first: 10) { totalCount edges { node { kind subject lockouts user { email } } } } }';
    const admin = await post(query, {}, { authorization: `Bearer ${s.users.ADMIN.token}` });
    expect(admin.body.errors).toBeUndefined();
    expect(admin.body.data.securityAlerts.edges.map((e: any) => e.node)).toContainEqual({ kind: 'ACCOUNT_LOCKOUTS', subject: victim.email, lockouts: 3, user: { email: victim.email } });
    const credit = await post(query, {}, { authorization: `Bearer ${s.users.CREDIT.token}` });
    expect(credit.body.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    const anon = await post(query);
    expect(anon.body.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
  });

  it('raises an ADDRESS_LOCKOUTS security alert at the third lock-out of one client address in a day', async () => {
    const { signIn } = await serve({ signInFailuresPerAddress: 1, signInWindowSeconds: 1, lockoutsBeforeAlert: 3 }, 1);
    const from = { 'x-forwarded-for': '192.0.2.77' };
    const lockouts = () => s.db.prisma.auditEvent.count({ where: { action: 'auth.lockout', data: { path: ['subject'], equals: '192.0.2.77' } } });
    for (let n = 1; n <= 3; n++) {
      await waitFor(`address lock-out ${n}`, async () => {
        await signIn(`rotating-${Date.now()}@test.earshot.test`, 'guess', from);
        return (await lockouts()) >= n;
      }, 10_000, 50);
    }
    expect(await s.db.prisma.securityAlert.findMany({ where: { subject: '192.0.2.77' } })).toMatchObject([{ kind: 'ADDRESS_LOCKOUTS', userId: null, lockouts: 3 }]);
  });

  it('limits requests per token and per anonymous address (429 + Retry-After)', async () => {
    const { post } = await serve({ requestsPerToken: 5, requestsPerAddress: 3, requestWindowSeconds: 30 });
    const other = (await issueToken(s.db.prisma, { userId: s.users.SALES.id, kind: 'SESSION', ttlHours: 1 })).token;
    const me = (token: string) => post('{ viewer { email } }', {}, { authorization: `Bearer ${token}` });
    for (let i = 0; i < 5; i++) expect((await me(s.users.SALES.token)).status).toBe(200);
    const limited = await me(s.users.SALES.token);
    expect(limited.status).toBe(429);
    expect(Number(limited.retryAfter)).toBeGreaterThanOrEqual(1);
    expect(Number(limited.retryAfter)).toBeLessThanOrEqual(30);
    expect(limited.body.errors?.[0]?.extensions).toEqual({ code: 'RATE_LIMITED', retryAfterSeconds: Number(limited.retryAfter) });
    // Per token: the user's other session still works, and signed-in requests do not use the address's budget.
    expect((await me(other)).status).toBe(200);
    for (let i = 0; i < 3; i++) expect((await post('{ __typename }')).status).toBe(200);
    expect((await post('{ __typename }')).status).toBe(429);
    // A made-up token counts as anonymous: it cannot buy a fresh budget.
    expect((await me('esk_made-up-token')).status).toBe(429);
  });

  it('counts requests the server refuses to parse or validate, before parsing them', async () => {
    const { post, url } = await serve({ requestsPerAddress: 4, requestWindowSeconds: 30 });
    expect((await post('{ __typename ')).status).not.toBe(429); // syntax error
    expect((await post('{ noSuchField }')).status).not.toBe(429); // validation error
    expect((await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: 'not json' })).status).toBe(400);
    expect((await post('{ __typename }')).status).toBe(200);
    const limited = await post('{ __typename ');
    expect(limited.status).toBe(429);
    expect(limited.retryAfter).toBe(String(limited.body.errors?.[0]?.extensions?.retryAfterSeconds));
    expect(limited.body.errors?.[0]?.extensions?.code).toBe('RATE_LIMITED');
  });
});
