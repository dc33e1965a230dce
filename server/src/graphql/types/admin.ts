/**
 * Access an administrator controls: users and API tokens (ADMIN with, for API tokens, the `admin` scope).
 * Everyone signed in may list and revoke their own tokens, sessions included. The same service layer as the CLI
 * (services/users.ts, services/tokens.ts), audited in the mutation's transaction. A token's secret is returned
 * once, by createApiToken; only its hash is stored.
 */
import { encodeGlobalID } from '@pothos/plugin-relay';
import { builder } from '../builder.js';
import type { Context } from '../context.js';
import { hasScope } from '../../auth/tokens.js';
import { createApiToken, revokeApiToken, tokenWhere } from '../../services/tokens.js';
import { type Actor, createUser, deactivateUser, reactivateUser, resetUserPassword, updateUserRole, userWhere } from '../../services/users.js';
import { idOf } from '../ids.js';
import { badInput } from '../errors.js';
import { RoleEnum } from './enums.js';
import { UserRef } from './user.js';

export const adminOnly = { $all: { role: ['ADMIN'], scope: 'admin' } } as const;
const isAdmin = (ctx: Context) => ctx.viewer?.role === 'ADMIN' && hasScope(ctx.viewer, 'admin');
/**
 * Which tokens a non-admin viewer manages: a session (the person) manages all of their user's tokens and
 * sessions; an API token only itself, so a leaked narrow feed token cannot list or sign out its user's other
 * credentials. Admins (role and `admin` scope) manage every token.
 */
function ownTokens(ctx: Context): { userId: string; id?: string } {
  const v = ctx.viewer!;
  return v.tokenKind === 'SESSION' ? { userId: v.userId } : { userId: v.userId, id: v.tokenId };
}
const actorOf = (ctx: Context): Actor => (ctx.viewer ? { userId: ctx.viewer.userId, tokenId: ctx.viewer.tokenId } : null);

function requiredId(typename: string, globalId: string | number, field: string): string {
  const id = idOf(typename, globalId, field);
  if (!id) throw badInput(`${field} is required`, field);
  return id;
}

const ApiTokenKindEnum = builder.enumType('ApiTokenKind', {
  values: { SESSION: { description: 'From signIn; carries the user’s role.' }, API: { description: 'Created by an admin; limited to its scopes.' } } as const,
});

/**
 * Whose token it is: their directory entry, not a User. A token's fields need no more than a token (anyone may
 * list and revoke their own), and a User leads to accounts (accounts:read): revokeApiToken by an API token
 * without that scope revoked the token, then answered FORBIDDEN (data null) for `apiToken.owner.managedAccounts`.
 * An admin reaches the User by node(owner.id).
 */
const TokenOwnerRef = builder.objectRef<{ id: string; email: string; name: string; role: 'ADMIN' | 'CREDIT' | 'SALES' | 'VIEWER' }>('TokenOwner').implement({
  fields: (t) => ({
    id: t.id({ description: 'The User’s id.', resolve: (u) => encodeGlobalID('User', u.id) }),
    email: t.exposeString('email'),
    name: t.exposeString('name'),
    role: t.field({ type: RoleEnum, resolve: (u) => u.role }),
  }),
});

