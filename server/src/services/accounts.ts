/** Creating and changing accounts, their domains, CRM links and contacts. Validation first, then one transaction with its audit event. */
import { CONTACT_CHANNELS, CONTACT_TONES, CRM_SYSTEMS, canonicalCrmRecord, customerDomainProblem, domainAndParents, FREE_MAIL_DOMAINS, normalizeDomain } from '@earshot/shared';
import { z } from 'zod';
import type { Viewer } from '../auth/tokens.js';
import type { Prisma } from '../db/client.js';
import { Prisma as P } from '../generated/prisma/client.js';
import { badInput, notFound } from '../graphql/errors.js';
import { audit } from './audit.js';
import { normalizeObjectType } from './resolve.js';
import { readOwnDomains } from './workspace-settings.js';
import {
  countrySchema,
  currencySchema,
  domainSchema,
  emailSchema,
  LIMITS,
  nonEmpty,
  nonNegativeMoney,
  noFormula,
  optionalText,
  urlSchema,
  validate,
} from './validation.js';

const accountFields = {
  name: noFormula(nonEmpty(LIMITS.name)),
  externalId: noFormula(optionalText(100)),
  description: optionalText(LIMITS.note),
  industry: optionalText(100),
  country: countrySchema.nullish(),
  website: urlSchema.nullish(),
  businessUnit: optionalText(100),
  creditLimit: nonNegativeMoney.nullish(),
  currency: currencySchema,
  paymentTermsDays: z.number().int().min(0, 'must not be negative').max(365, 'must be at most 365 days'),
  onHold: z.boolean(),
  holdReason: optionalText(LIMITS.shortText),
  whyTheyBuy: z.array(nonEmpty(LIMITS.shortText)).max(LIMITS.whyTheyBuy, `at most ${LIMITS.whyTheyBuy} reasons`),
  ourValue: optionalText(LIMITS.note),
  alternatives: optionalText(LIMITS.note),
  contactFrequencyDays: z.number().int().min(1).max(3650).nullish(),
  anticipatedMonthlyPurchases: nonNegativeMoney.nullish(),
  lastContactAt: z.date().nullish(),
  accountManagerId: z.string().nullish(),
  creditOwnerId: z.string().nullish(),
};

/** Stored in the canonical form (`canonicalCrmRecord`: 18-character Salesforce ids, bare lower-case GUIDs…), so every form a page shows matches. */
/** A domain a customer account may hold: a valid one, neither a free-mail provider nor a bare public suffix. */
const customerDomainSchema = domainSchema.superRefine((d, ctx) => {
  const problem = customerDomainProblem(d);
  if (problem) ctx.addIssue({ code: 'custom', message: problem });
});

/** Locks the account row until the transaction ends (so concurrent domain additions queue up) and counts its domains. */
async function lockAndCountDomains(tx: Prisma | P.TransactionClient, accountId: string): Promise<number> {
  await tx.$queryRaw`SELECT "id" FROM "Account" WHERE "id" = ${accountId} FOR UPDATE`;
  return tx.accountDomain.count({ where: { accountId } });
}

/** Of the domain's parents (not itself), the first held by another account: a sub-domain of another customer's domain is theirs. */
async function parentHeldElsewhere(prisma: Pick<Prisma, 'accountDomain'>, domain: string, accountId?: string) {
  const parents = domainAndParents(domain).slice(1);
  if (!parents.length) return null;
  const rows = await prisma.accountDomain.findMany({ where: { domain: { in: parents } }, include: { account: { select: { name: true } } } });
  return rows.find((r) => r.accountId !== accountId) ?? null;
}

/**
 * Of the domain's sub-domains, the first held by another account: adding the parent (example.com) beside another
 * customer's eu.example.com would leave mail from eu.example.com matching both, so the parent is refused too.
 */
async function subDomainHeldElsewhere(prisma: Pick<Prisma, 'accountDomain'>, domain: string, accountId?: string) {
  const rows = await prisma.accountDomain.findMany({
    where: { domain: { endsWith: `.${domain}` }, ...(accountId ? { accountId: { not: accountId } } : {}) },
    include: { account: { select: { name: true } } },
    orderBy: { domain: 'asc' },
  });
  // endsWith is a LIKE: keep only true sub-domains, whatever the pattern matched.
  return rows.find((r) => r.domain.endsWith(`.${domain}`)) ?? null;
}

/** The reason given with an OTHER_ACCOUNT refusal held through a parent or a sub-domain (no account name: see `otherAccount`). */
const underOtherAccount = (parent: string) => `under ${parent}, which belongs to another account`;
const holdsOtherAccounts = (sub: string) => `${sub}, under it, belongs to another account: mail from ${sub} would match both`;

