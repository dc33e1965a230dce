/**
 * Customer visits (seed 004) in GraphQL: the Visit and its notes, briefing, questions, follow-up, guardrail
 * acknowledgements and reports; the queries. Mutations: visit-mutations.ts; action items: action-item.ts.
 * Everyone who reads accounts reads visits; the pre-visit meeting note and the internal reports only the
 * credit team, the organizer and the attendees (null / [] for others).
 */
import {
  GUARDRAIL_KINDS,
  VISIT_PURPOSES,
  VISIT_QUESTION_TEMPLATES,
  VISIT_REPORT_EMAIL_STATUSES,
  VISIT_STATUSES,
  VISIT_TEXT_SOURCES,
  type VisitStatus,
} from '@earshot/shared';
import { hasScope, seesCreditFigures } from '../../auth/tokens.js';
import type { Prisma } from '../../generated/prisma/client.js';
import { type PlacedFlag, splitFollowUpText } from '../../domain/visit-flag-acks.js';
import { readQuestions } from '../../domain/visit-questions.js';
import { flagsIn, followUpFlags, MAX_FOLLOW_UP_CHARS, withAcks } from '../../services/visit-follow-up.js';
import { canChangeVisit, canSeeVisitInternals, visitAccessSelect } from '../../services/visits.js';
import { builder, readAccounts } from '../builder.js';
import { badInput, notFound } from '../errors.js';
import { accountIdFrom, idOf } from '../ids.js';

export const VisitPurposeEnum = builder.enumType('VisitPurpose', { values: VISIT_PURPOSES });
export const VisitStatusEnum = builder.enumType('VisitStatus', { values: VISIT_STATUSES });
export const GuardrailKindEnum = builder.enumType('GuardrailKind', { values: GUARDRAIL_KINDS });
export const VisitTextSourceEnum = builder.enumType('VisitTextSource', { values: VISIT_TEXT_SOURCES });
export const VisitReportEmailStatusEnum = builder.enumType('VisitReportEmailStatus', { values: VISIT_REPORT_EMAIL_STATUSES });
export const BriefingAudienceEnum = builder.enumType('BriefingAudience', { values: ['CREDIT', 'SALES'] as const });

export function visitIdFrom(globalId: string | number, field = 'input.visitId'): string {
  const id = idOf('Visit', globalId, field);
  if (!id) throw badInput(`${field} is required`, field);
  return id;
}

type FlagRow = PlacedFlag & { acknowledged: boolean };
export const GuardrailFlagRef = builder.objectRef<FlagRow>('GuardrailFlag').implement({
  description:
    'Words the seed’s "don’ts" warn about, with why. Acknowledged: someone chose to keep these words in this sentence (the same words in another sentence are flagged again).',
  fields: (t) => ({
    kind: t.field({ type: GuardrailKindEnum, resolve: (f) => f.kind }),
    excerpt: t.exposeString('excerpt'),
    reason: t.exposeString('reason'),
    field: t.exposeString('field', { description: 'Where the words are: "subject" or "body" of the follow-up, or "notes" (the note checked).' }),
    start: t.exposeInt('start', { description: 'Character offset of the words in `field` (UTF-16 code units, from 0).' }),
    end: t.exposeInt('end', { description: 'Offset just after the words in `field`.' }),
    acknowledged: t.exposeBoolean('acknowledged'),
  }),
});

const VisitQuestionRef = builder.objectRef<ReturnType<typeof readQuestions>[number]>('VisitQuestion').implement({
  fields: (t) => ({
    id: t.exposeString('id'),
    template: t.exposeString('template', { nullable: true, description: 'The template key it came from.' }),
    text: t.exposeString('text'),
    asked: t.exposeBoolean('asked'),
    answer: t.exposeString('answer', { nullable: true }),
  }),
});

const VisitQuestionTemplateRef = builder.objectRef<{ key: string; text: string }>('VisitQuestionTemplate').implement({
  fields: (t) => ({ key: t.exposeString('key'), text: t.exposeString('text') }),
});

