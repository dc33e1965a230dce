import '@/ui/testing/setup';
import { render, screen } from '@testing-library/preact';
import type { CrmSystem } from '@earshot/shared';
import { describe, expect, it } from 'vitest';
import { account } from '@/ui/testing/fixtures';
import { AccountHeader, matchWords } from './AccountHeader';

const crmLinks = [
  { system: 'SALESFORCE', objectType: 'account', recordId: '001Hs00003InItCIAV', url: 'https://ourco.lightning.force.com/lightning/r/Account/001Hs00003InItCIAV/view' },
  { system: 'HUBSPOT', objectType: 'company', recordId: '991', url: null },
] as ReturnType<typeof account>['crmLinks'];

describe('AccountHeader: why the panel matched this customer, in words', () => {
  it('says the page’s own CRM record by system and object type, the raw id only in the tooltip', () => {
    render(<AccountHeader account={account({ crmLinks })} matchedBy="CRM_RECORD" matchedValue="SALESFORCE:001Hs00003InItCIAV" />);
    const line = screen.getByTestId('matched-by');
    expect(line.textContent).toBe('Matched by its Salesforce account record');
    expect(line.getAttribute('title')).toBe('Salesforce record 001Hs00003InItCIAV');
    expect(line.closest('p')?.textContent).not.toContain('SALESFORCE:');
  });

  it('says a record the page’s record is linked to as such', () => {
    render(
      <AccountHeader
        account={account({ crmLinks })}
        matchedBy="CRM_RECORD"
        matchedValue="SALESFORCE:001Hs00003InItCIAV"
        pageRecord={{ system: 'SALESFORCE', objectType: 'Opportunity', recordId: '0065f00000KqZxYAAV' }}
      />,
    );
    expect(screen.getByTestId('matched-by').textContent).toBe('Matched by the Salesforce account record this opportunity is linked to');
  });

  it('covers every kind of match', () => {
    const acc = account({ crmLinks });
    expect(matchWords('CONTACT_EMAIL', 'ana@brightwell.example', acc)).toEqual({ text: 'its contact', value: 'ana@brightwell.example' });
    expect(matchWords('DOMAIN', 'brightwell.example', acc)).toEqual({ text: 'its domain', value: 'brightwell.example' });
    expect(matchWords('CRM_RECORD', 'HUBSPOT:991', acc, { system: 'HUBSPOT', objectType: '0-2', recordId: '991' }).text).toBe('its HubSpot company record');
    // A record the card does not list (no object type known) still reads in words.
    expect(matchWords('CRM_RECORD', 'DYNAMICS:{A1B2}', acc)).toMatchObject({ text: 'its Dynamics record', value: '' });
    expect(matchWords('CRM_RECORD', 'OTHER:X-1', acc).text).toBe('its CRM record');
    render(<AccountHeader account={acc} matchedBy="CONTACT_EMAIL" matchedValue="ana@brightwell.example" />);
    expect(screen.getByTestId('matched-by').textContent).toBe('Matched by its contact ana@brightwell.example');
  });

  // [system, the customer record's object type as the card lists it, the page's record type, what the panel says]
  it.each<[CrmSystem, string, string, string]>([
    ['SALESFORCE', 'Account', 'Opportunity', 'the Salesforce account record this opportunity is linked to'],
    ['SALESFORCE', 'Account', 'ns__Invoice__c', 'the Salesforce account record this invoice is linked to'],
    ['SALESFORCE', 'Customer__c', 'ServiceContract', 'the Salesforce customer record this service contract is linked to'],
    ['HUBSPOT', 'company', '0-3', 'the HubSpot company record this deal is linked to'],
    ['HUBSPOT', '0-2', '0-5', 'the HubSpot company record this ticket is linked to'],
    ['HUBSPOT', 'company', '2-1234567', 'the HubSpot company record this record is linked to'],
    ['DYNAMICS', 'account', 'opportunity', 'the Dynamics account record this opportunity is linked to'],
    ['DYNAMICS', 'account', 'incident', 'the Dynamics account record this case is linked to'],
    ['DYNAMICS', 'account', 'salesorder', 'the Dynamics account record this order is linked to'],
    ['ZOHO', 'accounts', 'deals', 'the Zoho CRM account record this deal is linked to'],
    ['ZOHO', 'Accounts', 'Potentials', 'the Zoho CRM account record this deal is linked to'],
    ['ZOHO', 'Accounts', 'Contacts', 'the Zoho CRM account record this contact is linked to'],
    ['ZOHO', 'Accounts', 'Leads', 'the Zoho CRM account record this lead is linked to'],
    ['ZOHO', 'Accounts', 'CustomModule3', 'the Zoho CRM account record this record is linked to'],
    ['ZOHO', 'CustomModule2', 'Deals', 'the Zoho CRM record this deal is linked to'],
    ['PIPEDRIVE', 'organization', 'deal', 'the Pipedrive organization record this deal is linked to'],
    ['PIPEDRIVE', 'organization', 'person', 'the Pipedrive organization record this contact is linked to'],
    ['PIPEDRIVE', 'organization', 'lead', 'the Pipedrive organization record this lead is linked to'],
  ])('%s: a %s record linked from a %s reads “%s”', (system, objectType, pageType, text) => {
    const acc = account({ crmLinks: [{ system, objectType, recordId: '4150868000000622001', url: null }] as ReturnType<typeof account>['crmLinks'] });
    expect(matchWords('CRM_RECORD', `${system}:4150868000000622001`, acc, { system, objectType: pageType, recordId: '4150868000000645123' }).text).toBe(text);
  });

  it.each<[CrmSystem, string, string]>([
    ['SALESFORCE', 'Account', 'its Salesforce account record'],
    ['HUBSPOT', '0-2', 'its HubSpot company record'],
    ['DYNAMICS', 'account', 'its Dynamics account record'],
    ['ZOHO', 'Accounts', 'its Zoho CRM account record'],
    ['PIPEDRIVE', 'organization', 'its Pipedrive organization record'],
  ])('%s: the page’s own %s record reads “%s”', (system, objectType, text) => {
    const acc = account({ crmLinks: [] });
    expect(matchWords('CRM_RECORD', `${system}:4150868000000622001`, acc, { system, objectType, recordId: '4150868000000622001' }).text).toBe(text);
  });
});