export const crmLinkSchema = z
  .object({
    system: z.enum(CRM_SYSTEMS),
    objectType: nonEmpty(100).transform(normalizeObjectType),
    recordId: nonEmpty(200),
    url: urlSchema.nullish(),
  })
  .transform((link) => ({ ...link, ...canonicalCrmRecord(link) }));

export const createAccountSchema = z.object({
  ...accountFields,
  domains: z.array(customerDomainSchema).max(LIMITS.domainsPerAccount, `at most ${LIMITS.domainsPerAccount} domains`).default([]),
  crmLinks: z.array(crmLinkSchema).max(10, 'at most 10 CRM records').default([]),
  currency: accountFields.currency.default('EUR'),
  paymentTermsDays: accountFields.paymentTermsDays.default(30),
  onHold: accountFields.onHold.default(false),
  whyTheyBuy: accountFields.whyTheyBuy.default([]),
});
export type CreateAccountInput = z.input<typeof createAccountSchema>;

export const updateAccountSchema = z.object({
  ...Object.fromEntries(Object.entries(accountFields).map(([k, v]) => [k, v.optional()])),
  name: accountFields.name.optional(),
}) as unknown as z.ZodType<Partial<z.infer<z.ZodObject<typeof accountFields>>>>;

async function assertUsers(prisma: Prisma, ids: (string | null | undefined)[], field: string[]): Promise<void> {
  for (const [i, id] of ids.entries()) {
    if (!id) continue;
    const u = await prisma.user.findUnique({ where: { id }, select: { id: true } });
    if (!u) throw badInput(`input.${field[i]}: no such user`, `input.${field[i]}`);
  }
}

/** Either way round: a domain at (or under) one of ours, or a parent of one of ours (both hide each other). */
function isOwnDomain(own: readonly string[], domain: string): boolean {
  return domainAndParents(domain).some((p) => own.includes(p)) || own.some((o) => o.endsWith(`.${domain}`));
}

async function assertDomainsFree(prisma: Prisma, domains: string[], accountId?: string): Promise<void> {
  if (!domains.length) return;
  // The company's own domains (and their sub-domains) are never a customer's: an account holding one could never be
  // matched, and a page naming colleagues would show it.
  const own = await readOwnDomains(prisma);
  const ours = own.length ? domains.find((d) => isOwnDomain(own, d)) : undefined;
  if (ours) throw badInput(`input.domains: ${ours} is one of your company's own domains, or holds one (workspace setting ownDomains): never a customer's`, 'input.domains');
  const taken = await prisma.accountDomain.findMany({ where: { domain: { in: domains } }, include: { account: { select: { name: true } } } });
  const clash = taken.find((t) => t.accountId !== accountId);
  if (clash) throw badInput(`input.domains: ${clash.domain} already belongs to ${clash.account.name}`, 'input.domains');
  for (const d of domains) {
    const parent = await parentHeldElsewhere(prisma, d, accountId);
    if (parent) throw badInput(`input.domains: ${d} is under ${parent.domain}, which belongs to ${parent.account.name}`, 'input.domains');
    const sub = await subDomainHeldElsewhere(prisma, d, accountId);
    if (sub) throw badInput(`input.domains: ${sub.domain}, under ${d}, belongs to ${sub.account.name}: mail from ${sub.domain} would match both`, 'input.domains');
  }
}

function uniqueViolation(e: unknown): boolean {
  return e instanceof P.PrismaClientKnownRequestError && e.code === 'P2002';
}

export async function createAccount(prisma: Prisma, viewer: Viewer | null, raw: CreateAccountInput) {
  const input = validate(createAccountSchema, raw);
  const domains = [...new Set(input.domains)];
  await assertDomainsFree(prisma, domains);
  await assertUsers(prisma, [input.accountManagerId, input.creditOwnerId], ['accountManagerId', 'creditOwnerId']);
  const { domains: _d, crmLinks, ...data } = input;
  for (const link of crmLinks) {
    const taken = await prisma.crmLink.findUnique({
      where: { system_objectType_recordId: { system: link.system, objectType: link.objectType, recordId: link.recordId } },
      include: { account: { select: { name: true } } },
    });
    if (taken) throw badInput(`input.crmLinks: ${link.system} ${link.objectType} ${link.recordId} is already linked to ${taken.account.name}`, 'input.crmLinks');
  }
  try {
    return await prisma.$transaction(async (tx) => {
      const account = await tx.account.create({
        data: {
          ...data,
          domains: { create: domains.map((domain) => ({ domain })) },
          crmLinks: { create: crmLinks.map((l) => ({ system: l.system, objectType: l.objectType, recordId: l.recordId, url: l.url ?? null })) },
        },
      });
      await audit(tx, viewer, 'account.create', 'Account', account.id, { name: account.name, domains, crmLinks: crmLinks.length });
      return account;
    });
  } catch (e) {
    if (uniqueViolation(e)) throw badInput('input: an account with this external id or domain already exists', 'input.externalId');
    throw e;
  }
}

