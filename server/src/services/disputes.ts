/**
 * Disputes and delivery problems holding up payment (seed 001). Anyone who writes may open one (sales often
 * hears first). Credit may update any; anyone else only one they opened, own, or on an account they manage
 * (account manager), and only credit or the current owner may hand it to someone else (ownerId). The credit
 * team or the dispute's owner resolves or cancels it. Opening writes a DISPUTE or DELIVERY_PROBLEM signal (the
 * score counts it once: domain/risk-score.ts) that resolving or cancelling closes again.
 * Error messages name invoices and amounts only to a viewer who sees credit figures.
 * Callers recompute the account after commit, so the figures move at once.
 */
import { DISPUTE_KINDS, SIGNAL_TYPE_INFO } from '@earshot/shared';
import { z } from 'zod';
import { isCreditViewer, seesCreditFigures, type Viewer } from '../auth/tokens.js';
import type { Prisma } from '../db/client.js';
import type { Prisma as P } from '../generated/prisma/client.js';
import { disputeSignalKey } from '../domain/disputes.js';
import { describeMoney, moneyProblem, parseMoney, tryParseAmountInput } from '../domain/money.js';
import { badInput, forbidden, notFound } from '../graphql/errors.js';
import { settle } from '../ledger/invoice-status.js';
import { audit } from './audit.js';
import { sourceFor } from './signals.js';
import { currencySchema, LIMITS, nonEmpty, validate } from './validation.js';

/** At most this many invoices in one dispute (one delivery, one quarrel: more is a different conversation). */
export const MAX_DISPUTE_INVOICES = 100;


const amountSchema = z.string().transform((raw, ctx) => {
  const minor = tryParseAmountInput(raw);
  if (minor === null) {
    ctx.addIssue({ code: 'custom', message: `"${raw}" ${moneyProblem(raw)}` });
    return z.NEVER;
  }
  if (minor <= 0) {
    ctx.addIssue({ code: 'custom', message: 'must be more than 0' });
    return z.NEVER;
  }
  return raw;
});

const teamSchema = nonEmpty(100);
const reasonSchema = nonEmpty(LIMITS.shortText);
const expectedBySchema = z.date().refine((d) => d.getFullYear() >= 2000 && d.getFullYear() < 2100, 'must be a date between 2000 and 2099');

export const openDisputeSchema = z.object({
  kind: z.enum(DISPUTE_KINDS),
  reason: reasonSchema,
  ownerTeam: teamSchema,
  ownerId: z.string().nullish(),
  invoiceIds: z.array(z.string()).max(MAX_DISPUTE_INVOICES, `at most ${MAX_DISPUTE_INVOICES} invoices`).nullish(),
  amount: amountSchema.nullish(),
  currency: currencySchema.nullish(),
  expectedBy: expectedBySchema.nullish(),
});

export const updateDisputeSchema = z.object({
  reason: reasonSchema.optional(),
  ownerTeam: teamSchema.optional(),
  ownerId: z.string().nullish(),
  expectedBy: expectedBySchema.nullish(),
});

export const resolveDisputeSchema = z.object({ resolution: nonEmpty(LIMITS.note), cancelled: z.boolean().nullish() });

async function assertUser(prisma: Prisma, id: string | null | undefined, field: string): Promise<void> {
  if (!id) return;
  if (!(await prisma.user.findUnique({ where: { id }, select: { id: true } }))) throw badInput(`${field}: no such user`, field);
}

/**
 * An amount names no invoice, so it may be at most what the account still owes in that currency on open
 * invoices not already in an open dispute (invoices named, or amounts given). More would be a disputed figure
 * larger than the exposure. Called inside the opening transaction, after the account row is locked.
 */
async function assertWithinOpenBalance(tx: P.TransactionClient, accountId: string, currency: string, amount: number): Promise<void> {
  await tx.$queryRaw`SELECT "id" FROM "Account" WHERE "id" = ${accountId} FOR UPDATE`;
  const invoices = await tx.invoice.findMany({
    where: { accountId, currency },
    select: {
      id: true,
      amount: true,
      issuedAt: true,
      dueAt: true,
      outstanding: true,
      payments: { select: { id: true, amount: true, receivedAt: true } },
      disputes: { where: { dispute: { status: 'OPEN' } }, select: { disputeId: true } },
    },
  });
  const open = invoices.filter((i) => i.amount.greaterThan(0) && i.disputes.length === 0).reduce((sum, i) => sum + settle(i).outstanding, 0);
  const byAmount = await tx.dispute.findMany({ where: { accountId, currency, status: 'OPEN', amount: { not: null } }, select: { amount: true } });
  const alreadyDisputed = byAmount.reduce((sum, d) => sum + parseMoney(d.amount!.toFixed(2)), 0);
  const available = Math.max(0, open - alreadyDisputed);
  if (amount <= available) return;
  // Only credit gets here (openDispute), so the message may name the balance.
  throw badInput(`input.amount: the open balance in ${currency} not already in a dispute is smaller (${describeMoney(available, currency)})`, 'input.amount');
}

