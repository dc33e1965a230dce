import { GraphQLError } from 'graphql';
import { OidcError } from '../../auth/oidc.js';
import { redeemSignInTicket, type SignInResult, startSession, userForIdentity } from '../../auth/oidc-sign-in.js';
import { verifyPassword } from '../../auth/passwords.js';
import { callbackUrl, isAllowedRedirectUri } from '../../http/oidc-routes.js';
import { audit } from '../../services/audit.js';
import { emailAddress } from '../../services/validation.js';
import { builder } from '../builder.js';
import type { Context } from '../context.js';
import { badInput, unauthenticated } from '../errors.js';
import { encodeGlobalID } from '@pothos/plugin-relay';
import { RoleEnum } from './enums.js';

/** Who just signed in. Not the User node: the request itself carries no token yet, so it is resolved here. */
const SignedInUser = builder.objectRef<SignInResult['user']>('SignedInUser').implement({
  fields: (t) => ({
    id: t.id({ resolve: (u) => encodeGlobalID('User', u.id) }),
    name: t.exposeString('name'),
    email: t.exposeString('email'),
    role: t.expose('role', { type: RoleEnum }),
  }),
});

/** What every way of signing in answers: signIn, signInWithOidc, redeemSignInTicket. */
const SignInPayload = builder.objectRef<SignInResult>('SignInPayload').implement({
  fields: (t) => ({
    token: t.exposeString('token'),
    expiresAt: t.expose('expiresAt', { type: 'DateTime', nullable: true }),
    user: t.field({ type: SignedInUser, resolve: (r) => r.user }),
  }),
});

// Stand-in hash: a wrong e-mail costs the same scrypt work as a wrong password, so timing reveals nothing.
const DUMMY_HASH = 'scrypt$16384$8$1$AAAAAAAAAAAAAAAAAAAAAA$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA';

const SignInInput = builder.inputType('SignInInput', {
  fields: (t) => ({
    email: t.string({ required: true }),
    password: t.string({ required: true }),
  }),
});

builder.mutationField('signIn', (t) =>
  t.field({
    type: SignInPayload,
    args: { input: t.arg({ type: SignInInput, required: true }) },
    description: 'Exchanges an e-mail and password for a session token (send it as Authorization: Bearer <token>).',
    resolve: async (_root, { input }, ctx): Promise<SignInResult> => {
      if (ctx.config.passwordSignIn === false) {
        throw new GraphQLError('Signing in with a password is turned off on this server: use single sign-on (signInWithOidc)', { extensions: { code: 'PASSWORD_SIGN_IN_DISABLED' } });
      }
      const email = input.email.trim().toLowerCase();
      if (!email || email.length > 254 || !emailAddress(email)) throw badInput('input.email: enter your e-mail address', 'input.email');
      if (!input.password || input.password.length > 1024) throw badInput('input.password: enter your password', 'input.password');
      // Rate limits (security/rate-limits.ts): throws RATE_LIMITED (429) while the account or address is locked out.
      const attempt = await ctx.security?.signIn(email);
      const user = await ctx.prisma.user.findUnique({ where: { email } });
      const ok = await verifyPassword(input.password, user?.passwordHash ?? DUMMY_HASH);
      if (!user || !ok || !user.active || !user.passwordHash) {
        await attempt?.failed(user?.id ?? null);
        throw unauthenticated('Wrong e-mail or password');
      }
      await attempt?.succeeded();
      return startSession(ctx.prisma, user, ctx.config.sessionTtlHours);
    },
  }),
);

// ---- single sign-on (OpenID Connect) ---------------------------------------------------------------------------

/** An OidcError as the client sees it (code and sentence); the operator's log gets the detail, never a token. */
function oidcFailure(ctx: Context, err: unknown, where: string): never {
  if (!(err instanceof OidcError)) throw err;
  (ctx.log ?? console.warn)(`sign-in (OIDC, ${where}) refused: ${err.code}: ${err.detail}`);
  throw new GraphQLError(err.message, { extensions: { code: err.code } });
}

/** A refusal counts against the address's sign-in limit; the provider being down is nobody's attempt. */
const countsAsFailure = (err: unknown) => err instanceof OidcError && err.code !== 'OIDC_PROVIDER_UNREACHABLE';

interface OidcSignInInfo {
  issuer: string;
  clientId: string;
  authorizationEndpoint: string;
  scopes: string[];
}

const OidcSignIn = builder.objectRef<OidcSignInInfo>('OidcSignIn').implement({
  description: 'What a client needs to start an authorization code flow with PKCE at the provider.',
  fields: (t) => ({
    issuer: t.exposeString('issuer'),
    clientId: t.exposeString('clientId'),
    authorizationEndpoint: t.exposeString('authorizationEndpoint'),
    scopes: t.exposeStringList('scopes'),
  }),
});

const SignInMethods = builder.objectRef<Record<string, never>>('SignInMethods').implement({
  description: 'How users sign in to this server.',
  fields: (t) => ({
    password: t.boolean({ description: 'signIn with an e-mail and password is on.', resolve: (_r, _a, ctx) => ctx.config.passwordSignIn !== false }),
    oidc: t.field({
      type: OidcSignIn,
      nullable: true,
      description: 'Single sign-on through an OpenID Connect provider; null when not configured.',
      resolve: async (_r, _a, ctx) => {
        if (!ctx.oidc) return null;
        try {
          const { issuer, clientId, scopes } = ctx.oidc.config;
          return { issuer, clientId, scopes, authorizationEndpoint: await ctx.oidc.authorizationEndpoint() };
        } catch (err) {
          oidcFailure(ctx, err, 'signInMethods');
        }
      },
    }),
  }),
});

