/**
 * The visit briefing folder (seed 004: "a complete and up-to-date folder that has all of the account's relevant
 * credit information"), assembled from the credit file at one moment. Two copies: CREDIT has everything; SALES
 * leaves out what the creditFigures rule hides from SALES in the API (ledger figures, invoices, the score and the
 * reasons' weights and figures, dispute amounts, credit reports, bank details, CREDIT_ONLY notes, the figures in
 * finance signals' notes) — each such section null and named in `omitted`.
 */
import { describeTrend } from './trend-sentence.js';
import {
  type Briefing,
  type BriefingActionItem,
  type BriefingAudience,
  type BriefingContact,
  type BriefingList,
  type BriefingStatusSection,
  type PaymentTrend,
  RISK_LEVEL_LABEL,
  SIGNAL_TYPE_INFO,
  type SignalType,
  VISIT_PURPOSE_LABEL,
} from '@earshot/shared';
import { type DateInput, toDay } from './calendar.js';
import { creditActionSentence, creditActions } from './credit-actions.js';
import { describeDisputeInWords } from './disputes.js';
import { type PaymentPatternEvidence, paymentPatternEvidence } from './health-check-evidence.js';
import { BRIEFING_CAPS, type CreditFile, type FileActionItem, type LedgerFigures } from './visit-briefing-file.js';
import { heaviestFirst } from './stored-status.js';

export { BRIEFING_CAPS, type CreditFile } from './visit-briefing-file.js';

/** What the SALES copy leaves out, in the words its reader sees ("Left out of this copy: …"). */
export const SALES_OMISSIONS = [
  'Risk score and the weights and figures behind its reasons',
  'Ledger figures and aging in every currency (exposure, overdue, credit balance, limit in use, DSO and best possible DSO)',
  'Open invoices',
  'Dispute amounts and invoices',
  'Payment trend figures',
  'Credit reports',
  'Bank detail changes',
  'Credit-only notes',
  'Figures in finance signals',
] as const;

/** The panel's trend words (extension ui/format/risk.ts TREND_TEXT), and the truth for an account with no payments. */
export const TREND_WORDS = { IMPROVING: 'Paying faster', STABLE: 'No change in payment timing', SLIPPING: 'Paying later', NO_HISTORY: 'No payment history yet' } as const;
export const NO_PAYMENT_HISTORY = 'No payment history yet';

/** A finance signal's note names figures (last digits, bureau score): the SALES copy reads the fact in words (as the API does). */
export function financeNoteInWords(type: SignalType): string | null {
  const info = SIGNAL_TYPE_INFO[type];
  return info.group === 'finance' ? `${info.label}. The credit team has the details.` : null;
}

const iso = (d: DateInput) => new Date(d).toISOString();
const isoOrNull = (d: DateInput | null) => (d === null ? null : iso(d));
const mapList = <A, B>(list: BriefingList<A>, f: (a: A) => B): BriefingList<B> => ({ total: list.total, items: list.items.map(f) });

/** No payment ever received and nothing paid in any month: a trend of "steady" would be a claim without evidence. */
function hasPaymentHistory(b: LedgerFigures | undefined): boolean {
  return !!b && (b.lastPaymentAt !== null || b.paymentSeries.some((m) => Number(m.paid) !== 0));
}

const capitalise = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);

/**
 * The payment pattern in the credit status's own terms. The review's evidence (paymentPatternEvidence) judges
 * "paying later than usual" from monthly days-to-pay averages (other windows, days from issue) with open invoices
 * counted at their days so far — so a briefing could read "Low risk; steady payer" beside "Paying later than
 * usual" for a customer who pays on time but has one invoice long overdue. Here later or faster is the trend's
 * word alone (the one the summary quotes: paid invoices, the last 90 days against their own norm); open invoices
 * well past due are said as what they are.
 */
