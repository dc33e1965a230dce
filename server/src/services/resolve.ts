/**
 * Which customer is this page about? The sidebar's one question. Matches, strongest first:
 * a CRM record id (exact), a contact's e-mail (exact), then a domain — the sender's or the page's —
 * where a sub-domain matches its account's domain and free-mail domains never match.
 * Within one kind, matches keep the order the page gave (a webmail message's header before its body, so the
 * sender's customer is the first match); nothing is re-sorted by name or domain.
 */
import { type CrmSystem, canonicalCrmRecord, domainAndParents, domainOfEmail, isFreeMailDomain, type MatchedBy, normalizeDomain, normalizeEmail, salesforceId15 } from '@earshot/shared';
import type { Prisma } from '../db/client.js';
import { badInput } from '../graphql/errors.js';

type CrmRecordLookup = { system: CrmSystem; objectType: string; recordId: string };

export interface PageContextLookup {
  emails?: string[] | null;
  domains?: string[] | null;
  crmRecord?: CrmRecordLookup | null;
  /** Records the page's record belongs to (an opportunity's account): matched after the record itself. */
  linkedRecords?: CrmRecordLookup[] | null;
  url?: string | null;
}

export interface AccountMatchRow {
  accountId: string;
  matchedBy: MatchedBy;
  matchedValue: string;
}

export const RESOLVE_LIMITS = { emails: 100, domains: 50, linkedRecords: 10, matches: 10 } as const;

export function normalizeObjectType(objectType: string): string {
  return objectType.trim().toLowerCase();
}

/**
 * The stored keys a page's record may have been linked under: the canonical one, and for Salesforce the
 * 15-character id too (links made before ids were stored in their 18-character form).
 */
function storedKeys(ref: CrmRecordLookup): { system: CrmSystem; objectType: string; recordId: string }[] {
  const key = canonicalCrmRecord(ref);
  const keys = [key];
  const id15 = key.system === 'SALESFORCE' ? salesforceId15(key.recordId) : null;
  if (id15 && id15 !== key.recordId) keys.push({ ...key, recordId: id15 });
  return keys;
}

export async function resolveAccounts(prisma: Prisma, ctx: PageContextLookup, ownDomains: readonly string[] = []): Promise<AccountMatchRow[]> {
  const rawEmails = ctx.emails ?? [];
  const rawDomains = ctx.domains ?? [];
  const linked = ctx.linkedRecords ?? [];
  if (linked.length > RESOLVE_LIMITS.linkedRecords) throw badInput(`At most ${RESOLVE_LIMITS.linkedRecords} linked records per lookup`, 'context.linkedRecords');
  for (const [i, ref] of [...(ctx.crmRecord ? [ctx.crmRecord] : []), ...linked].entries()) {
    // The same bounds as a stored link (crmLinkSchema): a longer value can match nothing.
    if (ref.objectType.length > 100 || ref.recordId.length > 200) {
      throw badInput('A CRM record has an object type of at most 100 characters and an id of at most 200', i === 0 && ctx.crmRecord ? 'context.crmRecord' : 'context.linkedRecords');
    }
  }
  if (rawEmails.length > RESOLVE_LIMITS.emails) throw badInput(`At most ${RESOLVE_LIMITS.emails} emails per lookup`, 'context.emails');
  if (rawDomains.length > RESOLVE_LIMITS.domains) throw badInput(`At most ${RESOLVE_LIMITS.domains} domains per lookup`, 'context.domains');

  // A page is noisy: unreadable addresses are skipped rather than failing the whole lookup.
  // The company's own people and domains are never a customer, whatever the page sent.
  const own = new Set(ownDomains);
  const isOwn = (d: string) => own.size > 0 && domainAndParents(d).some((p) => own.has(p));
  const emails = [...new Set(rawEmails.map(normalizeEmail).filter((e): e is string => !!e))].filter((e) => !isOwn(domainOfEmail(e) ?? ''));
  const domains = new Set(rawDomains.map(normalizeDomain).filter((d): d is string => !!d && !isOwn(d)));
  for (const e of emails) {
    const d = domainOfEmail(e);
    if (d) domains.add(d);
  }

  const matches: AccountMatchRow[] = [];
  const seen = new Set<string>();
  const add = (accountId: string, matchedBy: MatchedBy, matchedValue: string) => {
    if (seen.has(accountId)) return;
    seen.add(accountId);
    matches.push({ accountId, matchedBy, matchedValue });
  };

  // The page's own record first, then the records it belongs to, in the order the page gave them.
  const records = [...(ctx.crmRecord ? [ctx.crmRecord] : []), ...linked];
  if (records.length) {
    const keys = records.map(storedKeys);
    const links = await prisma.crmLink.findMany({ where: { OR: keys.flat() }, select: { accountId: true, system: true, objectType: true, recordId: true } });
    for (const candidates of keys) {
      const link = links.find((l) => candidates.some((k) => k.system === l.system && k.objectType === l.objectType && k.recordId === l.recordId));
      if (link) add(link.accountId, 'CRM_RECORD', `${candidates[0]!.system}:${candidates[0]!.recordId}`);
    }
  }

  if (emails.length) {
    const contacts = await prisma.contact.findMany({ where: { email: { in: emails } }, select: { accountId: true, email: true } });
    const byEmail = new Map(contacts.map((c) => [c.email, c.accountId]));
    for (const e of emails) {
      const id = byEmail.get(e);
      if (id) add(id, 'CONTACT_EMAIL', e);
    }
  }

  // Candidate domains in the page's order (the sender's domain before a body address's, the page's host last, as
  // the client sent them); for each page domain its most specific candidate first: `eu.acme.example` before `acme.example`.
  const candidates: string[] = [];
  for (const d of domains) {
    if (isFreeMailDomain(d)) continue;
    for (const c of domainAndParents(d)) if (!isFreeMailDomain(c) && !candidates.includes(c)) candidates.push(c);
  }
  if (candidates.length) {
    const rows = await prisma.accountDomain.findMany({ where: { domain: { in: candidates } }, select: { domain: true, accountId: true } });
    const byDomain = new Map(rows.map((r) => [r.domain, r.accountId]));
    for (const c of candidates) {
      const id = byDomain.get(c);
      if (id) add(id, 'DOMAIN', c);
    }
  }

  return matches.slice(0, RESOLVE_LIMITS.matches);
}
