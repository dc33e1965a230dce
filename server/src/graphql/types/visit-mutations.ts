/**
 * Visit mutations (contract of issue 9). Writers with accounts:write (notes: notes:write; signals from notes:
 * signals:write), and in the services: the credit team, the visit's organizer or attendees. After the commit the
 * account's open panels and workspaces are told (accountUpdated); a signal raised from a note recomputes the
 * account like createSignal.
 */
import type { Prisma } from '../../generated/prisma/client.js';
import { consoleLog } from '../../events/log.js';
import { describeFailure, recomputeAfterCommit } from '../../services/index.js';
import { addVisitNotes, raiseSignalFromVisitNote } from '../../services/visit-notes.js';
import { acknowledgeGuardrailFlag, draftVisitFollowUp, flagsIn, recordVisitFollowUp, sendVisitReport, withAcks } from '../../services/visit-follow-up.js';
import { queueVisitReportEmail, resendVisitReportEmail } from '../../services/visit-report-mail.js';
import {
  cancelVisit,
  markVisitHeld,
  planVisit,
  prepareVisitBriefing,
  recordPreVisitMeeting,
  setVisitQuestions,
  tickVisitQuestion,
  updateVisit,
} from '../../services/visits.js';
import { builder } from '../builder.js';
import type { Context } from '../context.js';
import { badInput } from '../errors.js';
import { accountIdFrom, idOf } from '../ids.js';
import { SignalTypeEnum } from './enums.js';
import { SignalRef } from './signal.js';
import { followUpOf, GuardrailFlagRef, VisitFollowUpRef, GuardrailKindEnum, VisitBriefingRef, VisitNoteRef, VisitPurposeEnum, VisitRef, VisitReportRef, VisitTextSourceEnum, visitIdFrom } from './visit.js';

export const visitWrite = { $all: { writer: true, scopes: ['accounts:write', 'accounts:read'] } } as const;
const notesWrite = { $all: { writer: true, scopes: ['notes:write', 'accounts:read'] } } as const;
const signalWrite = { $all: { writer: true, scopes: ['signals:write', 'accounts:read'] } } as const;

/** After the commit: open panels and workspaces on that account refetch; a failure is only logged. */
export async function announce(ctx: Context, accountId: string, what: string): Promise<void> {
  try {
    await ctx.services.events.accountUpdated(accountId);
  } catch (err) {
    (ctx.services.log ?? consoleLog)(`could not announce the change of ${what}`, describeFailure(err));
  }
}

const visitQuery = (ctx: Context, query: object, id: string) => ctx.prisma.visit.findUniqueOrThrow({ ...(query as Prisma.VisitFindUniqueArgs), where: { id } });

const VisitPayload = builder.objectRef<{ visitId: string }>('VisitPayload').implement({
  fields: (t) => ({ visit: t.prismaField({ type: VisitRef, resolve: (query, p, _a, ctx) => visitQuery(ctx, query, p.visitId) }) }),
});

async function visitDone(ctx: Context, visit: { id: string; accountId: string }) {
  await announce(ctx, visit.accountId, `visit ${visit.id}`);
  return { visitId: visit.id };
}

const PlanVisitInput = builder.inputType('PlanVisitInput', {
  fields: (t) => ({
    accountId: t.id({ required: true }),
    purpose: t.field({ type: VisitPurposeEnum, required: true }),
    scheduledAt: t.field({ type: 'DateTime', required: true, description: 'At most 30 days ago (to record a visit just held) and at most two years ahead.' }),
    place: t.string({ required: false, description: 'One line.' }),
    attendeeIds: t.idList({
      required: true,
      description: 'Our people going (active users who are not viewers, at most 20); the organizer is the viewer (named here too, they are listed once).',
    }),
    contactIds: t.idList({ required: true, description: 'The customer’s people to meet (contacts of the account, at most 20).' }),
    goals: t.string({ required: true, description: 'What the visit should achieve, one goal per line.' }),
    questions: t.stringList({ required: false, description: 'Questions to ask (default: the purpose’s templates).' }),
  }),
});

