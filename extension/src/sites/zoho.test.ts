/**
 * Zoho CRM: record URL forms and hosts, each case citing where it comes from.
 * - MULTI_DC: https://www.zoho.com/crm/developer/docs/api/v8/multi-dc.html (accounts servers .com, .com.au, .eu, .in,
 *   .com.cn, .jp, zohocloud.ca)
 * - WORKDRIVE_DC: https://www.zoho.com/workdrive/developer/docs/api/v1/getting-started-multi-dc-support.html (zoho.sa,
 *   zohocloud.ca — Zoho's data centres, the same for every Zoho app)
 * - HOTKEYS: b310-digital/better-hotkeys-for-zoho-crm (public/manifest.json: crm on zoho.com, .com.au, .com.cn, .eu,
 *   .in, .jp; src/services/UrlService.ts: `https://crm.zoho.<dc>/crm[/<orgId>]/tab/{Leads,Potentials,Accounts,Contacts}`)
 * - USERSCRIPTS: anki-boi/userscript-showcase ("Zoho CRM Context Extractor.user.js" @match
 *   `https://crm.zoho.com/crm/org*\/tab/Contacts/*` and `…/crm/org*\/EntityInfo.do?module=Contacts*`; related module
 *   `CustomModule75`; "Cross-Platform Contact Toolkit.user.js" lookup links `a.cxLookupViewWrapper[href*="/tab/Contacts/"]`)
 * - PUBLIC: public code linking records: `https://crm.zoho.com/crm/org746753262/tab/CustomModule4/<id>`,
 *   `https://crm.zoho.com/crm/org699416994/tab/Potentials/<id>`, `https://crm.zoho.eu/crm/org…/tab/Accounts/<id>`,
 *   `https://crm.zoho.sa/crm/tab/Leads/<id>` (no org id), `https://crm.zohocloud.ca/crm/org…/tab/Deals/<id>`,
 *   a test listing `https://crmsandbox.zoho.uk/crm/x` (the only UK evidence found).
 */
import { describe, expect, it } from 'vitest';
import { pickAdapter } from './index.js';
import { page } from './test-utils.js';
import { parseZohoUrl, zohoAdapter } from './zoho.js';

const ID = '5725767000001234001';
const parse = (href: string) => parseZohoUrl(new URL(href));

describe('parseZohoUrl', () => {
  it.each([
    // [source, URL, objectType]
    ['HOTKEYS / PUBLIC', `https://crm.zoho.com/crm/org699416994/tab/Accounts/${ID}`, 'accounts'],
    ['HOTKEYS / USERSCRIPTS', `https://crm.zoho.com/crm/org41701914/tab/Contacts/${ID}`, 'contacts'],
    ['PUBLIC', `https://crm.zoho.com/crm/org777665990/tab/Leads/${ID}`, 'leads'],
    ['HOTKEYS / PUBLIC: the Deals tab keeps its old name', `https://crm.zoho.com/crm/org699416994/tab/Potentials/${ID}`, 'deals'],
    ['PUBLIC: Deals by its API name', `https://crm.zohocloud.ca/crm/org110000402423/tab/Deals/${ID}`, 'deals'],
    ['PUBLIC: custom module', `https://crm.zoho.com/crm/org746753262/tab/CustomModule4/${ID}`, 'custommodule4'],
    ['PUBLIC: no org id', `https://crm.zoho.sa/crm/tab/Leads/${ID}`, 'leads'],
    ['HOTKEYS: no org id (org id not configured)', `https://crm.zoho.eu/crm/tab/Accounts/${ID}`, 'accounts'],
    ['USERSCRIPTS: a sub-page of the record', `https://crm.zoho.com/crm/org41701914/tab/Contacts/${ID}/edit`, 'contacts'],
    ['USERSCRIPTS: the older EntityInfo.do page', `https://crm.zoho.com/crm/org41701914/EntityInfo.do?module=Contacts&id=${ID}`, 'contacts'],
  ])('%s: %s', (_source, href, objectType) => {
    expect(parse(href)).toEqual({ objectType, recordId: ID });
  });

  it.each([
    ['a list view', 'https://crm.zoho.com/crm/org699416994/tab/Potentials/custom-view/5725767000000087501/list'],
    ['a create form (PUBLIC: …/tab/Leads/create)', 'https://crm.zoho.com/crm/orgXXXX/tab/Leads/create'],
    ['a module home', 'https://crm.zoho.com/crm/org699416994/tab/Accounts'],
    ['home', 'https://crm.zoho.com/crm/org699416994/tab/Home/begin'],
    ['settings (PUBLIC: …/settings/modules/Leads/layouts/<id>)', 'https://crm.zoho.com/crm/org886289358/settings/modules/Leads/layouts/6689918000000091055'],
    ['a web tab', 'https://crm.zohocloud.ca/crm/org110001007505/tab/WebTab7'],
    ['EntityInfo.do without an id', 'https://crm.zoho.com/crm/EntityInfo.do?module=Contacts'],
    ['outside /crm/', `https://crm.zoho.com/tab/Accounts/${ID}`],
  ])('%s → nothing', (_what, href) => {
    expect(parse(href)).toBeNull();
  });
});

