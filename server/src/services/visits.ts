/**
 * Customer visits (seed 004): planning, the pre-visit meeting, questions, the briefing folder, marking the visit
 * held, cancelling. Notes: visit-notes.ts; action items: action-items.ts; follow-up and report: visit-follow-up.ts.
 *
 * Who may change a visit: the credit team, its organizer, or one of its attendees (a VIEWER never writes: the
 * schema refuses before any of this runs). Every change is audited in its transaction; callers announce the
 * account's change after commit.
 */
import { VISIT_PURPOSES, VISIT_QUESTION_TEMPLATES, type VisitQuestion, type VisitStatus } from '@earshot/shared';
import { z } from 'zod';
import { isCreditViewer, type Viewer } from '../auth/tokens.js';
import type { Prisma } from '../db/client.js';
import type { Prisma as P } from '../generated/prisma/client.js';
import { buildQuestions, duplicateIds, readQuestions, templateQuestions } from '../domain/visit-questions.js';
import { statusAfterBriefing, type VisitAction, visitActionRefusal } from '../domain/visit-status.js';
import { badInput, forbidden, notFound } from '../graphql/errors.js';
import { audit } from './audit.js';
import { buildBriefingSnapshot } from './visit-briefing.js';
import { LIMITS, nonEmpty, optionalText, validate } from './validation.js';

export const MAX_VISIT_PEOPLE = 20;
export const MAX_VISIT_QUESTIONS = 40;
/** A date given for something that happened (held, notes taken) may be this far ahead of the server's clock. */
export const CLOCK_SKEW_MS = 5 * 60_000;

export const dateSchema = z.date().refine((d) => d.getUTCFullYear() >= 2000 && d.getUTCFullYear() < 2100, 'must be a date between 2000 and 2099');
export const pastDateSchema = dateSchema.refine((d) => d.getTime() <= Date.now() + CLOCK_SKEW_MS, 'must not be in the future');
const DAY_MS = 86_400_000;
/** A visit held lately may still be planned (to record it); one further back, or beyond two years ahead, is a typo. */
export const MAX_SCHEDULED_PAST_DAYS = 30;
export const MAX_SCHEDULED_AHEAD_DAYS = 730;
const scheduledAtSchema = dateSchema
  .refine((d) => d.getTime() >= Date.now() - MAX_SCHEDULED_PAST_DAYS * DAY_MS, `must not be more than ${MAX_SCHEDULED_PAST_DAYS} days in the past`)
  .refine((d) => d.getTime() <= Date.now() + MAX_SCHEDULED_AHEAD_DAYS * DAY_MS, 'must be within two years from now');
/** One line: a place is shown (and put in e-mails) on one line. */
const placeSchema = optionalText(LIMITS.shortText).refine((v) => v === null || !/[\r\n]/.test(v), 'must be one line (no line breaks)');
const idList = (what: string) => z.array(z.string()).max(MAX_VISIT_PEOPLE, `at most ${MAX_VISIT_PEOPLE} ${what}`);
const questionText = nonEmpty(LIMITS.shortText);
const templateKeys = new Set(Object.values(VISIT_QUESTION_TEMPLATES).flatMap((ts) => ts.map((t) => t.key)));

export const planVisitSchema = z.object({
  accountId: z.string(),
  purpose: z.enum(VISIT_PURPOSES),
  scheduledAt: scheduledAtSchema,
  place: placeSchema,
  attendeeIds: idList('attendees'),
  contactIds: idList('contacts'),
  goals: nonEmpty(LIMITS.note),
  questions: z.array(questionText).max(MAX_VISIT_QUESTIONS, `at most ${MAX_VISIT_QUESTIONS} questions`).nullish(),
});

export const updateVisitSchema = z.object({
  scheduledAt: scheduledAtSchema.optional(),
  place: placeSchema.optional(),
  goals: nonEmpty(LIMITS.note).optional(),
  attendeeIds: idList('attendees').optional(),
  contactIds: idList('contacts').optional(),
  decisions: optionalText(LIMITS.note).optional(),
});

