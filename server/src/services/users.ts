/**
 * Users, administered by an ADMIN (GraphQL) or the operator (CLI): one service layer for both, each change
 * audited in its own transaction. Deactivating a user revokes every token they hold (sessions and API tokens),
 * so they stop working at once; `authenticate` also refuses inactive users. The last active ADMIN cannot be
 * demoted or deactivated (nobody could administer the instance any more).
 */
import { ROLES, type Role } from '@earshot/shared';
import { z } from 'zod';
import { hashPassword, MIN_PASSWORD_LENGTH } from '../auth/passwords.js';
import type { Prisma } from '../db/client.js';
import type { Prisma as P } from '../generated/prisma/client.js';
import { badInput, notFound } from '../graphql/errors.js';
import { audit } from './audit.js';
import { emailSchema, LIMITS, optionalText, validate } from './validation.js';

/** Who acts: a signed-in admin, or null for the operator at the server's console (CLI). */
export type Actor = { userId: string; tokenId?: string | null } | null;

/** Told after the commit when credentials stop working, so open subscriptions of them can be closed. */
export type AuthRevokedHook = (event: AuthRevokedEvent) => void | Promise<void>;
export interface AuthRevokedEvent {
  /** Every credential of this user (deactivated). */
  userId?: string;
  /** These tokens (revoked, or the user's sessions after a password reset). */
  tokenIds: string[];
  reason: 'token.revoke' | 'user.deactivate' | 'user.resetPassword';
}
export interface AuthHooks {
  onAuthRevoked?: AuthRevokedHook | undefined;
}

const via = (actor: Actor) => (actor ? 'api' : 'cli');

export const passwordSchema = z
  .string()
  .min(MIN_PASSWORD_LENGTH, `must be at least ${MIN_PASSWORD_LENGTH} characters`)
  .max(1024, 'must be at most 1024 characters')
  .refine((p) => !p.includes('\0'), 'must not contain NUL characters');

const roleSchema = z
  .string()
  .trim()
  .toUpperCase()
  .refine((r): r is Role => (ROLES as readonly string[]).includes(r), `must be one of ${ROLES.join(', ')}`);

const createUserSchema = z.object({
  email: emailSchema,
  name: optionalText(LIMITS.name),
  role: roleSchema,
  businessUnit: optionalText(LIMITS.shortText),
  password: passwordSchema.nullish(),
});

export interface UserFilter {
  role?: Role | null;
  active?: boolean | null;
  search?: string | null;
}

export function userWhere(filter: UserFilter | null | undefined): P.UserWhereInput {
  const search = filter?.search?.trim();
  return {
    ...(filter?.role ? { role: filter.role } : {}),
    ...(typeof filter?.active === 'boolean' ? { active: filter.active } : {}),
    ...(search ? { OR: [{ email: { contains: search, mode: 'insensitive' } }, { name: { contains: search, mode: 'insensitive' } }] } : {}),
  };
}

export function listUsers(prisma: Prisma, filter?: UserFilter) {
  return prisma.user.findMany({ where: userWhere(filter), orderBy: [{ email: 'asc' }] });
}

/** A user by id or e-mail (the CLI names users by e-mail); NOT_FOUND otherwise. */
export async function findUser(prisma: Prisma, by: { id?: string; email?: string }) {
  const user = by.id
    ? await prisma.user.findUnique({ where: { id: by.id } })
    : by.email
      ? await prisma.user.findUnique({ where: { email: by.email.trim().toLowerCase() } })
      : null;
  if (!user) throw notFound(by.email ? `User ${by.email.trim().toLowerCase()}` : 'User');
  return user;
}

export async function createUser(
  prisma: Prisma,
  actor: Actor,
  input: { email: string; role: string; name?: string | null; businessUnit?: string | null; password?: string | null },
) {
  const v = validate(createUserSchema, input);
  if (await prisma.user.findUnique({ where: { email: v.email } })) throw badInput(`input.email: a user with e-mail ${v.email} already exists`, 'input.email');
  const passwordHash = v.password ? await hashPassword(v.password) : null;
  return prisma.$transaction(async (tx) => {
    const user = await tx.user.create({
      data: { email: v.email, role: v.role as Role, name: v.name ?? v.email.split('@')[0]!, businessUnit: v.businessUnit, passwordHash },
    });
    await audit(tx, actor, 'user.create', 'User', user.id, { via: via(actor), role: user.role, password: !!passwordHash });
    return user;
  });
}

