/**
 * Salesforce Lightning Experience (`<org>.lightning.force.com`). A record page is recognised from its URL alone,
 * `/lightning/r/<Account|Contact|Opportunity>/<15 or 18 character id>/view`, which also gives the CRM record: the
 * strongest key there is. The page adds the record name (highlights panel, else the tab title
 * `Acme Tools | Account | Salesforce`), the Account's Website and the Contact's Email field.
 * Console apps keep inactive workspace tabs in the DOM, so fields are read inside the active tab when there is one.
 * Lightning's components use synthetic shadow DOM in the light tree, so plain selectors reach them.
 *
 * Tested on fixtures salesforce-account, salesforce-contact, salesforce-account-broken (all 2026-11-22).
 */
import type { DetectResult } from '@earshot/shared';
import { hostMatcher, siteEntry } from './catalog.js';
import { buildContext } from './context.js';
import { addressesOf, linkOrText, queryAll, queryFirst, textOf } from './dom.js';
import { healthReport } from './health.js';
import type { PageLocation, SiteAdapter } from './types.js';

export const salesforceSelectors = {
  // 2026-11-22: the active console / standard tab; a plain record page has one `.oneContent.active`.
  activeTab: ['div.oneContent.active', 'div.windowViewMode-normal', 'div.windowViewMode-maximize'],
  // 2026-11-22: record name in the highlights panel; `slot="primaryField"` has survived several releases.
  recordName: ['records-highlights2 [slot="primaryField"]', 'h1 [slot="primaryField"]', 'lightning-formatted-text[slot="primaryField"]'],
  // 2026-11-22: Website field; `data-target-selection-name` is Salesforce's own test hook (sfdc:RecordField.*).
  website: [
    '[data-target-selection-name$=".Website"] a[href]',
    'records-record-layout-item[field-label="Website"] a[href]',
    'records-highlights-details-item lightning-formatted-url a[href]',
  ],
  // 2026-11-22: Email field on Contact (and Lead) layouts; a rendered `lightning-formatted-email` is the fallback.
  email: [
    '[data-target-selection-name$=".Email"] a[href^="mailto:"]',
    'records-record-layout-item[field-label="Email"] a[href^="mailto:"]',
    'lightning-formatted-email a[href^="mailto:"]',
  ],
} as const;

const RECORD_PATH = /^\/lightning\/r\/(Account|Contact|Opportunity)\/([A-Za-z0-9]{15}(?:[A-Za-z0-9]{3})?)\/view(?:\/|$)/;

export function parseSalesforcePath(pathname: string): { objectType: string; recordId: string } | null {
  const m = RECORD_PATH.exec(pathname);
  return m ? { objectType: m[1]!, recordId: m[2]! } : null;
}

/** `Acme Tools | Account | Salesforce` → `Acme Tools`, only when the middle part is the object from the URL. */
function nameFromTitle(title: string, objectType: string): string {
  const parts = title.split(' | ');
  return parts.length >= 3 && parts[parts.length - 2] === objectType ? parts.slice(0, -2).join(' | ') : '';
}

function detect(doc: Document, loc: PageLocation, now = new Date()): DetectResult {
  const record = parseSalesforcePath(loc.pathname);
  if (!record) return { context: null };
  const scope = queryFirst(doc, salesforceSelectors.activeTab) ?? doc;
  const recordName = textOf(queryFirst(scope, salesforceSelectors.recordName)) || nameFromTitle(doc.title, record.objectType);
  const websites = queryAll(scope, salesforceSelectors.website).map(linkOrText);
  const emails = record.objectType === 'Contact' ? queryAll(scope, salesforceSelectors.email).flatMap(addressesOf) : [];
  const context = buildContext({
    site: 'salesforce',
    pageType: 'record',
    url: loc.href,
    crmRecord: { system: 'SALESFORCE', ...record },
    recordName,
    emails,
    websites,
  });
  // Website and Email are optional fields; every record has a name, so a missing name means broken selectors.
  if (recordName) return { context };
  const health = healthReport({
    site: 'salesforce',
    pageType: 'record',
    missing: ['recordName'],
    doc,
    loc,
    now,
    selectors: salesforceSelectors,
    anchors: ['records-highlights2', 'records-lwc-highlights-panel', ...salesforceSelectors.activeTab],
  });
  return { context, health };
}

export const salesforceAdapter: SiteAdapter = {
  name: 'salesforce',
  selectors: salesforceSelectors,
  matchesHost: hostMatcher(siteEntry('salesforce').matches),
  detect,
};
