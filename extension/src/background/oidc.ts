/**
 * Company sign-in (OpenID Connect) in the service worker: authorization code + PKCE through the browser's own
 * auth window (`identity.launchWebAuthFlow`, Chrome and Firefox). The worker makes the verifier, `state` and
 * `nonce`, checks `state` on the way back and hands the code to the Earshot server (`signInWithOidc`), which
 * redeems it at the provider, checks the ID token (nonce included) and answers with an Earshot session. No
 * provider token and no Earshot token ever reaches a page or a content script: the page only learns who signed in.
 *
 * RFC 7636 (PKCE, S256), RFC 6749 §4.1.2.1 (error responses), OpenID Connect Core §3.1.2.1 (nonce).
 */

/** What the Earshot server says about signing in (`signInMethods`); `oidc` null when not set up. */
export interface OidcSignInConfig {
  issuer: string;
  clientId: string;
  authorizationEndpoint: string;
  scopes: string[];
}

/** One sign-in attempt's secrets, kept only in the worker's memory for the life of the auth window. */
export interface OidcAttempt {
  verifier: string;
  challenge: string;
  state: string;
  nonce: string;
}

/** Why a company sign-in did not end with a code (each has its own message on the options page). */
export type OidcFailure =
  | { reason: 'cancelled' }
  | { reason: 'provider'; error: string; description?: string }
  | { reason: 'state' }
  | { reason: 'no-code' }
  | { reason: 'unavailable'; message: string };

/** base64url without padding, as PKCE and most providers expect. */
export function base64Url(bytes: Uint8Array): string {
  let binary = '';
  for (const b of bytes) binary += String.fromCharCode(b);
  return btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

/** `bytes` random bytes from the platform's CSPRNG, base64url (32 bytes → 43 characters, inside PKCE's 43–128). */
export function randomToken(bytes = 32): string {
  const buffer = new Uint8Array(bytes);
  crypto.getRandomValues(buffer);
  return base64Url(buffer);
}

/** S256: base64url(SHA-256(ASCII(verifier))) (RFC 7636 §4.2). */
export async function s256(verifier: string): Promise<string> {
  const digest = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(verifier));
  return base64Url(new Uint8Array(digest));
}

export async function newAttempt(): Promise<OidcAttempt> {
  const verifier = randomToken(32);
  return { verifier, challenge: await s256(verifier), state: randomToken(16), nonce: randomToken(16) };
}

/** The provider's authorization URL for this attempt. `openid` is always asked for: without it there is no ID token. */
export function authorizationUrl(config: OidcSignInConfig, attempt: OidcAttempt, redirectUri: string): string {
  const url = new URL(config.authorizationEndpoint);
  const scopes = [...new Set(['openid', ...config.scopes])];
  url.searchParams.set('response_type', 'code');
  url.searchParams.set('client_id', config.clientId);
  url.searchParams.set('redirect_uri', redirectUri);
  url.searchParams.set('scope', scopes.join(' '));
  url.searchParams.set('state', attempt.state);
  url.searchParams.set('nonce', attempt.nonce);
  url.searchParams.set('code_challenge', attempt.challenge);
  url.searchParams.set('code_challenge_method', 'S256');
  return url.toString();
}

/**
 * Reads where the provider sent the auth window back to. A `state` that is not this attempt's is refused before
 * anything else is read: the answer may be someone else's (RFC 6749 §10.12).
 */
export function readRedirect(redirectedTo: string, attempt: OidcAttempt, redirectUri: string): { ok: true; code: string } | ({ ok: false } & OidcFailure) {
  let url: URL;
  try {
    url = new URL(redirectedTo);
  } catch {
    return { ok: false, reason: 'no-code' };
  }
  if (!sameEndpoint(url, redirectUri)) return { ok: false, reason: 'no-code' };
  // Query by default; a provider set to answer in the fragment is read the same way.
  const params = url.searchParams.has('state') || url.searchParams.has('error') ? url.searchParams : new URLSearchParams(url.hash.slice(1));
  if (params.get('state') !== attempt.state) {
    // A provider refusing before it knew the state (a bad client id) sends an error without one.
    const error = params.get('error');
    if (error && !params.has('state')) return { ok: false, reason: 'provider', error, ...describe(params) };
    return { ok: false, reason: 'state' };
  }
  const error = params.get('error');
  if (error) return { ok: false, reason: 'provider', error, ...describe(params) };
  const code = params.get('code');
  return code ? { ok: true, code } : { ok: false, reason: 'no-code' };
}

function describe(params: URLSearchParams): { description?: string } {
  const description = params.get('error_description')?.slice(0, 300);
  return description ? { description } : {};
}

function sameEndpoint(url: URL, redirectUri: string): boolean {
  const expected = new URL(redirectUri);
  return url.origin === expected.origin && url.pathname.replace(/\/+$/, '') === expected.pathname.replace(/\/+$/, '');
}

/**
 * `launchWebAuthFlow` rejects with a bare message. Closing the window: Chrome "The user did not approve access.",
 * Firefox "User cancelled or denied access." (seen in Chromium 156 here; Firefox's from its identity API source).
 */
export function launchFailure(error: unknown): OidcFailure {
  const message = error instanceof Error ? error.message : String(error);
  if (/did not approve|cancel+ed|denied/i.test(message)) return { reason: 'cancelled' };
  return { reason: 'unavailable', message };
}

/** The sentence the options page shows for a failure before the Earshot server was asked. */
export function oidcFailureMessage(failure: OidcFailure, issuer: string): string {
  switch (failure.reason) {
    case 'cancelled':
      return 'Sign-in cancelled: the sign-in window was closed before it finished.';
    case 'provider':
      if (failure.error === 'access_denied') {
        return `Your company’s sign-in (${issuer}) refused access${failure.description ? `: ${failure.description}` : '.'}`;
      }
      return `Your company’s sign-in (${issuer}) answered with an error: ${failure.error}${failure.description ? ` — ${failure.description}` : ''}.`;
    case 'state':
      return 'The sign-in answer did not belong to this sign-in (its state did not match). Nothing was signed in; try again.';
    case 'no-code':
      return 'The sign-in window came back without an authorization code. Try again, or ask your administrator to check the sign-in set-up.';
    case 'unavailable':
      return `The sign-in window could not open your company’s sign-in page (${failure.message}). Check your connection and try again.`;
  }
}
