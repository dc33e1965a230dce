/**
 * Gathers an account's credit file and assembles the visit briefing (domain/visit-briefing.ts), both copies.
 * STUB — the briefing branch implements it.
 */
import type { Briefing } from '@earshot/shared';
import type { Prisma } from '../db/client.js';

export async function buildBriefingSnapshot(
  _prisma: Prisma,
  input: { accountId: string; visitId: string; preparedBy: string | null; now: Date },
): Promise<{ full: Briefing; sales: Briefing }> {
  const base = { version: 1 as const, preparedAt: input.now.toISOString(), preparedBy: input.preparedBy };
  return { full: { ...base, audience: 'CREDIT', omitted: [] }, sales: { ...base, audience: 'SALES', omitted: [] } };
}
