// @vitest-environment node
import type { PageContext } from '@earshot/shared';
import { IDBFactory } from 'fake-indexeddb';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { LOOKUP_FRESH_MS, LOOKUP_MAX_STALE_MS } from './lookup-cache.js';
import { createBackground } from './service.js';
import { accountCard, DEMO_USER, FakeServer } from './testing/fake-server.js';
import { ask, installBrowserStandIns, senders } from './testing/harness.js';

const gmailThread: PageContext = {
  site: 'gmail',
  pageType: 'thread',
  emails: ['jo@acme-tools.example'],
  domains: ['acme-tools.example'],
  url: 'https://mail.google.com/mail/u/0/#inbox/FMfcg',
};

let server: FakeServer;
let idb: IDBFactory;
/** While set, lookups wait for it: what the page shows before the server answers. */
let gate: Promise<void> | null = null;
const clock = { at: Date.parse('2026-12-05T10:00:00Z') };

/** A worker as the browser starts it: a new one after the last was stopped keeps only storage. */
function worker() {
  const fetch: typeof server.fetch = async (input, init) => {
    if (gate && String(init?.body).includes('ResolveAccounts')) await gate;
    return server.fetch(input, init);
  };
  return createBackground({ fetch, indexedDB: idb, dbName: 'lookup-cache-test', warn: () => undefined, now: () => clock.at });
}

async function signIn(bg: ReturnType<typeof worker>, userId = DEMO_USER.id) {
  const signInAs = server.handlers.SignIn!;
  const original = signInAs;
  server.handlers.SignIn = (v, call) => {
    const answer = original(v, call) as { signIn: { user: object } };
    return { signIn: { ...answer.signIn, user: { ...answer.signIn.user, id: userId } } };
  };
  const res = await ask(bg, 'auth/signIn', { serverUrl: 'http://127.0.0.1:4000/', email: DEMO_USER.email, password: server.password }, senders.options);
  server.handlers.SignIn = original;
  expect(res.ok).toBe(true);
}

async function report(bg: ReturnType<typeof worker>, tabId: number) {
  await ask(bg, 'context/report', { context: gmailThread }, senders.content(tabId, gmailThread.url));
  await vi.waitFor(async () => expect((await bg.tracker.state(tabId)).loading).toBe(false));
}

const resolves = () => server.callsOf('ResolveAccounts').length;

beforeEach(() => {
  server = new FakeServer();
  server.matches = [{ matchedBy: 'DOMAIN', matchedValue: 'acme-tools.example', account: accountCard('acct-1', 'Acme Tools', 'HIGH') }];
  idb = new IDBFactory();
  installBrowserStandIns();
  clock.at = Date.parse('2026-12-05T10:00:00Z');
  gate = null;
});

afterEach(() => {
  expect(server.invalid).toEqual([]);
});

describe('the lookup cache: stale-while-revalidate, kept across worker restarts', () => {
  it('a page of an account looked up before is answered at once by a restarted worker, then looked up again behind it', async () => {
    const first = worker();
    await signIn(first);
    await report(first, 1);
    expect(resolves()).toBe(1);

    // Within 30 s, a worker started afresh answers from storage.session at once; but no live stream watched the
    // account while no worker ran (live.ts), so it is looked up again behind it.
    clock.at += LOOKUP_FRESH_MS - 1_000;
    const restarted = worker();
    await report(restarted, 2);
    const fresh = await ask(restarted, 'tab/state', {}, senders.panel(2));
    expect(fresh).toMatchObject({ loading: false, connection: 'ok', matches: [{ account: { id: 'acct-1', creditStatus: { riskLevel: 'HIGH' } } }] });
    await vi.waitFor(() => expect(resolves()).toBe(2));
    // That answer is the restarted worker's own: the next page within 30 s is served without asking.
    await report(restarted, 5);
    expect(resolves()).toBe(2);

    // Older: shown at once all the same (never "loading"), and the server's new answer replaces it when it comes.
    clock.at += 5 * 60_000;
    server.matches = [{ matchedBy: 'DOMAIN', matchedValue: 'acme-tools.example', account: accountCard('acct-1', 'Acme Tools', 'CRITICAL') }];
    const again = worker();
    let open: () => void = () => undefined;
    gate = new Promise((resolve) => (open = resolve));
    await report(again, 3);
    expect(await ask(again, 'tab/state', {}, senders.panel(3))).toMatchObject({ loading: false, matches: [{ account: { creditStatus: { riskLevel: 'HIGH' } } }] });
    expect(resolves()).toBe(2); // the new lookup waits at the gate
    gate = null;
    open();
    await vi.waitFor(async () => expect((await again.tracker.state(3)).matches[0]?.account.creditStatus?.riskLevel).toBe('CRITICAL'));
    expect(resolves()).toBe(3);
    expect((await again.tracker.state(3)).fetchedAt).toBe(new Date(clock.at).toISOString());
  });

  it('serves nothing older than its bound: the page waits for the server, as on a first visit', async () => {
    const bg = worker();
    await signIn(bg);
    await report(bg, 1);
    clock.at += LOOKUP_MAX_STALE_MS;
    await ask(bg, 'context/report', { context: gmailThread }, senders.content(2, gmailThread.url));
    expect(await ask(bg, 'tab/state', {}, senders.panel(2))).toMatchObject({ loading: true, matches: [] });
    await vi.waitFor(async () => expect((await bg.tracker.state(2)).loading).toBe(false));
    expect(resolves()).toBe(2);
  });

  it('an account changed from here (a note) is never served from the cache again', async () => {
    const bg = worker();
    await signIn(bg);
    await report(bg, 1);
    expect(await ask(bg, 'note/add', { accountId: 'acct-1', body: 'Paid in full.', visibility: 'ALL' }, senders.panel(1))).toEqual({ ok: true });
    await vi.waitFor(() => expect(resolves()).toBe(2)); // the tab showing it looks again
    await vi.waitFor(async () => expect((await bg.tracker.state(1)).loading).toBe(false));
    // That new answer is cached; the one from before the note is gone.
    const stored = (await fakeBrowser.storage.session.get('lookups')).lookups as { entries: [string, { at: number }][] };
    expect(stored.entries).toHaveLength(1);
    expect(stored.entries[0]![1].at).toBe(clock.at);
  });

  it('is the signed-in user’s only: signing out, another user or another server forgets it', async () => {
    const bg = worker();
    await signIn(bg);
    await report(bg, 1);
    expect(await fakeBrowser.storage.session.get('lookups')).toHaveProperty('lookups');
    await ask(bg, 'auth/signOut', {}, senders.options);
    expect(await fakeBrowser.storage.session.get('lookups')).toEqual({});

    await signIn(bg);
    await report(bg, 2);
    expect(resolves()).toBe(2);
    // Another user signs in without signing out first: the next page is looked up for them, nothing cached is shown.
    await signIn(bg, 'user-2');
    await ask(bg, 'context/report', { context: gmailThread }, senders.content(3, gmailThread.url));
    expect(await ask(bg, 'tab/state', {}, senders.panel(3))).toMatchObject({ matches: [] });
    await vi.waitFor(async () => expect((await bg.tracker.state(3)).loading).toBe(false));
    expect(resolves()).toBeGreaterThanOrEqual(3);
    // Another server: another company's accounts, maybe.
    await ask(bg, 'settings/set', { serverUrl: 'http://127.0.0.1:4001' }, senders.options);
    expect(await fakeBrowser.storage.session.get('lookups')).toEqual({});
  });
});