function patternInTrendTerms(trend: PaymentTrend | null, b: LedgerFigures | undefined, p: PaymentPatternEvidence): { summary: string; detail: string } {
  const late = p.latePastDue ?? null;
  const pastDue = late ? (late.count === 1 ? 'an invoice is well past due' : 'some invoices are well past due') : null;
  const timing =
    trend === 'SLIPPING' ? 'paying later than usual' : trend === 'IMPROVING' ? 'paying faster than usual' : trend === 'STABLE' ? 'paying as usual' : null;
  const summary = timing && pastDue ? `${timing}: ${pastDue}` : (timing ?? pastDue ?? 'not enough payment history to compare');
  const why: string[] = [];
  if (late) {
    const span = late.minDaysPastDue === late.maxDaysPastDue ? `${late.minDaysPastDue}` : `${late.minDaysPastDue}–${late.maxDaysPastDue}`;
    why.push(`${late.count} invoice${late.count === 1 ? '' : 's'} unpaid ${span} days past due`);
  }
  if (trend === 'SLIPPING') why.push('the credit status shows them paying later than their own norm');
  else if (trend === 'IMPROVING') why.push('the credit status shows them paying earlier than their own norm');
  else if (trend === 'STABLE') why.push('the credit status shows them paying as their own norm');
  else why.push('too few invoices paid to compare with their own norm');
  // Paid DBT over both windows: the figures behind the trend (metrics stored before issue 10 have the 12 months only).
  if (b?.daysBeyondTerms != null) {
    const recent = b.recentDaysBeyondTerms == null ? '' : `${b.recentDaysBeyondTerms} days over the last 90 days, `;
    why.push(`paid DBT ${recent}${b.daysBeyondTerms} days over 12 months`);
  }
  return { summary: capitalise(summary), detail: capitalise(why.join('; ')) };
}

function actionItem(a: FileActionItem, asOf: DateInput): BriefingActionItem {
  return {
    title: a.title,
    owner: a.ownerUser ?? a.ownerContact ?? 'No owner',
    dueOn: iso(a.dueOn),
    status: a.status,
    overdue: a.status === 'OPEN' && toDay(a.dueOn) < toDay(asOf),
  };
}

function statusSection(file: CreditFile, asOf: DateInput): { status: BriefingStatusSection; patternDetail: string } {
  const m = file.metrics;
  const b = m?.behaviour;
  const history = hasPaymentHistory(b);
  // In words, naming what the trend compared (trend-sentence.ts); the trend's word alone for metrics stored before.
  const trendLabel = m && history ? (b?.trendDetail ? describeTrend(m.trend, b.trendDetail, false) : TREND_WORDS[m.trend]) : NO_PAYMENT_HISTORY;
  const levelLabel = m ? RISK_LEVEL_LABEL[m.riskLevel] : 'Not assessed yet';
  const hold = file.account.onHold ? [file.account.holdReason ? `on hold: ${file.account.holdReason}` : 'on hold'] : [];
  const openPastDue = file.openInvoices.items
    .filter((i) => !i.disputed)
    .map((i) => ({ daysOutstanding: toDay(asOf) - toDay(i.issuedAt), daysPastDue: Math.max(0, toDay(asOf) - toDay(i.dueAt)) }));
  const trend = m && history ? m.trend : null;
  const pattern = patternInTrendTerms(trend, b, paymentPatternEvidence(b?.paymentSeries ?? [], { openPastDue, trend }));
  const status: BriefingStatusSection = {
    riskLevel: m?.riskLevel ?? null,
    riskLevelLabel: levelLabel,
    riskScore: m?.riskScore ?? null,
    trend,
    trendLabel,
    summary: [levelLabel, trendLabel.toLowerCase(), ...hold].join('; '),
    paymentPattern: history || openPastDue.length ? pattern.summary : NO_PAYMENT_HISTORY,
    reasons: heaviestFirst(m?.factors ?? []).map((f) => ({ code: f.code, label: f.label, weight: f.weight, detail: f.detail })),
    computedAt: m ? iso(m.computedAt) : null,
  };
  return { status, patternDetail: pattern.detail };
}