builder.queryField('signInMethods', (t) =>
  t.field({ type: SignInMethods, description: 'How to sign in here (readable without a session).', resolve: () => ({}) }),
);

const SignInWithOidcInput = builder.inputType('SignInWithOidcInput', {
  fields: (t) => ({
    code: t.string({ required: true, description: 'The authorization code from the provider’s redirect.' }),
    codeVerifier: t.string({ required: true, description: 'The PKCE verifier whose S256 challenge went with the authorization request.' }),
    redirectUri: t.string({ required: true, description: 'The redirect_uri of the authorization request (the browser’s identity redirect URL).' }),
    nonce: t.string({ required: true, description: 'The nonce of the authorization request: the ID token must carry it.' }),
  }),
});

const PKCE_VERIFIER = /^[A-Za-z0-9\-._~]{43,128}$/;

function requireOidc(ctx: Context) {
  if (!ctx.oidc) throw new GraphQLError('Single sign-on is not configured on this server', { extensions: { code: 'OIDC_NOT_CONFIGURED' } });
  return ctx.oidc;
}

builder.mutationField('signInWithOidc', (t) =>
  t.field({
    type: SignInPayload,
    args: { input: t.arg({ type: SignInWithOidcInput, required: true }) },
    description:
      'Single sign-on: exchanges an authorization code (with its PKCE verifier) at the provider, validates the ID token and answers a session token as signIn does.',
    resolve: async (_root, { input }, ctx): Promise<SignInResult> => {
      const oidc = requireOidc(ctx);
      if (!input.code || input.code.length > 4096) throw badInput('input.code: the authorization code from the provider', 'input.code');
      if (!PKCE_VERIFIER.test(input.codeVerifier)) throw badInput('input.codeVerifier: 43 to 128 characters of A-Z a-z 0-9 - . _ ~ (RFC 7636)', 'input.codeVerifier');
      if (!input.nonce || input.nonce.length > 512) throw badInput('input.nonce: the nonce sent with the authorization request', 'input.nonce');
      const own = callbackUrl({ publicUrl: ctx.config.publicUrl ?? null }, ctx.requestOrigin ?? null);
      if (input.redirectUri.length > 2000 || !isAllowedRedirectUri(input.redirectUri, own)) {
        throw new GraphQLError('input.redirectUri must be the browser’s identity redirect (https://<id>.chromiumapp.org/…, https://<id>.extensions.allizom.org/…) or this server’s callback', {
          extensions: { code: 'OIDC_REDIRECT_URI', field: 'input.redirectUri' },
        });
      }
      const attempt = await ctx.security?.signIn(null);
      try {
        const identity = await oidc.exchange({ code: input.code, codeVerifier: input.codeVerifier, redirectUri: input.redirectUri, nonce: input.nonce });
        const user = await userForIdentity(ctx.prisma, oidc.config, identity);
        await attempt?.succeeded();
        return await startSession(ctx.prisma, user, ctx.config.sessionTtlHours, { method: 'oidc' });
      } catch (err) {
        if (countsAsFailure(err)) await attempt?.failed(null);
        oidcFailure(ctx, err, 'signInWithOidc');
      }
    },
  }),
);

builder.mutationField('redeemSignInTicket', (t) =>
  t.field({
    type: SignInPayload,
    args: { ticket: t.arg.string({ required: true, description: 'The #earshot_ticket= value the redirect flow handed the page.' }) },
    description: 'Trades the one-time ticket of the single sign-on redirect flow (GET /auth/oidc/start) for a session token; once, within 60 s.',
    resolve: async (_root, { ticket }, ctx): Promise<SignInResult> => {
      const attempt = await ctx.security?.signIn(null);
      try {
        const userId = await redeemSignInTicket(ctx.prisma, ticket.trim());
        const user = await ctx.prisma.user.findUnique({ where: { id: userId } });
        if (!user?.active) throw new OidcError('OIDC_USER_INACTIVE', 'This Earshot account is deactivated: ask an administrator', `ticket of inactive user ${userId}`);
        await attempt?.succeeded();
        return await startSession(ctx.prisma, user, ctx.config.sessionTtlHours, { method: 'oidc', via: 'ticket' });
      } catch (err) {
        if (countsAsFailure(err)) await attempt?.failed(null);
        oidcFailure(ctx, err, 'redeemSignInTicket');
      }
    },
  }),
);

builder.relayMutationField(
  'signOut',
  {
    inputFields: (t) => ({
      everywhere: t.boolean({ required: false, description: 'Also end every other session of this user.' }),
    }),
  },
  {
    authScopes: { signedIn: true },
    description: 'Revokes the token used for this request (and, with everywhere, all session tokens of the user).',
    resolve: async (_root, { input }, ctx) => {
      const viewer = ctx.viewer!;
      const now = new Date();
      const tokenIds = await ctx.prisma.$transaction(async (tx) => {
        // Everywhere: this token (even an API token) and every session of the user.
        const where = input.everywhere ? { OR: [{ id: viewer.tokenId }, { userId: viewer.userId, kind: 'SESSION' as const }], revokedAt: null } : { id: viewer.tokenId };
        const ids = (await tx.apiToken.findMany({ where, select: { id: true } })).map((t) => t.id);
        await tx.apiToken.updateMany({ where: { id: { in: ids } }, data: { revokedAt: now } });
        await audit(tx, viewer, 'session.signOut', 'User', viewer.userId, { everywhere: !!input.everywhere });
        return ids;
      });
      // Their open subscriptions end now, on every instance (security/revocation.ts).
      await ctx.services.authRevoked({ tokenIds });
      return { ok: true };
    },
  },
  { outputFields: (t) => ({ ok: t.exposeBoolean('ok') }) },
);
