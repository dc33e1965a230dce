/**
 * Health-check reviews (seed 002): every customer, good payers included, reviewed routinely by its credit owner.
 * `scheduleReviews` plans a month (per credit owner, up to their capacity; overdue first, then the biggest exposure
 * in the reporting currency); a review is started (asking the account manager's view through an intel request),
 * its four checks recorded against evidence from the account's own rows, and completed with an outcome that moves
 * the account's next review, may change its limit or hold, and writes signals for what changed.
 *
 * Accounts without a credit owner are planned too, unassigned (reviewer null), against the workspace's default
 * capacity; the plan reports them as `unassigned`. Starting one assigns it to whoever starts it.
 */
import { type RiskLevel, SALES_VIEW_QUESTION_TEXT, SALES_VIEWS } from '@earshot/shared';
import { z } from 'zod';
import type { Viewer } from '../auth/tokens.js';
import type { Prisma } from '../db/client.js';
import { monthStartDay } from '../domain/calendar.js';
import { CURRENCY_CODES } from '../domain/currency.js';
import {
  type BankDetailsEvidence,
  bankDetailsEvidence,
  type CreditReportEvidence,
  creditReportEvidence,
  type PaymentPatternEvidence,
  paymentPatternEvidence,
  purchasesEvidence,
} from '../domain/health-check-evidence.js';
import { formatMoney, MAX_AMOUNT, parseMoney, tryParseAmountInput } from '../domain/money.js';
import {
  nextReviewDue,
  planReviewsByOwner,
  type RateTable,
  type ReviewPolicy,
  reviewIntervalDays,
  reviewPolicyFrom,
  toReportingCurrency,
  UNOWNED,
} from '../domain/review-schedule.js';
import type { Prisma as P } from '../generated/prisma/client.js';
import { badInput, notFound } from '../graphql/errors.js';
import { GraphQLError } from 'graphql';
import { enqueueRecomputeIn } from '../jobs/recompute.js';
import { audit } from './audit.js';
import type { StoredBehaviour } from '../domain/stored-status.js';
import type { Services } from './index.js';
import { LIMITS, nonEmpty, optionalText, validate } from './validation.js';
import { readWorkspaceSettings } from './workspace-settings.js';

type Tx = P.TransactionClient;
const DAY_MS = 86_400_000;

export const SALES_VIEW_DUE_DAYS = 5;
/** The longest interval a review policy may set: every customer is reviewed at least yearly (seed 002). */
export const MAX_REVIEW_INTERVAL_DAYS = 366;
export const MIN_REVIEW_INTERVAL_DAYS = 7;
export const MAX_REVIEW_CAPACITY = 1000;

function conflict(message: string): GraphQLError {
  return new GraphQLError(message, { extensions: { code: 'CONFLICT' } });
}

export const monthSchema = z
  .string()
  .trim()
  .regex(/^(\d{4})-(0[1-9]|1[0-2])$/, 'must be a month as YYYY-MM')
  .refine((m) => Number(m.slice(0, 4)) >= 2000 && Number(m.slice(0, 4)) <= 2100, 'must be a month between 2000 and 2100');

const isoDaySchema = z
  .string()
  .trim()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'must be a date as YYYY-MM-DD')
  .refine((d) => !Number.isNaN(Date.parse(`${d}T00:00:00Z`)) && new Date(`${d}T00:00:00Z`).toISOString().startsWith(d), 'must be a real calendar date');

const day = (d: Date) => d.toISOString().slice(0, 10);
const atMidnight = (iso: string) => new Date(`${iso}T00:00:00.000Z`);

// ---- reading the policy, rates and capacity ------------------------------------------------------------------

export async function readReviewPolicy(prisma: Pick<Prisma, 'reviewPolicy'>): Promise<ReviewPolicy> {
  return reviewPolicyFrom(await prisma.reviewPolicy.findMany({ select: { riskLevel: true, intervalDays: true } }));
}

export async function readRateTable(prisma: Pick<Prisma, 'exchangeRate'>, base: string): Promise<RateTable> {
  const rows = await prisma.exchangeRate.findMany({ where: { base } });
  return { base, rates: Object.fromEntries(rows.map((r) => [r.currency, r.rate.toString()])) };
}

function monthRange(month: string): { start: Date; end: Date } {
  return { start: new Date(monthStartDay(month) * DAY_MS), end: new Date(monthStartDay(month, 1) * DAY_MS) };
}

/** Reviews belonging to `month`: planned for it, or (unplanned) due in it. */
export function inMonth(month: string): P.HealthCheckWhereInput {
  const { start, end } = monthRange(month);
  return { OR: [{ plannedMonth: month }, { plannedMonth: null, dueAt: { gte: start, lt: end } }] };
}

