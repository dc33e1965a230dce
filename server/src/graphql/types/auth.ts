import { verifyPassword } from '../../auth/passwords.js';
import { issueToken } from '../../auth/tokens.js';
import { audit } from '../../services/audit.js';
import { emailAddress } from '../../services/validation.js';
import { builder } from '../builder.js';
import { badInput, unauthenticated } from '../errors.js';
import { encodeGlobalID } from '@pothos/plugin-relay';
import { RoleEnum } from './enums.js';

interface SignInResult {
  token: string;
  expiresAt: Date | null;
  user: { id: string; name: string; email: string; role: 'ADMIN' | 'CREDIT' | 'SALES' | 'VIEWER' };
}

/** Who just signed in. Not the User node: the request itself carries no token yet, so it is resolved here. */
const SignedInUser = builder.objectRef<SignInResult['user']>('SignedInUser').implement({
  fields: (t) => ({
    id: t.id({ resolve: (u) => encodeGlobalID('User', u.id) }),
    name: t.exposeString('name'),
    email: t.exposeString('email'),
    role: t.expose('role', { type: RoleEnum }),
  }),
});

// Stand-in hash: a wrong e-mail costs the same scrypt work as a wrong password, so timing reveals nothing.
const DUMMY_HASH = 'scrypt$16384$8$1$AAAAAAAAAAAAAAAAAAAAAA$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA';

builder.relayMutationField(
  'signIn',
  {
    inputFields: (t) => ({
      email: t.string({ required: true }),
      password: t.string({ required: true }),
    }),
  },
  {
    description: 'Exchanges an e-mail and password for a session token (send it as Authorization: Bearer <token>).',
    resolve: async (_root, { input }, ctx): Promise<SignInResult> => {
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
      const { token, id, expiresAt } = await issueToken(ctx.prisma, { userId: user.id, kind: 'SESSION', ttlHours: ctx.config.sessionTtlHours });
      await audit(ctx.prisma, { userId: user.id, tokenId: id }, 'session.signIn', 'User', user.id);
      return { token, expiresAt, user: { id: user.id, name: user.name, email: user.email, role: user.role } };
    },
  },
  {
    outputFields: (t) => ({
      token: t.exposeString('token'),
      expiresAt: t.expose('expiresAt', { type: 'DateTime', nullable: true }),
      user: t.field({ type: SignedInUser, resolve: (r) => r.user }),
    }),
  },
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
