/**
 * Salesforce URL forms and hosts, each row with where the form comes from (documentation or public code that reads
 * Salesforce URLs). The page reading itself is tested on the reconstructions in fixtures/salesforce.ts.
 */
import { describe, expect, it } from 'vitest';
import { SF_SOURCES } from './fixtures/salesforce.js';
import { parseSalesforceUrl, type SalesforceRecordUrl, salesforceAdapter } from './salesforce.js';
import { page } from './test-utils.js';

const SRC = {
  ...SF_SOURCES,
  lwcRecipesEdit: 'https://www.mintlify.com/trailheadapps/lwc-recipes/components/navigation/to-record (actionName view and edit)',
  lwcRecipesRelated: 'https://www.mintlify.com/trailheadapps/lwc-recipes/components/navigation/to-related-list (standard__recordRelationshipPage)',
  bareLinks: 'public Playwright scraper: list views link /lightning/r/{RecordId}/view, Salesforce redirects (found with find_string)',
  bareRelated: 'public Selenium test: /lightning/r/{recordId}/related/Activities__r/view (found with find_string)',
  consoleRelated: 'public Selenium test: /lightning/r/Case/<id>/related/MessagesDossier__r/view?ws=%2Flightning%2Fr%2FCase%2F<id>%2Fview (found with find_string)',
  oneAppQuery: 'https://gist.github.com/bethbrains/e5772fd0f15cae8da5578dab708bfd05 (#/sObject/<id>/view?fv0=…)',
  listViews: 'github.com/kimngan1011/lesson-test tests/utils/url.ts (/lightning/o/<Object>/list, /lightning/o/<Object>/new)',
  caseSafeId: 'shared/src/crm-records.ts salesforceId18 (Salesforce CASESAFEID algorithm)',
} as const;

type Row = [form: string, path: string, expected: SalesforceRecordUrl | null, source: string];

const rec = (objectType: string | null, recordId: string, pageType: SalesforceRecordUrl['pageType'] = 'record'): SalesforceRecordUrl => ({
  objectType,
  recordId,
  pageType,
});

