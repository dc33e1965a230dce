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
  type CurrencyBalance,
  crossRates,
  type DisputeFact,
  settleLedger,
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
import type { writeInvoiceOutstanding } from '../ledger/invoice-balances.js';
import { RECOMPUTE_LOCK_RETRY_MS, TRY_LOCK_FOR_RECOMPUTE } from '../ledger/recompute-lock.js';
import { uuidv7 } from '../ledger/write.js';
import { Prisma as P } from '../generated/prisma/client.js';
import type { StoredBehaviour, StoredCurrency, StoredFactor } from '../domain/stored-status.js';
import { type EventBus, NO_EVENTS } from './index.js';
import { type ReportingRates, readReportingRates, sharedReportingRates } from './reporting-rates.js';

/** A person resolved it while the condition still held: do not raise it again for this long. */
export const RESOLVED_SUPPRESSION_DAYS = 30;

const toMinor = (d: { toFixed(digits: number): string } | null): number | null => (d === null ? null : parseMoney(d.toFixed(2)));

function toStoredAging(a: PaymentBehaviour['aging']): StoredBehaviour['aging'] {
  return { current: formatMoney(a.current), d1_30: formatMoney(a.d1_30), d31_60: formatMoney(a.d31_60), d61_90: formatMoney(a.d61_90), d90plus: formatMoney(a.d90plus) };
}

function toStoredCurrency(c: CurrencyBalance): StoredCurrency {
  return {
    currency: c.currency,
    exposure: formatMoney(c.exposure),
    openInvoices: formatMoney(c.openInvoiceAmount),
    creditBalance: formatMoney(c.creditBalance),
    overdue: formatMoney(c.overdueAmount),
    disputed: formatMoney(c.disputedAmount),
    aging: toStoredAging(c.aging),
    oldestOverdueDays: c.oldestOverdueDays,
    rateToAccountCurrency: c.rateToAccountCurrency,
  };
}

