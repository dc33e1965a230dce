/** Seed 002's first check, "run an updated credit report": the bureau's result, normalised to a 0–100 score. */
import { z } from 'zod';
import type { Viewer } from '../auth/tokens.js';
import type { Prisma } from '../db/client.js';
import { notFound } from '../graphql/errors.js';
import { audit } from '../services/audit.js';
import { nonEmpty, optionalText, validate } from '../services/validation.js';

const MAX_FUTURE_MS = 24 * 3600_000;

export const recordCreditReportSchema = z.object({
  score: z.number().int('must be a whole number').min(0, 'must be from 0 to 100').max(100, 'must be from 0 to 100'),
  rating: optionalText(50),
  source: nonEmpty(100),
  reportedAt: z
    .date()
    .refine((d) => d.getTime() <= Date.now() + MAX_FUTURE_MS, 'must not be in the future')
    .refine((d) => d.getUTCFullYear() >= 2000, 'must be after 2000'),
});

export async function recordCreditReport(prisma: Prisma, viewer: Viewer | null, accountId: string, raw: unknown) {
  const input = validate(recordCreditReportSchema, raw);
  const account = await prisma.account.findUnique({ where: { id: accountId }, select: { id: true } });
  if (!account) throw notFound('Account');
  return prisma.$transaction(async (tx) => {
    const report = await tx.creditReport.create({ data: { accountId, ...input } });
    await audit(tx, viewer, 'creditReport.record', 'CreditReport', report.id, { accountId, score: report.score, source: report.source });
    return report;
  });
}
