/**
 * Health-check reviews (seed 002) in GraphQL: the HealthCheck node with its four checks (figures for those who see
 * credit figures, words for everyone who reads the account), the month's plan per credit owner, the review
 * policy, exchange rates into the reporting currency and the workspace settings. The work is in
 * services/health-checks.ts and services/workspace-settings.ts; these types stay thin.
 */
import { HEALTH_CHECK_OUTCOMES, HEALTH_CHECK_STATUSES, RISK_LEVELS, SALES_VIEWS } from '@earshot/shared';
import { hasScope, seesCreditFigures } from '../../auth/tokens.js';
import { REVIEW_INTERVAL_DAYS } from '../../domain/review-schedule.js';
import type { HealthCheck, Prisma } from '../../generated/prisma/client.js';
import {
  cancelHealthCheck,
  completeHealthCheck,
  frozenEvidence,
  inMonth,
  liveEvidence,
  monthSchema,
  type OwnerLoad,
  readReviewPolicy,
  reviewPlan,
  scheduleReviews,
  setExchangeRate,
  setReviewCapacity,
  setReviewPolicy,
  startHealthCheck,
  type StoredEvidence,
} from '../../services/health-checks.js';
import { recomputeAfterCommit } from '../../services/index.js';
import { validate } from '../../services/validation.js';
import { readWorkspaceSettings, updateWorkspaceSettings, type WorkspaceSettings } from '../../services/workspace-settings.js';
import { builder, figure, readAccounts } from '../builder.js';
import type { Context } from '../context.js';
import { badInput } from '../errors.js';
import { idOf } from '../ids.js';
import { adminOnly, UserPayload } from './admin.js';
import { RiskLevelEnum } from './enums.js';
import { UserRef } from './user.js';

export const HealthCheckStatusEnum = builder.enumType('HealthCheckStatus', { values: HEALTH_CHECK_STATUSES });
export const HealthCheckOutcomeEnum = builder.enumType('HealthCheckOutcome', { values: HEALTH_CHECK_OUTCOMES });
export const SalesViewEnum = builder.enumType('SalesView', { values: SALES_VIEWS });

/** Reviews are the credit team's work; the mutations answer with the review, so they need accounts:read too. */
const creditWrite = { $all: { role: ['ADMIN', 'CREDIT'], scopes: ['accounts:write', 'accounts:read'] } } as const;
/** The plan and the rates: the credit team. */
const creditRead = { $all: { credit: true, scope: 'accounts:read' } } as const;
const isAdmin = (ctx: Context) => ctx.viewer?.role === 'ADMIN' && hasScope(ctx.viewer, 'admin');
const isoDay = (d: Date) => d.toISOString().slice(0, 10);

// ---- the checks ------------------------------------------------------------------------------------------------

interface ChecksShape {
  ev: StoredEvidence;
  hc: HealthCheck;
}

const reportById = (id: string | null) => (query: object, _p: unknown, _a: unknown, ctx: Context) =>
  id ? ctx.prisma.creditReport.findUnique({ ...(query as Record<string, never>), where: { id } }) : null;

const CreditReportCheck = builder.objectRef<ChecksShape>('CreditReportCheck').implement({
  description: '(1) Credit report updated: the report on file when the review started, and the latest.',
  fields: (t) => ({
    latest: t.prismaField({ type: 'CreditReport', nullable: true, ...figure, resolve: (q, c, a, ctx) => reportById(c.ev.creditReport.latestId)(q, c, a, ctx) }),
    previous: t.prismaField({ type: 'CreditReport', nullable: true, ...figure, resolve: (q, c, a, ctx) => reportById(c.ev.creditReport.previousId)(q, c, a, ctx) }),
    scoreBefore: t.int({ nullable: true, ...figure, resolve: (c) => c.ev.creditReport.scoreBefore }),
    scoreAfter: t.int({ nullable: true, ...figure, resolve: (c) => c.ev.creditReport.scoreAfter }),
    updatedDuringReview: t.boolean({ resolve: (c) => c.ev.creditReport.updatedDuringReview }),
    checked: t.boolean({ nullable: true, description: 'What the reviewer recorded (null until completed).', resolve: (c) => c.hc.creditReportChecked }),
    note: t.string({ nullable: true, ...figure, resolve: (c) => c.hc.creditReportNote }),
  }),
});