const questionSchema = z.object({
  id: z
    .string()
    .regex(/^[A-Za-z0-9_-]{1,60}$/, 'must be 1–60 letters, digits, _ or -')
    .nullish(),
  template: z
    .string()
    .refine((k) => templateKeys.has(k), 'is not a question template')
    .nullish(),
  text: questionText,
  asked: z.boolean(),
  answer: optionalText(LIMITS.note),
});
export const setQuestionsSchema = z.object({ questions: z.array(questionSchema).max(MAX_VISIT_QUESTIONS, `at most ${MAX_VISIT_QUESTIONS} questions`) });
export const tickQuestionSchema = z.object({ questionId: z.string().min(1).max(60), asked: z.boolean(), answer: optionalText(LIMITS.note) });

/** The visit as the access rules need it. */
export interface VisitAccess {
  id: string;
  accountId: string;
  status: VisitStatus;
  organizerId: string | null;
  attendees: { userId: string }[];
}
export const visitAccessSelect = { id: true, accountId: true, status: true, organizerId: true, attendees: { select: { userId: true } } } as const;

/** The organizer or an attendee. */
export function isVisitParticipant(viewer: Viewer | null, visit: Pick<VisitAccess, 'organizerId' | 'attendees'>): boolean {
  const id = viewer?.userId;
  return !!id && (visit.organizerId === id || visit.attendees.some((a) => a.userId === id));
}

/** Credit, the organizer or an attendee (the visit's internal parts: pre-meeting note, reports; every change). */
export function canChangeVisit(viewer: Viewer | null, visit: Pick<VisitAccess, 'organizerId' | 'attendees'>): boolean {
  return !!viewer && viewer.role !== 'VIEWER' && (isCreditViewer(viewer) || isVisitParticipant(viewer, visit));
}

export function canSeeVisitInternals(viewer: Viewer | null, visit: Pick<VisitAccess, 'organizerId' | 'attendees'>): boolean {
  return isCreditViewer(viewer) || isVisitParticipant(viewer, visit);
}

const FORBIDDEN_VISIT = 'Only the credit team, the visit’s organizer or its attendees can change this visit';

/** Loads the visit, checks the viewer may change it, and that `action` fits its status (else a sentence). */
export async function visitForChange(prisma: Prisma, viewer: Viewer | null, visitId: string, action: VisitAction, field = 'input.visitId') {
  const visit = await prisma.visit.findUnique({ where: { id: visitId }, select: visitAccessSelect });
  if (!visit) throw notFound('Visit');
  if (!canChangeVisit(viewer, visit)) throw forbidden(FORBIDDEN_VISIT);
  const refusal = visitActionRefusal(visit.status, action);
  if (refusal) throw badInput(`${field}: ${refusal}`, field);
  return visit;
}

/** Active users, each named once; an unknown or inactive one is BAD_USER_INPUT naming the field. */
export async function assertActiveUsers(prisma: Prisma, ids: readonly string[], field: string): Promise<string[]> {
  const unique = [...new Set(ids)];
  if (!unique.length) return unique;
  const found = await prisma.user.findMany({ where: { id: { in: unique }, active: true }, select: { id: true, name: true, role: true } });
  if (found.length !== unique.length) throw badInput(`${field}: ${unique.length - found.length} of the people are not active users`, field);
  // A VIEWER reads and never writes: taking part would make them an attendee who can change nothing.
  const viewer = found.find((u) => u.role === 'VIEWER');
  if (viewer) throw badInput(`${field}: ${viewer.name} is a viewer and cannot take part`, field);
  return unique;
}

/** The attendees besides the organizer (listed separately): the organizer named among them is dropped, not refused. */
const withoutOrganizer = (ids: readonly string[], organizerId: string | null | undefined) => ids.filter((id) => id !== organizerId);

/** Contacts of the account, each named once. */
export async function assertAccountContacts(prisma: Prisma, accountId: string, ids: readonly string[], field: string): Promise<string[]> {
  const unique = [...new Set(ids)];
  if (!unique.length) return unique;
  const found = await prisma.contact.findMany({ where: { id: { in: unique }, accountId }, select: { id: true } });
  if (found.length !== unique.length) throw badInput(`${field}: ${unique.length - found.length} of the contacts are not contacts of this account`, field);
  return unique;
}

const asJson = (qs: VisitQuestion[]) => qs as unknown as P.InputJsonValue;

