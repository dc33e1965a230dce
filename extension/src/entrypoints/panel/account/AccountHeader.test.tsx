import '@/ui/testing/setup';
import { render, screen } from '@testing-library/preact';
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
});
