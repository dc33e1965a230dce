/**
 * Salesforce: Lightning Experience (`<MyDomain>.lightning.force.com`, sandboxes and partitioned orgs under it) and
 * Salesforce Classic (`<MyDomain>.my.salesforce.com`, legacy instance hosts such as `na1.salesforce.com`).
 *
 * A record page is recognised from its URL alone, which also gives the CRM record, the strongest key there is
 * (`parseSalesforceUrl`, every form with its source in salesforce.test.ts):
 *   - Lightning `/lightning/r/<Object>/<id>/<view|edit|…>` for any object, standard or custom (`Invoice__c`,
 *     `ns__Invoice__c`), and the record's sub-pages `/lightning/r/<Object>/<id>/related/<List>/view`;
 *   - Lightning without the object, `/lightning/r/<id>/view`: the object comes from the id's key prefix (001
 *     Account, 003 Contact…), else from the page's own field hooks (`sfdc:RecordField.<Object>.<Field>`);
 *   - the older Lightning form `/one/one.app#/sObject/<id>/view` (and `#/sObject/<id>`);
 *   - Classic `/<id>` (`/001A0000006Vm9r`, `/001A0000006Vm9rIAC?srPos=0`);
 *   - console apps add `?ws=<workspace tab path>`: the path is the focused (sub)tab, `ws` its workspace (Salesforce's
 *     Console Developer Guide, generateConsoleUrl() / openConsoleUrl() for Lightning Experience, read 2026-12: the
 *     example URL `/lightning/r/Account/…QYAA4/view?ws=%2Flightning%2Fr%2FAccount%2F…QXAA4%2Fview&ctabs=…&activectab=2`
 *     puts the focused subtab in the path and the workspace tab in `ws`; `ctabs` lists the other subtabs, not read).
 *     Sources in fixtures/salesforce.ts SF_SOURCES.consoleUrlDocs. The guide says only that the workspace tab comes
 *     first and the focused subtab last: nothing makes the workspace the focused record's account (an opportunity of
 *     one account can be opened under another account's workspace, and a crafted link can name any account), so
 *     `ws` is parsed (`workspace`) but never reported as a linked record: a related list opened under an account's
 *     workspace has no customer of its own until its record's page has been seen (background/record-links.ts).
 * Ids come in 15 (case-sensitive) and 18 (case-safe) characters; the context always carries the 18-character form.
 *
 * The page adds the record name (highlights panel; else the tab title), the Website field (Account, Lead), the
 * Email field (Contact, Lead), and for a record that is not an account, the accounts it belongs to (the Account
 * lookup of an Opportunity, Contact, Case or custom object, read from the lookup link's href) as `linkedRecords`,
 * so an opportunity page resolves to its customer.
 *
 * Console apps keep inactive workspace tabs in the DOM, so fields are read inside the active tab when there is one.
 * Lightning's components use synthetic shadow DOM: their elements are in the light tree, and the content script's
 * isolated world does not see the page's patched `querySelector`, so plain selectors reach them.
 *
 * Tested on the reconstructions in fixtures/salesforce.ts (Lightning LWC and Aura highlights, console, Classic).
 */
import { type CrmRecordRef, type DetectResult, salesforceId18 } from '@earshot/shared';
import { siteHostMatcher } from './catalog.js';
import { buildContext } from './context.js';
import { addressesOf, linkOrText, queryAll, queryFirst, textOf } from './dom.js';
import { healthReport } from './health.js';
import type { PageLocation, SiteAdapter } from './types.js';