export async function updateAccount(prisma: Prisma, viewer: Viewer | null, id: string, raw: unknown) {
  const input = validate(updateAccountSchema, raw);
  const existing = await prisma.account.findUnique({ where: { id }, select: { id: true } });
  if (!existing) throw notFound('Account');
  await assertUsers(prisma, [input.accountManagerId, input.creditOwnerId], ['accountManagerId', 'creditOwnerId']);
  const data = Object.fromEntries(Object.entries(input).filter(([, v]) => v !== undefined));
  if (!Object.keys(data).length) throw badInput('input: nothing to update', 'input');
  try {
    return await prisma.$transaction(async (tx) => {
      const account = await tx.account.update({ where: { id }, data });
      await audit(tx, viewer, 'account.update', 'Account', id, { fields: Object.keys(data) });
      return account;
    });
  } catch (e) {
    if (uniqueViolation(e)) throw badInput('input.externalId: another account has this external id', 'input.externalId');
    throw e;
  }
}

export async function addAccountDomain(prisma: Prisma, viewer: Viewer | null, accountId: string, rawDomain: string) {
  const domain = validate(customerDomainSchema, rawDomain, 'input.domain');
  const account = await prisma.account.findUnique({ where: { id: accountId }, select: { id: true } });
  if (!account) throw notFound('Account');
  await assertDomainsFree(prisma, [domain], accountId);
  return prisma.$transaction(async (tx) => {
    // Counted under the account's row lock: parallel additions cannot each see room for the last place.
    const count = await lockAndCountDomains(tx, accountId);
    const already = await tx.accountDomain.findUnique({ where: { domain }, select: { accountId: true } });
    if (already?.accountId !== accountId && count >= LIMITS.domainsPerAccount)
      throw badInput(`input.domain: at most ${LIMITS.domainsPerAccount} domains per account`, 'input.domain');
    await tx.accountDomain.upsert({ where: { domain }, create: { domain, accountId }, update: {} });
    await audit(tx, viewer, 'account.addDomain', 'Account', accountId, { domain });
    return tx.account.findUniqueOrThrow({ where: { id: accountId } });
  });
}

/** What became of one domain sent to `addAccountDomains`. */
export type AccountDomainOutcome = 'ADDED' | 'ALREADY_ON_ACCOUNT' | 'REFUSED';
/** Why a domain was not added: not a domain; the company's own (or holding one); another account's; the account is full. */
export type AccountDomainRefusal = 'INVALID' | 'OWN_DOMAIN' | 'OTHER_ACCOUNT' | 'ACCOUNT_FULL';
export interface AccountDomainResult {
  /** The domain as stored (lower case, no www.), or for an invalid one what was sent (shortened). */
  domain: string;
  outcome: AccountDomainOutcome;
  refusal: AccountDomainRefusal | null;
  /** The account holding it (OTHER_ACCOUNT); the GraphQL field shows it only to who may read accounts. */
  otherAccountId: string | null;
  /**
   * Why it was refused, in words for the user: for INVALID, not a domain, a free-mail provider or a public suffix; for
   * OTHER_ACCOUNT held through a parent or a sub-domain, which one ("under acme.example, which belongs to another account").
   */
  reason?: string | null;
}

/** At most this many domains in one `addAccountDomains` (the extension sends a page's company domains: at most 20). */
export const ADD_DOMAINS_MAX = 20;
const addDomainsSchema = z
  .array(z.string().max(1000, 'must be at most 1000 characters'))
  .min(1, 'give at least one domain')
  .max(ADD_DOMAINS_MAX, `at most ${ADD_DOMAINS_MAX} domains at once`);

/**
 * Adds domains to an account, each on its own merits (partial by design): the ones that can be added are added in
 * one transaction, and the answer says of every domain sent — once, in the order sent, after lower-casing — whether
 * it was added, was on this account already, or was refused and why. A page often names a customer's domain beside
 * its parent company's (another account) or ours; refusing the lot would leave the user with nothing to do.
 * Errors (nothing written): an account that does not exist, an empty or over-long list.
 */
