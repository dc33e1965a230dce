/**
 * Pipedrive (`<company>.pipedrive.com`). A record is recognised from its URL: `/deal/<id>`, `/organization/<id>`,
 * `/person/<id>` (numeric ids) and `/leads/inbox/<uuid>` (leads have UUID ids), optionally followed by a tab or a
 * query string.
 *
 * The page adds the record name (deal: the detail header `data-testid="header-title"`; lead: the sidebar title
 * `data-testid="SidebarLeadTitle"`; person and organization: the tab title `<name> - contact details`), the e-mail
 * links and website shown in the detail view, and — for a deal, a lead or a person — the organization (and, for a
 * deal or lead, the person) it is linked to, from the detail view's links to `/organization/<id>` and
 * `/person/<id>`: a deal or lead resolves to its customer through `linkedRecords`.
 *
 * Sources: tests in pipedrive.test.ts; fixtures in fixtures/pipedrive.ts (reconstructions, each citing its evidence).
 */
import type { CrmRecordRef, DetectResult } from '@earshot/shared';
import { hostMatcher, siteEntry } from './catalog.js';
import { buildContext } from './context.js';
import { addressesOf, queryAll, queryFirst, textOf } from './dom.js';
import { healthReport } from './health.js';
import type { PageLocation, SiteAdapter } from './types.js';

export const pipedriveSelectors = {
  // Deal header (clockify/browser-extension selectors.json `dealView`), lead sidebar title (`leadView`).
  recordName: [
    '[data-testid="header-title"] .cui5-editable-text__input',
    '[data-testid="header-title"]',
    '[data-testid="SidebarLeadTitle"] [class*="ComponentReadWrapper"]',
    '[data-testid="SidebarLeadTitle"]',
  ],
  // Where the record is shown: the contact detail view (`.detailView .content`), else the page's main area.
  detail: ['.detailView', 'main'],
  email: ['a[href^="mailto:"]'],
} as const;

export type PipedriveObject = 'deal' | 'lead' | 'organization' | 'person';

const UUID = '[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}';
const RECORD_PATH = new RegExp(`^/(?:(deal|organization|person)/(\\d+)|leads/inbox/(${UUID}))(?:/|$)`, 'i');

export function parsePipedrivePath(pathname: string): { objectType: PipedriveObject; recordId: string } | null {
  const m = RECORD_PATH.exec(pathname);
  if (!m) return null;
  if (m[3]) return { objectType: 'lead', recordId: m[3].toLowerCase() };
  return { objectType: m[1]!.toLowerCase() as PipedriveObject, recordId: m[2]! };
}

/** `<name> - contact details`: the tab title of a person or organization detail view. */
function nameFromTitle(title: string): string {
  const m = /^(.+?)\s+-\s+contact details$/i.exec(title.trim());
  return m ? m[1]! : '';
}

/** The organizations (and people) a record is linked to: links to their detail views, in page order. */
function linkedRecords(root: ParentNode, loc: PageLocation, kinds: readonly PipedriveObject[], self: string): CrmRecordRef[] {
  const seen = new Set<string>([self]);
  const out: CrmRecordRef[] = [];
  for (const kind of kinds) {
    for (const a of root.querySelectorAll(`a[href*="/${kind}/"]`)) {
      let record: ReturnType<typeof parsePipedrivePath> = null;
      try {
        const url = new URL(a.getAttribute('href') ?? '', loc.href);
        if (url.hostname === loc.hostname) record = parsePipedrivePath(url.pathname);
      } catch {
        record = null;
      }
      if (!record || record.objectType !== kind) continue;
      const key = `${record.objectType}/${record.recordId}`;
      if (seen.has(key)) continue;
      seen.add(key);
      out.push({ system: 'PIPEDRIVE', ...record });
      if (out.length >= 10) return out;
    }
  }
  return out;
}

/** The website field: a link next to a "Website" label (the organization's default field). */
function websites(root: ParentNode): string[] {
  const out: string[] = [];
  for (const el of root.querySelectorAll('label, dt, span, div')) {
    if (el.children.length > 0 || textOf(el).toLowerCase() !== 'website') continue;
    const link = el.parentElement?.querySelector('a[href^="http"]');
    const href = link?.getAttribute('href');
    if (href) out.push(href);
  }
  return out;
}

const LINKS: Record<PipedriveObject, readonly PipedriveObject[]> = {
  deal: ['organization', 'person'],
  lead: ['organization', 'person'],
  person: ['organization'],
  organization: [],
};

function detect(doc: Document, loc: PageLocation, now = new Date()): DetectResult {
  const record = parsePipedrivePath(loc.pathname);
  if (!record) return { context: null };
  const isContact = record.objectType === 'person' || record.objectType === 'organization';
  const recordName = textOf(queryFirst(doc, pipedriveSelectors.recordName)) || (isContact ? nameFromTitle(doc.title) : '');
  const root: ParentNode = queryFirst(doc, pipedriveSelectors.detail) ?? doc;
  const context = buildContext({
    site: 'pipedrive',
    pageType: 'record',
    url: loc.href,
    crmRecord: { system: 'PIPEDRIVE', ...record },
    linkedRecords: linkedRecords(root, loc, LINKS[record.objectType], `${record.objectType}/${record.recordId}`),
    recordName,
    emails: queryAll(root, pipedriveSelectors.email).flatMap(addressesOf),
    websites: record.objectType === 'organization' ? websites(root) : [],
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
    anchors: ['.detailView', '[data-testid="header-title"]', 'main', '#application'],
  });
  return { context, health };
}

export const pipedriveAdapter: SiteAdapter = {
  name: 'pipedrive',
  selectors: pipedriveSelectors,
  matchesHost: hostMatcher(siteEntry('pipedrive').matches),
  detect,
};
