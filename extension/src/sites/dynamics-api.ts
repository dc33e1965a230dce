/**
 * The account a Dynamics 365 record belongs to, read from the CRM's own Web API. The Unified Interface renders a
 * lookup (an opportunity's Account, a contact's Company Name) by name only — no record id in the DOM (see
 * dynamics.ts) — so an opportunity page would resolve to nothing. The record's id is in the URL, and the page's own
 * Web API answers, for the signed-in user, which account that record points at.
 *
 * The request (Microsoft Learn, "Retrieve a table row using the Web API",
 * https://learn.microsoft.com/en-us/power-apps/developer/data-platform/webapi/retrieve-entity-using-web-api):
 *   GET <origin>[/<org>]/api/data/v9.2/<entity set>(<guid>)?$select=_parentaccountid_value,_customerid_value
 *   Prefer: odata.include-annotations="Microsoft.Dynamics.CRM.lookuplogicalname"
 * A lookup column is read through its lookup property `_<column>_value` (a GUID), and a Customer column (customerid,
 * parentcustomerid: account OR contact) says which table it points at in the
 * `_<column>_value@Microsoft.Dynamics.CRM.lookuplogicalname` annotation ("Select columns using OData" → "Lookup
 * property data", https://learn.microsoft.com/en-us/power-apps/developer/data-platform/webapi/query/select-columns).
 * Entity set names are the tables' `EntitySetName` (table reference pages, e.g.
 * https://learn.microsoft.com/en-us/dynamics365/developer/reference/entities/opportunity); a custom table's set name
 * and columns differ in every organisation, so custom tables are not asked about. Script running in the page needs
 * no token: "the user is already authenticated by the application" (Authenticate to Dataverse with the Web API,
 * https://learn.microsoft.com/en-us/power-apps/developer/data-platform/webapi/authenticate-web-api); public browser
 * extensions read forms the same way (igorfashchenko/dynaboost-extension: `fetch('/api/data/v9.2/…',
 * { credentials: 'same-origin' })` with `Prefer: odata.include-annotations="*"`).
 *
 * Security, in full:
 * - Only GET, only to the page's own origin (the URL is built from `loc.origin`, never from the page's content),
 *   `credentials: 'same-origin'`, `redirect: 'error'` (an expired session's redirect to a sign-in host is not
 *   followed), aborted after `timeoutMs`. Nothing else is sent: no Earshot data, no token; the CRM learns only that
 *   its signed-in user's browser read one of its records, which the user is looking at.
 * - The answer is parsed strictly: JSON of at most 64 KB, the record's own primary key must equal the id asked for,
 *   and only GUID-shaped values of the listed lookup properties pointing at an `account` are taken. Anything else
 *   (403, 404, a login page, junk) adds nothing, and no error reaches the page.
 * - Where the only customer named is a contact, that contact's own account (`parentcustomerid`) is asked once more
 *   (one extra GET), so an opportunity whose customer is a person still finds the company.
 */
import type { CrmRecordRef, PageContext } from '@earshot/shared';
import type { PageFetch, PageLocation } from './types.js';

interface LookupColumn {
  /** Logical name of the lookup column. */
  name: string;
  /** A single-target lookup to account (parentaccountid) needs no annotation; a Customer column does. */
  accountOnly: boolean;
}

interface TableApi {
  /** EntitySetName (Microsoft Learn table reference). */
  set: string;
  /** PrimaryIdAttribute: always returned, checked against the id asked for. */
  key: string;
  /** Lookups naming the record's customer, most specific first. */
  lookups: readonly LookupColumn[];
}

const account = (name: string): LookupColumn => ({ name, accountOnly: true });
const customer = (name: string): LookupColumn => ({ name, accountOnly: false });

/**
 * Standard tables whose records belong to a customer, with their entity set names and customer lookups (Microsoft
 * Learn table/entity reference, https://learn.microsoft.com/en-us/dynamics365/developer/reference/entities/<table>
 * and …/power-apps/developer/data-platform/reference/entities/contact): opportunity ParentAccountId (Lookup: account)
 * and CustomerId (Customer); lead ParentAccountId (Lookup: account); contact ParentCustomerId (Customer); incident,
 * quote, salesorder, invoice CustomerId (Customer).
 */
export const DYNAMICS_TABLES: Readonly<Record<string, TableApi>> = {
  opportunity: { set: 'opportunities', key: 'opportunityid', lookups: [account('parentaccountid'), customer('customerid')] },
  lead: { set: 'leads', key: 'leadid', lookups: [account('parentaccountid')] },
  contact: { set: 'contacts', key: 'contactid', lookups: [customer('parentcustomerid')] },
  incident: { set: 'incidents', key: 'incidentid', lookups: [customer('customerid')] },
  quote: { set: 'quotes', key: 'quoteid', lookups: [customer('customerid')] },
  salesorder: { set: 'salesorders', key: 'salesorderid', lookups: [customer('customerid')] },
  invoice: { set: 'invoices', key: 'invoiceid', lookups: [customer('customerid')] },
};

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const LOOKUP_TABLE = '@Microsoft.Dynamics.CRM.lookuplogicalname';
const MAX_BODY = 64 * 1024;
export const DYNAMICS_API_TIMEOUT_MS = 3000;