export async function addAccountDomains(prisma: Prisma, viewer: Viewer | null, accountId: string, rawDomains: unknown): Promise<AccountDomainResult[]> {
  const sent = validate(addDomainsSchema, rawDomains, 'input.domains');
  const account = await prisma.account.findUnique({ where: { id: accountId }, select: { id: true } });
  if (!account) throw notFound('Account');
  const results: AccountDomainResult[] = [];
  const seen = new Set<string>();
  for (const value of sent) {
    const domain = normalizeDomain(value);
    const key = domain ?? value.trim().toLowerCase();
    if (seen.has(key)) continue;
    seen.add(key);
    if (!domain) {
      const shown = value.trim().length > 60 ? `${value.trim().slice(0, 60)}…` : value.trim();
      results.push({ domain: shown, outcome: 'REFUSED', refusal: 'INVALID', otherAccountId: null, reason: 'not a valid domain (expected e.g. acme.example)' });
    } else if (customerDomainProblem(domain)) {
      results.push({ domain, outcome: 'REFUSED', refusal: 'INVALID', otherAccountId: null, reason: customerDomainProblem(domain) });
    } else results.push({ domain, outcome: 'ADDED', refusal: null, otherAccountId: null });
  }
  const refuse = (r: AccountDomainResult, refusal: AccountDomainRefusal, otherAccountId: string | null = null) =>
    Object.assign(r, { outcome: 'REFUSED', refusal, otherAccountId });
  const own = await readOwnDomains(prisma);
  for (const r of results) if (r.outcome === 'ADDED' && isOwnDomain(own, r.domain)) refuse(r, 'OWN_DOMAIN');
  const held = async (client: Pick<Prisma, 'accountDomain'>) => {
    const wanted = results.filter((r) => r.outcome === 'ADDED').map((r) => r.domain);
    const rows = await client.accountDomain.findMany({ where: { domain: { in: wanted } }, select: { domain: true, accountId: true } });
    return new Map(rows.map((row) => [row.domain, row.accountId]));
  };
  const before = await held(prisma);
  for (const r of results) {
    const holder = before.get(r.domain);
    if (r.outcome !== 'ADDED' || holder === undefined) continue;
    if (holder === accountId) Object.assign(r, { outcome: 'ALREADY_ON_ACCOUNT' });
    else refuse(r, 'OTHER_ACCOUNT', holder);
  }
  // A sub-domain of another account's domain is that account's mail: adding it here would take it from them. And the
  // parent of another account's sub-domain would make that sub-domain's mail match both accounts.
  for (const r of results) {
    if (r.outcome !== 'ADDED') continue;
    const parent = await parentHeldElsewhere(prisma, r.domain, accountId);
    if (parent) {
      Object.assign(refuse(r, 'OTHER_ACCOUNT', parent.accountId), { reason: underOtherAccount(parent.domain) });
      continue;
    }
    const sub = await subDomainHeldElsewhere(prisma, r.domain, accountId);
    if (sub) Object.assign(refuse(r, 'OTHER_ACCOUNT', sub.accountId), { reason: holdsOtherAccounts(sub.domain) });
  }
  if (!results.some((r) => r.outcome === 'ADDED')) return results;
  await prisma.$transaction(async (tx) => {
    // The room is counted under the account's row lock, so parallel requests cannot together pass the limit.
    let room = LIMITS.domainsPerAccount - (await lockAndCountDomains(tx, accountId));
    for (const r of results) {
      if (r.outcome !== 'ADDED') continue;
      if (room > 0) room--;
      else refuse(r, 'ACCOUNT_FULL');
    }
    const toAdd = results.filter((r) => r.outcome === 'ADDED');
    if (!toAdd.length) return;
    // Another request may have taken one since the check: skipped here, then reported as the other account's.
    await tx.accountDomain.createMany({ data: toAdd.map((r) => ({ domain: r.domain, accountId })), skipDuplicates: true });
    const after = await held(tx);
    for (const r of toAdd) {
      const holder = after.get(r.domain);
      if (holder !== accountId) refuse(r, 'OTHER_ACCOUNT', holder ?? null);
    }
    const added = results.filter((r) => r.outcome === 'ADDED').map((r) => r.domain);
    const refused = results.filter((r) => r.outcome === 'REFUSED').map((r) => ({ domain: r.domain, reason: r.refusal }));
    if (added.length) await audit(tx, viewer, 'account.addDomains', 'Account', accountId, { added, refused });
  });
  return results;
}

/**
 * Domains stored before free-mail providers were refused (gmail.com on an account): they never match an account
 * (services/resolve.ts skips them), and nothing removes them by itself. Reported at server start so an admin can
 * clean them; nothing is changed here.
 */
