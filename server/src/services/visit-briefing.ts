/**
 * Gathers an account's credit file and assembles the visit briefing (domain/visit-briefing.ts), both copies.
 * A fixed number of queries whatever the account's size (each list capped, its total counted in the database);
 * the caller stores the result (VisitBriefing.full / .sales), which freezes what the folder said that day.
 */
import type { Briefing, VisitQuestion } from '@earshot/shared';
import type { Prisma } from '../db/client.js';
import { formatMoney } from '../domain/money.js';
import { assembleBriefings, BRIEFING_CAPS as CAP, type CreditFile } from '../domain/visit-briefing.js';
import type { FileActionItem, FileMetrics } from '../domain/visit-briefing-file.js';
import { invoiceIdsWithStatus, settle } from '../ledger/invoice-status.js';

const money = (d: { toFixed(digits: number): string } | null) => (d === null ? null : d.toFixed(2));
const name = { select: { name: true } } as const;
const nameOf = (u: { name: string } | null) => u?.name ?? null;
const actionItemSelect = { title: true, dueOn: true, status: true, ownerUser: name, ownerContact: name } as const;
const toActionItem = (a: { title: string; dueOn: Date; status: FileActionItem['status']; ownerUser: { name: string } | null; ownerContact: { name: string } | null }): FileActionItem => ({
  title: a.title,
  dueOn: a.dueOn,
  status: a.status,
  ownerUser: nameOf(a.ownerUser),
  ownerContact: nameOf(a.ownerContact),
});
const openDisputeLinks = { where: { dispute: { status: 'OPEN' as const } }, select: { disputeId: true } };
const settlement = { payments: { select: { id: true, amount: true, receivedAt: true } } } as const;

function questionsOf(json: unknown): VisitQuestion[] {
  return Array.isArray(json) ? (json as VisitQuestion[]).filter((q) => q && typeof q.text === 'string') : [];
}

function intelQuestionTexts(json: unknown): string[] {
  return Array.isArray(json) ? json.map((q) => (q && typeof q === 'object' && 'text' in q ? String(q.text) : '')).filter(Boolean) : [];
}