export async function planVisit(prisma: Prisma, viewer: Viewer | null, raw: unknown) {
  const input = validate(planVisitSchema, raw);
  if (!viewer) throw forbidden();
  const account = await prisma.account.findUnique({ where: { id: input.accountId }, select: { id: true } });
  if (!account) throw notFound('Account');
  const attendeeIds = await assertActiveUsers(prisma, withoutOrganizer(input.attendeeIds, viewer.userId), 'input.attendeeIds');
  const contactIds = await assertAccountContacts(prisma, account.id, input.contactIds, 'input.contactIds');
  const questions = input.questions ? buildQuestions(input.questions.map((text) => ({ text }))) : templateQuestions(input.purpose);
  return prisma.$transaction(async (tx) => {
    const visit = await tx.visit.create({
      data: {
        accountId: account.id,
        organizerId: viewer.userId,
        purpose: input.purpose,
        scheduledAt: input.scheduledAt,
        place: input.place,
        goals: input.goals,
        questions: asJson(questions),
        attendees: { create: attendeeIds.map((userId) => ({ userId })) },
        contacts: { create: contactIds.map((contactId) => ({ contactId })) },
      },
    });
    await audit(tx, viewer, 'visit.plan', 'Visit', visit.id, { accountId: account.id, purpose: visit.purpose, attendees: attendeeIds.length, contacts: contactIds.length });
    return visit;
  });
}

export async function updateVisit(prisma: Prisma, viewer: Viewer | null, visitId: string, raw: unknown) {
  const input = validate(updateVisitSchema, raw);
  const fields = Object.keys(input).filter((k) => input[k as keyof typeof input] !== undefined);
  if (!fields.length) throw badInput('input: nothing to update', 'input');
  const visit = await visitForChange(prisma, viewer, visitId, 'edit');
  if (input.scheduledAt && visit.status !== 'PLANNED' && visit.status !== 'BRIEFED')
    throw badInput('input.scheduledAt: This visit has been held; its date stays (heldAt says when it took place).', 'input.scheduledAt');
  const attendeeIds = input.attendeeIds && (await assertActiveUsers(prisma, withoutOrganizer(input.attendeeIds, visit.organizerId), 'input.attendeeIds'));
  const contactIds = input.contactIds && (await assertAccountContacts(prisma, visit.accountId, input.contactIds, 'input.contactIds'));
  return prisma.$transaction(async (tx) => {
    if (attendeeIds) {
      await tx.visitAttendee.deleteMany({ where: { visitId } });
      await tx.visitAttendee.createMany({ data: attendeeIds.map((userId) => ({ visitId, userId })) });
    }
    if (contactIds) {
      await tx.visitContact.deleteMany({ where: { visitId } });
      await tx.visitContact.createMany({ data: contactIds.map((contactId) => ({ visitId, contactId })) });
    }
    const updated = await tx.visit.update({
      where: { id: visitId },
      data: { scheduledAt: input.scheduledAt, place: input.place, goals: input.goals, decisions: input.decisions },
    });
    await audit(tx, viewer, 'visit.update', 'Visit', visitId, { accountId: visit.accountId, fields });
    return updated;
  });
}

export async function cancelVisit(prisma: Prisma, viewer: Viewer | null, visitId: string, raw: unknown) {
  const { reason } = validate(z.object({ reason: nonEmpty(LIMITS.shortText) }), raw);
  const visit = await visitForChange(prisma, viewer, visitId, 'cancel');
  return prisma.$transaction(async (tx) => {
    // Guarded on the status: marking it held meanwhile wins, and the cancel says so.
    const { count } = await tx.visit.updateMany({
      where: { id: visitId, status: { in: ['PLANNED', 'BRIEFED'] } },
      data: { status: 'CANCELLED', cancelledAt: new Date(), cancelReason: reason },
    });
    if (!count) throw badInput('input.visitId: the visit was held or cancelled meanwhile', 'input.visitId');
    await audit(tx, viewer, 'visit.cancel', 'Visit', visitId, { accountId: visit.accountId, from: visit.status });
    return tx.visit.findUniqueOrThrow({ where: { id: visitId } });
  });
}

export async function recordPreVisitMeeting(prisma: Prisma, viewer: Viewer | null, visitId: string, raw: unknown) {
  const { note } = validate(z.object({ note: nonEmpty(LIMITS.note) }), raw);
  const visit = await visitForChange(prisma, viewer, visitId, 'edit');
  return prisma.$transaction(async (tx) => {
    const updated = await tx.visit.update({
      where: { id: visitId },
      data: { preMeetingNote: note, preMeetingNoteAt: new Date(), preMeetingNoteById: viewer?.userId ?? null },
    });
    await audit(tx, viewer, 'visit.preMeeting', 'Visit', visitId, { accountId: visit.accountId, length: note.length });
    return updated;
  });
}