async function dueCandidates(prisma: Prisma, policy: ReviewPolicy, excludeMonth: string | null) {
  const accounts = await prisma.account.findMany({
    select: {
      id: true,
      currency: true,
      creditOwnerId: true,
      lastReviewedAt: true,
      createdAt: true,
      metrics: { select: { riskLevel: true, exposure: true } },
      healthChecks: {
        where: { OR: [{ status: { in: ['PLANNED', 'IN_PROGRESS'] } }, ...(excludeMonth ? [{ plannedMonth: excludeMonth }] : [])] },
        select: { id: true },
        take: 1,
      },
    },
  });
  return accounts
    .filter((a) => a.healthChecks.length === 0)
    .map((a) => {
      const riskLevel: RiskLevel = a.metrics?.riskLevel ?? 'LOW';
      return {
        id: a.id,
        ownerId: a.creditOwnerId,
        currency: a.currency,
        riskLevel,
        exposure: a.metrics ? parseMoney(a.metrics.exposure.toFixed(2)) : 0,
        nextDueAt: nextReviewDue(a.lastReviewedAt, riskLevel, a.createdAt, policy),
      };
    });
}

// ---- scheduling ------------------------------------------------------------------------------------------------

/** The months `scheduleReviews` plans: the current one (UTC) and the next. */
export function schedulableMonths(now = new Date()): [string, string] {
  const iso = (d: Date) => d.toISOString().slice(0, 7);
  return [iso(now), iso(new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() + 1, 1)))];
}

/**
 * Currencies without a rate into the reporting currency among the accounts concerned by `month`: those with a
 * review in it (cancelled ones aside) and those due by its end not planned yet. One computation for the plan
 * and for scheduling, so both name the same currencies.
 */
async function unconvertedFor(db: Pick<Prisma, 'account'> | Tx, month: string, rates: RateTable, candidates: readonly { currency: string; nextDueAt: string }[]): Promise<string[]> {
  const { end } = monthRange(month);
  const reviewed = await db.account.findMany({
    where: { healthChecks: { some: { AND: [inMonth(month), { status: { not: 'CANCELLED' } }] } } },
    distinct: ['currency'],
    select: { currency: true },
  });
  const currencies = new Set([...reviewed.map((a) => a.currency), ...candidates.filter((c) => atMidnight(c.nextDueAt) < end).map((c) => c.currency)]);
  return [...currencies].filter((c) => toReportingCurrency(1, c, rates) === null).sort();
}

export interface ScheduleResult {
  month: string;
  reviewIds: string[];
  unconvertedCurrencies: string[];
}

/**
 * Plans `month`. Idempotent: an account with an open review, or already planned for the month, is not planned
 * again, and each owner's capacity counts the reviews already planned for the month (cancelled ones excepted).
 */
export async function scheduleReviews(prisma: Prisma, viewer: Viewer | null, rawMonth: unknown, field = 'input.month', now = new Date()): Promise<ScheduleResult> {
  const month = validate(monthSchema, rawMonth, field);
  const allowed = schedulableMonths(now);
  if (!allowed.includes(month)) throw badInput(`${field}: only the current month (${allowed[0]}) or the next (${allowed[1]}) can be planned`, field);
  const settings = await readWorkspaceSettings(prisma);
  const policy = await readReviewPolicy(prisma);
  const rates = await readRateTable(prisma, settings.reportingCurrency);
  const candidates = await dueCandidates(prisma, policy, month);
  const ownerIds = [...new Set(candidates.map((c) => c.ownerId).filter((o): o is string => !!o))];
  const owners = await prisma.user.findMany({ where: { id: { in: ownerIds } }, select: { id: true, reviewCapacity: true } });
  const used = await prisma.healthCheck.groupBy({ by: ['reviewerId'], where: { plannedMonth: month, status: { not: 'CANCELLED' } }, _count: { _all: true } });
  const usedBy = new Map(used.map((u) => [u.reviewerId ?? UNOWNED, u._count._all]));
  const capacityBy = new Map(owners.map((o) => [o.id, o.reviewCapacity ?? settings.reviewMonthlyCapacity]));
  const plan = planReviewsByOwner(candidates, {
    month,
    rates,
    capacityOf: (owner) => (capacityBy.get(owner ?? '') ?? settings.reviewMonthlyCapacity) - (usedBy.get(owner ?? UNOWNED) ?? 0),
  });
  const { end } = monthRange(month);
  const data = [...plan.byOwner.values()].flat().map((r) => {
    const due = atMidnight(r.nextDueAt);
    // Due after the month (never: only due accounts are planned) would still be shown within it.
    return { accountId: r.id, reviewerId: r.ownerId, status: 'PLANNED' as const, plannedMonth: month, dueAt: due < end ? due : new Date(end.getTime() - DAY_MS) };
  });
  const { rows: created, unconverted } = await prisma.$transaction(async (tx) => {
    const rows = data.length ? await tx.healthCheck.createManyAndReturn({ data, skipDuplicates: true, select: { id: true } }) : [];
    const unconverted = await unconvertedFor(tx, month, rates, candidates);
    await audit(tx, viewer, 'healthCheck.schedule', 'HealthCheck', null, {
      month,
      planned: rows.length,
      reportingCurrency: settings.reportingCurrency,
      unconvertedCurrencies: unconverted,
    });
    return { rows, unconverted };
  });
  return { month, reviewIds: created.map((r) => r.id), unconvertedCurrencies: unconverted };
}

