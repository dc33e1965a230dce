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
import { composeFollowUp } from '../domain/visit-follow-up.js';
import type { GuardrailFlag } from '../domain/visit-guardrails.js';
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

export const ackSchema = z.object({ source: z.enum(VISIT_TEXT_SOURCES), kind: z.enum(GUARDRAIL_KINDS), excerpt: nonEmpty(LIMITS.shortText) });
export const recordFollowUpSchema = z.object({ subject: nonEmpty(LIMITS.shortText), body: nonEmpty(MAX_FOLLOW_UP_CHARS) });
export const sendReportSchema = z.object({
  recipients: z.array(emailSchema).max(MAX_REPORT_RECIPIENTS, `at most ${MAX_REPORT_RECIPIENTS} recipients`),
  groups: z.array(nonEmpty(LIMITS.name)).max(MAX_REPORT_RECIPIENTS, `at most ${MAX_REPORT_RECIPIENTS} groups`),
  decisions: optionalText(LIMITS.note).optional(),
});

const ownerName = (a: { ownerUser: { name: string } | null; ownerContact: { name: string } | null }) => a.ownerUser?.name ?? a.ownerContact?.name ?? 'unassigned';
const ownerInclude = { ownerUser: { select: { name: true } }, ownerContact: { select: { name: true } } } as const;

/** The follow-up of a checked text: the flags on subject and body, each marked when acknowledged for FOLLOW_UP. */
export async function followUpFlags(prisma: Prisma, visit: { id: string; accountId: string }, subject: string, body: string) {
  const text = `${subject}\n\n${body}`;
  const flags = await checkVisitText(prisma, { accountId: visit.accountId, text });
  return withAcks(prisma, visit.id, 'FOLLOW_UP', flags);
}

export async function withAcks(prisma: Prisma, visitId: string, source: 'NOTES' | 'FOLLOW_UP', flags: GuardrailFlag[]) {
  if (!flags.length) return [];
  const acks = await prisma.visitGuardrailAck.findMany({ where: { visitId, source }, select: { kind: true, excerpt: true } });
  return flags.map((f) => ({ ...f, acknowledged: acks.some((a) => a.kind === f.kind && a.excerpt === f.excerpt) }));
}

export async function draftVisitFollowUp(prisma: Prisma, viewer: Viewer | null, visitId: string) {
  const access = await visitForChange(prisma, viewer, visitId, 'followUp');
  const visit = await prisma.visit.findUniqueOrThrow({
    where: { id: visitId },
    include: {
      contacts: { include: { contact: { select: { name: true } } } },
      notes: { orderBy: [{ takenAt: 'asc' }, { id: 'asc' }], select: { body: true } },
      actionItems: { where: { status: { not: 'CANCELLED' } }, orderBy: [{ dueOn: 'asc' }, { id: 'asc' }], include: ownerInclude },
    },
  });
  const draft = composeFollowUp({
    contactNames: visit.contacts.map((c) => c.contact.name).sort(),
    heldAt: visit.heldAt,
    goals: visit.goals,
    questions: readQuestions(visit.questions),
    notes: visit.notes.map((n) => n.body),
    actionItems: visit.actionItems.map((a) => ({ title: a.title, ownerName: ownerName(a), dueOn: a.dueOn })),
    senderName: viewer?.name ?? '',
  });
  const body = draft.body.slice(0, MAX_FOLLOW_UP_CHARS);
  return prisma.$transaction(async (tx) => {
    const updated = await tx.visit.update({ where: { id: visitId }, data: { followUpSubject: draft.subject, followUpBody: body, followUpDraftedAt: new Date() } });
    await audit(tx, viewer, 'visit.draftFollowUp', 'Visit', visitId, { accountId: access.accountId });
    return updated;
  });
}

export async function acknowledgeGuardrailFlag(prisma: Prisma, viewer: Viewer | null, visitId: string, raw: unknown) {
  const input = validate(ackSchema, raw);
  const visit = await visitForChange(prisma, viewer, visitId, 'edit');
  const key = { visitId_source_kind_excerpt: { visitId, source: input.source, kind: input.kind, excerpt: input.excerpt } };
  if (await prisma.visitGuardrailAck.findUnique({ where: key })) return visit;
  try {
    await prisma.$transaction(async (tx) => {
      const ack = await tx.visitGuardrailAck.create({ data: { visitId, ...input, acknowledgedById: viewer?.userId ?? null } });
      await audit(tx, viewer, 'visit.acknowledgeFlag', 'Visit', visitId, { accountId: visit.accountId, ackId: ack.id, source: input.source, kind: input.kind });
    });
  } catch (e) {
    // Acknowledged twice at once: one record, both answered.
    if (!(e instanceof P.PrismaClientKnownRequestError && e.code === 'P2002')) throw e;
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
  const open = (await followUpFlags(prisma, visit, input.subject, input.body)).filter((f) => !f.acknowledged);
  if (open.length) throw guardrailUnacknowledged([...new Set(open.map((f) => f.excerpt))]);
  return prisma.$transaction(async (tx) => {
    const now = new Date();
    const current = await tx.visit.findUniqueOrThrow({ where: { id: visitId }, select: { followedUpAt: true } });
    const updated = await tx.visit.update({
      where: { id: visitId },
      data: {
        followUpSubject: input.subject,
        followUpBody: input.body,
        status: 'FOLLOWED_UP',
        followedUpAt: current.followedUpAt ?? now,
        followedUpById: viewer?.userId ?? null,
      },
    });
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