interface FollowUpRow {
  subject: string;
  body: string;
  draftedAt: Date | null;
  to: string[];
  flags: FlagRow[];
}
export const VisitFollowUpRef = builder.objectRef<FollowUpRow>('VisitFollowUp').implement({
  description: 'The follow-up e-mail to the customer as last drafted or recorded. Opened in the user’s own mail; the server never sends it.',
  fields: (t) => ({
    subject: t.exposeString('subject'),
    body: t.exposeString('body'),
    draftedAt: t.expose('draftedAt', { type: 'DateTime', nullable: true }),
    to: t.exposeStringList('to', { description: 'The e-mail addresses of the visit’s contacts.' }),
    flags: t.field({ type: [GuardrailFlagRef], resolve: (f) => f.flags }),
  }),
});

export async function followUpOf(
  prisma: Parameters<typeof followUpFlags>[0],
  v: { id: string; accountId: string; followUpSubject: string | null; followUpBody: string | null; followUpDraftedAt: Date | null },
): Promise<FollowUpRow | null> {
  if (v.followUpSubject === null || v.followUpBody === null) return null;
  const contacts = await prisma.visitContact.findMany({ where: { visitId: v.id }, select: { contact: { select: { email: true } } } });
  return {
    subject: v.followUpSubject,
    body: v.followUpBody,
    draftedAt: v.followUpDraftedAt,
    to: contacts.map((c) => c.contact.email).filter((e): e is string => !!e).sort(),
    flags: await followUpFlags(prisma, v, v.followUpSubject, v.followUpBody),
  };
}

export const VisitBriefingRef = builder.prismaObject('VisitBriefing', {
  description: 'The briefing folder as frozen when prepared. `document` is the credit copy for those who see credit figures, the sales copy for everyone else.',
  fields: (t) => ({
    id: t.exposeID('id'),
    preparedAt: t.expose('preparedAt', { type: 'DateTime' }),
    preparedBy: t.relation('preparedBy', { nullable: true }),
    audience: t.field({ type: BriefingAudienceEnum, resolve: (_b, _a, ctx) => (seesCreditFigures(ctx.viewer) ? 'CREDIT' : 'SALES') }),
    document: t.field({
      type: 'JSON',
      select: { full: true, sales: true },
      resolve: (b, _a, ctx) => (seesCreditFigures(ctx.viewer) ? b.full : b.sales),
    }),
  }),
});

export const GuardrailAckRef = builder.prismaObject('VisitGuardrailAck', {
  name: 'GuardrailAck',
  fields: (t) => ({
    source: t.expose('source', { type: VisitTextSourceEnum }),
    kind: t.expose('kind', { type: GuardrailKindEnum }),
    excerpt: t.exposeString('excerpt'),
    acknowledgedBy: t.relation('acknowledgedBy', { nullable: true }),
    acknowledgedAt: t.expose('acknowledgedAt', { type: 'DateTime' }),
  }),
});

/** The visit's access fields, for the per-object checks of its internal parts. */
async function visitAccess(prisma: Parameters<typeof followUpFlags>[0], visitId: string) {
  return prisma.visit.findUnique({ where: { id: visitId }, select: visitAccessSelect });
}

export const VisitReportRef = builder.prismaNode('VisitReport', {
  id: { field: 'id' },
  nullable: true,
  // The credit file's copy: credit, the visit's organizer and attendees (node(id) too).
  authScopes: async (r, ctx) => {
    if (!hasScope(ctx.viewer, 'accounts:read')) return false;
    const visit = await visitAccess(ctx.prisma, r.visitId);
    return !!visit && canSeeVisitInternals(ctx.viewer, visit);
  },
  fields: (t) => ({
    visit: t.relation('visit'),
    sentBy: t.relation('sentBy', { nullable: true }),
    recipients: t.exposeStringList('recipients', { description: 'The addresses it went to, lists expanded.' }),
    groups: t.exposeStringList('groups', { description: 'The distribution lists named.' }),
    subject: t.exposeString('subject'),
    body: t.exposeString('body'),
    emailStatus: t.expose('emailStatus', { type: VisitReportEmailStatusEnum }),
    attempts: t.exposeInt('attempts'),
    lastError: t.exposeString('lastError', { nullable: true }),
    emailedAt: t.expose('emailedAt', { type: 'DateTime', nullable: true }),
    createdAt: t.expose('createdAt', { type: 'DateTime' }),
  }),
});