export interface OwnerLoad {
  ownerId: string;
  capacity: number;
  planned: number;
  inProgress: number;
  done: number;
}

export interface ReviewPlanView {
  month: string;
  reportingCurrency: string;
  owners: OwnerLoad[];
  unassigned: number;
  unconvertedCurrencies: string[];
}

/** The month's load per credit owner (every credit owner, and every reviewer with a review in the month). */
export async function reviewPlan(prisma: Prisma, rawMonth: unknown, field = 'month'): Promise<ReviewPlanView> {
  const month = validate(monthSchema, rawMonth, field);
  const settings = await readWorkspaceSettings(prisma);
  const rates = await readRateTable(prisma, settings.reportingCurrency);
  const checks = await prisma.healthCheck.groupBy({ by: ['reviewerId', 'status'], where: inMonth(month), _count: { _all: true } });
  const ownerRows = await prisma.account.findMany({ where: { creditOwnerId: { not: null } }, distinct: ['creditOwnerId'], select: { creditOwnerId: true } });
  const ids = new Set<string>(ownerRows.map((o) => o.creditOwnerId!));
  for (const c of checks) if (c.reviewerId) ids.add(c.reviewerId);
  const users = await prisma.user.findMany({ where: { id: { in: [...ids] } }, select: { id: true, name: true, reviewCapacity: true }, orderBy: [{ name: 'asc' }, { id: 'asc' }] });
  const count = (reviewerId: string | null, status: string) => checks.find((c) => c.reviewerId === reviewerId && c.status === status)?._count._all ?? 0;
  const unconverted = await unconvertedFor(prisma, month, rates, await dueCandidates(prisma, await readReviewPolicy(prisma), month));
  return {
    month,
    reportingCurrency: settings.reportingCurrency,
    owners: users.map((u) => ({
      ownerId: u.id,
      capacity: u.reviewCapacity ?? settings.reviewMonthlyCapacity,
      planned: count(u.id, 'PLANNED'),
      inProgress: count(u.id, 'IN_PROGRESS'),
      done: count(u.id, 'DONE'),
    })),
    unassigned: count(null, 'PLANNED') + count(null, 'IN_PROGRESS'),
    unconvertedCurrencies: unconverted,
  };
}

// ---- evidence --------------------------------------------------------------------------------------------------

export interface StoredEvidence {
  asOf: string;
  creditReport: CreditReportEvidence;
  bankDetails: BankDetailsEvidence;
  purchases: {
    currency: string;
    anticipatedMonthly: string | null;
    months: { month: string; invoiced: string }[];
    averageMonthly: string;
    ratio: number | null;
    /** Words only, for everyone. */
    summary: string;
    /** For the credit team (the day of the rates used). Missing in evidence frozen before it existed. */
    detail?: string;
    converted?: { currency: string; ratesAsOf: string }[];
    notCounted?: string[];
  };
  paymentPattern: PaymentPatternEvidence;
}

type EvidenceSource = { accountId: string; startedAt: Date | null; scoreBefore: number | null };

