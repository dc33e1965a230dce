/**
 * Intel requests (seed 000): credit asks the account manager; the answers become signals authored by whoever
 * answered, linked to the request. Every change is audited in its transaction. Each function takes `now` so tests
 * (and the daily job) can move the clock.
 *
 * Who sees which requests (visibleIntelRequests): CREDIT, ADMIN and VIEWER all of them (a VIEWER reads every
 * account, signal and alert already; a request holds no ledger figure); SALES those assigned to them and those on
 * accounts they manage (their customers: what credit asked, and whether a colleague answered).
 */
import { type IntelAnswer, type IntelQuestion, INTEL_LIMITS, type SalesView } from '@earshot/shared';
import { z } from 'zod';
import { isCreditViewer, type Viewer } from '../auth/tokens.js';
import type { Prisma } from '../db/client.js';
import { type AnswerInput, buildQuestions, dailyAction, type Problem, type QuestionInput, signalForAnswer, validateAnswers } from '../domain/intel-requests.js';
import { SIGNAL_TYPE_INFO } from '@earshot/shared';
import type { IntelRequest, Prisma as P } from '../generated/prisma/client.js';
import { badInput, conflict, forbidden, notFound } from '../graphql/errors.js';
import { NO_ROW_ID } from '../graphql/ids.js';
import { audit } from './audit.js';
import { nonEmpty, optionalText, validate } from './validation.js';
import { readWorkspaceSettings } from './workspace-settings.js';

function problem(p: Problem): never {
  const field = `input.${p.field}`;
  throw badInput(`${field}: ${p.message}`, field);
}

/** The requests a viewer may read (see the file comment). */
export function visibleIntelRequests(viewer: Viewer | null): P.IntelRequestWhereInput {
  if (!viewer) return { id: NO_ROW_ID };
  if (viewer.role !== 'SALES') return {};
  return { OR: [{ assignedToId: viewer.userId }, { account: { accountManagerId: viewer.userId } }] };
}

export async function canSeeIntelRequest(prisma: Prisma, viewer: Viewer | null, r: Pick<IntelRequest, 'assignedToId' | 'accountId'>): Promise<boolean> {
  if (!viewer) return false;
  if (viewer.role !== 'SALES' || r.assignedToId === viewer.userId) return true;
  const account = await prisma.account.findUnique({ where: { id: r.accountId }, select: { accountManagerId: true } });
  return account?.accountManagerId === viewer.userId;
}

export const questionsOf = (r: Pick<IntelRequest, 'questions'>) => r.questions as unknown as IntelQuestion[];
export const answersOf = (r: Pick<IntelRequest, 'answers'>) => r.answers as unknown as IntelAnswer[];

// ---- create ------------------------------------------------------------------------------------------------------

const createSchema = z.object({
  message: optionalText(INTEL_LIMITS.message),
  dueAt: z.date().nullish(),
});

export interface CreateIntelRequestInput {
  accountId: string;
  assigneeId?: string | null;
  questions: QuestionInput[];
  message?: string | null;
  dueAt?: Date | null;
}

export async function createIntelRequest(prisma: Prisma, viewer: Viewer | null, input: CreateIntelRequestInput, now = new Date()): Promise<IntelRequest> {
  const { message, dueAt } = validate(createSchema, { message: input.message, dueAt: input.dueAt });
  if (dueAt && dueAt.getTime() <= now.getTime()) throw badInput('input.dueAt: must be in the future', 'input.dueAt');
  const built = buildQuestions(input.questions);
  if (!built.ok) problem(built.problem);
  const account = await prisma.account.findUnique({ where: { id: input.accountId }, select: { id: true, accountManagerId: true } });
  if (!account) throw notFound('Account');
  const assigneeId = input.assigneeId ?? account.accountManagerId;
  if (!assigneeId) throw badInput('input.assigneeId: the account has no account manager; name who should answer', 'input.assigneeId');
  const assignee = await prisma.user.findUnique({ where: { id: assigneeId }, select: { id: true, active: true, role: true } });
  if (!assignee) throw badInput('input.assigneeId: no such user', 'input.assigneeId');
  if (!assignee.active) throw badInput('input.assigneeId: this user is deactivated', 'input.assigneeId');
  if (assignee.role === 'VIEWER') throw badInput('input.assigneeId: a VIEWER cannot answer requests', 'input.assigneeId');
  return prisma.$transaction(async (tx) => {
    const r = await tx.intelRequest.create({
      data: {
        accountId: account.id,
        requestedById: viewer?.userId ?? null,
        assignedToId: assignee.id,
        questions: built.value as unknown as P.InputJsonValue,
        message,
        dueAt: dueAt ?? null,
        createdAt: now,
      },
    });
    await audit(tx, viewer, 'intelRequest.create', 'IntelRequest', r.id, { accountId: account.id, assignedToId: assignee.id, questions: built.value.map((q) => q.id) });
    return r;
  });
}

