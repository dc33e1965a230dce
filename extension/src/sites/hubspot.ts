/**
 * HubSpot CRM, on every app host HubSpot serves a portal from (`app.hubspot.com` and the regional `app-<hublet>`
 * hosts, see catalog.ts). A record is recognised from its URL:
 * - current `/contacts/<portalId>/record/<objectTypeId>/<id>` for every object: 0-1 contact, 0-2 company, 0-3 deal,
 *   0-5 ticket, 0-136 lead, the other `0-<n>` standard objects, and custom objects `2-<n>`;
 * - legacy `/contacts/<portalId>/{contact,company,deal,ticket}/<id>`;
 * either followed by `/view/<n>`, a tab or a query string.
 * The object type is canonical (`0-2` → `company`, custom objects keep `2-<n>`), as the server stores links.
 *
 * The page adds the record name from the highlight card (`data-selenium-test="highlightTitle"`, in both the older
 * `ProfileHighlightContainer` and the current `OBJECT_HIGHLIGHT` card), the company's domain or the contact's email
 * from the "About" properties, and — for every record that is not a company — the companies it is associated with,
 * from the association cards' links (older "chicklet" cards and the current association tables). A deal, a ticket
 * or a custom object thus resolves to its customer through `linkedRecords`. Contacts' emails are read from the
 * current contacts association table only (no evidence of where the older chicklet card shows them).
 *
 * Sources: tests in hubspot.test.ts; fixtures in fixtures/hubspot.ts (reconstructions, each citing its evidence).
 */
import { type CrmRecordRef, canonicalCrmRecord, type DetectResult } from '@earshot/shared';
import { hostMatcher, siteEntry } from './catalog.js';
import { buildContext } from './context.js';
import { addressesOf, linkOrText, queryAll, queryFirst, textOf } from './dom.js';
import { healthReport } from './health.js';
import type { PageLocation, SiteAdapter } from './types.js';

export const hubspotSelectors = {
  // The record's name in the left highlight card (clockify/browser-extension, toggl/track-extension).
  recordName: ['[data-selenium-test="highlightTitle"]', 'div[data-selenium-test$="-highlight-details"] h3'],
  // Company domain: the "About this company" property inputs (the `property-input-<name>` hooks).
  domain: ['[data-selenium-test="property-input-domain"], [data-selenium-test="property-input-website"]'],
  // Contact email: the property input, then a mailto link in the highlight card.
  email: [
    '[data-selenium-test="property-input-email"]',
    '[data-test-id="record-highlight-main-content"] a[href^="mailto:"], [data-selenium-component="ProfileHighlightContainer"] a[href^="mailto:"]',
  ],
  // Associated companies: the current association table (card id `ASSOCIATION_TABLE/0-2`), the older chicklet.
  associatedCompany: ['[data-selenium-test="card-id-ASSOCIATION_TABLE/0-2"] a[href]', '[data-selenium-test="company-chicklet-title-link"]'],
  // Associated contacts' addresses: the current contacts association table.
  associatedContactEmail: ['[data-selenium-test="card-id-ASSOCIATION_TABLE/0-1"] a[href^="mailto:"]'],
} as const;

export interface HubspotRecord {
  portalId: string;
  /** Canonical: `contact`, `company`, `deal`, `ticket`, `lead`, another `0-<n>`, or a custom object's `2-<n>`. */
  objectType: string;
  recordId: string;
}

const RECORD_PATH = /^\/contacts\/(\d+)\/(?:record\/([02]-\d+)|(contact|company|deal|ticket))\/(\d+)(?:\/|$)/;

export function parseHubspotPath(pathname: string): HubspotRecord | null {
  const m = RECORD_PATH.exec(pathname);
  if (!m) return null;
  const key = canonicalCrmRecord({ system: 'HUBSPOT', objectType: m[2] ?? m[3]!, recordId: m[4]! });
  return { portalId: m[1]!, objectType: key.objectType, recordId: key.recordId };
}

/** The record a link on the page points to (`/contacts/<portal>/record/0-2/<id>`, `/contacts/<portal>/company/<id>`). */
function recordOfLink(el: Element, base: string): HubspotRecord | null {
  const link = el.matches('a[href]') ? el : el.querySelector('a[href]');
  const href = link?.getAttribute('href');
  if (!href) return null;
  try {
    return parseHubspotPath(new URL(href, base).pathname);
  } catch {
    return null;
  }
}

const MAX_LINKED = 10;

function associatedCompanies(doc: Document, loc: PageLocation, self: HubspotRecord): CrmRecordRef[] {
  const seen = new Set<string>();
  const out: CrmRecordRef[] = [];
  for (const el of queryAll(doc, hubspotSelectors.associatedCompany)) {
    const record = recordOfLink(el, loc.href);
    if (record?.objectType !== 'company' || record.portalId !== self.portalId || seen.has(record.recordId)) continue;
    seen.add(record.recordId);
    out.push({ system: 'HUBSPOT', objectType: 'company', recordId: record.recordId });
    if (out.length >= MAX_LINKED) break;
  }
  return out;
}

function detect(doc: Document, loc: PageLocation, now = new Date()): DetectResult {
  const record = parseHubspotPath(loc.pathname);
  if (!record) return { context: null };
  const recordName = textOf(queryFirst(doc, hubspotSelectors.recordName));
  const isCompany = record.objectType === 'company';
  const isContact = record.objectType === 'contact';
  const context = buildContext({
    site: 'hubspot',
    pageType: 'record',
    url: loc.href,
    // Record ids are unique within a portal; the portal is the user's own, so the id alone is the key.
    crmRecord: { system: 'HUBSPOT', objectType: record.objectType, recordId: record.recordId },
    linkedRecords: isCompany ? [] : associatedCompanies(doc, loc, record),
    recordName,
    websites: isCompany ? queryAll(doc, hubspotSelectors.domain).map(linkOrText) : [],
    emails: isCompany
      ? []
      : [
          ...(isContact ? queryAll(doc, hubspotSelectors.email).flatMap(addressesOf) : []),
          ...queryAll(doc, hubspotSelectors.associatedContactEmail).flatMap(addressesOf),
        ],
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
    anchors: [
      '[data-card-type="OBJECT_HIGHLIGHT"]',
      '[data-test-id="record-highlight-main-content"]',
      '[data-selenium-component="ProfileHighlightContainer"]',
      '[data-scroll-trackable-container="left-sidebar"]',
      'main',
      '[role="main"]',
    ],
  });
  return { context, health };
}

export const hubspotAdapter: SiteAdapter = {
  name: 'hubspot',
  selectors: hubspotSelectors,
  matchesHost: hostMatcher(siteEntry('hubspot').matches),
  detect,
};