/** The four checks' evidence as of now, from the account's own rows. */
export async function liveEvidence(prisma: Prisma | Tx, hc: EvidenceSource, asOf = new Date()): Promise<StoredEvidence> {
  const account = await prisma.account.findUniqueOrThrow({
    where: { id: hc.accountId },
    select: { currency: true, anticipatedMonthlyPurchases: true, lastReviewedAt: true, metrics: { select: { behaviour: true, trend: true } } },
  });
  const reports = await prisma.creditReport.findMany({ where: { accountId: hc.accountId }, orderBy: [{ reportedAt: 'desc' }, { createdAt: 'desc' }], take: 2 });
  const bank = await prisma.bankDetailRecord.findMany({ where: { accountId: hc.accountId }, select: { fingerprint: true, recordedAt: true } });
  const from = new Date(Date.UTC(asOf.getUTCFullYear(), asOf.getUTCMonth() - 3, 1));
  const invoices = await prisma.invoice.findMany({ where: { accountId: hc.accountId, issuedAt: { gte: from } }, select: { amount: true, currency: true, issuedAt: true } });
  const anticipated = account.anticipatedMonthlyPurchases === null ? null : parseMoney(account.anticipatedMonthlyPurchases.toFixed(2));
  // Invoices in other currencies are converted with the rates into the reporting currency (a cross rate).
  const { reportingCurrency } = await readWorkspaceSettings(prisma);
  const rateRows = await prisma.exchangeRate.findMany({ where: { base: reportingCurrency } });
  const p = purchasesEvidence({
    currency: account.currency,
    anticipatedMonthly: anticipated,
    invoices: invoices.map((i) => ({ amount: parseMoney(i.amount.toFixed(2)), currency: i.currency, issuedAt: i.issuedAt })),
    asOf,
    rates: {
      base: reportingCurrency,
      rates: Object.fromEntries(rateRows.map((r) => [r.currency, r.rate.toString()])),
      asOf: Object.fromEntries(rateRows.map((r) => [r.currency, day(r.asOf)])),
    },
  });
  // Open invoices past due (those in an open dispute aside: no change in behaviour) count in the payment
  // pattern at their days outstanding so far: a customer who stops paying has no recent payments to average.
  const open = await prisma.invoice.findMany({
    where: { accountId: hc.accountId, amount: { gt: 0 }, dueAt: { lt: asOf, gte: new Date(asOf.getTime() - 365 * DAY_MS) }, disputes: { none: { dispute: { status: 'OPEN' } } } },
    select: { amount: true, issuedAt: true, dueAt: true, payments: { select: { amount: true } } },
  });
  const asOfDay = Math.floor(asOf.getTime() / DAY_MS);
  const openPastDue = open
    .filter((i) => parseMoney(i.amount.toFixed(2)) - i.payments.reduce((n, x) => n + parseMoney(x.amount.toFixed(2)), 0) > 0)
    .map((i) => ({ daysOutstanding: asOfDay - Math.floor(i.issuedAt.getTime() / DAY_MS), daysPastDue: asOfDay - Math.floor(i.dueAt.getTime() / DAY_MS) }));
  const behaviour = account.metrics?.behaviour as unknown as StoredBehaviour | undefined;
  return {
    asOf: asOf.toISOString(),
    creditReport: creditReportEvidence(reports, hc.startedAt, hc.scoreBefore),
    bankDetails: bankDetailsEvidence(bank, account.lastReviewedAt),
    purchases: {
      currency: p.currency,
      anticipatedMonthly: p.anticipatedMonthly === null ? null : formatMoney(p.anticipatedMonthly),
      months: p.months.map((m) => ({ month: m.month, invoiced: formatMoney(m.invoiced) })),
      averageMonthly: formatMoney(p.averageMonthly),
      ratio: p.ratio,
      summary: p.summary,
      detail: p.detail,
      converted: p.converted,
      notCounted: p.notCounted,
    },
    paymentPattern: paymentPatternEvidence(
      (behaviour?.paymentSeries ?? []).map((m) => ({ month: m.month, avgDaysToPay: m.avgDaysToPay })),
      { openPastDue, trend: account.metrics?.trend ?? null },
    ),
  };
}

/** A completed review's frozen evidence, or null when it has none (not completed). */
export function frozenEvidence(evidence: unknown): StoredEvidence | null {
  return evidence && typeof evidence === 'object' && 'creditReport' in evidence ? (evidence as StoredEvidence) : null;
}

// ---- start -----------------------------------------------------------------------------------------------------

const startSchema = z.object({
  healthCheckId: z.string().nullish(),
  accountId: z.string().nullish(),
  askSalesView: z.boolean().nullish(),
  salesViewDueAt: z.date().nullish(),
});

export interface StartInput {
  healthCheckId?: string | null;
  accountId?: string | null;
  askSalesView?: boolean | null;
  salesViewDueAt?: Date | null;
}

/**
 * Starts a review: IN_PROGRESS, startedAt, the score on file. With `askSalesView` (default) an intel request
 * asks the account manager one SALES_VIEW question (skipped, and audited as such, when the account has none).
 * Starting one already IN_PROGRESS returns it unchanged.
 */