export const VisitNoteRef = builder.prismaNode('VisitNote', {
  id: { field: 'id' },
  nullable: true,
  authScopes: readAccounts,
  fields: (t) => ({
    visit: t.relation('visit'),
    author: t.relation('author', { nullable: true }),
    body: t.exposeString('body'),
    takenAt: t.expose('takenAt', { type: 'DateTime' }),
    createdAt: t.expose('createdAt', { type: 'DateTime' }),
    flags: t.field({
      type: [GuardrailFlagRef],
      description: 'Guardrail flags on the note (acknowledged ones marked).',
      select: { visit: { select: { accountId: true } } },
      resolve: async (n, _a, ctx) => withAcks(ctx.prisma, n.visitId, 'NOTES', await flagsIn(ctx.prisma, n.visit.accountId, 'notes', n.body)),
    }),
    signals: t.relation('signals', { query: { orderBy: [{ createdAt: 'asc' }, { id: 'asc' }] } }),
  }),
});

const ACCESS_SELECT = { organizerId: true, attendees: { select: { userId: true } } } as const;

export const VisitRef = builder.prismaNode('Visit', {
  id: { field: 'id' },
  nullable: true,
  authScopes: readAccounts,
  fields: (t) => ({
    account: t.relation('account'),
    purpose: t.expose('purpose', { type: VisitPurposeEnum }),
    status: t.expose('status', { type: VisitStatusEnum }),
    scheduledAt: t.expose('scheduledAt', { type: 'DateTime' }),
    place: t.exposeString('place', { nullable: true }),
    goals: t.exposeString('goals', { description: 'What the visit should achieve, one goal per line.' }),
    organizer: t.relation('organizer', { nullable: true }),
    attendees: t.prismaField({
      type: ['User'],
      description: 'Our people going (the organizer is listed separately), by name.',
      resolve: (query, v, _a, ctx) =>
        ctx.prisma.user.findMany({ ...query, where: { visitsAttended: { some: { visitId: v.id } } }, orderBy: [{ name: 'asc' }, { id: 'asc' }] }),
    }),
    contacts: t.prismaField({
      type: ['Contact'],
      description: 'The customer’s people met, by name.',
      resolve: (query, v, _a, ctx) =>
        ctx.prisma.contact.findMany({ ...query, where: { visits: { some: { visitId: v.id } } }, orderBy: [{ name: 'asc' }, { id: 'asc' }] }),
    }),
    preMeetingNote: t.string({
      nullable: true,
      description: 'The pre-visit meeting: for the credit team, the organizer and the attendees; null for others.',
      select: ACCESS_SELECT,
      resolve: (v, _a, ctx) => (canSeeVisitInternals(ctx.viewer, v) ? v.preMeetingNote : null),
    }),
    preMeetingNoteAt: t.field({
      type: 'DateTime',
      nullable: true,
      select: ACCESS_SELECT,
      resolve: (v, _a, ctx) => (canSeeVisitInternals(ctx.viewer, v) ? v.preMeetingNoteAt : null),
    }),
    questions: t.field({ type: [VisitQuestionRef], resolve: (v) => readQuestions(v.questions) }),
    notes: t.relation('notes', { description: 'Oldest first.', query: { orderBy: [{ takenAt: 'asc' }, { id: 'asc' }] } }),
    briefing: t.prismaField({
      type: VisitBriefingRef,
      nullable: true,
      description: 'The latest briefing folder, in the viewer’s copy.',
      resolve: (query, v, _a, ctx) => ctx.prisma.visitBriefing.findFirst({ ...query, where: { visitId: v.id }, orderBy: [{ preparedAt: 'desc' }, { id: 'desc' }] }),
    }),
    briefingCount: t.relationCount('briefings'),
    actionItems: t.relation('actionItems', { query: { orderBy: [{ dueOn: 'asc' }, { id: 'asc' }] } }),
    signals: t.relation('signals', { description: 'Raised from its notes.', query: { orderBy: [{ createdAt: 'asc' }, { id: 'asc' }] } }),
    followUp: t.field({
      type: VisitFollowUpRef,
      nullable: true,
      resolve: (v, _a, ctx) => followUpOf(ctx.prisma, v),
    }),
    followedUpAt: t.expose('followedUpAt', { type: 'DateTime', nullable: true }),
    acknowledgedFlags: t.relation('guardrailAcks', { query: { orderBy: [{ acknowledgedAt: 'asc' }, { id: 'asc' }] } }),
    reports: t.prismaField({
      type: [VisitReportRef],
      description: 'Internal reports sent, newest first: for the credit team, the organizer and the attendees; [] for others.',
      select: ACCESS_SELECT,
      resolve: (query, v, _a, ctx) =>
        canSeeVisitInternals(ctx.viewer, v) ? ctx.prisma.visitReport.findMany({ ...query, where: { visitId: v.id }, orderBy: [{ createdAt: 'desc' }, { id: 'desc' }] }) : [],
    }),
    heldAt: t.expose('heldAt', { type: 'DateTime', nullable: true }),
    cancelledAt: t.expose('cancelledAt', { type: 'DateTime', nullable: true }),
    cancelReason: t.exposeString('cancelReason', { nullable: true }),
    decisions: t.exposeString('decisions', { nullable: true, description: 'Decisions on terms taken at or after the visit.' }),
    viewerCanEdit: t.boolean({
      description: 'Whether the viewer may change this visit (credit, organizer, attendees; never once cancelled).',
      select: ACCESS_SELECT,
      resolve: (v, _a, ctx) => v.status !== 'CANCELLED' && canChangeVisit(ctx.viewer, v) && hasScope(ctx.viewer, 'accounts:write'),
    }),
    createdAt: t.expose('createdAt', { type: 'DateTime' }),
  }),
});

