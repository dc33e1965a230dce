/**
 * Action items agreed at (or after) a visit, or on an account without one (seed 004). Exactly one owner: an
 * internal user (active) or one of the customer's contacts. Adding one on a visit is changing the visit (credit,
 * organizer, attendees); without a visit, any writer on the account. Updating: credit, the creator, the owner
 * user, or the visit's organizer and attendees.
 */
import { ACTION_ITEM_STATUSES } from '@earshot/shared';
import { z } from 'zod';
import { isCreditViewer, type Viewer } from '../auth/tokens.js';
import type { Prisma } from '../db/client.js';
import { completedAtAfter, startOfUtcDay } from '../domain/visit-status.js';
import { badInput, forbidden, notFound } from '../graphql/errors.js';
import { audit } from './audit.js';
import { dateSchema, isVisitParticipant, visitAccessSelect, visitForChange } from './visits.js';
import { nonEmpty, LIMITS, validate } from './validation.js';

const dueOnSchema = dateSchema.transform(startOfUtcDay);

export const addActionItemSchema = z.object({
  visitId: z.string().nullish(),
  accountId: z.string().nullish(),
  title: nonEmpty(LIMITS.shortText),
  ownerUserId: z.string().nullish(),
  ownerContactId: z.string().nullish(),
  dueOn: dueOnSchema,
});

export const updateActionItemSchema = z.object({
  title: nonEmpty(LIMITS.shortText).optional(),
  dueOn: dueOnSchema.optional(),
  status: z.enum(ACTION_ITEM_STATUSES).optional(),
  ownerUserId: z.string().nullish(),
  ownerContactId: z.string().nullish(),
});

async function checkOwner(prisma: Prisma, accountId: string, owner: { ownerUserId?: string | null; ownerContactId?: string | null }) {
  if (!!owner.ownerUserId === !!owner.ownerContactId) throw badInput('input.ownerUserId: give exactly one owner, a user or a contact of the customer', 'input.ownerUserId');
  if (owner.ownerUserId) {
    const user = await prisma.user.findUnique({ where: { id: owner.ownerUserId }, select: { active: true, name: true, role: true } });
    if (!user?.active) throw badInput('input.ownerUserId: not an active user', 'input.ownerUserId');
    // A VIEWER never writes, so could never mark it done.
    if (user.role === 'VIEWER') throw badInput(`input.ownerUserId: ${user.name} is a viewer and cannot take part`, 'input.ownerUserId');
  } else {
    const contact = await prisma.contact.findUnique({ where: { id: owner.ownerContactId! }, select: { accountId: true } });
    if (contact?.accountId !== accountId) throw badInput('input.ownerContactId: not a contact of this account', 'input.ownerContactId');
  }
  return { ownerUserId: owner.ownerUserId ?? null, ownerContactId: owner.ownerContactId ?? null };
}

export async function addActionItem(prisma: Prisma, viewer: Viewer | null, raw: unknown) {
  const input = validate(addActionItemSchema, raw);
  if (!!input.visitId === !!input.accountId) throw badInput('input.visitId: give the visit or the account, not both', 'input.visitId');
  let accountId: string;
  if (input.visitId) {
    accountId = (await visitForChange(prisma, viewer, input.visitId, 'edit')).accountId;
  } else {
    const account = await prisma.account.findUnique({ where: { id: input.accountId! }, select: { id: true } });
    if (!account) throw notFound('Account');
    accountId = account.id;
  }
  const owner = await checkOwner(prisma, accountId, input);
  return prisma.$transaction(async (tx) => {
    const item = await tx.actionItem.create({
      data: { accountId, visitId: input.visitId ?? null, title: input.title, dueOn: input.dueOn, ...owner, createdById: viewer?.userId ?? null },
    });
    await audit(tx, viewer, 'actionItem.add', 'ActionItem', item.id, { accountId, visitId: item.visitId, ownerKind: owner.ownerUserId ? 'USER' : 'CONTACT' });
    return item;
  });
}

export async function updateActionItem(prisma: Prisma, viewer: Viewer | null, id: string, raw: unknown) {
  const input = validate(updateActionItemSchema, raw);
  const fields = Object.keys(input).filter((k) => input[k as keyof typeof input] !== undefined);
  if (!fields.length) throw badInput('input: nothing to update', 'input');
  const item = await prisma.actionItem.findUnique({ where: { id }, include: { visit: { select: visitAccessSelect } } });
  if (!item) throw notFound('ActionItem');
  const userId = viewer?.userId;
  const allowed =
    isCreditViewer(viewer) || (!!userId && (item.createdById === userId || item.ownerUserId === userId || (!!item.visit && isVisitParticipant(viewer, item.visit))));
  if (!allowed) throw forbidden('Only the credit team, whoever created or owns the action item, or the visit’s organizer and attendees can change it');
  const ownerChange = input.ownerUserId !== undefined || input.ownerContactId !== undefined;
  const owner = ownerChange ? await checkOwner(prisma, item.accountId, input) : {};
  const status = input.status ?? item.status;
  return prisma.$transaction(async (tx) => {
    const updated = await tx.actionItem.update({
      where: { id },
      data: { title: input.title, dueOn: input.dueOn, status: input.status, ...owner, completedAt: completedAtAfter(item, status, new Date()) },
    });
    await audit(tx, viewer, 'actionItem.update', 'ActionItem', id, { accountId: item.accountId, fields, from: item.status, to: status });
    return updated;
  });
}