describe('the Zoho CRM hosts', () => {
  it.each([
    'crm.zoho.com', // MULTI_DC, HOTKEYS
    'crm.zoho.eu', // MULTI_DC, HOTKEYS
    'crm.zoho.in', // MULTI_DC, HOTKEYS
    'crm.zoho.com.au', // MULTI_DC, HOTKEYS
    'crm.zoho.jp', // MULTI_DC, HOTKEYS
    'crm.zoho.com.cn', // MULTI_DC, HOTKEYS
    'crm.zohocloud.ca', // MULTI_DC, WORKDRIVE_DC, PUBLIC
    'crm.zoho.sa', // WORKDRIVE_DC, PUBLIC
    'crm.zoho.uk', // PUBLIC (test listing crmsandbox.zoho.uk)
  ])('%s → zoho', (hostname) => {
    expect(pickAdapter({ hostname }).name).toBe('zoho');
  });

  it.each(['mail.zoho.com', 'crm.zoho.ca', 'zoho.com', 'crm.zoho.com.evil.example'])('%s → not zoho', (hostname) => {
    expect(pickAdapter({ hostname }).name).not.toBe('zoho');
  });
});

describe('a Zoho record page', () => {
  const deal = new URL('https://crm.zoho.com/crm/org699416994/tab/Potentials/5725767000001234777');

  it('links a deal to the account of its Account Name lookup, relative or absolute', () => {
    for (const href of [`/crm/org699416994/tab/Accounts/${ID}`, `https://crm.zoho.com/crm/org699416994/tab/Accounts/${ID}`]) {
      const doc = page(`<h1 data-zcqa="entityName">40 pallet racks</h1><span data-zcqa="value_Account_Name"><a class="cxLookupViewWrapper" href="${href}">Initech Parts</a></span>`);
      expect(zohoAdapter.detect(doc, deal).context?.linkedRecords).toEqual([{ system: 'ZOHO', objectType: 'accounts', recordId: ID }]);
    }
  });

  it('ignores lookups to other modules, and an account’s own lookups', () => {
    const contactOnly = page('<h1 data-zcqa="entityName">40 pallet racks</h1><a class="cxLookupViewWrapper" href="/crm/org1/tab/Contacts/5725767000001234555">Dana</a>');
    expect(zohoAdapter.detect(contactOnly, deal).context?.linkedRecords).toBeUndefined();
    const account = new URL(`https://crm.zoho.com/crm/org1/tab/Accounts/${ID}`);
    const parent = page('<h1 data-zcqa="entityName">Initech Parts</h1><a class="cxLookupViewWrapper" href="/crm/org1/tab/Accounts/5725767000001230000">Initech Holdings</a>');
    expect(zohoAdapter.detect(parent, account).context?.linkedRecords).toBeUndefined();
  });

  it('falls back on the document title for the name, and still reports the missing header', () => {
    const result = zohoAdapter.detect(page('', 'Initech Parts - Zoho CRM'), deal);
    expect(result.context?.recordName).toBe('Initech Parts');
    expect(result.health?.missing).toEqual(['recordName']);
    expect(zohoAdapter.detect(page('', 'Zoho CRM'), deal).context?.recordName).toBeUndefined();
  });
});
