/**
 * Open subscriptions (SSE over real HTTP) end when their token is signed out, revoked or its user deactivated.
 * The Redis variant (a stream on another instance) is in revocation-redis.test.ts.
 */
import type http from 'node:http';
import type { AddressInfo } from 'node:net';
import { encodeGlobalID } from '@pothos/plugin-relay';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listen } from '../app.js';
import { issueToken } from '../auth/tokens.js';
import { DB_KINDS } from '../test-support/databases.js';
import { type DeliveryTestServer, startDeliveryTestServer, waitFor } from '../test-support/delivery.js';
import { type GqlResult, ok } from '../test-support/server.js';
import { type SseSubscription, subscribeSse } from '../test-support/sse.js';

const ALERTS = 'subscription { alertRaised { title } }';
const ENDED = /subscription completed|stream ended/;

describe.each(DB_KINDS)('subscriptions end when their token stops being valid on %s', (kind) => {
  let s: DeliveryTestServer;
  let server: http.Server;
  let url: string;
  let accountId: string;
  const open: SseSubscription[] = [];
  let n = 0;

  beforeAll(async () => {
    s = await startDeliveryTestServer(kind);
    server = await listen(s.app, '127.0.0.1', 0);
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/graphql`;
    accountId = (await s.db.prisma.account.create({ data: { name: 'Acme Tools', currency: 'EUR' } })).id;
  });
  afterAll(async () => {
    await Promise.all(open.map((sub) => sub.close()));
    server?.closeAllConnections();
    server?.close();
    await s?.close();
  });

  const subscribe = async (token: string) => {
    const before = s.delivery.channel.localListeners('alertRaised');
    const sub = await subscribeSse(fetch, url, ALERTS, {}, token);
    open.push(sub);
    await waitFor('subscriber listening', () => s.delivery.channel.localListeners('alertRaised') > before);
    return sub;
  };
  const raise = async () => {
    const title = `Alert ${++n}`;
    const alert = await s.db.prisma.alert.create({ data: { accountId, rule: 'OVERDUE', dedupKey: `overdue:${n}`, severity: 2, title, evidence: {} } });
    await s.services.events.alertRaised({ id: alert.id, accountId, rule: 'OVERDUE', severity: 2, title, status: 'OPEN' });
    return title;
  };
  const post = async (query: string, token: string) => {
    const res = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` }, body: JSON.stringify({ query }) });
    return (await res.json()) as GqlResult;
  };
  const session = async (userId: string) => (await issueToken(s.db.prisma, { userId, kind: 'SESSION', ttlHours: 1 })).token;

  it('signOut everywhere ends every open stream of that user at once; other users keep theirs', async () => {
    const user = await s.db.prisma.user.create({ data: { email: `everywhere-${kind}@test.earshot.test`, name: 'Everywhere', role: 'CREDIT' } });
    const [t1, t2, t3] = [await session(user.id), await session(user.id), await session(user.id)];
    const sub1 = await subscribe(t1);
    const sub2 = await subscribe(t2);
    const bystander = await subscribe(s.users.SALES.token);
    const first = await raise();
    for (const sub of [sub1, sub2, bystander]) expect((await sub.next()).data?.alertRaised.title).toBe(first);

    const started = performance.now();
    expect(ok(await post('mutation { signOut(input: { everywhere: true }) { ok } }', t3)).signOut.ok).toBe(true);
    await expect(sub1.next(5_000)).rejects.toThrow(ENDED);
    await expect(sub2.next(5_000)).rejects.toThrow(ENDED);
    console.info(`${kind}: signOut everywhere → both streams ended in ${(performance.now() - started).toFixed(1)} ms`);

    const second = await raise();
    expect((await bystander.next()).data?.alertRaised.title).toBe(second);
  });

  it('an admin deactivating a user or revoking a token through GraphQL ends those streams at once, with no event', async () => {
    const user = await s.db.prisma.user.create({ data: { email: `admin-ended-${kind}@test.earshot.test`, name: 'Ended', role: 'SALES' } });
    const sub = await subscribe(await session(user.id));
    const api = await issueToken(s.db.prisma, { userId: s.users.CREDIT.id, kind: 'API', scopes: ['accounts:read'], ttlHours: 1 });
    const apiSub = await subscribe(api.token);
    const admin = s.users.ADMIN.token;
    const deactivated = await post(`mutation { deactivateUser(input: { userId: "${encodeGlobalID('User', user.id)}" }) { revokedTokenCount } }`, admin);
    expect(ok(deactivated).deactivateUser.revokedTokenCount).toBe(1);
    await expect(sub.next(5_000)).rejects.toThrow(ENDED);
    const revoked = await post(`mutation { revokeApiToken(input: { tokenId: "${encodeGlobalID('ApiToken', api.id)}" }) { __typename } }`, admin);
    expect(revoked.errors).toBeUndefined();
    await expect(apiSub.next(5_000)).rejects.toThrow(ENDED);
  });

  it('signOut of one token ends only that token’s stream', async () => {
    const user = await s.db.prisma.user.create({ data: { email: `single-${kind}@test.earshot.test`, name: 'Single', role: 'CREDIT' } });
    const [t1, t2] = [await session(user.id), await session(user.id)];
    const sub1 = await subscribe(t1);
    const sub2 = await subscribe(t2);
    expect(ok(await post('mutation { signOut(input: {}) { ok } }', t1)).signOut.ok).toBe(true);
    await expect(sub1.next(5_000)).rejects.toThrow(ENDED);
    const title = await raise();
    expect((await sub2.next()).data?.alertRaised.title).toBe(title);
  });

  it('signOut everywhere called with an API token revokes that token too (and the sessions), not other API tokens', async () => {
    const user = await s.db.prisma.user.create({ data: { email: `api-signout-${kind}@test.earshot.test`, name: 'Api', role: 'CREDIT' } });
    const api = (await issueToken(s.db.prisma, { userId: user.id, kind: 'API', scopes: ['accounts:read'] })).token;
    const otherApi = (await issueToken(s.db.prisma, { userId: user.id, kind: 'API', scopes: ['accounts:read'] })).token;
    const sess = await session(user.id);
    expect(ok(await post('mutation { signOut(input: { everywhere: true }) { ok } }', api)).signOut.ok).toBe(true);
    const viewer = async (token: string) => (await post('{ viewer { email } }', token)).data?.viewer ?? null;
    expect(await viewer(api)).toBeNull();
    expect(await viewer(sess)).toBeNull();
    expect(await viewer(otherApi)).toEqual({ email: user.email });
  });

  it('a token revoked by a direct database change never receives another event: its stream ends', async () => {
    const user = await s.db.prisma.user.create({ data: { email: `revoked-${kind}@test.earshot.test`, name: 'Revoked', role: 'CREDIT' } });
    const { token, id } = await issueToken(s.db.prisma, { userId: user.id, kind: 'API', scopes: ['accounts:read'] });
    const sub = await subscribe(token);
    await s.db.prisma.apiToken.update({ where: { id }, data: { revokedAt: new Date() } });
    await raise();
    // next() resolves if an event arrives first: it must end without one.
    await expect(sub.next(5_000)).rejects.toThrow(ENDED);
  });

  it('a user whose role an admin changes never receives another event with the old rights: the stream ends', async () => {
    // Events are resolved with the rights the stream opened with: a CREDIT user demoted to SALES must not keep
    // receiving figures on a stream opened before. Ending it makes the client subscribe again with its new rights.
    const user = await s.db.prisma.user.create({ data: { email: `demoted-${kind}@test.earshot.test`, name: 'Demoted', role: 'CREDIT' } });
    const token = await session(user.id);
    const sub = await subscribe(token);
    const before = await raise();
    expect((await sub.next()).data?.alertRaised.title).toBe(before);
    const changed = await post(`mutation { updateUserRole(input: { userId: "${encodeGlobalID('User', user.id)}", role: SALES }) { user { role } } }`, s.users.ADMIN.token);
    expect(ok(changed).updateUserRole.user.role).toBe('SALES');
    await raise();
    await expect(sub.next(5_000)).rejects.toThrow(ENDED);
    // The token itself still works, with the new rights: a new stream opens.
    const again = await subscribe(token);
    const after = await raise();
    expect((await again.next()).data?.alertRaised.title).toBe(after);
  });

  it('a user whose business unit changes by a direct database change never receives another event: the stream ends', async () => {
    const user = await s.db.prisma.user.create({ data: { email: `moved-${kind}@test.earshot.test`, name: 'Moved', role: 'SALES', businessUnit: 'North' } });
    const sub = await subscribe(await session(user.id));
    await s.db.prisma.user.update({ where: { id: user.id }, data: { businessUnit: 'South' } });
    await raise();
    await expect(sub.next(5_000)).rejects.toThrow(ENDED);
  });

  it('a user deactivated by a direct database change never receives another event: the stream ends', async () => {
    const user = await s.db.prisma.user.create({ data: { email: `deactivated-${kind}@test.earshot.test`, name: 'Deactivated', role: 'CREDIT' } });
    const sub = await subscribe(await session(user.id));
    await s.db.prisma.user.update({ where: { id: user.id }, data: { active: false } });
    await raise();
    await expect(sub.next(5_000)).rejects.toThrow(ENDED);
  });

  it('services.authRevoked({ userId }) (what admin deactivation calls) ends the user’s streams without waiting for an event', async () => {
    const user = await s.db.prisma.user.create({ data: { email: `admin-revoked-${kind}@test.earshot.test`, name: 'Admin Revoked', role: 'CREDIT' } });
    const api = (await issueToken(s.db.prisma, { userId: user.id, kind: 'API', scopes: ['accounts:read'] })).token;
    const subs = [await subscribe(await session(user.id)), await subscribe(api)];
    await s.db.prisma.user.update({ where: { id: user.id }, data: { active: false } });
    await s.services.authRevoked({ userId: user.id });
    for (const sub of subs) await expect(sub.next(5_000)).rejects.toThrow(ENDED);
  });

  it('a stream ends when its token expires', async () => {
    const user = await s.db.prisma.user.create({ data: { email: `expiring-${kind}@test.earshot.test`, name: 'Expiring', role: 'CREDIT' } });
    const { token, id } = await issueToken(s.db.prisma, { userId: user.id, kind: 'SESSION', ttlHours: 1 });
    await s.db.prisma.apiToken.update({ where: { id }, data: { expiresAt: new Date(Date.now() + 1_500) } });
    const sub = await subscribe(token);
    await expect(sub.next(8_000)).rejects.toThrow(ENDED);
  });
});
