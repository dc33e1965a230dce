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
 * - The answer is parsed strictly: JSON of at most 64 KB (a larger Content-Length is not read at all, and a stream
 *   is cancelled once past the limit), the record's own primary key must equal the id asked for,
 *   and only GUID-shaped values of the listed lookup properties pointing at an `account` are taken. Anything else
 *   (403, 404, a login page, junk) adds nothing, and no error reaches the page.
 * - A transient failure (network error, timeout, 5xx, 429) is asked again after a back-off (RETRY_DELAYS_MS; a 429's
 *   Retry-After up to 10 s); a refusal (401, 403, 404, any other answer) is not. One that outlasts the retries is
 *   answered `retryable`, and the content script asks again later (controller.ts).
 * - Where the only customer named is a contact, that contact's own account (`parentcustomerid`) is asked once more
 *   (one extra GET), so an opportunity whose customer is a person still finds the company.
 */
import type { CrmRecordRef, PageContext } from '@earshot/shared';
import type { LinkedRecordsAnswer, PageFetch, PageLocation } from './types.js';

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

/** A record, or why not: `transient` is worth asking again (network, timeout, 5xx, 429), `refused` is not. */
type GetOutcome = { row: Record<string, unknown> } | { failure: 'transient' | 'refused'; retryAfterMs?: number };

/** The body as text, at most `max` bytes read: null past it (a stream is cancelled there, not read to its end). */
export async function readCapped(res: { headers: Headers; text(): Promise<string>; body?: ReadableStream<Uint8Array> | null }, max: number): Promise<string | null> {
  const declared = Number(res.headers.get('content-length') ?? Number.NaN);
  if (Number.isFinite(declared) && declared > max) return null;
  const reader = res.body?.getReader?.();
  if (!reader) {
    const text = await res.text();
    return text.length > max ? null : text;
  }
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > max) {
      await reader.cancel().catch(() => undefined);
      return null;
    }
    chunks.push(value);
  }
  const bytes = new Uint8Array(size);
  let at = 0;
  for (const chunk of chunks) {
    bytes.set(chunk, at);
    at += chunk.byteLength;
  }
  return new TextDecoder().decode(bytes);
}

/** Retry-After in ms (seconds or an HTTP date), at most 10 s; undefined when absent or unreadable. */
function retryAfterMs(headers: Headers): number | undefined {
  const raw = headers.get('retry-after');
  if (!raw) return undefined;
  const seconds = Number(raw);
  const ms = Number.isFinite(seconds) ? seconds * 1000 : Date.parse(raw) - Date.now();
  return Number.isFinite(ms) ? Math.min(Math.max(ms, 0), 10_000) : undefined;
}