export const ApiTokenRef = builder.prismaNode('ApiToken', {
  id: { field: 'id' },
  description: 'A session or API token. The secret is never readable: only its first characters (prefix).',
  // Another user's token reads as a missing one, null (as revokeApiToken answers NOT_FOUND): ids cannot be probed.
  findUnique: (id, ctx) => {
    if (isAdmin(ctx)) return { id };
    const own = ctx.viewer ? ownTokens(ctx) : null;
    // `userId: ''` matches no row: not the viewer's to see.
    return own && (!own.id || own.id === id) ? { id, userId: own.userId } : { id, userId: '' };
  },
  nullable: true,
  authScopes: (token, ctx) =>
    ctx.viewer && token.userId === ctx.viewer.userId && (ctx.viewer.tokenKind === 'SESSION' || token.id === ctx.viewer.tokenId) ? { signedIn: true } : adminOnly,
  fields: (t) => ({
    kind: t.field({ type: ApiTokenKindEnum, resolve: (tok) => tok.kind }),
    name: t.exposeString('name', { nullable: true }),
    prefix: t.exposeString('prefix', { description: 'The first characters of the secret, to recognise it.' }),
    scopes: t.exposeStringList('scopes', { description: 'What an API token may do; empty for a session (its user’s role applies).' }),
    owner: t.field({
      type: TokenOwnerRef,
      select: { user: { select: { id: true, email: true, name: true, role: true } } },
      resolve: (tok) => tok.user,
    }),
    createdAt: t.expose('createdAt', { type: 'DateTime' }),
    lastUsedAt: t.expose('lastUsedAt', { type: 'DateTime', nullable: true, description: 'Updated at most once a minute.' }),
    expiresAt: t.expose('expiresAt', { type: 'DateTime', nullable: true, description: 'null: never expires (only when created so explicitly).' }),
    revokedAt: t.expose('revokedAt', { type: 'DateTime', nullable: true }),
    active: t.boolean({ description: 'Neither revoked nor expired.', resolve: (tok) => !tok.revokedAt && !(tok.expiresAt && tok.expiresAt <= new Date()) }),
  }),
});

builder.prismaObjectField('User', 'active', (t) => t.exposeBoolean('active', { description: 'Deactivated users cannot sign in; their tokens were revoked.' }));
builder.prismaObjectField('User', 'createdAt', (t) => t.expose('createdAt', { type: 'DateTime' }));

const UserFilter = builder.inputType('UserFilter', {
  fields: (t) => ({
    role: t.field({ type: RoleEnum, required: false }),
    active: t.boolean({ required: false, description: 'Unset: active and deactivated users.' }),
    search: t.string({ required: false, description: 'Matches e-mail or name (case-insensitive).' }),
  }),
});

builder.queryField('users', (t) =>
  t.prismaConnection({
    type: 'User',
    cursor: 'id',
    authScopes: adminOnly,
    maxSize: 100,
    defaultSize: 25,
    description: 'Every user (ADMIN), ordered by e-mail.',
    args: { filter: t.arg({ type: UserFilter, required: false }) },
    totalCount: (_p, args, ctx) => ctx.prisma.user.count({ where: userWhere(args.filter) }),
    resolve: (query, _root, args, ctx) => ctx.prisma.user.findMany({ ...query, where: userWhere(args.filter), orderBy: [{ email: 'asc' }, { id: 'asc' }] }),
  }),
);

const ApiTokenFilter = builder.inputType('ApiTokenFilter', {
  fields: (t) => ({
    userId: t.id({ required: false, description: 'ADMIN only; others always see their own.' }),
    kind: t.field({ type: ApiTokenKindEnum, required: false, description: 'Unset: both kinds.' }),
    includeInactive: t.boolean({ required: false, description: 'Also revoked and expired tokens.' }),
  }),
});

builder.queryField('apiTokens', (t) =>
  t.prismaConnection({
    type: ApiTokenRef,
    cursor: 'id',
    authScopes: { signedIn: true },
    maxSize: 100,
    defaultSize: 25,
    description: 'Tokens, newest first: an ADMIN sees everyone’s (or one user’s), others their own.',
    args: { filter: t.arg({ type: ApiTokenFilter, required: false }) },
    totalCount: (_p, args, ctx) => ctx.prisma.apiToken.count({ where: tokenFilterFor(ctx, args.filter) }),
    resolve: (query, _root, args, ctx) =>
      ctx.prisma.apiToken.findMany({ ...query, where: tokenFilterFor(ctx, args.filter), orderBy: [{ createdAt: 'desc' }, { id: 'desc' }] }),
  }),
);