builder.mutationField('planVisit', (t) =>
  t.field({
    type: VisitPayload,
    authScopes: visitWrite,
    description: 'Plans a customer visit; the viewer is its organizer.',
    args: { input: t.arg({ type: PlanVisitInput, required: true }) },
    resolve: async (_r, { input }, ctx) => {
      const visit = await planVisit(ctx.prisma, ctx.viewer, {
        ...input,
        accountId: accountIdFrom(String(input.accountId), 'input.accountId'),
        attendeeIds: input.attendeeIds.map((id) => idOf('User', id, 'input.attendeeIds')!),
        contactIds: input.contactIds.map((id) => idOf('Contact', id, 'input.contactIds')!),
      });
      return visitDone(ctx, visit);
    },
  }),
);

const UpdateVisitInput = builder.inputType('UpdateVisitInput', {
  fields: (t) => ({
    visitId: t.id({ required: true }),
    scheduledAt: t.field({ type: 'DateTime', required: false, description: 'Until the visit is held; at most 30 days ago and two years ahead.' }),
    place: t.string({ required: false, description: 'One line; null or "" clears it.' }),
    goals: t.string({ required: false }),
    attendeeIds: t.idList({ required: false, description: 'Replaces the attendees.' }),
    contactIds: t.idList({ required: false, description: 'Replaces the contacts.' }),
    decisions: t.string({ required: false, description: 'Decisions on terms (for the report); null or "" clears it.' }),
  }),
});

builder.mutationField('updateVisit', (t) =>
  t.field({
    type: VisitPayload,
    authScopes: visitWrite,
    description: 'Changes the fields sent. Credit, the organizer or an attendee; not once cancelled.',
    args: { input: t.arg({ type: UpdateVisitInput, required: true }) },
    resolve: async (_r, { input }, ctx) => {
      const visit = await updateVisit(ctx.prisma, ctx.viewer, visitIdFrom(input.visitId), {
        scheduledAt: input.scheduledAt ?? undefined,
        place: input.place,
        goals: input.goals ?? undefined,
        attendeeIds: input.attendeeIds?.map((id) => idOf('User', id, 'input.attendeeIds')!),
        contactIds: input.contactIds?.map((id) => idOf('Contact', id, 'input.contactIds')!),
        decisions: input.decisions,
      });
      return visitDone(ctx, visit);
    },
  }),
);

/** A mutation taking `{visitId, …fields}` and answering VisitPayload. */
function visitMutation<F extends Record<string, unknown>>(
  name: string,
  description: string,
  inputFields: (t: PothosSchemaTypes.InputFieldBuilder<PothosSchemaTypes.ExtendDefaultTypes<never>, 'InputObject'>) => F,
  run: (ctx: Context, visitId: string, input: Record<string, unknown>) => Promise<{ id: string; accountId: string }>,
) {
  const Input = builder.inputType(`${name[0]!.toUpperCase()}${name.slice(1)}Input`, {
    fields: (t) => ({ visitId: t.id({ required: true }), ...(inputFields as never as (x: typeof t) => object)(t) }),
  });
  builder.mutationField(name, (t) =>
    t.field({
      type: VisitPayload,
      authScopes: visitWrite,
      description,
      args: { input: t.arg({ type: Input, required: true }) },
      resolve: async (_r, { input }, ctx) => {
        const { visitId, ...rest } = input as { visitId: string } & Record<string, unknown>;
        return visitDone(ctx, await run(ctx, visitIdFrom(visitId), rest));
      },
    }),
  );
}

visitMutation(
  'cancelVisit',
  'Cancels a planned visit (not once held). The reason is kept.',
  (t) => ({ reason: t.string({ required: true }) }),
  (ctx, id, input) => cancelVisit(ctx.prisma, ctx.viewer, id, input),
);
visitMutation(
  'recordPreVisitMeeting',
  'The pre-visit meeting: a candid conversation about the account, kept with the visit (credit, organizer and attendees read it).',
  (t) => ({ note: t.string({ required: true }) }),
  (ctx, id, input) => recordPreVisitMeeting(ctx.prisma, ctx.viewer, id, input),
);

const VisitQuestionInput = builder.inputType('VisitQuestionInput', {
  fields: (t) => ({
    id: t.string({ required: false, description: 'Keep the id of an existing question; new ones get one.' }),
    template: t.string({ required: false, description: 'The template key it came from.' }),
    text: t.string({ required: true }),
    asked: t.boolean({ required: true }),
    answer: t.string({ required: false }),
  }),
});

