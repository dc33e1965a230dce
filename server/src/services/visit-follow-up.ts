/**
 * After the visit (seed 004): the follow-up e-mail to the customer (drafted here, checked by the guardrails,
 * opened by the user in their own mail: the server never sends it) and the internal visit report (kept in the
 * credit file, e-mailed to the groups chosen by visit-report-mail.ts after commit).
 */
import { GUARDRAIL_KINDS, SIGNAL_TYPE_INFO, VISIT_TEXT_SOURCES } from '@earshot/shared';
import { GraphQLError } from 'graphql';
import { z } from 'zod';
import type { Viewer } from '../auth/tokens.js';
import type { Prisma } from '../db/client.js';
import { Prisma as P } from '../generated/prisma/client.js';
import { type FlagField, isAcknowledged, type PlacedFlag, placeFlags } from '../domain/visit-flag-acks.js';
import { ADD_DISCUSSED, composeFollowUp, readableDay } from '../domain/visit-follow-up.js';
import { readQuestions } from '../domain/visit-questions.js';
import { composeVisitReport } from '../domain/visit-report.js';
import { isActionItemOverdue } from '../domain/visit-status.js';
import { badInput } from '../graphql/errors.js';
import { audit } from './audit.js';
import type { Services } from './index.js';
import { checkVisitText } from './visit-guardrails.js';
import { initialEmailStatus, resolveReportRecipients } from './visit-report-mail.js';
import { visitForChange } from './visits.js';
import { emailSchema, LIMITS, nonEmpty, optionalText, validate } from './validation.js';

/** The longest follow-up body (and text checked by visitGuardrails). */
export const MAX_FOLLOW_UP_CHARS = 20_000;
export const MAX_REPORT_RECIPIENTS = 50;

/** A single-line field (the subject of an e-mail): a line break would start the headers or the body. */
const singleLine = (max: number) => nonEmpty(max).refine((v) => !/[\r\n]/.test(v), 'must be one line (no line breaks)');

export const ackSchema = z.object({
  source: z.enum(VISIT_TEXT_SOURCES),
  kind: z.enum(GUARDRAIL_KINDS),
  excerpt: nonEmpty(LIMITS.shortText),
  // The follow-up as edited in the workspace (not yet recorded); without them, the stored draft.
  subject: z.string().max(LIMITS.shortText, `must be at most ${LIMITS.shortText} characters`).nullish(),
  body: z.string().max(MAX_FOLLOW_UP_CHARS, `must be at most ${MAX_FOLLOW_UP_CHARS} characters`).nullish(),
});
export const recordFollowUpSchema = z.object({
  subject: singleLine(LIMITS.shortText),
  body: nonEmpty(MAX_FOLLOW_UP_CHARS).refine((b) => !b.includes(ADD_DISCUSSED), `still says ${ADD_DISCUSSED}: write what you discussed, or remove the line`),
});
export const sendReportSchema = z.object({
  recipients: z.array(emailSchema).max(MAX_REPORT_RECIPIENTS, `at most ${MAX_REPORT_RECIPIENTS} recipients`),
  groups: z.array(nonEmpty(LIMITS.name)).max(MAX_REPORT_RECIPIENTS, `at most ${MAX_REPORT_RECIPIENTS} groups`),
  decisions: optionalText(LIMITS.note).optional(),
});

const ownerName = (a: { ownerUser: { name: string } | null; ownerContact: { name: string } | null }) => a.ownerUser?.name ?? a.ownerContact?.name ?? 'unassigned';
const ownerInclude = { ownerUser: { select: { name: true } }, ownerContact: { select: { name: true } } } as const;

/** The guardrail flags on one field of the visit's text, placed in it (offsets into that field, sentence fingerprint). */
export async function flagsIn(prisma: Prisma, accountId: string, field: FlagField, text: string): Promise<PlacedFlag[]> {
  return placeFlags(text, field, await checkVisitText(prisma, { accountId, text }));
}

/** The follow-up's flags, subject first then body. */
async function flagsInFollowUp(prisma: Prisma, accountId: string, subject: string, body: string): Promise<PlacedFlag[]> {
  return [...(await flagsIn(prisma, accountId, 'subject', subject)), ...(await flagsIn(prisma, accountId, 'body', body))];
}

/** The follow-up's flags, each marked when acknowledged for FOLLOW_UP in its sentence. */
export async function followUpFlags(prisma: Prisma, visit: { id: string; accountId: string }, subject: string, body: string) {
  return withAcks(prisma, visit.id, 'FOLLOW_UP', await flagsInFollowUp(prisma, visit.accountId, subject, body));
}

export async function withAcks(prisma: Prisma, visitId: string, source: 'NOTES' | 'FOLLOW_UP', flags: PlacedFlag[]) {
  if (!flags.length) return [];
  const acks = await prisma.visitGuardrailAck.findMany({ where: { visitId, source }, select: { kind: true, excerpt: true, context: true } });
  return flags.map((f) => ({ ...f, acknowledged: isAcknowledged(f, acks) }));
}