function tokenFilterFor(ctx: Context, filter: { userId?: string | number | null; kind?: 'SESSION' | 'API' | null; includeInactive?: boolean | null } | null | undefined) {
  const requested = idOf('User', filter?.userId ?? null, 'filter.userId');
  if (isAdmin(ctx)) return tokenWhere({ userId: requested, kind: filter?.kind ?? null, includeInactive: filter?.includeInactive ?? false });
  const own = ownTokens(ctx);
  return { ...tokenWhere({ userId: own.userId, kind: filter?.kind ?? null, includeInactive: filter?.includeInactive ?? false }), ...(own.id ? { id: own.id } : {}) };
}

const userPayload = (name: string, extra: Record<string, 'Int'> = {}) =>
  builder.objectRef<{ userId: string } & Record<string, unknown>>(name).implement({
    fields: (t) => ({
      user: t.prismaField({ type: UserRef, resolve: (query, p, _a, ctx) => ctx.prisma.user.findUniqueOrThrow({ ...query, where: { id: p.userId } }) }),
      ...Object.fromEntries(Object.keys(extra).map((k) => [k, t.int({ resolve: (p) => p[k] as number })])),
    }),
  });

const CreateUserInput = builder.inputType('CreateUserInput', {
  fields: (t) => ({
    email: t.string({ required: true }),
    role: t.field({ type: RoleEnum, required: true }),
    name: t.string({ required: false, description: 'Default: the part of the e-mail before @.' }),
    businessUnit: t.string({ required: false }),
    password: t.string({ required: false, description: 'At least 10 characters; without one the user can only use API tokens.' }),
  }),
});
export const UserPayload = userPayload('UserPayload');
builder.mutationField('createUser', (t) =>
  t.field({
    type: UserPayload,
    authScopes: adminOnly,
    args: { input: t.arg({ type: CreateUserInput, required: true }) },
    resolve: async (_r, { input }, ctx) => ({ userId: (await createUser(ctx.prisma, actorOf(ctx), input)).id }),
  }),
);

const UpdateUserRoleInput = builder.inputType('UpdateUserRoleInput', {
  fields: (t) => ({ userId: t.id({ required: true }), role: t.field({ type: RoleEnum, required: true }) }),
});
builder.mutationField('updateUserRole', (t) =>
  t.field({
    type: UserPayload,
    authScopes: adminOnly,
    args: { input: t.arg({ type: UpdateUserRoleInput, required: true }) },
    resolve: async (_r, { input }, ctx) => ({
      userId: (await updateUserRole(ctx.prisma, actorOf(ctx), requiredId('User', input.userId, 'input.userId'), input.role)).id,
    }),
  }),
);

const UserIdInput = builder.inputType('UserIdInput', { fields: (t) => ({ userId: t.id({ required: true }) }) });
const DeactivateUserPayload = userPayload('DeactivateUserPayload', { revokedTokenCount: 'Int' });
builder.mutationField('deactivateUser', (t) =>
  t.field({
    type: DeactivateUserPayload,
    authScopes: adminOnly,
    description: 'The user can no longer sign in; every session and API token of theirs stops working now.',
    args: { input: t.arg({ type: UserIdInput, required: true }) },
    resolve: async (_r, { input }, ctx) => {
      const r = await deactivateUser(ctx.prisma, actorOf(ctx), requiredId('User', input.userId, 'input.userId'), ctx.services);
      return { userId: r.user.id, revokedTokenCount: r.revokedTokenCount };
    },
  }),
);
builder.mutationField('reactivateUser', (t) =>
  t.field({
    type: UserPayload,
    authScopes: adminOnly,
    description: 'Lets a deactivated user sign in again (their old tokens stay revoked).',
    args: { input: t.arg({ type: UserIdInput, required: true }) },
    resolve: async (_r, { input }, ctx) => ({ userId: (await reactivateUser(ctx.prisma, actorOf(ctx), requiredId('User', input.userId, 'input.userId'))).id }),
  }),
);