visitMutation(
  'setVisitQuestions',
  'Replaces the visit’s questions (at most 40).',
  (t) => ({ questions: t.field({ type: [VisitQuestionInput], required: true }) }),
  (ctx, id, input) => setVisitQuestions(ctx.prisma, ctx.viewer, id, input),
);
visitMutation(
  'tickVisitQuestion',
  'Ticks a question off (or un-ticks it) during the meeting, with the answer heard.',
  (t) => ({ questionId: t.string({ required: true }), asked: t.boolean({ required: true }), answer: t.string({ required: false }) }),
  (ctx, id, input) => tickVisitQuestion(ctx.prisma, ctx.viewer, id, input),
);
visitMutation(
  'markVisitHeld',
  'The visit took place (heldAt: now unless given; a given one is not in the future nor more than a day before the scheduled time). Adding the first notes does this too.',
  (t) => ({ heldAt: t.field({ type: 'DateTime', required: false }) }),
  (ctx, id, input) => markVisitHeld(ctx.prisma, ctx.viewer, id, input),
);
visitMutation(
  'acknowledgeGuardrailFlag',
  'Keeps flagged words on purpose, in the sentence they are flagged in: recorded with who and when (the same flag twice: one record). Only a flag raised now is accepted (BAD_USER_INPUT otherwise): NOTES on the visit’s notes, FOLLOW_UP on `subject` and `body` when given (the follow-up as edited), else on the stored draft. Refused once the follow-up is recorded.',
  (t) => ({
    source: t.field({ type: VisitTextSourceEnum, required: true }),
    kind: t.field({ type: GuardrailKindEnum, required: true }),
    excerpt: t.string({ required: true }),
    subject: t.string({ required: false, description: 'FOLLOW_UP: the subject as edited (not yet recorded).' }),
    body: t.string({ required: false, description: 'FOLLOW_UP: the body as edited (not yet recorded).' }),
  }),
  (ctx, id, input) => acknowledgeGuardrailFlag(ctx.prisma, ctx.viewer, id, input),
);
visitMutation(
  'recordVisitFollowUp',
  'Stores the follow-up as edited and marks the visit FOLLOWED_UP (the user sends it from their own mail). Refused with code GUARDRAIL_UNACKNOWLEDGED while a flag on it is not acknowledged in its sentence; with BAD_USER_INPUT while it still holds the "[Add what you discussed]" line, for a subject of more than one line, and once recorded (the text sent is kept).',
  (t) => ({ subject: t.string({ required: true }), body: t.string({ required: true }) }),
  (ctx, id, input) => recordVisitFollowUp(ctx.prisma, ctx.viewer, id, input),
);

const PrepareVisitBriefingInput = builder.inputType('PrepareVisitBriefingInput', { fields: (t) => ({ visitId: t.id({ required: true }) }) });
const PrepareVisitBriefingPayload = builder.objectRef<{ visitId: string; briefingId: string }>('PrepareVisitBriefingPayload').implement({
  fields: (t) => ({
    visit: t.prismaField({ type: VisitRef, resolve: (query, p, _a, ctx) => visitQuery(ctx, query, p.visitId) }),
    briefing: t.prismaField({
      type: VisitBriefingRef,
      resolve: (query, p, _a, ctx) => ctx.prisma.visitBriefing.findUniqueOrThrow({ ...query, where: { id: p.briefingId } }),
    }),
  }),
});

builder.mutationField('prepareVisitBriefing', (t) =>
  t.field({
    type: PrepareVisitBriefingPayload,
    authScopes: visitWrite,
    description: 'Freezes the credit file as it is now into the visit’s briefing folder (earlier ones are kept). PLANNED becomes BRIEFED.',
    args: { input: t.arg({ type: PrepareVisitBriefingInput, required: true }) },
    resolve: async (_r, { input }, ctx) => {
      const r = await prepareVisitBriefing(ctx.prisma, ctx.viewer, visitIdFrom(input.visitId));
      await announce(ctx, r.accountId, `visit ${r.visitId}`);
      return { visitId: r.visitId, briefingId: r.briefing.id };
    },
  }),
);