/**
 * Where the Web API lives for this page: the origin, plus the organisation segment of an on-premises
 * `/<org>/main.aspx` (Microsoft Learn CRM 2015 URL forms). `/apps/<app>/main.aspx` is an online app path, not an org.
 */
export function webApiBase(loc: Pick<PageLocation, 'origin' | 'pathname'>): string {
  const org = /^\/([A-Za-z0-9_-]{1,64})\/main\.aspx$/i.exec(loc.pathname)?.[1];
  return `${loc.origin}${org && org.toLowerCase() !== 'apps' ? `/${org}` : ''}/api/data/v9.2/`;
}

async function getRecord(fetchFn: PageFetch, base: string, table: TableApi, id: string, timeoutMs: number): Promise<Record<string, unknown> | null> {
  const select = table.lookups.map((l) => `_${l.name}_value`).join(',');
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), timeoutMs);
  try {
    const res = await fetchFn(`${base}${table.set}(${id})?$select=${select}`, {
      method: 'GET',
      credentials: 'same-origin',
      redirect: 'error',
      cache: 'no-store',
      signal: controller.signal,
      headers: {
        Accept: 'application/json',
        'OData-MaxVersion': '4.0',
        'OData-Version': '4.0',
        Prefer: 'odata.include-annotations="Microsoft.Dynamics.CRM.lookuplogicalname"',
      },
    });
    if (!res.ok || !/^application\/json\b/i.test(res.headers.get('content-type') ?? '')) return null;
    const text = await res.text();
    if (text.length > MAX_BODY) return null;
    const body: unknown = JSON.parse(text);
    if (!body || typeof body !== 'object' || Array.isArray(body)) return null;
    const record = body as Record<string, unknown>;
    // The answer must be about the record asked for.
    return typeof record[table.key] === 'string' && (record[table.key] as string).toLowerCase() === id ? record : null;
  } catch {
    return null; // offline, aborted, a redirect, not JSON
  } finally {
    clearTimeout(timer);
  }
}

/** The lookups' targets in a record, as `{ table, id }`, GUIDs only. */
function targetsOf(record: Record<string, unknown>, table: TableApi): { table: string; id: string }[] {
  const out: { table: string; id: string }[] = [];
  for (const lookup of table.lookups) {
    const value = record[`_${lookup.name}_value`];
    if (typeof value !== 'string' || !GUID.test(value)) continue;
    const annotated = record[`_${lookup.name}_value${LOOKUP_TABLE}`];
    const target = typeof annotated === 'string' ? annotated : lookup.accountOnly ? 'account' : null;
    if (target === 'account' || target === 'contact') out.push({ table: target, id: value.toLowerCase() });
  }
  return out;
}

export interface DynamicsApiOptions {
  timeoutMs?: number;
}

/**
 * The accounts a Dynamics record belongs to, from the CRM's Web API; [] when the record is an account, a table not
 * listed in DYNAMICS_TABLES, or the API does not answer as documented.
 */
export async function dynamicsLinkedRecords(
  context: Pick<PageContext, 'crmRecord'>,
  loc: Pick<PageLocation, 'origin' | 'pathname'>,
  fetchFn: PageFetch,
  options: DynamicsApiOptions = {},
): Promise<CrmRecordRef[]> {
  const record = context.crmRecord;
  const table = record?.system === 'DYNAMICS' ? DYNAMICS_TABLES[record.objectType] : undefined;
  const id = record?.recordId.toLowerCase() ?? '';
  if (!record || !table || !GUID.test(id)) return [];
  const timeoutMs = options.timeoutMs ?? DYNAMICS_API_TIMEOUT_MS;
  const base = webApiBase(loc);

  const row = await getRecord(fetchFn, base, table, id, timeoutMs);
  if (!row) return [];
  const accounts = new Set<string>();
  const contacts: string[] = [];
  for (const target of targetsOf(row, table)) (target.table === 'account' ? accounts.add(target.id) : contacts.push(target.id));
  // Only a contact as the customer (a person buying): that contact's own company, one GET more. Not on a contact's
  // page (its parentcustomerid contact is another person, not a company).
  const contact = accounts.size === 0 && record.objectType !== 'contact' ? contacts[0] : undefined;
  if (contact) {
    const contactTable = DYNAMICS_TABLES.contact!;
    const row2 = await getRecord(fetchFn, base, contactTable, contact, timeoutMs);
    for (const parent of row2 ? targetsOf(row2, contactTable) : []) if (parent.table === 'account') accounts.add(parent.id);
  }
  return [...accounts].map((recordId) => ({ system: 'DYNAMICS', objectType: 'account', recordId }));
}

/**
 * The content script's `fetch` for same-origin reads made as the page: Firefox's content scripts have their own
 * privileged `fetch`, and `content.fetch` is the one that "behaves as if sent by the content itself" (MDN, Content
 * scripts → XHR and Fetch); Chrome's content-script `fetch` already requests "on behalf of the web origin the content
 * script has been injected into" (developer.chrome.com, Cross-origin network requests).
 */
export function pageFetch(win: Window): PageFetch {
  const content = (globalThis as { content?: { fetch?: typeof fetch } }).content;
  const f = typeof content?.fetch === 'function' ? content.fetch.bind(content) : win.fetch.bind(win);
  return (url, init) => f(url, init);
}