/** The CREDIT copy: every section of the credit file as of `preparedAt`. */
export function assembleBriefing(file: CreditFile, opts: { preparedAt: DateInput; preparedBy: string | null }): Briefing {
  const asOf = opts.preparedAt;
  const a = file.account;
  const meeting = new Set(file.visit.contactIds);
  const contact = (c: CreditFile['contacts'][number]): BriefingContact => {
    const { id, ...rest } = c;
    return { ...rest, meeting: meeting.has(id) };
  };
  const contacts = [...file.contacts].sort((x, y) => Number(meeting.has(y.id)) - Number(meeting.has(x.id))).map(contact);
  const { status, patternDetail } = statusSection(file, asOf);
  const b = file.metrics?.behaviour;
  const bank = file.bankRecords.items;

  return {
    version: 1,
    audience: 'CREDIT',
    preparedAt: iso(asOf),
    preparedBy: opts.preparedBy,
    omitted: [],
    visit: {
      purpose: file.visit.purpose,
      purposeLabel: VISIT_PURPOSE_LABEL[file.visit.purpose],
      status: file.visit.status,
      scheduledAt: iso(file.visit.scheduledAt),
      place: file.visit.place,
      goals: file.visit.goals.split('\n').map((g) => g.trim()).filter(Boolean),
      organizer: file.visit.organizer,
      attendees: file.visit.attendees,
      contacts: contacts.filter((c) => c.meeting),
      questions: file.visit.questions.map((q) => ({ text: q.text, asked: q.asked, answer: q.answer })),
    },
    account: {
      name: a.name,
      industry: a.industry,
      country: a.country,
      website: a.website,
      keyAccount: a.keyAccount,
      accountManager: a.accountManager,
      creditOwner: a.creditOwner,
      whyTheyBuy: a.whyTheyBuy,
      ourValue: a.ourValue,
      alternatives: a.alternatives,
      preferredChannel: a.preferredChannel,
      preferredTone: a.preferredTone,
      paymentTermsDays: a.paymentTermsDays,
      lastContactAt: isoOrNull(a.lastContactAt),
      onHold: a.onHold,
      holdReason: a.holdReason,
      creditActions: creditActions(
        {
          onHold: a.onHold,
          holdReason: a.holdReason,
          collectionStatus: a.collectionStatus,
          collectionSince: a.collectionSince,
          reviewsInProgress: file.reviewsInProgress,
          openDisputes: file.disputes.items.filter((d) => d.status === 'OPEN'),
        },
      ).map((action) => creditActionSentence(action, asOf)),
      contacts,
    },
    status,
    ledger: {
      currency: a.currency,
      creditLimit: a.creditLimit,
      exposure: b?.exposure ?? '0.00',
      available: b ? b.available : a.creditLimit,
      overLimit: b?.overLimit ?? false,
      overdue: b?.overdue ?? '0.00',
      disputed: b?.disputed ?? '0.00',
      aging: b?.aging ?? { current: '0.00', d1_30: '0.00', d31_60: '0.00', d61_90: '0.00', d90plus: '0.00' },
      averageDaysToPay: b?.avgDaysToPay ?? null,
      daysBeyondTerms: b?.daysBeyondTerms ?? null,
      purchasesVsAnticipated: b?.purchasesVsAnticipated ?? null,
      lastPaymentAt: b?.lastPaymentAt ?? null,
      // The figures of issue 10 only when the metrics have them: a briefing never shows a made-up zero.
      ...(b?.recentDaysBeyondTerms !== undefined ? { recentDaysBeyondTerms: b.recentDaysBeyondTerms } : {}),
      ...(b?.creditBalance !== undefined ? { creditBalance: b.creditBalance } : {}),
      ...(b?.totalExposure !== undefined ? { totalExposure: b.totalExposure } : {}),
      ...(b?.totalOverdue !== undefined ? { totalOverdue: b.totalOverdue } : {}),
      ...(b?.unconvertedCurrencies !== undefined ? { unconvertedCurrencies: b.unconvertedCurrencies } : {}),
      ...(b?.limitUtilisation !== undefined ? { limitUtilisation: b.limitUtilisation } : {}),
      ...(b?.dso !== undefined ? { dso: b.dso } : {}),
      ...(b?.bestPossibleDso !== undefined ? { bestPossibleDso: b.bestPossibleDso } : {}),
      // Each other currency in its own money with its rate, overdue, oldest days and aging (what the panel lists).
      otherCurrencies: (b?.otherCurrencies ?? []).map((c) => ({
        currency: c.currency,
        exposure: c.exposure,
        ...(c.overdue !== undefined ? { overdue: c.overdue, oldestOverdueDays: c.oldestOverdueDays ?? null, rateToAccountCurrency: c.rateToAccountCurrency ?? null } : {}),
        ...(c.disputed !== undefined ? { disputed: c.disputed } : {}),
        ...(c.creditBalance !== undefined ? { creditBalance: c.creditBalance } : {}),
        ...(c.aging !== undefined ? { aging: c.aging } : {}),
      })),
    },
    openInvoices: {
      currency: a.currency,
      ...mapList(file.openInvoices, (i) => ({
        number: i.number,
        currency: i.currency,
        issuedAt: iso(i.issuedAt),
        dueAt: iso(i.dueAt),
        amount: i.amount,
        outstanding: i.outstanding,
        daysPastDue: Math.max(0, toDay(asOf) - toDay(i.dueAt)),
        disputed: i.disputed,
      })),
    },
    disputes: mapList(file.disputes, (d) => ({
      kind: d.kind,
      status: d.status,
      reason: d.reason,
      ownerTeam: d.ownerTeam,
      openedAt: iso(d.openedAt),
      expectedBy: isoOrNull(d.expectedBy),
      summary: describeDisputeInWords(d, asOf),
      amount: d.amount,
      currency: d.currency,
      invoiceNumbers: d.invoiceNumbers,
    })),
    paymentTrend: {
      currency: a.currency,
      months: (b?.paymentSeries ?? []).map((m) => ({
        month: m.month,
        invoiced: m.invoiced,
        paid: m.paid,
        averageDaysToPay: m.avgDaysToPay,
        daysBeyondTerms: m.daysBeyondTerms,
      })),
      detail: hasPaymentHistory(b) ? patternDetail : NO_PAYMENT_HISTORY,
    },
    creditReports: mapList(file.creditReports, (r) => ({ score: r.score, rating: r.rating, source: r.source, reportedAt: iso(r.reportedAt) })),
    bankChanges: {
      total: file.bankRecords.total,
      items: bank.slice(0, BRIEFING_CAPS.bankChanges).map((r, i) => {
        const before = bank[i + 1];
        return { recordedAt: iso(r.recordedAt), bankName: r.bankName, last4: r.last4, changed: before !== undefined && before.fingerprint !== r.fingerprint };
      }),
    },
    signals: mapList(file.signals, (s) => ({
      type: s.type,
      label: SIGNAL_TYPE_INFO[s.type].label,
      severity: s.severity,
      sentiment: s.sentiment,
      source: s.source,
      status: s.status,
      observedAt: iso(s.observedAt),
      note: s.note,
      author: s.author,
    })),
    notes: mapList(file.notes.all, (n) => ({ ...n, createdAt: iso(n.createdAt) })),
    pastVisits: mapList(file.pastVisits, (v) => ({
      purposeLabel: VISIT_PURPOSE_LABEL[v.purpose],
      status: v.status,
      scheduledAt: iso(v.scheduledAt),
      heldAt: isoOrNull(v.heldAt),
      place: v.place,
      openActionItems: v.openActionItems.map((x) => actionItem(x, asOf)),
    })),
    actionItems: mapList(file.actionItems, (x) => actionItem(x, asOf)),
    intelRequests: mapList(file.intelRequests, (r) => ({ ...r, dueAt: isoOrNull(r.dueAt), createdAt: iso(r.createdAt) })),
    reviews: mapList(file.reviews, (r) => ({
      ...r,
      dueAt: iso(r.dueAt),
      startedAt: isoOrNull(r.startedAt),
      completedAt: isoOrNull(r.completedAt),
    })),
  };
}

