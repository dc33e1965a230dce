/**
 * The account of a Dynamics record, from the CRM's own Web API, against a fake `fetch` that answers as Microsoft
 * Learn documents. Sources:
 * - RETRIEVE: https://learn.microsoft.com/en-us/power-apps/developer/data-platform/webapi/retrieve-entity-using-web-api
 *   (GET [Organization URI]/api/data/v9.2/accounts(<guid>)?$select=…; the primary key is always returned)
 * - LOOKUP: https://learn.microsoft.com/en-us/power-apps/developer/data-platform/webapi/query/select-columns
 *   ("Lookup property data": `_<column>_value` and `_<column>_value@Microsoft.Dynamics.CRM.lookuplogicalname`,
 *   asked for with `Prefer: odata.include-annotations="…lookuplogicalname"`)
 * - TABLES: the table reference pages (EntitySetName opportunities / contacts / leads / incidents; opportunity
 *   ParentAccountId and CustomerId, contact ParentCustomerId), https://learn.microsoft.com/en-us/dynamics365/developer/reference/entities/opportunity
 * - CRM2015: on-premises record URLs `http://<server>/<org>/main.aspx?…` (dynamics.test.ts), whose client URL, and
 *   so Web API root, includes the organisation.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { PageContext } from '@earshot/shared';
import { describe, expect, it, vi } from 'vitest';
import { dynamicsAdapter } from './dynamics.js';
import { dynamicsLinkedLookup, dynamicsLinkedRecords, readCapped, webApiBase } from './dynamics-api.js';
import { DYNAMICS_FIXTURES } from './fixtures/dynamics.js';
import { FIXTURES_DIR } from './fixtures/index.js';
import type { PageFetch } from './types.js';

const ORIGIN = 'https://northwind.crm4.dynamics.com';
const LOC = { origin: ORIGIN, pathname: '/main.aspx' };
const OPPORTUNITY = '5e6f7a8b-9c0d-4e1f-8a2b-3c4d5e6f7a8b';
const CONTACT = '0a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d';
const ACCOUNT = '7b2f9c1e-4d3a-4e8b-9f6c-2a1b3c4d5e6f';
const OTHER_ACCOUNT = 'c4d5e6f7-0a1b-4c2d-8e3f-4a5b6c7d8e9f';
const ANN = '@Microsoft.Dynamics.CRM.lookuplogicalname';

const context = (objectType: string, recordId: string): Pick<PageContext, 'crmRecord'> => ({
  crmRecord: { system: 'DYNAMICS', objectType, recordId },
});
const json = (body: unknown, status = 200) => ({
  ok: status >= 200 && status < 300,
  status,
  headers: new Headers({ 'content-type': 'application/json; odata.metadata=minimal' }),
  text: async () => JSON.stringify(body),
});
/** A fake Web API: path (after /api/data/v9.2/, before ?) → answer. */
const api = (answers: Record<string, ReturnType<typeof json>>) =>
  vi.fn<PageFetch>(async (url) => {
    const path = new URL(url).pathname.replace(/^.*\/api\/data\/v9\.2\//, '');
    const answer = answers[path];
    if (!answer) return json({ error: { code: '0x80040217', message: 'Does Not Exist' } }, 404);
    return answer;
  });

describe('dynamicsLinkedRecords', () => {
  it('reads an opportunity’s Account (parentaccountid), with one GET as documented (RETRIEVE, LOOKUP, TABLES)', async () => {
    const fetchFn = api({
      [`opportunities(${OPPORTUNITY})`]: json({
        '@odata.etag': 'W/"81359849"',
        opportunityid: OPPORTUNITY,
        [`_parentaccountid_value${ANN}`]: 'account',
        _parentaccountid_value: ACCOUNT,
        [`_customerid_value${ANN}`]: 'account',
        _customerid_value: ACCOUNT,
      }),
    });
    expect(await dynamicsLinkedRecords(context('opportunity', OPPORTUNITY), LOC, fetchFn)).toEqual([
      { system: 'DYNAMICS', objectType: 'account', recordId: ACCOUNT },
    ]);
    expect(fetchFn).toHaveBeenCalledTimes(1);
    const [url, init] = fetchFn.mock.calls[0]!;
    expect(url).toBe(`${ORIGIN}/api/data/v9.2/opportunities(${OPPORTUNITY})?$select=_parentaccountid_value,_customerid_value`);
    expect(init).toMatchObject({ method: 'GET', credentials: 'same-origin', redirect: 'error' });
    expect((init.headers as Record<string, string>).Prefer).toBe('odata.include-annotations="Microsoft.Dynamics.CRM.lookuplogicalname"');
    expect(init.body).toBeUndefined();
  });

  it('reads a contact’s Company Name (parentcustomerid) when it is an account', async () => {
    const fetchFn = api({
      [`contacts(${CONTACT})`]: json({ contactid: CONTACT, _parentcustomerid_value: ACCOUNT.toUpperCase(), [`_parentcustomerid_value${ANN}`]: 'account' }),
    });
    expect(await dynamicsLinkedRecords(context('contact', CONTACT), LOC, fetchFn)).toEqual([
      { system: 'DYNAMICS', objectType: 'account', recordId: ACCOUNT },
    ]);
    expect(fetchFn.mock.calls[0]![0]).toContain(`/contacts(${CONTACT})?$select=_parentcustomerid_value`);
  });

  it('takes nothing from a contact’s parentcustomerid that names another contact', async () => {
    const fetchFn = api({
      [`contacts(${CONTACT})`]: json({ contactid: CONTACT, _parentcustomerid_value: OTHER_ACCOUNT, [`_parentcustomerid_value${ANN}`]: 'contact' }),
    });
    expect(await dynamicsLinkedRecords(context('contact', CONTACT), LOC, fetchFn)).toEqual([]);
    expect(fetchFn).toHaveBeenCalledTimes(1);
  });

  it('follows a Customer that is a contact to that contact’s account, one GET more', async () => {
    const fetchFn = api({
      [`opportunities(${OPPORTUNITY})`]: json({ opportunityid: OPPORTUNITY, _parentaccountid_value: null, _customerid_value: CONTACT, [`_customerid_value${ANN}`]: 'contact' }),
      [`contacts(${CONTACT})`]: json({ contactid: CONTACT, _parentcustomerid_value: ACCOUNT, [`_parentcustomerid_value${ANN}`]: 'account' }),
    });
    expect(await dynamicsLinkedRecords(context('opportunity', OPPORTUNITY), LOC, fetchFn)).toEqual([
      { system: 'DYNAMICS', objectType: 'account', recordId: ACCOUNT },
    ]);
    expect(fetchFn).toHaveBeenCalledTimes(2);
  });

  it('a Customer column without its annotation names nothing (account or contact is unknown, LOOKUP)', async () => {
    const fetchFn = api({ [`incidents(${OPPORTUNITY})`]: json({ incidentid: OPPORTUNITY, _customerid_value: ACCOUNT }) });
    expect(await dynamicsLinkedRecords(context('incident', OPPORTUNITY), LOC, fetchFn)).toEqual([]);
  });

  it.each([
    ['403 (no read privilege)', json({ error: { code: '0x80040220', message: 'Principal user is missing prvReadOpportunity' } }, 403)],
    ['401 (signed out)', json({}, 401)],
    ['an HTML sign-in page', { ...json({}), headers: new Headers({ 'content-type': 'text/html' }), text: async () => '<html>sign in</html>' }],
    ['junk that is not JSON', { ...json({}), text: async () => '{"opportunityid": ' }],
    ['non-GUID junk in the lookup', json({ opportunityid: OPPORTUNITY, _parentaccountid_value: `${ACCOUNT}<script>`, _customerid_value: 'javascript:alert(1)', [`_customerid_value${ANN}`]: 'account' })],
    ['a lookup to some other table', json({ opportunityid: OPPORTUNITY, _customerid_value: ACCOUNT, [`_customerid_value${ANN}`]: 'systemuser' })],
    ['an answer about another record', json({ opportunityid: OTHER_ACCOUNT, _parentaccountid_value: ACCOUNT })],
    ['an array', json([{ opportunityid: OPPORTUNITY, _parentaccountid_value: ACCOUNT }])],
    ['an oversized body', { ...json({}), text: async () => JSON.stringify({ opportunityid: OPPORTUNITY, _parentaccountid_value: ACCOUNT, pad: 'x'.repeat(70_000) }) }],
  ])('%s → nothing', async (_what, answer) => {
    const fetchFn = api({ [`opportunities(${OPPORTUNITY})`]: answer });
    expect(await dynamicsLinkedRecords(context('opportunity', OPPORTUNITY), LOC, fetchFn)).toEqual([]);
  });

  const noWait = { sleep: async () => undefined };

  it('offline, or a redirect refused → nothing, no error, after the retries; worth asking again later', async () => {
    const fetchFn = vi.fn<PageFetch>(async () => {
      throw new TypeError('Failed to fetch');
    });
    await expect(dynamicsLinkedLookup(context('opportunity', OPPORTUNITY), LOC, fetchFn, noWait)).resolves.toEqual({ records: [], retryable: true });
    expect(fetchFn).toHaveBeenCalledTimes(3);
  });

  it.each([
    ['a network error', () => Promise.reject(new TypeError('Failed to fetch'))],
    ['a 503', async () => json({}, 503)],
    ['a 500', async () => json({}, 500)],
    ['a 429', async () => json({}, 429)],
  ])('retries %s with back-off, and takes the answer that follows', async (_what, failure) => {
    const answers = [failure, async () => json({ opportunityid: OPPORTUNITY, _parentaccountid_value: ACCOUNT })];
    const fetchFn = vi.fn<PageFetch>(() => answers.shift()!());
    const waits: number[] = [];
    const sleep = async (ms: number) => void waits.push(ms);
    expect(await dynamicsLinkedLookup(context('opportunity', OPPORTUNITY), LOC, fetchFn, { sleep })).toEqual({
      records: [{ system: 'DYNAMICS', objectType: 'account', recordId: ACCOUNT }],
      retryable: false,
    });
    expect(fetchFn).toHaveBeenCalledTimes(2);
    expect(waits).toEqual([500]);
  });

  it('waits as long as a 429’s Retry-After says (up to 10 s), and backs off longer each time', async () => {
    const throttled = { ...json({}, 429), headers: new Headers({ 'content-type': 'application/json', 'retry-after': '4' }) };
    const fetchFn = vi.fn<PageFetch>(async () => throttled);
    const waits: number[] = [];
    expect(await dynamicsLinkedLookup(context('opportunity', OPPORTUNITY), LOC, fetchFn, { sleep: async (ms) => void waits.push(ms) })).toEqual({
      records: [],
      retryable: true,
    });
    expect(waits).toEqual([4000, 4000]);
    const plain = vi.fn<PageFetch>(async () => json({}, 502));
    waits.length = 0;
    await dynamicsLinkedLookup(context('opportunity', OPPORTUNITY), LOC, plain, { sleep: async (ms) => void waits.push(ms) });
    expect(waits).toEqual([500, 2000]);
  });

  it.each([
    ['401', 401],
    ['403', 403],
    ['404', 404],
  ])('does not retry a %s, and says asking again would not help', async (_what, status) => {
    const fetchFn = vi.fn<PageFetch>(async () => json({}, status));
    expect(await dynamicsLinkedLookup(context('opportunity', OPPORTUNITY), LOC, fetchFn, noWait)).toEqual({ records: [], retryable: false });
    expect(fetchFn).toHaveBeenCalledTimes(1);
  });

  it('does not read a body whose Content-Length is over 64 KB', async () => {
    const text = vi.fn(async () => '{}');
    const fetchFn = vi.fn<PageFetch>(async () => ({
      ...json({}),
      headers: new Headers({ 'content-type': 'application/json', 'content-length': String(70_000) }),
      text,
    }));
    expect(await dynamicsLinkedRecords(context('opportunity', OPPORTUNITY), LOC, fetchFn, noWait)).toEqual([]);
    expect(text).not.toHaveBeenCalled();
  });

  it('stops reading a streamed body at 64 KB and cancels the rest', async () => {
    let pulled = 0;
    let cancelled = false;
    const chunk = new Uint8Array(16 * 1024).fill(0x20);
    const endless = new ReadableStream<Uint8Array>({
      pull(controller) {
        pulled++;
        controller.enqueue(chunk);
      },
      cancel() {
        cancelled = true;
      },
    });
    expect(await readCapped({ headers: new Headers(), text: async () => '', body: endless }, 64 * 1024)).toBeNull();
    expect(cancelled).toBe(true);
    expect(pulled).toBeLessThanOrEqual(6);
    const small = new Response(JSON.stringify({ opportunityid: OPPORTUNITY, é: 'ü' }));
    expect(await readCapped(small, 64 * 1024)).toBe(JSON.stringify({ opportunityid: OPPORTUNITY, é: 'ü' }));
  });

  it('gives up after the timeout (the request is aborted)', async () => {
    vi.useFakeTimers();
    try {
      let signal: AbortSignal | undefined;
      const fetchFn = vi.fn<PageFetch>(
        (_url, init) =>
          new Promise((_resolve, reject) => {
            signal = init.signal ?? undefined;
            signal?.addEventListener('abort', () => reject(new DOMException('aborted', 'AbortError')));
          }),
      );
      const answer = dynamicsLinkedRecords(context('opportunity', OPPORTUNITY), LOC, fetchFn, { timeoutMs: 3000, retryDelaysMs: [] });
      await vi.advanceTimersByTimeAsync(3000);
      await expect(answer).resolves.toEqual([]);
      expect(signal?.aborted).toBe(true);
    } finally {
      vi.useRealTimers();
    }
  });

  it.each([
    ['an account (it is the customer itself)', 'account'],
    ['a custom table (its set name and columns differ per organisation)', 'new_project'],
  ])('asks nothing for %s', async (_what, objectType) => {
    const fetchFn = api({});
    expect(await dynamicsLinkedRecords(context(objectType, OPPORTUNITY), LOC, fetchFn)).toEqual([]);
    expect(fetchFn).not.toHaveBeenCalled();
  });

  it('asks nothing for another CRM’s record or a non-GUID id', async () => {
    const fetchFn = api({});
    await dynamicsLinkedRecords({ crmRecord: { system: 'SALESFORCE', objectType: 'opportunity', recordId: OPPORTUNITY } }, LOC, fetchFn);
    await dynamicsLinkedRecords(context('opportunity', `${OPPORTUNITY})/../../x(`), LOC, fetchFn);
    expect(fetchFn).not.toHaveBeenCalled();
  });
});

describe('webApiBase: the page’s own origin only', () => {
  it.each([
    ['online, root', { origin: ORIGIN, pathname: '/main.aspx' }, `${ORIGIN}/api/data/v9.2/`],
    ['online, app path (SO: /apps/<app>/main.aspx)', { origin: ORIGIN, pathname: '/apps/sales/main.aspx' }, `${ORIGIN}/api/data/v9.2/`],
    ['on-premises organisation (CRM2015)', { origin: 'https://crm.northwind.example', pathname: '/NorthwindOrg/main.aspx' }, 'https://crm.northwind.example/NorthwindOrg/api/data/v9.2/'],
    ['anything else', { origin: ORIGIN, pathname: '/x/y/main.aspx' }, `${ORIGIN}/api/data/v9.2/`],
  ])('%s', (_what, loc, base) => {
    expect(webApiBase(loc)).toBe(base);
  });
});

describe('the Dynamics opportunity fixture, with the Web API’s answer', () => {
  const fixture = DYNAMICS_FIXTURES.find((f) => f.file === 'dynamics-opportunity.html')!;
  const doc = new DOMParser().parseFromString(readFileSync(fileURLToPath(FIXTURES_DIR + fixture.file), 'utf8'), 'text/html');
  const loc = new URL(fixture.url);

  it('links the opportunity to its account, which the page shows by name only', async () => {
    const context = dynamicsAdapter.detect(doc, loc).context!;
    expect(context.linkedRecords).toBeUndefined(); // the page alone: the lookup tag has no id (LOOKUP in dynamics.test.ts)
    const recordId = context.crmRecord!.recordId;
    const fetchFn = api({
      [`opportunities(${recordId})`]: json({ opportunityid: recordId, _parentaccountid_value: ACCOUNT, [`_parentaccountid_value${ANN}`]: 'account' }),
    });
    expect(await dynamicsAdapter.linkedRecordsFor!(context, loc, fetchFn)).toEqual({
      records: [{ system: 'DYNAMICS', objectType: 'account', recordId: ACCOUNT }],
      retryable: false,
    });
    expect(new URL(fetchFn.mock.calls[0]![0]).origin).toBe(loc.origin);
  });
});