export async function setVisitQuestions(prisma: Prisma, viewer: Viewer | null, visitId: string, raw: unknown) {
  const input = validate(setQuestionsSchema, raw);
  const dup = duplicateIds(input.questions);
  if (dup.length) throw badInput(`input.questions: the id ${dup[0]} is given twice`, 'input.questions');
  const visit = await visitForChange(prisma, viewer, visitId, 'edit');
  const questions = buildQuestions(input.questions);
  return prisma.$transaction(async (tx) => {
    const updated = await tx.visit.update({ where: { id: visitId }, data: { questions: asJson(questions) } });
    await audit(tx, viewer, 'visit.setQuestions', 'Visit', visitId, { accountId: visit.accountId, count: questions.length });
    return updated;
  });
}

export async function tickVisitQuestion(prisma: Prisma, viewer: Viewer | null, visitId: string, raw: unknown) {
  const input = validate(tickQuestionSchema, raw);
  const visit = await visitForChange(prisma, viewer, visitId, 'edit');
  return prisma.$transaction(async (tx) => {
    // Locked: two people ticking different questions at once both keep their tick.
    await tx.$queryRaw`SELECT "id" FROM "Visit" WHERE "id" = ${visitId} FOR UPDATE`;
    const current = readQuestions((await tx.visit.findUniqueOrThrow({ where: { id: visitId }, select: { questions: true } })).questions);
    const q = current.find((x) => x.id === input.questionId);
    if (!q) throw badInput('input.questionId: the visit has no such question', 'input.questionId');
    q.asked = input.asked;
    if (input.answer !== null) q.answer = input.answer;
    const updated = await tx.visit.update({ where: { id: visitId }, data: { questions: asJson(current) } });
    await audit(tx, viewer, 'visit.tickQuestion', 'Visit', visitId, { accountId: visit.accountId, questionId: q.id, asked: q.asked });
    return updated;
  });
}

/** A frozen snapshot of the credit file (both copies); PLANNED becomes BRIEFED. Earlier snapshots are kept. */
export async function prepareVisitBriefing(prisma: Prisma, viewer: Viewer | null, visitId: string) {
  const visit = await visitForChange(prisma, viewer, visitId, 'brief');
  const now = new Date();
  const snapshot = await buildBriefingSnapshot(prisma, { accountId: visit.accountId, visitId, preparedBy: viewer?.name ?? null, now });
  return prisma.$transaction(async (tx) => {
    const briefing = await tx.visitBriefing.create({
      data: {
        visitId,
        preparedById: viewer?.userId ?? null,
        preparedAt: now,
        full: snapshot.full as unknown as P.InputJsonValue,
        sales: snapshot.sales as unknown as P.InputJsonValue,
      },
    });
    if (statusAfterBriefing(visit.status) !== visit.status) await tx.visit.updateMany({ where: { id: visitId, status: 'PLANNED' }, data: { status: 'BRIEFED' } });
    await audit(tx, viewer, 'visit.prepareBriefing', 'Visit', visitId, { accountId: visit.accountId, briefingId: briefing.id });
    return { visitId, accountId: visit.accountId, briefing };
  });
}

export async function markVisitHeld(prisma: Prisma, viewer: Viewer | null, visitId: string, raw: unknown) {
  const { heldAt } = validate(z.object({ heldAt: pastDateSchema.nullish() }), raw);
  const visit = await visitForChange(prisma, viewer, visitId, 'hold');
  if (heldAt) {
    const { scheduledAt } = await prisma.visit.findUniqueOrThrow({ where: { id: visitId }, select: { scheduledAt: true } });
    if (heldAt.getTime() < scheduledAt.getTime() - DAY_MS)
      throw badInput('input.heldAt: must not be more than a day before the visit was scheduled (change its date first if it took place earlier)', 'input.heldAt');
  }
  return prisma.$transaction(async (tx) => {
    const { count } = await tx.visit.updateMany({ where: { id: visitId, status: { in: ['PLANNED', 'BRIEFED'] } }, data: { status: 'HELD', heldAt: heldAt ?? new Date() } });
    if (!count) throw badInput('input.visitId: the visit was held or cancelled meanwhile', 'input.visitId');
    await audit(tx, viewer, 'visit.held', 'Visit', visitId, { accountId: visit.accountId, from: visit.status });
    return tx.visit.findUniqueOrThrow({ where: { id: visitId } });
  });
}
