/**
 * Disputes and delivery problems (seed 001) in GraphQL. Everyone who reads the account sees a dispute in words
 * (kind, reason, owner, dates, `summary`); its amount and invoices are figures (creditFigures).
 */
import { COLLECTION_STATUSES, DISPUTE_KINDS, DISPUTE_STATUSES } from '@earshot/shared';
import type { Prisma } from '../../generated/prisma/client.js';
import { describeDisputeInWords } from '../../domain/disputes.js';
import { formatMoney } from '../../domain/money.js';
import { settle } from '../../ledger/invoice-status.js';
import { openDispute, resolveDispute, updateDispute } from '../../services/disputes.js';
import { recomputeAfterCommit } from '../../services/index.js';
import { builder, figure, readAccounts } from '../builder.js';
import { badInput } from '../errors.js';
import { accountIdFrom, idOf } from '../ids.js';
import { InvoiceRef } from './ledger.js';

export const DisputeKindEnum = builder.enumType('DisputeKind', { values: DISPUTE_KINDS });
export const DisputeStatusEnum = builder.enumType('DisputeStatus', { values: DISPUTE_STATUSES });
export const CollectionStatusEnum = builder.enumType('CollectionStatus', { values: COLLECTION_STATUSES });

const anyWrite = { $all: { writer: true, scopes: ['accounts:write', 'accounts:read'] } } as const;

function disputeIdFrom(globalId: string | number): string {
  const id = idOf('Dispute', globalId, 'input.disputeId');
  if (!id) throw badInput('input.disputeId is required', 'input.disputeId');
  return id;
}

const invoiceSettlement = {
  invoices: {
    select: { invoice: { select: { id: true, amount: true, issuedAt: true, dueAt: true, outstanding: true, payments: { select: { id: true, amount: true, receivedAt: true } } } } },
  },
} as const;

export const DisputeRef = builder.prismaNode('Dispute', {
  id: { field: 'id' },
  // Select mode: a row reads the columns of the fields asked for, not every column (issue 12).
  select: { id: true },
  // A well-formed id of a missing row: node(id) answers null (findUnique), not an internal error.
  nullable: true,
  authScopes: readAccounts,
  fields: (t) => ({
    account: t.relation('account'),
    kind: t.expose('kind', { type: DisputeKindEnum }),
    reason: t.exposeString('reason', { description: 'What the customer says is wrong.' }),
    ownerTeam: t.exposeString('ownerTeam', { description: 'The internal team that owns it: logistics, sales, customer service…' }),
    owner: t.relation('owner', { nullable: true }),
    currency: t.exposeString('currency'),
    amount: t.field({
      type: 'Decimal',
      nullable: true,
      ...figure,
      description: 'The named invoices’ open amounts (as of now), or the amount given. A ledger figure.',
      select: { amount: true, ...invoiceSettlement },
      resolve: (d) => (d.invoices.length ? formatMoney(d.invoices.reduce((sum, i) => sum + settle(i.invoice).outstanding, 0)) : d.amount),
    }),
    invoices: t.prismaField({
      type: [InvoiceRef],
      nullable: true,
      ...figure,
      description: 'The invoices concerned (empty for a dispute given as an amount). Credit figures only.',
      resolve: (query, d, _a, ctx) =>
        ctx.prisma.invoice.findMany({ ...query, where: { disputes: { some: { disputeId: d.id } } }, orderBy: [{ dueAt: 'asc' }, { id: 'asc' }] }),
    }),
    invoiceCount: t.relationCount('invoices'),
    status: t.expose('status', { type: DisputeStatusEnum }),
    openedAt: t.expose('openedAt', { type: 'DateTime' }),
    expectedBy: t.expose('expectedBy', { type: 'DateTime', nullable: true }),
    resolvedAt: t.expose('resolvedAt', { type: 'DateTime', nullable: true }),
    resolution: t.exposeString('resolution', { nullable: true }),
    openedBy: t.relation('openedBy', { nullable: true }),
    summary: t.string({
      description:
        'In words, no figures: "Delivery problem, with logistics since 3 Dec 2026 (12 days)" (calendar days, UTC); ' +
        'once closed "Dispute, with sales: resolved".',
      select: { kind: true, ownerTeam: true, status: true, openedAt: true },
      resolve: (d) => describeDisputeInWords(d, new Date()),
    }),
    createdAt: t.expose('createdAt', { type: 'DateTime' }),
  }),
});

