/**
 * The worker's company sign-in handlers (`auth/methods`, `auth/signInOidc`), for the options page and the workspace
 * page alike. The flow's pieces are in oidc.ts; the session is stored by the same `establish` as a password
 * sign-in, so the rest of the worker cannot tell them apart. (The server's redirect flow, /auth/oidc/start with a
 * one-time ticket, is for other tools: Earshot's pages never use it.)
 */
import type { OidcFailureReason, Protocol, SessionUser } from '../lib/messages.js';
import { isLoopbackHost, normalizeServerUrl } from '../lib/server-url.js';
import { serverRefusalMessage } from '../lib/sign-in-errors.js';
import type { GraphqlGateway, OperationOutcome } from './graphql.js';
import { authorizationUrl, launchFailure, newAttempt, type OidcSignInConfig, oidcFailureMessage, readRedirect } from './oidc.js';
import type { SignInPayload } from './operation-types.js';

export interface OidcSignInDeps {
  gateway: GraphqlGateway;
  now: () => number;
  hasHostPermission: (origin: string) => Promise<boolean>;
  /** Stores the session exactly as a password sign-in does. */
  establish: (serverUrl: string, payload: SignInPayload) => Promise<void>;
  /** `identity.launchWebAuthFlow({ url, interactive: true })`: resolves with the URL the window was sent back to. */
  launchWebAuthFlow: (url: string) => Promise<string>;
  /** `identity.getRedirectURL()`: `https://<id>.chromiumapp.org/` in Chrome, `https://<hash>.extensions.allizom.org/` in Firefox. */
  redirectUrl: () => string | null;
}

type Res<K extends keyof Protocol> = Protocol[K]['res'];

export function oidcSignIn(deps: OidcSignInDeps) {
  /** The server URL, normalised, and whether the worker may reach it. */
  async function reachable(serverUrl: string): Promise<{ ok: true; url: string } | { ok: false; error: string; needsPermission?: true }> {
    const parsed = normalizeServerUrl(serverUrl);
    if (!parsed.ok) return { ok: false, error: parsed.error };
    if (!isLoopbackHost(new URL(parsed.origin).hostname) && !(await deps.hasHostPermission(parsed.origin))) {
      return { ok: false, needsPermission: true, error: `Earshot has no access to ${parsed.origin} yet. Click Sign in and allow access when the browser asks.` };
    }
    return { ok: true, url: parsed.url };
  }

  async function methods(url: string): Promise<{ ok: true; password: boolean; oidc: OidcSignInConfig | null } | { ok: false; error: string }> {
    const outcome = await deps.gateway.run(url, null, 'SignInMethods', {});
    if (!outcome.ok) return { ok: false, error: signInFailureMessage(outcome, url) };
    return { ok: true, ...outcome.data.signInMethods };
  }

  async function finish(url: string, outcome: OperationOutcome<SignInPayload>): Promise<{ ok: true; user: SessionUser } | { ok: false; error: string }> {
    if (!outcome.ok) return { ok: false, error: signInFailureMessage(outcome, url) };
    await deps.establish(url, outcome.data);
    return { ok: true, user: outcome.data.user };
  }

  const handlers = {
    'auth/methods': async ({ serverUrl }: { serverUrl: string }): Promise<Res<'auth/methods'>> => {
      const target = await reachable(serverUrl);
      if (!target.ok) return target;
      const found = await methods(target.url);
      if (!found.ok) return found;
      return {
        ok: true,
        serverUrl: target.url,
        password: found.password,
        oidc: found.oidc ? { issuer: found.oidc.issuer } : null,
        redirectUrl: deps.redirectUrl(),
      };
    },

    'auth/signInOidc': async ({ serverUrl }: { serverUrl: string }): Promise<Res<'auth/signInOidc'>> => {
      const target = await reachable(serverUrl);
      if (!target.ok) return { ok: false, error: target.error, reason: 'other' };
      // Asked again here, never taken from the page: the provider the worker sends the user to is the server's.
      const found = await methods(target.url);
      if (!found.ok) return { ok: false, error: found.error, reason: 'other' };
      if (!found.oidc) return { ok: false, error: serverRefusalMessage('OIDC_NOT_CONFIGURED', ''), reason: 'refused' };
      const redirectUri = deps.redirectUrl();
      if (!redirectUri) {
        return { ok: false, error: 'This browser cannot open a sign-in window for extensions (no identity API).', reason: 'unavailable' };
      }
      const attempt = await newAttempt();
      let redirectedTo: string;
      try {
        redirectedTo = await deps.launchWebAuthFlow(authorizationUrl(found.oidc, attempt, redirectUri));
      } catch (error) {
        const failure = launchFailure(error);
        return { ok: false, error: oidcFailureMessage(failure, found.oidc.issuer), reason: failure.reason };
      }
      const back = readRedirect(redirectedTo, attempt, redirectUri);
      if (!back.ok) return { ok: false, error: oidcFailureMessage(back, found.oidc.issuer), reason: back.reason };
      const outcome = await deps.gateway.run(target.url, null, 'SignInWithOidc', {
        input: { code: back.code, codeVerifier: attempt.verifier, redirectUri, nonce: attempt.nonce },
      });
      const done = await finish(target.url, outcome.ok ? { ok: true, data: outcome.data.signInWithOidc } : outcome);
      return done.ok ? done : { ...done, reason: refusalReason(outcome) };
    },
  };
  return handlers;
}

function refusalReason(outcome: OperationOutcome<unknown>): OidcFailureReason {
  return !outcome.ok && (outcome.kind === 'rejected' || outcome.kind === 'unauthenticated' || outcome.code) ? 'refused' : 'other';
}

/**
 * Why signing in (any way) failed, in the user's words: the server could not be asked, or it refused (its message,
 * by code: lib/sign-in-errors.ts). Password sign-in words its own credential refusals (service.ts).
 */
export function signInFailureMessage(outcome: Extract<OperationOutcome<unknown>, { ok: false }>, serverUrl: string): string {
  switch (outcome.kind) {
    case 'unreachable':
      return `Cannot reach the Earshot server at ${serverUrl}. Check the address and that the server is running.`;
    case 'server':
      return `The Earshot server at ${serverUrl} failed to answer (${outcome.message}). Try again in a moment.`;
    case 'rejected':
      if (!outcome.code) return `No Earshot server answers at ${serverUrl} (${outcome.message}). Check the address.`;
      return serverRefusalMessage(outcome.code, outcome.message);
    case 'unauthenticated':
      return serverRefusalMessage(outcome.code, outcome.message);
    default:
      return outcome.code ? serverRefusalMessage(outcome.code, outcome.message) : `The Earshot server at ${serverUrl} could not sign you in: ${outcome.message}`;
  }
}
