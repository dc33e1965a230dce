/**
 * Keeps one account's credit status and alerts current. Reads that account's rows only, runs the pure
 * domain functions (server/src/domain), and writes AccountMetrics and the alert changes in one short
 * transaction. Called after every change to the account (and for many accounts by the job queue after an
 * import, and daily, because aging and review dates move with time).
 */
import type { RiskLevel } from '@earshot/shared';
import type { Prisma } from '../db/client.js';
import {
  type AlertCondition,
  assessCredit,
  type DisputeFact,
  computePaymentBehaviour,
  evaluateAlertRules,
  formatMoney,
  nextReviewDue,
  parseMoney,
  type PaymentBehaviour,
  reconcileAlerts,
  type SignalFact,
  type WatchMatch,
} from '../domain/index.js';
import { reviewPolicyFrom } from '../domain/review-schedule.js';
import { writeInvoiceOutstanding } from '../ledger/invoice-balances.js';
import type { Prisma as P } from '../generated/prisma/client.js';
import type { StoredBehaviour, StoredFactor } from './credit-status.js';
import { type EventBus, NO_EVENTS } from './index.js';

/** A person resolved it while the condition still held: do not raise it again for this long. */
export const RESOLVED_SUPPRESSION_DAYS = 30;

const ZERO = '0.00';
const toMinor = (d: { toFixed(digits: number): string } | null): number | null => (d === null ? null : parseMoney(d.toFixed(2)));

export function toStoredBehaviour(b: PaymentBehaviour | null): StoredBehaviour {
  if (!b) {
    return {
      exposure: ZERO,
      available: null,
      overdue: ZERO,
      disputed: ZERO,
      aging: { current: ZERO, d1_30: ZERO, d31_60: ZERO, d61_90: ZERO, d90plus: ZERO },
      avgDaysToPay: null,
      daysBeyondTerms: null,
      paymentSeries: [],
      purchasesVsAnticipated: null,
      lastPaymentAt: null,
      overLimit: false,
      otherCurrencies: [],
    };
  }
  return {
    exposure: formatMoney(b.exposure),
    available: b.availableCredit === null ? null : formatMoney(b.availableCredit),
    overdue: formatMoney(b.overdueAmount),
    disputed: formatMoney(b.disputedAmount),
    aging: {
      current: formatMoney(b.aging.current),
      d1_30: formatMoney(b.aging.d1_30),
      d31_60: formatMoney(b.aging.d31_60),
      d61_90: formatMoney(b.aging.d61_90),
      d90plus: formatMoney(b.aging.d90plus),
    },
    avgDaysToPay: b.averageDaysToPay,
    daysBeyondTerms: b.daysBeyondTerms,
    paymentSeries: b.monthly.map((m) => ({
      month: m.month,
      invoiced: formatMoney(m.invoiced),
      paid: formatMoney(m.paid),
      avgDaysToPay: m.avgDaysToPay,
      daysBeyondTerms: m.daysBeyondTerms,
    })),
    purchasesVsAnticipated: b.purchasesVsAnticipated?.ratio ?? null,
    lastPaymentAt: b.lastPaymentAt,
    overLimit: b.overLimit,
    otherCurrencies: b.otherCurrencies.map((c) => ({ currency: c.currency, exposure: formatMoney(c.exposure) })),
  };
}

// Watch-list signals are raised by the system for every account in a watched industry or country; the watch
// match itself is scored (WATCHLIST factor), so these signals must not count a second time.
const WATCH_SIGNAL_TYPES = new Set(['INDUSTRY_DOWNTURN', 'COUNTRY_RISK']);

export interface RecomputeResult {
  riskLevel: RiskLevel;
  riskScore: number;
  raised: string[];
  resolved: string[];
}