export const salesforceSelectors = {
  // The active console / standard tab (`.oneContent.active`), a console workspace tab, Classic's body cell.
  activeTab: ['div.oneContent.active', '.tabContent.active.oneConsoleTab', 'div.windowViewMode-normal', 'div.windowViewMode-maximize', '#bodyCell'],
  // Record name: LWC highlights panel (`slot="primaryField"`), the Aura highlights panel of the one.app era,
  // Classic's page title block.
  recordName: [
    'records-highlights2 [slot="primaryField"]',
    'h1 [slot="primaryField"]',
    'lightning-formatted-text[slot="primaryField"]',
    '.forceHighlightsPanel h1 .uiOutputText',
    'force-highlights2 h1 .uiOutputText',
    '.bPageTitle h2.pageDescription',
  ],
  // Website field; `data-target-selection-name` is Salesforce's own test hook (sfdc:RecordField.<Object>.<Field>).
  website: [
    '[data-target-selection-name$=".Website"] a[href]',
    'records-record-layout-item[field-label="Website"] a[href]',
    'records-highlights-details-item lightning-formatted-url a[href]',
  ],
  // Email field on Contact and Lead layouts; a rendered `lightning-formatted-email` is the fallback.
  email: [
    '[data-target-selection-name$=".Email"] a[href^="mailto:"]',
    'records-record-layout-item[field-label="Email"] a[href^="mailto:"]',
    'lightning-formatted-email a[href^="mailto:"]',
  ],
  // Where an account lookup shows: the AccountId field, an "Account Name" layout item, the highlights panel, any
  // lookup field (custom objects' Account lookups), Classic's detail table. All are read; hrefs decide.
  accountLink: [
    '[data-target-selection-name$=".AccountId"] a[href]',
    'records-record-layout-item[field-label="Account Name"] a[href]',
    'records-highlights-details-item a[href]',
    'force-highlights-details-item a[href]',
    '.forceHighlightsPanel a[href]',
    'li.slds-page-header__detail-block a[href]',
    'records-record-layout-item force-lookup a[href]',
    'records-record-layout-item a[href]',
    'table.detailList td.dataCol a[href]',
  ],
} as const;

/**
 * Key prefixes of the standard objects (the first three characters of every id): the same in every org.
 * Sources: Salesforce Ben "Salesforce Object Key Prefix List" (https://www.salesforceben.com/salesforce-object-key-prefix-list/)
 * and https://regardie.dev/post-1582 (Quote 0Q0). Custom objects get an org-specific prefix (`a0…`): not here.
 */
export const SALESFORCE_KEY_PREFIXES: Readonly<Record<string, string>> = {
  '001': 'Account',
  '003': 'Contact',
  '005': 'User',
  '006': 'Opportunity',
  '00Q': 'Lead',
  '00T': 'Task',
  '00U': 'Event',
  '02i': 'Asset',
  '0Q0': 'Quote',
  '500': 'Case',
  '701': 'Campaign',
  '800': 'Contract',
  '801': 'Order',
};

const ID = '[A-Za-z0-9]{15}(?:[A-Za-z0-9]{3})?';
/** An object API name: `Account`, `Invoice__c`, `ns__Invoice__c`. */
const OBJECT = '[A-Za-z][A-Za-z0-9_]*';
const LIGHTNING_WITH_OBJECT = new RegExp(`^/lightning/r/(${OBJECT})/(${ID})/([a-z]+)(/.*)?$`, 'i');
const LIGHTNING_NO_OBJECT = new RegExp(`^/lightning/r/(${ID})/([a-z]+)(/.*)?$`, 'i');
/** After `/related`: `/<relationship API name>/view`. */
const RELATED = /^\/[A-Za-z0-9_]+\/view\/?$/;
const ONE_APP_HASH = new RegExp(`^#/sObject/(${ID})(?:[/?].*)?$`);
const CLASSIC = new RegExp(`^/(${ID})(?:/e)?/?$`);

export interface SalesforceRecordUrl {
  /** The object's API name, or null when neither the URL nor the key prefix says (a custom object's bare id). */
  objectType: string | null;
  /** 18-character id. */
  recordId: string;
  /** `record` (the record itself, any action) or `related-list` (one of its related lists). */
  pageType: 'record' | 'related-list';
  /** Console apps: the workspace (primary) tab the focused tab was opened under, from `?ws=`; not the record's account. */
  workspace?: { objectType: string | null; recordId: string };
}

