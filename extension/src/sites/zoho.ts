/**
 * Zoho CRM (`crm.zoho.com` and the other data centres' hosts: see catalog.ts). A record is recognised from its URL:
 * `/crm/org<org id>/tab/<Module>/<record id>` (also without `org<id>`, and with a sub-page after the id), and the
 * older `/crm/EntityInfo.do?module=<Module>&id=<record id>`. The module in the URL is its tab name: `Potentials` is
 * the Deals module (API name `Deals`), custom modules show as `CustomModule<n>`. `objectType` is the module's API
 * name in lower case (`accounts`, `contacts`, `leads`, `deals`, `custommodule<n>`); record ids are digits.
 *
 * The page adds the record name from the detail view's header (the document title as a fallback), the Email and
 * Website fields (`data-zcqa="value_<field API name>"` wrappers) and, on a deal or contact, the account it belongs
 * to: the Account Name lookup renders a link to the account's own record URL, from which its id is read. Evidence
 * for the detail view's DOM is thin (user scripts that read Zoho CRM record pages, no vendor documentation): see
 * fixtures/zoho.ts.
 */
import type { CrmRecordRef, DetectResult } from '@earshot/shared';
import { hostMatcher, siteEntry } from './catalog.js';
import { buildContext } from './context.js';
import { addressesOf, linkOrText, queryAll, queryFirst, textOf } from './dom.js';
import { healthReport } from './health.js';
import type { PageLocation, SiteAdapter } from './types.js';

export const zohoSelectors = {
  // Detail view header (record name), as user scripts reading Zoho CRM record pages look for it.
  recordName: ['[data-zcqa="entityName"]', '.cxEntityHeaderTitle', '.entityNameContent'],
  // Email fields: the value wrapper named after the field's API name, then any mailto link in it.
  email: ['[data-zcqa="value_Email"] a[href^="mailto:"]', '[data-zcqa="value_Email"]', '[data-zcqa="value_Secondary_Email"]'],
  // Website field (accounts, leads).
  website: ['[data-zcqa="value_Website"] a[href]', '[data-zcqa="value_Website"]'],
  // The Account Name lookup of a deal or contact: a link to the account's record page.
  account: ['[data-zcqa="value_Account_Name"] a[href*="/tab/Accounts/"]', 'a.cxLookupViewWrapper[href*="/tab/Accounts/"]'],
} as const;

/** Tab names whose API name differs (Zoho renamed Potentials to Deals; the URL kept the old name). */
const MODULE_API_NAMES: Readonly<Record<string, string>> = { potentials: 'deals' };
const MODULE = /^[A-Za-z][A-Za-z0-9_]{0,60}$/;
const RECORD_ID = /^\d{5,25}$/;
const TAB_PATH = /^\/crm\/(?:org\d+\/)?tab\/([^/]+)\/([^/]+)(?:\/|$)/i;
const ENTITY_INFO_PATH = /^\/crm\/(?:org\d+\/)?EntityInfo\.do$/i;

function record(module: string, id: string): { objectType: string; recordId: string } | null {
  if (!MODULE.test(module) || !RECORD_ID.test(id)) return null;
  const name = module.toLowerCase();
  return { objectType: MODULE_API_NAMES[name] ?? name, recordId: id };
}

/** The record a Zoho CRM URL opens, or null (lists, create forms, settings, home). */
export function parseZohoUrl(loc: Pick<PageLocation, 'pathname' | 'search'>): { objectType: string; recordId: string } | null {
  const tab = TAB_PATH.exec(loc.pathname);
  if (tab) return record(decodeURIComponent(tab[1]!), tab[2]!);
  if (ENTITY_INFO_PATH.test(loc.pathname)) {
    const params = new URLSearchParams(loc.search);
    return record(params.get('module') ?? '', params.get('id') ?? '');
  }
  return null;
}

/** The accounts the record belongs to, from Account Name lookup links (`/crm/org…/tab/Accounts/<id>`). */
function linkedAccounts(doc: Document, base: string): CrmRecordRef[] {
  const out: CrmRecordRef[] = [];
  for (const link of queryAll(doc, zohoSelectors.account).slice(0, 1)) {
    try {
      const url = new URL(link.getAttribute('href') ?? '', base);
      const account = parseZohoUrl(url);
      if (account?.objectType === 'accounts') out.push({ system: 'ZOHO', ...account });
    } catch {
      // not a URL
    }
  }
  return out;
}

/** The name in the title (`Initech Parts - Zoho CRM`, `Initech Parts | …`): the part before the first separator. */
function nameFromTitle(title: string): string {
  const m = /^(.+?)\s+[-–|]\s+/.exec(title.trim());
  const name = m?.[1]?.trim() ?? '';
  return /^zoho\b/i.test(name) ? '' : name;
}

function detect(doc: Document, loc: PageLocation, now = new Date()): DetectResult {
  const page = parseZohoUrl(loc);
  if (!page) return { context: null };
  const header = textOf(queryFirst(doc, zohoSelectors.recordName));
  const context = buildContext({
    site: 'zoho',
    pageType: 'record',
    url: loc.href,
    crmRecord: { system: 'ZOHO', ...page },
    linkedRecords: page.objectType === 'accounts' ? [] : linkedAccounts(doc, loc.href),
    recordName: header || nameFromTitle(doc.title),
    emails: queryAll(doc, zohoSelectors.email).flatMap(addressesOf),
    websites: queryAll(doc, zohoSelectors.website).map(linkOrText),
  });
  if (header) return { context };
  const health = healthReport({
    site: 'zoho',
    pageType: 'record',
    missing: ['recordName'],
    doc,
    loc,
    now,
    selectors: zohoSelectors,
    anchors: ['main', '[role="main"]'],
  });
  return { context, health };
}

export const zohoAdapter: SiteAdapter = {
  name: 'zoho',
  selectors: zohoSelectors,
  matchesHost: hostMatcher(siteEntry('zoho').matches),
  detect,
};
