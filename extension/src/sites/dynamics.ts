/**
 * Dynamics 365 / Power Apps model-driven apps (`<org>.crm<N>.dynamics.com`, the sovereign clouds: see catalog.ts).
 * A record form is recognised from its URL, for ANY entity (standard or custom): the query of `main.aspx` (at the
 * root, under `/apps/<app>/` or under an on-premises `/<org>/`) names the entity by logical name (`etn=`) or by
 * entity type code (`etc=`, the older links), and the record by `id=<guid>` (braces optional, often encoded). The
 * parameters may also sit after `#` or inside `extraqs` (encoded once more). CRM 4.0's per-entity edit pages
 * (`/SFA/accts/edit.aspx?id=…`) are read too. Sources: dynamics.test.ts cites one for every form.
 *
 * The page adds the record name from the form header, the Website / Email fields (the `data-id` hooks Dynamics
 * derives from field logical names: `websiteurl`, `emailaddress1`) and, on any record but an account, the account it
 * belongs to, from the customer lookups (`parentcustomerid`, `customerid`, `parentaccountid`) — but only where the DOM
 * carries the referenced record's id: a link to its form, or the classic web client's `oid`/`otype` lookup items. The
 * Unified Interface's selected lookup tag (`…_selected_tag`, a `div role="link"`) shows the name only: from it
 * nothing can be linked in `detect`; the content script then asks the CRM's own Web API, same origin, which account
 * the record points at (`linkedRecordsFor`, dynamics-api.ts).
 *
 * Tested on the reconstructions in fixtures/dynamics.ts.
 */
import type { CrmRecordRef, DetectResult } from '@earshot/shared';
import { siteHostMatcher } from './catalog.js';
import { buildContext } from './context.js';
import { dynamicsLinkedLookup } from './dynamics-api.js';
import { addressesOf, linkOrText, queryAll, queryFirst, sameOriginFrameDocuments, textOf } from './dom.js';
import { healthReport } from './health.js';
import type { PageLocation, SiteAdapter } from './types.js';

export const dynamicsSelectors = {
  // Form header title (Unified Interface); its `title` attribute has the bare name (the text may end in "- Saved").
  recordName: ['h1[data-id="header_title"]', '[data-id="header_title"]', '[data-id="form-header"] h1'],
  // Website field (account): the URL control's input, then its rendered link.
  website: ['input[data-id="websiteurl.fieldControl-url-text-input"]', '[data-id="websiteurl"] a[href]'],
  // Email field (contact, also on account forms): the mail control's input, then mailto links.
  email: ['input[data-id="emailaddress1.fieldControl-mail-text-input"]', '[data-id="emailaddress1"] a[href^="mailto:"]'],
} as const;

/** The lookups that name a record's customer account, most specific first. */
const CUSTOMER_LOOKUPS = ['parentcustomerid', 'customerid', 'parentaccountid'] as const;

/**
 * Entity type codes of the standard entities (fixed across organisations; custom entities' codes differ from one
 * organisation to the next, so an unknown code names no entity). Microsoft Docs "Entity Type Codes" (CRM 4.0) and the
 * posts cited in dynamics.test.ts: 1 account, 2 contact, 3 opportunity, 4 lead, 112 case, 1084 quote, 1088 order.
 */
export const DYNAMICS_TYPE_CODES: Readonly<Record<string, string>> = {
  '1': 'account',
  '2': 'contact',
  '3': 'opportunity',
  '4': 'lead',
  '112': 'incident',
  '1084': 'quote',
  '1088': 'salesorder',
};

/** CRM 4.0 edit pages (`/SFA/accts/edit.aspx?id=`), Microsoft Docs "URL Addressable Forms and Views" (CRM 4.0). */
const CRM4_PAGES: Readonly<Record<string, string>> = {
  'sfa/accts': 'account',
  'sfa/conts': 'contact',
  'sfa/opps': 'opportunity',
  'cs/cases': 'incident',
};

const GUID = /^\{?([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})\}?$/i;
const LOGICAL_NAME = /^[a-z][a-z0-9_]{0,63}$/;