builder.prismaObjectField('Account', 'disputes', (t) =>
  t.relatedConnection('disputes', {
    cursor: 'id',
    totalCount: true,
    description: 'Disputes and delivery problems, newest first.',
    args: { status: t.arg({ type: [DisputeStatusEnum], required: false }) },
    query: (args) => ({ where: args.status?.length ? { status: { in: args.status } } : {}, orderBy: [{ openedAt: 'desc' }, { id: 'desc' }] }),
  }),
);

const DisputeFilter = builder.inputType('DisputeFilter', {
  fields: (t) => ({
    status: t.field({ type: [DisputeStatusEnum], required: false }),
    accountId: t.id({ required: false }),
    ownerTeam: t.string({ required: false, description: 'Case-insensitive.' }),
    mine: t.boolean({ required: false, description: 'Disputes the viewer owns or opened, or on accounts they own (credit owner) or manage (account manager).' }),
  }),
});

type DisputeFilterArg = { status?: ('OPEN' | 'RESOLVED' | 'CANCELLED')[] | null; accountId?: string | number | null; ownerTeam?: string | null; mine?: boolean | null } | null | undefined;

function disputeWhere(filter: DisputeFilterArg, viewerId: string | undefined): Prisma.DisputeWhereInput {
  const and: Prisma.DisputeWhereInput[] = [];
  if (filter?.status?.length) and.push({ status: { in: filter.status } });
  if (filter?.accountId) and.push({ accountId: accountIdFrom(String(filter.accountId), 'filter.accountId') });
  if (filter?.ownerTeam?.trim()) and.push({ ownerTeam: { equals: filter.ownerTeam.trim(), mode: 'insensitive' } });
  if (filter?.mine && viewerId)
    and.push({ OR: [{ ownerId: viewerId }, { openedById: viewerId }, { account: { accountManagerId: viewerId } }, { account: { creditOwnerId: viewerId } }] });
  return { AND: and };
}

builder.queryField('disputes', (t) =>
  t.prismaConnection({
    type: 'Dispute',
    cursor: 'id',
    authScopes: readAccounts,
    maxSize: 100,
    defaultSize: 25,
    description: 'Disputes across accounts, newest first.',
    args: { filter: t.arg({ type: DisputeFilter, required: false }) },
    totalCount: (_p, args, ctx) => ctx.prisma.dispute.count({ where: disputeWhere(args.filter, ctx.viewer?.userId) }),
    resolve: (query, _r, args, ctx) =>
      ctx.prisma.dispute.findMany({ ...query, where: disputeWhere(args.filter, ctx.viewer?.userId), orderBy: [{ openedAt: 'desc' }, { id: 'desc' }] }),
  }),
);

const DisputePayload = builder.objectRef<{ disputeId: string }>('DisputePayload').implement({
  fields: (t) => ({
    dispute: t.prismaField({
      type: DisputeRef,
      resolve: (query, p, _a, ctx) => ctx.prisma.dispute.findUniqueOrThrow({ ...query, where: { id: p.disputeId } }),
    }),
  }),
});

const OpenDisputeInput = builder.inputType('OpenDisputeInput', {
  fields: (t) => ({
    accountId: t.id({ required: true }),
    kind: t.field({ type: DisputeKindEnum, required: true }),
    reason: t.string({ required: true }),
    ownerTeam: t.string({ required: true, description: 'The internal team that owns it: logistics, sales, customer service…' }),
    ownerId: t.id({ required: false, description: 'The person who owns it (may resolve it).' }),
    invoiceIds: t.idList({ required: false, description: 'Open invoices of the account, not already in an open dispute. Or give an amount.' }),
    amount: t.field({
      type: 'Decimal',
      required: false,
      description: 'When no invoice is named: at most the open balance in that currency not already disputed. Shown as disputed; overdue and aging do not change.',
    }),
    currency: t.string({ required: false, description: 'Of the amount: the account’s currency (default) or one of its invoices’ currencies.' }),
    expectedBy: t.field({ type: 'DateTime', required: false, description: 'When it should be settled.' }),
  }),
});