const BankDetailsCheck = builder.objectRef<ChecksShape>('BankDetailsCheck').implement({
  description: '(2) Bank details unchanged since the last completed review (or ever, for a first review).',
  fields: (t) => ({
    changedSinceLastReview: t.boolean({ resolve: (c) => c.ev.bankDetails.changedSinceLastReview }),
    changes: t.int({ description: 'Recordings since the last completed review.', resolve: (c) => c.ev.bankDetails.changes }),
    lastChangeAt: t.field({ type: 'DateTime', nullable: true, resolve: (c) => c.ev.bankDetails.lastChangeAt }),
    unchanged: t.boolean({ nullable: true, description: 'What the reviewer recorded.', resolve: (c) => c.hc.bankDetailsUnchanged }),
    note: t.string({ nullable: true, ...figure, resolve: (c) => c.hc.bankDetailsNote }),
  }),
});

const PurchaseMonth = builder.objectRef<{ month: string; invoiced: string }>('PurchaseMonth').implement({
  fields: (t) => ({ month: t.exposeString('month', { description: 'YYYY-MM' }), invoiced: t.expose('invoiced', { type: 'Decimal' }) }),
});

const PurchasesCheck = builder.objectRef<ChecksShape>('PurchasesCheck').implement({
  description: '(3) Actual vs anticipated purchases over the last 3 full months.',
  fields: (t) => ({
    currency: t.string({ resolve: (c) => c.ev.purchases.currency }),
    anticipatedMonthly: t.field({ type: 'Decimal', nullable: true, ...figure, resolve: (c) => c.ev.purchases.anticipatedMonthly }),
    months: t.field({
      type: [PurchaseMonth],
      description: 'The last 3 full months, oldest first; an empty list for whoever does not see credit figures.',
      resolve: (c, _a, ctx) => (seesCreditFigures(ctx.viewer) ? c.ev.purchases.months : []),
    }),
    averageMonthly: t.field({ type: 'Decimal', nullable: true, ...figure, resolve: (c) => c.ev.purchases.averageMonthly }),
    ratio: t.float({ nullable: true, ...figure, description: 'Actual ÷ anticipated; null without a plan.', resolve: (c) => c.ev.purchases.ratio }),
    summary: t.string({
      description:
        'In words: "Buying about as planned", "No plan recorded"; it says when invoices in other currencies were converted or left out for want of a rate. The credit team reads the day of the rates used; others read no figures.',
      resolve: (c, _a, ctx) => (seesCreditFigures(ctx.viewer) ? (c.ev.purchases.detail ?? c.ev.purchases.summary) : c.ev.purchases.summary),
    }),
    note: t.string({ nullable: true, ...figure, resolve: (c) => c.hc.purchasesNote }),
  }),
});

