/**
 * Dynamics 365 / Power Apps model-driven apps (`<org>.crm.dynamics.com` and the regional `crmN` hosts). A record
 * form is recognised from the query string of `main.aspx`: `pagetype=entityrecord&etn=<account|contact|
 * opportunity>&id=<guid>` (older links omit `pagetype` but carry `etn` and `id`; some put them after `#`).
 * The page adds the record name from the form header and the Website / Email fields, found by the `data-id`
 * hooks Dynamics derives from field logical names (`websiteurl`, `emailaddress1`): stable across themes.
 *
 * Tested on fixtures dynamics-account, dynamics-contact, dynamics-account-broken (all 2026-11-22).
 */
import type { DetectResult } from '@earshot/shared';
import { hostMatcher, siteEntry } from './catalog.js';
import { buildContext } from './context.js';
import { addressesOf, linkOrText, queryAll, queryFirst, textOf } from './dom.js';
import { healthReport } from './health.js';
import type { PageLocation, SiteAdapter } from './types.js';

export const dynamicsSelectors = {
  // 2026-11-22: form header title; its `title` attribute has the bare name (the text may end in "- Saved").
  recordName: ['h1[data-id="header_title"]', '[data-id="header_title"]', '[data-id="form-header"] h1'],
  // 2026-11-22: Website field (account): the URL control's input, then its rendered link.
  website: ['input[data-id="websiteurl.fieldControl-url-text-input"]', '[data-id="websiteurl"] a[href]'],
  // 2026-11-22: Email field (contact, also on account forms): the mail control's input, then mailto links.
  email: ['input[data-id="emailaddress1.fieldControl-mail-text-input"]', '[data-id="emailaddress1"] a[href^="mailto:"]'],
} as const;

const ENTITIES = new Set(['account', 'contact', 'opportunity']);
const GUID = /^\{?([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})\}?$/i;

export function parseDynamicsUrl(loc: Pick<PageLocation, 'pathname' | 'search' | 'hash'>): { objectType: string; recordId: string } | null {
  if (!/\/main\.aspx$/i.test(loc.pathname)) return null;
  for (const query of [loc.search, loc.hash.replace(/^#/, '')]) {
    const params = new URLSearchParams(query.replace(/^\?/, ''));
    const pageType = params.get('pagetype');
    const etn = params.get('etn')?.toLowerCase() ?? '';
    const id = GUID.exec(params.get('id') ?? '')?.[1];
    if (id && ENTITIES.has(etn) && (pageType === null || pageType === 'entityrecord')) {
      return { objectType: etn, recordId: id.toLowerCase() };
    }
  }
  return null;
}

function recordNameOf(doc: Document): string {
  const el = queryFirst(doc, dynamicsSelectors.recordName);
  return (el?.getAttribute('title') ?? '').trim() || textOf(el).replace(/\s+-\s+(Saved|Unsaved)$/i, '');
}

function detect(doc: Document, loc: PageLocation, now = new Date()): DetectResult {
  const record = parseDynamicsUrl(loc);
  if (!record) return { context: null };
  const recordName = recordNameOf(doc);
  const context = buildContext({
    site: 'dynamics',
    pageType: 'record',
    url: loc.href,
    crmRecord: { system: 'DYNAMICS', ...record },
    recordName,
    websites: queryAll(doc, dynamicsSelectors.website).map((el) => (el.tagName === 'INPUT' ? textOf(el) : linkOrText(el))),
    emails: queryAll(doc, dynamicsSelectors.email).flatMap(addressesOf),
  });
  if (recordName) return { context };
  const health = healthReport({
    site: 'dynamics',
    pageType: 'record',
    missing: ['recordName'],
    doc,
    loc,
    now,
    selectors: dynamicsSelectors,
    anchors: ['[data-id="form-header"]', '[data-id="editFormRoot"]', '#mainContent', '[role="main"]'],
  });
  return { context, health };
}

export const dynamicsAdapter: SiteAdapter = {
  name: 'dynamics',
  selectors: dynamicsSelectors,
  matchesHost: hostMatcher(siteEntry('dynamics').matches),
  detect,
};
