/**
 * API tokens, administered by an ADMIN (GraphQL) or the operator (CLI); a user may list and revoke their own.
 * The secret is returned once, by create; only its SHA-256 is stored. API tokens expire after
 * DEFAULT_API_TOKEN_DAYS unless the caller asks for another lifetime, or explicitly for none (neverExpires).
 */
import { TOKEN_SCOPES, type TokenScope } from '@earshot/shared';
import { z } from 'zod';
import { issueToken } from '../auth/tokens.js';
import type { Prisma } from '../db/client.js';
import type { Prisma as P } from '../generated/prisma/client.js';
import { badInput, notFound } from '../graphql/errors.js';
import { audit } from './audit.js';
import type { Actor, AuthHooks } from './users.js';
import { LIMITS, optionalText, validate } from './validation.js';

export const DEFAULT_API_TOKEN_DAYS = 365;
export const MAX_API_TOKEN_DAYS = 3650;

const createTokenSchema = z.object({
  name: optionalText(LIMITS.name),
  scopes: z
    .array(z.string().refine((s) => (TOKEN_SCOPES as readonly string[]).includes(s), { error: (i) => `unknown scope "${String(i.input)}"; known: ${TOKEN_SCOPES.join(', ')}` }))
    .min(1, 'choose at least one scope'),
  expiresInDays: z
    .number()
    .int('must be a whole number of days')
    .min(1, 'must be at least 1')
    .max(MAX_API_TOKEN_DAYS, `must be at most ${MAX_API_TOKEN_DAYS}`)
    .nullish(),
  neverExpires: z.boolean().nullish(),
});

export interface TokenFilter {
  userId?: string | null;
  kind?: 'SESSION' | 'API' | null;
  /** Also revoked and expired tokens. */
  includeInactive?: boolean | null;
}

export function tokenWhere(filter: TokenFilter | null | undefined, now = new Date()): P.ApiTokenWhereInput {
  return {
    ...(filter?.userId ? { userId: filter.userId } : {}),
    ...(filter?.kind ? { kind: filter.kind } : {}),
    ...(filter?.includeInactive ? {} : { revokedAt: null, OR: [{ expiresAt: null }, { expiresAt: { gt: now } }] }),
  };
}

export function listTokens(prisma: Prisma, filter?: TokenFilter) {
  return prisma.apiToken.findMany({
    where: tokenWhere(filter),
    include: { user: { select: { email: true } } },
    orderBy: [{ createdAt: 'desc' }, { id: 'desc' }],
  });
}

export async function createApiToken(
  prisma: Prisma,
  actor: Actor,
  input: { userId: string; scopes: string[]; name?: string | null; expiresInDays?: number | null; neverExpires?: boolean | null },
) {
  const v = validate(createTokenSchema, input);
  if (v.neverExpires && v.expiresInDays != null) throw badInput('input.neverExpires: give either expiresInDays or neverExpires, not both', 'input.neverExpires');
  const days = v.neverExpires ? null : (v.expiresInDays ?? DEFAULT_API_TOKEN_DAYS);
  const scopes = [...new Set(v.scopes)] as TokenScope[];
  return prisma.$transaction(async (tx) => {
    const user = await tx.user.findUnique({ where: { id: input.userId } });
    if (!user) throw notFound('User');
    if (!user.active) throw badInput('input.userId: the user is deactivated; reactivate them first', 'input.userId');
    const issued = await issueToken(tx as Prisma, { userId: user.id, kind: 'API', scopes, name: v.name, ttlHours: days === null ? null : days * 24 });
    await audit(tx, actor, 'token.create', 'ApiToken', issued.id, { via: actor ? 'api' : 'cli', userId: user.id, scopes, expiresAt: issued.expiresAt });
    return { ...issued, user };
  });
}

/**
 * Revokes a token. `onlyOwnOf` restricts it to that user's tokens (a non-admin revoking their own): another
 * user's token is reported as not found, so ids cannot be probed.
 */
export async function revokeApiToken(prisma: Prisma, actor: Actor, tokenId: string, opts: AuthHooks & { onlyOwnOf?: string; onlyToken?: string } = {}) {
  const token = await prisma.$transaction(async (tx) => {
    const row = await tx.apiToken.findUnique({ where: { id: tokenId } });
    if (!row || (opts.onlyOwnOf && row.userId !== opts.onlyOwnOf) || (opts.onlyToken && row.id !== opts.onlyToken)) throw notFound('ApiToken');
    if (row.revokedAt) return row;
    const updated = await tx.apiToken.update({ where: { id: tokenId }, data: { revokedAt: new Date() } });
    await audit(tx, actor, 'token.revoke', 'ApiToken', tokenId, { via: actor ? 'api' : 'cli', userId: row.userId, kind: row.kind });
    return updated;
  });
  await opts.onAuthRevoked?.({ tokenIds: [tokenId], reason: 'token.revoke' });
  return token;
}
