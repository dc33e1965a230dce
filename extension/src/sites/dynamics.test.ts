/**
 * Dynamics 365: every URL form the documentation and the community show, each case citing where it comes from.
 * Sources (short names used in the tables):
 * - LEARN: https://learn.microsoft.com/en-us/power-apps/developer/model-driven-apps/open-forms-views-dialogs-reports-url
 *   (main.aspx?etn=account&pagetype=entityrecord&id=%7B…%7D; appid / appname; entitylist views; navbar=off&cmdbar=false)
 * - CRM2015: https://learn.microsoft.com/en-us/previous-versions/dynamicscrm-2015/developers-guide/gg328483(v=crm.7)
 *   (on-premises http://mycrm/myOrg/main.aspx?etn=account&pagetype=entityrecord)
 * - CRM4: https://docs.microsoft.com/en-us/previous-versions/dynamics-crm4/developers-guide/cc150850(v=msdn.10)
 *   (SFA/accts/edit.aspx?id=…, SFA/conts, SFA/opps, CS/cases, UserDefined/edit.aspx?etn=…&id=…)
 * - TYPECODES: https://docs.microsoft.com/en-us/previous-versions/dynamics-crm4/developers-guide/bb887791(v=msdn.10)
 *   and http://www.antony-butcher.co.uk/2017/11/finding-dynamics-crm-entity-type-codes.html (1 account, 2 contact,
 *   3 opportunity, 4 lead, 112 incident; custom entities ≥ 10000, different in every organisation)
 * - MAGNETISM: https://blog.magnetismsolutions.com/blog/11-12-22/URL_Addressable_Forms_in_Microsoft_Dynamics_CRM_2011.aspx
 *   (main.aspx?etc=1&extraqs=%3f_gridType%3d1%26etc%3d1%26id%3d%257b…%257d%26rskey%3d…&pagetype=entityrecord)
 * - COMMUNITY: https://community.dynamics.com/forums/thread/details/?threadid=b033af0b-9293-4a7d-abf2-74b183e91b54
 *   (http://CRMServer/Organization/main.aspx?etc=4204&extraqs=…&histKey=…&newWindow=true&pagetype=entityrecord&rskey=…#370203527)
 * - SO: https://stackoverflow.com/questions/55441873 (etc=1084 quote / 1088 order with sitemappath; etc=1&id=%7b…%7d;
 *   "Same record in UCI": /apps/appname/main.aspx?etc=1&id=…; extraqs=formid%3d…)
 * - PUBLIC: public code building record links, e.g. main.aspx?appid=…&forceUCI=1&pagetype=entityrecord&etn=opportunity&id=…
 *   and main.aspx?appid=…&forceUCI=1&pagetype=entityrecord&etn=incident&id=…&formid=… (found by code search)
 * - LOOKUP: the live-inspected lookup DOM ("PowerApps Model-Driven App: Lookup & Choice Field Paste Strategies"):
 *   the selected tag is `div role="link" data-id="<field>.fieldControl-LookupResultsDropdown_<field>_selected_tag"`,
 *   name only; classic web client lookups: `span.ms-crm-Lookup-Item` with `oid` / `otype` (public Selenium helpers
 *   `#<lookup>_lookupDiv span.ms-crm-Lookup-Item[oid]`, CRM lookup scripts setting `oid`/`otype`).
 */
import { describe, expect, it } from 'vitest';
import { DYNAMICS_TYPE_CODES, dynamicsAdapter, parseDynamicsUrl } from './dynamics.js';
import { pickAdapter } from './index.js';
import { page } from './test-utils.js';

const GUID = '91330924-802a-4b0d-a900-34fd9d790829';
const UPPER = GUID.toUpperCase();
const parse = (href: string) => parseDynamicsUrl(new URL(href));