// ---- answer ------------------------------------------------------------------------------------------------------

const idempotencyKeySchema = z
  .string()
  .trim()
  .regex(/^[A-Za-z0-9._:-]{8,100}$/, 'must be 8–100 characters of letters, digits and ._:-')
  .nullish();

export interface AnswerResult {
  request: IntelRequest;
  signalIds: string[];
  /** False when the idempotency key matched an earlier answer: nothing was written. */
  answered: boolean;
}

const ANSWER_ACTION = 'intelRequest.answer';

async function replay(prisma: Prisma, id: string, key: string | null | undefined): Promise<AnswerResult | null> {
  if (!key) return null;
  const event = await prisma.auditEvent.findFirst({ where: { action: ANSWER_ACTION, entityId: id, data: { path: ['idempotencyKey'], equals: key } } });
  if (!event) return null;
  const request = await prisma.intelRequest.findUniqueOrThrow({ where: { id } });
  const signals = await prisma.signal.findMany({ where: { intelRequestId: id }, select: { id: true }, orderBy: { id: 'asc' } });
  return { request, signalIds: signals.map((s) => s.id), answered: false };
}

class LostRace extends Error {}

export async function answerIntelRequest(
  prisma: Prisma,
  viewer: Viewer | null,
  input: { intelRequestId: string; answers: AnswerInput[]; idempotencyKey?: string | null },
  now = new Date(),
): Promise<AnswerResult> {
  const key = validate(idempotencyKeySchema, input.idempotencyKey, 'input.idempotencyKey');
  const request = await prisma.intelRequest.findUnique({ where: { id: input.intelRequestId } });
  if (!request) throw notFound('IntelRequest');
  if (request.assignedToId !== viewer?.userId && !isCreditViewer(viewer)) throw forbidden('Only the assignee or the credit team can answer this request');
  if (request.status !== 'OPEN') {
    const again = await replay(prisma, request.id, key);
    if (again) return again;
    throw conflict(`This request is ${request.status.toLowerCase()}: it can no longer be answered`);
  }
  const questions = questionsOf(request);
  const checked = validateAnswers(questions, input.answers);
  if (!checked.ok) problem(checked.problem);
  const source = viewer?.role === 'SALES' ? 'SALES' : 'CREDIT';
  try {
    return await prisma.$transaction(async (tx) => {
      // Claims the request: a second answer racing this one finds it no longer OPEN.
      const claimed = await tx.intelRequest.updateMany({ where: { id: request.id, status: 'OPEN' }, data: { status: 'ANSWERED' } });
      if (claimed.count !== 1) throw new LostRace();
      const answers: IntelAnswer[] = [];
      const signalIds: string[] = [];
      let salesView: { view: SalesView; comment: string | null } | null = null;
      for (const answer of checked.value) {
        const question = questions.find((q) => q.id === answer.questionId)!;
        if (question.kind === 'SALES_VIEW' && answer.choice) salesView = { view: answer.choice as SalesView, comment: answer.note ?? null };
        const draft = signalForAnswer(question, answer);
        if (!draft) {
          answers.push(answer);
          continue;
        }
        const s = await tx.signal.create({
          data: {
            accountId: request.accountId,
            type: draft.type,
            severity: draft.severity,
            sentiment: SIGNAL_TYPE_INFO[draft.type].sentiment,
            source,
            authorId: viewer?.userId ?? null,
            observedAt: now,
            note: draft.note,
            intelRequestId: request.id,
          },
        });
        signalIds.push(s.id);
        answers.push({ ...answer, signalId: s.id });
      }
      const updated = await tx.intelRequest.update({
        where: { id: request.id },
        data: { answers: answers as unknown as P.InputJsonValue, answeredAt: now, answeredById: viewer?.userId ?? null },
      });
      // A review asked for the account manager's view: it lands on the review while the review is open.
      if (request.healthCheckId && salesView) {
        await tx.healthCheck.updateMany({
          where: { id: request.healthCheckId, status: { in: ['PLANNED', 'IN_PROGRESS'] } },
          data: { salesView: salesView.view, salesComment: salesView.comment, salesViewById: viewer?.userId ?? null, salesViewAt: now },
        });
      }
      await audit(tx, viewer, ANSWER_ACTION, 'IntelRequest', request.id, {
        accountId: request.accountId,
        signals: signalIds.length,
        dontKnow: answers.filter((a) => a.dontKnow).length,
        ...(key ? { idempotencyKey: key } : {}),
      });
      return { request: updated, signalIds, answered: true };
    });
  } catch (e) {
    if (!(e instanceof LostRace)) throw e;
    const again = await replay(prisma, request.id, key);
    if (again) return again;
    throw conflict('This request was answered meanwhile');
  }
}

