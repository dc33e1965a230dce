/**
 * Seeds the synthetic demo: 10 colleagues (3 who sign in), 44 invented customers with 14 months of ledger,
 * field signals, notes, bureau scores, bank details and watch lists. Deterministic for a seed and a date; no
 * real company or person. The rows are written with a few `createMany` calls and no long transaction, so on
 * the embedded PGlite other queries are not held up (STACK.md). Credit status (AccountMetrics) is not written
 * here: the caller recomputes it for `accountIds` afterwards.
 */
import { hashPassword } from '../auth/passwords.js';
import { Prisma, type PrismaClient } from '../generated/prisma/client.js';
import { disputeSignalKey } from '../domain/disputes.js';
import { formatMoney } from '../domain/money.js';
import { clearDemo, isEmptyDatabase } from './clear.js';
import { DAY_MS } from './credit-file.js';
import { DEMO_EMAIL_DOMAIN, DEMO_USERS } from './people.js';
import { buildDemoPlan, type DemoPlan } from './plan.js';
import type { Profile } from './profiles.js';
import { writeReviews } from './reviews.js';
import { writeVisits } from './visits.js';
import type { StoryRoles } from './roles.js';

export { clearDemo, isEmptyDatabase } from './clear.js';
export { DEFAULT_DEMO_SEED, buildDemoPlan, type DemoPlan } from './plan.js';
export { PROFILES, PROFILE_INFO, type Profile } from './profiles.js';
export { DEMO_USERS, DEMO_EMAIL_DOMAIN } from './people.js';

export interface SeedDemoOptions {
  /** Password of the three users who sign in (admin@, credit@, sales@demo.earshot.test). */
  password: string;
  /** The demo's "today": the ledger runs up to it, signals are dated before it. Default: now. */
  now?: Date;
  /** Same seed and date, same demo. Default: DEFAULT_DEMO_SEED. */
  seed?: number;
  /** Empty every app table first (users included). Without it, seeding a non-empty database throws. */
  reset?: boolean;
}

export interface SeedDemoResult {
  users: number;
  accounts: number;
  contacts: number;
  invoices: number;
  payments: number;
  signals: number;
  notes: number;
  domains: number;
  crmLinks: number;
  creditReports: number;
  bankDetails: number;
  watches: number;
  /** Open intel requests to sales@ (intel-requests.ts). */
  intelRequests: number;
  disputes: number;
  /** Health-check reviews of the current month (planned, two in progress). */
  healthChecks: number;
  /** Customer visits on sales@'s customers: upcoming (briefed), held with open action items, followed up (visits.ts). */
  visits: number;
  /** Payment-behaviour profile by account name (see PROFILE_INFO). */
  profiles: Record<string, Profile>;
  /** Which account (by name) plays which part of the storyline. */
  story: { [K in keyof StoryRoles]: StoryRoles[K] extends string ? string : string[] };
  /** Database ids of the seeded accounts, for recomputing their credit status. */
  accountIds: string[];
  seed: number;
  elapsedMs: number;
}

const money = (cents: number) => new Prisma.Decimal(formatMoney(cents));
const date = (day: number) => new Date(day * DAY_MS);

export async function seedDemo(prisma: PrismaClient, options: SeedDemoOptions): Promise<SeedDemoResult> {
  const started = performance.now();
  if (options.reset) await clearDemo(prisma);
  else if (!(await isEmptyDatabase(prisma))) throw new Error('The database already has users or accounts: seed the demo with reset to replace them.');

  const plan = buildDemoPlan({ seed: options.seed, now: options.now });
  const userIds = await writeUsers(prisma, options.password);
  await writeOwnDomains(prisma);
  const accountIds = await writeAccounts(prisma, plan, userIds);
  const counts = await writeDetails(prisma, plan, userIds, accountIds);
  const healthChecks = await writeReviews(prisma, plan, userIds, accountIds, options.now ?? new Date());
  const visits = await writeVisits(prisma, plan, userIds, accountIds, options.now ?? new Date());

  const nameOf = (externalId: string) => plan.accounts.find((a) => a.externalId === externalId)!.name;
  const story = Object.fromEntries(
    Object.entries(plan.roles).map(([role, v]) => [role, Array.isArray(v) ? v.map(nameOf) : nameOf(v)]),
  ) as SeedDemoResult['story'];
  return {
    users: userIds.size,
    accounts: accountIds.size,
    ...counts,
    healthChecks,
    visits,
    profiles: Object.fromEntries(plan.accounts.map((a) => [a.name, a.profile])),
    story,
    accountIds: plan.accounts.map((a) => accountIds.get(a.externalId)!),
    seed: plan.seed,
    elapsedMs: Math.round(performance.now() - started),
  };
}