const PaymentPatternCheck = builder.objectRef<ChecksShape>('PaymentPatternCheck').implement({
  description: '(4) Payment pattern consistent with the account’s own history.',
  fields: (t) => ({
    consistent: t.boolean({
      nullable: true,
      description:
        'Suggested from the payment-behaviour series, open invoices past due (at their days outstanding so far) and the account’s payment trend (SLIPPING is never consistent); null without enough history.',
      resolve: (c) => c.ev.paymentPattern.consistent,
    }),
    recentAvgDaysToPay: t.float({ nullable: true, ...figure, resolve: (c) => c.ev.paymentPattern.recentAvgDaysToPay }),
    priorAvgDaysToPay: t.float({ nullable: true, ...figure, resolve: (c) => c.ev.paymentPattern.priorAvgDaysToPay }),
    summary: t.string({
      description: 'Why, in words ("Some invoices are well past due"); the credit team reads the figures ("3 invoices unpaid 26–86 days past due").',
      resolve: (c, _a, ctx) => (seesCreditFigures(ctx.viewer) ? (c.ev.paymentPattern.detail ?? c.ev.paymentPattern.summary) : c.ev.paymentPattern.summary),
    }),
    confirmed: t.boolean({ nullable: true, description: 'What the reviewer recorded.', resolve: (c) => c.hc.paymentPatternConsistent }),
    note: t.string({ nullable: true, ...figure, resolve: (c) => c.hc.paymentPatternNote }),
  }),
});

const HealthCheckChecks = builder.objectRef<ChecksShape>('HealthCheckChecks').implement({
  fields: (t) => ({
    creditReport: t.field({ type: CreditReportCheck, resolve: (c) => c }),
    bankDetails: t.field({ type: BankDetailsCheck, resolve: (c) => c }),
    purchases: t.field({ type: PurchasesCheck, resolve: (c) => c }),
    paymentPattern: t.field({ type: PaymentPatternCheck, resolve: (c) => c }),
  }),
});

const userById = (id: string | null, query: object, ctx: Context) => (id ? ctx.prisma.user.findUnique({ ...(query as Record<string, never>), where: { id } }) : null);

export const HealthCheckRef = builder.prismaNode('HealthCheck', {
  id: { field: 'id' },
  nullable: true,
  authScopes: readAccounts,
  description: 'A routine health-check review of one customer by its credit owner (seed 002).',
  fields: (t) => ({
    account: t.relation('account'),
    reviewer: t.relation('reviewer', { nullable: true, description: 'The credit owner doing it.' }),
    status: t.expose('status', { type: HealthCheckStatusEnum }),
    plannedMonth: t.exposeString('plannedMonth', { nullable: true, description: 'YYYY-MM when planned by scheduleReviews.' }),
    dueOn: t.string({ description: 'YYYY-MM-DD', resolve: (hc) => isoDay(hc.dueAt) }),
    startedAt: t.expose('startedAt', { type: 'DateTime', nullable: true }),
    completedAt: t.expose('completedAt', { type: 'DateTime', nullable: true }),
    completedBy: t.prismaField({ type: UserRef, nullable: true, resolve: (q, hc, _a, ctx) => userById(hc.completedById, q, ctx) }),
    checks: t.field({
      type: HealthCheckChecks,
      description: 'Evidence pre-filled live while the review is open; the frozen copy once it is DONE.',
      resolve: async (hc, _a, ctx) => ({ hc, ev: frozenEvidence(hc.evidence) ?? (await liveEvidence(ctx.prisma, hc)) }),
    }),
    salesView: t.expose('salesView', { type: SalesViewEnum, nullable: true }),
    salesComment: t.exposeString('salesComment', { nullable: true }),
    salesViewBy: t.prismaField({ type: UserRef, nullable: true, resolve: (q, hc, _a, ctx) => userById(hc.salesViewById, q, ctx) }),
    salesViewAt: t.expose('salesViewAt', { type: 'DateTime', nullable: true }),
    outcome: t.expose('outcome', { type: HealthCheckOutcomeEnum, nullable: true }),
    outcomeNote: t.exposeString('outcomeNote', { nullable: true, ...figure, description: 'The reviewer’s note (for a cancelled review: why). Credit team only.' }),
    newCreditLimit: t.expose('newCreditLimit', { type: 'Decimal', nullable: true, ...figure }),
    putOnHold: t.exposeBoolean('putOnHold', { nullable: true }),
    holdReason: t.exposeString('holdReason', { nullable: true }),
    nextReviewAt: t.expose('nextReviewAt', { type: 'DateTime', nullable: true }),
    createdAt: t.expose('createdAt', { type: 'DateTime' }),
  }),
});

