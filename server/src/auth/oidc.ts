/**
 * Single sign-on through an OpenID Connect provider: authorization code with PKCE (openid-client 6).
 *
 * The server exchanges the code at the provider's token endpoint (with the PKCE verifier, and the client secret
 * when one is configured) and validates the ID token: issuer, audience (and azp), expiry and issue time, the nonce
 * the client sent, and its signature against the provider's JWKS (openid-client's non-repudiation checks: without
 * them it would trust the TLS channel alone). Claims missing from the ID token (many providers put e-mail and
 * groups only in userinfo) are read from the userinfo endpoint with the access token, its `sub` checked.
 *
 * Failures are OidcError: a code and a sentence for the client, and a detail for the operator's log (never a
 * token). Discovery is done once and kept; a failed discovery is retried on the next use.
 */
import type { Role } from '@earshot/shared';
import * as client from 'openid-client';
import type { OidcConfig } from '../config.js';

export type OidcErrorCode =
  | 'OIDC_NOT_CONFIGURED'
  | 'OIDC_PROVIDER_UNREACHABLE'
  | 'OIDC_PROVIDER_ERROR'
  | 'OIDC_CODE_REJECTED'
  | 'OIDC_REDIRECT_URI'
  | 'OIDC_STATE'
  | 'OIDC_ISSUER'
  | 'OIDC_AUDIENCE'
  | 'OIDC_EXPIRED'
  | 'OIDC_SIGNATURE'
  | 'OIDC_NONCE'
  | 'OIDC_INVALID_TOKEN'
  | 'OIDC_NO_EMAIL'
  | 'OIDC_EMAIL_UNVERIFIED'
  | 'OIDC_DOMAIN_NOT_ALLOWED'
  | 'OIDC_NO_ROLE'
  | 'OIDC_USER_INACTIVE'
  | 'OIDC_TICKET';

export class OidcError extends Error {
  constructor(
    readonly code: OidcErrorCode,
    /** What the client is told. */
    message: string,
    /** What the operator's log says in addition (no tokens). */
    readonly detail: string = message,
  ) {
    super(message);
    this.name = 'OidcError';
  }
}

/** Who the provider says signed in. */
export interface OidcIdentity {
  subject: string;
  email: string;
  name: string;
  /** The values of the role claim (EARSHOT_OIDC_ROLE_CLAIM). */
  groups: string[];
}

export interface OidcExchange {
  code: string;
  codeVerifier: string;
  redirectUri: string;
  nonce: string;
  /** The redirect flow: the callback's own URL (its state and iss) and the state it must carry. */
  callback?: { url: URL; expectedState: string };
}

export interface OidcService {
  readonly config: OidcConfig;
  /** The provider's authorization endpoint (from discovery). */
  authorizationEndpoint(): Promise<string>;
  authorizationUrl(params: { redirectUri: string; state: string; nonce: string; codeChallenge: string }): Promise<URL>;
  /** Exchanges the code and validates the ID token; throws OidcError. */
  exchange(input: OidcExchange): Promise<OidcIdentity>;
}

/** The most privileged first. */
const ROLE_RANK: Record<Role, number> = { ADMIN: 0, CREDIT: 1, SALES: 2, VIEWER: 3 };

/** The claim at a dotted path, as a list of strings (a single string is one group). */
export function groupsOf(claims: Record<string, unknown>, path: string): string[] {
  let value: unknown = claims;
  for (const part of path.split('.')) value = value && typeof value === 'object' ? (value as Record<string, unknown>)[part] : undefined;
  if (typeof value === 'string') return [value];
  if (Array.isArray(value)) return value.filter((v): v is string => typeof v === 'string');
  return [];
}

/** The role the groups map to (the most privileged of several), else the default role, else null. */
export function roleFor(config: Pick<OidcConfig, 'roles' | 'defaultRole'>, groups: string[]): Role | null {
  let best: Role | null = null;
  for (const g of groups) {
    const role = config.roles.get(g);
    if (role && (best === null || ROLE_RANK[role] < ROLE_RANK[best])) best = role;
  }
  return best ?? config.defaultRole;
}

const LOOPBACK = new Set(['localhost', '127.0.0.1', '[::1]']);

