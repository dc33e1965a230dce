/**
 * The Pothos schema builder. Authorization is declared on types and fields with scope-auth, so every way to
 * reach an object (a list, `node(id)`, a relation) goes through the same checks.
 */
import SchemaBuilder from '@pothos/core';
import ComplexityPlugin from '@pothos/plugin-complexity';
import PrismaPlugin from '@pothos/plugin-prisma';
import RelayPlugin from '@pothos/plugin-relay';
import ScopeAuthPlugin from '@pothos/plugin-scope-auth';
import type { Role, TokenScope } from '@earshot/shared';
import { hasScope, isCreditViewer, seesCreditFigures } from '../auth/tokens.js';
import type PrismaTypes from '../generated/pothos-types.js';
import { getDatamodel } from '../generated/pothos-types.js';
import type { Context } from './context.js';
import { unauthenticated } from './errors.js';
import { decodeGlobalIdForRelay } from './ids.js';
import { fieldComplexity } from './limits.js';
import { forbiddenFor } from './scope-errors.js';

export const builder = new SchemaBuilder<{
  PrismaTypes: PrismaTypes;
  Context: Context;
  DefaultFieldNullability: false;
  Scalars: {
    DateTime: { Input: Date; Output: Date | string };
    Decimal: { Input: string; Output: string | { toFixed(digits: number): string } };
    JSON: { Input: unknown; Output: unknown };
  };
  AuthScopes: {
    /** Any valid session or API token. */
    signedIn: boolean;
    /** The user's role is one of these. */
    role: readonly Role[];
    /** The token allows this (session tokens allow everything their role allows). */
    scope: TokenScope;
    /** The token allows all of these. */
    scopes: readonly TokenScope[];
    /** The user is CREDIT or ADMIN (whatever the token's scopes: combine with `scope`, or use creditFigures). */
    credit: boolean;
    /**
     * Sees the ledger's figures and CREDIT_ONLY notes: CREDIT or ADMIN, and for an API token `ledger:read`.
     * The single rule behind every figure field, alert detail/evidence, bank-change notes and note visibility.
     */
    creditFigures: boolean;
    /** Anyone but VIEWER. */
    writer: boolean;
  };
}>({
  plugins: [ScopeAuthPlugin, PrismaPlugin, RelayPlugin, ComplexityPlugin],
  defaultFieldNullability: false,
  scopeAuth: {
    authorizeOnSubscribe: true,
    // Unauthenticated requests get UNAUTHENTICATED, signed-in ones lacking a right get FORBIDDEN.
    // A refusal that only a token's scopes explain names them ("This token lacks the scope signals:write").
    unauthorizedError: (_parent, context, _info, result) => (context.viewer ? forbiddenFor(context.viewer, result.failure) : unauthenticated()),
    authScopes: (ctx) => ({
      signedIn: !!ctx.viewer,
      role: (roles) => !!ctx.viewer && roles.includes(ctx.viewer.role),
      scope: (scope) => hasScope(ctx.viewer, scope),
      scopes: (scopes) => scopes.every((scope) => hasScope(ctx.viewer, scope)),
      credit: isCreditViewer(ctx.viewer),
      creditFigures: seesCreditFigures(ctx.viewer),
      writer: !!ctx.viewer && ctx.viewer.role !== 'VIEWER',
    }),
  },
  prisma: {
    client: (ctx) => ctx.prisma,
    dmmf: getDatamodel(),
    filterConnectionTotalCount: true,
    onUnusedQuery: null,
  },
  // Query cost per field (graphql/limits.ts); checked before execution by the query guard, not per resolver.
  complexity: { fieldComplexity: fieldComplexity as never, disabled: true },
  relay: {
    // A global id whose row id is not a uuid names no row: node/nodes answer null without asking the database (ids.ts).
    decodeGlobalID: decodeGlobalIdForRelay,
    clientMutationId: 'omit',
    cursorType: 'String',
    nodeQueryOptions: { authScopes: { signedIn: true } },
    nodesQueryOptions: { authScopes: { signedIn: true } },
  },
});

builder.queryType({});
builder.mutationType({});

/** Account data (accounts, contacts, signals, notes visible to all, alerts, watches): `accounts:read`. */
export const readAccounts = { $all: { signedIn: true, scope: 'accounts:read' } } as const;
/** The ledger itself (invoices, payments, bank details, credit reports): the creditFigures rule. */
export const readLedger = { creditFigures: true } as const;
/** A figure shown to whoever may see figures, null for everyone else (one query serves every role). */
export const figure = { authScopes: { creditFigures: true }, unauthorizedResolver: () => null } as const;

export type Types = typeof builder extends PothosSchemaTypes.SchemaBuilder<infer T> ? T : never;
export type InputFields = PothosSchemaTypes.InputFieldBuilder<Types, 'InputObject'>;
