/**
 * Single sign-on for pages that cannot use browser.identity (other tools on an EARSHOT_CORS_ORIGINS origin, pages
 * of an extension listed in EARSHOT_EXTENSION_IDS): the server runs the authorization code flow itself. Earshot's
 * own extension signs in through its service worker (browser.identity and signInWithOidc) instead.
 *
 *   GET /auth/oidc/start?return_to=<url>  → 302 to the provider; state, nonce and PKCE verifier kept in the
 *                                           database (OidcLogin: single use, 10 minutes)
 *   GET /auth/oidc/callback?code&state    → exchanges and validates (auth/oidc.ts), then 302 to return_to with
 *                                           `#earshot_ticket=<ticket>`; the page trades the ticket for a session
 *                                           with redeemSignInTicket (once, within 60 s). A session token never
 *                                           travels in a URL.
 *
 * return_to must be a page of an extension listed in EARSHOT_EXTENSION_IDS (chrome-extension://<id>/…,
 * moz-extension://<uuid>/…) or under an origin listed in EARSHOT_CORS_ORIGINS. A failure after return_to is known
 * goes back to it as `#earshot_error=<CODE>`; before, a short text page says what went wrong. Also the redirect URIs the extension may use with signInWithOidc.
 */
import { createHash } from 'node:crypto';
import type http from 'node:http';
import * as client from 'openid-client';
import { CHROME_EXTENSION_ID, type Config, FIREFOX_EXTENSION_UUID } from '../config.js';
import type { Prisma } from '../db/client.js';
import type { RateLimits } from '../security/rate-limits.js';
import { OidcError, type OidcService } from '../auth/oidc.js';
import { createSignInTicket, userForIdentity } from '../auth/oidc-sign-in.js';
import { BASE_SECURITY_HEADERS } from './security.js';

export const OIDC_CALLBACK_PATH = '/auth/oidc/callback';
export const OIDC_START_PATH = '/auth/oidc/start';
const LOGIN_TTL_SECONDS = 600;

const CHROME_REDIRECT = /^[a-p]{32}\.chromiumapp\.org$/;
// Firefox's identity.getRedirectURL(): the SHA-1 (hex) of the extension's id; a UUID form is accepted too.
const FIREFOX_REDIRECT = /^(?:[0-9a-f]{40}|[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})\.extensions\.allizom\.org$/;

/** The callback URL of this server: EARSHOT_PUBLIC_URL's, else the request's own origin's. */
export function callbackUrl(config: Pick<Config, 'publicUrl'>, requestOrigin: string | null): string | null {
  const base = config.publicUrl ?? requestOrigin;
  return base ? `${base}${OIDC_CALLBACK_PATH}` : null;
}

/** A redirect URI the extension may use: Chrome's or Firefox's identity redirect, or this server's callback. */
export function isAllowedRedirectUri(uri: string, ownCallback: string | null): boolean {
  let u: URL;
  try {
    u = new URL(uri);
  } catch {
    return false;
  }
  if (u.search || u.hash || u.username || u.password || u.port) return ownCallback !== null && uri === ownCallback;
  if (ownCallback !== null && u.href === new URL(ownCallback).href) return true;
  return u.protocol === 'https:' && (CHROME_REDIRECT.test(u.hostname) || FIREFOX_REDIRECT.test(u.hostname));
}

/**
 * return_to: a page of an extension listed in EARSHOT_EXTENSION_IDS (chrome-extension://<id>/…,
 * moz-extension://<uuid>/…), or a page of an origin in EARSHOT_CORS_ORIGINS. Not any extension: the ticket in the
 * fragment is a session for whoever reads it, and any installed extension could be named here.
 */
export function isAllowedReturnTo(config: Pick<Config, 'corsOrigins' | 'extensionIds'>, returnTo: string): boolean {
  let u: URL;
  try {
    u = new URL(returnTo);
  } catch {
    return false;
  }
  if (u.username || u.password) return false;
  if (u.protocol === 'chrome-extension:' || u.protocol === 'moz-extension:') {
    const id = u.host;
    const kind = u.protocol === 'chrome-extension:' ? CHROME_EXTENSION_ID : FIREFOX_EXTENSION_UUID;
    return kind.test(id) && config.extensionIds.includes(id);
  }
  if (u.protocol !== 'https:' && u.protocol !== 'http:') return false;
  return config.corsOrigins.includes(u.origin);
}

const sha256 = (s: string) => createHash('sha256').update(s).digest('hex');

function redirect(res: http.ServerResponse, location: string) {
  res.writeHead(302, { ...BASE_SECURITY_HEADERS, location, 'cache-control': 'no-store' }).end();
}

function textPage(res: http.ServerResponse, status: number, code: string, message: string) {
  res
    .writeHead(status, { ...BASE_SECURITY_HEADERS, 'content-type': 'text/plain; charset=utf-8', 'cache-control': 'no-store', 'content-security-policy': "default-src 'none'" })
    .end(`Earshot sign-in: ${message} (${code})\n`);
}

/** `url` with its fragment set to the given parameters. */
function withFragment(url: string, params: Record<string, string>): string {
  const u = new URL(url);
  u.hash = new URLSearchParams(params).toString();
  return u.href;
}

export interface OidcRoutesOptions {
  config: Config;
  prisma: Prisma;
  oidc: OidcService | null;
  limits: RateLimits;
  log?: (message: string) => void;
}