const AddVisitNotesInput = builder.inputType('AddVisitNotesInput', {
  fields: (t) => ({
    visitId: t.id({ required: true }),
    notes: t.string({ required: true }),
    idempotencyKey: t.string({ required: false, description: 'Client-chosen: the same key again answers with the first note (offline queue).' }),
    takenAt: t.field({ type: 'DateTime', required: false, description: 'When written (default now): not in the future, at most 30 days ago.' }),
  }),
});
const AddVisitNotesPayload = builder.objectRef<{ visitId: string; noteId: string; accountId: string; body: string }>('AddVisitNotesPayload').implement({
  fields: (t) => ({
    visit: t.prismaField({ type: VisitRef, resolve: (query, p, _a, ctx) => visitQuery(ctx, query, p.visitId) }),
    note: t.prismaField({ type: VisitNoteRef, resolve: (query, p, _a, ctx) => ctx.prisma.visitNote.findUniqueOrThrow({ ...query, where: { id: p.noteId } }) }),
    flags: t.field({
      type: [GuardrailFlagRef],
      description: 'Guardrail flags on the note.',
      resolve: async (p, _a, ctx) => withAcks(ctx.prisma, p.visitId, 'NOTES', await flagsIn(ctx.prisma, p.accountId, 'notes', p.body)),
    }),
  }),
});

builder.mutationField('addVisitNotes', (t) =>
  t.field({
    type: AddVisitNotesPayload,
    authScopes: notesWrite,
    description: 'Notes taken during the visit. The first notes mark a PLANNED or BRIEFED visit HELD.',
    args: { input: t.arg({ type: AddVisitNotesInput, required: true }) },
    resolve: async (_r, { input }, ctx) => {
      const { note, accountId, created } = await addVisitNotes(ctx.prisma, ctx.viewer, visitIdFrom(input.visitId), {
        notes: input.notes,
        idempotencyKey: input.idempotencyKey,
        takenAt: input.takenAt,
      });
      if (created) await announce(ctx, accountId, `visit ${note.visitId}`);
      return { visitId: note.visitId, noteId: note.id, accountId, body: note.body };
    },
  }),
);

const RaiseSignalFromVisitNoteInput = builder.inputType('RaiseSignalFromVisitNoteInput', {
  fields: (t) => ({
    visitNoteId: t.id({ required: true }),
    type: t.field({ type: SignalTypeEnum, required: true }),
    severity: t.int({ required: false, description: '1, 2 or 3 (default: the type’s usual severity).' }),
    excerpt: t.string({ required: true, description: 'Words of the note, as written: the signal’s note.' }),
    idempotencyKey: t.string({ required: false }),
  }),
});
const RaiseSignalFromVisitNotePayload = builder.objectRef<{ signalId: string; visitId: string }>('RaiseSignalFromVisitNotePayload').implement({
  fields: (t) => ({
    signal: t.prismaField({ type: SignalRef, resolve: (query, p, _a, ctx) => ctx.prisma.signal.findUniqueOrThrow({ ...query, where: { id: p.signalId } }) }),
    visit: t.prismaField({ type: VisitRef, resolve: (query, p, _a, ctx) => visitQuery(ctx, query, p.visitId) }),
  }),
});

builder.mutationField('raiseSignalFromVisitNote', (t) =>
  t.field({
    type: RaiseSignalFromVisitNotePayload,
    authScopes: signalWrite,
    description: 'A field signal from words of a visit note, observed when the note was taken.',
    args: { input: t.arg({ type: RaiseSignalFromVisitNoteInput, required: true }) },
    resolve: async (_r, { input }, ctx) => {
      const noteId = idOf('VisitNote', input.visitNoteId, 'input.visitNoteId');
      if (!noteId) throw badInput('input.visitNoteId is required', 'input.visitNoteId');
      const { signal, created } = await raiseSignalFromVisitNote(ctx.prisma, ctx.viewer, noteId, {
        type: input.type,
        severity: input.severity,
        excerpt: input.excerpt,
        idempotencyKey: input.idempotencyKey,
      });
      if (created) await recomputeAfterCommit(ctx.services, signal.accountId, 'signal.fromVisitNote');
      return { signalId: signal.id, visitId: signal.visitId! };
    },
  }),
);

