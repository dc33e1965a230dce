/**
 * Record-link memory: which customer account a CRM record belongs to, as seen on the record's own page. A
 * Salesforce opportunity's related list (`/lightning/r/Opportunity/<id>/related/<List>/view`), a record's sub-tab,
 * a console sub-tab: these pages name the record but do not show its account. Once the user has been on a page
 * that showed both (the opportunity itself, its Account lookup read as `linkedRecords`), the worker remembers
 * record → accounts and gives them to any later page of the same record that shows no account of its own.
 *
 * Only what the page itself showed is remembered: linked records taken from its URL (`linkedRecordsFromUrl`, which
 * anyone can put in a link) are not, so a crafted link cannot teach a record a wrong customer. No reader sends
 * them today: Salesforce's console `?ws=` names the workspace tab, not the record's account, and is never read as one. Records are kept per CRM host (the org): the same record id in two orgs is two records.
 *
 * Bounded (the 500 records used last), in memory and in `storage.session` (the worker is stopped when idle; the
 * browser clears session storage when it closes). Forgotten on sign-out and when the user changes server: it says
 * which records belong together in someone's CRM, nothing Earshot's server said, but it is the user's work all the
 * same. Nothing here is ever sent anywhere but as `linkedRecords` of a lookup, as if the page had shown them.
 */
import { type CrmRecordRef, type CrmSystem, canonicalCrmRecord, type PageContext } from '@earshot/shared';
import { browser } from 'wxt/browser';
import { crmObjectWords } from '../ui/format/crm-objects.js';

export const MAX_REMEMBERED_RECORDS = 500;
const MAX_LINKS = 10;
const STORAGE_KEY = 'recordLinks';

/** Record types that are the customer itself (nothing to remember for them), per CRM. */
const CUSTOMER_TYPES: Readonly<Record<string, ReadonlySet<string>>> = {
  SALESFORCE: new Set(['account']),
  HUBSPOT: new Set(['company']),
  DYNAMICS: new Set(['account']),
  ZOHO: new Set(['accounts']),
  PIPEDRIVE: new Set(['organization']),
};

/** True for a record that is itself a customer account (a Salesforce Account, a HubSpot company…). */
export function isCustomerRecord(record: CrmRecordRef): boolean {
  const key = canonicalCrmRecord(record);
  return CUSTOMER_TYPES[key.system]?.has(key.objectType) ?? false;
}

/** The CRM host (the org) a page is on, lower case; empty when the URL does not parse. */
function hostOf(url: string): string {
  try {
    return new URL(url).host.toLowerCase();
  } catch {
    return '';
  }
}

function keyOf(record: CrmRecordRef, url: string): string {
  const key = canonicalCrmRecord(record);
  return `${hostOf(url)}|${key.system}|${key.objectType}|${key.recordId}`;
}

export class RecordLinks {
  private links = new Map<string, CrmRecordRef[]>();
  private restored: Promise<void> | null = null;

  /** Remembers the accounts a page showed for its record; true when that is new. */
  async remember(context: PageContext): Promise<boolean> {
    const record = context.crmRecord;
    const linked = context.linkedRecords ?? [];
    if (!record || linked.length === 0 || context.linkedRecordsFromUrl || isCustomerRecord(record)) return false;
    await this.restore();
    const key = keyOf(record, context.url);
    const value = linked.slice(0, MAX_LINKS).map(({ system, objectType, recordId }) => ({ system, objectType, recordId }));
    const before = this.links.get(key);
    this.links.delete(key);
    this.links.set(key, value);
    while (this.links.size > MAX_REMEMBERED_RECORDS) this.links.delete(this.links.keys().next().value as string);
    await this.persist();
    return JSON.stringify(before) !== JSON.stringify(value);
  }

  /** The remembered accounts of a record on the CRM at `url`'s host (most recently used kept longest). */
  async linksOf(record: CrmRecordRef, url: string): Promise<CrmRecordRef[] | undefined> {
    await this.restore();
    const key = keyOf(record, url);
    const found = this.links.get(key);
    if (!found) return undefined;
    this.links.delete(key);
    this.links.set(key, found);
    return found;
  }

  /**
   * The context with its record's remembered accounts as `linkedRecords`, when the page showed none of its own
   * (what the page's own lookup showed before wins over a URL's `?ws=`); unchanged otherwise.
   */
  async withRemembered(context: PageContext): Promise<PageContext> {
    const record = context.crmRecord;
    if (!record || (context.linkedRecords?.length && !context.linkedRecordsFromUrl) || isCustomerRecord(record)) return context;
    const remembered = await this.linksOf(record, context.url);
    if (!remembered?.length) return context;
    const { linkedRecordsFromUrl: _fromUrl, ...rest } = context;
    return { ...rest, linkedRecords: remembered };
  }

  /** Sign-out, another server: nothing remains. */
  async clear(): Promise<void> {
    await this.restore();
    this.links.clear();
    await browser.storage.session.remove(STORAGE_KEY);
  }

  get size(): number {
    return this.links.size;
  }

  private async persist(): Promise<void> {
    await browser.storage.session.set({ [STORAGE_KEY]: [...this.links] });
  }

  private restore(): Promise<void> {
    this.restored ??= (async () => {
      const stored = (await browser.storage.session.get(STORAGE_KEY))[STORAGE_KEY];
      if (!Array.isArray(stored)) return;
      const live = this.links;
      this.links = new Map(stored as [string, CrmRecordRef[]][]);
      for (const [k, v] of live) {
        this.links.delete(k);
        this.links.set(k, v);
      }
    })();
    return this.restored;
  }
}

/** Why the panel has no customer for a CRM record page, when the page's shape says (the panel's empty state). */
export interface PageHint {
  kind: 'related-list' | 'no-account';
  /** The record's kind in words, lower case: `opportunity`, `contact`, `deal`, `invoice`; `record` when unknown. */
  object: string;
}

/** `Opportunity` → `opportunity`, `ns__Invoice__c` → `invoice`, HubSpot `2-1234` → `record`: the panel's own words (ui/format/crm-objects.ts). */
export function objectWords(objectType: string, system?: CrmSystem): string {
  return crmObjectWords(system, objectType) || 'record';
}

/**
 * A hint for a page about a CRM record that is not a customer account and shows none (and names nobody else: no
 * address, no domain): a Salesforce related list, or a record page whose account Earshot could not read.
 */
export function pageHint(context: PageContext | null): PageHint | undefined {
  const record = context?.crmRecord;
  if (!context || !record || context.linkedRecords?.length || isCustomerRecord(record)) return undefined;
  if (context.emails.length > 0 || context.domains.length > 0) return undefined;
  return { kind: context.pageType === 'related-list' ? 'related-list' : 'no-account', object: objectWords(record.objectType, record.system) };
}