builder.mutationField('openDispute', (t) =>
  t.field({
    type: DisputePayload,
    authScopes: anyWrite,
    description: 'A dispute or delivery problem holding up payment. Its invoices leave overdue and show as disputed at once.',
    args: { input: t.arg({ type: OpenDisputeInput, required: true }) },
    resolve: async (_root, { input }, ctx) => {
      const accountId = accountIdFrom(String(input.accountId), 'input.accountId');
      const dispute = await openDispute(ctx.prisma, ctx.viewer, accountId, {
        kind: input.kind,
        reason: input.reason,
        ownerTeam: input.ownerTeam,
        ownerId: idOf('User', input.ownerId, 'input.ownerId'),
        invoiceIds: input.invoiceIds?.map((id) => idOf('Invoice', id, 'input.invoiceIds')!),
        amount: input.amount,
        currency: input.currency,
        expectedBy: input.expectedBy,
      });
      await recomputeAfterCommit(ctx.services, accountId, 'dispute.open');
      return { disputeId: dispute.id };
    },
  }),
);

const UpdateDisputeInput = builder.inputType('UpdateDisputeInput', {
  fields: (t) => ({
    disputeId: t.id({ required: true }),
    reason: t.string({ required: false }),
    ownerTeam: t.string({ required: false }),
    ownerId: t.id({ required: false, description: 'null clears it.' }),
    expectedBy: t.field({ type: 'DateTime', required: false, description: 'null clears it.' }),
  }),
});

builder.mutationField('updateDispute', (t) =>
  t.field({
    type: DisputePayload,
    authScopes: anyWrite,
    description:
      'Changes the fields sent of an open dispute. Credit may change any; anyone else one they opened, own, or on an account they manage. Only credit or the current owner may change ownerId.',
    args: { input: t.arg({ type: UpdateDisputeInput, required: true }) },
    resolve: async (_root, { input }, ctx) => {
      const { disputeId, ...rest } = input;
      const fields: Record<string, unknown> = { ...rest };
      if ('ownerId' in rest) fields.ownerId = idOf('User', rest.ownerId, 'input.ownerId');
      if (rest.reason === null) fields.reason = undefined;
      if (rest.ownerTeam === null) fields.ownerTeam = undefined;
      const dispute = await updateDispute(ctx.prisma, ctx.viewer, disputeIdFrom(disputeId), fields);
      await recomputeAfterCommit(ctx.services, dispute.accountId, 'dispute.update');
      return { disputeId: dispute.id };
    },
  }),
);

const ResolveDisputeInput = builder.inputType('ResolveDisputeInput', {
  fields: (t) => ({
    disputeId: t.id({ required: true }),
    resolution: t.string({ required: true, description: 'How it ended: credit note issued, goods re-delivered, customer will pay…' }),
    cancelled: t.boolean({ required: false, description: 'True: raised by mistake (CANCELLED instead of RESOLVED).' }),
  }),
});

builder.mutationField('resolveDispute', (t) =>
  t.field({
    type: DisputePayload,
    authScopes: anyWrite,
    description: 'Credit or the dispute’s owner. Its invoices count as ordinary receivables again at once.',
    args: { input: t.arg({ type: ResolveDisputeInput, required: true }) },
    resolve: async (_root, { input }, ctx) => {
      const dispute = await resolveDispute(ctx.prisma, ctx.viewer, disputeIdFrom(input.disputeId), {
        resolution: input.resolution,
        cancelled: input.cancelled,
      });
      await recomputeAfterCommit(ctx.services, dispute.accountId, 'dispute.resolve');
      return { disputeId: dispute.id };
    },
  }),
);
