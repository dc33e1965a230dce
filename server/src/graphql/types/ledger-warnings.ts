/**
 * Import warnings for the credit team (ledger/warnings.ts): valid ledger rows that look wrong (an overpayment, a
 * payment or invoice sent twice, a new currency, a credit note that names no invoice of the account). Each
 * import returns its own (`importLedger.warnings`); the ones stored are listed here until acknowledged.
 * Like the rest of the ledger: credit figures only (CREDIT/ADMIN, API tokens with ledger:read).
 */
import type { Prisma } from '../../generated/prisma/client.js';
import type { LEDGER_WARNING_KINDS } from '../../domain/ledger-warnings.js';
import { acknowledgeLedgerWarning } from '../../ledger/warnings.js';
import { builder, readLedger } from '../builder.js';
import { idOf } from '../ids.js';

const ledgerWriteAndRead = { $all: { role: ['ADMIN', 'CREDIT'], scopes: ['ledger:write', 'ledger:read', 'accounts:read'] } } as const;

export const LedgerRowKindEnum = builder.enumType('LedgerRowKind', { values: ['INVOICE', 'PAYMENT'] as const });

export const LedgerWarningKindEnum = builder.enumType('LedgerWarningKind', {
  values: {
    OVERPAYMENT: { description: 'Cash beyond everything the customer owes in that currency: a credit balance now sits on the account.' },
    MISAPPLIED_PAYMENT: { description: "More than the named invoice's open amount: the surplus settled the customer's other open invoices." },
    DUPLICATE_PAYMENT: { description: 'Same invoice, amount and day as another payment under a different external id.' },
    DUPLICATE_INVOICE: { description: 'Same account, number and amount as another invoice under a different external id.' },
    NEW_CURRENCY: { description: "The account's first invoice in a currency other than its own." },
    CREDIT_NOTE_UNMATCHED: { description: 'A credit note whose appliesTo names no invoice, or one of another account or currency.' },
  } satisfies Record<(typeof LEDGER_WARNING_KINDS)[number], unknown>,
});

builder.prismaObject('LedgerImport', {
  authScopes: readLedger,
  description: 'One import that wrote ledger rows (an importLedger call, or a file through pnpm earshot import).',
  fields: (t) => ({
    via: t.exposeString('via', { description: '"api" or "cli".' }),
    source: t.exposeString('source', { nullable: true, description: 'The file name, for the CLI.' }),
    createdAt: t.expose('createdAt', { type: 'DateTime' }),
  }),
});

export const LedgerWarningRef = builder.prismaNode('LedgerWarning', {
  id: { field: 'id' },
  // A well-formed id of a missing row: node(id) answers null (findUnique), not an internal error.
  nullable: true,
  authScopes: readLedger,
  fields: (t) => ({
    kind: t.expose('kind', { type: LedgerWarningKindEnum }),
    rowKind: t.field({ type: LedgerRowKindEnum, resolve: (w) => (w.rowKind === 'PAYMENT' ? 'PAYMENT' : 'INVOICE') }),
    externalId: t.exposeString('externalId', { description: "The row's external id." }),
    message: t.exposeString('message', { description: 'Names the row, the other row(s) involved and the amount.' }),
    amount: t.expose('amount', { type: 'Decimal', nullable: true, description: 'The amount at stake (surplus, duplicate amount…), in `currency`.' }),
    currency: t.exposeString('currency', { nullable: true }),
    createdAt: t.expose('createdAt', { type: 'DateTime' }),
    account: t.relation('account'),
    import: t.relation('import'),
    acknowledgedAt: t.expose('acknowledgedAt', { type: 'DateTime', nullable: true }),
    acknowledgedBy: t.relation('acknowledgedBy', { nullable: true }),
  }),
});

function warningWhere(accountId: string | null, includeAcknowledged: boolean | null | undefined): Prisma.LedgerWarningWhereInput {
  return { ...(accountId ? { accountId } : {}), ...(includeAcknowledged ? {} : { acknowledgedAt: null }) };
}

const ORDER = [{ createdAt: 'desc' }, { id: 'desc' }] satisfies Prisma.LedgerWarningOrderByWithRelationInput[];

builder.queryField('ledgerWarnings', (t) =>
  t.prismaConnection({
    type: LedgerWarningRef,
    cursor: 'id',
    maxSize: 100,
    defaultSize: 25,
    authScopes: readLedger,
    description: 'Warnings of ledger imports, newest first; by default only those not yet acknowledged. Credit team only.',
    args: {
      accountId: t.arg.id({ required: false }),
      includeAcknowledged: t.arg.boolean({ required: false, defaultValue: false }),
    },
    totalCount: (_root, args, ctx) => ctx.prisma.ledgerWarning.count({ where: warningWhere(idOf('Account', args.accountId, 'accountId'), args.includeAcknowledged) }),
    resolve: (query, _root, args, ctx) =>
      ctx.prisma.ledgerWarning.findMany({ ...query, where: warningWhere(idOf('Account', args.accountId, 'accountId'), args.includeAcknowledged), orderBy: ORDER }),
  }),
);

builder.prismaObjectField('Account', 'ledgerWarnings', (t) =>
  t.prismaConnection({
    type: LedgerWarningRef,
    cursor: 'id',
    maxSize: 100,
    defaultSize: 25,
    // Like the account's other ledger connections: null for whoever does not see credit figures.
    authScopes: readLedger,
    nullable: true,
    unauthorizedResolver: () => null,
    description: "Warnings of ledger imports on this account's rows, newest first; by default only those not yet acknowledged. Credit team only.",
    args: { includeAcknowledged: t.arg.boolean({ required: false, defaultValue: false }) },
    totalCount: (account, args, ctx) => ctx.prisma.ledgerWarning.count({ where: warningWhere(account.id, args.includeAcknowledged) }),
    resolve: (query, account, args, ctx) => ctx.prisma.ledgerWarning.findMany({ ...query, where: warningWhere(account.id, args.includeAcknowledged), orderBy: ORDER }),
  }),
);

const AcknowledgeLedgerWarningPayload = builder.objectRef<{ id: string }>('AcknowledgeLedgerWarningPayload').implement({
  fields: (t) => ({
    ledgerWarning: t.prismaField({
      type: LedgerWarningRef,
      resolve: (query, p, _args, ctx) => ctx.prisma.ledgerWarning.findUniqueOrThrow({ ...query, where: { id: p.id } }),
    }),
  }),
});

builder.mutationField('acknowledgeLedgerWarning', (t) =>
  t.field({
    type: AcknowledgeLedgerWarningPayload,
    authScopes: ledgerWriteAndRead,
    description: 'The credit team has seen the warning (and fixed the feed, or accepted it): it leaves the default list. Acknowledging again changes nothing.',
    args: { id: t.arg.id({ required: true }) },
    resolve: async (_root, args, ctx) => {
      const id = idOf('LedgerWarning', args.id, 'id')!;
      await acknowledgeLedgerWarning(ctx.prisma, ctx.viewer!, id);
      return { id };
    },
  }),
);
