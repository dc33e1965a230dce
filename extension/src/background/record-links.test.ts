// @vitest-environment node
import type { PageContext } from '@earshot/shared';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { beforeEach, describe, expect, it } from 'vitest';
import { salesforceAdapter } from '../sites/salesforce.js';
import { isCustomerRecord, MAX_REMEMBERED_RECORDS, objectWords, pageHint, RecordLinks } from './record-links.js';

const ORG = 'https://northwind.lightning.force.com/';
const page = (objectType: string, recordId: string, linked: string[], system: 'SALESFORCE' | 'HUBSPOT' = 'SALESFORCE'): PageContext => ({
  site: system.toLowerCase(),
  pageType: 'record',
  emails: [],
  domains: [],
  crmRecord: { system, objectType, recordId },
  ...(linked.length ? { linkedRecords: linked.map((id) => ({ system, objectType: system === 'SALESFORCE' ? 'Account' : 'company', recordId: id })) } : {}),
  url: ORG,
});

describe('RecordLinks', () => {
  beforeEach(() => fakeBrowser.reset());

  it('remembers a record’s accounts under its canonical key (15- and 18-character ids alike) and adds them where none show', async () => {
    const links = new RecordLinks();
    expect(await links.remember(page('Opportunity', '0065f00000KqZxY', ['001A0000006Vm9rIAC']))).toBe(true);
    expect(await links.remember(page('Opportunity', '0065f00000KqZxYAAV', ['001A0000006Vm9rIAC']))).toBe(false); // nothing new
    const related = { ...page('Opportunity', '0065f00000kqzxyaav', []), pageType: 'related-list' };
    expect((await links.withRemembered(related)).linkedRecords).toEqual([{ system: 'SALESFORCE', objectType: 'Account', recordId: '001A0000006Vm9rIAC' }]);
    // A page that shows accounts of its own keeps them; an account page is the customer itself.
    const own = page('Opportunity', '0065f00000KqZxYAAV', ['001000000000001AAA']);
    expect(await links.withRemembered(own)).toBe(own);
    expect(await links.remember(page('Account', '001A0000006Vm9rIAC', ['001000000000001AAA']))).toBe(false);
  });

  it('keeps the 500 records used last, and comes back from storage.session after a worker restart', async () => {
    const links = new RecordLinks();
    for (let i = 0; i < MAX_REMEMBERED_RECORDS + 20; i++) await links.remember(page('deal', String(i), ['9'], 'HUBSPOT'));
    expect(links.size).toBe(MAX_REMEMBERED_RECORDS);
    const restarted = new RecordLinks();
    expect(await restarted.linksOf({ system: 'HUBSPOT', objectType: 'deal', recordId: '5' }, ORG)).toBeUndefined(); // the oldest went
    expect(await restarted.linksOf({ system: 'HUBSPOT', objectType: '0-3', recordId: '519' }, ORG)).toEqual([{ system: 'HUBSPOT', objectType: 'company', recordId: '9' }]);
    await restarted.clear();
    expect(await new RecordLinks().linksOf({ system: 'HUBSPOT', objectType: 'deal', recordId: '519' }, ORG)).toBeUndefined();
  });

  it('a console related list opened under an account workspace (`?ws=`) in a fresh session: no account, the hint', async () => {
    // An outside tester's URL: the workspace tab names an account that is not the opportunity's. The Salesforce reader
    // never reports `ws` as a linked record, so nothing is remembered or guessed until the opportunity is opened.
    const url = new URL(
      'https://northwind.lightning.force.com/lightning/r/Opportunity/006Hs00000ZzYyXIAV/related/OpportunityContactRoles/view?ws=%2Flightning%2Fr%2FAccount%2F001Hs00003XyZabIAF%2Fview',
    );
    const empty = { title: '', querySelector: () => null, querySelectorAll: () => [] } as unknown as Document; // this file runs in node
    const context = salesforceAdapter.detect(empty, url).context!;
    const links = new RecordLinks();
    expect(await links.remember(context)).toBe(false);
    expect(await links.withRemembered(context)).toBe(context);
    expect(pageHint(context)).toEqual({ kind: 'related-list', object: 'opportunity' });
  });

  // No reader reports linked records from a URL any more (Salesforce's `ws` is not one); the worker still refuses them.
  it('never remembers accounts taken from the URL, and lets what the page itself showed win over them', async () => {
    const links = new RecordLinks();
    const crafted = { ...page('Opportunity', '006Hs00000ZzYyXIAV', ['001Hs00003HoOlIIAV']), linkedRecordsFromUrl: true };
    expect(await links.remember(crafted)).toBe(false);
    expect(links.size).toBe(0);
    expect(await links.withRemembered(crafted)).toBe(crafted);
    expect(await links.remember(page('Opportunity', '006Hs00000ZzYyXIAV', ['001Hs00003XyZabIAF']))).toBe(true);
    const viewed = await links.withRemembered(crafted);
    expect(viewed.linkedRecords).toEqual([{ system: 'SALESFORCE', objectType: 'Account', recordId: '001Hs00003XyZabIAF' }]);
    expect(viewed).not.toHaveProperty('linkedRecordsFromUrl');
  });

  it('keeps each CRM org’s records apart: the same record id on another host is another record', async () => {
    const links = new RecordLinks();
    expect(await links.remember(page('Opportunity', '006Hs00000ZzYyXIAV', ['001Hs00003XyZabIAF']))).toBe(true);
    const elsewhere = { ...page('Opportunity', '006Hs00000ZzYyXIAV', []), url: 'https://other-org.lightning.force.com/lightning/r/Opportunity/006Hs00000ZzYyXIAV/view' };
    expect(await links.withRemembered(elsewhere)).toBe(elsewhere);
    expect(await links.linksOf({ system: 'SALESFORCE', objectType: 'Opportunity', recordId: '006Hs00000ZzYyXIAV' }, 'https://other-org.lightning.force.com/')).toBeUndefined();
    expect(await links.linksOf({ system: 'SALESFORCE', objectType: 'Opportunity', recordId: '006Hs00000ZzYyXIAV' }, ORG)).toHaveLength(1);
  });
});