const ROWS: Row[] = [
  // Lightning, object in the path
  ['standard object, 18-character id', '/lightning/r/Account/001Hs00003XyZabIAF/view', rec('Account', '001Hs00003XyZabIAF'), SRC.domainCreator],
  ['15-character id → 18 characters', '/lightning/r/Contact/003Hs00001AbCdE/view', rec('Contact', '003Hs00001AbCdEIAV'), `${SRC.pageReference}; ${SRC.caseSafeId}`],
  ['18-character id with a wrongly cased suffix', '/lightning/r/Contact/003Hs00001AbCdEiav/view', rec('Contact', '003Hs00001AbCdEIAV'), SRC.caseSafeId],
  ['edit action', '/lightning/r/Opportunity/006Hs00000ZzYyXIAV/edit', rec('Opportunity', '006Hs00000ZzYyXIAV'), SRC.lwcRecipesEdit],
  ['trailing slash', '/lightning/r/Opportunity/006Hs00000ZzYyXIAV/view/', rec('Opportunity', '006Hs00000ZzYyXIAV'), SRC.pageReference],
  ['Lead', '/lightning/r/Lead/00QHs00000LdAbCMAV/view', rec('Lead', '00QHs00000LdAbCMAV'), SRC.pageReference],
  ['Case', '/lightning/r/Case/500Hs00000CsEaAIAV/view', rec('Case', '500Hs00000CsEaAIAV'), SRC.pageReference],
  ['custom object', '/lightning/r/Invoice__c/a0BHs00000InV01MAF/view', rec('Invoice__c', 'a0BHs00000InV01MAF'), SRC.inspector],
  ['namespaced custom object', '/lightning/r/ns__Invoice__c/a0BHs00000InV01/view', rec('ns__Invoice__c', 'a0BHs00000InV01MAF'), SRC.inspector],
  // Record sub-pages
  ['related list', '/lightning/r/Account/001Hs00003XyZabIAF/related/Contacts/view', rec('Account', '001Hs00003XyZabIAF', 'related-list'), SRC.lwcRecipesRelated],
  ['custom related list', '/lightning/r/Case/500Hs00000CsEaA/related/MessagesDossier__r/view', rec('Case', '500Hs00000CsEaAIAV', 'related-list'), SRC.consoleRelated],
  ['related list without the object', '/lightning/r/001Hs00003XyZabIAF/related/Contacts/view', rec('Account', '001Hs00003XyZabIAF', 'related-list'), SRC.bareRelated],
  // Lightning without the object: the key prefix says which
  ['no object segment: Account', '/lightning/r/001Hs00003XyZabIAF/view', rec('Account', '001Hs00003XyZabIAF'), `${SRC.bareLinks}; ${SRC.keyPrefixes}`],
  ['no object segment: Contact', '/lightning/r/003Hs00001AbCdE/view', rec('Contact', '003Hs00001AbCdEIAV'), `${SRC.bareLinks}; ${SRC.keyPrefixes}`],
  ['no object segment: Opportunity', '/lightning/r/006Hs00000ZzYyX/view', rec('Opportunity', '006Hs00000ZzYyXIAV'), SRC.keyPrefixes],
  ['no object segment: Lead', '/lightning/r/00QHs00000LdAbC/view', rec('Lead', '00QHs00000LdAbCMAV'), SRC.keyPrefixes],
  ['no object segment: Case', '/lightning/r/500Hs00000CsEaA/view', rec('Case', '500Hs00000CsEaAIAV'), SRC.keyPrefixes],
  ['no object segment: custom object (prefix not standard)', '/lightning/r/a0BHs00000InV01/view', rec(null, 'a0BHs00000InV01MAF'), SRC.keyPrefixes],
  // one.app
  ['one.app hash form', '/one/one.app#/sObject/a0f1a000003yDoIAAU/view', rec(null, 'a0f1a000003yDoIAAU'), SRC.wikiEdu],
  ['one.app hash form, standard object', '/one/one.app#/sObject/003Hs00001CaRlX/view', rec('Contact', '003Hs00001CaRlXIAV'), `${SRC.inspector}; ${SRC.keyPrefixes}`],
  ['one.app hash without /view', '/one/one.app#/sObject/001Hs00003XyZabIAF', rec('Account', '001Hs00003XyZabIAF'), SRC.inspector],
  ['one.app hash with a query', '/one/one.app#/sObject/001Hs00003XyZab/view?fv0=1', rec('Account', '001Hs00003XyZabIAF'), SRC.oneAppQuery],
  // Classic
  ['Classic /<15-character id>', '/a0f1a000003yGxg', rec(null, 'a0f1a000003yGxgAAE'), SRC.wikiEdu],
  ['Classic /<15-character id> of an account', '/001A0000006Vm9r', rec('Account', '001A0000006Vm9rIAC'), `${SRC.inspector}; ${SRC.caseSafeId}`],
  ['Classic /<18-character id> with search position', '/001A0000006Vm9rIAC?srPos=0&srKp=001', rec('Account', '001A0000006Vm9rIAC'), SRC.wikiEdu],
  ['Classic edit page /<id>/e', '/001A0000006Vm9r/e', rec('Account', '001A0000006Vm9rIAC'), SRC.classicReaders],
  // Not record pages
  ['object list', '/lightning/o/Account/list?filterName=Recent', null, SRC.listViews],
  ['new record', '/lightning/o/Contact/new?count=1', null, SRC.listViews],
  ['home page', '/lightning/page/home', null, SRC.pageReference],
  ['setup', '/lightning/setup/SetupOneHome/home', null, SRC.inspector],
  ['Classic object tab', '/001/o', null, SRC.keyPrefixes],
  ['Classic home', '/home/home.jsp', null, SRC.classicReaders],
  ['id too short', '/lightning/r/Account/001Hs0000/view', null, SRC.pageReference],
  ['id of 16 characters', '/lightning/r/Account/001Hs00003XyZabI/view', null, SRC.caseSafeId],
  ['one.app without a record', '/one/one.app#/home', null, SRC.inspector],
];

describe('parseSalesforceUrl: every URL form, with its source', () => {
  it.each(ROWS)('%s: %s', (_form, path, expected, source) => {
    expect(source.length, 'every form cites its source').toBeGreaterThan(10);
    const url = new URL(`https://northwind.lightning.force.com${path}`);
    expect(parseSalesforceUrl(url)).toEqual(expected);
  });

  it('console apps: the path is the focused tab, `ws` its workspace tab', () => {
    // SRC.consoleWs: `/lightning/r/Account/0011X…/view?ws=%2Flightning%2Fr%2FLead%2F00Q1X…%2Fview` (sandbox console).
    const sub = new URL('https://northwind--uat.sandbox.lightning.force.com/lightning/r/Contact/003Hs00001AbCdE/view?ws=%2Flightning%2Fr%2FAccount%2F001Hs00003XyZabIAF%2Fview');
    expect(parseSalesforceUrl(sub)).toEqual({ ...rec('Contact', '003Hs00001AbCdEIAV'), workspace: { objectType: 'Account', recordId: '001Hs00003XyZabIAF' } });
    // SRC.consoleRelated: a related list of the workspace's own record names no other workspace.
    const own = new URL('https://northwind.lightning.force.com/lightning/r/Case/500Hs00000CsEaA/related/MessagesDossier__r/view?ws=%2Flightning%2Fr%2FCase%2F500Hs00000CsEaAIAV%2Fview');
    expect(parseSalesforceUrl(own)).toEqual(rec('Case', '500Hs00000CsEaAIAV', 'related-list'));
  });

  it('console apps: Salesforce’s own example console URL — the focused subtab in the path, the workspace tab in `ws`, `ctabs` not read', () => {
    // SRC.consoleUrlDocs: openConsoleUrl()'s example, verbatim, from the page references [workspace …QXAA4, subtab
    // …QWAA4, focused subtab …QYAA4] given to generateConsoleUrl().
    const documented = new URL(
      'https://northwind.lightning.force.com/lightning/r/Account/001xx000003DGQYAA4/view?ws=%2Flightning%2Fr%2FAccount%2F001xx000003DGQXAA4%2Fview&ctabs=%2Flightning%2Fr%2FAccount%2F001xx000003DGQWAA4%2Fview&activectab=2',
    );
    expect(parseSalesforceUrl(documented)).toEqual({ ...rec('Account', '001xx000003DGQYAA4'), workspace: { objectType: 'Account', recordId: '001xx000003DGQXAA4' } });
  });
});