/** The credit file of `accountId` for the visit `visitId` as of `now`. */
export async function gatherCreditFile(prisma: Prisma, input: { accountId: string; visitId: string; now: Date }): Promise<CreditFile> {
  const { accountId, visitId, now } = input;
  const openIds = await invoiceIdsWithStatus(prisma, accountId, 'OPEN', now);
  const [account, visit, invoices, disputes, disputeCount, reports, reportCount, bank, bankCount, signals, signalCount] = await Promise.all([
    prisma.account.findUniqueOrThrow({
      where: { id: accountId },
      include: { accountManager: name, creditOwner: name, metrics: true, contacts: { orderBy: [{ name: 'asc' }, { id: 'asc' }] } },
    }),
    prisma.visit.findUniqueOrThrow({
      where: { id: visitId },
      include: { organizer: name, attendees: { include: { user: { select: { name: true, role: true } } } }, contacts: { select: { contactId: true } } },
    }),
    prisma.invoice.findMany({
      where: { id: { in: openIds } },
      include: { ...settlement, disputes: openDisputeLinks },
      orderBy: [{ dueAt: 'asc' }, { id: 'asc' }],
      take: CAP.openInvoices,
    }),
    prisma.dispute.findMany({
      where: { accountId },
      include: { invoices: { select: { invoice: { include: settlement } } } },
      // Open ones first (an enum sorts in declaration order: OPEN, RESOLVED, CANCELLED), newest first within.
      orderBy: [{ status: 'asc' }, { openedAt: 'desc' }, { id: 'desc' }],
      take: CAP.disputes,
    }),
    prisma.dispute.count({ where: { accountId } }),
    prisma.creditReport.findMany({ where: { accountId }, orderBy: [{ reportedAt: 'desc' }, { id: 'desc' }], take: CAP.creditReports }),
    prisma.creditReport.count({ where: { accountId } }),
    prisma.bankDetailRecord.findMany({ where: { accountId }, orderBy: [{ recordedAt: 'desc' }, { id: 'desc' }], take: CAP.bankChanges + 1 }),
    prisma.bankDetailRecord.count({ where: { accountId } }),
    prisma.signal.findMany({ where: { accountId }, include: { author: name }, orderBy: [{ observedAt: 'desc' }, { id: 'desc' }], take: CAP.signals }),
    prisma.signal.count({ where: { accountId } }),
  ]);
  const [notes, noteCount, shared, sharedCount, pastVisits, pastVisitCount, items, itemCount, intel, intelCount, reviews, reviewCount, inProgress] = await Promise.all([
    prisma.note.findMany({ where: { accountId }, include: { author: name }, orderBy: [{ createdAt: 'desc' }, { id: 'desc' }], take: CAP.notes }),
    prisma.note.count({ where: { accountId } }),
    prisma.note.findMany({ where: { accountId, visibility: 'ALL' }, include: { author: name }, orderBy: [{ createdAt: 'desc' }, { id: 'desc' }], take: CAP.notes }),
    prisma.note.count({ where: { accountId, visibility: 'ALL' } }),
    prisma.visit.findMany({
      where: { accountId, id: { not: visitId }, scheduledAt: { lte: now } },
      include: { actionItems: { where: { status: 'OPEN' }, select: actionItemSelect, orderBy: [{ dueOn: 'asc' }, { id: 'asc' }] } },
      orderBy: [{ scheduledAt: 'desc' }, { id: 'desc' }],
      take: CAP.pastVisits,
    }),
    prisma.visit.count({ where: { accountId, id: { not: visitId }, scheduledAt: { lte: now } } }),
    prisma.actionItem.findMany({ where: { accountId, status: 'OPEN' }, select: actionItemSelect, orderBy: [{ dueOn: 'asc' }, { id: 'asc' }], take: CAP.actionItems }),
    prisma.actionItem.count({ where: { accountId, status: 'OPEN' } }),
    prisma.intelRequest.findMany({
      where: { accountId, status: 'OPEN' },
      include: { requestedBy: name, assignedTo: name },
      orderBy: [{ createdAt: 'desc' }, { id: 'desc' }],
      take: CAP.intelRequests,
    }),
    prisma.intelRequest.count({ where: { accountId, status: 'OPEN' } }),
    prisma.healthCheck.findMany({
      where: { accountId, status: { not: 'CANCELLED' } },
      include: { reviewer: name },
      // Open reviews first (a PostgreSQL enum sorts in declaration order: PLANNED, IN_PROGRESS, DONE), then the latest done.
      orderBy: [{ status: 'asc' }, { dueAt: 'desc' }, { id: 'desc' }],
      take: CAP.reviews,
    }),
    prisma.healthCheck.count({ where: { accountId, status: { not: 'CANCELLED' } } }),
    prisma.healthCheck.findMany({ where: { accountId, status: 'IN_PROGRESS' }, select: { startedAt: true }, orderBy: [{ startedAt: 'desc' }], take: 1 }),
  ]);

  const m = account.metrics;
  const metrics: FileMetrics | null = m
    ? { riskLevel: m.riskLevel, riskScore: m.riskScore, trend: m.trend, behaviour: m.behaviour as unknown as FileMetrics['behaviour'], factors: m.factors as unknown as FileMetrics['factors'], computedAt: m.computedAt }
    : null;
  const noteFact = (n: (typeof notes)[number]) => ({ body: n.body, author: nameOf(n.author), visibility: n.visibility, createdAt: n.createdAt });

  return {
    account: {
      name: account.name,
      industry: account.industry,
      country: account.country,
      website: account.website,
      keyAccount: account.keyAccount,
      accountManager: nameOf(account.accountManager),
      creditOwner: nameOf(account.creditOwner),
      whyTheyBuy: account.whyTheyBuy,
      ourValue: account.ourValue,
      alternatives: account.alternatives,
      preferredChannel: account.preferredChannel,
      preferredTone: account.preferredTone,
      paymentTermsDays: account.paymentTermsDays,
      lastContactAt: account.lastContactAt,
      onHold: account.onHold,
      holdReason: account.holdReason,
      collectionStatus: account.collectionStatus,
      collectionSince: account.collectionSince,
      currency: account.currency,
      creditLimit: money(account.creditLimit),
    },
    contacts: account.contacts.map((c) => ({
      id: c.id,
      name: c.name,
      role: c.role,
      email: c.email,
      phone: c.phone,
      preferredChannel: c.preferredChannel,
      preferredTone: c.preferredTone,
      notes: c.notes,
    })),
    metrics,
    visit: {
      purpose: visit.purpose,
      status: visit.status,
      scheduledAt: visit.scheduledAt,
      place: visit.place,
      goals: visit.goals,
      organizer: nameOf(visit.organizer),
      attendees: visit.attendees.map((a) => ({ name: a.user.name, role: a.user.role })).sort((a, b) => a.name.localeCompare(b.name, 'en')),
      contactIds: visit.contacts.map((c) => c.contactId),
      questions: questionsOf(visit.questions),
    },
    openInvoices: {
      total: openIds.length,
      items: invoices.map((i) => ({
        number: i.number,
        currency: i.currency,
        amount: i.amount.toFixed(2),
        outstanding: formatMoney(settle(i, now).outstanding),
        issuedAt: i.issuedAt,
        dueAt: i.dueAt,
        disputed: i.disputes.length > 0,
      })),
    },
    disputes: {
      total: disputeCount,
      items: disputes.map((d) => ({
        kind: d.kind,
        status: d.status,
        reason: d.reason,
        ownerTeam: d.ownerTeam,
        openedAt: d.openedAt,
        expectedBy: d.expectedBy,
        // As the API's Dispute.amount: the named invoices' open amounts, or the amount given.
        amount: d.invoices.length ? formatMoney(d.invoices.reduce((sum, x) => sum + settle(x.invoice, now).outstanding, 0)) : money(d.amount),
        currency: d.currency,
        invoiceNumbers: d.invoices.map((x) => x.invoice.number).sort(),
      })),
    },
    creditReports: { total: reportCount, items: reports.map((r) => ({ score: r.score, rating: r.rating, source: r.source, reportedAt: r.reportedAt })) },
    bankRecords: { total: bankCount, items: bank.map((r) => ({ fingerprint: r.fingerprint, last4: r.last4, bankName: r.bankName, recordedAt: r.recordedAt })) },
    signals: {
      total: signalCount,
      items: signals.map((s) => ({
        type: s.type,
        severity: s.severity,
        sentiment: s.sentiment,
        source: s.source,
        status: s.status,
        observedAt: s.observedAt,
        note: s.note,
        author: nameOf(s.author),
      })),
    },
    notes: { all: { total: noteCount, items: notes.map(noteFact) }, shared: { total: sharedCount, items: shared.map(noteFact) } },
    pastVisits: {
      total: pastVisitCount,
      items: pastVisits.map((v) => ({
        purpose: v.purpose,
        status: v.status,
        scheduledAt: v.scheduledAt,
        heldAt: v.heldAt,
        place: v.place,
        openActionItems: v.actionItems.map(toActionItem),
      })),
    },
    actionItems: { total: itemCount, items: items.map(toActionItem) },
    intelRequests: {
      total: intelCount,
      items: intel.map((r) => ({
        status: r.status,
        message: r.message,
        questions: intelQuestionTexts(r.questions),
        requestedBy: nameOf(r.requestedBy),
        assignedTo: nameOf(r.assignedTo),
        dueAt: r.dueAt,
        createdAt: r.createdAt,
      })),
    },
    reviews: {
      total: reviewCount,
      items: reviews.map((h) => ({ status: h.status, dueAt: h.dueAt, startedAt: h.startedAt, completedAt: h.completedAt, reviewer: nameOf(h.reviewer), outcome: h.outcome })),
    },
    reviewsInProgress: inProgress,
  };
}

/**
 * Both copies of the briefing as of `now`. `preparedBy`: the preparer's user id (the document holds their name)
 * or a name as it should read.
 */
export async function buildBriefingSnapshot(
  prisma: Prisma,
  input: { accountId: string; visitId: string; preparedBy: string | null; now: Date },
): Promise<{ full: Briefing; sales: Briefing }> {
  const [file, preparer] = await Promise.all([
    gatherCreditFile(prisma, input),
    input.preparedBy ? prisma.user.findUnique({ where: { id: input.preparedBy }, select: { name: true } }) : null,
  ]);
  const { CREDIT, SALES } = assembleBriefings(file, { preparedAt: input.now, preparedBy: preparer?.name ?? input.preparedBy });
  return { full: CREDIT, sales: SALES };
}