/** Refused once the follow-up is recorded: what was sent is kept as it was. */
function keptAsSent(visit: { status: string; followedUpAt: Date | null }, field = 'input.visitId') {
  if (visit.status !== 'FOLLOWED_UP') return;
  const when = visit.followedUpAt ? ` on ${readableDay(visit.followedUpAt)}` : '';
  throw badInput(`${field}: The follow-up was recorded${when}; it is kept as sent.`, field);
}

export async function draftVisitFollowUp(prisma: Prisma, viewer: Viewer | null, visitId: string) {
  const access = await visitForChange(prisma, viewer, visitId, 'followUp');
  const visit = await prisma.visit.findUniqueOrThrow({
    where: { id: visitId },
    include: {
      contacts: { include: { contact: { select: { name: true } } } },
      actionItems: { where: { status: 'OPEN' }, orderBy: [{ dueOn: 'asc' }, { id: 'asc' }], include: ownerInclude },
    },
  });
  keptAsSent(visit);
  // To the customer: the questions asked and their answers, the open action items; never goals or notes (internal).
  const draft = composeFollowUp({
    contactNames: visit.contacts.map((c) => c.contact.name).sort(),
    heldAt: visit.heldAt,
    questions: readQuestions(visit.questions),
    actionItems: visit.actionItems.map((a) => ({ title: a.title, ownerName: ownerName(a), dueOn: a.dueOn })),
    senderName: viewer?.name ?? '',
  });
  const body = draft.body.slice(0, MAX_FOLLOW_UP_CHARS);
  return prisma.$transaction(async (tx) => {
    // Guarded on the status: a follow-up recorded meanwhile is not overwritten.
    const { count } = await tx.visit.updateMany({
      where: { id: visitId, status: 'HELD' },
      data: { followUpSubject: draft.subject, followUpBody: body, followUpDraftedAt: new Date() },
    });
    if (!count) throw badInput('input.visitId: The follow-up was recorded meanwhile; it is kept as sent.', 'input.visitId');
    const updated = await tx.visit.findUniqueOrThrow({ where: { id: visitId } });
    await audit(tx, viewer, 'visit.draftFollowUp', 'Visit', visitId, { accountId: access.accountId });
    return updated;
  });
}

/**
 * Keeps flagged words on purpose. Only a flag raised now is accepted: NOTES on any of the visit's notes;
 * FOLLOW_UP on the follow-up as edited (`subject` and `body` given) or else on the stored draft. One record per
 * sentence the words are flagged in, so the acknowledgement does not cover the same words written elsewhere.
 */
export async function acknowledgeGuardrailFlag(prisma: Prisma, viewer: Viewer | null, visitId: string, raw: unknown) {
  const input = validate(ackSchema, raw);
  const visit = await visitForChange(prisma, viewer, visitId, 'edit');
  const stored = await prisma.visit.findUniqueOrThrow({
    where: { id: visitId },
    select: { status: true, followedUpAt: true, followUpSubject: true, followUpBody: true, notes: { select: { body: true } } },
  });
  let flags: PlacedFlag[];
  if (input.source === 'NOTES') {
    flags = (await Promise.all(stored.notes.map((n) => flagsIn(prisma, visit.accountId, 'notes', n.body)))).flat();
  } else {
    keptAsSent(stored);
    flags = await flagsInFollowUp(prisma, visit.accountId, input.subject ?? stored.followUpSubject ?? '', input.body ?? stored.followUpBody ?? '');
  }
  const contexts = [...new Set(flags.filter((f) => f.kind === input.kind && f.excerpt === input.excerpt).map((f) => f.context))];
  if (!contexts.length) {
    const where = input.source === 'NOTES' ? 'the visit’s notes' : 'the follow-up';
    throw badInput(`input.excerpt: “${input.excerpt}” is not flagged as ${input.kind} in ${where}`, 'input.excerpt');
  }
  const { source, kind, excerpt } = input;
  const known = await prisma.visitGuardrailAck.findMany({ where: { visitId, source, kind, excerpt, context: { in: contexts } }, select: { context: true } });
  for (const context of contexts.filter((c) => !known.some((k) => k.context === c))) {
    try {
      await prisma.$transaction(async (tx) => {
        const ack = await tx.visitGuardrailAck.create({ data: { visitId, source, kind, excerpt, context, acknowledgedById: viewer?.userId ?? null } });
        await audit(tx, viewer, 'visit.acknowledgeFlag', 'Visit', visitId, { accountId: visit.accountId, ackId: ack.id, source, kind });
      });
    } catch (e) {
      // Acknowledged twice at once: one record, both answered.
      if (!(e instanceof P.PrismaClientKnownRequestError && e.code === 'P2002')) throw e;
    }
  }
  return visit;
}