describe('pageHint', () => {
  it('names the record in words, and says nothing for accounts, for pages with people, or with an account', () => {
    expect(pageHint({ ...page('Opportunity', '0065f00000KqZxYAAV', []), pageType: 'related-list' })).toEqual({ kind: 'related-list', object: 'opportunity' });
    expect(pageHint(page('ns__Invoice__c', 'a0B5f00000XyZ12EAF', []))).toEqual({ kind: 'no-account', object: 'invoice' });
    expect(pageHint(page('Account', '001A0000006Vm9rIAC', []))).toBeUndefined();
    expect(pageHint(page('Opportunity', '0065f00000KqZxYAAV', ['001A0000006Vm9rIAC']))).toBeUndefined();
    expect(pageHint({ ...page('Contact', '0035f00000bRtUvAAK', []), emails: ['ann@initech.example'] })).toBeUndefined();
    expect(pageHint(null)).toBeUndefined();
  });

  it.each([
    ['Opportunity', 'opportunity'],
    ['Invoice__c', 'invoice'],
    ['ns__Service_Contract__c', 'service contract'],
    ['incident', 'case'],
    ['salesorder', 'order'],
    ['potentials', 'deal'],
    ['custommodule3', 'record'],
    ['2-1234567', 'record'],
    ['person', 'contact'],
  ])('%s → %s', (objectType, words) => {
    expect(objectWords(objectType)).toBe(words);
  });

  it('names the record in the panel’s own words for its CRM (HubSpot 0-3 deal, Zoho Deals, Dynamics incident)', () => {
    expect(objectWords('0-3', 'HUBSPOT')).toBe('deal');
    expect(objectWords('Deals', 'ZOHO')).toBe('deal');
    expect(objectWords('incident', 'DYNAMICS')).toBe('case');
    expect(objectWords('CustomModule7', 'ZOHO')).toBe('record');
  });

  it('knows each CRM’s customer record type', () => {
    expect(isCustomerRecord({ system: 'HUBSPOT', objectType: '0-2', recordId: '1' })).toBe(true);
    expect(isCustomerRecord({ system: 'ZOHO', objectType: 'Accounts', recordId: '1' })).toBe(true);
    expect(isCustomerRecord({ system: 'PIPEDRIVE', objectType: 'organization', recordId: '1' })).toBe(true);
    expect(isCustomerRecord({ system: 'DYNAMICS', objectType: 'opportunity', recordId: '1' })).toBe(false);
  });
});