/**
 * The demo company's own domain (where every demo user's address is) is set as the workspace's own domains, as an
 * administrator would on day one: colleagues on a thread are never taken for a customer, and the domain cannot be
 * given to an account. A list an administrator already set is kept.
 */
async function writeOwnDomains(prisma: PrismaClient): Promise<void> {
  const existing = await prisma.workspaceSetting.findUnique({ where: { key: 'ownDomains' }, select: { key: true } });
  if (!existing) await prisma.workspaceSetting.create({ data: { key: 'ownDomains', value: [DEMO_EMAIL_DOMAIN] } });
}

async function writeUsers(prisma: PrismaClient, password: string): Promise<Map<string, string>> {
  const hashes = await Promise.all(DEMO_USERS.map((u) => (u.signsIn ? hashPassword(password) : null)));
  const rows = await prisma.user.createManyAndReturn({
    data: DEMO_USERS.map((u, i) => ({ email: u.email, name: u.name, role: u.role, businessUnit: u.businessUnit, passwordHash: hashes[i] })),
    select: { id: true, email: true },
  });
  const byEmail = new Map(rows.map((r) => [r.email, r.id]));
  return new Map(DEMO_USERS.map((u) => [u.key, byEmail.get(u.email)!]));
}

async function writeAccounts(prisma: PrismaClient, plan: DemoPlan, users: Map<string, string>): Promise<Map<string, string>> {
  const rows = await prisma.account.createManyAndReturn({
    data: plan.accounts.map((a) => ({
      name: a.name,
      externalId: a.externalId,
      description: a.description,
      industry: a.industry,
      country: a.country,
      website: a.website,
      businessUnit: a.businessUnit,
      accountManagerId: users.get(a.accountManager)!,
      creditOwnerId: users.get(a.creditOwner)!,
      creditLimit: money(a.creditLimit),
      currency: a.currency,
      paymentTermsDays: a.paymentTermsDays,
      onHold: a.onHold,
      holdReason: a.holdReason,
      whyTheyBuy: a.whyTheyBuy,
      ourValue: a.ourValue,
      alternatives: a.alternatives,
      contactFrequencyDays: a.contactFrequencyDays,
      keyAccount: a.keyAccount,
      preferredChannel: a.preferredChannel,
      preferredTone: a.preferredTone,
      anticipatedMonthlyPurchases: money(a.anticipatedMonthly),
      lastContactAt: a.lastContactAt,
      lastReviewedAt: a.lastReviewedAt,
      nextReviewAt: a.nextReviewAt,
    })),
    select: { id: true, externalId: true },
  });
  return new Map(rows.map((r) => [r.externalId!, r.id]));
}

