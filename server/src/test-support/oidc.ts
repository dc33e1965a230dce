/// <reference path="./oidc-provider.d.ts" />
/**
 * OpenID Connect providers on loopback for tests (server tests and the browser e2e alike).
 *
 * - `startOidcProvider`: a real provider (oidc-provider 9) at http://127.0.0.1:<port>. Accounts and clients can
 *   change while it runs (a group removed at the provider, an extension's redirect URI known only once the
 *   browser has loaded it). Logins complete without a browser: `login(authorizationUrl, sub)` follows the
 *   provider's redirects with fetch and a cookie jar, and its interaction page signs the account in
 *   programmatically. A real browser gets the same pages: with `autoLogin` set, the provider signs that account
 *   in and consents without showing anything (so a non-interactive `launchWebAuthFlow` completes); otherwise
 *   its interaction page is a small form with one button per account.
 * - `startFakeIssuer`: discovery, JWKS and a token endpoint that answers with an ID token the test signs with
 *   jose — for the tokens a real provider will not produce (another audience, expired, a tampered signature).
 */
import { generateKeyPairSync, randomBytes } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { type JWK, SignJWT } from 'jose';
import Provider, { type Adapter, type AdapterPayload } from 'oidc-provider';

export interface OidcTestAccount {
  email: string;
  /** Absent: true. */
  emailVerified?: boolean;
  name?: string;
  groups?: string[];
}

export interface OidcTestClient {
  clientId: string;
  /** Absent: a public client (token_endpoint_auth_method none, PKCE required). */
  clientSecret?: string;
  redirectUris: string[];
}

export interface OidcTestProvider {
  issuer: string;
  /** Accounts by subject (`sub`); change them while the provider runs. */
  accounts: Map<string, OidcTestAccount>;
  /** Adds or replaces a client (its redirect URIs may be learnt late, e.g. an extension's). */
  registerClient(client: OidcTestClient): void;
  /** When set, every interaction signs this subject in and consents at once (for a browser that cannot click). */
  autoLogin: string | null;
  /**
   * Drives a whole authorization request without a browser: fetches `authorizationUrl`, signs `sub` in, consents,
   * and returns the URL the provider finally redirects to (the client's redirect URI with `code`, or `error`).
   */
  login(authorizationUrl: string | URL, sub: string): Promise<URL>;
  close(): Promise<void>;
}

/** Adapter keeping everything in maps; clients come from the live registry (oidc-provider re-reads them per request). */
function memoryAdapterFactory(clients: Map<string, AdapterPayload>) {
  const stores = new Map<string, Map<string, { payload: AdapterPayload; expiresAt: number }>>();
  return class MemoryAdapter implements Adapter {
    private readonly store: Map<string, { payload: AdapterPayload; expiresAt: number }>;
    constructor(private readonly model: string) {
      const store = stores.get(model) ?? new Map();
      stores.set(model, store);
      this.store = store;
    }
    private live(id: string) {
      const entry = this.store.get(id);
      if (!entry) return undefined;
      if (entry.expiresAt <= Date.now()) {
        this.store.delete(id);
        return undefined;
      }
      return entry.payload;
    }
    async upsert(id: string, payload: AdapterPayload, expiresIn: number) {
      this.store.set(id, { payload, expiresAt: expiresIn ? Date.now() + expiresIn * 1000 : Number.POSITIVE_INFINITY });
    }
    async find(id: string) {
      if (this.model === 'Client') return clients.get(id);
      return this.live(id);
    }
    async findByUserCode(userCode: string) {
      for (const [id, e] of this.store) if (e.payload.userCode === userCode) return this.live(id);
      return undefined;
    }
    async findByUid(uid: string) {
      for (const [id, e] of this.store) if (e.payload.uid === uid) return this.live(id);
      return undefined;
    }
    async consume(id: string) {
      const entry = this.store.get(id);
      if (entry) entry.payload.consumed = Math.floor(Date.now() / 1000);
    }
    async destroy(id: string) {
      this.store.delete(id);
    }
    async revokeByGrantId(grantId: string) {
      for (const [id, e] of this.store) if (e.payload.grantId === grantId) this.store.delete(id);
    }
  };
}

function listenLoopback(handler: http.RequestListener): Promise<{ server: http.Server; origin: string }> {
  const server = http.createServer(handler);
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve({ server, origin: `http://127.0.0.1:${(server.address() as AddressInfo).port}` }));
  });
}

function closeServer(server: http.Server): Promise<void> {
  server.closeAllConnections();
  return new Promise((resolve) => server.close(() => resolve()));
}

async function rsaSigningKey(kid: string): Promise<{ privateJwk: JWK; publicJwk: JWK; privateKey: CryptoKey }> {
  const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const privateJwk = { ...(privateKey.export({ format: 'jwk' }) as JWK), kid, alg: 'RS256', use: 'sig' };
  const { d: _d, p: _p, q: _q, dp: _dp, dq: _dq, qi: _qi, ...publicJwk } = privateJwk;
  const cryptoKey = await crypto.subtle.importKey('jwk', privateJwk as JsonWebKey, { name: 'RSASSA-PKCS1-v1_5', hash: 'SHA-256' }, false, ['sign']);
  return { privateJwk, publicJwk, privateKey: cryptoKey };
}