async function assertAnotherAdmin(tx: Pick<Prisma, 'user'>, userId: string, field: string) {
  const others = await tx.user.count({ where: { role: 'ADMIN', active: true, id: { not: userId } } });
  if (!others) throw badInput(`${field}: this is the last active ADMIN; make another user ADMIN first`, field);
}

export async function updateUserRole(prisma: Prisma, actor: Actor, userId: string, role: string) {
  const r = validate(roleSchema, role, 'input.role') as Role;
  return prisma.$transaction(async (tx) => {
    const user = await tx.user.findUnique({ where: { id: userId } });
    if (!user) throw notFound('User');
    if (user.role === r) return user;
    if (user.role === 'ADMIN' && user.active) await assertAnotherAdmin(tx, user.id, 'input.role');
    const updated = await tx.user.update({ where: { id: userId }, data: { role: r } });
    await audit(tx, actor, 'user.setRole', 'User', userId, { via: via(actor), from: user.role, to: r });
    return updated;
  });
}

/** Deactivates the user and revokes every token they hold; returns how many were revoked. */
export async function deactivateUser(prisma: Prisma, actor: Actor, userId: string, hooks: AuthHooks = {}) {
  const result = await prisma.$transaction(async (tx) => {
    const user = await tx.user.findUnique({ where: { id: userId } });
    if (!user) throw notFound('User');
    if (user.role === 'ADMIN' && user.active) await assertAnotherAdmin(tx, user.id, 'input.userId');
    const tokens = await tx.apiToken.findMany({ where: { userId, revokedAt: null }, select: { id: true } });
    await tx.apiToken.updateMany({ where: { userId, revokedAt: null }, data: { revokedAt: new Date() } });
    const updated = await tx.user.update({ where: { id: userId }, data: { active: false } });
    await audit(tx, actor, 'user.deactivate', 'User', userId, { via: via(actor), revokedTokens: tokens.length });
    return { user: updated, tokenIds: tokens.map((t) => t.id) };
  });
  await hooks.onAuthRevoked?.({ userId, tokenIds: result.tokenIds, reason: 'user.deactivate' });
  return { user: result.user, revokedTokenCount: result.tokenIds.length };
}

/** Lets the user sign in again. Their old tokens stay revoked: they sign in anew, an admin issues new API tokens. */
export async function reactivateUser(prisma: Prisma, actor: Actor, userId: string) {
  return prisma.$transaction(async (tx) => {
    const user = await tx.user.findUnique({ where: { id: userId } });
    if (!user) throw notFound('User');
    if (user.active) return user;
    const updated = await tx.user.update({ where: { id: userId }, data: { active: true } });
    await audit(tx, actor, 'user.reactivate', 'User', userId, { via: via(actor) });
    return updated;
  });
}

/** Sets a new password and ends the user's sessions (API tokens stay); returns how many sessions ended. */
export async function resetUserPassword(prisma: Prisma, actor: Actor, userId: string, password: string, hooks: AuthHooks = {}) {
  const pw = validate(passwordSchema, password, 'input.password');
  const passwordHash = await hashPassword(pw);
  const result = await prisma.$transaction(async (tx) => {
    const user = await tx.user.findUnique({ where: { id: userId } });
    if (!user) throw notFound('User');
    const sessions = await tx.apiToken.findMany({ where: { userId, kind: 'SESSION', revokedAt: null }, select: { id: true } });
    await tx.apiToken.updateMany({ where: { id: { in: sessions.map((s) => s.id) } }, data: { revokedAt: new Date() } });
    const updated = await tx.user.update({ where: { id: userId }, data: { passwordHash } });
    await audit(tx, actor, 'user.resetPassword', 'User', userId, { via: via(actor), endedSessions: sessions.length });
    return { user: updated, tokenIds: sessions.map((s) => s.id) };
  });
  if (result.tokenIds.length) await hooks.onAuthRevoked?.({ tokenIds: result.tokenIds, reason: 'user.resetPassword' });
  return { user: result.user, revokedSessionCount: result.tokenIds.length };
}
