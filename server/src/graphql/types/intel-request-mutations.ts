/**
 * Intel request mutations. Credit creates, cancels and reminds (creditWrite); the assignee answers (or credit on
 * their behalf) and declines, with the signals:write scope of a capture (their answers become signals).
 */
import {
  answerIntelRequest,
  cancelIntelRequest,
  createIntelRequest,
  declineIntelRequest,
  remindIntelRequest,
} from '../../services/intel-requests.js';
import { describeFailure, recomputeAfterCommit } from '../../services/index.js';
import { consoleLog } from '../../events/log.js';
import type { Context } from '../context.js';
import { builder } from '../builder.js';
import { badInput } from '../errors.js';
import { accountIdFrom, idOf } from '../ids.js';
import { IntelRequestRef } from './intel-request.js';
import { SignalRef } from './signal.js';

// The payloads need accounts:read: asked before writing, so a token that could not read the answer writes nothing.
const creditWrite = { $all: { role: ['ADMIN', 'CREDIT'], scopes: ['accounts:write', 'accounts:read'] } } as const;
const signalWrite = { $all: { writer: true, scopes: ['signals:write', 'accounts:read'] } } as const;

const IntelRequestPayload = builder.objectRef<{ intelRequestId: string }>('IntelRequestPayload').implement({
  fields: (t) => ({
    intelRequest: t.prismaField({ type: IntelRequestRef, resolve: (q, p, _a, ctx) => ctx.prisma.intelRequest.findUniqueOrThrow({ ...q, where: { id: p.intelRequestId } }) }),
  }),
});

const AnswerIntelRequestPayload = builder.objectRef<{ intelRequestId: string; signalIds: string[] }>('AnswerIntelRequestPayload').implement({
  fields: (t) => ({
    intelRequest: t.prismaField({ type: IntelRequestRef, resolve: (q, p, _a, ctx) => ctx.prisma.intelRequest.findUniqueOrThrow({ ...q, where: { id: p.intelRequestId } }) }),
    signals: t.prismaField({
      type: [SignalRef],
      description: 'The signals the answers wrote (none for "don’t know" and answers that say nothing).',
      resolve: (q, p, _a, ctx) => ctx.prisma.signal.findMany({ ...q, where: { id: { in: p.signalIds } }, orderBy: { id: 'asc' } }),
    }),
  }),
});

const IntelQuestionInput = builder.inputType('IntelQuestionInput', {
  description: 'Exactly one: a template key (intelQuestionTemplates) or a free question.',
  fields: (t) => ({ template: t.string({ required: false }), text: t.string({ required: false }) }),
});

const CreateIntelRequestInput = builder.inputType('CreateIntelRequestInput', {
  fields: (t) => ({
    accountId: t.id({ required: true }),
    assigneeId: t.id({ required: false, description: 'Who should answer; default: the account manager.' }),
    questions: t.field({ type: [IntelQuestionInput], required: true }),
    message: t.string({ required: false }),
    dueAt: t.field({ type: 'DateTime', required: false }),
  }),
});

const IntelAnswerInput = builder.inputType('IntelAnswerInput', {
  description: 'A choice (CHOICE, SALES_VIEW), a note (TEXT; optional with a choice), or dontKnow.',
  fields: (t) => ({
    questionId: t.string({ required: true }),
    choice: t.string({ required: false }),
    note: t.string({ required: false }),
    dontKnow: t.boolean({ required: false }),
  }),
});

const AnswerIntelRequestInput = builder.inputType('AnswerIntelRequestInput', {
  fields: (t) => ({
    intelRequestId: t.id({ required: true }),
    answers: t.field({ type: [IntelAnswerInput], required: true, description: 'One per question, every question ("don’t know" counts).' }),
    idempotencyKey: t.string({ required: false, description: 'Sending the same key again returns the first answer instead of CONFLICT.' }),
  }),
});