describe('parseDynamicsUrl: the forms of a record URL', () => {
  it.each([
    // [source, URL, objectType]
    ['LEARN', `https://myorg.crm.dynamics.com/main.aspx?etn=account&pagetype=entityrecord&id=%7B${UPPER}%7D`, 'account'],
    ['LEARN', `https://myorg.crm.dynamics.com/main.aspx?appid=00001111-aaaa-2222-bbbb-3333cccc4444&pagetype=entityrecord&etn=contact&id=${GUID}`, 'contact'],
    ['LEARN', `https://myorg.crm.dynamics.com/main.aspx?appname=msdyn_SolutionHealthHub&pagetype=entityrecord&etn=account&id=${GUID}`, 'account'],
    ['LEARN', `https://myorg.crm.dynamics.com/main.aspx?etn=contact&pagetype=entityrecord&id={${UPPER}}&navbar=off&cmdbar=false`, 'contact'],
    ['PUBLIC', `https://org.crm3.dynamics.com/main.aspx?appid=a5e9eec5-dda4-eb11-9441-000d3a848fc5&forceUCI=1&pagetype=entityrecord&etn=opportunity&id=${GUID}`, 'opportunity'],
    ['PUBLIC', `https://org.crm.dynamics.com/main.aspx?appid=101acb62-8d00-eb11-a813-000d3a8b3117&forceUCI=1&pagetype=entityrecord&etn=incident&id=${GUID}&formid=33fb74b3-86ac-4db6-9904-2ad75648175b`, 'incident'],
    ['LEARN (any table: custom logical names)', `https://org.crm4.dynamics.com/main.aspx?appid=1&pagetype=entityrecord&etn=new_project&id=${GUID}`, 'new_project'],
    ['LEARN (upper-case etn still names the table)', `https://org.crm.dynamics.com/main.aspx?etn=Lead&pagetype=entityrecord&id=${GUID}`, 'lead'],
    ['CRM2015 (on-premises /<org>/main.aspx)', `https://crm.northwind.example/NorthwindOrg/main.aspx?etn=account&pagetype=entityrecord&id=%7B${UPPER}%7D`, 'account'],
    ['SO (etc, no etn)', `https://myorg.crm.dynamics.com/main.aspx?etc=1&id=%7b${UPPER}%7d&pagetype=entityrecord`, 'account'],
    ['SO (UCI app path)', `https://myorg.crm.dynamics.com/apps/appname/main.aspx?etc=1&id=%7b${UPPER}%7d&pagetype=entityrecord`, 'account'],
    ['SO (formid inside extraqs)', `https://myorg.crm.dynamics.com/main.aspx?etc=1&id=%7b${UPPER}%7d&pagetype=entityrecord&extraqs=formid%3d6c70ab80-2410-e111-8811-d8d3855b354e`, 'account'],
    ['SO (quote, sitemappath)', `https://org.crm.dynamics.com/main.aspx?etc=1084&extraqs=&histKey=254156564&id=%7b${UPPER}%7d&newWindow=true&pagetype=entityrecord&sitemappath=SFA%7cCollateral%7cnav_quotes#765575448`, 'quote'],
    ['SO (order)', `https://org.crm.dynamics.com/main.aspx?etc=1088&extraqs=&histKey=653905533&id=%7b${UPPER}%7d&newWindow=true&pagetype=entityrecord&sitemappath=SFA%7cCollateral%7cnav_orders#817364929`, 'salesorder'],
    ['MAGNETISM (id only inside extraqs, braces encoded twice)', `https://roshan.crm5.dynamics.com/main.aspx?etc=1&extraqs=%3f_gridType%3d1%26etc%3d1%26id%3d%257b${UPPER}%257d%26rskey%3d817502540&pagetype=entityrecord`, 'account'],
    ['MAGNETISM (etn form of the same)', `https://roshan.crm5.dynamics.com/main.aspx?etn=account&extraqs=%3f_gridType%3d1%26etn%3daccount%26id%3d%257b${UPPER}%257d&pagetype=entityrecord`, 'account'],
    ['COMMUNITY (on-premises, extraqs, histKey, #hash)', `https://crmserver.northwind.example/Organization/main.aspx?etc=2&extraqs=%3f_gridType%3d2%26etc%3d2%26id%3d%257b${UPPER}%257d%26rskey%3d458296158&histKey=365805695&newWindow=true&pagetype=entityrecord&rskey=458296158#370203527`, 'contact'],
    ['TYPECODES 3', `https://org.crm.dynamics.com/main.aspx?etc=3&id=${GUID}&pagetype=entityrecord`, 'opportunity'],
    ['TYPECODES 4', `https://org.crm.dynamics.com/main.aspx?etc=4&id=${GUID}&pagetype=entityrecord`, 'lead'],
    ['TYPECODES 112', `https://org.crm.dynamics.com/main.aspx?etc=112&id=${GUID}&pagetype=entityrecord`, 'incident'],
    ['Unified Interface keeps the parameters after #', `https://org.crm.dynamics.com/main.aspx?appid=1#pagetype=entityrecord&etn=opportunity&id=${GUID}`, 'opportunity'],
    ['CRM4 account edit page', `https://northwind.crm.dynamics.com/SFA/accts/edit.aspx?id={${UPPER}}`, 'account'],
    ['CRM4 on-premises contact edit page', `https://crmserver.northwind.example/NorthwindOrg/SFA/conts/edit.aspx?id=%7B${UPPER}%7D`, 'contact'],
    ['CRM4 opportunity edit page', `https://northwind.crm.dynamics.com/SFA/opps/edit.aspx?id=${GUID}`, 'opportunity'],
    ['CRM4 case edit page', `https://northwind.crm.dynamics.com/CS/cases/edit.aspx?id=${GUID}`, 'incident'],
    ['CRM4 custom entity (UserDefined)', `https://northwind.crm.dynamics.com/userdefined/edit.aspx?etn=new_bankaccount&id=${GUID}`, 'new_bankaccount'],
  ])('%s: %s', (_source, href, objectType) => {
    expect(parse(href)).toEqual({ objectType, recordId: GUID });
  });

  it.each([
    ['LEARN: a view, not a record', `https://myorg.crm.dynamics.com/main.aspx?etn=opportunity&pagetype=entitylist&viewid=%7b00000000-0000-0000-00AA-000010003006%7d&viewtype=1039`],
    ['LEARN: a new record form has no id yet', 'https://mycrm/myOrg/main.aspx?etn=account&pagetype=entityrecord'],
    ['LEARN: an app, no record', 'https://myorg.crm.dynamics.com/main.aspx?appname=msdyn_SolutionHealthHub'],
    ['PUBLIC: a dashboard / web resource', `https://org.crm.dynamics.com/main.aspx?forceUCI=1&pagetype=webresource&webresourceName=x&id=${GUID}`],
    ['TYPECODES: a custom entity type code differs by organisation, so it names nothing', `https://org.crm.dynamics.com/main.aspx?etc=10102&id=${GUID}&pagetype=entityrecord`],
    ['not a GUID', 'https://org.crm.dynamics.com/main.aspx?pagetype=entityrecord&etn=account&id=not-a-guid'],
    ['not a logical name', `https://org.crm.dynamics.com/main.aspx?pagetype=entityrecord&etn=account%3Cx%3E&id=${GUID}`],
    ['not main.aspx', `https://org.crm.dynamics.com/other.aspx?etn=account&id=${GUID}`],
    ['CRM4: an unknown area', `https://org.crm.dynamics.com/SFA/quotes/edit.aspx?id=${GUID}`],
  ])('%s → nothing', (_what, href) => {
    expect(parse(href)).toBeNull();
  });

  it('knows the documented standard type codes', () => {
    expect(DYNAMICS_TYPE_CODES).toMatchObject({ '1': 'account', '2': 'contact', '3': 'opportunity', '4': 'lead' });
  });
});

