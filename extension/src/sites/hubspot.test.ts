/**
 * HubSpot: every host and URL form the adapter recognises, each row with its source. Sources are HubSpot's developer
 * documentation and public projects that read HubSpot pages; `find_string id …` marks public code found by exact
 * search whose repository the search does not name (quoted in the row).
 */
import { describe, expect, it } from 'vitest';
import { hubspotAdapter, parseHubspotPath } from './hubspot.js';
import { pickAdapter } from './index.js';
import { page } from './test-utils.js';

const OBJ_IDS = 'https://developers.hubspot.com/docs/api-reference/latest/crm/objects/deals/object-definition';
const UI_DOMAIN = 'https://developers.hubspot.com/docs/api-reference/legacy/account/account-information/get-account-details';
/**
 * HubSpot's own account of its data centres: each "Hublet" is a full copy of the platform named by a geographic
 * identifier and a number (na1, eu1, …), product.hubspot.com/blog/developing-an-eu-data-center ("Our Journey to
 * Multi-Region: An Introduction", 2022-03); its routing is by Hublet-specific host names, an EU customer using
 * app-eu1.hubspot.com (blog.catmedia.ie/transforming-data-processing-an-insight-into-hubspots-hublet-architecture,
 * 2023-04, summarising that series). The account-info API names a portal's host (`uiDomain`) and Hublet
 * (`dataHostingLocation`, UI_DOMAIN). HubSpot's developer blog (REGIONS, read 2026-12) places the product in the US,
 * Canada, Australia and the EU, five regions. No HubSpot page or public repository found lists na2, na3 and ap1 by
 * host name (searched 2026-12: developer docs, knowledge base, product and developer blogs, HubSpot's own repositories,
 * public extensions' manifests, issue threads): those rows also cite public code found by exact search
 * (`find_string id …`), whose repository and path the search does not name.
 */
const HUBLETS = 'product.hubspot.com/blog/developing-an-eu-data-center (Hublets na1, eu1…: app-<hublet>.hubspot.com)';
/** HubSpot's developer blog (read 2026-12): the product hosted in the US, Canada, Australia and the EU, five regions. */
const REGIONS = 'developers.hubspot.com/blog/minimizing-latency-a-guide-to-high-performance-app-cards-on-hubspot (US, Canada, Australia, EU: five regions)';

describe('HubSpot app hosts', () => {
  it.each([
    ['app.hubspot.com', 'hubspot', 'uiDomain of an na1 account; anishpdalal/hashy-chrome-extension src/pages/Content/index.js'],
    ['app-na1.hubspot.com', 'hubspot', `${HUBLETS}: na1, the original US Hublet, at its Hublet host as well as app.hubspot.com`],
    ['app-na2.hubspot.com', 'hubspot', `${HUBLETS}; ${REGIONS} (the blog does not place na2; five regions are one more than na1, na3, eu1, ap1); ` + '`https://app-na2.hubspot.com/contacts/39668252/record/0-3/` (find_string id 60812816536); uiDomain "app-na2.hubspot.com" (id 52194492226)'],
    ['app-na3.hubspot.com', 'hubspot', `${HUBLETS}; ${REGIONS} (Canada); ` + '`https://app-na3.hubspot.com/contacts/343328749/record/0-1/…` (find_string id 60400232563); na3, Montréal data centre (id 70491834379)'],
    ['app-eu1.hubspot.com', 'hubspot', `${HUBLETS}; ${UI_DOMAIN} (example uiDomain "app-eu1.hubspot.com")`],
    ['app-ap1.hubspot.com', 'hubspot', `${HUBLETS}; ${REGIONS} (Australia); ` + 'uiDomain "app-ap1.hubspot.com", dataHostingLocation "ap1" (find_string id 62978618008); record/0-3 links (id 55334363879)'],
    ['APP-EU1.HUBSPOT.COM', 'hubspot', 'host names are case-insensitive'],
    ['www.hubspot.com', 'generic', 'the marketing site, no CRM records'],
    ['app-eu1.hubspot.com.evil.example', 'generic', 'not a HubSpot host'],
    ['app-xx9.hubspot.example', 'generic', 'not a HubSpot host'],
  ])('%s → %s (%s)', (hostname, adapter, _source) => {
    expect(pickAdapter({ hostname }).name).toBe(adapter);
  });
});

