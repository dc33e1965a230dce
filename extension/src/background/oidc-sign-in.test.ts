// @vitest-environment node
import { IDBFactory } from 'fake-indexeddb';
import { beforeEach, describe, expect, it } from 'vitest';
import { s256 } from './oidc.js';
import { createBackground } from './service.js';
import { readSettings } from './settings.js';
import { DEMO_USER, FakeServer } from './testing/fake-server.js';
import { ask, type BrowserStandIns, EXTENSION_BASE, installBrowserStandIns, senders } from './testing/harness.js';

const SERVER = 'http://127.0.0.1:4000';
const REDIRECT = 'https://test-extension-id.chromiumapp.org/';
const ISSUER = 'https://login.acme.example';

let server: FakeServer;
let standIns: BrowserStandIns;
let idb: IDBFactory;
/** What the company's sign-in page was opened with, and how it answers (the test plays the user and the provider). */
let opened: URL[];
let provider: (url: URL) => Promise<string>;

function newBackground(now: () => number = Date.now) {
  return createBackground({
    fetch: server.fetch,
    indexedDB: idb,
    dbName: 'oidc-test',
    warn: () => undefined,
    now,
    redirectUrl: () => REDIRECT,
    launchWebAuthFlow: async (url) => {
      opened.push(new URL(url));
      return provider(new URL(url));
    },
  });
}

/** A provider that signs the user in: back to the redirect address with its code and the state it was given. */
const signsIn = async (url: URL) => `${REDIRECT}?code=${server.oidcCode}&state=${url.searchParams.get('state')}`;

beforeEach(() => {
  standIns = installBrowserStandIns();
  server = new FakeServer();
  server.oidc = { issuer: ISSUER, clientId: 'earshot', authorizationEndpoint: `${ISSUER}/authorize`, scopes: ['openid', 'email'] };
  idb = new IDBFactory();
  opened = [];
  provider = signsIn;
});

describe('auth/methods', () => {
  it('says how the server lets people sign in, and where the sign-in window returns', async () => {
    const bg = newBackground();
    expect(await ask(bg, 'auth/methods', { serverUrl: `${SERVER}/graphql` }, senders.options)).toEqual({
      ok: true,
      serverUrl: SERVER,
      password: true,
      oidc: { issuer: ISSUER },
      redirectUrl: REDIRECT,
    });
    server.oidc = null;
    server.passwordSignIn = false;
    expect(await ask(bg, 'auth/methods', { serverUrl: SERVER }, senders.options)).toMatchObject({ ok: true, password: false, oidc: null });
  });

  it('does not reach a server the user has not allowed, and says so', async () => {
    const bg = newBackground();
    expect(await ask(bg, 'auth/methods', { serverUrl: 'https://earshot.acme.example' }, senders.options)).toEqual({
      ok: false,
      needsPermission: true,
      error: expect.stringMatching(/no access to https:\/\/earshot.acme.example/),
    });
    expect(server.calls).toEqual([]);
    server.mode = 'offline';
    expect(await ask(bg, 'auth/methods', { serverUrl: SERVER }, senders.options)).toEqual({ ok: false, error: expect.stringMatching(/^Cannot reach/) });
  });
});