describe('Salesforce hosts', () => {
  it.each([
    ['northwind.lightning.force.com', true, SF_SOURCES.domainCreator],
    ['northwind--uat.sandbox.lightning.force.com', true, SF_SOURCES.urlFormats],
    ['northwind-dev-ed.develop.lightning.force.com', true, SF_SOURCES.myDomainConsiderations],
    ['site-power-1234.scratch.lightning.force.com', true, SF_SOURCES.urlFormats],
    ['northwind.my.salesforce.com', true, SF_SOURCES.urlFormats],
    ['northwind--uat.sandbox.my.salesforce.com', true, SF_SOURCES.sandboxHosts],
    ['northwind-dev-ed.develop.my.salesforce.com', true, SF_SOURCES.myDomainConsiderations],
    ['site-power-1234.scratch.my.salesforce.com', true, SF_SOURCES.urlFormats],
    ['na1.salesforce.com', true, SF_SOURCES.myDomainConsiderations],
    ['eu12.salesforce.com', true, SF_SOURCES.myDomainConsiderations],
    ['cs54.salesforce.com', true, SF_SOURCES.wikiEdu],
    ['northwind.lightning.force.mil', true, SF_SOURCES.inspector],
    ['northwind.lightning.crmforce.mil', true, SF_SOURCES.inspector],
    ['northwind.my.site.com', false, SF_SOURCES.urlFormats],
    ['lightning.force.com.evil.example', false, 'host check'],
    ['salesforce.com.evil.example', false, 'host check'],
  ])('%s → %s', (hostname, expected, source) => {
    expect(source).toBeTruthy();
    expect(salesforceAdapter.matchesHost(hostname)).toBe(expected);
  });
});

