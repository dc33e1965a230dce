/**
 * Which customer is this page about? The sidebar's one question. Matches, strongest first:
 * a CRM record id (exact), a contact's e-mail (exact), then a domain — the sender's or the page's —
 * where a sub-domain matches its account's domain and free-mail domains never match.
 */
import { type CrmSystem, domainAndParents, domainOfEmail, isFreeMailDomain, type MatchedBy, normalizeDomain, normalizeEmail } from '@earshot/shared';
import type { Prisma } from '../db/client.js';
import { badInput } from '../graphql/errors.js';

export interface PageContextLookup {
  emails?: string[] | null;
  domains?: string[] | null;
  crmRecord?: { system: CrmSystem; objectType: string; recordId: string } | null;
  url?: string | null;
}

export interface AccountMatchRow {
  accountId: string;
  matchedBy: MatchedBy;
  matchedValue: string;
}

export const RESOLVE_LIMITS = { emails: 100, domains: 50, matches: 10 } as const;

export function normalizeObjectType(objectType: string): string {
  return objectType.trim().toLowerCase();
}

export async function resolveAccounts(prisma: Prisma, ctx: PageContextLookup): Promise<AccountMatchRow[]> {
  const rawEmails = ctx.emails ?? [];
  const rawDomains = ctx.domains ?? [];
  if (rawEmails.length > RESOLVE_LIMITS.emails) throw badInput(`At most ${RESOLVE_LIMITS.emails} emails per lookup`, 'context.emails');
  if (rawDomains.length > RESOLVE_LIMITS.domains) throw badInput(`At most ${RESOLVE_LIMITS.domains} domains per lookup`, 'context.domains');

  // A page is noisy: unreadable addresses are skipped rather than failing the whole lookup.
  const emails = [...new Set(rawEmails.map(normalizeEmail).filter((e): e is string => !!e))];
  const domains = new Set(rawDomains.map(normalizeDomain).filter((d): d is string => !!d));
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

  if (ctx.crmRecord) {
    const recordId = ctx.crmRecord.recordId.trim();
    const link = await prisma.crmLink.findUnique({
      where: { system_objectType_recordId: { system: ctx.crmRecord.system, objectType: normalizeObjectType(ctx.crmRecord.objectType), recordId } },
      select: { accountId: true },
    });
    if (link) add(link.accountId, 'CRM_RECORD', `${ctx.crmRecord.system}:${recordId}`);
  }

  if (emails.length) {
    const contacts = await prisma.contact.findMany({ where: { email: { in: emails } }, select: { accountId: true, email: true } });
    const byEmail = new Map(contacts.map((c) => [c.email, c.accountId]));
    for (const e of emails) {
      const id = byEmail.get(e);
      if (id) add(id, 'CONTACT_EMAIL', e);
    }
  }

  const candidates = new Map<string, string>(); // candidate domain → the page domain it came from
  for (const d of domains) {
    if (isFreeMailDomain(d)) continue;
    for (const c of domainAndParents(d)) if (!isFreeMailDomain(c) && !candidates.has(c)) candidates.set(c, d);
  }
  if (candidates.size) {
    const rows = await prisma.accountDomain.findMany({ where: { domain: { in: [...candidates.keys()] } }, select: { domain: true, accountId: true } });
    // Most specific first: `eu.acme.example` before `acme.example`.
    rows.sort((a, b) => b.domain.split('.').length - a.domain.split('.').length || a.domain.localeCompare(b.domain));
    for (const r of rows) add(r.accountId, 'DOMAIN', r.domain);
  }

  return matches.slice(0, RESOLVE_LIMITS.matches);
}