/** openid-client's errors (and their causes) → our code. */
export function classify(err: unknown): OidcError {
  if (err instanceof OidcError) return err;
  const chain: { name?: string; message?: string; code?: string; cause?: unknown; error?: string; error_description?: string }[] = [];
  for (let e = err as { cause?: unknown } | undefined, i = 0; e && typeof e === 'object' && i < 6; e = e.cause as typeof e, i++) chain.push(e as never);
  const first = chain[0] ?? {};
  const say = chain.map((e) => e.message).filter(Boolean).join(' ← ');
  if (err instanceof client.AuthorizationResponseError) {
    const e = err as client.AuthorizationResponseError;
    return new OidcError('OIDC_PROVIDER_ERROR', `The provider refused the sign-in (${e.error})`, `authorization response error ${e.error}: ${e.error_description ?? ''}`);
  }
  if (err instanceof client.ResponseBodyError) {
    const e = err as client.ResponseBodyError;
    return new OidcError(
      'OIDC_CODE_REJECTED',
      'The provider refused the authorization code (used already, expired, or the verifier or redirect URI does not match): sign in again',
      `token endpoint answered ${e.status} ${e.error}: ${e.error_description ?? ''}`,
    );
  }
  const claimOf = (e: unknown) => ((e as { cause?: { claim?: string } })?.cause?.claim ?? undefined) as string | undefined;
  for (const e of chain) {
    const claim = claimOf(e);
    if (e.code === 'OAUTH_JWT_CLAIM_COMPARISON_FAILED' || (claim && e.code === undefined)) {
      if (claim === 'aud' || claim === 'azp') return new OidcError('OIDC_AUDIENCE', 'The ID token was issued for another client (audience)', say);
      if (claim === 'iss') return new OidcError('OIDC_ISSUER', 'The ID token comes from another issuer', say);
      if (claim === 'nonce') return new OidcError('OIDC_NONCE', 'The ID token does not answer this sign-in (nonce mismatch): sign in again', say);
    }
    const missing = /JWT "(\w+)" \(.*\) claim missing/.exec(e.message ?? '')?.[1];
    if (missing === 'nonce') return new OidcError('OIDC_NONCE', 'The ID token does not answer this sign-in (no nonce): sign in again', say);
    if (missing === 'aud') return new OidcError('OIDC_AUDIENCE', 'The ID token names no audience', say);
    if (e.code === 'OAUTH_JWT_TIMESTAMP_CHECK_FAILED') return new OidcError('OIDC_EXPIRED', 'The ID token has expired or is not valid yet (check the server’s clock)', say);
    if (e.code === 'OAUTH_KEY_SELECTION_FAILED' || /signature/i.test(e.message ?? '')) return new OidcError('OIDC_SIGNATURE', 'The ID token’s signature does not verify against the provider’s keys', say);
  }
  if (chain.some((e) => e.name === 'TimeoutError' || e.name === 'AbortError' || /fetch failed|ECONNREFUSED|ENOTFOUND|ETIMEDOUT|ECONNRESET/i.test(`${e.message} ${e.code}`))) {
    return new OidcError('OIDC_PROVIDER_UNREACHABLE', 'The sign-in provider cannot be reached: try again later', say);
  }
  if (chain.some((e) => typeof e.code === 'string' && e.code.startsWith('OAUTH_'))) return new OidcError('OIDC_INVALID_TOKEN', 'The provider’s answer did not validate', say);
  return new OidcError('OIDC_PROVIDER_ERROR', 'Signing in through the provider failed', `${first.name ?? 'Error'}: ${say}`);
}

