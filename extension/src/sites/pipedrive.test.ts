/**
 * Pipedrive: every host and URL form the adapter recognises, each row with its source. Sources are Pipedrive's
 * documentation and public projects that read or link Pipedrive pages; `find_string id …` marks public code found by
 * exact search whose repository the search does not name (quoted in the row).
 */
import { describe, expect, it } from 'vitest';
import { pickAdapter } from './index.js';
import { parsePipedrivePath, pipedriveAdapter } from './pipedrive.js';
import { page } from './test-utils.js';

const DETAIL = 'https://support.pipedrive.com/hc/lv/articles/360000106249-Detail-View';
const UUID = '3f2b8c1e-7a4d-11ee-b962-0242ac120002';

describe('Pipedrive hosts', () => {
  it.each([
    ['northwind.pipedrive.com', 'pipedrive', 'ToucanToco/wttj2pipedrive README.md (`https://<company>.pipedrive.com`); clockify/browser-extension src/integrations/integrations.json (*://*.pipedrive.com/*)'],
    ['app.pipedrive.com', 'pipedrive', '`https://app.pipedrive.com/deal/<dealId>` (find_string id 71375045383)'],
    ['pipedrive.com.evil.example', 'generic', 'not a Pipedrive host'],
  ])('%s → %s (%s)', (hostname, adapter, _source) => {
    expect(pickAdapter({ hostname }).name).toBe(adapter);
  });
});

describe('parsePipedrivePath', () => {
  it.each([
    ['/deal/1207', { objectType: 'deal', recordId: '1207' }, `${DETAIL} (deal detail view); ToucanToco/wttj2pipedrive README.md (deal id in the deal page URL); https://guexi.pipedrive.com/deal/<id> (find_string id 41157272773)`],
    ['/deal/1207/', { objectType: 'deal', recordId: '1207' }, 'trailing slash'],
    ['/organization/4821', { objectType: 'organization', recordId: '4821' }, `${DETAIL} (organization detail view); clockify/browser-extension selectors.json contactView`],
    ['/person/9153', { objectType: 'person', recordId: '9153' }, `${DETAIL} (person detail view)`],
    ['/person/9153/activity', { objectType: 'person', recordId: '9153' }, 'a tab after the id'],
    [`/leads/inbox/${UUID}`, { objectType: 'lead', recordId: UUID }, 'https://developers.pipedrive.com/docs/api/v1/Leads (UUID ids, Leads Inbox); deep link `https://{subdomain}.pipedrive.com/leads/inbox/{leadId}` (find_string ids 56181661944, 60001286416)'],
    [`/leads/inbox/${UUID.toUpperCase()}`, { objectType: 'lead', recordId: UUID }, 'UUIDs are case-insensitive'],
    ['/leads/inbox', null, 'the inbox list'],
    ['/leads/inbox/A', null, 'lead ids are UUIDs'],
    ['/pipeline/3', null, 'the pipeline board (ToucanToco/wttj2pipedrive README.md)'],
    ['/organizations/list', null, 'a list'],
    ['/deal/abc', null, 'deal ids are numeric'],
  ])('%s (%s)', (path, expected, _source) => expect(parsePipedrivePath(path)).toEqual(expected));
});

describe('pipedriveAdapter', () => {
  const at = (path: string) => new URL(`https://northwind.pipedrive.com${path}`);

  it('links a deal to its organization first, then its person, once each, on this host only', () => {
    const doc = page(
      `<main><div data-testid="header-title"><div class="cui5-editable-text__input">Restock</div></div>
       <a href="/person/9153">Ann</a><a href="/organization/4820">Acme</a><a href="https://northwind.pipedrive.com/organization/4820">Acme</a>
       <a href="https://other.pipedrive.com/organization/1">Elsewhere</a><a href="/organization/4820/deals">Acme deals</a></main>`,
    );
    expect(pipedriveAdapter.detect(doc, at('/deal/1207')).context?.linkedRecords).toEqual([
      { system: 'PIPEDRIVE', objectType: 'organization', recordId: '4820' },
      { system: 'PIPEDRIVE', objectType: 'person', recordId: '9153' },
    ]);
  });

  it('takes a person’s or organization’s name from the tab title, never a deal’s', () => {
    const doc = page('<div class="detailView"><div class="content"></div></div>', 'Ann Buyer - contact details');
    expect(pipedriveAdapter.detect(doc, at('/person/9153')).context?.recordName).toBe('Ann Buyer');
    expect(pipedriveAdapter.detect(doc, at('/deal/1207')).health?.missing).toEqual(['recordName']);
  });

  it('links an organization to nothing', () => {
    const doc = page('<div class="detailView"><a href="/person/1">P</a><a href="/organization/2">Parent</a></div>', 'Org - contact details');
    expect(pipedriveAdapter.detect(doc, at('/organization/3')).context?.linkedRecords).toBeUndefined();
  });
});