// ---- on Account and User ---------------------------------------------------------------------------------------

builder.prismaObjectField('Account', 'healthChecks', (t) =>
  t.relatedConnection('healthChecks', {
    cursor: 'id',
    totalCount: true,
    args: { status: t.arg({ type: [HealthCheckStatusEnum], required: false }) },
    description: 'Reviews of this account, latest due first.',
    query: (args) => ({ where: args.status?.length ? { status: { in: args.status } } : {}, orderBy: [{ dueAt: 'desc' }, { id: 'desc' }] }),
  }),
);

builder.prismaObjectField('Account', 'openHealthCheck', (t) =>
  t.prismaField({
    type: HealthCheckRef,
    nullable: true,
    description: 'The PLANNED or IN_PROGRESS review, if any.',
    resolve: (q, a, _args, ctx) =>
      ctx.prisma.healthCheck.findFirst({ ...q, where: { accountId: a.id, status: { in: ['PLANNED', 'IN_PROGRESS'] } }, orderBy: [{ createdAt: 'desc' }, { id: 'desc' }] }),
  }),
);

builder.prismaObjectField('User', 'reviewCapacity', (t) =>
  t.int({
    nullable: true,
    select: { reviewCapacity: true },
    description: 'Reviews this credit owner does in a month (null: the workspace default). Shown to an admin and to the user themself.',
    resolve: (u, _a, ctx) => (isAdmin(ctx) || ctx.viewer?.userId === u.id ? u.reviewCapacity : null),
  }),
);

// ---- queries ---------------------------------------------------------------------------------------------------

const HealthCheckFilter = builder.inputType('HealthCheckFilter', {
  fields: (t) => ({
    month: t.string({ required: false, description: 'YYYY-MM: planned for the month, or (unplanned) due in it.' }),
    status: t.field({ type: [HealthCheckStatusEnum], required: false }),
    reviewerId: t.id({ required: false }),
    accountId: t.id({ required: false }),
    mine: t.boolean({ required: false, description: 'Reviews the viewer does.' }),
    dueBefore: t.string({ required: false, description: 'YYYY-MM-DD: due before this day.' }),
  }),
});

type FilterArg = {
  month?: string | null;
  status?: (typeof HEALTH_CHECK_STATUSES)[number][] | null;
  reviewerId?: string | number | null;
  accountId?: string | number | null;
  mine?: boolean | null;
  dueBefore?: string | null;
} | null;

function healthCheckWhere(filter: FilterArg | undefined, viewerId: string | undefined): Prisma.HealthCheckWhereInput {
  const and: Prisma.HealthCheckWhereInput[] = [];
  if (filter?.month) and.push(inMonth(validate(monthSchema, filter.month, 'filter.month')));
  if (filter?.status?.length) and.push({ status: { in: filter.status } });
  if (filter?.reviewerId) and.push({ reviewerId: idOf('User', filter.reviewerId, 'filter.reviewerId')! });
  if (filter?.accountId) and.push({ accountId: idOf('Account', filter.accountId, 'filter.accountId')! });
  if (filter?.mine) and.push({ reviewerId: viewerId ?? '' });
  if (filter?.dueBefore) {
    const d = /^\d{4}-\d{2}-\d{2}$/.test(filter.dueBefore) ? new Date(`${filter.dueBefore}T00:00:00.000Z`) : null;
    if (!d || Number.isNaN(d.getTime()) || !d.toISOString().startsWith(filter.dueBefore)) throw badInput('filter.dueBefore: must be a date as YYYY-MM-DD', 'filter.dueBefore');
    and.push({ dueAt: { lt: d } });
  }
  return { AND: and };
}