const objectOf = (id18: string): string | null => SALESFORCE_KEY_PREFIXES[id18.slice(0, 3)] ?? null;

function lightningPath(pathname: string): SalesforceRecordUrl | null {
  let path = pathname;
  try {
    path = decodeURIComponent(pathname);
  } catch {
    // keep it raw
  }
  const named = LIGHTNING_WITH_OBJECT.exec(path);
  if (named) {
    const [, object, id, action, rest = ''] = named;
    const recordId = salesforceId18(id!);
    const related = action!.toLowerCase() === 'related' && RELATED.test(rest);
    if (recordId && (related || rest === '' || rest === '/')) return { objectType: object!, recordId, pageType: related ? 'related-list' : 'record' };
  }
  const bare = LIGHTNING_NO_OBJECT.exec(path);
  if (bare) {
    const [, id, action, rest = ''] = bare;
    const recordId = salesforceId18(id!);
    const related = action!.toLowerCase() === 'related' && RELATED.test(rest);
    if (recordId && (related || rest === '' || rest === '/')) return { objectType: objectOf(recordId), recordId, pageType: related ? 'related-list' : 'record' };
  }
  return null;
}

/** The record a Salesforce URL shows, or null when it is not a record page. */
export function parseSalesforceUrl(loc: Pick<PageLocation, 'pathname' | 'search' | 'hash'>): SalesforceRecordUrl | null {
  let record: SalesforceRecordUrl | null = null;
  if (loc.pathname.startsWith('/lightning/r/')) {
    record = lightningPath(loc.pathname);
  } else if (loc.pathname === '/one/one.app') {
    const m = ONE_APP_HASH.exec(loc.hash);
    const recordId = m ? salesforceId18(m[1]!) : null;
    if (recordId) record = { objectType: objectOf(recordId), recordId, pageType: 'record' };
  } else {
    const m = CLASSIC.exec(loc.pathname);
    const recordId = m ? salesforceId18(m[1]!) : null;
    if (recordId) record = { objectType: objectOf(recordId), recordId, pageType: 'record' };
  }
  if (!record) return null;
  const ws = new URLSearchParams(loc.search).get('ws');
  const workspace = ws?.startsWith('/lightning/r/') ? lightningPath(ws.split('?')[0]!) : null;
  if (workspace && workspace.recordId !== record.recordId) record.workspace = { objectType: workspace.objectType, recordId: workspace.recordId };
  return record;
}

/** The account a link points at (`/lightning/r/Account/<id>/view`, `/lightning/r/001…/view`, Classic `/001…`). */
function accountOfHref(href: string, base: string): string | null {
  let url: URL;
  try {
    url = new URL(href, base);
  } catch {
    return null;
  }
  const r = parseSalesforceUrl(url);
  return r && (r.objectType === 'Account' || objectOf(r.recordId) === 'Account') ? r.recordId : null;
}

/** `Acme Tools | Account | Salesforce` → `Acme Tools`, only when the middle part is the object from the URL. */
function nameFromTitle(title: string, objectType: string | null): string {
  const parts = title.split(' | ');
  if (objectType && parts.length >= 3 && parts[parts.length - 2] === objectType) return parts.slice(0, -2).join(' | ');
  // Classic: `Account: Acme Tools ~ Salesforce - Enterprise Edition`.
  const classic = /^([^:~]+): (.+) ~ Salesforce - /.exec(title);
  return classic && classic[1] === objectType ? classic[2]!.trim() : '';
}

/** Classic detail tables: the value cell beside the label cell that reads `label`. */
function classicField(scope: ParentNode, label: string): Element[] {
  return [...scope.querySelectorAll('table.detailList td.labelCol')]
    .filter((td) => textOf(td).replace(/:$/, '') === label)
    .map((td) => td.nextElementSibling)
    .filter((td): td is Element => !!td);
}