async function writeDetails(prisma: PrismaClient, plan: DemoPlan, users: Map<string, string>, accounts: Map<string, string>) {
  const accountId = (externalId: string) => accounts.get(externalId)!;
  const domains = await prisma.accountDomain.createMany({
    data: plan.accounts.flatMap((a) => a.domains.map((domain) => ({ domain, accountId: accountId(a.externalId) }))),
  });
  const crmLinks = await prisma.crmLink.createMany({
    data: plan.accounts.flatMap((a) => a.crmLinks.map((l) => ({ ...l, accountId: accountId(a.externalId) }))),
  });
  const contacts = await prisma.contact.createMany({
    data: plan.accounts.flatMap((a) => a.contacts.map((c) => ({ ...c, accountId: accountId(a.externalId) }))),
  });

  const invoicePlans = plan.accounts.flatMap((a) => a.ledger.invoices);
  const invoiceRows = await prisma.invoice.createManyAndReturn({
    data: invoicePlans.map((inv) => ({
      externalId: inv.externalId,
      accountId: accountId(inv.accountExternalId),
      number: inv.number,
      currency: inv.currency,
      amount: money(inv.amount),
      issuedAt: date(inv.issuedDay),
      dueAt: date(inv.dueDay),
    })),
    select: { id: true, externalId: true },
  });
  const invoiceIdByExternal = new Map(invoiceRows.map((r) => [r.externalId, r.id]));
  const invoiceIdByKey = new Map(invoicePlans.map((inv) => [inv.key, invoiceIdByExternal.get(inv.externalId)!]));
  const payments = await prisma.payment.createMany({
    data: plan.accounts.flatMap((a) =>
      a.ledger.payments.map((p) => ({ externalId: p.externalId, invoiceId: invoiceIdByKey.get(p.invoiceKey)!, amount: money(p.amount), receivedAt: date(p.receivedDay) })),
    ),
  });

  const signals = await prisma.signal.createMany({
    data: plan.signals.map((s) => ({
      accountId: accountId(s.accountExternalId),
      type: s.type,
      severity: s.severity,
      sentiment: s.sentiment,
      source: s.source,
      authorId: users.get(s.author)!,
      observedAt: s.observedAt,
      note: s.note,
      status: s.status,
      createdAt: s.observedAt,
    })),
  });
  const notes = await prisma.note.createMany({
    data: plan.notes.map((n) => ({ accountId: accountId(n.accountExternalId), authorId: users.get(n.author)!, body: n.body, visibility: n.visibility, createdAt: n.createdAt })),
  });
  const creditReports = await prisma.creditReport.createMany({
    data: plan.creditReports.map((r) => ({ accountId: accountId(r.accountExternalId), score: r.score, rating: r.rating, source: r.source, reportedAt: r.reportedAt })),
  });
  const bankDetails = await prisma.bankDetailRecord.createMany({
    data: plan.bankDetails.map((b) => ({ accountId: accountId(b.accountExternalId), fingerprint: b.fingerprint, last4: b.last4, bankName: b.bankName, recordedAt: b.recordedAt })),
  });
  const watches = await prisma.watch.createMany({
    data: plan.watches.map((w) => ({ kind: w.kind, value: w.value, reason: w.reason, createdById: users.get(w.createdBy)!, createdAt: w.createdAt })),
  });

  const intelRequests = await prisma.intelRequest.createMany({
    data: plan.intelRequests.map((r) => ({
      accountId: accountId(r.accountExternalId),
      requestedById: users.get(r.requestedBy)!,
      assignedToId: users.get(r.assignedTo)!,
      questions: r.questions as unknown as Prisma.InputJsonValue,
      message: r.message,
      createdAt: r.createdAt,
      dueAt: r.dueAt,
      reminderCount: r.reminderCount,
      remindedAt: r.remindedAt,
    })),
  });
  // One by one: a dispute and its invoice links are written together (nested create); there are two.
  for (const d of plan.disputes) {
    const dispute = await prisma.dispute.create({
      data: {
        accountId: accountId(d.accountExternalId),
        kind: d.kind,
        reason: d.reason,
        ownerTeam: d.ownerTeam,
        ownerId: users.get(d.owner)!,
        openedById: users.get(d.openedBy)!,
        currency: invoicePlans.find((inv) => inv.key === d.invoiceKeys[0])!.currency,
        openedAt: d.openedAt,
        createdAt: d.openedAt,
        expectedBy: d.expectedBy,
        invoices: { create: d.invoiceKeys.map((key) => ({ invoiceId: invoiceIdByKey.get(key)! })) },
      },
    });
    // The storyline's signal about it becomes the dispute's own (as openDispute writes it): resolving closes it.
    const told = await prisma.signal.findFirst({ where: { accountId: dispute.accountId, type: d.kind, status: 'OPEN' }, orderBy: { observedAt: 'desc' } });
    if (told) await prisma.signal.update({ where: { id: told.id }, data: { idempotencyKey: disputeSignalKey(dispute.id) } });
  }

  return {
    disputes: plan.disputes.length,
    contacts: contacts.count,
    invoices: invoiceRows.length,
    payments: payments.count,
    signals: signals.count,
    notes: notes.count,
    domains: domains.count,
    crmLinks: crmLinks.count,
    creditReports: creditReports.count,
    bankDetails: bankDetails.count,
    watches: watches.count,
    intelRequests: intelRequests.count,
  };
}