const ResetUserPasswordInput = builder.inputType('ResetUserPasswordInput', {
  fields: (t) => ({ userId: t.id({ required: true }), password: t.string({ required: true, description: 'At least 10 characters.' }) }),
});
const ResetUserPasswordPayload = userPayload('ResetUserPasswordPayload', { endedSessionCount: 'Int' });
builder.mutationField('resetUserPassword', (t) =>
  t.field({
    type: ResetUserPasswordPayload,
    authScopes: adminOnly,
    description: 'Sets a new password and ends the user’s sessions (their API tokens keep working).',
    args: { input: t.arg({ type: ResetUserPasswordInput, required: true }) },
    resolve: async (_r, { input }, ctx) => {
      const r = await resetUserPassword(ctx.prisma, actorOf(ctx), requiredId('User', input.userId, 'input.userId'), input.password, ctx.services);
      return { userId: r.user.id, endedSessionCount: r.revokedSessionCount };
    },
  }),
);

const CreateApiTokenInput = builder.inputType('CreateApiTokenInput', {
  fields: (t) => ({
    userId: t.id({ required: true, description: 'Whose token it is: it never does more than that user’s role allows.' }),
    name: t.string({ required: false }),
    scopes: t.stringList({ required: true, description: 'accounts:read, accounts:write, signals:write, notes:write, ledger:read, ledger:write, alerts:write, admin' }),
    expiresInDays: t.int({ required: false, description: 'Default 365; at most 3650.' }),
    neverExpires: t.boolean({ required: false, description: 'true: no expiry (only when asked for explicitly; not with expiresInDays).' }),
  }),
});
const CreateApiTokenPayload = builder.objectRef<{ tokenId: string; secret: string }>('CreateApiTokenPayload').implement({
  fields: (t) => ({
    apiToken: t.prismaField({ type: ApiTokenRef, resolve: (query, p, _a, ctx) => ctx.prisma.apiToken.findUniqueOrThrow({ ...query, where: { id: p.tokenId } }) }),
    secret: t.exposeString('secret', { description: 'The token (send it as Authorization: Bearer <secret>). Shown only in this response.' }),
  }),
});
builder.mutationField('createApiToken', (t) =>
  t.field({
    type: CreateApiTokenPayload,
    authScopes: adminOnly,
    args: { input: t.arg({ type: CreateApiTokenInput, required: true }) },
    resolve: async (_r, { input }, ctx) => {
      const issued = await createApiToken(ctx.prisma, actorOf(ctx), { ...input, userId: requiredId('User', input.userId, 'input.userId') });
      return { tokenId: issued.id, secret: issued.token };
    },
  }),
);

const RevokeApiTokenInput = builder.inputType('RevokeApiTokenInput', { fields: (t) => ({ tokenId: t.id({ required: true }) }) });
const ApiTokenPayload = builder.objectRef<{ tokenId: string }>('ApiTokenPayload').implement({
  fields: (t) => ({
    apiToken: t.prismaField({ type: ApiTokenRef, resolve: (query, p, _a, ctx) => ctx.prisma.apiToken.findUniqueOrThrow({ ...query, where: { id: p.tokenId } }) }),
  }),
});
builder.mutationField('revokeApiToken', (t) =>
  t.field({
    type: ApiTokenPayload,
    authScopes: { signedIn: true },
    description: 'Revokes a token (a session too): an ADMIN any, others only their own. It stops working now.',
    args: { input: t.arg({ type: RevokeApiTokenInput, required: true }) },
    resolve: async (_r, { input }, ctx) => {
      const id = requiredId('ApiToken', input.tokenId, 'input.tokenId');
      const own = isAdmin(ctx) ? {} : { onlyOwnOf: ctx.viewer!.userId, ...(ownTokens(ctx).id ? { onlyToken: ctx.viewer!.tokenId } : {}) };
      await revokeApiToken(ctx.prisma, actorOf(ctx), id, { ...own, onAuthRevoked: ctx.services.onAuthRevoked });
      return { tokenId: id };
    },
  }),
);
