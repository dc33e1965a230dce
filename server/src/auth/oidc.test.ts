/**
 * Single sign-on (issue 13) against a real OpenID provider on loopback (oidc-provider, test-support/oidc.ts) and,
 * for ID tokens a real provider will not issue (another audience, expired, a tampered signature), a fake issuer
 * whose token endpoint serves tokens signed here with jose — both reached over HTTP by the server's own client.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import * as client from 'openid-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type App, createApp } from '../app.js';
import { hashPassword } from './passwords.js';
import { type Config, loadConfig } from '../config.js';
import { createTestDatabase, DB_KINDS, type DbKind, type TestDatabase } from '../test-support/databases.js';
import { type FakeIssuer, type OidcTestProvider, startFakeIssuer, startOidcProvider } from '../test-support/oidc.js';
import { errorCodes, type GqlResult } from '../test-support/server.js';

const CHROME_REDIRECT = 'https://abcdefghijklmnopabcdefghijklmnop.chromiumapp.org/';
const RETURN_TO = 'chrome-extension://abcdefghijklmnopabcdefghijklmnop/workspace.html';
/** Listed in EARSHOT_EXTENSION_IDS below: the extension of RETURN_TO and a Firefox install. */
const LISTED_EXTENSIONS = 'abcdefghijklmnopabcdefghijklmnop, 0b1c2d3e-4f50-4617-8293-a4b5c6d7e8f9';
const SIGN_IN = `mutation ($input: SignInWithOidcInput!) { signInWithOidc(input: $input) { token expiresAt user { email role } } }`;
const REDEEM = `mutation ($t: String!) { redeemSignInTicket(ticket: $t) { token user { email role } } }`;

const oidcEnv = (issuer: string, clientId: string, extra: Record<string, string> = {}) => ({
  EARSHOT_OIDC_ISSUER: issuer,
  EARSHOT_OIDC_CLIENT_ID: clientId,
  EARSHOT_OIDC_ALLOWED_DOMAINS: 'corp.example',
  EARSHOT_OIDC_ROLES: 'earshot-admins=ADMIN,earshot-credit=CREDIT,earshot-sales=SALES,earshot-viewers=VIEWER',
  EARSHOT_OIDC_SCOPES: 'openid email profile groups',
  ...extra,
});

interface Earshot {
  app: App;
  url: string;
  gql<T = Record<string, any>>(query: string, variables?: Record<string, unknown>, token?: string | null): Promise<GqlResult<T>>;
  close(): Promise<void>;
}