// ---- decline, cancel, remind -------------------------------------------------------------------------------------

async function openRequest(prisma: Prisma, id: string, verb: string, mayAct: (r: IntelRequest) => boolean): Promise<IntelRequest> {
  const request = await prisma.intelRequest.findUnique({ where: { id } });
  if (!request) throw notFound('IntelRequest');
  if (!mayAct(request)) throw forbidden(verb === 'declined' ? 'Only the assignee can decline this request' : 'Only the credit team can do this');
  if (request.status !== 'OPEN') throw conflict(`This request is ${request.status.toLowerCase()}: it can no longer be ${verb}`);
  return request;
}

/** Moves an OPEN request on, guarded against a concurrent change; audits it. */
async function transition(prisma: Prisma, viewer: Viewer | null, r: IntelRequest, data: P.IntelRequestUpdateManyMutationInput, action: string, extra: Record<string, unknown> = {}) {
  return prisma.$transaction(async (tx) => {
    const moved = await tx.intelRequest.updateMany({ where: { id: r.id, status: 'OPEN' }, data });
    if (moved.count !== 1) throw conflict('This request changed meanwhile: it is no longer open');
    await audit(tx, viewer, action, 'IntelRequest', r.id, { accountId: r.accountId, ...extra });
    return tx.intelRequest.findUniqueOrThrow({ where: { id: r.id } });
  });
}

const declineSchema = z.object({ reason: nonEmpty(500) });

export async function declineIntelRequest(prisma: Prisma, viewer: Viewer | null, id: string, raw: { reason: string }, now = new Date()) {
  const { reason } = validate(declineSchema, raw);
  const r = await openRequest(prisma, id, 'declined', (x) => x.assignedToId === viewer?.userId);
  return transition(prisma, viewer, r, { status: 'DECLINED', declinedReason: reason, answeredAt: now, answeredById: viewer!.userId }, 'intelRequest.decline');
}

export async function cancelIntelRequest(prisma: Prisma, viewer: Viewer | null, id: string) {
  const r = await openRequest(prisma, id, 'cancelled', () => isCreditViewer(viewer));
  return transition(prisma, viewer, r, { status: 'CANCELLED' }, 'intelRequest.cancel');
}

export async function remindIntelRequest(prisma: Prisma, viewer: Viewer | null, id: string, now = new Date()) {
  const r = await openRequest(prisma, id, 'reminded', () => isCreditViewer(viewer));
  return transition(prisma, viewer, r, { reminderCount: { increment: 1 }, remindedAt: now }, 'intelRequest.remind', { reminderCount: r.reminderCount + 1 });
}

// ---- the daily run -----------------------------------------------------------------------------------------------

const PAGE = 500;

/** Reminds and expires OPEN requests by the workspace settings (the job `intel-requests-daily`). */
export async function runIntelRequestsDaily(prisma: Prisma, now = new Date()): Promise<{ reminded: number; expired: number }> {
  const settings = await readWorkspaceSettings(prisma);
  let reminded = 0;
  let expired = 0;
  let after: string | undefined;
  for (;;) {
    const page = await prisma.intelRequest.findMany({
      where: { status: 'OPEN', createdAt: { lte: now } },
      select: { id: true, accountId: true, createdAt: true, dueAt: true, remindedAt: true, reminderCount: true },
      orderBy: { id: 'asc' },
      take: PAGE,
      ...(after ? { cursor: { id: after }, skip: 1 } : {}),
    });
    for (const r of page) {
      const action = dailyAction(r, settings, now);
      if (!action) continue;
      await prisma.$transaction(async (tx) => {
        const data: P.IntelRequestUpdateManyMutationInput = action === 'EXPIRE' ? { status: 'EXPIRED' } : { reminderCount: { increment: 1 }, remindedAt: now };
        const moved = await tx.intelRequest.updateMany({ where: { id: r.id, status: 'OPEN' }, data });
        if (moved.count !== 1) return;
        if (action === 'EXPIRE') expired++;
        else reminded++;
        await audit(tx, null, action === 'EXPIRE' ? 'intelRequest.expire' : 'intelRequest.remind', 'IntelRequest', r.id, {
          accountId: r.accountId,
          automatic: true,
          ...(action === 'REMIND' ? { reminderCount: r.reminderCount + 1 } : {}),
        });
      });
    }
    if (page.length < PAGE) return { reminded, expired };
    after = page[page.length - 1]!.id;
  }
}