builder.queryField('healthChecks', (t) =>
  t.prismaConnection({
    type: HealthCheckRef,
    cursor: 'id',
    maxSize: 100,
    defaultSize: 25,
    authScopes: readAccounts,
    description: 'Health-check reviews, the earliest due first.',
    args: { filter: t.arg({ type: HealthCheckFilter, required: false }) },
    totalCount: (_p, args, ctx) => ctx.prisma.healthCheck.count({ where: healthCheckWhere(args.filter, ctx.viewer?.userId) }),
    resolve: (query, _r, args, ctx) =>
      ctx.prisma.healthCheck.findMany({ ...query, where: healthCheckWhere(args.filter, ctx.viewer?.userId), orderBy: [{ dueAt: 'asc' }, { id: 'asc' }] }),
  }),
);

const ReviewOwnerLoad = builder.objectRef<OwnerLoad>('ReviewOwnerLoad').implement({
  fields: (t) => ({
    owner: t.prismaField({ type: UserRef, resolve: (q, o, _a, ctx) => ctx.prisma.user.findUniqueOrThrow({ ...q, where: { id: o.ownerId } }) }),
    capacity: t.exposeInt('capacity'),
    planned: t.exposeInt('planned'),
    inProgress: t.exposeInt('inProgress'),
    done: t.exposeInt('done'),
  }),
});

const ReviewPlanMonth = builder.objectRef<Awaited<ReturnType<typeof reviewPlan>>>('ReviewPlanMonth').implement({
  fields: (t) => ({
    month: t.exposeString('month'),
    reportingCurrency: t.exposeString('reportingCurrency'),
    owners: t.field({ type: [ReviewOwnerLoad], resolve: (p) => p.owners }),
    unassigned: t.exposeInt('unassigned', { description: 'Open reviews of the month for accounts without a credit owner.' }),
    unconvertedCurrencies: t.exposeStringList('unconvertedCurrencies', {
      description:
        'Currencies without a rate into the reporting currency among the accounts of the month (reviewed in it, or due by its end): those accounts are ordered after the converted ones. scheduleReviews names the same.',
    }),
  }),
});

builder.queryField('reviewPlan', (t) =>
  t.field({
    type: ReviewPlanMonth,
    authScopes: creditRead,
    args: { month: t.arg.string({ required: true, description: 'YYYY-MM' }) },
    resolve: (_r, args, ctx) => reviewPlan(ctx.prisma, args.month),
  }),
);

type PolicyEntry = { riskLevel: (typeof RISK_LEVELS)[number]; intervalDays: number; isDefault: boolean };
const ReviewPolicyEntry = builder.objectRef<PolicyEntry>('ReviewPolicyEntry').implement({
  fields: (t) => ({
    riskLevel: t.expose('riskLevel', { type: RiskLevelEnum }),
    intervalDays: t.exposeInt('intervalDays'),
    isDefault: t.exposeBoolean('isDefault'),
  }),
});

async function policyEntries(ctx: Context): Promise<PolicyEntry[]> {
  const policy = await readReviewPolicy(ctx.prisma);
  const rows = new Set((await ctx.prisma.reviewPolicy.findMany({ select: { riskLevel: true } })).map((r) => r.riskLevel));
  return [...RISK_LEVELS]
    .sort((a, b) => REVIEW_INTERVAL_DAYS[a] - REVIEW_INTERVAL_DAYS[b])
    .map((riskLevel) => ({ riskLevel, intervalDays: policy[riskLevel], isDefault: !rows.has(riskLevel) }));
}

builder.queryField('reviewPolicy', (t) =>
  t.field({ type: [ReviewPolicyEntry], authScopes: { signedIn: true }, description: 'Days between reviews per risk level, riskiest first.', resolve: (_r, _a, ctx) => policyEntries(ctx) }),
);