export async function storedFreeMailDomains(prisma: Pick<Prisma, 'accountDomain'>): Promise<{ domain: string; accountName: string }[]> {
  const rows = await prisma.accountDomain.findMany({
    where: { domain: { in: [...FREE_MAIL_DOMAINS] } },
    select: { domain: true, account: { select: { name: true } } },
    orderBy: [{ domain: 'asc' }],
  });
  return rows.map((r) => ({ domain: r.domain, accountName: r.account.name }));
}

/** The start-up warning for `storedFreeMailDomains`, or null when there is none (at most 10 named, then a count). */
export async function storedFreeMailWarning(prisma: Pick<Prisma, 'accountDomain'>): Promise<string | null> {
  const rows = await storedFreeMailDomains(prisma);
  if (!rows.length) return null;
  const named = rows.slice(0, 10).map((r) => `${r.domain} (${r.accountName})`);
  const more = rows.length > 10 ? ` and ${rows.length - 10} more` : '';
  return (
    `warning: ${rows.length} account domain${rows.length === 1 ? ' is a free e-mail provider' : 's are free e-mail providers'}, stored before those were refused: ` +
    `${named.join(', ')}${more}. They never match an account; delete them from the AccountDomain table.`
  );
}

export async function linkCrmRecord(prisma: Prisma, viewer: Viewer | null, accountId: string, raw: unknown) {
  const input = validate(crmLinkSchema, raw);
  const account = await prisma.account.findUnique({ where: { id: accountId }, select: { id: true } });
  if (!account) throw notFound('Account');
  const key = { system: input.system, objectType: input.objectType, recordId: input.recordId };
  const existing = await prisma.crmLink.findUnique({ where: { system_objectType_recordId: key } });
  if (existing && existing.accountId !== accountId) throw badInput('input.recordId: this CRM record is linked to another account', 'input.recordId');
  return prisma.$transaction(async (tx) => {
    await tx.crmLink.upsert({ where: { system_objectType_recordId: key }, create: { ...key, url: input.url ?? null, accountId }, update: { url: input.url ?? null } });
    await audit(tx, viewer, 'account.linkCrmRecord', 'Account', accountId, key);
    return tx.account.findUniqueOrThrow({ where: { id: accountId } });
  });
}

const contactFields = {
  name: noFormula(nonEmpty(LIMITS.name)),
  email: emailSchema.nullish(),
  role: optionalText(100),
  phone: z
    .string()
    .trim()
    .regex(/^[+()\d\s./-]{3,40}$/, 'must be a phone number such as +49 30 1234567')
    .nullish(),
  preferredChannel: z.enum(CONTACT_CHANNELS).nullish(),
  preferredTone: z.enum(CONTACT_TONES).nullish(),
  notes: optionalText(LIMITS.note),
};
export const createContactSchema = z.object(contactFields);
export const updateContactSchema = z.object(Object.fromEntries(Object.entries(contactFields).map(([k, v]) => [k, v.optional()])) as {
  [K in keyof typeof contactFields]: z.ZodOptional<(typeof contactFields)[K]>;
});

export async function createContact(prisma: Prisma, viewer: Viewer | null, accountId: string, raw: unknown) {
  const input = validate(createContactSchema, raw);
  const account = await prisma.account.findUnique({ where: { id: accountId }, select: { id: true } });
  if (!account) throw notFound('Account');
  try {
    return await prisma.$transaction(async (tx) => {
      const contact = await tx.contact.create({ data: { ...input, accountId } });
      await audit(tx, viewer, 'contact.create', 'Contact', contact.id, { accountId });
      return contact;
    });
  } catch (e) {
    if (uniqueViolation(e)) throw badInput('input.email: a contact with this e-mail already exists', 'input.email');
    throw e;
  }
}

export async function updateContact(prisma: Prisma, viewer: Viewer | null, id: string, raw: unknown) {
  const input = validate(updateContactSchema, raw);
  const data = Object.fromEntries(Object.entries(input).filter(([, v]) => v !== undefined));
  if (!Object.keys(data).length) throw badInput('input: nothing to update', 'input');
  const existing = await prisma.contact.findUnique({ where: { id }, select: { id: true } });
  if (!existing) throw notFound('Contact');
  try {
    return await prisma.$transaction(async (tx) => {
      const contact = await tx.contact.update({ where: { id }, data });
      await audit(tx, viewer, 'contact.update', 'Contact', id, { fields: Object.keys(data) });
      return contact;
    });
  } catch (e) {
    if (uniqueViolation(e)) throw badInput('input.email: a contact with this e-mail already exists', 'input.email');
    throw e;
  }
}
