/** Action items (seed 004): agreed at a visit or on an account; an owner (user or customer contact), a due date. */
import { ACTION_ITEM_STATUSES, type ActionItemStatus } from '@earshot/shared';
import type { Prisma } from '../../generated/prisma/client.js';
import { isActionItemOverdue, startOfUtcDay } from '../../domain/visit-status.js';
import { addActionItem, updateActionItem } from '../../services/action-items.js';
import { builder, readAccounts } from '../builder.js';
import type { Context } from '../context.js';
import { badInput } from '../errors.js';
import { accountIdFrom, idOf } from '../ids.js';
import { announce, visitWrite } from './visit-mutations.js';

export const ActionItemStatusEnum = builder.enumType('ActionItemStatus', { values: ACTION_ITEM_STATUSES });

export const ActionItemRef = builder.prismaNode('ActionItem', {
  id: { field: 'id' },
  nullable: true,
  authScopes: readAccounts,
  fields: (t) => ({
    account: t.relation('account'),
    visit: t.relation('visit', { nullable: true }),
    title: t.exposeString('title'),
    ownerUser: t.relation('ownerUser', { nullable: true }),
    ownerContact: t.relation('ownerContact', { nullable: true }),
    ownerName: t.string({
      description: 'The owner’s name (user or contact).',
      select: { ownerUser: { select: { name: true } }, ownerContact: { select: { name: true } } },
      resolve: (a) => a.ownerUser?.name ?? a.ownerContact?.name ?? 'Unassigned',
    }),
    dueOn: t.expose('dueOn', { type: 'DateTime', description: 'The day (midnight UTC).' }),
    status: t.expose('status', { type: ActionItemStatusEnum }),
    overdue: t.boolean({ description: 'OPEN and due before today (UTC).', resolve: (a) => isActionItemOverdue(a, new Date()) }),
    completedAt: t.expose('completedAt', { type: 'DateTime', nullable: true }),
    createdBy: t.relation('createdBy', { nullable: true }),
    createdAt: t.expose('createdAt', { type: 'DateTime' }),
  }),
});

builder.prismaObjectField('Account', 'actionItems', (t) =>
  t.relation('actionItems', {
    description: 'Action items on this customer (default: the open ones), the earliest due first.',
    args: { status: t.arg({ type: [ActionItemStatusEnum], required: false, defaultValue: ['OPEN'] }) },
    query: (args) => ({ where: args.status?.length ? { status: { in: args.status } } : {}, orderBy: [{ dueOn: 'asc' }, { id: 'asc' }], take: 200 }),
  }),
);

const ActionItemFilter = builder.inputType('ActionItemFilter', {
  fields: (t) => ({
    mine: t.boolean({ required: false, description: 'Owned or created by the viewer.' }),
    status: t.field({ type: [ActionItemStatusEnum], required: false }),
    overdue: t.boolean({ required: false, description: 'True: open and due before today; false: the others.' }),
    accountId: t.id({ required: false }),
  }),
});

type FilterArg = { mine?: boolean | null; status?: ActionItemStatus[] | null; overdue?: boolean | null; accountId?: string | number | null } | null | undefined;

function actionItemWhere(filter: FilterArg, viewerId: string | undefined): Prisma.ActionItemWhereInput {
  const and: Prisma.ActionItemWhereInput[] = [];
  if (filter?.status?.length) and.push({ status: { in: filter.status } });
  if (filter?.accountId) and.push({ accountId: accountIdFrom(String(filter.accountId), 'filter.accountId') });
  if (filter?.mine) and.push(viewerId ? { OR: [{ ownerUserId: viewerId }, { createdById: viewerId }] } : { id: { in: [] } });
  const overdue: Prisma.ActionItemWhereInput = { status: 'OPEN', dueOn: { lt: startOfUtcDay(new Date()) } };
  if (filter?.overdue === true) and.push(overdue);
  if (filter?.overdue === false) and.push({ NOT: overdue });
  return { AND: and };
}