const UPCOMING: readonly VisitStatus[] = ['PLANNED', 'BRIEFED'];

builder.prismaObjectField('Account', 'visits', (t) =>
  t.relatedConnection('visits', {
    cursor: 'id',
    totalCount: true,
    description:
      'Visits to this customer. Asked for upcoming ones only (status PLANNED and/or BRIEFED): soonest first (a planned visit whose date has passed but that is not marked held comes first); otherwise newest first (scheduledAt).',
    args: { status: t.arg({ type: [VisitStatusEnum], required: false }) },
    query: (args) => {
      const upcoming = !!args.status?.length && args.status.every((s) => UPCOMING.includes(s));
      const dir = upcoming ? 'asc' : 'desc';
      return { where: args.status?.length ? { status: { in: args.status } } : {}, orderBy: [{ scheduledAt: dir }, { id: dir }] };
    },
  }),
);

const VisitFilter = builder.inputType('VisitFilter', {
  fields: (t) => ({
    mine: t.boolean({ required: false, description: 'Visits the viewer organizes or attends.' }),
    status: t.field({ type: [VisitStatusEnum], required: false }),
    accountId: t.id({ required: false }),
    from: t.field({ type: 'DateTime', required: false, description: 'Scheduled at or after.' }),
    to: t.field({ type: 'DateTime', required: false, description: 'Scheduled before.' }),
  }),
});

type VisitFilterArg = { mine?: boolean | null; status?: VisitStatus[] | null; accountId?: string | number | null; from?: Date | null; to?: Date | null } | null | undefined;

