/**
 * Workspace settings (WorkspaceSetting rows, one per key, JSON values), editable by ADMIN. A key without a row,
 * or with a value that is not of the right kind, reads as its default.
 */
import { domainAndParents, isFreeMailDomain } from '@earshot/shared';
import { z } from 'zod';
import type { Viewer } from '../auth/tokens.js';
import type { Prisma } from '../db/client.js';
import { CURRENCY_CODES } from '../domain/currency.js';
import type { Prisma as P } from '../generated/prisma/client.js';
import { enqueueRecomputeIn } from '../jobs/recompute.js';
import { badInput } from '../graphql/errors.js';
import { audit } from './audit.js';
import type { Services } from './index.js';
import { domainSchema, validate } from './validation.js';

export interface WorkspaceSettings {
  /** ISO 4217: the one currency review plans compare exposures in (ExchangeRate.base). */
  reportingCurrency: string;
  /** Reviews a credit owner does in a month unless User.reviewCapacity says otherwise. */
  reviewMonthlyCapacity: number;
  /** Days before an open intel request is reminded (again). */
  intelReminderDays: number;
  /** Days past its due date before an open intel request expires. */
  intelExpiryDays: number;
  /**
   * The company's own e-mail / web domains (`northwind-supplies.example`): a colleague is never a customer, so these
   * (and their sub-domains) are never matched to an account, and the extension leaves them out of every page.
   */
  ownDomains: string[];
}

export const DEFAULT_WORKSPACE_SETTINGS: Readonly<WorkspaceSettings> = {
  reportingCurrency: 'EUR',
  reviewMonthlyCapacity: 20,
  intelReminderDays: 3,
  intelExpiryDays: 14,
  ownDomains: [],
};

const MAX_OWN_DOMAINS = 50;

const currency = z
  .string()
  .trim()
  .toUpperCase()
  .refine((c) => CURRENCY_CODES.has(c), 'must be an ISO 4217 code such as EUR or USD');
const days = (max: number) => z.number().int('must be a whole number').min(1, `must be from 1 to ${max}`).max(max, `must be from 1 to ${max}`);

export const workspaceSettingsSchema = z.object({
  reportingCurrency: currency,
  reviewMonthlyCapacity: z.number().int('must be a whole number').min(0, 'must be from 0 to 1000').max(1000, 'must be from 0 to 1000'),
  intelReminderDays: days(60),
  intelExpiryDays: days(365),
  ownDomains: z
    .array(domainSchema)
    .max(MAX_OWN_DOMAINS, `at most ${MAX_OWN_DOMAINS} domains`)
    .transform((list) => [...new Set(list)].sort())
    .superRefine((list, ctx) => {
      for (const d of list) if (isFreeMailDomain(d)) ctx.addIssue({ code: 'custom', message: `${d} is a free-mail domain: it cannot be the company's own` });
    }),
});

/**
 * The own domains, read at most every OWN_DOMAINS_TTL_MS per database client: the sidebar lookup runs on every
 * page view and must not pay a statement for a list that changes a few times a year. A change made here is seen
 * at once; one made through another server instance within OWN_DOMAINS_TTL_MS.
 */
export const OWN_DOMAINS_TTL_MS = 10_000;
let ownDomainsCache = new WeakMap<object, { at: number; value: Promise<string[]> }>();

export function readOwnDomains(prisma: Pick<Prisma, 'workspaceSetting'>, now = Date.now()): Promise<string[]> {
  const cached = ownDomainsCache.get(prisma);
  if (cached && now - cached.at < OWN_DOMAINS_TTL_MS) return cached.value;
  const value = prisma.workspaceSetting.findUnique({ where: { key: 'ownDomains' } }).then((row) => {
    const parsed = row ? workspaceSettingsSchema.shape.ownDomains.safeParse(row.value) : null;
    return parsed?.success ? parsed.data : [];
  });
  value.catch(() => ownDomainsCache.delete(prisma));
  ownDomainsCache.set(prisma, { at: now, value });
  return value;
}

export async function readWorkspaceSettings(prisma: Pick<Prisma, 'workspaceSetting'>): Promise<WorkspaceSettings> {
  const rows = await prisma.workspaceSetting.findMany();
  const out: WorkspaceSettings = { ...DEFAULT_WORKSPACE_SETTINGS };
  for (const row of rows) {
    const key = row.key as keyof WorkspaceSettings;
    if (!(key in workspaceSettingsSchema.shape)) continue;
    const parsed = workspaceSettingsSchema.shape[key].safeParse(row.value);
    if (parsed.success) (out as unknown as Record<string, unknown>)[key] = parsed.data;
  }
  return out;
}

/**
 * Changes the settings given (the others stay); audited. A new reporting currency changes every cross rate, so
 * every account is recomputed (jobs enqueued in the same transaction when there is a queue; else after commit).
 */
export async function updateWorkspaceSettings(
  prisma: Prisma,
  viewer: Viewer | null,
  raw: unknown,
  services: (Pick<Services, 'accountsChanged'> & Partial<Pick<Services, 'jobs'>>) | null = null,
): Promise<WorkspaceSettings> {
  // GraphQL sends null for a field left empty: that means "leave as it is".
  const given = Object.fromEntries(Object.entries((raw ?? {}) as Record<string, unknown>).filter(([, v]) => v !== null && v !== undefined));
  const input = validate(workspaceSettingsSchema.partial(), given);
  if (input.ownDomains?.length) {
    // A domain cannot be both ours and a customer's — nor one inside the other: matching would silently drop the
    // customer (an own `eu.acme.example` hides senders of the account owning `acme.example`, and the reverse).
    const clashes = await prisma.accountDomain.findMany({
      where: {
        OR: input.ownDomains.flatMap((d) => [{ domain: { in: domainAndParents(d) } }, { domain: { endsWith: `.${d}` } }]),
      },
      select: { domain: true, account: { select: { name: true } } },
      orderBy: { domain: 'asc' },
      take: 5,
    });
    if (clashes.length) {
      throw badInput(
        `input.ownDomains: ${clashes.map((t) => `${t.domain} is a domain of the account ${t.account.name}`).join('; ')} (remove it there first, or leave it out of your own domains)`,
        'input.ownDomains',
      );
    }
  }
  const entries = Object.entries(input).filter(([, v]) => v !== undefined && v !== null) as [keyof WorkspaceSettings, string | number | string[]][];
  const jobs = services?.jobs ?? null;
  const { after, recompute } = await prisma.$transaction(async (tx) => {
    const before = await readWorkspaceSettings(tx);
    for (const [key, value] of entries) {
      await tx.workspaceSetting.upsert({
        where: { key },
        create: { key, value: value as P.InputJsonValue, updatedById: viewer?.userId ?? null },
        update: { value: value as P.InputJsonValue, updatedById: viewer?.userId ?? null },
      });
    }
    const after = await readWorkspaceSettings(tx);
    await audit(tx, viewer, 'workspaceSettings.update', 'WorkspaceSetting', null, {
      changed: Object.fromEntries(entries.map(([k]) => [k, { from: before[k], to: after[k] }])),
    });
    if (!services || before.reportingCurrency === after.reportingCurrency) return { after, recompute: [] };
    const ids = (await tx.account.findMany({ select: { id: true } })).map((a) => a.id);
    if (jobs && ids.length) await enqueueRecomputeIn(tx, jobs, ids, 'workspaceSettings.reportingCurrency');
    return { after, recompute: ids };
  });
  ownDomainsCache = new WeakMap();
  if (services && !jobs && recompute.length) await services.accountsChanged(recompute, 'workspaceSettings.reportingCurrency');
  return after;
}
