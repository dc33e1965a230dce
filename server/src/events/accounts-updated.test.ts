/**
 * `accountsUpdated(ids)`: one SSE stream for many accounts (the extension's cache), validated, authorized per event
 * through Account, ended when the token is revoked, and counted against the token's cap on open streams.
 * Multi-instance (Redis) delivery is in multi-instance.test.ts.
 */
import { encodeGlobalID } from '@pothos/plugin-relay';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { issueToken } from '../auth/tokens.js';
import { MAX_WATCHED_ACCOUNTS } from '../graphql/types/subscriptions.js';
import { DB_KINDS } from '../test-support/databases.js';
import { type DeliveryTestServer, startDeliveryTestServer, waitFor } from '../test-support/delivery.js';
import { errorCodes, ok } from '../test-support/server.js';
import { type SseSubscription, subscribeSse } from '../test-support/sse.js';
import { MAX_STREAMS_PER_TOKEN, MAX_STREAMS_PER_USER, openStreams, openUserStreams } from './stream-limit.js';

const WATCH = /* GraphQL */ `subscription ($ids: [ID!]!) { accountsUpdated(ids: $ids) { id name creditLimit } }`;
const ENDED = /subscription completed|stream ended/;

describe.each(DB_KINDS)('accountsUpdated over SSE on %s', (kind) => {
  let s: DeliveryTestServer;
  const accounts: { id: string; gid: string }[] = [];
  const open: SseSubscription[] = [];

  const subscribe = async (variables: Record<string, unknown>, token: string | null, query = WATCH) => {
    const sub = await subscribeSse((url, init) => Promise.resolve(s.app.yoga.fetch(url, init)), 'http://earshot.test/graphql', query, variables, token);
    open.push(sub);
    return sub;
  };
  /** The error codes of a refused subscription: an error answer, or a stream whose only event is the error. */
  const refusal = async (variables: Record<string, unknown>, token: string | null, query = WATCH) => {
    const sub = await subscribe(variables, token, query).catch((err: { body?: string }) => err);
    const answer = 'next' in sub ? await sub.next() : JSON.parse(('body' in sub && sub.body) || '{}');
    if ('close' in sub) await sub.close();
    return { codes: errorCodes(answer), answer };
  };
  const listening = (id: string) => s.delivery.channel.localListeners(`accountUpdated:${id}`);
  const allListeners = () => accounts.reduce((n, a) => n + listening(a.id), 0);

  beforeAll(async () => {
    s = await startDeliveryTestServer(kind);
    for (const name of ['Acme Tools', 'Globex Supply', 'Initech', 'Umbrella Corp']) {
      const a = await s.db.prisma.account.create({ data: { name, currency: 'EUR', creditLimit: 50_000 } });
      accounts.push({ id: a.id, gid: encodeGlobalID('Account', a.id) });
    }
  });
  afterAll(async () => {
    await Promise.all(open.map((sub) => sub.close()));
    await s?.close();
  });

  it('delivers each watched account’s changes on one stream, and nothing of the others', async () => {
    const [acme, globex, initech] = accounts as [(typeof accounts)[0], (typeof accounts)[0], (typeof accounts)[0]];
    // The same id twice listens once.
    const sub = await subscribe({ ids: [acme.gid, globex.gid, acme.gid] }, s.users.CREDIT.token);
    await waitFor('listening on both accounts', () => listening(acme.id) === 1 && listening(globex.id) === 1);
    expect(listening(initech.id)).toBe(0);
    await s.services.events.accountUpdated(initech.id);
    await s.services.events.accountUpdated(globex.id);
    await s.services.events.accountUpdated(acme.id);
    const first = await sub.next();
    const second = await sub.next();
    expect([first.data?.accountsUpdated, second.data?.accountsUpdated]).toEqual([
      { id: globex.gid, name: 'Globex Supply', creditLimit: expect.stringMatching(/^50000(\.0+)?$/) },
      { id: acme.gid, name: 'Acme Tools', creditLimit: expect.stringMatching(/^50000(\.0+)?$/) },
    ]);
    await sub.close();
    await waitFor('listeners removed after close', () => allListeners() === 0);
  });

  it('loads each event through Account: SALES gets the account without its figures', async () => {
    const [acme] = accounts as [(typeof accounts)[0]];
    const sub = await subscribe({ ids: [acme.gid] }, s.users.SALES.token);
    await waitFor('listening', () => listening(acme.id) === 1);
    await s.services.events.accountUpdated(acme.id);
    const got = await sub.next();
    expect(got.errors).toBeUndefined();
    expect(got.data?.accountsUpdated).toEqual({ id: acme.gid, name: 'Acme Tools', creditLimit: null });
    await sub.close();
    await waitFor('listener removed', () => allListeners() === 0);
  });

  it('refuses anonymous callers and tokens without accounts:read before listening', async () => {
    const ids = accounts.map((a) => a.gid);
    expect((await refusal({ ids }, null)).codes).toEqual(['UNAUTHENTICATED']);
    expect((await refusal({ ids }, await s.apiToken('ADMIN', ['signals:write']))).codes).toEqual(['FORBIDDEN']);
    expect(allListeners()).toBe(0);
  });

  it('refuses no ids, too many ids (10,000 too) and malformed ids with BAD_USER_INPUT, before listening', async () => {
    const token = s.users.CREDIT.token;
    const many = (n: number) => Array.from({ length: n }, (_, i) => encodeGlobalID('Account', `0190a000-0000-7000-8000-${String(i).padStart(12, '0')}`));
    const tokenIds = (await s.db.prisma.apiToken.findMany({ where: { userId: s.users.CREDIT.id }, select: { id: true } })).map((t) => t.id);
    const held = () => tokenIds.reduce((n, id) => n + openStreams(s.delivery.channel.pubsub, id), 0);
    // The maximum is accepted: a stream opens.
    const most = await subscribe({ ids: many(MAX_WATCHED_ACCOUNTS) }, token);
    await waitFor('stream open', () => held() === 1);
    await most.close();
    await waitFor('stream given back', () => held() === 0);
    for (const ids of [[], many(MAX_WATCHED_ACCOUNTS + 1), many(10_000), ['x'], [encodeGlobalID('Alert', accounts[0]!.id)], [encodeGlobalID('Account', 'not-a-uuid')]]) {
      const { codes, answer } = await refusal({ ids }, token);
      expect(codes, `${ids.length} ids: ${JSON.stringify(answer).slice(0, 300)}`).toEqual(['BAD_USER_INPUT']);
    }
    const { answer } = await refusal({ ids: many(MAX_WATCHED_ACCOUNTS + 1) }, token);
    expect(answer.errors[0]).toMatchObject({ message: `ids must name at most ${MAX_WATCHED_ACCOUNTS} accounts (got ${MAX_WATCHED_ACCOUNTS + 1})`, extensions: { field: 'ids' } });
    expect(allListeners()).toBe(0);
    expect(held()).toBe(0);
  });

  it('an account deleted since: its event carries NOT_FOUND and no data, and the stream goes on', async () => {
    const gone = await s.db.prisma.account.create({ data: { name: 'Gone Ltd', currency: 'EUR' } });
    const [acme] = accounts as [(typeof accounts)[0]];
    const sub = await subscribe({ ids: [encodeGlobalID('Account', gone.id), acme.gid] }, s.users.CREDIT.token);
    await waitFor('listening', () => listening(gone.id) === 1 && listening(acme.id) === 1);
    await s.db.prisma.account.delete({ where: { id: gone.id } });
    await s.services.events.accountUpdated(gone.id);
    const missing = await sub.next();
    expect(missing.data ?? null).toBeNull();
    expect(errorCodes(missing)).toEqual(['NOT_FOUND']);
    expect(JSON.stringify(missing)).not.toContain('Gone Ltd');
    await s.services.events.accountUpdated(acme.id);
    expect((await sub.next()).data?.accountsUpdated).toMatchObject({ id: acme.gid });
    await sub.close();
    await waitFor('listeners removed', () => allListeners() === 0 && listening(gone.id) === 0);
  });

  it('ends when the token is signed out mid-stream, with no event after', async () => {
    const user = await s.db.prisma.user.create({ data: { email: `watch-${kind}@test.earshot.test`, name: 'Watcher', role: 'SALES' } });
    const token = (await issueToken(s.db.prisma, { userId: user.id, kind: 'SESSION', ttlHours: 1 })).token;
    const [acme] = accounts as [(typeof accounts)[0]];
    const sub = await subscribe({ ids: [acme.gid] }, token);
    await waitFor('listening', () => listening(acme.id) === 1);
    expect(ok(await s.gql('mutation { signOut(input: { everywhere: false }) { ok } }', {}, token)).signOut.ok).toBe(true);
    await expect(sub.next(5_000)).rejects.toThrow(ENDED);
    await waitFor('listener removed', () => listening(acme.id) === 0);
  });

  it(`caps the streams one token holds open at ${MAX_STREAMS_PER_TOKEN} (TOO_MANY_SUBSCRIPTIONS), and counts a closed one back`, async () => {
    const user = await s.db.prisma.user.create({ data: { email: `streams-${kind}@test.earshot.test`, name: 'Streams', role: 'SALES' } });
    const issued = await issueToken(s.db.prisma, { userId: user.id, kind: 'SESSION', ttlHours: 1 });
    const tokenId = (await s.db.prisma.apiToken.findFirstOrThrow({ where: { userId: user.id } })).id;
    const [acme] = accounts as [(typeof accounts)[0]];
    const subs: SseSubscription[] = [];
    for (let i = 0; i < MAX_STREAMS_PER_TOKEN; i++) subs.push(await subscribe({ ids: [acme.gid] }, issued.token));
    await waitFor('all listening', () => listening(acme.id) === MAX_STREAMS_PER_TOKEN);
    expect(openStreams(s.delivery.channel.pubsub, tokenId)).toBe(MAX_STREAMS_PER_TOKEN);
    // Any field counts: accountUpdated and alertRaised too.
    expect((await refusal({ ids: [acme.gid] }, issued.token)).codes).toEqual(['TOO_MANY_SUBSCRIPTIONS']);
    expect((await refusal({}, issued.token, 'subscription { alertRaised { id } }')).codes).toEqual(['TOO_MANY_SUBSCRIPTIONS']);
    expect(listening(acme.id)).toBe(MAX_STREAMS_PER_TOKEN);
    // Another token of the same server is not affected.
    const other = await subscribe({ ids: [acme.gid] }, s.users.CREDIT.token);
    await waitFor('other listening', () => listening(acme.id) === MAX_STREAMS_PER_TOKEN + 1);
    await other.close();
    await subs[0]!.close();
    await waitFor('one given back', () => openStreams(s.delivery.channel.pubsub, tokenId) === MAX_STREAMS_PER_TOKEN - 1);
    const again = await subscribe({ ids: [acme.gid] }, issued.token);
    await waitFor('listening again', () => listening(acme.id) === MAX_STREAMS_PER_TOKEN);
    await s.services.events.accountUpdated(acme.id);
    expect((await again.next()).data?.accountsUpdated).toMatchObject({ id: acme.gid });
    await Promise.all([again, ...subs].map((sub) => sub.close()));
    await waitFor('all given back', () => openStreams(s.delivery.channel.pubsub, tokenId) === 0 && listening(acme.id) === 0);
  });

  it(`caps the streams one user holds over all their tokens at ${MAX_STREAMS_PER_USER}: signing in again gives no more`, async () => {
    const user = await s.db.prisma.user.create({ data: { email: `user-streams-${kind}@test.earshot.test`, name: 'Many Sign-ins', role: 'SALES' } });
    const tokens = await Promise.all(
      Array.from({ length: MAX_STREAMS_PER_USER / MAX_STREAMS_PER_TOKEN + 1 }, async () => (await issueToken(s.db.prisma, { userId: user.id, kind: 'SESSION', ttlHours: 1 })).token),
    );
    const [acme] = accounts as [(typeof accounts)[0]];
    const subs: SseSubscription[] = [];
    for (const token of tokens.slice(0, -1)) for (let i = 0; i < MAX_STREAMS_PER_TOKEN; i++) subs.push(await subscribe({ ids: [acme.gid] }, token));
    await waitFor('all listening', () => listening(acme.id) === MAX_STREAMS_PER_USER);
    expect(openUserStreams(s.delivery.channel.pubsub, user.id)).toBe(MAX_STREAMS_PER_USER);
    // A fresh token of the same user holds none yet, and still gets none.
    const refused = await refusal({ ids: [acme.gid] }, tokens.at(-1)!);
    expect(refused.codes).toEqual(['TOO_MANY_SUBSCRIPTIONS']);
    expect(listening(acme.id)).toBe(MAX_STREAMS_PER_USER);
    await subs[0]!.close();
    await waitFor('one given back', () => openUserStreams(s.delivery.channel.pubsub, user.id) === MAX_STREAMS_PER_USER - 1);
    subs.push(await subscribe({ ids: [acme.gid] }, tokens.at(-1)!));
    await waitFor('listening again', () => listening(acme.id) === MAX_STREAMS_PER_USER);
    await Promise.all(subs.map((sub) => sub.close()));
    await waitFor('all given back', () => openUserStreams(s.delivery.channel.pubsub, user.id) === 0 && listening(acme.id) === 0);
  });
});