function visitWhere(filter: VisitFilterArg, viewerId: string | undefined): Prisma.VisitWhereInput {
  const and: Prisma.VisitWhereInput[] = [];
  if (filter?.status?.length) and.push({ status: { in: filter.status } });
  if (filter?.accountId) and.push({ accountId: accountIdFrom(String(filter.accountId), 'filter.accountId') });
  if (filter?.from) and.push({ scheduledAt: { gte: filter.from } });
  if (filter?.to) and.push({ scheduledAt: { lt: filter.to } });
  if (filter?.mine) and.push(viewerId ? { OR: [{ organizerId: viewerId }, { attendees: { some: { userId: viewerId } } }] } : { id: { in: [] } });
  return { AND: and };
}

builder.queryField('visits', (t) =>
  t.prismaConnection({
    type: VisitRef,
    cursor: 'id',
    authScopes: readAccounts,
    maxSize: 100,
    defaultSize: 25,
    description: 'Visits across accounts, soonest scheduled first.',
    args: { filter: t.arg({ type: VisitFilter, required: false }) },
    totalCount: (_p, args, ctx) => ctx.prisma.visit.count({ where: visitWhere(args.filter, ctx.viewer?.userId) }),
    resolve: (query, _r, args, ctx) =>
      ctx.prisma.visit.findMany({ ...query, where: visitWhere(args.filter, ctx.viewer?.userId), orderBy: [{ scheduledAt: 'asc' }, { id: 'asc' }] }),
  }),
);

builder.queryField('visitGuardrails', (t) =>
  t.field({
    type: [GuardrailFlagRef],
    authScopes: readAccounts,
    description:
      'Checks a text of the visit against the guardrails; acknowledged flags are marked. NOTES: the notes as typed (field "notes"). FOLLOW_UP: the subject, a blank line, then the body; each flag says which (field "subject" or "body") with offsets into it.',
    args: {
      visitId: t.arg.id({ required: true }),
      source: t.arg({ type: VisitTextSourceEnum, required: true }),
      text: t.arg.string({ required: true }),
    },
    resolve: async (_r, args, ctx) => {
      if (args.text.length > MAX_FOLLOW_UP_CHARS) throw badInput(`text: must be at most ${MAX_FOLLOW_UP_CHARS} characters`, 'text');
      const visit = await ctx.prisma.visit.findUnique({ where: { id: visitIdFrom(args.visitId, 'visitId') }, select: { id: true, accountId: true } });
      if (!visit) throw notFound('Visit');
      if (args.source === 'NOTES') return withAcks(ctx.prisma, visit.id, 'NOTES', await flagsIn(ctx.prisma, visit.accountId, 'notes', args.text));
      const { subject, body } = splitFollowUpText(args.text);
      return followUpFlags(ctx.prisma, visit, subject, body);
    },
  }),
);

builder.queryField('visitQuestionTemplates', (t) =>
  t.field({
    type: [VisitQuestionTemplateRef],
    authScopes: readAccounts,
    description: 'The questions a visit of this purpose starts with.',
    args: { purpose: t.arg({ type: VisitPurposeEnum, required: true }) },
    resolve: (_r, args) => VISIT_QUESTION_TEMPLATES[args.purpose].map((q) => ({ key: q.key, text: q.text })),
  }),
);


builder.queryField('colleagues', (t) =>
  t.prismaField({
    type: ['User'],
    authScopes: { $all: { writer: true, scope: 'accounts:read' } },
    description:
      'Active colleagues who can take part in a visit or receive its report (everyone but viewers), by name; `search` matches name or e-mail. At most 50.',
    args: { search: t.arg.string({ required: false }), first: t.arg.int({ required: false, description: 'Default 20, at most 50.' }) },
    resolve: (query, _r, args, ctx) => {
      const search = args.search?.trim().slice(0, 100);
      const take = Math.min(Math.max(args.first ?? 20, 1), 50);
      return ctx.prisma.user.findMany({
        ...query,
        where: {
          active: true,
          role: { not: 'VIEWER' },
          ...(search ? { OR: [{ name: { contains: search, mode: 'insensitive' } }, { email: { contains: search, mode: 'insensitive' } }] } : {}),
        },
        orderBy: [{ name: 'asc' }, { id: 'asc' }],
        take,
      });
    },
  }),
);