async function getRecordOnce(fetchFn: PageFetch, base: string, table: TableApi, id: string, timeoutMs: number): Promise<GetOutcome> {
  const select = table.lookups.map((l) => `_${l.name}_value`).join(',');
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), timeoutMs);
  let res: Awaited<ReturnType<PageFetch>>;
  try {
    res = await fetchFn(`${base}${table.set}(${id})?$select=${select}`, {
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
  } catch {
    clearTimeout(timer);
    // Offline, aborted at the timeout, or a refused redirect (an expired session's sign-in page): the first two
    // pass; a redirect is the same answer next time, but fetch does not tell them apart, and one retry costs little.
    return { failure: 'transient' };
  }
  try {
    if (res.status === 429 || res.status >= 500) {
      const after = retryAfterMs(res.headers);
      return after === undefined ? { failure: 'transient' } : { failure: 'transient', retryAfterMs: after };
    }
    if (!res.ok || !/^application\/json\b/i.test(res.headers.get('content-type') ?? '')) return { failure: 'refused' };
    const text = await readCapped(res, MAX_BODY);
    if (text === null) return { failure: 'refused' };
    const body: unknown = JSON.parse(text);
    if (!body || typeof body !== 'object' || Array.isArray(body)) return { failure: 'refused' };
    const record = body as Record<string, unknown>;
    // The answer must be about the record asked for.
    return typeof record[table.key] === 'string' && (record[table.key] as string).toLowerCase() === id ? { row: record } : { failure: 'refused' };
  } catch {
    return controller.signal.aborted ? { failure: 'transient' } : { failure: 'refused' }; // the body timed out, or not JSON
  } finally {
    clearTimeout(timer);
  }
}

/** Waits between attempts after a transient failure. */
export const RETRY_DELAYS_MS: readonly number[] = [500, 2000];

async function getRecord(fetchFn: PageFetch, base: string, table: TableApi, id: string, options: Required<DynamicsApiOptions>): Promise<GetOutcome> {
  let outcome = await getRecordOnce(fetchFn, base, table, id, options.timeoutMs);
  for (const delay of options.retryDelaysMs) {
    if (!('failure' in outcome) || outcome.failure !== 'transient') return outcome;
    await options.sleep(Math.max(delay, outcome.retryAfterMs ?? 0));
    outcome = await getRecordOnce(fetchFn, base, table, id, options.timeoutMs);
  }
  return outcome;
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
  /** Waits before each retry of a transient failure. @defaultValue RETRY_DELAYS_MS */
  retryDelaysMs?: readonly number[];
  /** @defaultValue a `setTimeout` promise */
  sleep?: (ms: number) => Promise<void>;
}

/**
 * The accounts a Dynamics record belongs to, from the CRM's Web API; no records when the record is an account, a
 * table not listed in DYNAMICS_TABLES, or the API does not answer as documented (`retryable` when it did not answer
 * at all, after the retries).
 */
export async function dynamicsLinkedLookup(
  context: Pick<PageContext, 'crmRecord'>,
  loc: Pick<PageLocation, 'origin' | 'pathname'>,
  fetchFn: PageFetch,
  options: DynamicsApiOptions = {},
): Promise<LinkedRecordsAnswer> {
  const record = context.crmRecord;
  const table = record?.system === 'DYNAMICS' ? DYNAMICS_TABLES[record.objectType] : undefined;
  const id = record?.recordId.toLowerCase() ?? '';
  if (!record || !table || !GUID.test(id)) return { records: [], retryable: false };
  const settings: Required<DynamicsApiOptions> = {
    timeoutMs: options.timeoutMs ?? DYNAMICS_API_TIMEOUT_MS,
    retryDelaysMs: options.retryDelaysMs ?? RETRY_DELAYS_MS,
    sleep: options.sleep ?? ((ms) => new Promise((resolve) => setTimeout(resolve, ms))),
  };
  const base = webApiBase(loc);

  const first = await getRecord(fetchFn, base, table, id, settings);
  if (!('row' in first)) return { records: [], retryable: first.failure === 'transient' };
  const accounts = new Set<string>();
  const contacts: string[] = [];
  for (const target of targetsOf(first.row, table)) (target.table === 'account' ? accounts.add(target.id) : contacts.push(target.id));
  // Only a contact as the customer (a person buying): that contact's own company, one GET more. Not on a contact's
  // page (its parentcustomerid contact is another person, not a company).
  const contact = accounts.size === 0 && record.objectType !== 'contact' ? contacts[0] : undefined;
  let retryable = false;
  if (contact) {
    const contactTable = DYNAMICS_TABLES.contact!;
    const second = await getRecord(fetchFn, base, contactTable, contact, settings);
    if ('row' in second) {
      for (const parent of targetsOf(second.row, contactTable)) if (parent.table === 'account') accounts.add(parent.id);
    } else retryable = second.failure === 'transient';
  }
  return { records: [...accounts].map((recordId) => ({ system: 'DYNAMICS', objectType: 'account', recordId })), retryable };
}

/** `dynamicsLinkedLookup`'s records only. */
export async function dynamicsLinkedRecords(
  context: Pick<PageContext, 'crmRecord'>,
  loc: Pick<PageLocation, 'origin' | 'pathname'>,
  fetchFn: PageFetch,
  options: DynamicsApiOptions = {},
): Promise<CrmRecordRef[]> {
  return (await dynamicsLinkedLookup(context, loc, fetchFn, options)).records;
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
