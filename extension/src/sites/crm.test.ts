import { describe, expect, it } from 'vitest';
import { dynamicsAdapter, parseDynamicsUrl } from './dynamics.js';
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

describe('parseDynamicsUrl', () => {
  const guid = '7b2f9c1e-4d3a-4e8b-9f6c-2a1b3c4d5e6f';
  it.each([
    [`?pagetype=entityrecord&etn=account&id=${guid}`, '', { objectType: 'account', recordId: guid }],
    [`?etn=Contact&id=%7B${guid.toUpperCase()}%7D`, '', { objectType: 'contact', recordId: guid }],
    ['?appid=1', `#pagetype=entityrecord&etn=opportunity&id=${guid}`, { objectType: 'opportunity', recordId: guid }],
    [`?pagetype=entitylist&etn=account&id=${guid}`, '', null],
    [`?pagetype=entityrecord&etn=incident&id=${guid}`, '', null],
    ['?pagetype=entityrecord&etn=account&id=not-a-guid', '', null],
  ])('%s%s', (search, hash, expected) => {
    expect(parseDynamicsUrl({ pathname: '/main.aspx', search, hash })).toEqual(expected);
  });

  it('only on main.aspx, and strips the save state from a header without a title attribute', () => {
    expect(parseDynamicsUrl({ pathname: '/other.aspx', search: `?etn=account&id=${guid}`, hash: '' })).toBeNull();
    const doc = page('<h1 data-id="header_title">Initech Parts - Unsaved</h1>');
    const url = new URL(`https://org.crm4.dynamics.com/main.aspx?etn=account&id=${guid}`);
    expect(dynamicsAdapter.detect(doc, url).context?.recordName).toBe('Initech Parts');
  });
});