const escapeHtml = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

export async function startOidcProvider(opts: { accounts?: Record<string, OidcTestAccount>; clients?: OidcTestClient[]; idTokenCarriesClaims?: boolean } = {}): Promise<OidcTestProvider> {
  const accounts = new Map(Object.entries(opts.accounts ?? {}));
  const clients = new Map<string, AdapterPayload>();
  let nextLogin: string | null = null;
  let handler: http.RequestListener = (_req, res) => res.writeHead(503).end();
  const { server, origin: issuer } = await listenLoopback((req, res) => handler(req, res));
  const { privateJwk } = await rsaSigningKey('test-provider-key');

  const provider = new Provider(issuer, {
    adapter: memoryAdapterFactory(clients),
    clients: [],
    jwks: { keys: [privateJwk] },
    cookies: { keys: [randomBytes(16).toString('hex')] },
    claims: { openid: ['sub'], email: ['email', 'email_verified'], profile: ['name'], groups: ['groups'] },
    // false: the ID token carries the claims of the scopes too (as many providers do); true (oidc-provider's
    // default): only sub and the protocol claims, the rest from the userinfo endpoint.
    conformIdTokenClaims: !opts.idTokenCarriesClaims,
    features: { devInteractions: { enabled: false } },
    interactions: { url: (_ctx: unknown, interaction: { uid: string }) => `/interaction/${interaction.uid}` },
    findAccount: (_ctx: unknown, sub: string) => {
      const account = accounts.get(sub);
      if (!account) return undefined;
      return {
        accountId: sub,
        claims: () => ({ sub, email: account.email, email_verified: account.emailVerified ?? true, name: account.name ?? account.email, groups: account.groups ?? [] }),
      };
    },
    ttl: { Interaction: 600, Session: 3600, Grant: 3600, AuthorizationCode: 60, AccessToken: 600, IdToken: 600 },
  });
  provider.on('server_error', (_ctx, err) => console.error('test OIDC provider:', (err as Error)?.message ?? err));

  const finish = async (req: http.IncomingMessage, res: http.ServerResponse, sub: string) => {
    const details = await provider.interactionDetails(req, res);
    if (details.prompt.name === 'login') {
      await provider.interactionFinished(req, res, { login: { accountId: sub } }, { mergeWithLastSubmission: false });
      return;
    }
    // Consent: everything asked for.
    const grant = new provider.Grant({ accountId: details.session?.accountId ?? sub, clientId: String(details.params.client_id) });
    grant.addOIDCScope(String(details.params.scope ?? 'openid'));
    await provider.interactionFinished(req, res, { consent: { grantId: await grant.save() } }, { mergeWithLastSubmission: true });
  };

  const providerCallback = provider.callback();
  handler = async (req, res) => {
    const m = /^\/interaction\/([\w-]+)(\/login)?(?:\?.*)?$/.exec(req.url ?? '');
    if (!m) return providerCallback(req, res);
    try {
      if (m[2] && req.method === 'POST') {
        let body = '';
        for await (const chunk of req) body += chunk;
        const sub = new URLSearchParams(body).get('login') ?? '';
        if (!accounts.has(sub)) return void res.writeHead(400, { 'content-type': 'text/plain' }).end('unknown account');
        return await finish(req, res, sub);
      }
      const details = await provider.interactionDetails(req, res);
      const sub = nextLogin ?? api.autoLogin ?? (details.prompt.name === 'consent' ? (details.session?.accountId ?? null) : null);
      if (sub) return await finish(req, res, sub);
      const buttons = [...accounts.entries()].map(([s, a]) => `<button name="login" value="${escapeHtml(s)}">${escapeHtml(a.email)}</button>`).join('\n');
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
      res.end(`<!doctype html><title>Test provider sign-in</title><h1>Sign in</h1><form method="post" action="/interaction/${escapeHtml(m[1]!)}/login">${buttons}</form>`);
    } catch (err) {
      res.writeHead(500, { 'content-type': 'text/plain' }).end(`interaction failed: ${(err as Error).message}`);
    }
  };

  const api: OidcTestProvider = {
    issuer,
    accounts,
    autoLogin: null,
    registerClient(client) {
      clients.set(client.clientId, {
        client_id: client.clientId,
        ...(client.clientSecret ? { client_secret: client.clientSecret, token_endpoint_auth_method: 'client_secret_basic' } : { token_endpoint_auth_method: 'none' }),
        redirect_uris: client.redirectUris,
        response_types: ['code'],
        grant_types: ['authorization_code'],
      });
    },
    async login(authorizationUrl, sub) {
      const jar = new Map<string, string>();
      let url = new URL(authorizationUrl);
      nextLogin = sub;
      try {
        for (let hops = 0; hops < 20; hops++) {
          if (url.origin !== issuer) return url;
          const res = await fetch(url, { redirect: 'manual', headers: { cookie: [...jar].map(([k, v]) => `${k}=${v}`).join('; ') } });
          for (const c of res.headers.getSetCookie()) {
            const [pair] = c.split(';', 1);
            const eq = pair!.indexOf('=');
            const name = pair!.slice(0, eq).trim();
            const value = pair!.slice(eq + 1).trim();
            if (/expires=Thu, 01 Jan 1970/i.test(c) || value === '') jar.delete(name);
            else jar.set(name, value);
          }
          const location = res.headers.get('location');
          if (!location || res.status < 300 || res.status >= 400) {
            throw new Error(`test OIDC provider: expected a redirect from ${url.pathname}, got ${res.status}: ${(await res.text()).slice(0, 300)}`);
          }
          await res.body?.cancel();
          url = new URL(location, url);
        }
        throw new Error('test OIDC provider: too many redirects');
      } finally {
        nextLogin = null;
      }
    },
    close: () => closeServer(server),
  };
  for (const client of opts.clients ?? []) api.registerClient(client);
  return api;
}

