/**
 * Pipedrive (`<company>.pipedrive.com`). A record is recognised from its URL, `/organization/<id>` or
 * `/person/<id>` (optionally followed by a tab). The page adds the record name from the detail header, the
 * person's email links and the organization's website field. Pipedrive's `data-testid` hooks come first; the
 * `data-field-key` attributes (field API keys) are the fallback.
 *
 * Tested on fixtures pipedrive-organization, pipedrive-person, pipedrive-person-broken (all 2026-11-22).
 */
import type { DetectResult } from '@earshot/shared';
import { hostMatcher, siteEntry } from './catalog.js';
import { buildContext } from './context.js';
import { addressesOf, linkOrText, queryAll, queryFirst, textOf } from './dom.js';
import { healthReport } from './health.js';
import type { PageLocation, SiteAdapter } from './types.js';

export const pipedriveSelectors = {
  // 2026-11-22: the record's name in the detail view header.
  recordName: ['[data-testid="header-title"]', '[data-test="header-title"]', '[data-testid="detail-view"] h1'],
  // 2026-11-22: person emails (several allowed) in the details sidebar, then the field key.
  email: ['[data-testid="person-email"] a[href^="mailto:"]', '[data-field-key="email"] a[href^="mailto:"]'],
  // 2026-11-22: organization website (a default field since 2024), then the field key.
  website: ['[data-testid="organization-website"] a[href]', '[data-field-key="website"] a[href]'],
} as const;

const RECORD_PATH = /^\/(organization|person)\/(\d+)(?:\/|$)/;

export function parsePipedrivePath(pathname: string): { objectType: 'organization' | 'person'; recordId: string } | null {
  const m = RECORD_PATH.exec(pathname);
  return m ? { objectType: m[1] as 'organization' | 'person', recordId: m[2]! } : null;
}

function detect(doc: Document, loc: PageLocation, now = new Date()): DetectResult {
  const record = parsePipedrivePath(loc.pathname);
  if (!record) return { context: null };
  const recordName = textOf(queryFirst(doc, pipedriveSelectors.recordName));
  const isPerson = record.objectType === 'person';
  const context = buildContext({
    site: 'pipedrive',
    pageType: 'record',
    url: loc.href,
    crmRecord: { system: 'PIPEDRIVE', ...record },
    recordName,
    emails: isPerson ? queryAll(doc, pipedriveSelectors.email).flatMap(addressesOf) : [],
    websites: isPerson ? [] : queryAll(doc, pipedriveSelectors.website).map(linkOrText),
  });
  if (recordName) return { context };
  const health = healthReport({
    site: 'pipedrive',
    pageType: 'record',
    missing: ['recordName'],
    doc,
    loc,
    now,
    selectors: pipedriveSelectors,
    anchors: ['[data-testid="detail-view"]', 'main', '#application'],
  });
  return { context, health };
}

export const pipedriveAdapter: SiteAdapter = {
  name: 'pipedrive',
  selectors: pipedriveSelectors,
  matchesHost: hostMatcher(siteEntry('pipedrive').matches),
  detect,
};