function paramSets(loc: Pick<PageLocation, 'search' | 'hash'>): URLSearchParams[] {
  const sets: URLSearchParams[] = [];
  for (const raw of [loc.search, loc.hash]) {
    const params = new URLSearchParams(raw.replace(/^[?#]/, ''));
    sets.push(params);
    const extra = params.get('extraqs');
    if (extra) sets.push(new URLSearchParams(extra.replace(/^\?/, '')));
  }
  return sets;
}

function entityFrom(etn: string | null, etc: string | null): string | null {
  const name = etn?.trim().toLowerCase() ?? '';
  if (name) return LOGICAL_NAME.test(name) ? name : null;
  return etc ? (DYNAMICS_TYPE_CODES[etc.trim()] ?? null) : null;
}

/** The record a Dynamics URL opens, or null when it is no record form. */
export function parseDynamicsUrl(loc: Pick<PageLocation, 'pathname' | 'search' | 'hash'>): { objectType: string; recordId: string } | null {
  const path = loc.pathname.toLowerCase();
  const sets = paramSets(loc);
  const first = (key: string) => {
    for (const params of sets) {
      const value = params.get(key);
      if (value) return value;
    }
    return null;
  };
  const id = GUID.exec(first('id') ?? '')?.[1]?.toLowerCase();
  if (!id) return null;

  if (/(?:^|\/)main\.aspx$/.test(path)) {
    const pageType = first('pagetype');
    if (pageType !== null && pageType.toLowerCase() !== 'entityrecord') return null;
    const objectType = entityFrom(first('etn'), first('etc'));
    return objectType ? { objectType, recordId: id } : null;
  }
  const crm4 = /(?:^|\/)((?:sfa|cs)\/[a-z]+)\/edit\.aspx$/.exec(path);
  if (crm4) {
    const objectType = CRM4_PAGES[crm4[1]!];
    return objectType ? { objectType, recordId: id } : null;
  }
  if (/(?:^|\/)userdefined\/edit\.aspx$/.test(path)) {
    const objectType = entityFrom(first('etn'), first('etc'));
    return objectType ? { objectType, recordId: id } : null;
  }
  return null;
}

/** The record a lookup names, where the DOM carries its id: a link to its form, or classic `oid`/`otype`. */
function lookupRecord(el: Element, base: string): CrmRecordRef | null {
  const link = el.matches('a[href]') ? el : el.querySelector('a[href]');
  const href = link?.getAttribute('href');
  if (href) {
    try {
      const record = parseDynamicsUrl(new URL(href, base));
      if (record) return { system: 'DYNAMICS', ...record };
    } catch {
      // not a URL
    }
  }
  const item = el.matches('[oid]') ? el : el.querySelector('[oid]');
  const oid = GUID.exec(item?.getAttribute('oid') ?? '')?.[1];
  const objectType = entityFrom(item?.getAttribute('otypename') ?? null, item?.getAttribute('otype') ?? null);
  return oid && objectType ? { system: 'DYNAMICS', objectType, recordId: oid.toLowerCase() } : null;
}

/**
 * The customer records named by the form's customer lookups (the accounts a contact, opportunity… belongs to), in the
 * page and in its same-origin frames (the classic web client renders the form inside `contentIFrame0`).
 */
export function linkedRecordsOf(doc: Document, base: string): CrmRecordRef[] {
  const out: CrmRecordRef[] = [];
  const seen = new Set<string>();
  const docs = [doc, ...sameOriginFrameDocuments(doc)];
  for (const field of CUSTOMER_LOOKUPS) {
    const candidates = docs.flatMap((d) => [
      ...d.querySelectorAll(`[data-id="${field}.fieldControl-LookupResultsDropdown_${field}_selected_tag"]`),
      ...d.querySelectorAll(`[data-id="${field}"]`),
      // Classic web client: `<field>_d` cell with `span.ms-crm-Lookup-Item[oid][otype]`, or `<field>_lookupDiv`.
      ...d.querySelectorAll(`#${field}_d, #${field}_lookupDiv, #${field}_lookupValue`),
    ]);
    for (const el of candidates) {
      const record = lookupRecord(el, base);
      const key = record && `${record.objectType}:${record.recordId}`;
      if (!record || !key || seen.has(key)) continue;
      seen.add(key);
      out.push(record);
    }
  }
  return out;
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
    linkedRecords: record.objectType === 'account' ? [] : linkedRecordsOf(doc, loc.href),
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
  matchesHost: siteHostMatcher('dynamics'),
  detect,
  // The lookups' ids the Unified Interface does not render, from the CRM's own Web API (dynamics-api.ts).
  linkedRecordsFor: (context, loc, fetchFn) => dynamicsLinkedLookup(context, loc, fetchFn),
};