type RateRow = { base: string; currency: string; rate: { toString(): string }; asOf: Date; updatedAt: Date };
const ExchangeRateRef = builder.objectRef<RateRow>('ExchangeRate').implement({
  description: '1 unit of `currency` = `rate` units of `base` (the reporting currency).',
  fields: (t) => ({
    base: t.exposeString('base'),
    currency: t.exposeString('currency'),
    rate: t.string({ resolve: (r) => r.rate.toString() }),
    asOf: t.string({ description: 'YYYY-MM-DD', resolve: (r) => isoDay(r.asOf) }),
    updatedAt: t.expose('updatedAt', { type: 'DateTime' }),
  }),
});

builder.queryField('exchangeRates', (t) =>
  t.field({
    type: [ExchangeRateRef],
    authScopes: creditRead,
    description: 'Rates into the current reporting currency.',
    resolve: async (_r, _a, ctx) => {
      const { reportingCurrency } = await readWorkspaceSettings(ctx.prisma);
      return ctx.prisma.exchangeRate.findMany({ where: { base: reportingCurrency }, orderBy: { currency: 'asc' } });
    },
  }),
);

const WorkspaceSettingsRef = builder.objectRef<WorkspaceSettings>('WorkspaceSettings').implement({
  fields: (t) => ({
    reportingCurrency: t.exposeString('reportingCurrency'),
    reviewMonthlyCapacity: t.exposeInt('reviewMonthlyCapacity'),
    intelReminderDays: t.exposeInt('intelReminderDays'),
    intelExpiryDays: t.exposeInt('intelExpiryDays'),
    ownDomains: t.exposeStringList('ownDomains', {
      description:
        "The company's own domains (and their sub-domains): never matched to a customer; the extension leaves them out of every page. Readable by every signed-in user, set by ADMIN.",
    }),
  }),
});

builder.queryField('workspaceSettings', (t) =>
  t.field({ type: WorkspaceSettingsRef, authScopes: { signedIn: true }, resolve: (_r, _a, ctx) => readWorkspaceSettings(ctx.prisma) }),
);

// ---- mutations -------------------------------------------------------------------------------------------------

const HealthCheckPayload = builder.objectRef<{ healthCheckId: string }>('HealthCheckPayload').implement({
  fields: (t) => ({
    healthCheck: t.prismaField({ type: HealthCheckRef, resolve: (q, p, _a, ctx) => ctx.prisma.healthCheck.findUniqueOrThrow({ ...q, where: { id: p.healthCheckId } }) }),
  }),
});

const requiredId = (typename: string, gid: string | number | null | undefined, field: string) => {
  const id = idOf(typename, gid, field);
  if (!id) throw badInput(`${field} is required`, field);
  return id;
};

const ScheduleReviewsPayload = builder.objectRef<{ reviewIds: string[]; month: string; unconvertedCurrencies: string[] }>('ScheduleReviewsPayload').implement({
  fields: (t) => ({
    reviews: t.prismaField({
      type: [HealthCheckRef],
      description: 'The reviews planned by this call (none when the month was already planned).',
      resolve: (q, p, _a, ctx) => ctx.prisma.healthCheck.findMany({ ...q, where: { id: { in: p.reviewIds } }, orderBy: [{ dueAt: 'asc' }, { id: 'asc' }] }),
    }),
    month: t.exposeString('month'),
    unconvertedCurrencies: t.exposeStringList('unconvertedCurrencies', { description: 'As reviewPlan(month).unconvertedCurrencies after this run.' }),
  }),
});

builder.mutationField('scheduleReviews', (t) =>
  t.field({
    type: ScheduleReviewsPayload,
    authScopes: creditWrite,
    description: 'Plans the month’s reviews per credit owner, up to each one’s capacity: the current month or the next (UTC). Running it again plans nothing twice.',
    args: { input: t.arg({ type: builder.inputType('ScheduleReviewsInput', { fields: (f) => ({ month: f.string({ required: true }) }) }), required: true }) },
    resolve: (_r, { input }, ctx) => scheduleReviews(ctx.prisma, ctx.viewer, input.month),
  }),
);

