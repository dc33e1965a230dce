/**
 * Distribution lists for internal visit reports (executives, sales managers, customer service…): set and
 * deleted by an ADMIN, read by everyone who may send a report. Names are unique and matched without regard to
 * case when a report names them (services/visit-report-mail.ts).
 */
import { z } from 'zod';
import type { Viewer } from '../auth/tokens.js';
import type { Prisma } from '../db/client.js';
import { notFound } from '../graphql/errors.js';
import { audit } from './audit.js';
import { emailSchema, LIMITS, nonEmpty, optionalText, validate } from './validation.js';

export const DISTRIBUTION_LIST_LIMITS = { name: 60, addresses: 200 } as const;

const setSchema = z.object({
  name: nonEmpty(DISTRIBUTION_LIST_LIMITS.name).refine((n) => !/[\r\n]/.test(n), 'must be one line (no line breaks)'),
  description: optionalText(LIMITS.shortText),
  addresses: z
    .array(emailSchema)
    .min(1, 'must name at least one address')
    .max(DISTRIBUTION_LIST_LIMITS.addresses, `must have at most ${DISTRIBUTION_LIST_LIMITS.addresses} addresses`)
    .transform((a) => [...new Set(a)]),
});

/** Creates the list, or replaces the description and addresses of the list of that name (any case); audited. */
export async function setDistributionList(prisma: Prisma, viewer: Viewer | null, raw: unknown) {
  const input = validate(setSchema, raw);
  return prisma.$transaction(async (tx) => {
    const existing = await tx.distributionList.findFirst({ where: { name: { equals: input.name, mode: 'insensitive' } } });
    const data = { name: input.name, description: input.description, addresses: input.addresses };
    const list = existing ? await tx.distributionList.update({ where: { id: existing.id }, data }) : await tx.distributionList.create({ data });
    await audit(tx, viewer, existing ? 'distributionList.update' : 'distributionList.create', 'DistributionList', list.id, {
      name: list.name,
      addresses: list.addresses.length,
      ...(existing ? { added: list.addresses.filter((a) => !existing.addresses.includes(a)).length, removed: existing.addresses.filter((a) => !list.addresses.includes(a)).length } : {}),
    });
    return list;
  });
}

/** Deletes the list of that name (any case); reports already sent keep the name in `groups`. Audited. */
export async function deleteDistributionList(prisma: Prisma, viewer: Viewer | null, raw: unknown): Promise<{ name: string }> {
  const { name } = validate(z.object({ name: nonEmpty(DISTRIBUTION_LIST_LIMITS.name) }), raw);
  return prisma.$transaction(async (tx) => {
    const list = await tx.distributionList.findFirst({ where: { name: { equals: name, mode: 'insensitive' } } });
    if (!list) throw notFound(`Distribution list "${name}"`);
    await tx.distributionList.delete({ where: { id: list.id } });
    await audit(tx, viewer, 'distributionList.delete', 'DistributionList', list.id, { name: list.name, addresses: list.addresses.length });
    return { name: list.name };
  });
}
