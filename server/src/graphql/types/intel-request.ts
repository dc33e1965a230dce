/**
 * Intel requests (seed 000) as read: the request with its questions (choices filled from the templates) and answers
 * (with the signal each wrote), the lists, and a summary of who has not answered. Who sees which request:
 * services/intel-requests.ts (visibleIntelRequests), applied to every list and to the type itself.
 */
import { INTEL_QUESTION_KINDS, INTEL_QUESTION_TEMPLATES, INTEL_REQUEST_STATUSES, type IntelAnswer, type IntelQuestion } from '@earshot/shared';
import { choicesOf, isOverdue } from '../../domain/intel-requests.js';
import type { Prisma as P } from '../../generated/prisma/client.js';
import { answersOf, canSeeIntelRequest, questionsOf, visibleIntelRequests } from '../../services/intel-requests.js';
import { hasScope } from '../../auth/tokens.js';
import { builder, readAccounts } from '../builder.js';
import { accountIdFrom, idOf } from '../ids.js';
import { SignalRef } from './signal.js';
import { UserRef } from './user.js';

export const IntelRequestStatusEnum = builder.enumType('IntelRequestStatus', { values: INTEL_REQUEST_STATUSES });
export const IntelQuestionKindEnum = builder.enumType('IntelQuestionKind', { values: INTEL_QUESTION_KINDS });

const IntelChoiceRef = builder.objectRef<{ key: string; label: string }>('IntelChoice').implement({
  fields: (t) => ({ key: t.exposeString('key'), label: t.exposeString('label') }),
});

const IntelQuestionRef = builder.objectRef<IntelQuestion>('IntelQuestion').implement({
  fields: (t) => ({
    id: t.exposeString('id', { description: 'Unique within the request: a template key, text-1, text-2…, or "view" (a review’s SALES_VIEW question).' }),
    kind: t.field({ type: IntelQuestionKindEnum, resolve: (q) => q.kind }),
    template: t.string({ nullable: true, resolve: (q) => q.template ?? null }),
    text: t.exposeString('text'),
    choices: t.field({ type: [IntelChoiceRef], resolve: (q) => choicesOf(q) }),
  }),
});

type AnswerWithSignal = IntelAnswer & { signalRow: P.SignalGetPayload<object> | null };

const IntelAnswerRef = builder.objectRef<AnswerWithSignal>('IntelAnswer').implement({
  fields: (t) => ({
    questionId: t.exposeString('questionId'),
    choice: t.string({ nullable: true, resolve: (a) => a.choice ?? null }),
    note: t.string({ nullable: true, resolve: (a) => a.note ?? null }),
    dontKnow: t.exposeBoolean('dontKnow'),
    signal: t.field({ type: SignalRef, nullable: true, description: 'The signal this answer wrote (none for "don’t know" or an answer that says nothing).', resolve: (a) => a.signalRow }),
  }),
});

const IntelQuestionTemplateRef = builder.objectRef<(typeof INTEL_QUESTION_TEMPLATES)[number]>('IntelQuestionTemplate').implement({
  fields: (t) => ({
    key: t.exposeString('key'),
    text: t.exposeString('text'),
    choices: t.field({ type: [IntelChoiceRef], resolve: (q) => q.choices.map((c) => ({ key: c.key, label: c.label })) }),
  }),
});