const StartHealthCheckInput = builder.inputType('StartHealthCheckInput', {
  fields: (t) => ({
    healthCheckId: t.id({ required: false }),
    accountId: t.id({ required: false, description: 'Start the account’s open review, or an unplanned one now.' }),
    askSalesView: t.boolean({ required: false, defaultValue: true, description: 'Ask the account manager for their view (an intel request).' }),
    salesViewDueAt: t.field({ type: 'DateTime', required: false, description: 'Default: in 5 days.' }),
  }),
});

builder.mutationField('startHealthCheck', (t) =>
  t.field({
    type: HealthCheckPayload,
    authScopes: creditWrite,
    args: { input: t.arg({ type: StartHealthCheckInput, required: true }) },
    resolve: async (_r, { input }, ctx) =>
      startHealthCheck(ctx.prisma, ctx.viewer, {
        healthCheckId: idOf('HealthCheck', input.healthCheckId, 'input.healthCheckId'),
        accountId: idOf('Account', input.accountId, 'input.accountId'),
        askSalesView: input.askSalesView,
        salesViewDueAt: input.salesViewDueAt,
      }),
  }),
);

const CompleteHealthCheckInput = builder.inputType('CompleteHealthCheckInput', {
  fields: (t) => ({
    healthCheckId: t.id({ required: true }),
    creditReportChecked: t.boolean({ required: true }),
    creditReportNote: t.string({ required: false }),
    bankDetailsUnchanged: t.boolean({ required: true }),
    bankDetailsNote: t.string({ required: false }),
    purchasesNote: t.string({ required: false }),
    paymentPatternConsistent: t.boolean({ required: true }),
    paymentPatternNote: t.string({ required: false }),
    salesView: t.field({ type: SalesViewEnum, required: false, description: 'When sales told credit another way.' }),
    salesComment: t.string({ required: false }),
    outcome: t.field({ type: HealthCheckOutcomeEnum, required: true }),
    outcomeNote: t.string({ required: false, description: 'Required for ESCALATE.' }),
    newCreditLimit: t.field({ type: 'Decimal', required: false }),
    putOnHold: t.boolean({ required: false, description: 'true: put on hold (holdReason required); false: lift a hold.' }),
    holdReason: t.string({ required: false }),
    nextReviewAt: t.field({ type: 'DateTime', required: false, description: 'Default: the policy’s interval for the account’s risk level from today; never later.' }),
  }),
});

builder.mutationField('completeHealthCheck', (t) =>
  t.field({
    type: HealthCheckPayload,
    authScopes: creditWrite,
    args: { input: t.arg({ type: CompleteHealthCheckInput, required: true }) },
    resolve: async (_r, { input }, ctx) => {
      const { healthCheckId, ...rest } = input;
      const r = await completeHealthCheck(ctx.prisma, ctx.viewer, requiredId('HealthCheck', healthCheckId, 'input.healthCheckId'), rest);
      await recomputeAfterCommit(ctx.services, r.accountId, 'healthCheck.complete');
      return { healthCheckId: r.healthCheckId };
    },
  }),
);

builder.mutationField('cancelHealthCheck', (t) =>
  t.field({
    type: HealthCheckPayload,
    authScopes: creditWrite,
    args: {
      input: t.arg({
        type: builder.inputType('CancelHealthCheckInput', { fields: (f) => ({ healthCheckId: f.id({ required: true }), reason: f.string({ required: true }) }) }),
        required: true,
      }),
    },
    resolve: async (_r, { input }, ctx) => cancelHealthCheck(ctx.prisma, ctx.viewer, requiredId('HealthCheck', input.healthCheckId, 'input.healthCheckId'), input.reason),
  }),
);

const ReviewPolicyPayload = builder.objectRef<Record<string, never>>('ReviewPolicyPayload').implement({
  fields: (t) => ({ policy: t.field({ type: [ReviewPolicyEntry], resolve: (_p, _a, ctx) => policyEntries(ctx) }) }),
});