/** Handles /auth/oidc/start and /auth/oidc/callback; returns false for any other request. */
export function createOidcRoutes(opts: OidcRoutesOptions) {
  const { config, prisma, oidc, limits } = opts;
  const log = opts.log ?? ((m: string) => console.warn(m));
  const originOf = (req: http.IncomingMessage) => {
    const host = req.headers.host;
    if (!host || /[\s/\\@]/.test(host)) return null;
    return `${(req.socket as { encrypted?: boolean }).encrypted ? 'https' : 'http'}://${host}`;
  };

  const start = async (req: http.IncomingMessage, res: http.ServerResponse, url: URL) => {
    const returnTo = url.searchParams.get('return_to') ?? '';
    if (!returnTo || returnTo.length > 2000 || !isAllowedReturnTo(config, returnTo)) {
      return textPage(res, 400, 'OIDC_RETURN_TO', 'return_to must be a page of an extension in EARSHOT_EXTENSION_IDS or of an origin in EARSHOT_CORS_ORIGINS');
    }
    const redirectUri = callbackUrl(config, originOf(req));
    if (!oidc || !redirectUri) return redirect(res, withFragment(returnTo, { earshot_error: 'OIDC_NOT_CONFIGURED' }));
    const state = client.randomState();
    const nonce = client.randomNonce();
    const codeVerifier = client.randomPKCECodeVerifier();
    try {
      const target = await oidc.authorizationUrl({ redirectUri, state, nonce, codeChallenge: await client.calculatePKCECodeChallenge(codeVerifier) });
      const now = Date.now();
      await prisma.oidcLogin.create({ data: { stateHash: sha256(state), nonce, codeVerifier, redirectUri, returnTo, expiresAt: new Date(now + LOGIN_TTL_SECONDS * 1000) } });
      await prisma.oidcLogin.deleteMany({ where: { expiresAt: { lt: new Date(now) } } });
      redirect(res, target.href);
    } catch (err) {
      const e = err instanceof OidcError ? err : new OidcError('OIDC_PROVIDER_ERROR', 'Signing in could not start', (err as Error).message);
      log(`sign-in (OIDC redirect flow) could not start: ${e.code}: ${e.detail}`);
      redirect(res, withFragment(returnTo, { earshot_error: e.code }));
    }
  };

  const callback = async (res: http.ServerResponse, url: URL, address: string | null) => {
    const state = url.searchParams.get('state') ?? '';
    // Single use: the row is deleted by whoever finds it first.
    const login = state && state.length <= 200 ? await prisma.oidcLogin.findUnique({ where: { stateHash: sha256(state) } }) : null;
    const taken = login ? (await prisma.oidcLogin.deleteMany({ where: { id: login.id } })).count === 1 : false;
    if (!login || !taken || login.expiresAt <= new Date()) {
      log('sign-in (OIDC redirect flow) refused: OIDC_STATE: unknown, used or expired state');
      return textPage(res, 400, 'OIDC_STATE', 'this sign-in link is unknown, used or expired: start again from Earshot');
    }
    if (!oidc) return redirect(res, withFragment(login.returnTo, { earshot_error: 'OIDC_NOT_CONFIGURED' }));
    let attempt: Awaited<ReturnType<RateLimits['signIn']>> | null = null;
    try {
      attempt = await limits.signIn(null, address);
      const identity = await oidc.exchange({
        code: url.searchParams.get('code') ?? '',
        codeVerifier: login.codeVerifier,
        redirectUri: login.redirectUri,
        nonce: login.nonce,
        callback: { url: new URL(`${login.redirectUri}${url.search}`), expectedState: state },
      });
      const user = await userForIdentity(prisma, oidc.config, identity);
      await attempt.succeeded();
      const ticket = await createSignInTicket(prisma, user.id);
      redirect(res, withFragment(login.returnTo, { earshot_ticket: ticket }));
    } catch (err) {
      const code = err instanceof OidcError ? err.code : ((err as { extensions?: { code?: string } }).extensions?.code ?? 'OIDC_PROVIDER_ERROR');
      if (err instanceof OidcError && err.code !== 'OIDC_PROVIDER_UNREACHABLE') await attempt?.failed(null);
      log(`sign-in (OIDC redirect flow) refused: ${code}: ${err instanceof OidcError ? err.detail : (err as Error).message}`);
      redirect(res, withFragment(login.returnTo, { earshot_error: code }));
    }
  };

  return async (req: http.IncomingMessage, res: http.ServerResponse, address: string | null): Promise<boolean> => {
    const path = (req.url ?? '').split('?', 1)[0];
    if (path !== OIDC_START_PATH && path !== OIDC_CALLBACK_PATH) return false;
    if (req.method !== 'GET') {
      res.writeHead(405, { ...BASE_SECURITY_HEADERS, allow: 'GET' }).end();
      return true;
    }
    try {
      await limits.request(null, address);
    } catch (err) {
      const retry = (err as { extensions?: { retryAfterSeconds?: number } }).extensions?.retryAfterSeconds ?? 60;
      res.writeHead(429, { ...BASE_SECURITY_HEADERS, 'retry-after': String(retry), 'content-type': 'text/plain; charset=utf-8' }).end('Too many requests\n');
      return true;
    }
    const url = new URL(req.url ?? '/', 'http://earshot.invalid');
    if (path === OIDC_START_PATH) await start(req, res, url);
    else await callback(res, url, address);
    return true;
  };
}