export function toStoredBehaviour(b: PaymentBehaviour): StoredBehaviour {
  return {
    exposure: formatMoney(b.exposure),
    available: b.availableCredit === null ? null : formatMoney(b.availableCredit),
    overdue: formatMoney(b.overdueAmount),
    disputed: formatMoney(b.disputedAmount),
    aging: toStoredAging(b.aging),
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
    otherCurrencies: b.otherCurrencies.map(toStoredCurrency),
    creditBalance: formatMoney(b.creditBalance),
    recentDaysBeyondTerms: b.recentDaysBeyondTerms,
    dso: b.dso,
    bestPossibleDso: b.bestPossibleDso,
    limitUtilisation: b.limitUtilisation,
    totalExposure: formatMoney(b.allCurrencies.exposure),
    totalOverdue: formatMoney(b.allCurrencies.overdueAmount),
    unconvertedCurrencies: [...b.allCurrencies.unconverted],
    currencies: b.currencies.map(toStoredCurrency),
    paidInvoices: b.counts.paidInvoices,
    trendDetail: { ...b.trendDetail },
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

export interface RecomputeOptions {
  asOf?: Date;
  events?: EventBus;
  /**
   * The reporting currency's exchange rates. A batch of recomputes shares one (`sharedReportingRates`) so the
   * table is read once per batch; without it, read here, and only for an account with another currency.
   */
  rates?: () => Promise<ReportingRates>;
}

// The ledger (invoices and payments, most of the rows) is read apart, in plain SQL: readLedgers.
const accountInclude = (asOf: Date) =>
  ({
    signals: { where: { status: { in: ['OPEN', 'ACKNOWLEDGED'] } }, include: { author: { select: { role: true } } } },
    creditReports: { orderBy: { reportedAt: 'desc' }, take: 24 },
    disputes: { where: { status: 'OPEN' }, include: { invoices: { select: { invoiceId: true } } }, orderBy: [{ openedAt: 'asc' }, { id: 'asc' }] },
    // The latest completed review: its reviewer may have set the next review earlier than the policy would.
    healthChecks: { where: { status: 'DONE' }, orderBy: { completedAt: 'desc' }, take: 1, select: { completedAt: true, nextReviewAt: true } },
    alerts: { where: { OR: [{ status: { in: ['OPEN', 'ACKNOWLEDGED'] } }, { status: 'RESOLVED', resolvedAt: { gte: new Date(asOf.getTime() - RESOLVED_SUPPRESSION_DAYS * 86400_000) } }] } },
  }) satisfies P.AccountInclude;

/** An invoice as the recompute reads it: amounts in minor units, dates as stored (UTC midnight). */
interface LedgerInvoice {
  id: string;
  externalId: string;
  number: string;
  currency: string;
  amount: number;
  issuedAt: Date;
  dueAt: Date;
  appliesTo: string | null;
  /** The stored settled outstanding (minor units), null before the first recompute. */
  outstanding: number | null;
  payments: { id: string; amount: number; receivedAt: Date }[];
}

type LoadedAccount = P.AccountGetPayload<{ include: ReturnType<typeof accountInclude> }> & { invoices: LedgerInvoice[] };

const MS_PER_DAY = 86_400_000;

/** Minor units as read from SQL (numeric × 100 as a JSON number): exact, or refused as toMinor(parseMoney) refuses it. */
function minorOf(value: number): number {
  if (!Number.isSafeInteger(value)) throw new RangeError(`Not an amount with at most 2 decimals: ${JSON.stringify(String(value / 100))}`);
  return value;
}

/** One invoice with its payments ([id, amount, received day] each; null when none), as readLedgers' JSON carries it. */
type LedgerJson = [string, string, string, string, number, number, number, string | null, number | null, [string, number, number][] | null];

const byId = (a: { id: string }, b: { id: string }) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);

/**
 * The invoices with their payments of many accounts in one statement, one JSON document per account built by the
 * database (an element per invoice, its payments nested; amounts in minor units, dates as day numbers): the client
 * parses one string per account instead of mapping every column of some 100 rows per account (Prisma's include
 * spent more time there than on everything else). Sorted by id here, so the result does not depend on the table's
 * physical order.
 *
 * Its cost follows the chunk, not the ledger: each invoice's payments are found through the payments' invoiceId
 * index (the LATERAL aggregate cannot be turned into a join). A plain join let the planner hash the whole payment
 * table once the chunk held a few thousand invoices: one sequential scan of every payment per chunk, so the daily
 * re-evaluation grew with the square of the ledger (measured: 65 ms per 200 accounts at 211,000 payments, 355 ms at
 * 844,000). JIT is off for it: its estimated cost passes PostgreSQL's jit_above_cost from about 20,000 accounts on,
 * and compiling took 40–210 ms of a 45 ms statement: every caller reads it in a transaction that has set `jit = off`
 * (PGlite has no JIT; the setting is accepted and ignored).
 */
async function readLedgers(tx: P.TransactionClient, accountIds: readonly string[]): Promise<Map<string, LedgerInvoice[]>> {
  const byAccount = new Map<string, LedgerInvoice[]>();
  if (!accountIds.length) return byAccount;
  const rows = await tx.$queryRaw<{ accountId: string; ledger: string }[]>`
      SELECT i."accountId" AS "accountId", json_agg(json_build_array(i."id", i."externalId", i."number", i."currency", (i."amount" * 100)::int8,
          i."issuedAt" - DATE '1970-01-01', i."dueAt" - DATE '1970-01-01', i."appliesTo", (i."outstanding" * 100)::int8, p."list"))::text AS "ledger"
      FROM "Invoice" i LEFT JOIN LATERAL (
        SELECT json_agg(json_build_array(p."id", (p."amount" * 100)::int8, p."receivedAt" - DATE '1970-01-01')) AS "list"
        FROM "Payment" p WHERE p."invoiceId" = i."id") p ON true
      WHERE i."accountId" = ANY(${[...accountIds]}::text[]) GROUP BY i."accountId"`;
  for (const row of rows) {
    const list: LedgerInvoice[] = [];
    for (const [id, externalId, number, currency, amount, issued, due, appliesTo, outstanding, payments] of JSON.parse(row.ledger) as LedgerJson[]) {
      list.push({
        id,
        externalId,
        number,
        currency,
        amount: minorOf(amount),
        issuedAt: new Date(issued * MS_PER_DAY),
        dueAt: new Date(due * MS_PER_DAY),
        appliesTo,
        outstanding: outstanding === null ? null : minorOf(outstanding),
        payments: (payments ?? []).map(([paymentId, paid, received]) => ({ id: paymentId, amount: minorOf(paid), receivedAt: new Date(received * MS_PER_DAY) })).sort(byId),
      });
    }
    byAccount.set(row.accountId, list.sort(byId));
  }
  return byAccount;
}

interface ActiveWatch {
  kind: string;
  value: string;
  reason: string;
}

/** What a batch of recomputes reads once, whatever the number of accounts. */
interface BatchContext {
  asOf: Date;
  watches: ActiveWatch[];
  policy: ReturnType<typeof reviewPolicyFrom>;
  readRates: () => Promise<ReportingRates>;
}

/** What one account's recompute writes, computed before anything is written. */
interface AccountPlan {
  accountId: string;
  account: LoadedAccount;
  metrics: Omit<P.AccountMetricsUncheckedCreateInput, 'accountId'>;
  settled: Parameters<typeof writeInvoiceOutstanding>[2];
  nextReviewAt: Date | null;
  plan: ReturnType<typeof reconcileAlerts>;
  result: Omit<RecomputeResult, 'raised'>;
}

// The watch list is short (a credit team's industries and countries); read once per batch and matched here, as the
// per-account query did: the industry without regard to case, the country exactly.
async function readActiveWatches(prisma: Prisma | P.TransactionClient): Promise<ActiveWatch[]> {
  const rows = await prisma.watch.findMany({ where: { active: true, kind: { in: ['INDUSTRY', 'COUNTRY'] } }, select: { kind: true, value: true, reason: true }, orderBy: { id: 'asc' } });
  return rows.map((w) => ({ kind: w.kind, value: w.value, reason: w.reason }));
}

function watchesFor(account: Pick<LoadedAccount, 'industry' | 'country'>, watches: readonly ActiveWatch[]): WatchMatch[] {
  const industry = account.industry?.toLowerCase();
  return watches
    .filter((w) => (w.kind === 'INDUSTRY' && industry !== undefined && w.value.toLowerCase() === industry) || (w.kind === 'COUNTRY' && account.country && w.value === account.country))
    .map((w) => ({ kind: w.kind, value: w.value, reason: w.reason }) as WatchMatch);
}

async function planAccount(account: LoadedAccount, ctx: BatchContext): Promise<AccountPlan> {
  const { asOf } = ctx;
  const accountId = account.id;
  const watchMatches = watchesFor(account, ctx.watches);

  const disputes: DisputeFact[] = account.disputes.map((d) => ({
    id: d.id,
    kind: d.kind,
    ownerTeam: d.ownerTeam,
    currency: d.currency,
    invoiceIds: d.invoices.map((i) => i.invoiceId),
    amount: toMinor(d.amount),
    openedAt: d.openedAt,
  }));
  // Other currencies are converted at the reporting currency's cross rates; one without a rate stays on its own.
  const otherCurrencies = new Set(account.invoices.map((i) => i.currency).filter((c) => c !== account.currency));
  const rates = otherCurrencies.size ? crossRates(await ctx.readRates(), account.currency, otherCurrencies) : {};
  // A credit note names the invoice it credits by the ledger's external id; the domain knows rows by id.
  const idByExternalId = new Map(account.invoices.map((i) => [i.externalId, i.id]));
  // Computed also without any row: the limit is then all available, and the trend says there is no history yet.
  const ledger = {
    invoices: account.invoices.map((i) => ({
      id: i.id,
      number: i.number,
      currency: i.currency,
      amount: i.amount,
      issuedAt: i.issuedAt,
      dueAt: i.dueAt,
      appliesToInvoiceId: i.appliesTo === null ? null : (idByExternalId.get(i.appliesTo) ?? null),
    })),
    payments: account.invoices.flatMap((i) => i.payments.map((p) => ({ id: p.id, invoiceId: i.id, amount: p.amount, receivedAt: p.receivedAt }))),
  };
  const ledgerInput = {
    currency: account.currency,
    termsDays: account.paymentTermsDays,
    creditLimit: toMinor(account.creditLimit),
    // With no invoice at all the ledger cannot tell a customer who stopped buying from one who has not started (a new
    // account): no plan comparison then, as before behaviour was computed without rows ("buying 0%" would be untrue).
    anticipatedMonthlyPurchases: account.invoices.length ? toMinor(account.anticipatedMonthlyPurchases) : null,
    invoices: ledger.invoices,
    payments: ledger.payments,
    disputes,
    rates,
  };
  // Settled once: the status and each invoice's stored outstanding (writeInvoiceOutstanding below) read the same.
  const settlement = settleLedger(ledgerInput, asOf);
  const behaviour = computePaymentBehaviour(ledgerInput, asOf, settlement);

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
  const policyNext = new Date(`${nextReviewDue(account.lastReviewedAt, assessment.riskLevel, account.createdAt, ctx.policy)}T00:00:00.000Z`);
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

  const storedOutstanding = new Map(account.invoices.map((i) => [i.id, i.outstanding]));
  const factors: StoredFactor[] = assessment.factors.map((f) => ({ code: f.code, label: f.label, weight: f.weight, detail: f.detail, salesDetail: f.salesDetail ?? null }));
  const stored = toStoredBehaviour(behaviour);
  return {
    accountId,
    account,
    metrics: {
      riskLevel: assessment.riskLevel,
      riskScore: assessment.riskScore,
      trend: behaviour.trend,
      exposure: stored.exposure,
      overdue: stored.overdue,
      behaviour: stored as unknown as P.InputJsonValue,
      factors: factors as unknown as P.InputJsonValue,
      computedAt: asOf,
    },
    // Only the invoices whose stored outstanding differs (the write checks again): most nights, none of an account's.
    settled: settlement.invoices.filter((i) => storedOutstanding.get(i.id) !== (i.isCreditNote ? 0 : i.outstanding)),
    nextReviewAt: account.nextReviewAt?.getTime() !== nextReviewAt.getTime() ? nextReviewAt : null,
    plan,
    result: { riskLevel: assessment.riskLevel, riskScore: assessment.riskScore, resolved: plan.toAutoResolve.map((a) => a.rule) },
  };
}

type Raised = { id: string; accountId: string; condition: AlertCondition };

/** JSON with sorted keys: a stored jsonb (keys reordered) and a freshly computed value compare by content. */
function canonicalJson(value: unknown): string {
  const sort = (v: unknown): unknown =>
    Array.isArray(v) ? v.map(sort) : v && typeof v === 'object' ? Object.fromEntries(Object.keys(v).sort().map((k) => [k, sort((v as Record<string, unknown>)[k])])) : v;
  return JSON.stringify(sort(JSON.parse(JSON.stringify(value ?? null))));
}

const VALUES_PER_STATEMENT = 1000;
/** Invoices per outstanding-amount UPDATE (their ids and amounts go as three array parameters). */
export const INVOICES_PER_STATEMENT = 10_000;
const inPieces = <T>(rows: readonly T[], size = VALUES_PER_STATEMENT): T[][] => Array.from({ length: Math.ceil(rows.length / size) }, (_, i) => rows.slice(i * size, (i + 1) * size));

/**
 * The writes of a chunk of recomputed accounts, set-based: the statuses in one upsert, every invoice's outstanding
 * in one statement per 10,000 invoices (only rows whose stored value differs), the changed review dates in one, the
 * kept alerts whose text or evidence changed in one, the new or reopened alerts in one.
 */
async function writePlans(tx: P.TransactionClient, plans: readonly AccountPlan[], asOf: Date): Promise<Raised[]> {
  // Short statements over the chunk's rows: compiling them (JIT, once their estimated cost passes jit_above_cost on a
  // large ledger) would take longer than running them.
  await tx.$executeRaw`SET LOCAL jit = off`;
  const at = asOf.toISOString();
  for (const part of inPieces(plans, 500)) {
    const rows = part.map(
      (p) =>
        P.sql`(${p.accountId}, ${p.metrics.riskLevel}, ${p.metrics.riskScore}::int, ${p.metrics.trend ?? 'STABLE'}, ${String(p.metrics.exposure)}::numeric, ${String(p.metrics.overdue)}::numeric, ${JSON.stringify(p.metrics.behaviour)}::jsonb, ${JSON.stringify(p.metrics.factors)}::jsonb)`,
    );
    await tx.$executeRaw`
      INSERT INTO "AccountMetrics" ("accountId", "riskLevel", "riskScore", "trend", "exposure", "overdue", "behaviour", "factors", "computedAt")
      SELECT v.id, v.level::"RiskLevel", v.score, v.trend::"PaymentTrend", v.exposure, v.overdue, v.behaviour, v.factors, ${at}::timestamp(3)
      FROM (VALUES ${P.join(rows)}) AS v(id, level, score, trend, exposure, overdue, behaviour, factors)
      ON CONFLICT ("accountId") DO UPDATE SET "riskLevel" = EXCLUDED."riskLevel", "riskScore" = EXCLUDED."riskScore", "trend" = EXCLUDED."trend",
        "exposure" = EXCLUDED."exposure", "overdue" = EXCLUDED."overdue", "behaviour" = EXCLUDED."behaviour", "factors" = EXCLUDED."factors",
        "computedAt" = EXCLUDED."computedAt"`;
  }
  // Each invoice's settled outstanding (ledger/invoice-balances.ts); `updatedAt` untouched: the ledger row did not change.
  // Arrays, not a VALUES list of 3 parameters per invoice: a first pass writes every invoice (10,000 per statement
  // here), and 30,000 parameters cost more to build, send, parse and bind than the update itself. The chunk's accounts
  // bound the scan (the accountId index): the statement costs the chunk's rows, not the table's.
  const settled = plans.flatMap((p) => p.settled.map((i) => ({ id: i.id, accountId: p.accountId, outstanding: formatMoney(i.isCreditNote ? 0 : i.outstanding) })));
  for (const piece of inPieces(settled, INVOICES_PER_STATEMENT)) {
    const accounts = [...new Set(piece.map((r) => r.accountId))];
    await tx.$executeRaw`
      UPDATE "Invoice" AS i SET "outstanding" = v.outstanding
      FROM unnest(${piece.map((r) => r.id)}::text[], ${piece.map((r) => r.accountId)}::text[], ${piece.map((r) => r.outstanding)}::numeric[]) AS v(id, account, outstanding)
      WHERE i."accountId" = ANY(${accounts}::text[]) AND i."id" = v.id AND i."accountId" = v.account
        AND i."outstanding" IS DISTINCT FROM v.outstanding`;
  }
  for (const part of inPieces(plans.filter((p) => p.nextReviewAt))) {
    await tx.$executeRaw`
      UPDATE "Account" AS a SET "nextReviewAt" = v.next::timestamp(3), "updatedAt" = ${new Date().toISOString()}::timestamp(3)
      FROM (VALUES ${P.join(part.map((p) => P.sql`(${p.accountId}, ${p.nextReviewAt!.toISOString()})`))}) AS v(id, next)
      WHERE a."id" IN (${P.join(part.map((p) => p.accountId))}) AND a."id" = v.id`;
  }
  // A kept alert is rewritten only when what it says changed.
  const open = new Map(plans.flatMap((p) => p.account.alerts.map((a) => [a.id, a] as const)));
  const kept = plans
    .flatMap((p) => p.plan.toKeep)
    .filter((k) => {
      const a = open.get(k.id);
      return !a || a.severity !== k.condition.severity || a.title !== k.condition.title || a.detail !== (k.condition.detail ?? null) || canonicalJson(a.evidence) !== canonicalJson(k.condition.evidence);
    });
  for (const part of inPieces(kept)) {
    const rows = part.map((k) => P.sql`(${k.id}, ${k.condition.severity}::int, ${k.condition.title}, ${k.condition.detail ?? null}, ${JSON.stringify(k.condition.evidence ?? null)}::jsonb)`);
    await tx.$executeRaw`
      UPDATE "Alert" AS a SET "severity" = v.severity, "title" = v.title, "detail" = v.detail, "evidence" = v.evidence, "updatedAt" = ${new Date().toISOString()}::timestamp(3)
      FROM (VALUES ${P.join(rows)}) AS v(id, severity, title, detail, evidence) WHERE a."id" IN (${P.join(part.map((k) => k.id))}) AND a."id" = v.id`;
  }
  const autoResolve = plans.flatMap((p) => p.plan.toAutoResolve.map((a) => a.id));
  if (autoResolve.length) await tx.alert.updateMany({ where: { id: { in: autoResolve } }, data: { status: 'RESOLVED', resolvedAt: asOf } });

  // New conditions, and conditions back after an automatic resolve (or long after a manual one: reopened), in one
  // upsert: a first pass over a freshly imported ledger raises a few per account, one statement each took longer than
  // the rest of the write.
  const toRaise = plans.flatMap(({ accountId, account, plan }) => {
    const creditOwnerId = account.creditOwnerId ?? account.accountManagerId;
    // Contact cadence is the account manager's to keep; everything else goes to the credit owner.
    const ownerOf = (c: AlertCondition) => (c.owner === 'ACCOUNT_MANAGER' ? (account.accountManagerId ?? account.creditOwnerId) : creditOwnerId);
    return plan.toCreate.map((condition) => ({ accountId, condition, ownerId: ownerOf(condition) }));
  });
  if (!toRaise.length) return [];
  const now = new Date().toISOString();
  const column = <T>(f: (r: (typeof toRaise)[number]) => T) => toRaise.map(f);
  // The alerts of one write share `createdAt`; lists order by (createdAt, id). uuid v7 ids made in the same millisecond
  // compare at random, so they are sorted: raised together, they list in the order they were raised (newest last
  // raised first), as when each had its own statement and millisecond.
  const ids = toRaise.map(() => uuidv7()).sort();
  const rows = await tx.$queryRaw<{ id: string; accountId: string; dedupKey: string }[]>`
    INSERT INTO "Alert" ("id", "accountId", "dedupKey", "ownerId", "rule", "severity", "title", "detail", "evidence", "status", "createdAt", "updatedAt")
    SELECT v.id, v.account, v.key, v.owner, v.rule::"AlertRule", v.severity::int, v.title, v.detail, v.evidence::jsonb, 'OPEN'::"AlertStatus", ${now}::timestamp(3), ${now}::timestamp(3)
    FROM unnest(${ids}::text[], ${column((r) => r.accountId)}::text[], ${column((r) => r.condition.dedupKey)}::text[], ${column((r) => r.ownerId)}::text[],
      ${column((r) => r.condition.rule)}::text[], ${column((r) => String(r.condition.severity))}::text[], ${column((r) => r.condition.title)}::text[],
      ${column((r) => r.condition.detail ?? null)}::text[], ${column((r) => JSON.stringify(r.condition.evidence ?? null))}::text[])
      AS v(id, account, key, owner, rule, severity, title, detail, evidence)
    ON CONFLICT ("accountId", "dedupKey") DO UPDATE SET "rule" = EXCLUDED."rule", "severity" = EXCLUDED."severity", "title" = EXCLUDED."title",
      "detail" = EXCLUDED."detail", "evidence" = EXCLUDED."evidence", "status" = 'OPEN', "resolvedAt" = NULL, "resolvedById" = NULL,
      "acknowledgedAt" = NULL, "reopenedAt" = ${asOf.toISOString()}::timestamp(3), "updatedAt" = EXCLUDED."updatedAt"
    RETURNING "id", "accountId", "dedupKey"`;
  const idOf = new Map(rows.map((r) => [`${r.accountId}\u0000${r.dedupKey}`, r.id]));
  return toRaise.map(({ accountId, condition }) => ({ id: idOf.get(`${accountId}\u0000${condition.dedupKey}`)!, accountId, condition }));
}

/** `accountUpdated` events of a chunk published side by side (the live event is published at once, in order). */
const EVENTS_IN_FLIGHT = 8;

export interface BatchRecomputeResult {
  /** Per account recomputed; an account that no longer exists is absent. */
  results: Map<string, RecomputeResult>;
  /** Accounts whose recompute threw (reading, computing or writing), with the error. */
  failed: Map<string, unknown>;
}

export interface BatchRecomputeOptions extends RecomputeOptions {
  /** Accounts read and written per round (default 200). */
  chunk?: number;
  /** Filled with the milliseconds spent in each phase (the benchmark's per-phase profile). */
  timings?: RecomputeTimings;
}

/** Milliseconds per phase of a batch recompute, added to (so one object can sum several batches). */
export interface RecomputeTimings {
  read: number;
  compute: number;
  write: number;
  events: number;
}


/** What a batch reads once: the watch list, the review policy, and (on first need) the reporting rates. */
async function readBatchContext(prisma: Prisma | P.TransactionClient, asOf: Date, readRates: (() => Promise<ReportingRates>) | undefined): Promise<BatchContext> {
  const [watches, policyRows] = await Promise.all([readActiveWatches(prisma), prisma.reviewPolicy.findMany({ select: { riskLevel: true, intervalDays: true } })]);
  return { asOf, watches, policy: reviewPolicyFrom(policyRows), readRates: readRates ?? sharedReportingRates(prisma) };
}

/** A chunk's accounts with everything their recompute reads (an account that no longer exists is left out). */
function readAccounts(prisma: Prisma | P.TransactionClient, part: readonly string[], asOf: Date) {
  return prisma.account.findMany({ where: { id: { in: [...part] } }, include: accountInclude(asOf), relationLoadStrategy: 'query' });
}

/** A chunk's transaction found a file import holding the ledger-recompute lock (ledger/recompute-lock.ts). */
const BUSY = Symbol('an import holds the ledger-recompute lock');

/** Accounts and ledgers on a transaction's one connection: one after the other. */
async function readChunk(tx: P.TransactionClient, part: readonly string[], asOf: Date): Promise<LoadedAccount[]> {
  const found = await readAccounts(tx, part, asOf);
  const ledgers = await readLedgers(tx, part);
  return found.map((a) => ({ ...a, invoices: ledgers.get(a.id) ?? [] }));
}

/** Each account's plan; an account whose computation throws is set in `failed` and left out. */
async function planChunk(accounts: readonly LoadedAccount[], ctx: BatchContext, failed: Map<string, unknown>): Promise<AccountPlan[]> {
  const plans: AccountPlan[] = [];
  for (const account of accounts) {
    try {
      plans.push(await planAccount(account, ctx));
    } catch (err) {
      failed.set(account.id, err);
    }
  }
  return plans;
}

function addResults(results: Map<string, RecomputeResult>, written: readonly AccountPlan[], raised: readonly Raised[]): void {
  for (const p of written) results.set(p.accountId, { ...p.result, raised: raised.filter((r) => r.accountId === p.accountId).map((r) => r.condition.rule) });
}

/** The live events of what was written: each alert raised, then each account updated. */
async function publishWritten(events: EventBus, raised: readonly Raised[], written: readonly string[]): Promise<void> {
  // A few at a time: each looks up the webhooks it goes to (a query), so one by one they took as long as the write
  // (a first pass raises a few alerts per account). The live events are still published in order: at each call.
  for (let j = 0; j < raised.length; j += EVENTS_IN_FLIGHT) {
    await Promise.all(
      raised
        .slice(j, j + EVENTS_IN_FLIGHT)
        .map((r) => events.alertRaised({ id: r.id, accountId: r.accountId, rule: r.condition.rule, severity: r.condition.severity, title: r.condition.title, status: 'OPEN' })),
    );
  }
  for (let j = 0; j < written.length; j += EVENTS_IN_FLIGHT) {
    await Promise.all(written.slice(j, j + EVENTS_IN_FLIGHT).map((id) => events.accountUpdated(id)));
  }
}

function phaseClock(timings: RecomputeTimings | undefined) {
  let t = performance.now();
  return (phase: keyof RecomputeTimings) => {
    const now = performance.now();
    if (timings) timings[phase] += now - t;
    t = now;
  };
}

/**
 * Recomputes many accounts with set-based reads and writes: one round of queries reads every account of a chunk
 * with its rows (plus the watch list, review policy and rates once), the pure domain functions run per account,
 * and the writes of the whole chunk go in one transaction. If that transaction fails, each account is written in
 * its own, so one account's failure holds up no other; failures are returned, not thrown.
 */
export async function recomputeAccounts(
  prisma: Prisma,
  accountIds: readonly string[],
  { asOf = new Date(), events = NO_EVENTS, rates: readRates, chunk = 200, timings }: BatchRecomputeOptions = {},
): Promise<BatchRecomputeResult> {
  const results = new Map<string, RecomputeResult>();
  const failed = new Map<string, unknown>();
  const ids = [...new Set(accountIds)];
  if (!ids.length) return { results, failed };
  let ctx: BatchContext;
  try {
    ctx = await readBatchContext(prisma, asOf, readRates);
  } catch (err) {
    for (const id of ids) failed.set(id, err);
    return { results, failed };
  }
  // Each chunk is read and written in one transaction, holding the ledger-recompute lock shared: a file import
  // writing statuses in its own transaction is waited for, never overwritten with a read from before its commit
  // (ledger/recompute-lock.ts). An account of a chunk whose write fails is run again on its own, read afresh.
  // Planning an account with invoices in another currency needs the reporting rates. They are read once per batch,
  // on first need, through the caller's reader — never from inside a chunk's transaction on the outer client (on
  // PGlite, one connection, that query would wait for the very transaction it is part of): a chunk that needs them
  // first ends its transaction, the rates are read, and the chunk runs again.
  let rates: ReportingRates | undefined;
  const planning: BatchContext = { ...ctx, readRates: () => Promise.resolve(rates!) };
  const needsRates = (a: LoadedAccount) => a.invoices.some((i) => i.currency !== a.currency);
  // The accounts themselves (limits, disputes, signals…) are read before the transaction, as they always were: Prisma
  // loads their relations with overlapping queries, which one transaction's connection would have to serialise. The
  // ledger, which the lock is about, is read inside it.
  const attempt = async (part: readonly string[], lap: (phase: keyof RecomputeTimings) => void) => {
    const found = await readAccounts(prisma, part, asOf);
    return prisma.$transaction(
      async (tx) => {
        const [{ locked }] = await tx.$queryRawUnsafe<[{ locked: boolean }]>(TRY_LOCK_FOR_RECOMPUTE);
        if (!locked) return BUSY;
        // Short statements over a chunk's rows, which compiling would cost more than running (readLedgers, writePlans).
        await tx.$executeRaw`SET LOCAL jit = off`;
        const ledgers = await readLedgers(tx, part);
        const accounts = found.map((a) => ({ ...a, invoices: ledgers.get(a.id) ?? [] }));
        if (rates === undefined && accounts.some(needsRates)) return null;
        lap('read');
        const unplanned = new Map<string, unknown>();
        const plans = await planChunk(accounts, planning, unplanned);
        lap('compute');
        const raised = await writePlans(tx, plans, asOf);
        return { plans, raised, unplanned };
      },
      { maxWait: 60_000, timeout: 120_000 },
    );
  };
  // While an import holds the lock: wait outside any transaction, asking only for the lock (one statement, its own
  // transaction, so the lock goes with it), then read the chunk afresh.
  const untilLockFree = async () => {
    for (let tries = 0; ; tries++) {
      await new Promise((resolve) => setTimeout(resolve, RECOMPUTE_LOCK_RETRY_MS[Math.min(tries, RECOMPUTE_LOCK_RETRY_MS.length - 1)]));
      const [{ locked }] = await prisma.$queryRawUnsafe<[{ locked: boolean }]>(TRY_LOCK_FOR_RECOMPUTE);
      if (locked) return;
    }
  };
  const run = async (part: readonly string[], lap: (phase: keyof RecomputeTimings) => void) => {
    for (;;) {
      const outcome = await attempt(part, lap);
      if (outcome === BUSY) await untilLockFree();
      else if (outcome) return outcome;
      else rates = await ctx.readRates();
    }
  };
  for (let i = 0; i < ids.length; i += chunk) {
    const part = ids.slice(i, i + chunk);
    const lap = phaseClock(timings);
    const raised: Raised[] = [];
    const written: AccountPlan[] = [];
    const keep = (r: Awaited<ReturnType<typeof run>>) => {
      for (const [id, err] of r.unplanned) failed.set(id, err);
      written.push(...r.plans);
      raised.push(...r.raised);
    };
    try {
      keep(await run(part, lap));
    } catch (err) {
      // The chunk's transaction failed (one account's write, or its read): each account on its own, so the others
      // still land.
      if (part.length === 1) failed.set(part[0]!, err);
      for (const id of part.length > 1 ? part : []) {
        try {
          keep(await run([id], lap));
        } catch (err) {
          failed.set(id, err);
        }
      }
    }
    lap('write');
    addResults(results, written, raised);
    await publishWritten(events, raised, written.map((p) => p.accountId));
    lap('events');
  }
  return { results, failed };
}

export interface TransactionRecomputeResult extends BatchRecomputeResult {
  /**
   * Publishes the live events (`alertRaised`, `accountUpdated`) of what was written. Call it once the transaction has
   * committed: a subscriber reading the account at once must find the new status, and nothing is to be said of a
   * transaction that rolled back.
   */
  publish(events: EventBus): Promise<void>;
}

const SAVEPOINT = 'earshot_recompute';

/**
 * Runs `fn` under a savepoint of the caller's transaction: if it throws (a statement failed, which on PostgreSQL
 * aborts the whole transaction, or the computation), what it wrote is undone and the transaction goes on.
 * Only a failure of the savepoint statements themselves (the connection is gone) is thrown.
 */
async function underSavepoint<T>(tx: P.TransactionClient, fn: () => Promise<T>): Promise<{ ok: true; value: T } | { ok: false; error: unknown }> {
  await tx.$executeRawUnsafe(`SAVEPOINT ${SAVEPOINT}`);
  let outcome: { ok: true; value: T } | { ok: false; error: unknown };
  try {
    outcome = { ok: true, value: await fn() };
  } catch (error) {
    await tx.$executeRawUnsafe(`ROLLBACK TO SAVEPOINT ${SAVEPOINT}`);
    outcome = { ok: false, error };
  }
  await tx.$executeRawUnsafe(`RELEASE SAVEPOINT ${SAVEPOINT}`);
  return outcome;
}

/**
 * The same recompute inside a transaction the caller holds open (`tx`: a client bound to it, db/bound-client.ts; the
 * ledger file import's, so that the statuses commit with the ledger rows they come from): the same reads, the same
 * computation and the same set-based writes, chunk by chunk, all on the caller's connection.
 *
 * An account whose recompute fails does not fail the caller's transaction: each chunk runs under a savepoint, and a
 * chunk that fails is undone and run again one account at a time, each under its own, so only the accounts that fail
 * alone are left out (in `failed`; their status stays as it was, older than their ledger, so allStaleAccountIds
 * still finds them). Only a failure of the transaction itself (the connection lost) is thrown.
 * No events are published here: `publish` them after the commit.
 */
export async function recomputeAccountsInTransaction(
  tx: P.TransactionClient,
  accountIds: readonly string[],
  { asOf = new Date(), rates: readRates, chunk = 200, timings }: Omit<BatchRecomputeOptions, 'events'> = {},
): Promise<TransactionRecomputeResult> {
  const results = new Map<string, RecomputeResult>();
  const failed = new Map<string, unknown>();
  // Only what publishing needs is kept (not the plans: they hold each account's ledger).
  const raised: Raised[] = [];
  const written: string[] = [];
  const done = { results, failed, publish: (events: EventBus) => publishWritten(events, raised, written) };
  const ids = [...new Set(accountIds)];
  if (!ids.length) return done;
  // For the rest of the caller's transaction (only the recompute follows the write): short statements over a chunk's
  // rows, which compiling would cost more than running (readLedgers, writePlans).
  await tx.$executeRaw`SET LOCAL jit = off`;
  const context = await underSavepoint(tx, () => readBatchContext(tx, asOf, readRates));
  if (!context.ok) {
    for (const id of ids) failed.set(id, context.error);
    return done;
  }
  const ctx = context.value;
  const run = async (part: readonly string[], lap: (phase: keyof RecomputeTimings) => void) => {
    const unplanned = new Map<string, unknown>();
    const accounts = await readChunk(tx, part, asOf);
    lap('read');
    const plans = await planChunk(accounts, ctx, unplanned);
    lap('compute');
    const chunkRaised = await writePlans(tx, plans, asOf);
    lap('write');
    return { plans, raised: chunkRaised, unplanned };
  };
  const keep = (r: Awaited<ReturnType<typeof run>>) => {
    for (const [id, err] of r.unplanned) failed.set(id, err);
    for (const p of r.plans) written.push(p.accountId);
    raised.push(...r.raised);
    addResults(results, r.plans, r.raised);
  };
  for (let i = 0; i < ids.length; i += chunk) {
    const part = ids.slice(i, i + chunk);
    const lap = phaseClock(timings);
    const whole = await underSavepoint(tx, () => run(part, lap));
    if (whole.ok) {
      keep(whole.value);
      continue;
    }
    // Undone: each account of the chunk on its own, so one account's failure holds up no other.
    for (const id of part) {
      const alone = await underSavepoint(tx, () => run([id], lap));
      if (alone.ok) keep(alone.value);
      else failed.set(id, alone.error);
    }
  }
  return done;
}

export async function recomputeAccount(prisma: Prisma, accountId: string, options: RecomputeOptions = {}): Promise<RecomputeResult | null> {
  const { results, failed } = await recomputeAccounts(prisma, [accountId], { ...options, rates: options.rates ?? (() => readReportingRates(prisma)) });
  if (failed.has(accountId)) throw failed.get(accountId);
  return results.get(accountId) ?? null;
}
