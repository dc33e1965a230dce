// @vitest-environment node
import { describe, expect, it } from 'vitest';
import {
  authorizationUrl,
  base64Url,
  launchFailure,
  newAttempt,
  type OidcAttempt,
  oidcFailureMessage,
  randomToken,
  readRedirect,
  s256,
} from './oidc.js';
import { serverRefusalMessage } from '../lib/sign-in-errors.js';

const REDIRECT = 'https://abcdefghijklmnop.chromiumapp.org/';
const CONFIG = {
  issuer: 'https://login.acme.example',
  clientId: 'earshot-extension',
  authorizationEndpoint: 'https://login.acme.example/oauth2/authorize?tenant=acme',
  scopes: ['openid', 'email', 'profile'],
};
const attempt: OidcAttempt = { verifier: 'v'.repeat(43), challenge: 'c'.repeat(43), state: 'state-1', nonce: 'nonce-1' };

describe('PKCE, state and nonce', () => {
  it('derives the S256 challenge of RFC 7636’s own example', async () => {
    // RFC 7636 Appendix B.
    expect(await s256('dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk')).toBe('E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM');
  });

  it('encodes base64url without padding', () => {
    expect(base64Url(new Uint8Array([0xfb, 0xff, 0xfe]))).toBe('-__-');
    expect(base64Url(new Uint8Array([1]))).toBe('AQ');
  });

  it('makes a fresh verifier, state and nonce each time, from the platform’s random source', async () => {
    const a = await newAttempt();
    const b = await newAttempt();
    expect(a.verifier).toMatch(/^[A-Za-z0-9_-]{43}$/); // 32 bytes: inside PKCE’s 43–128 characters
    expect(a.state).toMatch(/^[A-Za-z0-9_-]{22}$/);
    expect(a.nonce).toMatch(/^[A-Za-z0-9_-]{22}$/);
    expect(a.challenge).toBe(await s256(a.verifier));
    expect(new Set([a.verifier, b.verifier, a.state, b.state, a.nonce, b.nonce]).size).toBe(6);
    expect(new Set(Array.from({ length: 50 }, () => randomToken(16))).size).toBe(50);
  });

  it('asks the provider for a code with the challenge, state, nonce and the extension’s redirect address', () => {
    const url = new URL(authorizationUrl({ ...CONFIG, scopes: ['email'] }, attempt, REDIRECT));
    expect(url.origin + url.pathname).toBe('https://login.acme.example/oauth2/authorize');
    expect(Object.fromEntries(url.searchParams)).toEqual({
      tenant: 'acme', // the endpoint’s own query is kept
      response_type: 'code',
      client_id: 'earshot-extension',
      redirect_uri: REDIRECT,
      scope: 'openid email', // openid always, once
      state: 'state-1',
      nonce: 'nonce-1',
      code_challenge: attempt.challenge,
      code_challenge_method: 'S256',
    });
  });
});

describe('reading the provider’s answer', () => {
  it('takes the code when the state is this attempt’s', () => {
    expect(readRedirect(`${REDIRECT}?code=abc&state=state-1`, attempt, REDIRECT)).toEqual({ ok: true, code: 'abc' });
    expect(readRedirect(`${REDIRECT}#code=abc&state=state-1`, attempt, REDIRECT)).toEqual({ ok: true, code: 'abc' });
  });

  it('refuses an answer whose state is another attempt’s, even one carrying a code', () => {
    expect(readRedirect(`${REDIRECT}?code=abc&state=someone-else`, attempt, REDIRECT)).toEqual({ ok: false, reason: 'state' });
    expect(readRedirect(`${REDIRECT}?code=abc`, attempt, REDIRECT)).toEqual({ ok: false, reason: 'state' });
  });

  it('reports the provider’s error and its description', () => {
    expect(readRedirect(`${REDIRECT}?error=access_denied&error_description=Not+in+the+Earshot+group&state=state-1`, attempt, REDIRECT)).toEqual({
      ok: false,
      reason: 'provider',
      error: 'access_denied',
      description: 'Not in the Earshot group',
    });
    // A provider refusing before it read the state (an unknown client) sends none.
    expect(readRedirect(`${REDIRECT}?error=unauthorized_client`, attempt, REDIRECT)).toMatchObject({ reason: 'provider', error: 'unauthorized_client' });
  });

  it('takes nothing from an address that is not the redirect address, or has no code', () => {
    expect(readRedirect('https://evil.example/?code=abc&state=state-1', attempt, REDIRECT)).toEqual({ ok: false, reason: 'no-code' });
    expect(readRedirect(`${REDIRECT}?state=state-1`, attempt, REDIRECT)).toEqual({ ok: false, reason: 'no-code' });
    expect(readRedirect('not a url', attempt, REDIRECT)).toEqual({ ok: false, reason: 'no-code' });
  });
});

describe('what the user is told', () => {
  it('tells a closed window (Chrome’s and Firefox’s words) from a window that could not load', () => {
    expect(launchFailure(new Error('The user did not approve access.'))).toEqual({ reason: 'cancelled' });
    expect(launchFailure(new Error('User cancelled or denied access.'))).toEqual({ reason: 'cancelled' });
    expect(launchFailure(new Error('Authorization page could not be loaded.'))).toEqual({
      reason: 'unavailable',
      message: 'Authorization page could not be loaded.',
    });
  });

  it('has one plain sentence per failure', () => {
    const issuer = 'https://login.acme.example';
    expect(oidcFailureMessage({ reason: 'cancelled' }, issuer)).toMatch(/^Sign-in cancelled/);
    expect(oidcFailureMessage({ reason: 'provider', error: 'access_denied', description: 'Not in the Earshot group' }, issuer)).toBe(
      'Your company’s sign-in (https://login.acme.example) refused access: Not in the Earshot group',
    );
    expect(oidcFailureMessage({ reason: 'provider', error: 'invalid_scope' }, issuer)).toMatch(/answered with an error: invalid_scope\.$/);
    expect(oidcFailureMessage({ reason: 'state' }, issuer)).toMatch(/did not belong to this sign-in/);
    expect(oidcFailureMessage({ reason: 'no-code' }, issuer)).toMatch(/without an authorization code/);
    expect(oidcFailureMessage({ reason: 'unavailable', message: 'offline' }, issuer)).toMatch(/could not open .*\(offline\)/);
  });

  it('maps the server’s refusals by code and otherwise shows the server’s own message', () => {
    expect(serverRefusalMessage('PASSWORD_SIGN_IN_DISABLED', 'x')).toMatch(/does not take passwords/);
    expect(serverRefusalMessage('OIDC_NOT_CONFIGURED', 'x')).toMatch(/not set up/);
    expect(serverRefusalMessage('FORBIDDEN', 'Your company domain is not allowed on this server.')).toBe('Your company domain is not allowed on this server.');
    expect(serverRefusalMessage(undefined, 'Something else.')).toBe('Something else.');
  });
});