/** The object API name Salesforce's own field hooks give (`sfdc:RecordField.Invoice__c.Amount__c`). */
function objectFromFieldHooks(scope: ParentNode): string | null {
  const hook = scope.querySelector('[data-target-selection-name^="sfdc:RecordField."]')?.getAttribute('data-target-selection-name') ?? '';
  return /^sfdc:RecordField\.([A-Za-z][A-Za-z0-9_]*)\./.exec(hook)?.[1] ?? null;
}

const WEBSITE_OBJECTS = new Set(['Account', 'Lead']);
const EMAIL_OBJECTS = new Set(['Contact', 'Lead']);
const MAX_LINKED = 10;

function detect(doc: Document, loc: PageLocation, now = new Date()): DetectResult {
  const url = parseSalesforceUrl(loc);
  if (!url) return { context: null };
  const scope = queryFirst(doc, salesforceSelectors.activeTab) ?? doc;
  const objectType = url.objectType ?? objectFromFieldHooks(scope);
  const recordName = textOf(queryFirst(scope, salesforceSelectors.recordName)) || nameFromTitle(doc.title, objectType);

  // A related-list sub-page shows the list, not the record's fields: only the record itself is read from it.
  const onRecord = url.pageType === 'record';
  const websites =
    onRecord && objectType && WEBSITE_OBJECTS.has(objectType)
      ? [...queryAll(scope, salesforceSelectors.website), ...classicField(scope, 'Website')].map(linkOrText)
      : [];
  const emails =
    onRecord && objectType && EMAIL_OBJECTS.has(objectType)
      ? [...queryAll(scope, salesforceSelectors.email), ...classicField(scope, 'Email')].flatMap((el) => {
          const link = el.matches('a[href^="mailto:"]') ? el : el.querySelector('a[href^="mailto:"]');
          return addressesOf(link ?? el);
        })
      : [];

  const linkedRecords: CrmRecordRef[] = [];
  if (objectType !== 'Account') {
    const ids = new Set<string>();
    if (onRecord) {
      for (const selector of salesforceSelectors.accountLink) {
        for (const a of scope.querySelectorAll(selector)) {
          const id = accountOfHref(a.getAttribute('href') ?? '', loc.href);
          if (id && id !== url.recordId) ids.add(id);
        }
      }
    }
    // The console's workspace tab (`?ws=`) is never read as the record's account: it says which tab the subtab was
    // opened under, not what the record is linked to (a user can open any record under any workspace, and anyone can
    // write any account into a link). A page that shows no account lookup of its own (a related list) has none; the
    // worker then gives the accounts it saw on the record's own page, or the hint to open it once.
    for (const recordId of [...ids].slice(0, MAX_LINKED)) linkedRecords.push({ system: 'SALESFORCE', objectType: 'Account', recordId });
  }

  const context = buildContext({
    site: 'salesforce',
    pageType: url.pageType,
    url: loc.href,
    crmRecord: objectType ? { system: 'SALESFORCE', objectType, recordId: url.recordId } : undefined,
    linkedRecords,
    recordName,
    emails,
    websites,
  });
  // Website, Email and lookups are optional; every record has a name, so a missing name means broken selectors.
  if (recordName || !onRecord) return { context };
  const health = healthReport({
    site: 'salesforce',
    pageType: url.pageType,
    missing: ['recordName'],
    doc,
    loc,
    now,
    selectors: salesforceSelectors,
    anchors: ['records-highlights2', 'records-lwc-highlights-panel', 'force-highlights2', '.forceHighlightsPanel', '.bPageTitle', ...salesforceSelectors.activeTab],
  });
  return { context, health };
}

export const salesforceAdapter: SiteAdapter = {
  name: 'salesforce',
  selectors: salesforceSelectors,
  matchesHost: siteHostMatcher('salesforce'),
  detect,
};