/** What the fake issuer's token endpoint was sent (the last request). */
export interface FakeTokenRequest {
  code: string | null;
  codeVerifier: string | null;
  redirectUri: string | null;
  clientId: string | null;
}

export interface FakeIssuer {
  issuer: string;
  clientId: string;
  /** Signs claims with the issuer's key (or, `foreignKey`, with a key the JWKS does not have, same kid). */
  sign(claims: Record<string, unknown>, opts?: { foreignKey?: boolean }): Promise<string>;
  /** Claims of a valid ID token for this client, overridden by `overrides` (an `undefined` value removes a claim). */
  claims(overrides?: Record<string, unknown>): Record<string, unknown>;
  /** The ID token the next token request gets (then cleared). */
  nextIdToken: string | null;
  lastTokenRequest: FakeTokenRequest | null;
  close(): Promise<void>;
}

/**
 * A minimal issuer: discovery, JWKS, authorization endpoint (never used: tests bring their own code) and a token
 * endpoint answering with `nextIdToken`. For ID tokens a real provider would not issue.
 */
export async function startFakeIssuer(opts: { clientId?: string } = {}): Promise<FakeIssuer> {
  const clientId = opts.clientId ?? 'earshot-fake-client';
  const kid = 'fake-issuer-key';
  const own = await rsaSigningKey(kid);
  const foreign = await rsaSigningKey(kid);
  let handler: http.RequestListener = (_req, res) => res.writeHead(503).end();
  const { server, origin: issuer } = await listenLoopback((req, res) => handler(req, res));
  const json = (res: http.ServerResponse, status: number, body: unknown) => res.writeHead(status, { 'content-type': 'application/json', 'cache-control': 'no-store' }).end(JSON.stringify(body));
  const api: FakeIssuer = {
    issuer,
    clientId,
    nextIdToken: null,
    lastTokenRequest: null,
    claims(overrides = {}) {
      const now = Math.floor(Date.now() / 1000);
      const claims: Record<string, unknown> = { iss: issuer, aud: clientId, sub: 'fake-subject', iat: now, exp: now + 300, email: 'fake.user@fake.example', email_verified: true, groups: [], ...overrides };
      for (const [k, v] of Object.entries(claims)) if (v === undefined) delete claims[k];
      return claims;
    },
    sign(claims, signOpts = {}) {
      return new SignJWT(claims).setProtectedHeader({ alg: 'RS256', kid, typ: 'JWT' }).sign(signOpts.foreignKey ? foreign.privateKey : own.privateKey);
    },
    close: () => closeServer(server),
  };
  handler = async (req, res) => {
    const path = (req.url ?? '').split('?')[0];
    if (req.method === 'GET' && path === '/.well-known/openid-configuration') {
      return json(res, 200, {
        issuer,
        authorization_endpoint: `${issuer}/authorize`,
        token_endpoint: `${issuer}/token`,
        jwks_uri: `${issuer}/jwks`,
        response_types_supported: ['code'],
        subject_types_supported: ['public'],
        id_token_signing_alg_values_supported: ['RS256'],
        code_challenge_methods_supported: ['S256'],
        token_endpoint_auth_methods_supported: ['none', 'client_secret_basic'],
        scopes_supported: ['openid', 'email', 'profile', 'groups'],
      });
    }
    if (req.method === 'GET' && path === '/jwks') return json(res, 200, { keys: [own.publicJwk] });
    if (req.method === 'POST' && path === '/token') {
      let body = '';
      for await (const chunk of req) body += chunk;
      const form = new URLSearchParams(body);
      api.lastTokenRequest = { code: form.get('code'), codeVerifier: form.get('code_verifier'), redirectUri: form.get('redirect_uri'), clientId: form.get('client_id') };
      const idToken = api.nextIdToken;
      api.nextIdToken = null;
      if (!idToken) return json(res, 400, { error: 'invalid_grant', error_description: 'no ID token queued by the test' });
      return json(res, 200, { access_token: randomBytes(16).toString('hex'), token_type: 'Bearer', expires_in: 300, id_token: idToken });
    }
    json(res, 404, { error: 'not_found' });
  };
  return api;
}
