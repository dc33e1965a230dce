import { describe, expect, it } from 'vitest';
import { parseHubspotPath } from './hubspot.js';
import { parsePipedrivePath } from './pipedrive.js';
import { parseSalesforcePath, salesforceAdapter } from './salesforce.js';
import { page } from './test-utils.js';

describe('parseSalesforcePath', () => {
  it.each([
    ['/lightning/r/Account/001Hs00003XyZabIAF/view', { objectType: 'Account', recordId: '001Hs00003XyZabIAF' }],
    ['/lightning/r/Contact/003Hs00001AbCdE/view', { objectType: 'Contact', recordId: '003Hs00001AbCdE' }],
    ['/lightning/r/Opportunity/006Hs00000ZzYyXIAV/view/', { objectType: 'Opportunity', recordId: '006Hs00000ZzYyXIAV' }],
    ['/lightning/r/Lead/00QHs00000ZzYyXIAV/view', null],
    ['/lightning/r/Account/001Hs00003XyZabIAF/related/Contacts/view', null],
    ['/lightning/o/Account/list', null],
    ['/lightning/r/Account/001Hs0000/view', null],
  ])('%s', (path, expected) => expect(parseSalesforcePath(path)).toEqual(expected));

  it('takes the record name from the tab title only when it names the same object', () => {
    const url = new URL('https://x.lightning.force.com/lightning/r/Account/001Hs00003XyZabIAF/view');
    expect(salesforceAdapter.detect(page('', 'Acme | Tools | Account | Salesforce'), url).context?.recordName).toBe('Acme | Tools');
    expect(salesforceAdapter.detect(page('', 'Acme Tools | Contact | Salesforce'), url).health?.missing).toEqual(['recordName']);
  });
});

describe('parseHubspotPath', () => {
  it.each([
    ['/contacts/26712345/company/185', { portalId: '26712345', objectType: 'company', recordId: '185' }],
    ['/contacts/26712345/contact/951', { portalId: '26712345', objectType: 'contact', recordId: '951' }],
    ['/contacts/26712345/record/0-2/185/view/1', { portalId: '26712345', objectType: 'company', recordId: '185' }],
    ['/contacts/26712345/record/0-1/951', { portalId: '26712345', objectType: 'contact', recordId: '951' }],
    ['/contacts/26712345/record/0-3/77', null],
    ['/contacts/26712345/objects/0-2/views/all/list', null],
  ])('%s', (path, expected) => expect(parseHubspotPath(path)).toEqual(expected));
});

describe('parsePipedrivePath', () => {
  it.each([
    ['/organization/4821', { objectType: 'organization', recordId: '4821' }],
    ['/person/9153/activity', { objectType: 'person', recordId: '9153' }],
    ['/deal/77', null],
    ['/organizations/list', null],
  ])('%s', (path, expected) => expect(parsePipedrivePath(path)).toEqual(expected));
});