describe('auth/signInOidc', () => {
  it('signs in with code + PKCE: the server gets the code, the verifier of the challenge, the nonce and the redirect address', async () => {
    const bg = newBackground();
    const answer = await ask(bg, 'auth/signInOidc', { serverUrl: SERVER }, senders.options);
    expect(answer).toEqual({ ok: true, user: DEMO_USER });

    const [auth] = opened;
    const [exchange] = server.callsOf('SignInWithOidc');
    const input = exchange?.variables.input as { code: string; codeVerifier: string; redirectUri: string; nonce: string };
    expect(input.code).toBe(server.oidcCode);
    expect(input.redirectUri).toBe(REDIRECT);
    expect(auth?.searchParams.get('redirect_uri')).toBe(REDIRECT);
    expect(auth?.searchParams.get('code_challenge')).toBe(await s256(input.codeVerifier));
    expect(auth?.searchParams.get('nonce')).toBe(input.nonce);
    expect(exchange?.authorization).toBeNull();
    expect(server.invalid).toEqual([]);

    // Stored exactly as a password sign-in: the same status for every page, the server URL kept.
    expect(await ask(bg, 'auth/status', {}, senders.popup)).toMatchObject({ user: DEMO_USER, connection: 'ok' });
    expect((await readSettings()).serverUrl).toBe(SERVER);
    expect(standIns.broadcasts).toContainEqual({ type: 'broadcast/auth-changed' });
    // The answer to the page carries no token.
    expect(JSON.stringify(answer)).not.toContain(server.validToken);
  });

  it('uses a new verifier, state and nonce for every attempt', async () => {
    const bg = newBackground();
    await ask(bg, 'auth/signInOidc', { serverUrl: SERVER }, senders.options);
    await ask(bg, 'auth/signInOidc', { serverUrl: SERVER }, senders.options);
    const [a, b] = opened;
    for (const p of ['state', 'nonce', 'code_challenge']) expect(a?.searchParams.get(p)).not.toBe(b?.searchParams.get(p));
  });

  it('the user closing the window: cancelled, nothing sent to the server, still signed out', async () => {
    provider = async () => {
      throw new Error('The user did not approve access.');
    };
    const bg = newBackground();
    expect(await ask(bg, 'auth/signInOidc', { serverUrl: SERVER }, senders.options)).toEqual({
      ok: false,
      reason: 'cancelled',
      error: expect.stringMatching(/^Sign-in cancelled/),
    });
    expect(server.callsOf('SignInWithOidc')).toEqual([]);
    expect(await ask(bg, 'auth/status', {}, senders.options)).toMatchObject({ user: null });
  });

  it('the provider refusing: its error and description, nothing sent to the server', async () => {
    provider = async (url) => `${REDIRECT}?error=access_denied&error_description=You+are+not+in+the+Earshot+group&state=${url.searchParams.get('state')}`;
    const bg = newBackground();
    expect(await ask(bg, 'auth/signInOidc', { serverUrl: SERVER }, senders.options)).toEqual({
      ok: false,
      reason: 'provider',
      error: `Your company’s sign-in (${ISSUER}) refused access: You are not in the Earshot group`,
    });
    expect(server.callsOf('SignInWithOidc')).toEqual([]);
  });

  it('an answer with another attempt’s state: refused before the code is used', async () => {
    provider = async () => `${REDIRECT}?code=${server.oidcCode}&state=forged`;
    const bg = newBackground();
    expect(await ask(bg, 'auth/signInOidc', { serverUrl: SERVER }, senders.options)).toMatchObject({ ok: false, reason: 'state' });
    expect(server.callsOf('SignInWithOidc')).toEqual([]);
  });

  it('the Earshot server refusing the user: its message, by code, and still signed out', async () => {
    server.errors.SignInWithOidc = { message: 'acme.example addresses may not sign in to this Earshot server.', code: 'FORBIDDEN' };
    const bg = newBackground();
    expect(await ask(bg, 'auth/signInOidc', { serverUrl: SERVER }, senders.options)).toEqual({
      ok: false,
      reason: 'refused',
      error: 'acme.example addresses may not sign in to this Earshot server.',
    });
    expect(await ask(bg, 'auth/status', {}, senders.options)).toMatchObject({ user: null });
  });

  it('a server without company sign-in: says so, opens no window', async () => {
    server.oidc = null;
    const bg = newBackground();
    expect(await ask(bg, 'auth/signInOidc', { serverUrl: SERVER }, senders.options)).toEqual({
      ok: false,
      reason: 'refused',
      error: expect.stringMatching(/not set up on this Earshot server/),
    });
    expect(opened).toEqual([]);
  });

  it('is for Earshot’s own pages only: a content script cannot start it', async () => {
    const bg = newBackground();
    const answer = await bg.handle({ type: 'auth/signInOidc', req: { serverUrl: SERVER } }, senders.content(3));
    expect(answer).toEqual({ earshot: 'error', error: 'auth/signInOidc is answered to Earshot pages only.' });
    expect(opened).toEqual([]);
  });
});

describe('password sign-in turned off', () => {
  it('shows what to do instead of “wrong password”', async () => {
    server.passwordSignIn = false;
    const bg = newBackground();
    expect(await ask(bg, 'auth/signIn', { serverUrl: SERVER, email: DEMO_USER.email, password: server.password }, senders.options)).toEqual({
      ok: false,
      error: 'This Earshot server does not take passwords: use “Sign in with your company account”.',
    });
  });
});

describe('the workspace page’s company sign-in', () => {
  const dashboard = { ...senders.options, url: `${EXTENSION_BASE}dashboard.html` };

  it('is the same worker flow as the options page’s: the auth window, then a session every page hears about', async () => {
    const bg = newBackground();
    expect(await ask(bg, 'auth/signInOidc', { serverUrl: SERVER }, dashboard)).toEqual({ ok: true, user: DEMO_USER });
    expect(opened).toHaveLength(1);
    expect(server.callsOf('SignInWithOidc')).toHaveLength(1);
    expect(standIns.broadcasts).toContainEqual({ type: 'broadcast/auth-changed' });
    expect(await ask(bg, 'auth/status', {}, dashboard)).toMatchObject({ user: DEMO_USER, connection: 'ok' });
  });

  it('the server’s redirect sign-in is not the worker’s business: a ticket handed to it is refused as an unknown request', async () => {
    const bg = newBackground();
    const answer = await bg.handle({ type: 'auth/redeemTicket', req: { ticket: 'attackers-ticket', flow: 'f' } }, dashboard);
    expect(answer).toMatchObject({ earshot: 'error' });
    expect(server.calls).toEqual([]);
    expect(await ask(bg, 'auth/status', {}, dashboard)).toMatchObject({ user: null });
  });
});