builder.queryField('actionItems', (t) =>
  t.prismaConnection({
    type: ActionItemRef,
    cursor: 'id',
    authScopes: readAccounts,
    maxSize: 100,
    defaultSize: 25,
    description: 'Action items across accounts, the earliest due first.',
    args: { filter: t.arg({ type: ActionItemFilter, required: false }) },
    totalCount: (_p, args, ctx) => ctx.prisma.actionItem.count({ where: actionItemWhere(args.filter, ctx.viewer?.userId) }),
    resolve: (query, _r, args, ctx) =>
      ctx.prisma.actionItem.findMany({ ...query, where: actionItemWhere(args.filter, ctx.viewer?.userId), orderBy: [{ dueOn: 'asc' }, { id: 'asc' }] }),
  }),
);

const ActionItemPayload = builder.objectRef<{ actionItemId: string }>('ActionItemPayload').implement({
  fields: (t) => ({
    actionItem: t.prismaField({
      type: ActionItemRef,
      resolve: (query, p, _a, ctx) => ctx.prisma.actionItem.findUniqueOrThrow({ ...query, where: { id: p.actionItemId } }),
    }),
  }),
});

const AddActionItemInput = builder.inputType('AddActionItemInput', {
  fields: (t) => ({
    visitId: t.id({ required: false, description: 'The visit it was agreed at; or give accountId.' }),
    accountId: t.id({ required: false }),
    title: t.string({ required: true }),
    ownerUserId: t.id({ required: false, description: 'An internal owner; or ownerContactId (exactly one).' }),
    ownerContactId: t.id({ required: false, description: 'A contact of the customer.' }),
    dueOn: t.field({ type: 'DateTime', required: true, description: 'The day it is due (the time is ignored: UTC day).' }),
  }),
});

async function done(ctx: Context, item: { id: string; accountId: string }) {
  await announce(ctx, item.accountId, `action item ${item.id}`);
  return { actionItemId: item.id };
}

builder.mutationField('addActionItem', (t) =>
  t.field({
    type: ActionItemPayload,
    authScopes: visitWrite,
    description: 'On a visit: credit, its organizer or attendees. On an account (no visit): any writer.',
    args: { input: t.arg({ type: AddActionItemInput, required: true }) },
    resolve: async (_r, { input }, ctx) => {
      const item = await addActionItem(ctx.prisma, ctx.viewer, {
        visitId: idOf('Visit', input.visitId, 'input.visitId'),
        accountId: idOf('Account', input.accountId, 'input.accountId'),
        title: input.title,
        ownerUserId: idOf('User', input.ownerUserId, 'input.ownerUserId'),
        ownerContactId: idOf('Contact', input.ownerContactId, 'input.ownerContactId'),
        dueOn: input.dueOn,
      });
      return done(ctx, item);
    },
  }),
);

const UpdateActionItemInput = builder.inputType('UpdateActionItemInput', {
  fields: (t) => ({
    actionItemId: t.id({ required: true }),
    title: t.string({ required: false }),
    dueOn: t.field({ type: 'DateTime', required: false }),
    status: t.field({ type: ActionItemStatusEnum, required: false }),
    ownerUserId: t.id({ required: false, description: 'A new owner: a user, or ownerContactId (exactly one).' }),
    ownerContactId: t.id({ required: false }),
  }),
});

builder.mutationField('updateActionItem', (t) =>
  t.field({
    type: ActionItemPayload,
    authScopes: visitWrite,
    description: 'Credit, whoever created or owns it, or the visit’s organizer and attendees.',
    args: { input: t.arg({ type: UpdateActionItemInput, required: true }) },
    resolve: async (_r, { input }, ctx) => {
      const id = idOf('ActionItem', input.actionItemId, 'input.actionItemId');
      if (!id) throw badInput('input.actionItemId is required', 'input.actionItemId');
      const fields: Record<string, unknown> = {
        title: input.title ?? undefined,
        dueOn: input.dueOn ?? undefined,
        status: input.status ?? undefined,
      };
      if (input.ownerUserId !== undefined || input.ownerContactId !== undefined) {
        fields.ownerUserId = idOf('User', input.ownerUserId, 'input.ownerUserId');
        fields.ownerContactId = idOf('Contact', input.ownerContactId, 'input.ownerContactId');
      }
      return done(ctx, await updateActionItem(ctx.prisma, ctx.viewer, id, fields));
    },
  }),
);