export async function startHealthCheck(prisma: Prisma, viewer: Viewer | null, raw: StartInput, now = new Date()): Promise<{ healthCheckId: string; accountId: string }> {
  const input = validate(startSchema, raw);
  if (!!input.healthCheckId === !!input.accountId) throw badInput('input: give exactly one of healthCheckId and accountId', input.healthCheckId ? 'input.accountId' : 'input.healthCheckId');
  const dueAt = input.salesViewDueAt ?? new Date(now.getTime() + SALES_VIEW_DUE_DAYS * DAY_MS);
  if (dueAt.getTime() <= now.getTime()) throw badInput('input.salesViewDueAt: must be in the future', 'input.salesViewDueAt');
  if (dueAt.getTime() > now.getTime() + 90 * DAY_MS) throw badInput('input.salesViewDueAt: must be within 90 days', 'input.salesViewDueAt');
  let hc = input.healthCheckId
    ? await prisma.healthCheck.findUnique({ where: { id: input.healthCheckId } })
    : await prisma.healthCheck.findFirst({ where: { accountId: input.accountId!, status: { in: ['PLANNED', 'IN_PROGRESS'] } }, orderBy: { createdAt: 'desc' } });
  if (input.healthCheckId && !hc) throw notFound('HealthCheck');
  const accountId = hc?.accountId ?? input.accountId!;
  const account = await prisma.account.findUnique({ where: { id: accountId }, select: { id: true, creditOwnerId: true, accountManagerId: true } });
  if (!account) throw notFound('Account');
  if (hc?.status === 'IN_PROGRESS') return { healthCheckId: hc.id, accountId };
  if (hc && hc.status !== 'PLANNED') throw conflict(`This review is ${hc.status.toLowerCase()}: it cannot be started`);
  const latest = await prisma.creditReport.findFirst({ where: { accountId }, orderBy: [{ reportedAt: 'desc' }, { createdAt: 'desc' }], select: { score: true } });
  const ask = input.askSalesView ?? true;
  return prisma.$transaction(async (tx) => {
    const reviewerId = hc?.reviewerId ?? account.creditOwnerId ?? viewer?.userId ?? null;
    if (hc) {
      // Only one start wins a race: the other finds it no longer PLANNED.
      const n = await tx.healthCheck.updateMany({ where: { id: hc.id, status: 'PLANNED' }, data: { status: 'IN_PROGRESS', startedAt: now, scoreBefore: latest?.score ?? null, reviewerId } });
      if (n.count === 0) throw conflict('This review was started or closed meanwhile');
    } else {
      hc = await tx.healthCheck.create({ data: { accountId, reviewerId, status: 'IN_PROGRESS', dueAt: atMidnight(day(now)), startedAt: now, scoreBefore: latest?.score ?? null } });
    }
    let intelRequestId: string | null = null;
    if (ask && account.accountManagerId) {
      const req = await tx.intelRequest.create({
        data: {
          accountId,
          requestedById: viewer?.userId ?? null,
          assignedToId: account.accountManagerId,
          questions: [{ id: 'view', kind: 'SALES_VIEW', text: SALES_VIEW_QUESTION_TEXT }],
          message: 'Routine health check: your view of the customer helps the review.',
          dueAt,
          healthCheckId: hc.id,
        },
      });
      intelRequestId = req.id;
      await audit(tx, viewer, 'intelRequest.create', 'IntelRequest', req.id, { accountId, assignedToId: account.accountManagerId, healthCheckId: hc.id, questions: 1 });
    }
    await audit(tx, viewer, 'healthCheck.start', 'HealthCheck', hc.id, {
      accountId,
      planned: !!input.healthCheckId || hc.plannedMonth !== null,
      salesViewAsked: intelRequestId !== null,
      ...(ask && !account.accountManagerId ? { salesViewSkipped: 'no account manager' } : {}),
    });
    return { healthCheckId: hc.id, accountId };
  });
}

// ---- complete --------------------------------------------------------------------------------------------------

const note = optionalText(LIMITS.note);

export const completeSchema = z
  .object({
    creditReportChecked: z.boolean(),
    creditReportNote: note,
    bankDetailsUnchanged: z.boolean(),
    bankDetailsNote: note,
    purchasesNote: note,
    paymentPatternConsistent: z.boolean(),
    paymentPatternNote: note,
    salesView: z.enum(SALES_VIEWS).nullish(),
    salesComment: optionalText(LIMITS.shortText),
    outcome: z.enum(['OK', 'FOLLOW_UP', 'ESCALATE']),
    outcomeNote: note,
    newCreditLimit: z
      .string()
      .nullish()
      .superRefine((v, ctx) => {
        if (v === null || v === undefined) return;
        const minor = tryParseAmountInput(v);
        if (minor === null) ctx.addIssue({ code: 'custom', message: `must be an amount with at most 2 decimals, at most ${MAX_AMOUNT}` });
        else if (minor < 0) ctx.addIssue({ code: 'custom', message: 'must not be negative' });
      }),
    putOnHold: z.boolean().nullish(),
    holdReason: optionalText(LIMITS.shortText),
    nextReviewAt: z.date().nullish(),
  })
  .superRefine((v, ctx) => {
    if (v.outcome === 'ESCALATE' && !v.outcomeNote) ctx.addIssue({ code: 'custom', path: ['outcomeNote'], message: 'is required when escalating: say what needs deciding' });
    if (v.putOnHold === true && !v.holdReason) ctx.addIssue({ code: 'custom', path: ['holdReason'], message: 'is required when putting the account on hold' });
    if (v.salesComment && !v.salesView) ctx.addIssue({ code: 'custom', path: ['salesView'], message: 'is required with a salesComment' });
  });