export async function openDispute(prisma: Prisma, viewer: Viewer | null, accountId: string, raw: unknown) {
  const input = validate(openDisputeSchema, raw);
  const invoiceIds = [...new Set(input.invoiceIds ?? [])];
  if (invoiceIds.length === 0 && !input.amount) throw badInput('input.invoiceIds: name the invoices concerned, or give an amount', 'input.invoiceIds');
  if (invoiceIds.length > 0 && input.amount) throw badInput('input.amount: give the invoices concerned or an amount, not both', 'input.amount');
  const account = await prisma.account.findUnique({ where: { id: accountId }, select: { id: true, currency: true } });
  if (!account) throw notFound('Account');
  await assertUser(prisma, input.ownerId, 'input.ownerId');

  const figures = seesCreditFigures(viewer);
  // Naming invoices takes them out of overdue and the score: a ledger decision, for those who see the ledger.
  // Anyone else reports the problem (with an amount if they know one) and credit names the invoices. Refused before
  // any invoice is looked at, so the answer says nothing about them (paid, disputed, whose).
  if (invoiceIds.length && !figures)
    throw badInput('input.invoiceIds: only the credit team names the invoices of a dispute; report it without them (or with an amount) and credit will add them', 'input.invoiceIds');
  return prisma.$transaction(async (tx) => {
    let currency = input.currency ?? account.currency;
    if (invoiceIds.length) {
      // Two people disputing the same invoice at once: the second waits here, then sees the first one's dispute.
      await tx.$queryRaw`SELECT "id" FROM "Invoice" WHERE "id" = ANY(${invoiceIds}) ORDER BY "id" FOR UPDATE`;
      const invoices = await tx.invoice.findMany({
        where: { id: { in: invoiceIds }, accountId },
        select: {
          id: true,
          number: true,
          currency: true,
          amount: true,
          issuedAt: true,
          dueAt: true,
          outstanding: true,
          payments: { select: { id: true, amount: true, receivedAt: true } },
          disputes: { where: { dispute: { status: 'OPEN' } }, select: { disputeId: true } },
        },
      });
      const missing = invoiceIds.filter((id) => !invoices.some((i) => i.id === id));
      if (missing.length) throw badInput(`input.invoiceIds: ${missing.length} of the invoices are not invoices of this account`, 'input.invoiceIds');
      // Invoice numbers are ledger detail: named only to those who see credit figures.
      const which = (found: typeof invoices) => (figures ? found.map((i) => i.number).join(', ') : found.length === 1 ? 'one of the invoices' : `${found.length} of the invoices`);
      const notOpen = invoices.filter((i) => settle(i).outstanding === 0);
      if (notOpen.length) throw badInput(`input.invoiceIds: ${which(notOpen)} ${notOpen.length > 1 && !figures ? 'are' : 'is'} not open (paid, or a credit note)`, 'input.invoiceIds');
      const taken = invoices.filter((i) => i.disputes.length > 0);
      if (taken.length) throw badInput(`input.invoiceIds: ${which(taken)} ${taken.length > 1 && !figures ? 'are' : 'is'} already in an open dispute`, 'input.invoiceIds');
      const currencies = [...new Set(invoices.map((i) => i.currency))];
      if (currencies.length > 1) throw badInput(`input.invoiceIds: the invoices are in ${currencies.join(' and ')}; open one dispute per currency`, 'input.invoiceIds');
      if (input.currency && input.currency !== currencies[0]) throw badInput(`input.currency: the invoices are in ${currencies[0]}`, 'input.currency');
      currency = currencies[0]!;
    } else {
      if (currency !== account.currency) {
        // A currency the account does not use would be a figure no ledger view can place: refused.
        const used = await tx.invoice.findFirst({ where: { accountId, currency }, select: { id: true } });
        if (!used) throw badInput(`input.currency: the account does not use ${currency} (its currency is ${account.currency})`, 'input.currency');
      }
      // Checked for credit only: refusing a sales user's amount would tell them the balance they may not see (try
      // amounts until one passes). Their amount is taken as told; the disputed figure never exceeds the open balance
      // (domain/payment-behaviour.ts caps it).
      if (figures) await assertWithinOpenBalance(tx, accountId, currency, parseMoney(input.amount!));
    }
    const dispute = await tx.dispute.create({
      data: {
        accountId,
        kind: input.kind,
        reason: input.reason,
        ownerTeam: input.ownerTeam,
        ownerId: input.ownerId ?? null,
        amount: invoiceIds.length ? null : input.amount,
        currency,
        expectedBy: input.expectedBy ?? null,
        openedById: viewer?.userId ?? null,
        invoices: { create: invoiceIds.map((invoiceId) => ({ invoiceId })) },
      },
    });
    const info = SIGNAL_TYPE_INFO[input.kind];
    const signal = await tx.signal.create({
      data: {
        accountId,
        type: input.kind,
        severity: info.defaultSeverity,
        sentiment: info.sentiment,
        source: sourceFor(viewer),
        authorId: viewer?.userId ?? null,
        observedAt: dispute.openedAt,
        // Words only: the signal is read by everyone who reads the account.
        note: `${info.label} opened: ${input.reason} (owner: ${input.ownerTeam})`,
        idempotencyKey: disputeSignalKey(dispute.id),
      },
    });
    await audit(tx, viewer, 'dispute.open', 'Dispute', dispute.id, {
      accountId,
      kind: dispute.kind,
      ownerTeam: dispute.ownerTeam,
      invoiceCount: invoiceIds.length,
      byAmount: invoiceIds.length === 0,
      signalId: signal.id,
    });
    return dispute;
  });
}