async function startEarshot(db: TestDatabase, env: Record<string, string>, overrides: Partial<Config> = {}): Promise<Earshot> {
  const app = createApp(db, { ...loadConfig(env), production: true, ...overrides });
  const server = http.createServer(app.handle);
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    app,
    url,
    async gql(query, variables = {}, token = null) {
      const res = await fetch(`${url}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
        body: JSON.stringify({ query, variables }),
      });
      return (await res.json()) as never;
    },
    async close() {
      server.closeAllConnections();
      await new Promise((r) => server.close(r));
    },
  };
}

/** What the extension does: an authorization request with PKCE and a nonce, the login at the provider, the code. */
async function authorize(provider: OidcTestProvider, sub: string, opts: { redirectUri?: string; clientId?: string } = {}) {
  const redirectUri = opts.redirectUri ?? CHROME_REDIRECT;
  const codeVerifier = client.randomPKCECodeVerifier();
  const nonce = client.randomNonce();
  const auth = new URL(`${provider.issuer}/auth`);
  auth.search = new URLSearchParams({
    client_id: opts.clientId ?? 'earshot-extension',
    response_type: 'code',
    redirect_uri: redirectUri,
    scope: 'openid email profile groups',
    nonce,
    state: client.randomState(),
    code_challenge: await client.calculatePKCECodeChallenge(codeVerifier),
    code_challenge_method: 'S256',
  }).toString();
  const back = await provider.login(auth, sub);
  const code = back.searchParams.get('code');
  if (!code) throw new Error(`no code: ${back.href}`);
  return { code, codeVerifier, nonce, redirectUri };
}

describe.each(DB_KINDS)('on %s', (kind: DbKind) => {
let db: TestDatabase;
beforeAll(async () => {
  db = await createTestDatabase(kind);
});
afterAll(() => db?.drop());

describe('single sign-on (OpenID Connect)', () => {
  let provider: OidcTestProvider;
  let earshot: Earshot;

  beforeAll(async () => {
    provider = await startOidcProvider({
      accounts: {
        alice: { email: 'Alice@corp.example', name: 'Alice Credit', groups: ['earshot-credit'] },
        bob: { email: 'bob@corp.example', groups: ['earshot-sales', 'earshot-viewers', 'unrelated'] },
        carol: { email: 'carol@elsewhere.example', groups: ['earshot-admins'] },
        dave: { email: 'dave@corp.example', groups: ['earshot-sales'] },
        erin: { email: 'erin@corp.example', groups: ['earshot-sales'], emailVerified: false },
      },
    });
    earshot = await startEarshot(db, oidcEnv(provider.issuer, 'earshot-extension', { EARSHOT_EXTENSION_IDS: LISTED_EXTENSIONS }));
    provider.registerClient({ clientId: 'earshot-extension', redirectUris: [CHROME_REDIRECT, `${earshot.url}/auth/oidc/callback`] });
  });
  afterAll(async () => {
    await earshot?.close();
    await provider?.close();
  });

  it('signInMethods tells an anonymous client the provider, the client id, the authorization endpoint and the scopes', async () => {
    const r = await earshot.gql('{ signInMethods { password oidc { issuer clientId authorizationEndpoint scopes } } }');
    expect(r.errors).toBeUndefined();
    expect(r.data?.signInMethods).toEqual({
      password: true,
      oidc: { issuer: provider.issuer, clientId: 'earshot-extension', authorizationEndpoint: `${provider.issuer}/auth`, scopes: ['openid', 'email', 'profile', 'groups'] },
    });
  });

  it('a first sign-in creates the user with the role of their group; the session works and is audited', async () => {
    const r = await earshot.gql(SIGN_IN, { input: await authorize(provider, 'alice') });
    expect(r.errors).toBeUndefined();
    expect(r.data?.signInWithOidc.user).toEqual({ email: 'alice@corp.example', role: 'CREDIT' });
    const token = r.data?.signInWithOidc.token as string;
    expect(token).toMatch(/^esk_/);
    const me = await earshot.gql('{ viewer { email role } }', {}, token);
    expect(me.data?.viewer).toEqual({ email: 'alice@corp.example', role: 'CREDIT' });
    const user = await db.prisma.user.findUniqueOrThrow({ where: { email: 'alice@corp.example' } });
    expect(user).toMatchObject({ name: 'Alice Credit', passwordHash: null, active: true });
    const actions = (await db.prisma.auditEvent.findMany({ where: { entityId: user.id }, orderBy: { createdAt: 'asc' } })).map((e) => [e.action, e.data]);
    expect(actions).toEqual([
      ['user.create', { via: 'oidc', role: 'CREDIT', password: false }],
      ['session.signIn', { method: 'oidc' }],
    ]);
  });

  it('an existing user signs in, and gets the most privileged of their mapped groups’ roles', async () => {
    await db.prisma.user.create({ data: { email: 'bob@corp.example', name: 'Bob', role: 'VIEWER', passwordHash: await hashPassword('correct-horse-battery') } });
    const r = await earshot.gql(SIGN_IN, { input: await authorize(provider, 'bob') });
    expect(r.errors).toBeUndefined();
    expect(r.data?.signInWithOidc.user).toEqual({ email: 'bob@corp.example', role: 'SALES' });
    expect(await db.prisma.user.count({ where: { email: 'bob@corp.example' } })).toBe(1);
    // Password sign-in still works for them (EARSHOT_PASSWORD_SIGN_IN on).
    const pw = await earshot.gql(`mutation { signIn(input: { email: "bob@corp.example", password: "correct-horse-battery" }) { user { role } } }`);
    expect(pw.data?.signIn.user.role).toBe('SALES');
  });

  it('a role change at the provider takes effect at the next sign-in; no mapped group refuses and extends nothing', async () => {
    const first = await earshot.gql(SIGN_IN, { input: await authorize(provider, 'dave') });
    expect(first.data?.signInWithOidc.user.role).toBe('SALES');
    const daveToken = first.data?.signInWithOidc.token as string;
    provider.accounts.get('dave')!.groups = ['earshot-admins'];
    const promoted = await earshot.gql(SIGN_IN, { input: await authorize(provider, 'dave') });
    expect(promoted.data?.signInWithOidc.user.role).toBe('ADMIN');
    // The earlier session carries the user's current role too.
    expect((await earshot.gql('{ viewer { role } }', {}, daveToken)).data?.viewer.role).toBe('ADMIN');
    const dave = await db.prisma.user.findUniqueOrThrow({ where: { email: 'dave@corp.example' } });
    const sessionsBefore = await db.prisma.apiToken.findMany({ where: { userId: dave.id }, orderBy: { id: 'asc' }, select: { id: true, expiresAt: true } });
    provider.accounts.get('dave')!.groups = ['unrelated'];
    const refused = await earshot.gql(SIGN_IN, { input: await authorize(provider, 'dave') });
    expect(errorCodes(refused)).toEqual(['OIDC_NO_ROLE']);
    expect(refused.errors?.[0]?.message).toMatch(/no group/);
    const sessionsAfter = await db.prisma.apiToken.findMany({ where: { userId: dave.id }, orderBy: { id: 'asc' }, select: { id: true, expiresAt: true } });
    expect(sessionsAfter).toEqual(sessionsBefore);
    expect(await db.prisma.auditEvent.count({ where: { action: 'session.signInRefused', entityId: dave.id } })).toBe(1);
    const roleChanges = await db.prisma.auditEvent.findMany({ where: { action: 'user.setRole', entityId: dave.id } });
    expect(roleChanges.map((e) => e.data)).toEqual([expect.objectContaining({ via: 'oidc', from: 'SALES', to: 'ADMIN' })]);
  });

  it('an unknown user of a domain not in EARSHOT_OIDC_ALLOWED_DOMAINS is refused and not created', async () => {
    const r = await earshot.gql(SIGN_IN, { input: await authorize(provider, 'carol') });
    expect(errorCodes(r)).toEqual(['OIDC_DOMAIN_NOT_ALLOWED']);
    expect(await db.prisma.user.count({ where: { email: 'carol@elsewhere.example' } })).toBe(0);
  });

  it('an e-mail the provider says is not verified is refused', async () => {
    const r = await earshot.gql(SIGN_IN, { input: await authorize(provider, 'erin') });
    expect(errorCodes(r)).toEqual(['OIDC_EMAIL_UNVERIFIED']);
    expect(await db.prisma.user.count({ where: { email: 'erin@corp.example' } })).toBe(0);
  });

  it('a nonce other than the one of the authorization request is refused (OIDC_NONCE)', async () => {
    const input = await authorize(provider, 'alice');
    const r = await earshot.gql(SIGN_IN, { input: { ...input, nonce: client.randomNonce() } });
    expect(errorCodes(r)).toEqual(['OIDC_NONCE']);
  });

  it('a code is good only with its verifier, and only once', async () => {
    const first = await authorize(provider, 'alice');
    const wrong = await earshot.gql(SIGN_IN, { input: { ...first, codeVerifier: client.randomPKCECodeVerifier() } });
    expect(errorCodes(wrong)).toEqual(['OIDC_CODE_REJECTED']);
    const input = await authorize(provider, 'alice');
    expect((await earshot.gql(SIGN_IN, { input })).data?.signInWithOidc.user.email).toBe('alice@corp.example');
    const again = await earshot.gql(SIGN_IN, { input });
    expect(errorCodes(again)).toEqual(['OIDC_CODE_REJECTED']);
  });

  it('a redirect URI that is neither the browser’s identity redirect nor the server’s callback is refused before the provider is asked', async () => {
    const input = await authorize(provider, 'alice');
    for (const redirectUri of ['https://evil.example/', 'https://abcdefghijklmnopabcdefghijklmnop.chromiumapp.org.evil.example/', 'http://abcdefghijklmnopabcdefghijklmnop.chromiumapp.org/', 'chrome-extension://abcdefghijklmnopabcdefghijklmnop/']) {
      const r = await earshot.gql(SIGN_IN, { input: { ...input, redirectUri } });
      expect(errorCodes(r), redirectUri).toEqual(['OIDC_REDIRECT_URI']);
    }
    // The code was not spent: it still signs in.
    expect((await earshot.gql(SIGN_IN, { input })).data?.signInWithOidc.user.email).toBe('alice@corp.example');
  });

  it('the redirect flow: start → provider → callback → a ticket in the fragment, redeemed once', async () => {
    const start = await fetch(`${earshot.url}/auth/oidc/start?return_to=${encodeURIComponent(RETURN_TO)}`, { redirect: 'manual' });
    expect(start.status).toBe(302);
    const toProvider = new URL(start.headers.get('location')!);
    expect(toProvider.origin + toProvider.pathname).toBe(`${provider.issuer}/auth`);
    expect(toProvider.searchParams.get('code_challenge_method')).toBe('S256');
    expect(toProvider.searchParams.get('redirect_uri')).toBe(`${earshot.url}/auth/oidc/callback`);
    const callback = await provider.login(toProvider, 'alice');
    expect(callback.origin + callback.pathname).toBe(`${earshot.url}/auth/oidc/callback`);
    const back = await fetch(callback, { redirect: 'manual' });
    expect(back.status).toBe(302);
    const landing = new URL(back.headers.get('location')!);
    expect(landing.href.split('#')[0]).toBe(RETURN_TO);
    const fragment = new URLSearchParams(landing.hash.slice(1));
    const ticket = fragment.get('earshot_ticket')!;
    expect(ticket).toMatch(/^est_/);
    expect(landing.href).not.toMatch(/esk_/);
    const redeemed = await earshot.gql(REDEEM, { t: ticket });
    expect(redeemed.errors).toBeUndefined();
    expect(redeemed.data?.redeemSignInTicket.user).toEqual({ email: 'alice@corp.example', role: 'CREDIT' });
    expect((await earshot.gql('{ viewer { email } }', {}, redeemed.data?.redeemSignInTicket.token)).data?.viewer.email).toBe('alice@corp.example');
    const twice = await earshot.gql(REDEEM, { t: ticket });
    expect(errorCodes(twice)).toEqual(['OIDC_TICKET']);
    // The callback's state is single use too.
    const replay = await fetch(callback, { redirect: 'manual' });
    expect(replay.status).toBe(400);
    expect(await replay.text()).toMatch(/OIDC_STATE/);
  });

  it('the redirect flow refuses a return_to that is neither a listed extension’s page nor an EARSHOT_CORS_ORIGINS origin', async () => {
    for (const returnTo of [
      'https://evil.example/steal',
      'javascript:alert(1)',
      '',
      '//evil.example/x',
      'http://127.0.0.1:9/not-listed',
      'chrome-extension:///no-id',
      // Another extension (the attacker's): its page would receive the ticket, a session for whoever reads it.
      'chrome-extension://ponmlkjihgfedcbaponmlkjihgfedcba/steal.html',
      'moz-extension://ffffffff-4f50-4617-8293-a4b5c6d7e8f9/steal.html',
      // A listed id under the other browser's scheme, with a port, or in upper case is not that extension.
      'moz-extension://abcdefghijklmnopabcdefghijklmnop/steal.html',
      'chrome-extension://0b1c2d3e-4f50-4617-8293-a4b5c6d7e8f9/steal.html',
      'chrome-extension://abcdefghijklmnopabcdefghijklmnop:8080/steal.html',
      'chrome-extension://ABCDEFGHIJKLMNOPABCDEFGHIJKLMNOP/steal.html',
    ]) {
      const res = await fetch(`${earshot.url}/auth/oidc/start?return_to=${encodeURIComponent(returnTo)}`, { redirect: 'manual' });
      expect(res.status, returnTo).toBe(400);
      expect(await res.text()).toMatch(/OIDC_RETURN_TO/);
    }
    expect(await db.prisma.oidcLogin.count({ where: { OR: [{ returnTo: { contains: 'evil' } }, { returnTo: { contains: 'steal' } }] } })).toBe(0);
  });

  it('the redirect flow goes to the provider for a page of a listed Firefox extension; an unlisted extension is refused on a server without EARSHOT_EXTENSION_IDS', async () => {
    const firefox = 'moz-extension://0b1c2d3e-4f50-4617-8293-a4b5c6d7e8f9/workspace.html';
    const start = await fetch(`${earshot.url}/auth/oidc/start?return_to=${encodeURIComponent(firefox)}`, { redirect: 'manual' });
    expect(start.status).toBe(302);
    expect(new URL(start.headers.get('location')!).origin).toBe(new URL(provider.issuer).origin);
    const unlisted = await startEarshot(db, oidcEnv(provider.issuer, 'earshot-extension'));
    try {
      const res = await fetch(`${unlisted.url}/auth/oidc/start?return_to=${encodeURIComponent(RETURN_TO)}`, { redirect: 'manual' });
      expect(res.status).toBe(400);
      expect(await res.text()).toMatch(/OIDC_RETURN_TO/);
    } finally {
      await unlisted.close();
    }
  });

  it('a refusal in the redirect flow goes back to the page as #earshot_error=<code>', async () => {
    const start = await fetch(`${earshot.url}/auth/oidc/start?return_to=${encodeURIComponent(RETURN_TO)}`, { redirect: 'manual' });
    const callback = await provider.login(start.headers.get('location')!, 'carol');
    const back = await fetch(callback, { redirect: 'manual' });
    expect(back.headers.get('location')).toBe(`${RETURN_TO}#earshot_error=OIDC_DOMAIN_NOT_ALLOWED`);
  });

  it('a ticket older than a minute is refused', async () => {
    const alice = await db.prisma.user.findUniqueOrThrow({ where: { email: 'alice@corp.example' } });
    const { createSignInTicket } = await import('./oidc-sign-in.js');
    const ticket = await createSignInTicket(db.prisma, alice.id, new Date(Date.now() - 61_000));
    expect(errorCodes(await earshot.gql(REDEEM, { t: ticket }))).toEqual(['OIDC_TICKET']);
  });
});

