import type { AlertRule, AlertStatus } from '@earshot/shared';
import type { Prisma } from '../../generated/prisma/client.js';
import { isCreditViewer, seesCreditFigures } from '../../auth/tokens.js';
import { evidenceForReaders, salesSafeAlertDetail } from '../../domain/alert-rules.js';
import { audit } from '../../services/audit.js';
import { builder, figure, readAccounts } from '../builder.js';
import { badInput, forbidden, notFound } from '../errors.js';
import { idOf } from '../ids.js';
import { AlertRuleEnum, AlertStatusEnum } from './enums.js';

export const AlertRef = builder.prismaNode('Alert', {
  id: { field: 'id' },
  // Select mode: a row reads the columns of the fields asked for (the evidence only when asked), not every column (issue 12).
  select: { id: true },
  // A well-formed id of a missing row: node(id) answers null (findUnique), not an internal error.
  nullable: true,
  authScopes: readAccounts,
  fields: (t) => ({
    rule: t.expose('rule', { type: AlertRuleEnum }),
    title: t.exposeString('title'),
    detail: t.string({
      nullable: true,
      description: "With the ledger's figures for those who see figures; the condition in words for everyone else.",
      select: { rule: true, title: true, detail: true },
      resolve: (a, _args, ctx) => (seesCreditFigures(ctx.viewer) ? a.detail : salesSafeAlertDetail(a)),
    }),
    severity: t.exposeInt('severity'),
    status: t.expose('status', { type: AlertStatusEnum }),
    evidence: t.field({
      type: 'JSON',
      nullable: true,
      description:
        'Invoice and signal ids and the figures behind the alert (amounts as decimal strings in major units, "36000.00"; days and counts as numbers): null unless the viewer sees credit figures.',
      ...figure,
      select: { evidence: true },
      resolve: (a) => evidenceForReaders(a.evidence),
    }),
    createdAt: t.expose('createdAt', { type: 'DateTime' }),
    acknowledgedAt: t.expose('acknowledgedAt', { type: 'DateTime', nullable: true }),
    reopenedAt: t.expose('reopenedAt', { type: 'DateTime', nullable: true, description: 'When the condition last came back after the alert was resolved.' }),
    resolvedAt: t.expose('resolvedAt', { type: 'DateTime', nullable: true }),
    owner: t.relation('owner', { nullable: true }),
    account: t.relation('account'),
  }),
});

const AlertFilter = builder.inputType('AlertFilter', {
  fields: (t) => ({
    status: t.field({ type: [AlertStatusEnum], required: false, description: 'Default: OPEN and ACKNOWLEDGED.' }),
    rule: t.field({ type: [AlertRuleEnum], required: false }),
    accountId: t.id({ required: false }),
    mine: t.boolean({ required: false, description: 'Only alerts owned by the viewer or on accounts they manage.' }),
  }),
});

builder.queryField('alerts', (t) =>
  t.prismaConnection({
    type: 'Alert',
    cursor: 'id',
    maxSize: 100,
    defaultSize: 25,
    authScopes: readAccounts,
    args: { filter: t.arg({ type: AlertFilter, required: false }) },
    totalCount: (_p, args, ctx) => ctx.prisma.alert.count({ where: alertWhere(args.filter, ctx.viewer?.userId) }),
    resolve: (query, _root, args, ctx) =>
      ctx.prisma.alert.findMany({ ...query, where: alertWhere(args.filter, ctx.viewer?.userId), orderBy: [{ severity: 'desc' }, { createdAt: 'desc' }, { id: 'desc' }] }),
  }),
);

type AlertFilterArg = { status?: AlertStatus[] | null; rule?: AlertRule[] | null; accountId?: string | number | null; mine?: boolean | null } | null | undefined;

function alertWhere(filter: AlertFilterArg, viewerId: string | undefined): Prisma.AlertWhereInput {
  const and: Prisma.AlertWhereInput[] = [{ status: { in: filter?.status?.length ? filter.status : ['OPEN', 'ACKNOWLEDGED'] } }];
  if (filter?.rule?.length) and.push({ rule: { in: filter.rule } });
  if (filter?.accountId) and.push({ accountId: idOf('Account', filter.accountId, 'filter.accountId')! });
  if (filter?.mine && viewerId) and.push({ OR: [{ ownerId: viewerId }, { account: { accountManagerId: viewerId } }, { account: { creditOwnerId: viewerId } }] });
  return { AND: and };
}

const AlertActionInput = builder.inputType('AlertActionInput', { fields: (t) => ({ id: t.id({ required: true }) }) });
const AlertPayload = builder.objectRef<{ alertId: string }>('AlertPayload').implement({
  fields: (t) => ({
    alert: t.prismaField({ type: AlertRef, resolve: (query, p, _a, ctx) => ctx.prisma.alert.findUniqueOrThrow({ ...query, where: { id: p.alertId } }) }),
  }),
});

for (const [name, status] of [
  ['acknowledgeAlert', 'ACKNOWLEDGED'],
  ['resolveAlert', 'RESOLVED'],
] as const) {
  builder.mutationField(name, (t) =>
    t.field({
      type: AlertPayload,
      authScopes: { $all: { writer: true, scopes: ['alerts:write', 'accounts:read'] } },
      description:
        status === 'RESOLVED'
          ? 'Closes the alert (credit, or the alert’s owner). While its condition still holds it is not raised again for 30 days.'
          : 'Someone is on it: the alert stays open and visible, marked as acknowledged.',
      args: { input: t.arg({ type: AlertActionInput, required: true }) },
      resolve: async (_root, { input }, ctx) => {
        const id = idOf('Alert', input.id, 'input.id')!;
        const alert = await ctx.prisma.alert.findUnique({ where: { id } });
        if (!alert) throw notFound('Alert');
        if (alert.status === 'RESOLVED') throw badInput('input.id: this alert is already resolved', 'input.id');
        const now = new Date();
        const viewer = ctx.viewer!;
        // Anyone on the account may say they are on it; closing is the credit team's call (an over-limit or overdue
        // alert is theirs), or the owner's for an alert given to them (a key account gone quiet: its account manager).
        if (status === 'RESOLVED' && !isCreditViewer(viewer) && alert.ownerId !== viewer.userId) {
          throw forbidden('Only the credit team or the alert’s owner can resolve it; acknowledge it to say you are on it.');
        }
        await ctx.prisma.$transaction(async (tx) => {
          await tx.alert.update({
            where: { id },
            data: status === 'RESOLVED' ? { status, resolvedAt: now, resolvedById: viewer.userId } : { status, acknowledgedAt: now, acknowledgedById: viewer.userId },
          });
          await audit(tx, viewer, `alert.${status === 'RESOLVED' ? 'resolve' : 'acknowledge'}`, 'Alert', id, { rule: alert.rule });
        });
        await ctx.services.events.accountUpdated(alert.accountId);
        return { alertId: id };
      },
    }),
  );
}