async function openDisputeOrThrow(prisma: Prisma, id: string) {
  const dispute = await prisma.dispute.findUnique({ where: { id } });
  if (!dispute) throw notFound('Dispute');
  if (dispute.status !== 'OPEN') throw badInput(`input.disputeId: the dispute is already ${dispute.status.toLowerCase()}`, 'input.disputeId');
  return dispute;
}

export async function updateDispute(prisma: Prisma, viewer: Viewer | null, id: string, raw: unknown) {
  const input = validate(updateDisputeSchema, raw);
  const data = Object.fromEntries(Object.entries(input).filter(([, v]) => v !== undefined));
  if (!Object.keys(data).length) throw badInput('input: nothing to update', 'input');
  const existing = await openDisputeOrThrow(prisma, id);
  if (!isCreditViewer(viewer)) {
    const userId = viewer?.userId;
    const account = await prisma.account.findUnique({ where: { id: existing.accountId }, select: { accountManagerId: true } });
    const involved = !!userId && (existing.openedById === userId || existing.ownerId === userId || account?.accountManagerId === userId);
    if (!involved) throw forbidden('Only the credit team, or whoever opened or owns the dispute or manages the account, can change it');
    if (input.ownerId !== undefined && input.ownerId !== existing.ownerId && existing.ownerId !== userId)
      throw forbidden('Only the credit team or the dispute’s current owner can hand it to someone else');
  }
  await assertUser(prisma, input.ownerId, 'input.ownerId');
  return prisma.$transaction(async (tx) => {
    const dispute = await tx.dispute.update({ where: { id }, data });
    await audit(tx, viewer, 'dispute.update', 'Dispute', id, { accountId: dispute.accountId, fields: Object.keys(data) });
    return dispute;
  });
}

const WITHDRAWN = ' (withdrawn: raised by mistake)';
/** The signal's note with "withdrawn" added, within the note length limit. */
function withdrawnNote(note: string | null): string {
  const base = note ?? 'Dispute';
  if (base.endsWith(WITHDRAWN)) return base;
  return `${base.slice(0, LIMITS.note - WITHDRAWN.length)}${WITHDRAWN}`;
}

export async function resolveDispute(prisma: Prisma, viewer: Viewer | null, id: string, raw: unknown) {
  const input = validate(resolveDisputeSchema, raw);
  const existing = await prisma.dispute.findUnique({ where: { id } });
  if (!existing) throw notFound('Dispute');
  if (!isCreditViewer(viewer) && (!viewer || existing.ownerId !== viewer.userId)) throw forbidden('Only the credit team or the dispute’s owner can resolve it');
  await openDisputeOrThrow(prisma, id);
  const status = input.cancelled ? 'CANCELLED' : 'RESOLVED';
  return prisma.$transaction(async (tx) => {
    // Guarded on OPEN: two people resolving at once resolve it once.
    const { count } = await tx.dispute.updateMany({ where: { id, status: 'OPEN' }, data: { status, resolution: input.resolution, resolvedAt: new Date() } });
    if (count === 0) throw badInput('input.disputeId: the dispute was resolved meanwhile', 'input.disputeId');
    // The signal it wrote closes with it (it no longer counts among the open warning signs); a cancelled one
    // says in its note that it was withdrawn. Words only, like the note itself.
    const signal = await tx.signal.findUnique({ where: { idempotencyKey: disputeSignalKey(id) }, select: { id: true, note: true } });
    if (signal)
      await tx.signal.update({
        where: { id: signal.id },
        data: { status: 'RESOLVED', ...(input.cancelled ? { note: withdrawnNote(signal.note) } : {}) },
      });
    await audit(tx, viewer, 'dispute.resolve', 'Dispute', id, { accountId: existing.accountId, status });
    return tx.dispute.findUniqueOrThrow({ where: { id } });
  });
}