describe('single sign-on: ID tokens a provider would not issue, from a fake issuer', () => {
  let fake: FakeIssuer;
  let earshot: Earshot;
  const input = { code: 'fake-code', codeVerifier: client.randomPKCECodeVerifier(), redirectUri: CHROME_REDIRECT, nonce: 'nonce-1' };

  beforeAll(async () => {
    fake = await startFakeIssuer();
    earshot = await startEarshot(db, oidcEnv(fake.issuer, fake.clientId));
  });
  afterAll(async () => {
    await earshot?.close();
    await fake?.close();
  });

  const signInWith = async (idToken: string) => {
    fake.nextIdToken = idToken;
    return earshot.gql(SIGN_IN, { input });
  };

  it('a good token signs in; the token endpoint got the code, the verifier and the redirect URI', async () => {
    const r = await signInWith(await fake.sign(fake.claims({ nonce: 'nonce-1', email: 'frank@corp.example', groups: ['earshot-viewers'] })));
    expect(r.errors).toBeUndefined();
    expect(r.data?.signInWithOidc.user).toEqual({ email: 'frank@corp.example', role: 'VIEWER' });
    expect(fake.lastTokenRequest).toEqual({ code: 'fake-code', codeVerifier: input.codeVerifier, redirectUri: CHROME_REDIRECT, clientId: fake.clientId });
  });

  it.each([
    ['another audience', { aud: 'someone-else' }, 'OIDC_AUDIENCE'],
    ['several audiences without azp', { aud: ['earshot-fake-client', 'someone-else'] }, 'OIDC_AUDIENCE'],
    ['another authorized party', { aud: ['earshot-fake-client', 'someone-else'], azp: 'someone-else' }, 'OIDC_AUDIENCE'],
    ['another issuer', { iss: 'https://issuer.evil.example' }, 'OIDC_ISSUER'],
    ['an expired token', { exp: Math.floor(Date.now() / 1000) - 600, iat: Math.floor(Date.now() / 1000) - 1200 }, 'OIDC_EXPIRED'],
    ['another nonce', { nonce: 'nonce-2' }, 'OIDC_NONCE'],
    ['no nonce', { nonce: undefined }, 'OIDC_NONCE'],
  ])('%s is refused (%s → %s)', async (_label, overrides, code) => {
    const before = await db.prisma.apiToken.count();
    const r = await signInWith(await fake.sign(fake.claims({ nonce: 'nonce-1', email: 'frank@corp.example', groups: ['earshot-viewers'], ...overrides })));
    expect(errorCodes(r)).toEqual([code]);
    expect(await db.prisma.apiToken.count()).toBe(before);
  });

  it('a tampered token (claims changed after signing) fails its signature check (OIDC_SIGNATURE)', async () => {
    const good = await fake.sign(fake.claims({ nonce: 'nonce-1', email: 'frank@corp.example', groups: ['earshot-viewers'] }));
    const [header, , signature] = good.split('.');
    const forged = Buffer.from(JSON.stringify(fake.claims({ nonce: 'nonce-1', email: 'frank@corp.example', groups: ['earshot-admins'] }))).toString('base64url');
    const r = await signInWith(`${header}.${forged}.${signature}`);
    expect(errorCodes(r)).toEqual(['OIDC_SIGNATURE']);
    expect((await db.prisma.user.findUniqueOrThrow({ where: { email: 'frank@corp.example' } })).role).toBe('VIEWER');
  });

  it('a token signed with a key the provider’s JWKS does not hold is refused (OIDC_SIGNATURE)', async () => {
    const r = await signInWith(await fake.sign(fake.claims({ nonce: 'nonce-1', email: 'mallory@corp.example', groups: ['earshot-admins'] }), { foreignKey: true }));
    expect(errorCodes(r)).toEqual(['OIDC_SIGNATURE']);
    expect(await db.prisma.user.count({ where: { email: 'mallory@corp.example' } })).toBe(0);
  });

  it('errors name the problem without echoing a token', async () => {
    const token = await fake.sign(fake.claims({ nonce: 'nonce-1', aud: 'someone-else' }));
    const r = await signInWith(token);
    expect(JSON.stringify(r)).not.toContain(token.split('.')[1]!);
    expect(r.errors?.[0]?.message).toMatch(/audience/);
  });
});