export function guardrailUnacknowledged(excerpts: string[]): GraphQLError {
  return new GraphQLError(`input.body: acknowledge or edit the flagged words first: ${excerpts.map((e) => `“${e}”`).join(', ')}`, {
    extensions: { code: 'GUARDRAIL_UNACKNOWLEDGED', field: 'input.body', excerpts },
  });
}

export async function recordVisitFollowUp(prisma: Prisma, viewer: Viewer | null, visitId: string, raw: unknown) {
  const input = validate(recordFollowUpSchema, raw);
  const visit = await visitForChange(prisma, viewer, visitId, 'followUp');
  keptAsSent(await prisma.visit.findUniqueOrThrow({ where: { id: visitId }, select: { status: true, followedUpAt: true } }));
  const open = (await followUpFlags(prisma, visit, input.subject, input.body)).filter((f) => !f.acknowledged);
  if (open.length) throw guardrailUnacknowledged([...new Set(open.map((f) => f.excerpt))]);
  return prisma.$transaction(async (tx) => {
    // Guarded on the status: of two recordings at once, the first is kept as sent.
    const { count } = await tx.visit.updateMany({
      where: { id: visitId, status: 'HELD' },
      data: { followUpSubject: input.subject, followUpBody: input.body, status: 'FOLLOWED_UP', followedUpAt: new Date(), followedUpById: viewer?.userId ?? null },
    });
    if (!count) throw badInput('input.visitId: The follow-up was recorded meanwhile; it is kept as sent.', 'input.visitId');
    const updated = await tx.visit.findUniqueOrThrow({ where: { id: visitId } });
    await audit(tx, viewer, 'visit.recordFollowUp', 'Visit', visitId, { accountId: visit.accountId, from: visit.status });
    return updated;
  });
}

export async function sendVisitReport(prisma: Prisma, services: Pick<Services, 'mail'>, viewer: Viewer | null, visitId: string, raw: unknown) {
  const input = validate(sendReportSchema, raw);
  const access = await visitForChange(prisma, viewer, visitId, 'report');
  const { addresses, groups } = await resolveReportRecipients(prisma, { recipients: input.recipients, groups: input.groups });
  if (!addresses.length) throw badInput('input.recipients: name at least one recipient or distribution list', 'input.recipients');
  if (addresses.length > MAX_REPORT_RECIPIENTS) throw badInput(`input.recipients: at most ${MAX_REPORT_RECIPIENTS} addresses in all (lists expanded)`, 'input.recipients');
  const visit = await prisma.visit.findUniqueOrThrow({
    where: { id: visitId },
    include: {
      account: { select: { name: true } },
      attendees: { include: { user: { select: { name: true } } }, orderBy: { user: { name: 'asc' } } },
      organizer: { select: { name: true } },
      contacts: { include: { contact: { select: { name: true, role: true } } } },
      notes: { orderBy: [{ takenAt: 'asc' }, { id: 'asc' }], select: { body: true } },
      signals: { orderBy: [{ observedAt: 'asc' }, { id: 'asc' }], select: { type: true, severity: true, note: true } },
      actionItems: { orderBy: [{ dueOn: 'asc' }, { id: 'asc' }], include: ownerInclude },
    },
  });
  const now = new Date();
  const ours = [...new Set([visit.organizer?.name, ...visit.attendees.map((a) => a.user.name)].filter((n): n is string => !!n))];
  const { subject, body } = composeVisitReport({
    accountName: visit.account.name,
    purpose: visit.purpose,
    status: visit.status,
    scheduledAt: visit.scheduledAt,
    heldAt: visit.heldAt,
    place: visit.place,
    ours,
    theirs: visit.contacts.map((c) => (c.contact.role ? `${c.contact.name} (${c.contact.role})` : c.contact.name)),
    goals: visit.goals,
    notes: visit.notes.map((n) => n.body),
    questions: readQuestions(visit.questions),
    signals: visit.signals.map((s) => ({ label: SIGNAL_TYPE_INFO[s.type].label, severity: s.severity, note: s.note })),
    actionItems: visit.actionItems.map((a) => ({ title: a.title, ownerName: ownerName(a), dueOn: a.dueOn, status: a.status, overdue: isActionItemOverdue(a, now) })),
    decisions: input.decisions !== undefined ? input.decisions : visit.decisions,
    followedUpAt: visit.followedUpAt,
  });
  return prisma.$transaction(async (tx) => {
    if (input.decisions !== undefined) await tx.visit.update({ where: { id: visitId }, data: { decisions: input.decisions } });
    const report = await tx.visitReport.create({
      data: { visitId, sentById: viewer?.userId ?? null, recipients: addresses, groups, subject, body, emailStatus: initialEmailStatus(services) },
    });
    await audit(tx, viewer, 'visit.sendReport', 'VisitReport', report.id, { accountId: access.accountId, visitId, recipients: addresses.length, groups });
    return report;
  });
}
