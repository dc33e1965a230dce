/**
 * The Earshot server URL a user types, made canonical: used by the options page (to ask for the host permission
 * of exactly that origin) and by the service worker (to sign in and to build the GraphQL endpoint).
 */

import { SITE_CATALOG, siteHostMatcher } from '../sites/catalog.js';

/** Served by the embedded default (`pnpm start`). */
export const DEFAULT_SERVER_URL = 'http://127.0.0.1:4000';

/** The GraphQL endpoint below the server URL (graphql-yoga's default path). */
export const GRAPHQL_PATH = '/graphql';

export type ServerUrlResult = { ok: true; url: string; origin: string } | { ok: false; error: string };

/**
 * `earshot.acme.com/` → `https://earshot.acme.com`; `http://localhost:4000/graphql` → `http://localhost:4000`.
 * A bare host gets `https://` (or `http://` for localhost / 127.0.0.1). Only http(s), no credentials, no query.
 * A path other than the GraphQL endpoint is kept (a server behind a reverse proxy under `/earshot`).
 */
export function normalizeServerUrl(input: string): ServerUrlResult {
  const raw = input.trim();
  if (!raw) return { ok: false, error: 'Enter the address of your Earshot server.' };
  const hasScheme = /^[a-z][a-z0-9+.-]*:/i.test(raw) && !/^[^/:]+:\d+(\/|$)/.test(raw);
  const withScheme = hasScheme ? raw : `${isLoopbackHost(raw.split(/[/:]/)[0] ?? '') ? 'http' : 'https'}://${raw}`;
  let url: URL;
  try {
    url = new URL(withScheme);
  } catch {
    return { ok: false, error: `"${raw}" is not a valid address.` };
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    return { ok: false, error: `The server address must start with http:// or https:// (got ${url.protocol}).` };
  }
  if (!url.hostname) return { ok: false, error: `"${raw}" has no host name.` };
  if (url.username || url.password) return { ok: false, error: 'Leave user name and password out of the server address.' };
  let path = url.pathname.replace(/\/+$/, '');
  if (path.endsWith(GRAPHQL_PATH)) path = path.slice(0, -GRAPHQL_PATH.length);
  return { ok: true, url: url.origin + path, origin: url.origin };
}

export function graphqlEndpoint(serverUrl: string): string {
  return serverUrl.replace(/\/+$/, '') + GRAPHQL_PATH;
}

/** Loopback servers are covered by the manifest's host_permissions; every other origin is asked for at sign-in. */
export function isLoopbackHost(hostname: string): boolean {
  const h = hostname.toLowerCase();
  return h === 'localhost' || h === '127.0.0.1' || h === '[::1]';
}

/** The match pattern that grants the service worker access to `origin` (`https://crm.acme.com/*`). */
export function originPattern(origin: string): string {
  return `${origin}/*`;
}

/**
 * A site the user wants Earshot on (`crm.acme.com`, `https://crm.acme.com/some/page`) → its origin, or an error.
 * Only https, except loopback for local testing; no wildcards (one origin is one permission prompt).
 */
export function normalizeSiteOrigin(input: string): { ok: true; origin: string } | { ok: false; error: string } {
  const raw = input.trim();
  if (!raw) return { ok: false, error: 'Enter a site address, such as crm.example.com.' };
  if (raw.includes('*')) return { ok: false, error: 'Wildcards are not allowed: add each site on its own.' };
  // No scheme: https, except a site on this computer (`localhost:3000`), which is plain http.
  const withScheme = /^[a-z][a-z0-9+.-]*:\/\//i.test(raw) ? raw : `${isLoopbackHost(raw.split(/[/:?#]/)[0] ?? '') ? 'http' : 'https'}://${raw}`;
  let url: URL;
  try {
    url = new URL(withScheme);
  } catch {
    return { ok: false, error: `"${raw}" is not a valid site address.` };
  }
  if (url.protocol !== 'https:' && !(url.protocol === 'http:' && isLoopbackHost(url.hostname))) {
    return { ok: false, error: 'Only https:// sites can be added.' };
  }
  if (!url.hostname.includes('.') && !isLoopbackHost(url.hostname)) return { ok: false, error: `"${raw}" is not a full host name.` };
  // A built-in site's own reader already runs there; the generic one beside it would read the page twice.
  const builtIn = SITE_CATALOG.find((site) => siteHostMatcher(site.key)(url.hostname));
  if (builtIn) return { ok: false, error: `${url.hostname} is built in (${builtIn.label}): Earshot already reads it. Turn it on or off under Built-in sites.` };
  return { ok: true, origin: url.origin };
}