export function createOidc(config: OidcConfig, options: { timeoutSeconds?: number } = {}): OidcService {
  const issuerUrl = new URL(config.issuer);
  const insecure = issuerUrl.protocol === 'http:' && LOOPBACK.has(issuerUrl.hostname);
  let discovered: Promise<client.Configuration> | null = null;

  const configuration = (): Promise<client.Configuration> => {
    discovered ??= (async () => {
      const found = await client.discovery(issuerUrl, config.clientId, undefined, client.None(), {
        ...(insecure ? { execute: [client.allowInsecureRequests] } : {}),
        timeout: options.timeoutSeconds ?? 10,
      });
      const server = found.serverMetadata();
      // A confidential client authenticates as the provider prefers: client_secret_basic (the default of the
      // specification), client_secret_post when it only lists that.
      const methods = server.token_endpoint_auth_methods_supported;
      const auth = !config.clientSecret
        ? client.None()
        : methods && !methods.includes('client_secret_basic') && methods.includes('client_secret_post')
          ? client.ClientSecretPost(config.clientSecret)
          : client.ClientSecretBasic(config.clientSecret);
      const c = new client.Configuration(server, config.clientId, config.clientSecret ?? undefined, auth);
      if (insecure) client.allowInsecureRequests(c);
      client.enableNonRepudiationChecks(c);
      c.timeout = options.timeoutSeconds ?? 10;
      return c;
    })();
    discovered.catch(() => {
      discovered = null;
    });
    return discovered.catch((err) => {
      throw new OidcError('OIDC_PROVIDER_UNREACHABLE', 'The sign-in provider cannot be reached: try again later', `discovery of ${config.issuer} failed: ${classify(err).detail}`);
    });
  };

  return {
    config,
    async authorizationEndpoint() {
      const endpoint = (await configuration()).serverMetadata().authorization_endpoint;
      if (!endpoint) throw new OidcError('OIDC_PROVIDER_ERROR', 'The provider has no authorization endpoint', `discovery of ${config.issuer} lists no authorization_endpoint`);
      return endpoint;
    },
    async authorizationUrl({ redirectUri, state, nonce, codeChallenge }) {
      return client.buildAuthorizationUrl(await configuration(), {
        redirect_uri: redirectUri,
        scope: config.scopes.join(' '),
        response_type: 'code',
        state,
        nonce,
        code_challenge: codeChallenge,
        code_challenge_method: 'S256',
      });
    },
    async exchange(input) {
      const c = await configuration();
      let url: URL;
      if (input.callback) url = input.callback.url;
      else {
        url = new URL(input.redirectUri);
        url.searchParams.set('code', input.code);
        // The client hands over only the code; the response's issuer is ours by construction (one provider).
        if (c.serverMetadata().authorization_response_iss_parameter_supported) url.searchParams.set('iss', c.serverMetadata().issuer);
      }
      let tokens: Awaited<ReturnType<typeof client.authorizationCodeGrant>>;
      try {
        tokens = await client.authorizationCodeGrant(
          c,
          url,
          { pkceCodeVerifier: input.codeVerifier, expectedNonce: input.nonce, idTokenExpected: true, ...(input.callback ? { expectedState: input.callback.expectedState } : {}) },
          { redirect_uri: input.redirectUri },
        );
      } catch (err) {
        throw classify(err);
      }
      const idClaims = tokens.claims();
      if (!idClaims) throw new OidcError('OIDC_INVALID_TOKEN', 'The provider sent no ID token', 'token response without id_token');
      // E-mail or groups only at userinfo (e.g. oidc-provider's default, Okta, Keycloak without mappers): asked there,
      // its `sub` checked against the ID token's. The ID token's values win where it has them.
      let info: Record<string, unknown> = {};
      if ((idClaims.email === undefined || groupsOf(idClaims, config.roleClaim).length === 0) && c.serverMetadata().userinfo_endpoint && tokens.access_token) {
        try {
          info = await client.fetchUserInfo(c, tokens.access_token, idClaims.sub);
        } catch (err) {
          const e = classify(err);
          throw new OidcError(e.code, e.message, `userinfo: ${e.detail}`);
        }
      }
      const fromIdToken = idClaims.email !== undefined;
      const claims: Record<string, unknown> = {
        email: fromIdToken ? idClaims.email : info.email,
        email_verified: fromIdToken ? idClaims.email_verified : info.email_verified,
        name: idClaims.name ?? info.name,
      };
      const groups = groupsOf(idClaims, config.roleClaim).length ? groupsOf(idClaims, config.roleClaim) : groupsOf(info, config.roleClaim);
      const email = typeof claims.email === 'string' ? claims.email.trim().toLowerCase() : '';
      if (!email || email.length > 254 || !/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(email)) {
        throw new OidcError('OIDC_NO_EMAIL', 'The provider did not say your e-mail address (ask for the email scope)', `no usable email claim for sub ${idClaims.sub}`);
      }
      if (claims.email_verified === false || claims.email_verified === 'false') {
        throw new OidcError('OIDC_EMAIL_UNVERIFIED', 'The provider says your e-mail address is not verified', `email_verified false for a user at ${email.slice(email.lastIndexOf('@') + 1)}`);
      }
      const name = typeof claims.name === 'string' && claims.name.trim() ? claims.name.trim().slice(0, 200) : email.split('@')[0]!;
      return { subject: idClaims.sub, email, name, groups };
    },
  };
}
