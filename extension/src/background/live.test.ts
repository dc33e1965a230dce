// @vitest-environment node
/**
 * The worker's live stream (live.ts) wired as in the browser (service.ts), against the fake server's SSE streams:
 * which accounts it watches, when it subscribes again, what an event does, how it backs off, when it closes, and
 * what a restarted worker makes of the answers an earlier one cached.
 */
import type { PageContext } from '@earshot/shared';
import { IDBFactory } from 'fake-indexeddb';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { REFUSED_RETRY_MS } from './live.js';
import { type Background, createBackground } from './service.js';
import { accountCard, DEMO_USER, FakeServer } from './testing/fake-server.js';
import { ask, type BrowserStandIns, installBrowserStandIns, senders } from './testing/harness.js';

const thread = (domain: string, url = `https://mail.google.com/mail/u/0/#inbox/${domain}`): PageContext => ({
  site: 'gmail',
  pageType: 'thread',
  emails: [`jo@${domain}`],
  domains: [domain],
  url,
});
const ACME = thread('acme-tools.example');
const GLOBEX = thread('globex.example');

let server: FakeServer;
let idb: IDBFactory;
let standIns: BrowserStandIns;
const clock = { at: Date.parse('2026-12-06T10:00:00Z') };
const workers: Background[] = [];

/** A worker as the browser starts it (short live timings; jitter pinned to none). */
function worker(live: { refusedRetryMs?: number } = {}): Background {
  const bg = createBackground({
    fetch: server.fetch,
    indexedDB: idb,
    dbName: 'live-test',
    warn: () => undefined,
    now: () => clock.at,
    random: () => 0.5,
    live: { debounceMs: 5, retryMinMs: 20, retryMaxMs: 160, coalesceMs: 5, ...live },
  });
  workers.push(bg);
  return bg;
}

async function signIn(bg: ReturnType<typeof worker>, userId = DEMO_USER.id) {
  const original = server.handlers.SignIn!;
  server.handlers.SignIn = (v, call) => {
    const answer = original(v, call) as { signIn: { user: object } };
    return { signIn: { ...answer.signIn, user: { ...answer.signIn.user, id: userId } } };
  };
  const res = await ask(bg, 'auth/signIn', { serverUrl: 'http://127.0.0.1:4000/', email: DEMO_USER.email, password: server.password }, senders.options);
  server.handlers.SignIn = original;
  expect(res).toMatchObject({ ok: true });
}

async function report(bg: ReturnType<typeof worker>, tabId: number, context: PageContext) {
  await ask(bg, 'context/report', { context }, senders.content(tabId, context.url));
  await vi.waitFor(async () => expect((await bg.tracker.state(tabId)).loading).toBe(false));
}

/** The one open stream, once it watches exactly `ids`. */
async function streamWatching(ids: string[]) {
  return vi.waitFor(() => {
    const open = server.openLiveStreams();
    expect(open.map((l) => l.variables.ids)).toEqual([ids]);
    return open[0]!;
  });
}

const resolves = () => server.callsOf('ResolveAccounts').length;
const level = async (bg: ReturnType<typeof worker>, tabId: number) => (await bg.tracker.state(tabId)).matches[0]?.account.creditStatus?.riskLevel;

beforeEach(() => {
  server = new FakeServer();
  server.matches = [{ matchedBy: 'DOMAIN', matchedValue: 'acme-tools.example', account: accountCard('acct-1', 'Acme Tools', 'HIGH') }];
  server.handlers.ResolveAccounts = ((base) => (v, call) => {
    // Each context matches its own account: acme-tools → acct-1, globex → acct-2.
    const domains = (v.context as { domains: string[] }).domains;
    const answer = base(v, call) as { resolveAccounts: { account: { id: string } }[] };
    const wanted = domains.includes('globex.example') ? 'acct-2' : 'acct-1';
    return { resolveAccounts: answer.resolveAccounts.filter((m) => m.account.id === wanted) };
  })(server.handlers.ResolveAccounts!);
  server.matches.push({ matchedBy: 'DOMAIN', matchedValue: 'globex.example', account: accountCard('acct-2', 'Globex', 'LOW') });
  idb = new IDBFactory();
  standIns = installBrowserStandIns();
  clock.at = Date.parse('2026-12-06T10:00:00Z');
});