describe('salesforceAdapter.detect', () => {
  const at = (href: string) => new URL(href);

  it('takes the record name from the tab title only when it names the same object', () => {
    const url = at('https://x.lightning.force.com/lightning/r/Account/001Hs00003XyZabIAF/view');
    expect(salesforceAdapter.detect(page('', 'Acme | Tools | Account | Salesforce'), url).context?.recordName).toBe('Acme | Tools');
    expect(salesforceAdapter.detect(page('', 'Acme Tools | Contact | Salesforce'), url).health?.missing).toEqual(['recordName']);
    // Classic titles: `Account: Acme Tools ~ Salesforce - Enterprise Edition`.
    const classic = at('https://northwind.my.salesforce.com/001Hs00003XyZab');
    expect(salesforceAdapter.detect(page('', 'Account: Acme Tools ~ Salesforce - Enterprise Edition'), classic).context?.recordName).toBe('Acme Tools');
  });

  it('reads a custom object’s API name from the page’s field hooks when the URL has only its id', () => {
    const doc = page(
      '<h1><lightning-formatted-text slot="primaryField">INV-1</lightning-formatted-text></h1>' +
        '<records-record-layout-item data-target-selection-name="sfdc:RecordField.ns__Invoice__c.ns__Customer__c">' +
        '<force-lookup><a href="/lightning/r/001Hs00003HoOlI/view">Hooli</a></force-lookup></records-record-layout-item>',
    );
    const ctx = salesforceAdapter.detect(doc, at('https://x.lightning.force.com/lightning/r/a0BHs00000InV01/view')).context;
    expect(ctx?.crmRecord).toEqual({ system: 'SALESFORCE', objectType: 'ns__Invoice__c', recordId: 'a0BHs00000InV01MAF' });
    expect(ctx?.linkedRecords).toEqual([{ system: 'SALESFORCE', objectType: 'Account', recordId: '001Hs00003HoOlIIAV' }]);
  });

  it('on a related-list page: the record only, and no health report for the missing name', () => {
    const doc = page('<records-record-layout-item field-label="Account Name"><a href="/lightning/r/Account/001Hs00003HoOlIIAV/view">x</a></records-record-layout-item>');
    const result = salesforceAdapter.detect(doc, at('https://x.lightning.force.com/lightning/r/Opportunity/006Hs00000ZzYyX/related/OpportunityLineItems/view'));
    expect(result).toEqual({
      context: {
        site: 'salesforce',
        pageType: 'related-list',
        url: 'https://x.lightning.force.com/lightning/r/Opportunity/006Hs00000ZzYyX/related/OpportunityLineItems/view',
        emails: [],
        domains: [],
        crmRecord: { system: 'SALESFORCE', objectType: 'Opportunity', recordId: '006Hs00000ZzYyXIAV' },
      },
    });
  });

  it('a console subtab opened under an account workspace is not linked to that account by the URL; an account page never lists other accounts', () => {
    const doc = page('<h1><lightning-formatted-text slot="primaryField">Case 1</lightning-formatted-text></h1>');
    const sub = at('https://x.lightning.force.com/lightning/r/Case/500Hs00000CsEaA/view?ws=%2Flightning%2Fr%2FAccount%2F001Hs00003HoOlI%2Fview');
    const ctx = salesforceAdapter.detect(doc, sub).context;
    expect(ctx?.crmRecord).toEqual({ system: 'SALESFORCE', objectType: 'Case', recordId: '500Hs00000CsEaAIAV' });
    expect(ctx).not.toHaveProperty('linkedRecords');
    expect(ctx).not.toHaveProperty('linkedRecordsFromUrl');
    const acct = at('https://x.lightning.force.com/lightning/r/Account/001Hs00003XyZab/view?ws=%2Flightning%2Fr%2FAccount%2F001Hs00003HoOlI%2Fview');
    expect(salesforceAdapter.detect(doc, acct).context).not.toHaveProperty('linkedRecords');
  });

  it('never takes the `ws` workspace tab for the record’s account: the page’s own lookup counts, a related list has none', () => {
    // A crafted link: the opportunity's own page shows its Account lookup; `ws` names another customer's account.
    const doc = page(
      '<h1><lightning-formatted-text slot="primaryField">Big Deal</lightning-formatted-text></h1>' +
        '<records-record-layout-item field-label="Account Name"><a href="/lightning/r/Account/001Hs00003XyZabIAF/view">Acme</a></records-record-layout-item>',
    );
    const crafted = at('https://x.lightning.force.com/lightning/r/Opportunity/006Hs00000ZzYyX/view?ws=%2Flightning%2Fr%2FAccount%2F001Hs00003HoOlI%2Fview');
    const ctx = salesforceAdapter.detect(doc, crafted).context;
    expect(ctx?.linkedRecords).toEqual([{ system: 'SALESFORCE', objectType: 'Account', recordId: '001Hs00003XyZabIAF' }]);
    expect(ctx).not.toHaveProperty('linkedRecordsFromUrl');
    // The tester's URL: the opportunity's Contact Roles opened under an account workspace, in a fresh session. The
    // workspace (001Hs00003XyZabIAF) is not the opportunity's account: the related list has no linked record, so the
    // worker shows the hint to open the opportunity once.
    const related = at(
      'https://x.lightning.force.com/lightning/r/Opportunity/006Hs00000ZzYyXIAV/related/OpportunityContactRoles/view?ws=%2Flightning%2Fr%2FAccount%2F001Hs00003XyZabIAF%2Fview',
    );
    const list = salesforceAdapter.detect(page(''), related).context;
    expect(list).toMatchObject({ pageType: 'related-list', crmRecord: { system: 'SALESFORCE', objectType: 'Opportunity', recordId: '006Hs00000ZzYyXIAV' } });
    expect(list).not.toHaveProperty('linkedRecords');
    expect(list).not.toHaveProperty('linkedRecordsFromUrl');
  });

  it('keeps at most 10 linked accounts', () => {
    const links = Array.from({ length: 12 }, (_, i) => `<records-record-layout-item><a href="/001Hs00003Acc${String(i).padStart(2, '0')}">a</a></records-record-layout-item>`).join('');
    const doc = page(`<h1><lightning-formatted-text slot="primaryField">Deal</lightning-formatted-text></h1>${links}`);
    expect(salesforceAdapter.detect(doc, at('https://x.lightning.force.com/lightning/r/Opportunity/006Hs00000ZzYyX/view')).context?.linkedRecords).toHaveLength(10);
  });

  it('ignores pages that are not records', () => {
    expect(salesforceAdapter.detect(page('<h1>Home</h1>'), at('https://help.salesforce.com/s/articleView?id=sf.domain_name_overview.htm'))).toEqual({ context: null });
    expect(salesforceAdapter.detect(page('<h1>Home</h1>'), at('https://northwind.lightning.force.com/lightning/page/home'))).toEqual({ context: null });
  });
});
