import * as client from 'openid-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type OidcTestProvider, startOidcProvider } from './oidc.js';

describe('test OIDC provider (test-support/oidc.ts)', () => {
  let provider: OidcTestProvider;
  const redirectUri = 'https://abcdefghijklmnopabcdefghijklmnop.chromiumapp.org/';
  beforeAll(async () => {
    provider = await startOidcProvider({ accounts: { alice: { email: 'alice@corp.example', groups: ['earshot-credit'] } }, clients: [{ clientId: 'ext', redirectUris: [redirectUri] }] });
  });
  afterAll(() => provider.close());

  it('completes a code flow with PKCE without a browser, claims through userinfo', async () => {
    const config = await client.discovery(new URL(provider.issuer), 'ext', undefined, client.None(), { execute: [client.allowInsecureRequests] });
    const verifier = client.randomPKCECodeVerifier();
    const nonce = client.randomNonce();
    const url = client.buildAuthorizationUrl(config, { redirect_uri: redirectUri, scope: 'openid email profile groups', code_challenge: await client.calculatePKCECodeChallenge(verifier), code_challenge_method: 'S256', nonce });
    const back = await provider.login(url, 'alice');
    expect(back.origin + back.pathname).toBe(redirectUri);
    const tokens = await client.authorizationCodeGrant(config, back, { pkceCodeVerifier: verifier, expectedNonce: nonce, idTokenExpected: true });
    const claims = tokens.claims()!;
    expect(claims.sub).toBe('alice');
    const info = await client.fetchUserInfo(config, tokens.access_token, claims.sub);
    expect(info.email).toBe('alice@corp.example');
    expect(info.groups).toEqual(['earshot-credit']);
  });
});