/** The note of the OTHER signal a FOLLOW_UP or ESCALATE outcome writes: no figures, nothing credit-only. */
export const OUTCOME_SIGNAL_NOTES = {
  FOLLOW_UP: 'Health-check review: follow-up agreed (the credit team has the details)',
  ESCALATE: 'Health-check review: escalated (the credit team has the details)',
} as const;

export interface CompleteResult {
  healthCheckId: string;
  accountId: string;
  signalIds: string[];
}

export async function completeHealthCheck(prisma: Prisma, viewer: Viewer | null, healthCheckId: string, raw: unknown, now = new Date()): Promise<CompleteResult> {
  const input = validate(completeSchema, raw);
  const hc = await prisma.healthCheck.findUnique({ where: { id: healthCheckId } });
  if (!hc) throw notFound('HealthCheck');
  if (hc.status === 'CANCELLED') throw conflict('This review was cancelled: it cannot be completed');
  if (hc.status !== 'PLANNED' && hc.status !== 'IN_PROGRESS') throw conflict('This review is already completed: it cannot be completed again');
  const account = await prisma.account.findUniqueOrThrow({
    where: { id: hc.accountId },
    select: { id: true, lastReviewedAt: true, createdAt: true, metrics: { select: { riskLevel: true } } },
  });
  const policy = await readReviewPolicy(prisma);
  const riskLevel: RiskLevel = account.metrics?.riskLevel ?? 'LOW';
  const policyNext = atMidnight(nextReviewDue(now, riskLevel, now, policy));
  if (input.nextReviewAt) {
    if (input.nextReviewAt.getTime() <= now.getTime()) throw badInput('input.nextReviewAt: must be in the future', 'input.nextReviewAt');
    if (input.nextReviewAt.getTime() > policyNext.getTime() + DAY_MS)
      throw badInput(`input.nextReviewAt: must not be later than the policy's ${reviewIntervalDays(riskLevel, policy)} days for a ${riskLevel} account (${day(policyNext)})`, 'input.nextReviewAt');
  }
  const nextReviewAt = input.nextReviewAt ?? policyNext;
  let scoreBefore = hc.scoreBefore;
  if (hc.status === 'PLANNED') {
    // Completed without being started: what is on file now is both before and after.
    scoreBefore = (await prisma.creditReport.findFirst({ where: { accountId: hc.accountId }, orderBy: [{ reportedAt: 'desc' }, { createdAt: 'desc' }], select: { score: true } }))?.score ?? null;
  }
  const startedAt = hc.startedAt ?? now;
  return prisma.$transaction(async (tx) => {
    const evidence = await liveEvidence(tx, { accountId: hc.accountId, startedAt, scoreBefore }, now);
    const signalIds: string[] = [];
    const signal = async (type: 'CREDIT_REPORT_CHANGE' | 'BANK_CHANGE' | 'OTHER', severity: number, text: string) => {
      const s = await tx.signal.create({
        data: { accountId: hc.accountId, type, severity, sentiment: 'NEGATIVE', source: 'CREDIT', authorId: viewer?.userId ?? null, observedAt: now, note: text, healthCheckId: hc.id },
      });
      signalIds.push(s.id);
    };
    if (evidence.creditReport.scoreDropped) await signal('CREDIT_REPORT_CHANGE', 2, input.creditReportNote ?? 'Credit report score dropped (found in the health check review)');
    if (evidence.bankDetails.changedSinceLastReview || !input.bankDetailsUnchanged) {
      const already = await tx.signal.count({
        where: { accountId: hc.accountId, type: 'BANK_CHANGE', ...(account.lastReviewedAt ? { observedAt: { gt: account.lastReviewedAt } } : {}) },
      });
      if (already === 0) await signal('BANK_CHANGE', 2, input.bankDetailsNote ?? 'Bank details changed (found in the health check review)');
    }
    if (input.outcome !== 'OK') {
      // Everyone who reads the account reads an OTHER signal: its note says what was decided, never the outcome
      // note (credit figures: "score fell to 41", "limit to be cut…"), which stays on the review for the credit team.
      await signal('OTHER', input.outcome === 'ESCALATE' ? 3 : 2, OUTCOME_SIGNAL_NOTES[input.outcome]);
    }
    const updated = await tx.healthCheck.updateMany({
      where: { id: hc.id, status: { in: ['PLANNED', 'IN_PROGRESS'] } },
      data: {
        status: 'DONE',
        startedAt,
        completedAt: now,
        completedById: viewer?.userId ?? null,
        reviewerId: hc.reviewerId ?? viewer?.userId ?? null,
        creditReportChecked: input.creditReportChecked,
        creditReportNote: input.creditReportNote,
        scoreBefore,
        scoreAfter: evidence.creditReport.scoreAfter,
        bankDetailsUnchanged: input.bankDetailsUnchanged,
        bankDetailsNote: input.bankDetailsNote,
        purchasesVsAnticipated: evidence.purchases.ratio === null ? null : Math.min(evidence.purchases.ratio, 9999).toFixed(4),
        purchasesNote: input.purchasesNote,
        paymentPatternConsistent: input.paymentPatternConsistent,
        paymentPatternNote: input.paymentPatternNote,
        evidence: evidence as unknown as P.InputJsonValue,
        ...(input.salesView ? { salesView: input.salesView, salesComment: input.salesComment, salesViewById: viewer?.userId ?? null, salesViewAt: now } : {}),
        outcome: input.outcome,
        outcomeNote: input.outcomeNote,
        newCreditLimit: input.newCreditLimit ?? null,
        putOnHold: input.putOnHold ?? null,
        holdReason: input.putOnHold ? input.holdReason : null,
        nextReviewAt,
      },
    });
    if (updated.count === 0) throw conflict('This review was completed or cancelled meanwhile');
    // The account manager is no longer asked for a view the completed review will not read.
    const withdrawn = await tx.intelRequest.updateMany({ where: { healthCheckId: hc.id, status: 'OPEN' }, data: { status: 'CANCELLED' } });
    await tx.account.update({
      where: { id: hc.accountId },
      data: {
        lastReviewedAt: now,
        nextReviewAt,
        ...(input.newCreditLimit ? { creditLimit: input.newCreditLimit } : {}),
        ...(input.putOnHold === true ? { onHold: true, holdReason: input.holdReason } : input.putOnHold === false ? { onHold: false, holdReason: null } : {}),
      },
    });
    await audit(tx, viewer, 'healthCheck.complete', 'HealthCheck', hc.id, {
      accountId: hc.accountId,
      outcome: input.outcome,
      checks: { creditReport: input.creditReportChecked, bankDetailsUnchanged: input.bankDetailsUnchanged, paymentPatternConsistent: input.paymentPatternConsistent },
      newCreditLimit: input.newCreditLimit ?? null,
      putOnHold: input.putOnHold ?? null,
      nextReviewAt: nextReviewAt.toISOString(),
      signals: signalIds,
      intelRequestsCancelled: withdrawn.count,
    });
    return { healthCheckId: hc.id, accountId: hc.accountId, signalIds };
  });
}