describe('the Dynamics hosts', () => {
  it.each([
    'northwind.crm.dynamics.com',
    'northwind.crm4.dynamics.com',
    'northwind.crm21.dynamics.com',
    'northwind.crm9.dynamics.com',
    'northwind.crm.microsoftdynamics.us',
    'northwind.crm.appsplatform.us',
    'northwind.crm.dynamics.cn',
  ])('%s → dynamics', (hostname) => {
    expect(pickAdapter({ hostname }).name).toBe('dynamics');
  });

  it.each(['crm.dynamics.com.evil.example', 'northwind.crm13.dynamics.com', 'northwind.dynamics.com'])('%s → not dynamics', (hostname) => {
    expect(pickAdapter({ hostname }).name).not.toBe('dynamics');
  });
});

describe('the account a record belongs to', () => {
  const opportunity = new URL(`https://org.crm.dynamics.com/main.aspx?pagetype=entityrecord&etn=opportunity&id=${GUID}`);
  const ACCOUNT = '7b2f9c1e-4d3a-4e8b-9f6c-2a1b3c4d5e6f';
  const header = '<h1 data-id="header_title" title="40 pallet racks">40 pallet racks</h1>';
  const tag = (field: string, inner: string) =>
    `<div data-id="${field}"><div data-id="${field}.fieldControl-LookupResultsDropdown_${field}_selected_tag" role="link" title="Initech Parts">${inner}</div></div>`;

  it('reads nothing from a Unified Interface lookup tag that shows only a name (LOOKUP)', () => {
    const doc = page(header + tag('parentaccountid', 'Initech Parts'));
    expect(dynamicsAdapter.detect(doc, opportunity).context?.linkedRecords).toBeUndefined();
  });

  it('reads the account from a lookup tag that links to its form', () => {
    const link = `<a href="/main.aspx?appid=1&amp;pagetype=entityrecord&amp;etn=account&amp;id=%7B${ACCOUNT.toUpperCase()}%7D">Initech Parts</a>`;
    const doc = page(header + tag('parentaccountid', link));
    expect(dynamicsAdapter.detect(doc, opportunity).context?.linkedRecords).toEqual([{ system: 'DYNAMICS', objectType: 'account', recordId: ACCOUNT }]);
  });

  it('reads the classic web client’s lookup items (oid / otype, LOOKUP)', () => {
    const classic = `<div id="customerid_d"><span class="ms-crm-Lookup-Item" oid="{${ACCOUNT.toUpperCase()}}" otype="1">Initech Parts</span></div>`;
    const doc = page(header + classic);
    expect(dynamicsAdapter.detect(doc, opportunity).context?.linkedRecords).toEqual([{ system: 'DYNAMICS', objectType: 'account', recordId: ACCOUNT }]);
  });

  it('links the same account once, and never from an account’s own form', () => {
    const link = `<a href="/main.aspx?pagetype=entityrecord&amp;etn=account&amp;id=${ACCOUNT}">Initech Parts</a>`;
    const doc = page(header + tag('parentaccountid', link) + tag('customerid', link));
    expect(dynamicsAdapter.detect(doc, opportunity).context?.linkedRecords).toHaveLength(1);
    const account = new URL(`https://org.crm.dynamics.com/main.aspx?pagetype=entityrecord&etn=account&id=${GUID}`);
    expect(dynamicsAdapter.detect(doc, account).context?.linkedRecords).toBeUndefined();
  });

  it('strips the save state from a header without a title attribute', () => {
    const doc = page('<h1 data-id="header_title">Initech Parts - Unsaved</h1>');
    expect(dynamicsAdapter.detect(doc, opportunity).context?.recordName).toBe('Initech Parts');
  });
});