const DraftVisitFollowUpInput = builder.inputType('DraftVisitFollowUpInput', { fields: (t) => ({ visitId: t.id({ required: true }) }) });
const DraftVisitFollowUpPayload = builder.objectRef<{ visitId: string }>('DraftVisitFollowUpPayload').implement({
  fields: (t) => ({
    draft: t.field({
      type: VisitFollowUpRef,
      resolve: async (p, _a, ctx) => (await followUpOf(ctx.prisma, await ctx.prisma.visit.findUniqueOrThrow({ where: { id: p.visitId } })))!,
    }),
    visit: t.prismaField({ type: VisitRef, resolve: (query, p, _a, ctx) => visitQuery(ctx, query, p.visitId) }),
  }),
});

builder.mutationField('draftVisitFollowUp', (t) =>
  t.field({
    type: DraftVisitFollowUpPayload,
    authScopes: visitWrite,
    description:
      'Drafts the follow-up e-mail to the customer from the visit (replacing the stored draft), with its guardrail flags: the questions asked with their answers (never the goals or notes, which are internal) and the open action items. Refused once the follow-up is recorded.',
    args: { input: t.arg({ type: DraftVisitFollowUpInput, required: true }) },
    resolve: async (_r, { input }, ctx) => visitDone(ctx, await draftVisitFollowUp(ctx.prisma, ctx.viewer, visitIdFrom(input.visitId))),
  }),
);

const SendVisitReportInput = builder.inputType('SendVisitReportInput', {
  fields: (t) => ({
    visitId: t.id({ required: true }),
    recipients: t.stringList({ required: true, description: 'Active users’ e-mail addresses.' }),
    groups: t.stringList({ required: true, description: 'Distribution-list names.' }),
    decisions: t.string({ required: false, description: 'Decisions on terms (stored on the visit).' }),
  }),
});
const SendVisitReportPayload = builder.objectRef<{ reportId: string; visitId: string }>('SendVisitReportPayload').implement({
  fields: (t) => ({
    report: t.prismaField({ type: VisitReportRef, resolve: (query, p, _a, ctx) => ctx.prisma.visitReport.findUniqueOrThrow({ ...query, where: { id: p.reportId } }) }),
    visit: t.prismaField({ type: VisitRef, resolve: (query, p, _a, ctx) => visitQuery(ctx, query, p.visitId) }),
  }),
});

builder.mutationField('sendVisitReport', (t) =>
  t.field({
    type: SendVisitReportPayload,
    authScopes: visitWrite,
    description: 'The internal visit report: stored in the credit file, then e-mailed to the recipients when SMTP is configured (emailStatus says).',
    args: { input: t.arg({ type: SendVisitReportInput, required: true }) },
    resolve: async (_r, { input }, ctx) => {
      const visitId = visitIdFrom(input.visitId);
      const report = await sendVisitReport(ctx.prisma, ctx.services, ctx.viewer, visitId, {
        recipients: input.recipients,
        groups: input.groups,
        ...(input.decisions !== undefined ? { decisions: input.decisions } : {}),
      });
      // Never throws: the report is stored either way, and its emailStatus says what became of the mail.
      await queueVisitReportEmail(ctx.prisma, ctx.services, report.id);
      const visit = await ctx.prisma.visit.findUniqueOrThrow({ where: { id: visitId }, select: { accountId: true } });
      await announce(ctx, visit.accountId, `visit ${visitId}`);
      return { reportId: report.id, visitId };
    },
  }),
);

const ResendVisitReportEmailInput = builder.inputType('ResendVisitReportEmailInput', { fields: (t) => ({ reportId: t.id({ required: true }) }) });

builder.mutationField('resendVisitReportEmail', (t) =>
  t.field({
    type: SendVisitReportPayload,
    authScopes: { $all: { credit: true, scopes: ['accounts:write', 'accounts:read'] } },
    description:
      'Credit: e-mails a stored visit report again — one whose e-mail FAILED, or one kept before SMTP_URL was set. Refused while it is QUEUED or once SENT.',
    args: { input: t.arg({ type: ResendVisitReportEmailInput, required: true }) },
    resolve: async (_r, { input }, ctx) => {
      const reportId = idOf('VisitReport', input.reportId, 'input.reportId');
      if (!reportId) throw badInput('input.reportId is required', 'input.reportId');
      const report = await ctx.prisma.visitReport.findUnique({ where: { id: reportId }, select: { visitId: true } });
      if (!report) throw badInput('input.reportId: no such visit report', 'input.reportId');
      await resendVisitReportEmail(ctx.prisma, ctx.services, ctx.viewer, reportId);
      return { reportId, visitId: report.visitId };
    },
  }),
);