export const IntelRequestRef = builder.prismaNode('IntelRequest', {
  id: { field: 'id' },
  // Select mode (issue 12): the columns of the fields asked for (the answers only when asked), and those its authorization reads.
  select: { id: true, accountId: true, assignedToId: true },
  nullable: true,
  // accounts:read, and for SALES only their own requests and those on accounts they manage.
  authScopes: async (r, ctx) => hasScope(ctx.viewer, 'accounts:read') && (await canSeeIntelRequest(ctx.prisma, ctx.viewer, r)),
  fields: (t) => ({
    account: t.relation('account'),
    requestedBy: t.relation('requestedBy', { nullable: true }),
    assignedTo: t.relation('assignedTo', { nullable: true }),
    questions: t.field({ type: [IntelQuestionRef], select: { questions: true }, resolve: (r) => questionsOf(r) }),
    answers: t.field({
      type: [IntelAnswerRef],
      select: { answers: true },
      resolve: async (r, _a, ctx) => {
        const answers = answersOf(r);
        // findUnique calls of one tick are batched by Prisma into one query, across the requests of a list too.
        const signals = await Promise.all(answers.map((a) => (a.signalId ? ctx.prisma.signal.findUnique({ where: { id: a.signalId } }) : null)));
        return answers.map((a, i) => ({ ...a, signalRow: signals[i] ?? null }));
      },
    }),
    message: t.exposeString('message', { nullable: true }),
    status: t.expose('status', { type: IntelRequestStatusEnum }),
    dueAt: t.expose('dueAt', { type: 'DateTime', nullable: true }),
    overdue: t.boolean({ description: 'OPEN and past dueAt.', select: { status: true, dueAt: true }, resolve: (r) => isOverdue(r, new Date()) }),
    answeredAt: t.expose('answeredAt', { type: 'DateTime', nullable: true, description: 'When it was answered or declined.' }),
    answeredBy: t.field({
      type: UserRef,
      nullable: true,
      description: 'Who answered or declined it (the assignee, or credit on their behalf).',
      select: { answeredById: true },
      resolve: (r, _a, ctx) => (r.answeredById ? ctx.prisma.user.findUnique({ where: { id: r.answeredById } }) : null),
    }),
    declinedReason: t.exposeString('declinedReason', { nullable: true }),
    reminderCount: t.exposeInt('reminderCount'),
    remindedAt: t.expose('remindedAt', { type: 'DateTime', nullable: true }),
    createdAt: t.expose('createdAt', { type: 'DateTime' }),
  }),
});

const IntelRequestFilter = builder.inputType('IntelRequestFilter', {
  fields: (t) => ({
    status: t.field({ type: [IntelRequestStatusEnum], required: false }),
    assignedToMe: t.boolean({ required: false }),
    assignedToId: t.id({ required: false }),
    requestedById: t.id({ required: false }),
    accountId: t.id({ required: false }),
    overdue: t.boolean({ required: false, description: 'true: OPEN and past dueAt; false: everything else.' }),
  }),
});

interface FilterArg {
  status?: readonly (typeof INTEL_REQUEST_STATUSES)[number][] | null;
  assignedToMe?: boolean | null;
  assignedToId?: string | number | null;
  requestedById?: string | number | null;
  accountId?: string | number | null;
  overdue?: boolean | null;
}

const overdueWhere = (now: Date): P.IntelRequestWhereInput => ({ status: 'OPEN', dueAt: { lt: now } });
// Spelled out rather than NOT(overdueWhere): NOT over a null dueAt is null in SQL, which would drop open requests without one.
const notOverdueWhere = (now: Date): P.IntelRequestWhereInput => ({ OR: [{ status: { not: 'OPEN' } }, { dueAt: null }, { dueAt: { gte: now } }] });

function filterWhere(filter: FilterArg | null | undefined, viewerId: string | undefined, now: Date): P.IntelRequestWhereInput[] {
  if (!filter) return [];
  const and: P.IntelRequestWhereInput[] = [];
  if (filter.status?.length) and.push({ status: { in: [...filter.status] } });
  if (filter.assignedToMe) and.push({ assignedToId: viewerId ?? null });
  if (filter.assignedToId) and.push({ assignedToId: idOf('User', filter.assignedToId, 'filter.assignedToId')! });
  if (filter.requestedById) and.push({ requestedById: idOf('User', filter.requestedById, 'filter.requestedById')! });
  if (filter.accountId) and.push({ accountId: accountIdFrom(filter.accountId, 'filter.accountId') });
  if (filter.overdue === true) and.push(overdueWhere(now));
  if (filter.overdue === false) and.push(notOverdueWhere(now));
  return and;
}

