/**
 * What a validated OpenID Connect identity becomes in Earshot, and the one-time tickets of the redirect flow.
 *
 * - A known e-mail signs that user in; their role is taken from the provider's groups at every sign-in (a
 *   change at the provider takes effect then; the user's open sessions follow at once, since a session carries
 *   the user's current role). No mapped group (and no default role): refused, the user left as they are.
 * - An unknown e-mail is created only when its domain is in EARSHOT_OIDC_ALLOWED_DOMAINS.
 * - Sessions are issued exactly as signIn does (auth/tokens.ts, audit `session.signIn`).
 */
import { createHash, randomBytes } from 'node:crypto';
import type { Role } from '@earshot/shared';
import type { OidcConfig } from '../config.js';
import type { Prisma } from '../db/client.js';
import { audit } from '../services/audit.js';
import { OidcError, type OidcIdentity, roleFor } from './oidc.js';
import { issueToken } from './tokens.js';

export interface SignedInUser {
  id: string;
  name: string;
  email: string;
  role: Role;
}

export interface SignInResult {
  token: string;
  expiresAt: Date | null;
  user: SignedInUser;
}

/** Issues a session token for the user and records `session.signIn` (the same for every way of signing in). */
export async function startSession(prisma: Prisma, user: SignedInUser, ttlHours: number, data: Record<string, unknown> = {}): Promise<SignInResult> {
  const { token, id, expiresAt } = await issueToken(prisma, { userId: user.id, kind: 'SESSION', ttlHours });
  await audit(prisma, { userId: user.id, tokenId: id }, 'session.signIn', 'User', user.id, data);
  return { token, expiresAt, user: { id: user.id, name: user.name, email: user.email, role: user.role } };
}

/** The e-mail address's domain, for a log line that must not carry the address. */
export const domainOf = (email: string) => email.slice(email.lastIndexOf('@') + 1) || 'an unknown domain';

async function refused(prisma: Prisma, code: OidcError['code'], userId: string | null, identity: OidcIdentity, message: string): Promise<never> {
  await audit(prisma, null, 'session.signInRefused', 'User', userId, { method: 'oidc', code, email: identity.email, groups: identity.groups.slice(0, 50) });
  // The operator's log gets the domain and groups, never the address (the audit row above keeps who it was).
  throw new OidcError(code, message, `${code} for a user at ${domainOf(identity.email)} (groups: ${identity.groups.slice(0, 20).join(', ') || 'none'})`);
}

/** The Earshot user for a validated identity: found (role re-evaluated) or created; OidcError when refused. */
export async function userForIdentity(prisma: Prisma, config: OidcConfig, identity: OidcIdentity): Promise<SignedInUser> {
  const role = roleFor(config, identity.groups);
  const existing = await prisma.user.findUnique({ where: { email: identity.email } });
  if (existing) {
    if (!existing.active) return refused(prisma, 'OIDC_USER_INACTIVE', existing.id, identity, 'This Earshot account is deactivated: ask an administrator');
    if (!role) return refused(prisma, 'OIDC_NO_ROLE', existing.id, identity, 'Your account at the sign-in provider is in no group that gives access to Earshot');
    if (role === existing.role) return existing;
    return prisma.$transaction(async (tx) => {
      const updated = await tx.user.update({ where: { id: existing.id }, data: { role } });
      await audit(tx, null, 'user.setRole', 'User', existing.id, { via: 'oidc', from: existing.role, to: role, groups: identity.groups.slice(0, 50) });
      return updated;
    });
  }
  const domain = identity.email.slice(identity.email.lastIndexOf('@') + 1);
  if (!config.allowedDomains.includes(domain)) {
    return refused(prisma, 'OIDC_DOMAIN_NOT_ALLOWED', null, identity, `Users of ${domain} are not created on their first sign-in: ask an administrator to add you`);
  }
  if (!role) return refused(prisma, 'OIDC_NO_ROLE', null, identity, 'Your account at the sign-in provider is in no group that gives access to Earshot');
  try {
    return await prisma.$transaction(async (tx) => {
      const user = await tx.user.create({ data: { email: identity.email, name: identity.name, role, passwordHash: null } });
      await audit(tx, null, 'user.create', 'User', user.id, { via: 'oidc', role, password: false });
      return user;
    });
  } catch (err) {
    // Two first sign-ins at once: the other one created the user.
    if ((err as { code?: string }).code !== 'P2002') throw err;
    return userForIdentity(prisma, config, identity);
  }
}

// ---- one-time tickets (the redirect flow) ----------------------------------------------------------------------

export const TICKET_TTL_SECONDS = 60;
const TICKET_PREFIX = 'est_';

const sha256 = (s: string) => createHash('sha256').update(s).digest('hex');

/** A ticket for this user, redeemable once within a minute (only its hash is stored). */
export async function createSignInTicket(prisma: Prisma, userId: string, now = new Date()): Promise<string> {
  const ticket = TICKET_PREFIX + randomBytes(32).toString('base64url');
  await prisma.signInTicket.create({ data: { ticketHash: sha256(ticket), userId, expiresAt: new Date(now.getTime() + TICKET_TTL_SECONDS * 1000) } });
  // Old rows go as new ones come (a used or expired ticket is worth nothing).
  await prisma.signInTicket.deleteMany({ where: { expiresAt: { lt: new Date(now.getTime() - 3600_000) } } });
  return ticket;
}

/** The ticket's user, marking it used; OidcError OIDC_TICKET when unknown, used or expired. */
export async function redeemSignInTicket(prisma: Prisma, ticket: string, now = new Date()): Promise<string> {
  const invalid = () => new OidcError('OIDC_TICKET', 'This sign-in ticket is unknown, used or expired: sign in again', 'ticket unknown, used or expired');
  if (!ticket.startsWith(TICKET_PREFIX) || ticket.length > 100) throw invalid();
  const ticketHash = sha256(ticket);
  // One statement: of two redeems at once, exactly one changes the row.
  const { count } = await prisma.signInTicket.updateMany({ where: { ticketHash, usedAt: null, expiresAt: { gt: now } }, data: { usedAt: now } });
  if (count !== 1) throw invalid();
  const row = await prisma.signInTicket.findUnique({ where: { ticketHash }, select: { userId: true } });
  if (!row) throw invalid();
  return row.userId;
}
