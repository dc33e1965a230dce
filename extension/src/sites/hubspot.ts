/**
 * HubSpot CRM (app.hubspot.com, app-eu1.hubspot.com and the other `app-<region>` hosts). A record is recognised
 * from its URL, in both forms seen in 2026:
 * - legacy `/contacts/<portalId>/company/<id>` and `/contacts/<portalId>/contact/<id>`;
 * - current `/contacts/<portalId>/record/0-2/<id>` (company) and `/record/0-1/<id>` (contact), optionally
 *   followed by `/view/<n>` or a tab.
 * The page adds the record name from the highlight card and, from the "About" card, the company's domain and
 * website or the contact's email. HubSpot's own `data-selenium-test` hooks are its stable keys.
 *
 * Tested on fixtures hubspot-company-legacy, hubspot-contact, hubspot-company-broken (all 2026-11-22).
 */
import type { DetectResult } from '@earshot/shared';
import { hostMatcher, siteEntry } from './catalog.js';
import { buildContext } from './context.js';
import { addressesOf, linkOrText, queryAll, queryFirst, textOf } from './dom.js';
import { healthReport } from './health.js';
import type { PageLocation, SiteAdapter } from './types.js';

export const hubspotSelectors = {
  // 2026-11-22: the record's name in the left highlight card.
  recordName: ['[data-selenium-test="highlightTitle"]', '[data-test-id="highlight-title"]', '[data-selenium-test="record-highlight"] h1'],
  // 2026-11-22: company domain: the property input in "About this company", then the link under the name.
  domain: [
    '[data-selenium-test="property-input-domain"], [data-selenium-test="property-input-website"]',
    '[data-selenium-test="highlight-domain"] a[href]',
  ],
  // 2026-11-22: contact email: the property input, then the mailto link in the highlight card.
  email: ['[data-selenium-test="property-input-email"]', '[data-selenium-test="record-highlight"] a[href^="mailto:"]'],
} as const;

/** HubSpot's object type ids: 0-1 contact, 0-2 company. */
const OBJECT_TYPES: Record<string, 'contact' | 'company'> = { '0-1': 'contact', '0-2': 'company', contact: 'contact', company: 'company' };
const RECORD_PATH = /^\/contacts\/(\d+)\/(?:record\/(0-1|0-2)|(company|contact))\/(\d+)(?:\/|$)/;

export function parseHubspotPath(pathname: string): { portalId: string; objectType: 'contact' | 'company'; recordId: string } | null {
  const m = RECORD_PATH.exec(pathname);
  const objectType = m ? OBJECT_TYPES[m[2] ?? m[3] ?? ''] : undefined;
  return m && objectType ? { portalId: m[1]!, objectType, recordId: m[4]! } : null;
}

function detect(doc: Document, loc: PageLocation, now = new Date()): DetectResult {
  const record = parseHubspotPath(loc.pathname);
  if (!record) return { context: null };
  const recordName = textOf(queryFirst(doc, hubspotSelectors.recordName));
  const isCompany = record.objectType === 'company';
  const context = buildContext({
    site: 'hubspot',
    pageType: 'record',
    url: loc.href,
    // Record ids are unique within a portal; the portal is the user's own, so the id alone is the key.
    crmRecord: { system: 'HUBSPOT', objectType: record.objectType, recordId: record.recordId },
    recordName,
    websites: isCompany ? queryAll(doc, hubspotSelectors.domain).map(linkOrText) : [],
    emails: isCompany ? [] : queryAll(doc, hubspotSelectors.email).flatMap(addressesOf),
  });
  if (recordName) return { context };
  const health = healthReport({
    site: 'hubspot',
    pageType: 'record',
    missing: ['recordName'],
    doc,
    loc,
    now,
    selectors: hubspotSelectors,
    anchors: ['[data-selenium-test="record-highlight"]', 'main', '[role="main"]'],
  });
  return { context, health };
}

export const hubspotAdapter: SiteAdapter = {
  name: 'hubspot',
  selectors: hubspotSelectors,
  matchesHost: hostMatcher(siteEntry('hubspot').matches),
  detect,
};