// ---- cancel ----------------------------------------------------------------------------------------------------

export async function cancelHealthCheck(prisma: Prisma, viewer: Viewer | null, healthCheckId: string, rawReason: unknown): Promise<{ healthCheckId: string; accountId: string }> {
  const reason = validate(nonEmpty(LIMITS.shortText), rawReason, 'input.reason');
  const hc = await prisma.healthCheck.findUnique({ where: { id: healthCheckId } });
  if (!hc) throw notFound('HealthCheck');
  if (hc.status !== 'PLANNED' && hc.status !== 'IN_PROGRESS') throw conflict(`This review is ${hc.status.toLowerCase()}: it cannot be cancelled`);
  return prisma.$transaction(async (tx) => {
    const n = await tx.healthCheck.updateMany({ where: { id: hc.id, status: { in: ['PLANNED', 'IN_PROGRESS'] } }, data: { status: 'CANCELLED', outcomeNote: reason } });
    if (n.count === 0) throw conflict('This review was completed or cancelled meanwhile');
    // The account manager is no longer asked for a view nobody will read.
    const withdrawn = await tx.intelRequest.updateMany({ where: { healthCheckId: hc.id, status: 'OPEN' }, data: { status: 'CANCELLED' } });
    await audit(tx, viewer, 'healthCheck.cancel', 'HealthCheck', hc.id, { accountId: hc.accountId, reason, intelRequestsCancelled: withdrawn.count });
    return { healthCheckId: hc.id, accountId: hc.accountId };
  });
}

// ---- administration ---------------------------------------------------------------------------------------------

const policySchema = z.object({
  riskLevel: z.enum(['LOW', 'MODERATE', 'HIGH', 'CRITICAL']),
  intervalDays: z
    .number()
    .int('must be a whole number')
    .min(MIN_REVIEW_INTERVAL_DAYS, `must be from ${MIN_REVIEW_INTERVAL_DAYS} to ${MAX_REVIEW_INTERVAL_DAYS} days (every customer at least yearly)`)
    .max(MAX_REVIEW_INTERVAL_DAYS, `must be from ${MIN_REVIEW_INTERVAL_DAYS} to ${MAX_REVIEW_INTERVAL_DAYS} days (every customer at least yearly)`)
    .nullish(),
});