afterEach(() => {
  for (const bg of workers.splice(0)) bg.live.close();
  expect(server.invalid).toEqual([]);
});

describe('the live stream of the accounts the worker holds', () => {
  it('watches the accounts of the tabs and cached answers on one stream, with the token, and none while nothing is cached', async () => {
    const bg = worker();
    await signIn(bg);
    await bg.live.sync();
    expect(bg.live.status).toBe('idle'); // nothing cached, nothing shown: no stream
    expect(server.liveStreams).toHaveLength(0);
    await report(bg, 1, ACME);
    await report(bg, 2, ACME);
    const stream = await streamWatching(['acct-1']);
    expect(stream.authorization).toBe(`Bearer ${server.validToken}`);
    expect(stream.operationName).toBe('LiveAccountsUpdated');
    expect(server.liveStreams).toHaveLength(1);
    await vi.waitFor(() => expect(bg.live.status).toBe('open'));
  });

  it('subscribes again (once) when the set changes, and closes the stream it replaces', async () => {
    const bg = worker();
    await signIn(bg);
    await report(bg, 1, ACME);
    const first = await streamWatching(['acct-1']);
    await report(bg, 2, GLOBEX);
    await streamWatching(['acct-1', 'acct-2']);
    expect(first.closed).toBe(true);
    // The same set again (another tab of a watched account): the stream stays.
    const streams = server.liveStreams.length;
    await report(bg, 3, GLOBEX);
    await bg.live.sync();
    expect(server.liveStreams).toHaveLength(streams);
  });

  it('an event drops the account’s cached answers and the tabs showing it look again; the panel is told', async () => {
    const bg = worker();
    await signIn(bg);
    await report(bg, 1, ACME);
    await report(bg, 2, GLOBEX);
    const stream = await streamWatching(['acct-1', 'acct-2']);
    expect(await level(bg, 1)).toBe('HIGH');
    const before = resolves();
    standIns.broadcasts.length = 0;
    server.matches[0]!.account = accountCard('acct-1', 'Acme Tools', 'CRITICAL');
    stream.push('acct-1');
    await vi.waitFor(async () => expect(await level(bg, 1)).toBe('CRITICAL'));
    expect(resolves()).toBe(before + 1); // the tab showing Globex did not look again
    expect(standIns.broadcasts).toContainEqual({ type: 'broadcast/tab-changed', tabId: 1 });
    expect(standIns.broadcasts).toContainEqual({ type: 'broadcast/account-changed', accountId: 'acct-1' });
    expect(standIns.broadcasts).not.toContainEqual({ type: 'broadcast/tab-changed', tabId: 2 });
    // A new page of the account is answered from the cache, with the new level, and not asked again.
    await ask(bg, 'context/report', { context: ACME }, senders.content(3, ACME.url));
    expect(await ask(bg, 'tab/state', {}, senders.panel(3))).toMatchObject({ loading: false, matches: [{ account: { creditStatus: { riskLevel: 'CRITICAL' } } }] });
    expect(resolves()).toBe(before + 1);
  });

  it('ignores an event without data (an account removed: NOT_FOUND) and keeps the stream', async () => {
    const bg = worker();
    await signIn(bg);
    await report(bg, 1, ACME);
    const stream = await streamWatching(['acct-1']);
    const before = resolves();
    stream.error('NOT_FOUND', 'Account not found');
    stream.push('acct-1');
    await vi.waitFor(() => expect(resolves()).toBe(before + 1));
    expect(stream.closed).toBe(false);
    expect(bg.live.status).toBe('open');
  });

  it('backs off while the server is away (doubling, capped) and watches again once it is back', async () => {
    const bg = worker();
    await signIn(bg);
    await report(bg, 1, ACME);
    const stream = await streamWatching(['acct-1']);
    server.mode = 'offline';
    stream.drop(); // the server restarts
    await vi.waitFor(() => expect(bg.live.retryDelays).toEqual([20, 40, 80, 160, 160]), { timeout: 5_000 });
    server.mode = 'online';
    await streamWatching(['acct-1']);
    await vi.waitFor(() => expect(bg.live.status).toBe('open'), { timeout: 5_000 });
    // A stream the server completes (a deploy) is opened again too.
    const again = server.openLiveStreams()[0]!;
    const retries = bg.live.retryDelays.length;
    again.complete();
    await vi.waitFor(() => expect(server.openLiveStreams().filter((l) => l !== again)).toHaveLength(1), { timeout: 5_000 });
    expect(bg.live.retryDelays.length).toBe(retries + 1);
  });

  it('a stream refused by the server (live events off) is asked again only after 10 minutes, or when something changes', async () => {
    const bg = worker();
    await signIn(bg);
    await report(bg, 1, ACME);
    const stream = await streamWatching(['acct-1']);
    stream.error('UNAVAILABLE', 'Live events are not enabled on this server');
    stream.complete();
    await vi.waitFor(() => expect(bg.live.status).toBe('refused'));
    expect(bg.live.retryDelays).toEqual([REFUSED_RETRY_MS]); // asked again only after 10 minutes
    expect(server.liveStreams).toHaveLength(1);
    // Another account to watch: asked again.
    await report(bg, 2, GLOBEX);
    await streamWatching(['acct-1', 'acct-2']);
  });

  it('a change made while the stream was down reaches the panel already open once it is back', async () => {
    const bg = worker();
    await signIn(bg);
    await report(bg, 1, ACME);
    await report(bg, 2, GLOBEX);
    await ask(bg, 'panel/remember', { site: 'gmail', open: true }, senders.content(1, ACME.url));
    const stream = await streamWatching(['acct-1', 'acct-2']);
    await vi.waitFor(() => expect(bg.live.status).toBe('open'));
    const before = resolves();
    // The server restarts; the account is put on hold right after, before the worker is back on the stream.
    server.mode = 'offline';
    stream.drop();
    await vi.waitFor(() => expect(bg.live.retryDelays.length).toBeGreaterThanOrEqual(2));
    clock.at += 12_000;
    server.mode = 'online';
    server.matches[0]!.account = accountCard('acct-1', 'Acme Tools', 'CRITICAL');
    server.matches[1]!.account = accountCard('acct-2', 'Globex', 'HIGH');
    // No event was ever sent for it: the open panel and the other tab are looked up again when the stream is back.
    await vi.waitFor(async () => expect(await level(bg, 1)).toBe('CRITICAL'), { timeout: 5_000 });
    await vi.waitFor(async () => expect(await level(bg, 2)).toBe('HIGH'), { timeout: 5_000 });
    expect(resolves()).toBe(before + 2);
  });

  it('a stream opened for another set of accounts, or the first of a worker, looks nothing up again', async () => {
    const bg = worker();
    await signIn(bg);
    await report(bg, 1, ACME);
    await streamWatching(['acct-1']);
    await vi.waitFor(() => expect(bg.live.status).toBe('open'));
    clock.at += 1_000;
    await report(bg, 2, GLOBEX);
    await streamWatching(['acct-1', 'acct-2']);
    await vi.waitFor(() => expect(bg.live.status).toBe('open'));
    clock.at += 1_000;
    await bg.live.sync(true); // settles what the opening started
    await vi.waitFor(() => expect(bg.live.status).toBe('open'));
    expect(resolves()).toBe(2);
  });

  it('a 404 or an HTML page instead of the stream (a proxy’s maintenance page) is retried until the server is back', async () => {
    const bg = worker();
    await signIn(bg);
    await report(bg, 1, ACME);
    const stream = await streamWatching(['acct-1']);
    for (const status of [404, 405]) {
      server.liveAnswer = { html: '<!doctype html><title>Down for maintenance</title>', status };
      const attempts = server.liveAttempts;
      (server.openLiveStreams()[0] ?? stream).drop();
      await vi.waitFor(() => expect(server.liveAttempts).toBeGreaterThanOrEqual(attempts + 2), { timeout: 5_000 });
      expect(bg.live.status).not.toBe('refused');
      server.liveAnswer = null;
      await vi.waitFor(() => expect(server.openLiveStreams()).toHaveLength(1), { timeout: 5_000 });
      await vi.waitFor(() => expect(bg.live.status).toBe('open'));
    }
    // JSON that is not a GraphQL answer, and a GraphQL error that refuses nothing: retried too.
    for (const instead of [{ html: '{"error":"not found"}', status: 404 }, { code: 'INTERNAL_SERVER_ERROR', status: 500 }]) {
      server.liveAnswer = instead;
      const attempts = server.liveAttempts;
      server.openLiveStreams()[0]!.drop();
      await vi.waitFor(() => expect(server.liveAttempts).toBeGreaterThanOrEqual(attempts + 2), { timeout: 5_000 });
      server.liveAnswer = null;
      await vi.waitFor(() => expect(server.openLiveStreams()).toHaveLength(1), { timeout: 5_000 });
    }
  });

  it('a refusal by the server itself (FORBIDDEN, UNAVAILABLE) is asked again only after a long while', async () => {
    const bg = worker({ refusedRetryMs: 300 });
    await signIn(bg);
    server.liveAnswer = { code: 'FORBIDDEN', status: 403 };
    await report(bg, 1, ACME);
    await vi.waitFor(() => expect(bg.live.status).toBe('refused'));
    expect(server.liveAttempts).toBe(1);
    expect(bg.live.retryDelays).toEqual([300]);
    server.liveAnswer = null;
    await streamWatching(['acct-1']);
    await vi.waitFor(() => expect(bg.live.status).toBe('open'));
    expect(server.liveAttempts).toBe(2);
  });

  it('UNAUTHENTICATED on the stream (signed out everywhere from elsewhere) signs out here, as a 401 on any request', async () => {
    const bg = worker();
    await signIn(bg);
    await report(bg, 1, ACME);
    await bg.handle({ type: 'account/detail', req: { id: 'acct-1' } }, senders.panel(1));
    const stream = await streamWatching(['acct-1']);
    expect(Object.keys(await fakeBrowser.storage.session.get(null))).toEqual(expect.arrayContaining(['session', 'lookups', 'accountDetail']));
    standIns.broadcasts.length = 0;
    // The server revokes every token of the user and ends its streams; the worker's next stream is refused.
    server.validToken = 'token-of-another-sign-in';
    stream.complete();
    await vi.waitFor(() => expect(standIns.broadcasts).toContainEqual({ type: 'broadcast/auth-changed' }));
    await vi.waitFor(async () => expect(await ask(bg, 'auth/status', {}, senders.options)).toMatchObject({ user: null, connection: 'signed-out' }));
    expect(await ask(bg, 'tab/state', {}, senders.panel(1))).toMatchObject({ connection: 'signed-out', matches: [], user: null });
    const left = await fakeBrowser.storage.session.get(null);
    expect(Object.keys(left)).not.toEqual(expect.arrayContaining(['session']));
    expect(left).not.toHaveProperty('lookups');
    expect(left).not.toHaveProperty('accountDetail');
    expect(JSON.stringify(left)).not.toContain('acme');
    expect(bg.live.status).toBe('idle');
  });

  it('UNAUTHENTICATED as an event of an open stream signs out too', async () => {
    const bg = worker();
    await signIn(bg);
    await report(bg, 1, ACME);
    const stream = await streamWatching(['acct-1']);
    stream.error('UNAUTHENTICATED', 'Not signed in');
    await vi.waitFor(async () => expect(await ask(bg, 'auth/status', {}, senders.options)).toMatchObject({ user: null, connection: 'signed-out' }));
    expect(await ask(bg, 'tab/state', {}, senders.panel(1))).toMatchObject({ connection: 'signed-out', matches: [] });
  });

  it('sign-out, another user and another server close the stream', async () => {
    const bg = worker();
    await signIn(bg);
    await report(bg, 1, ACME);
    const first = await streamWatching(['acct-1']);
    await ask(bg, 'auth/signOut', {}, senders.options);
    expect(first.closed).toBe(true);
    expect(bg.live.status).toBe('idle');

    await signIn(bg);
    await report(bg, 2, ACME);
    const mine = await streamWatching(['acct-1']);
    // Another user signs in without signing out: the first user's stream closes at once.
    await signIn(bg, 'user-2');
    expect(mine.closed).toBe(true);
    await report(bg, 3, ACME);
    const theirs = await streamWatching(['acct-1']);
    await ask(bg, 'settings/set', { serverUrl: 'http://127.0.0.1:4001' }, senders.options);
    expect(theirs.closed).toBe(true);
    expect(server.openLiveStreams()).toEqual([]);
  });

  it('keeps the worker up while a panel is open on a watched account (an extension API call on each ping), not otherwise', async () => {
    const keepAlive = vi.fn(async () => ({ os: 'linux', arch: 'x86-64' }));
    (fakeBrowser.runtime as unknown as { getPlatformInfo: typeof keepAlive }).getPlatformInfo = keepAlive;
    const bg = worker();
    await signIn(bg);
    await report(bg, 1, ACME);
    const stream = await streamWatching(['acct-1']);
    // No panel open: the stream's pings and events leave the worker to its idle timer.
    const before = resolves();
    stream.ping();
    stream.push('acct-1');
    await vi.waitFor(() => expect(resolves()).toBe(before + 1));
    expect(keepAlive).not.toHaveBeenCalled();
    // The panel opens on that tab: each ping now resets the idle timer.
    await ask(bg, 'panel/remember', { site: 'gmail', open: true }, senders.content(1, ACME.url));
    stream.ping();
    await vi.waitFor(() => expect(keepAlive).toHaveBeenCalledTimes(1));
  });

  it('a restarted worker serves what an earlier one cached, but looks it up again (no stream watched it meanwhile)', async () => {
    const first = worker();
    await signIn(first);
    await report(first, 1, ACME);
    await streamWatching(['acct-1']);
    expect(resolves()).toBe(1);
    first.live.close(); // the worker is stopped: its stream ends with it

    // 10 s later (younger than the 30 s a cached answer is fresh): the change made meanwhile was never heard.
    clock.at += 10_000;
    server.matches[0]!.account = accountCard('acct-1', 'Acme Tools', 'CRITICAL');
    const restarted = worker();
    await restarted.start();
    await ask(restarted, 'context/report', { context: ACME }, senders.content(2, ACME.url));
    // Shown at once from the cache (never "loading")…
    expect(await ask(restarted, 'tab/state', {}, senders.panel(2))).toMatchObject({ matches: [{ account: { id: 'acct-1' } }] });
    // …and looked up again behind it.
    await vi.waitFor(async () => expect(await level(restarted, 2)).toBe('CRITICAL'));
    // The tab the earlier worker showed is looked up again too once the stream opens (its answer went unwatched),
    // here from the answer just cached for tab 2: no more requests.
    await vi.waitFor(async () => expect(await level(restarted, 1)).toBe('CRITICAL'));
    expect(resolves()).toBe(2);
    // The restarted worker watches the cached accounts again; an answer written since it opened is fresh again.
    await streamWatching(['acct-1']);
    await vi.waitFor(() => expect(restarted.live.status).toBe('open'));
    clock.at += 1_000;
    await report(restarted, 3, ACME);
    expect(resolves()).toBe(2);

    // The stream drops and opens again: what was cached before may have missed a change, and is looked up again.
    clock.at += 1_000;
    const open = server.openLiveStreams()[0]!;
    open.drop();
    await vi.waitFor(() => expect(server.openLiveStreams().filter((l) => l !== open)).toHaveLength(1));
    await vi.waitFor(() => expect(restarted.live.status).toBe('open'));
    clock.at += 1_000;
    await report(restarted, 4, ACME);
    await vi.waitFor(() => expect(resolves()).toBe(3));
  });
});