builder.queryField('intelRequests', (t) =>
  t.prismaConnection({
    type: IntelRequestRef,
    cursor: 'id',
    authScopes: readAccounts,
    maxSize: 100,
    defaultSize: 25,
    args: { filter: t.arg({ type: IntelRequestFilter, required: false }) },
    totalCount: (_p, args, ctx) => ctx.prisma.intelRequest.count({ where: { AND: [visibleIntelRequests(ctx.viewer), ...filterWhere(args.filter, ctx.viewer?.userId, new Date())] } }),
    resolve: (query, _r, args, ctx) =>
      ctx.prisma.intelRequest.findMany({
        ...query,
        where: { AND: [visibleIntelRequests(ctx.viewer), ...filterWhere(args.filter, ctx.viewer?.userId, new Date())] },
        orderBy: [{ createdAt: 'desc' }, { id: 'desc' }],
      }),
  }),
);

builder.queryField('intelQuestionTemplates', (t) =>
  t.field({
    type: [IntelQuestionTemplateRef],
    authScopes: readAccounts,
    description: 'The questions credit can pick for an intel request (seed 000), with their choices.',
    resolve: () => [...INTEL_QUESTION_TEMPLATES],
  }),
);

builder.prismaObjectField('Account', 'intelRequests', (t) =>
  t.relatedConnection('intelRequests', {
    cursor: 'id',
    totalCount: true,
    args: { status: t.arg({ type: [IntelRequestStatusEnum], required: false }) },
    query: (args, ctx) => ({
      where: { AND: [visibleIntelRequests(ctx.viewer), ...(args.status?.length ? [{ status: { in: [...args.status] } }] : [])] },
      orderBy: [{ createdAt: 'desc' }, { id: 'desc' }],
    }),
  }),
);

builder.prismaObjectField('Signal', 'intelRequest', (t) =>
  t.prismaField({
    type: IntelRequestRef,
    nullable: true,
    description: 'The intel request this signal answers, when the viewer may read it.',
    resolve: (query, s, _a, ctx) => (s.intelRequestId ? ctx.prisma.intelRequest.findFirst({ ...query, where: { AND: [{ id: s.intelRequestId }, visibleIntelRequests(ctx.viewer)] } }) : null),
  }),
);

// ---- who has not answered ----------------------------------------------------------------------------------------

interface AssigneeSummary {
  assigneeId: string;
  open: number;
  overdue: number;
  oldestOpenAt: Date | null;
}

const IntelAssigneeSummaryRef = builder.objectRef<AssigneeSummary>('IntelAssigneeSummary').implement({
  description: 'Open requests per assignee: who has not answered yet.',
  fields: (t) => ({
    assignee: t.prismaField({ type: UserRef, resolve: (q, a, _x, ctx) => ctx.prisma.user.findUniqueOrThrow({ ...q, where: { id: a.assigneeId } }) }),
    open: t.exposeInt('open'),
    overdue: t.exposeInt('overdue'),
    oldestOpenAt: t.expose('oldestOpenAt', { type: 'DateTime', nullable: true, description: 'When the oldest open request was sent.' }),
  }),
});

builder.queryField('intelRequestAssignees', (t) =>
  t.field({
    type: [IntelAssigneeSummaryRef],
    authScopes: readAccounts,
    description: 'Open intel requests grouped by assignee (most overdue first): who has not answered. Same visibility as intelRequests.',
    args: { accountId: t.arg.id({ required: false }) },
    resolve: async (_r, args, ctx) => {
      const now = new Date();
      const base: P.IntelRequestWhereInput = {
        AND: [visibleIntelRequests(ctx.viewer), { status: 'OPEN', assignedToId: { not: null } }, ...(args.accountId ? [{ accountId: accountIdFrom(args.accountId, 'accountId') }] : [])],
      };
      const open = await ctx.prisma.intelRequest.groupBy({ by: ['assignedToId'], where: base, _count: { _all: true }, _min: { createdAt: true } });
      const late = await ctx.prisma.intelRequest.groupBy({ by: ['assignedToId'], where: { AND: [base, overdueWhere(now)] }, _count: { _all: true } });
      return open
        .map((g) => ({
          assigneeId: g.assignedToId!,
          open: g._count._all,
          overdue: late.find((l) => l.assignedToId === g.assignedToId)?._count._all ?? 0,
          oldestOpenAt: g._min.createdAt,
        }))
        .sort((a, b) => b.overdue - a.overdue || b.open - a.open || a.assigneeId.localeCompare(b.assigneeId));
    },
  }),
);
