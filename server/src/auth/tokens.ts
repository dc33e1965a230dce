/**
 * Bearer tokens. A token is `esk_` + 32 random bytes (base64url); only its SHA-256 is stored, with a short
 * prefix to recognise it in lists. Session tokens come from signIn and carry the user's role; API tokens come
 * from the CLI and can do only what their scopes allow (and never more than their user's role).
 */
import { createHash, randomBytes } from 'node:crypto';
import { ROLES, type Role, TOKEN_SCOPES, type TokenScope } from '@earshot/shared';
import type { Prisma } from '../db/client.js';

export const TOKEN_PREFIX = 'esk_';

export function newTokenSecret(): string {
  return TOKEN_PREFIX + randomBytes(32).toString('base64url');
}

export function hashToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

export interface Viewer {
  userId: string;
  email: string;
  name: string;
  role: Role;
  businessUnit: string | null;
  tokenId: string;
  tokenKind: 'SESSION' | 'API';
  /** null for session tokens: everything the role allows. */
  scopes: ReadonlySet<TokenScope> | null;
}

/** Credit team and admins see everything; sales sees levels and labels, not the ledger's figures. */
export function isCreditViewer(viewer: Viewer | null): boolean {
  return viewer?.role === 'CREDIT' || viewer?.role === 'ADMIN';
}

export function hasScope(viewer: Viewer | null, scope: TokenScope): boolean {
  if (!viewer) return false;
  if (viewer.scopes === null) return true;
  return viewer.scopes.has(scope) || viewer.scopes.has('admin');
}

/**
 * The one rule for the ledger's figures (exposure, limit, score, factor weights, alert figures and evidence,
 * bank-change details) and CREDIT_ONLY notes: a CREDIT or ADMIN user, and for an API token also `ledger:read`.
 * Every field that shows them asks this, through the `creditFigures` auth scope or directly.
 */
export function seesCreditFigures(viewer: Viewer | null): boolean {
  return isCreditViewer(viewer) && hasScope(viewer, 'ledger:read');
}

export function parseScopes(input: string[]): TokenScope[] {
  const unknown = input.filter((s) => !(TOKEN_SCOPES as readonly string[]).includes(s));
  if (unknown.length) throw new Error(`Unknown scope(s): ${unknown.join(', ')}. Known: ${TOKEN_SCOPES.join(', ')}`);
  return [...new Set(input)] as TokenScope[];
}

export function isRole(value: string): value is Role {
  return (ROLES as readonly string[]).includes(value);
}

export async function issueToken(
  prisma: Pick<Prisma, 'apiToken'>,
  opts: { userId: string; kind: 'SESSION' | 'API'; scopes?: TokenScope[]; name?: string | null; ttlHours?: number | null },
): Promise<{ token: string; id: string; expiresAt: Date | null }> {
  const token = newTokenSecret();
  // null: no expiry, only when asked for explicitly. 0 or less would have meant "never" by accident.
  if (opts.ttlHours != null && !(opts.ttlHours > 0)) throw new Error(`a token lifetime must be positive, got ${opts.ttlHours} hours`);
  const expiresAt = opts.ttlHours == null ? null : new Date(Date.now() + opts.ttlHours * 3600_000);
  const row = await prisma.apiToken.create({
    data: {
      kind: opts.kind,
      userId: opts.userId,
      tokenHash: hashToken(token),
      prefix: token.slice(0, TOKEN_PREFIX.length + 6),
      scopes: opts.scopes ?? [],
      name: opts.name ?? null,
      expiresAt,
    },
  });
  return { token, id: row.id, expiresAt };
}

/** Resolves a bearer token to its viewer, or null when unknown, revoked, expired or the user is inactive. */
export async function authenticate(prisma: Prisma, token: string | null, now = new Date()): Promise<Viewer | null> {
  if (!token?.startsWith(TOKEN_PREFIX) || token.length > 200) return null;
  // Only what a viewer needs: never the user's password hash.
  const row = await prisma.apiToken.findUnique({
    where: { tokenHash: hashToken(token) },
    select: {
      id: true,
      kind: true,
      scopes: true,
      revokedAt: true,
      expiresAt: true,
      lastUsedAt: true,
      user: { select: { id: true, email: true, name: true, role: true, businessUnit: true, active: true } },
    },
  });
  if (!row || row.revokedAt || (row.expiresAt && row.expiresAt <= now) || !row.user.active) return null;
  // Cheap last-used tracking: at most one write per token per minute.
  if (!row.lastUsedAt || now.getTime() - row.lastUsedAt.getTime() > 60_000) {
    await prisma.apiToken.update({ where: { id: row.id }, data: { lastUsedAt: now } });
  }
  return {
    userId: row.user.id,
    email: row.user.email,
    name: row.user.name,
    role: row.user.role,
    businessUnit: row.user.businessUnit,
    tokenId: row.id,
    tokenKind: row.kind,
    scopes: row.kind === 'SESSION' ? null : new Set(row.scopes as TokenScope[]),
  };
}

export function bearerFrom(header: string | null): string | null {
  const m = header?.match(/^Bearer\s+(\S+)$/i);
  return m?.[1] ?? null;
}