describe('parseHubspotPath', () => {
  const rec = (objectType: string, recordId: string, portalId = '26712345') => ({ portalId, objectType, recordId });
  it.each([
    // Current record URLs: /contacts/<portal>/record/<objectTypeId>/<id> for every object.
    ['/contacts/26712345/record/0-1/95012345', rec('contact', '95012345'), `${OBJ_IDS} (0-1 contact); clockify/browser-extension src/integrations/hubspot.js`],
    ['/contacts/26712345/record/0-2/185/view/1', rec('company', '185'), `${OBJ_IDS} (0-2 company); toggl/track-extension src/content/hubspot.js`],
    ['/contacts/147506535/record/0-3/420466980027', rec('deal', '420466980027', '147506535'), `${OBJ_IDS} (0-3 deal); "HubSpot URL Parser" example app-eu1 …/record/0-3/… (search: code)`],
    ['/contacts/26712345/record/0-5/7788/', rec('ticket', '7788'), `${OBJ_IDS} (0-5 ticket)`],
    ['/contacts/26712345/record/0-136/88', rec('lead', '88'), `${OBJ_IDS} (0-136 lead)`],
    ['/contacts/26712345/record/0-410/12', rec('0-410', '12'), 'https://developers.hubspot.com/docs/guides/crm/using-object-apis (0-410 courses; other standard objects keep their id)'],
    ['/contacts/26712345/record/2-3453932/41234567', rec('2-3453932', '41234567'), 'https://developers.hubspot.com/docs/api/crm/understanding-the-crm (custom objects "2-3453932"); https://developers.hubspot.com/docs/api-reference/crm-custom-objects-v3/guide'],
    ['/contacts/26712345/record/0-3/77/view/2', rec('deal', '77'), 'record tabs are /view/<n> (toggl/track-extension, clockify/browser-extension read the record id before them)'],
    // Legacy record URLs.
    ['/contacts/0000011/contact/00001', rec('contact', '00001', '0000011'), 'p1ng-request/docs templates/HubSpot/HubSpot_Get_contact_from_URL.md'],
    ['/contacts/6332498/company/185', rec('company', '185', '6332498'), 'ForestAdmin/documentation reference-guide/integrations/hubspot/create-a-hubspot-company.md'],
    ['/contacts/7358632/deal/55/', rec('deal', '55', '7358632'), 'getHubSpotDealUrl `https://app.hubspot.com/contacts/<portal>/deal/<dealId>/` (search: code); userscript /(record\\/(0-\\d+)|(ticket|deal))/ (find_string id 71469603937)'],
    ['/contacts/26712345/ticket/66', rec('ticket', '66'), 'userscript /contacts/(\\d+)/(?:record/(0-\\d+)|(ticket|deal))/(\\d+)/ (find_string id 71469603937)'],
    // Not a record page.
    ['/contacts/26712345/objects/0-2/views/all/list', null, 'index page (jrlepic/hs-jonathan-lima-foundations-practicum README.md)'],
    ['/contacts/47330922/objects/2-43508353/views/all/list', null, 'custom object index page (jrlepic/hs-jonathan-lima-foundations-practicum README.md)'],
    ['/contacts/26712345/lists/12', null, 'a list'],
    ['/contacts/26712345/record/0-2/', null, 'no record id'],
    ['/contacts/26712345/record/0-2/abc', null, 'record ids are numeric'],
    ['/contacts/26712345/record/3-1/5', null, 'no such object type id family'],
    ['/sales/26712345/deal/5', null, 'not a documented record URL'],
  ])('%s (%s)', (path, expected, _source) => expect(parseHubspotPath(path)).toEqual(expected));
});

describe('hubspotAdapter', () => {
  const at = (path: string, host = 'app.hubspot.com') => new URL(`https://${host}${path}`);
  const title = '<span data-selenium-test="highlightTitle">Acme Tools spring restock</span>';
  const table = (links: string) => `<div data-selenium-test="card-id-ASSOCIATION_TABLE/0-2"><table><tr><td>${links}</td></tr></table></div>`;

  it('links a deal to its associated companies once each, only in the same portal, at most 10', () => {
    const links = [
      '<a href="/contacts/26712345/record/0-2/1">A</a>',
      '<a href="/contacts/26712345/company/1">A again</a>',
      '<a href="https://app.hubspot.com/contacts/99999999/record/0-2/2">Other portal</a>',
      '<a href="/contacts/26712345/record/0-1/3">A contact</a>',
      ...Array.from({ length: 12 }, (_, i) => `<a href="/contacts/26712345/record/0-2/${100 + i}">C${i}</a>`),
    ].join('');
    const ctx = hubspotAdapter.detect(page(title + table(links)), at('/contacts/26712345/record/0-3/77')).context!;
    expect(ctx.linkedRecords?.map((r) => r.recordId)).toEqual(['1', '100', '101', '102', '103', '104', '105', '106', '107', '108']);
    expect(ctx.linkedRecords?.[0]).toEqual({ system: 'HUBSPOT', objectType: 'company', recordId: '1' });
  });

  it('links a ticket through the older company chicklet card', () => {
    const chicklet = '<a data-selenium-test="company-chicklet-title-link" href="/contacts/26712345/company/18512345678">Umbrella</a>';
    const ctx = hubspotAdapter.detect(page(title + chicklet), at('/contacts/26712345/ticket/66')).context!;
    expect(ctx.crmRecord).toEqual({ system: 'HUBSPOT', objectType: 'ticket', recordId: '66' });
    expect(ctx.linkedRecords).toEqual([{ system: 'HUBSPOT', objectType: 'company', recordId: '18512345678' }]);
  });

  it('gives a company page no linked records, and a record without associations none either', () => {
    const companyPage = hubspotAdapter.detect(page(title + table('<a href="/contacts/26712345/record/0-2/5">Parent</a>')), at('/contacts/26712345/record/0-2/4'));
    expect(companyPage.context?.linkedRecords).toBeUndefined();
    expect(hubspotAdapter.detect(page(title), at('/contacts/26712345/record/0-3/4')).context?.linkedRecords).toBeUndefined();
  });

  it('reads nothing on a page that is not a record', () => {
    expect(hubspotAdapter.detect(page(title), at('/contacts/26712345/objects/0-3/views/all/list'))).toEqual({ context: null });
  });
});