export async function recomputeAccount(
  prisma: Prisma,
  accountId: string,
  { asOf = new Date(), events = NO_EVENTS }: { asOf?: Date; events?: EventBus } = {},
): Promise<RecomputeResult | null> {
  const account = await prisma.account.findUnique({
    where: { id: accountId },
    include: {
      invoices: { include: { payments: true } },
      signals: { where: { status: { in: ['OPEN', 'ACKNOWLEDGED'] } }, include: { author: { select: { role: true } } } },
      creditReports: { orderBy: { reportedAt: 'desc' }, take: 24 },
      disputes: { where: { status: 'OPEN' }, include: { invoices: { select: { invoiceId: true } } }, orderBy: [{ openedAt: 'asc' }, { id: 'asc' }] },
      // The latest completed review: its reviewer may have set the next review earlier than the policy would.
      healthChecks: { where: { status: 'DONE' }, orderBy: { completedAt: 'desc' }, take: 1, select: { completedAt: true, nextReviewAt: true } },
      alerts: { where: { OR: [{ status: { in: ['OPEN', 'ACKNOWLEDGED'] } }, { status: 'RESOLVED', resolvedAt: { gte: new Date(asOf.getTime() - RESOLVED_SUPPRESSION_DAYS * 86400_000) } }] } },
    },
  });
  if (!account) return null;

  const watchOr: P.WatchWhereInput[] = [];
  if (account.industry) watchOr.push({ kind: 'INDUSTRY', value: { equals: account.industry, mode: 'insensitive' } });
  if (account.country) watchOr.push({ kind: 'COUNTRY', value: account.country });
  const watches = watchOr.length ? await prisma.watch.findMany({ where: { active: true, OR: watchOr } }) : [];
  const watchMatches: WatchMatch[] = watches.map((w) => ({ kind: w.kind, value: w.value, reason: w.reason }));

  const disputes: DisputeFact[] = account.disputes.map((d) => ({
    id: d.id,
    kind: d.kind,
    ownerTeam: d.ownerTeam,
    currency: d.currency,
    invoiceIds: d.invoices.map((i) => i.invoiceId),
    amount: toMinor(d.amount),
    openedAt: d.openedAt,
  }));
  // The same rows settle the credit status and each invoice's stored outstanding (writeInvoiceOutstanding below).
  const ledger = {
    invoices: account.invoices.map((i) => ({ id: i.id, number: i.number, currency: i.currency, amount: toMinor(i.amount)!, issuedAt: i.issuedAt, dueAt: i.dueAt })),
    payments: account.invoices.flatMap((i) => i.payments.map((p) => ({ id: p.id, invoiceId: i.id, amount: toMinor(p.amount)!, receivedAt: p.receivedAt }))),
  };
  const behaviour = account.invoices.length || disputes.length
    ? computePaymentBehaviour(
        {
          currency: account.currency,
          termsDays: account.paymentTermsDays,
          creditLimit: toMinor(account.creditLimit),
          anticipatedMonthlyPurchases: toMinor(account.anticipatedMonthlyPurchases),
          invoices: ledger.invoices,
          payments: ledger.payments,
          disputes,
        },
        asOf,
      )
    : null;

  const signals: SignalFact[] = account.signals
    .filter((s) => !(s.source === 'SYSTEM' && WATCH_SIGNAL_TYPES.has(s.type)))
    .map((s) => ({
      id: s.id,
      type: s.type,
      severity: Math.min(3, Math.max(1, s.severity)) as 1 | 2 | 3,
      source: s.source,
      observedAt: s.observedAt,
      status: s.status,
      authorRole: s.authorId && s.authorId === account.accountManagerId ? 'ACCOUNT_MANAGER' : (s.author?.role ?? null),
    }));

  const assessment = assessCredit({
    behaviour,
    signals,
    creditReport: account.creditReports.length ? { history: account.creditReports.map((r) => ({ at: r.reportedAt, score: r.score })) } : null,
    watchMatches,
    onHold: account.onHold,
    asOf,
  });
  const policy = reviewPolicyFrom(await prisma.reviewPolicy.findMany({ select: { riskLevel: true, intervalDays: true } }));
  const policyNext = new Date(`${nextReviewDue(account.lastReviewedAt, assessment.riskLevel, account.createdAt, policy)}T00:00:00.000Z`);
  // A date set by the last review counts when it is earlier than the policy's (a later one was refused then; a risk
  // level that rose since brings the review forward).
  const lastReview = account.healthChecks[0];
  const chosen =
    lastReview?.nextReviewAt && lastReview.completedAt && account.lastReviewedAt && lastReview.completedAt.getTime() >= account.lastReviewedAt.getTime()
      ? lastReview.nextReviewAt
      : null;
  const nextReviewAt = chosen && chosen.getTime() < policyNext.getTime() ? chosen : policyNext;

  const conditions = evaluateAlertRules({
    account: { id: account.id },
    behaviour,
    signals: account.signals.map((s) => ({ id: s.id, type: s.type, severity: s.severity as 1 | 2 | 3, source: s.source, observedAt: s.observedAt, status: s.status })),
    watchMatches,
    review: { lastReviewedAt: account.lastReviewedAt, nextDueAt: nextReviewAt },
    contact: { keyAccount: account.keyAccount, contactFrequencyDays: account.contactFrequencyDays, lastContactAt: account.lastContactAt, createdAt: account.createdAt },
    asOf,
  });
  const open = account.alerts.filter((a) => a.status !== 'RESOLVED');
  const resolvedByKey = new Map(account.alerts.filter((a) => a.status === 'RESOLVED').map((a) => [a.dedupKey, a]));
  // Resolved by a person while the condition held (not auto-resolved): respect that for a while.
  const suppressed = [...resolvedByKey.values()].filter((a) => a.resolvedById).map((a) => a.dedupKey);
  const plan = reconcileAlerts(open, conditions, suppressed);

  const factors: StoredFactor[] = assessment.factors.map((f) => ({ code: f.code, label: f.label, weight: f.weight, detail: f.detail }));
  const stored = toStoredBehaviour(behaviour);
  const creditOwnerId = account.creditOwnerId ?? account.accountManagerId;
  // Contact cadence is the account manager's to keep; everything else goes to the credit owner.
  const ownerOf = (c: AlertCondition) => (c.owner === 'ACCOUNT_MANAGER' ? (account.accountManagerId ?? account.creditOwnerId) : creditOwnerId);
  const raised: { id: string; condition: AlertCondition }[] = [];

  await prisma.$transaction(async (tx) => {
    const metrics = {
      riskLevel: assessment.riskLevel,
      riskScore: assessment.riskScore,
      trend: behaviour?.trend ?? 'STABLE',
      exposure: stored.exposure,
      overdue: stored.overdue,
      behaviour: stored as unknown as P.InputJsonValue,
      factors: factors as unknown as P.InputJsonValue,
      computedAt: asOf,
    };
    await tx.accountMetrics.upsert({ where: { accountId }, create: { accountId, ...metrics }, update: metrics });
    await writeInvoiceOutstanding(tx, accountId, ledger.invoices, ledger.payments, account.paymentTermsDays);
    if (account.nextReviewAt?.getTime() !== nextReviewAt.getTime()) await tx.account.update({ where: { id: accountId }, data: { nextReviewAt } });
    for (const c of plan.toCreate) {
      const data = { rule: c.rule, severity: c.severity, title: c.title, detail: c.detail, evidence: c.evidence as P.InputJsonValue };
      // The same condition came back after an automatic resolve (or long after a manual one): reopen it.
      const alert = await tx.alert.upsert({
        where: { accountId_dedupKey: { accountId, dedupKey: c.dedupKey } },
        create: { accountId, dedupKey: c.dedupKey, ownerId: ownerOf(c), ...data },
        update: { ...data, status: 'OPEN', resolvedAt: null, resolvedById: null, acknowledgedAt: null, reopenedAt: asOf },
      });
      raised.push({ id: alert.id, condition: c });
    }
    for (const k of plan.toKeep) {
      await tx.alert.update({
        where: { id: k.id },
        data: { severity: k.condition.severity, title: k.condition.title, detail: k.condition.detail, evidence: k.condition.evidence as P.InputJsonValue },
      });
    }
    if (plan.toAutoResolve.length) {
      await tx.alert.updateMany({ where: { id: { in: plan.toAutoResolve.map((a) => a.id) } }, data: { status: 'RESOLVED', resolvedAt: asOf } });
    }
  });

  for (const r of raised) {
    await events.alertRaised({ id: r.id, accountId, rule: r.condition.rule, severity: r.condition.severity, title: r.condition.title, status: 'OPEN' });
  }
  await events.accountUpdated(accountId);
  return { riskLevel: assessment.riskLevel, riskScore: assessment.riskScore, raised: raised.map((r) => r.condition.rule), resolved: plan.toAutoResolve.map((a) => a.rule) };
}