/**
 * The SALES copy of a CREDIT briefing: the creditFigures rule applied section by section. `sharedNotes` are the
 * notes visible to ALL (the CREDIT copy's notes list mixes both visibilities and is capped, so it cannot be
 * filtered down to the right total). `salesDetails`: each reason's words without figures, by factor code.
 */
export function salesCopy(full: Briefing, sharedNotes: Briefing['notes'], salesDetails: ReadonlyMap<string, string> = new Map()): Briefing {
  // Heaviest first, as the CREDIT copy lists them: the order tells which weighs most, the points stay out.
  const byWeight = heaviestFirst(full.status.reasons);
  return {
    ...full,
    audience: 'SALES',
    omitted: [...SALES_OMISSIONS],
    // Each reason in words when the credit status has them (as CreditFactor.detail reads for SALES), never the figures.
    status: { ...full.status, riskScore: null, reasons: byWeight.map((r) => ({ code: r.code, label: r.label, weight: null, detail: salesDetails.get(r.code) ?? null })) },
    ledger: null,
    openInvoices: null,
    disputes: { total: full.disputes.total, items: full.disputes.items.map((d) => ({ ...d, amount: null, invoiceNumbers: null })) },
    paymentTrend: null,
    creditReports: null,
    bankChanges: null,
    signals: {
      total: full.signals.total,
      items: full.signals.items.map((s) => ({ ...s, note: s.note !== null ? (financeNoteInWords(s.type as SignalType) ?? s.note) : null })),
    },
    notes: sharedNotes,
  };
}

/** Both copies from one credit file. */
export function assembleBriefings(file: CreditFile, opts: { preparedAt: DateInput; preparedBy: string | null }): Record<BriefingAudience, Briefing> {
  const full = assembleBriefing(file, opts);
  const shared = mapList(file.notes.shared, (n) => ({ ...n, createdAt: iso(n.createdAt) }));
  const salesDetails = new Map((file.metrics?.factors ?? []).filter((f) => f.salesDetail).map((f) => [f.code, f.salesDetail!]));
  return { CREDIT: full, SALES: salesCopy(full, shared, salesDetails) };
}
