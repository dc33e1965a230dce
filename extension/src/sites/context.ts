/**
 * Turns what an adapter read into a clean PageContext: addresses normalised and de-duplicated (first seen first),
 * domains derived from them (free-mail domains dropped, the address itself kept) plus any website fields, and the
 * signed-in user taken out (see `own`).
 */
import { type CrmRecordRef, isFreeMailDomain, normalizeDomain, normalizeEmail, type PageContext } from '@earshot/shared';

/** The service worker refuses lists longer than 100; a page naming more people than this is not one customer. */
export const MAX_IDENTIFIERS = 50;
const MAX_NAME = 300;
/** The server refuses more than 10 linked records per lookup (RESOLVE_LIMITS.linkedRecords). */
export const MAX_LINKED_RECORDS = 10;
const MAX_URL = 4096;

type Maybe = string | null | undefined;

export interface ContextDraft {
  site: string;
  pageType: string;
  url: string;
  emails?: Iterable<Maybe>;
  /** Website / domain fields shown on a CRM record (`https://www.acme.example/`, `acme.example`). */
  websites?: Iterable<Maybe>;
  /**
   * The signed-in user's own addresses, when the page reveals them. They are dropped from `emails`, and their
   * domain (the user's own company) from `domains`, unless it is a free-mail domain (then only the address goes).
   * Colleagues' addresses stay in `emails`: they simply match no customer.
   */
  own?: Iterable<Maybe>;
  /** Domains that are the user's own or the site's own (a webmail's host), never a customer's. */
  ownDomains?: Iterable<string>;
  crmRecord?: CrmRecordRef | undefined;
  /** Records the page's record belongs to (an opportunity's account): kept when non-empty, at most 10. */
  linkedRecords?: readonly CrmRecordRef[] | undefined;
  /** The linked records come from the URL, not the page's fields (PageContext.linkedRecordsFromUrl). */
  linkedRecordsFromUrl?: boolean;
  recordName?: Maybe;
}

/** Null when the draft names nobody: no address, no domain, no CRM record, no linked record. */
export function buildContext(draft: ContextDraft): PageContext | null {
  const ownEmails = new Set<string>();
  const ownDomains = new Set<string>(draft.ownDomains ?? []);
  for (const raw of draft.own ?? []) {
    const email = raw ? normalizeEmail(raw) : null;
    if (!email) continue;
    ownEmails.add(email);
    const domain = email.slice(email.lastIndexOf('@') + 1);
    if (!isFreeMailDomain(domain)) ownDomains.add(domain);
  }

  const emails = new Set<string>();
  const domains = new Set<string>();
  const addDomain = (domain: string | null) => {
    if (domain && !isFreeMailDomain(domain) && !ownDomains.has(domain) && domains.size < MAX_IDENTIFIERS) domains.add(domain);
  };
  for (const raw of draft.emails ?? []) {
    const email = raw ? normalizeEmail(raw) : null;
    if (!email || ownEmails.has(email) || emails.size >= MAX_IDENTIFIERS) continue;
    emails.add(email);
    addDomain(email.slice(email.lastIndexOf('@') + 1));
  }
  for (const raw of draft.websites ?? []) addDomain(raw ? normalizeDomain(raw) : null);

  const linkedRecords = (draft.linkedRecords ?? []).slice(0, MAX_LINKED_RECORDS);
  if (emails.size === 0 && domains.size === 0 && !draft.crmRecord && linkedRecords.length === 0) return null;
  const recordName = (draft.recordName ?? '').replace(/\s+/g, ' ').trim().slice(0, MAX_NAME);
  return {
    site: draft.site,
    pageType: draft.pageType,
    emails: [...emails],
    domains: [...domains],
    ...(draft.crmRecord ? { crmRecord: draft.crmRecord } : {}),
    ...(linkedRecords.length ? { linkedRecords } : {}),
    ...(linkedRecords.length && draft.linkedRecordsFromUrl ? { linkedRecordsFromUrl: true } : {}),
    ...(recordName ? { recordName } : {}),
    url: boundedUrl(draft.url),
  };
}

/** The service worker refuses URLs over 4096 characters: keep origin and path, drop the rest. */
function boundedUrl(href: string): string {
  if (href.length <= MAX_URL) return href;
  const url = new URL(href);
  return (url.origin + url.pathname).slice(0, MAX_URL);
}
