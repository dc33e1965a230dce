/**
 * The customer card (seed 001), editable by anyone who writes where it is shown: what they do, why they buy
 * from us, our value and their alternatives, preferred channel and tone, contact cadence. Credit's fields
 * (limit, terms, hold, owners) stay with updateAccount; collection status is credit's (setCollectionStatus).
 * Callers recompute the account after commit (key account and cadence drive the CONTACT_CADENCE alert).
 */
import { COLLECTION_STATUSES, CONTACT_CHANNELS, CONTACT_TONES } from '@earshot/shared';
import { z } from 'zod';
import type { Viewer } from '../auth/tokens.js';
import type { Prisma } from '../db/client.js';
import { badInput, notFound } from '../graphql/errors.js';
import { audit } from './audit.js';
import { LIMITS, optionalText, validate } from './validation.js';

/** Seed 001 asks for the three reasons they buy from us: more is a list nobody reads. */
export const MAX_WHY_THEY_BUY = 3;
/** A clock a little ahead of ours is not "the future". */
const CLOCK_SKEW_MS = 5 * 60_000;

export const customerCardSchema = z.object({
  description: optionalText(LIMITS.note).optional(),
  whyTheyBuy: z
    .array(z.string().trim().max(LIMITS.shortText, `must be at most ${LIMITS.shortText} characters`))
    .transform((reasons) => reasons.filter((r) => r.length > 0))
    .refine((reasons) => reasons.length <= MAX_WHY_THEY_BUY, `at most ${MAX_WHY_THEY_BUY} reasons`)
    .nullish()
    .transform((v) => (v === null ? [] : v)),
  ourValue: optionalText(LIMITS.note).optional(),
  alternatives: optionalText(LIMITS.note).optional(),
  preferredChannel: z.enum(CONTACT_CHANNELS).nullish(),
  preferredTone: z.enum(CONTACT_TONES).nullish(),
  contactFrequencyDays: z.number().int('must be a whole number of days').min(1, 'must be at least 1 day').max(3650, 'must be at most 3650 days').nullish(),
  keyAccount: z
    .boolean()
    .nullish()
    .transform((v) => (v === null ? undefined : v)),
});

async function accountOrThrow(prisma: Prisma, id: string) {
  const account = await prisma.account.findUnique({ where: { id } });
  if (!account) throw notFound('Account');
  return account;
}

export async function updateCustomerCard(prisma: Prisma, viewer: Viewer | null, accountId: string, raw: unknown) {
  const input = validate(customerCardSchema, raw);
  const data = Object.fromEntries(Object.entries(input).filter(([, v]) => v !== undefined));
  if (!Object.keys(data).length) throw badInput('input: nothing to update', 'input');
  await accountOrThrow(prisma, accountId);
  return prisma.$transaction(async (tx) => {
    const account = await tx.account.update({ where: { id: accountId }, data });
    await audit(tx, viewer, 'account.updateCustomerCard', 'Account', accountId, { fields: Object.keys(data) });
    return account;
  });
}

export const collectionSchema = z.object({ status: z.enum(COLLECTION_STATUSES).nullish(), note: optionalText(LIMITS.shortText) });

/** Starts, changes or (status null) ends collection. `collectionSince` moves only when the status changes. */
export async function setCollectionStatus(prisma: Prisma, viewer: Viewer | null, accountId: string, raw: unknown, now = new Date()) {
  const input = validate(collectionSchema, raw);
  const existing = await accountOrThrow(prisma, accountId);
  const status = input.status ?? null;
  const data = status
    ? { collectionStatus: status, collectionSince: existing.collectionStatus === status ? existing.collectionSince : now, collectionNote: input.note }
    : { collectionStatus: null, collectionSince: null, collectionNote: null };
  return prisma.$transaction(async (tx) => {
    const account = await tx.account.update({ where: { id: accountId }, data });
    await audit(tx, viewer, 'account.setCollectionStatus', 'Account', accountId, { from: existing.collectionStatus, to: status });
    return account;
  });
}

export const recordContactSchema = z.object({
  at: z.date().nullish(),
  channel: z.enum(CONTACT_CHANNELS).nullish(),
});

/** "I spoke to them": moves lastContactAt forward (never backwards, never into the future). */
export async function recordContact(prisma: Prisma, viewer: Viewer | null, accountId: string, raw: unknown, now = new Date()) {
  const input = validate(recordContactSchema, raw);
  const given = input.at ?? now;
  if (given.getTime() > now.getTime() + CLOCK_SKEW_MS) throw badInput('input.at: must not be in the future', 'input.at');
  if (given.getFullYear() < 2000) throw badInput('input.at: must be after 2000', 'input.at');
  // A clock a little ahead is accepted, but what is stored is never later than now.
  const at = given.getTime() > now.getTime() ? now : given;
  const existing = await accountOrThrow(prisma, accountId);
  return prisma.$transaction(async (tx) => {
    // Guarded in the update itself: a later contact recorded meanwhile is never overwritten by an earlier one.
    const { count } = await tx.account.updateMany({ where: { id: accountId, OR: [{ lastContactAt: null }, { lastContactAt: { lt: at } }] }, data: { lastContactAt: at } });
    await audit(tx, viewer, 'account.recordContact', 'Account', accountId, { at: at.toISOString(), channel: input.channel ?? null, moved: count > 0 });
    return count > 0 ? tx.account.findUniqueOrThrow({ where: { id: accountId } }) : existing;
  });
}