/** Sets one level's interval (null: back to the default). The caller recomputes every account's next review. */
export async function setReviewPolicy(prisma: Prisma, viewer: Viewer | null, raw: unknown): Promise<ReviewPolicy> {
  const input = validate(policySchema, raw);
  return prisma.$transaction(async (tx) => {
    const before = reviewPolicyFrom(await tx.reviewPolicy.findMany());
    if (input.intervalDays === null || input.intervalDays === undefined) await tx.reviewPolicy.deleteMany({ where: { riskLevel: input.riskLevel } });
    else
      await tx.reviewPolicy.upsert({
        where: { riskLevel: input.riskLevel },
        create: { riskLevel: input.riskLevel, intervalDays: input.intervalDays, updatedById: viewer?.userId ?? null },
        update: { intervalDays: input.intervalDays, updatedById: viewer?.userId ?? null },
      });
    const after = reviewPolicyFrom(await tx.reviewPolicy.findMany());
    await audit(tx, viewer, 'reviewPolicy.set', 'ReviewPolicy', input.riskLevel, { from: before[input.riskLevel], to: after[input.riskLevel], isDefault: input.intervalDays == null });
    return after;
  });
}

const capacitySchema = z
  .number()
  .int('must be a whole number')
  .min(0, `must be from 0 to ${MAX_REVIEW_CAPACITY}`)
  .max(MAX_REVIEW_CAPACITY, `must be from 0 to ${MAX_REVIEW_CAPACITY}`)
  .nullish();

export async function setReviewCapacity(prisma: Prisma, viewer: Viewer | null, userId: string, rawCapacity: unknown): Promise<string> {
  const capacity = validate(capacitySchema, rawCapacity, 'input.capacity') ?? null;
  const user = await prisma.user.findUnique({ where: { id: userId }, select: { id: true, role: true, reviewCapacity: true } });
  if (!user) throw notFound('User');
  if (user.role !== 'CREDIT' && user.role !== 'ADMIN')
    throw badInput(`input.userId: only credit and admin users do reviews and have a review capacity (this user is ${user.role})`, 'input.userId');
  await prisma.$transaction(async (tx) => {
    await tx.user.update({ where: { id: userId }, data: { reviewCapacity: capacity } });
    await audit(tx, viewer, 'user.setReviewCapacity', 'User', userId, { from: user.reviewCapacity, to: capacity });
  });
  return userId;
}

const RATE = /^\d{1,10}(\.\d{1,10})?$/;
const rateSchema = z.object({
  currency: z
    .string()
    .trim()
    .toUpperCase()
    .refine((c) => CURRENCY_CODES.has(c), 'must be an ISO 4217 code such as EUR or USD'),
  rate: z
    .string()
    .trim()
    .regex(RATE, 'must be a positive decimal with at most 10 digits before and 10 after the point')
    .refine((r) => Number(r) > 0, 'must be greater than zero'),
  asOf: isoDaySchema
    .refine((d) => d >= '2000-01-01', 'must be after 2000')
    .refine((d) => new Date(`${d}T00:00:00Z`).getTime() <= Date.now() + DAY_MS, 'must not be in the future'),
});

/** What a change of rates needs to recompute the accounts it moves (as the ledger import does). */
export type RecomputeDeps = Pick<Services, 'accountsChanged'> & Partial<Pick<Services, 'jobs'>>;

/**
 * 1 unit of `currency` = `rate` units of the reporting currency, from `asOf`. The accounts whose figures convert
 * with it (invoices in that currency, or other currencies on an account in it) are recomputed: with a job queue,
 * the jobs are enqueued in the same transaction; without, after the commit.
 */
export async function setExchangeRate(prisma: Prisma, viewer: Viewer | null, raw: unknown, services: RecomputeDeps | null = null): Promise<{ base: string; currency: string }> {
  const input = validate(rateSchema, raw);
  const { reportingCurrency: base } = await readWorkspaceSettings(prisma);
  if (input.currency === base) throw badInput(`input.currency: ${base} is the reporting currency itself (its rate is 1)`, 'input.currency');
  const c = input.currency;
  const jobs = services?.jobs ?? null;
  const moved = await prisma.$transaction(async (tx) => {
    const data = { rate: input.rate, asOf: atMidnight(input.asOf), updatedById: viewer?.userId ?? null };
    await tx.exchangeRate.upsert({ where: { base_currency: { base, currency: c } }, create: { base, currency: c, ...data }, update: data });
    await audit(tx, viewer, 'exchangeRate.set', 'ExchangeRate', `${base}/${c}`, { base, currency: c, rate: input.rate, asOf: input.asOf });
    if (!services) return [];
    const accounts = await tx.account.findMany({
      where: { OR: [{ invoices: { some: { currency: c } } }, { currency: c, invoices: { some: { currency: { not: c } } } }] },
      select: { id: true },
    });
    const ids = accounts.map((a) => a.id);
    if (jobs && ids.length) await enqueueRecomputeIn(tx, jobs, ids, 'exchangeRate.set');
    return ids;
  });
  if (services && !jobs && moved.length) await services.accountsChanged(moved, 'exchangeRate.set');
  return { base, currency: c };
}