describe('EARSHOT_PASSWORD_SIGN_IN=off', () => {
  let fake: FakeIssuer;
  let earshot: Earshot;
  beforeAll(async () => {
    fake = await startFakeIssuer();
    earshot = await startEarshot(db, oidcEnv(fake.issuer, fake.clientId, { EARSHOT_PASSWORD_SIGN_IN: 'off' }));
    await db.prisma.user.create({ data: { email: 'pat@corp.example', name: 'Pat', role: 'SALES', passwordHash: await hashPassword('correct-horse-battery') } });
  });
  afterAll(async () => {
    await earshot?.close();
    await fake?.close();
  });

  it('signIn by password is refused with PASSWORD_SIGN_IN_DISABLED, even with the right password, and signInMethods says so', async () => {
    const r = await earshot.gql(`mutation { signIn(input: { email: "pat@corp.example", password: "correct-horse-battery" }) { token } }`);
    expect(errorCodes(r)).toEqual(['PASSWORD_SIGN_IN_DISABLED']);
    expect(await db.prisma.apiToken.count({ where: { user: { email: 'pat@corp.example' } } })).toBe(0);
    const methods = await earshot.gql('{ signInMethods { password oidc { clientId } } }');
    expect(methods.data?.signInMethods).toEqual({ password: false, oidc: { clientId: fake.clientId } });
  });
});

describe('single sign-on not configured', () => {
  let earshot: Earshot;
  beforeAll(async () => {
    earshot = await startEarshot(db, { EARSHOT_EXTENSION_IDS: LISTED_EXTENSIONS });
  });
  afterAll(() => earshot?.close());

  it('signInMethods answers password only; signInWithOidc and the redirect flow say OIDC_NOT_CONFIGURED', async () => {
    expect((await earshot.gql('{ signInMethods { password oidc { clientId } } }')).data?.signInMethods).toEqual({ password: true, oidc: null });
    const r = await earshot.gql(SIGN_IN, { input: { code: 'c', codeVerifier: client.randomPKCECodeVerifier(), redirectUri: CHROME_REDIRECT, nonce: 'n' } });
    expect(errorCodes(r)).toEqual(['OIDC_NOT_CONFIGURED']);
    const start = await fetch(`${earshot.url}/auth/oidc/start?return_to=${encodeURIComponent(RETURN_TO)}`, { redirect: 'manual' });
    expect(start.headers.get('location')).toBe(`${RETURN_TO}#earshot_error=OIDC_NOT_CONFIGURED`);
  });
});
});