/** After the commit: open panels and workspaces on that account refetch (accountUpdated); a failure is only logged. */
async function announce(ctx: Context, r: { id: string; accountId: string }) {
  try {
    await ctx.services.events.accountUpdated(r.accountId);
  } catch (err) {
    (ctx.services.log ?? consoleLog)(`could not announce the change of intel request ${r.id}`, describeFailure(err));
  }
  return { intelRequestId: r.id };
}

const requestIdOf = (gid: string | number) => {
  const id = idOf('IntelRequest', gid, 'input.intelRequestId');
  if (!id) throw badInput('input.intelRequestId is required', 'input.intelRequestId');
  return id;
};

builder.mutationField('createIntelRequest', (t) =>
  t.field({
    type: IntelRequestPayload,
    authScopes: creditWrite,
    description: 'Credit asks the account manager (or another colleague) questions about a customer.',
    args: { input: t.arg({ type: CreateIntelRequestInput, required: true }) },
    resolve: async (_r, { input }, ctx) => {
      const r = await createIntelRequest(ctx.prisma, ctx.viewer, {
        accountId: accountIdFrom(input.accountId, 'input.accountId'),
        assigneeId: idOf('User', input.assigneeId, 'input.assigneeId'),
        questions: input.questions,
        message: input.message,
        dueAt: input.dueAt,
      });
      return announce(ctx, r);
    },
  }),
);

builder.mutationField('answerIntelRequest', (t) =>
  t.field({
    type: AnswerIntelRequestPayload,
    authScopes: signalWrite,
    description: 'The assignee (or credit on their behalf) answers every question; each answer that says something becomes a signal.',
    args: { input: t.arg({ type: AnswerIntelRequestInput, required: true }) },
    resolve: async (_r, { input }, ctx) => {
      const result = await answerIntelRequest(ctx.prisma, ctx.viewer, { intelRequestId: requestIdOf(input.intelRequestId), answers: input.answers, idempotencyKey: input.idempotencyKey });
      if (result.answered) await recomputeAfterCommit(ctx.services, result.request.accountId, 'intelRequest.answer');
      return { intelRequestId: result.request.id, signalIds: result.signalIds };
    },
  }),
);

builder.mutationField('declineIntelRequest', (t) =>
  t.field({
    type: IntelRequestPayload,
    authScopes: signalWrite,
    description: 'The assignee cannot answer (with the reason why).',
    args: {
      input: t.arg({
        type: builder.inputType('DeclineIntelRequestInput', { fields: (f) => ({ intelRequestId: f.id({ required: true }), reason: f.string({ required: true }) }) }),
        required: true,
      }),
    },
    resolve: async (_r, { input }, ctx) => announce(ctx, await declineIntelRequest(ctx.prisma, ctx.viewer, requestIdOf(input.intelRequestId), { reason: input.reason })),
  }),
);

builder.mutationField('cancelIntelRequest', (t) =>
  t.field({
    type: IntelRequestPayload,
    authScopes: creditWrite,
    args: {
      input: t.arg({ type: builder.inputType('CancelIntelRequestInput', { fields: (f) => ({ intelRequestId: f.id({ required: true }) }) }), required: true }),
    },
    resolve: async (_r, { input }, ctx) => announce(ctx, await cancelIntelRequest(ctx.prisma, ctx.viewer, requestIdOf(input.intelRequestId))),
  }),
);

builder.mutationField('remindIntelRequest', (t) =>
  t.field({
    type: IntelRequestPayload,
    authScopes: creditWrite,
    description: 'A reminder now (the badge and workspace show it; e-mail once SMTP exists).',
    args: {
      input: t.arg({ type: builder.inputType('RemindIntelRequestInput', { fields: (f) => ({ intelRequestId: f.id({ required: true }) }) }), required: true }),
    },
    resolve: async (_r, { input }, ctx) => announce(ctx, await remindIntelRequest(ctx.prisma, ctx.viewer, requestIdOf(input.intelRequestId))),
  }),
);