builder.mutationField('setReviewPolicy', (t) =>
  t.field({
    type: ReviewPolicyPayload,
    authScopes: adminOnly,
    args: {
      input: t.arg({
        type: builder.inputType('SetReviewPolicyInput', {
          fields: (f) => ({
            riskLevel: f.field({ type: RiskLevelEnum, required: true }),
            intervalDays: f.int({ required: false, description: 'Days between reviews (7–366); null: back to the default.' }),
          }),
        }),
        required: true,
      }),
    },
    resolve: async (_r, { input }, ctx) => {
      await setReviewPolicy(ctx.prisma, ctx.viewer, input);
      // Every account's next review moves with the policy.
      const ids = await ctx.prisma.account.findMany({ select: { id: true } });
      await ctx.services.accountsChanged(
        ids.map((a) => a.id),
        'reviewPolicy.set',
      );
      return {};
    },
  }),
);

builder.mutationField('setReviewCapacity', (t) =>
  t.field({
    type: UserPayload,
    authScopes: adminOnly,
    args: {
      input: t.arg({
        type: builder.inputType('SetReviewCapacityInput', {
          fields: (f) => ({ userId: f.id({ required: true }), capacity: f.int({ required: false, description: 'Reviews a month; null: the workspace default.' }) }),
        }),
        required: true,
      }),
    },
    resolve: async (_r, { input }, ctx) => ({ userId: await setReviewCapacity(ctx.prisma, ctx.viewer, requiredId('User', input.userId, 'input.userId'), input.capacity) }),
  }),
);

const ExchangeRatePayload = builder.objectRef<{ base: string; currency: string }>('ExchangeRatePayload').implement({
  fields: (t) => ({
    exchangeRate: t.field({
      type: ExchangeRateRef,
      resolve: (p, _a, ctx) => ctx.prisma.exchangeRate.findUniqueOrThrow({ where: { base_currency: { base: p.base, currency: p.currency } } }),
    }),
  }),
});

builder.mutationField('setExchangeRate', (t) =>
  t.field({
    type: ExchangeRatePayload,
    authScopes: adminOnly,
    args: {
      input: t.arg({
        type: builder.inputType('SetExchangeRateInput', {
          fields: (f) => ({
            currency: f.string({ required: true, description: 'ISO 4217' }),
            rate: f.string({ required: true, description: 'Units of the reporting currency for 1 unit of `currency` (up to 10 decimals).' }),
            asOf: f.string({ required: true, description: 'YYYY-MM-DD: the day the rate is from.' }),
          }),
        }),
        required: true,
      }),
    },
    resolve: (_r, { input }, ctx) => setExchangeRate(ctx.prisma, ctx.viewer, input, ctx.services),
  }),
);

const WorkspaceSettingsPayload = builder.objectRef<WorkspaceSettings>('WorkspaceSettingsPayload').implement({
  fields: (t) => ({ workspaceSettings: t.field({ type: WorkspaceSettingsRef, resolve: (s) => s }) }),
});

builder.mutationField('updateWorkspaceSettings', (t) =>
  t.field({
    type: WorkspaceSettingsPayload,
    authScopes: adminOnly,
    args: {
      input: t.arg({
        type: builder.inputType('UpdateWorkspaceSettingsInput', {
          fields: (f) => ({
            reportingCurrency: f.string({ required: false }),
            reviewMonthlyCapacity: f.int({ required: false }),
            intelReminderDays: f.int({ required: false }),
            intelExpiryDays: f.int({ required: false }),
            ownDomains: f.stringList({ required: false, description: "The company's own domains; replaces the list (at most 50; no free-mail domains, none of an account's)." }),
          }),
        }),
        required: true,
      }),
    },
    resolve: (_r, { input }, ctx) => updateWorkspaceSettings(ctx.prisma, ctx.viewer, input, ctx.services),
  }),
);
