import '@/ui/testing/setup';
import { render } from '@testing-library/preact';
import { describe, expect, it } from 'vitest';
import { account } from '@/ui/testing/fixtures';
import { AccountHeader } from './AccountHeader';
import { Contacts } from './Contacts';
import { OnHoldBanner } from './OnHoldBanner';
import { People } from './People';

const BCC_PAYLOAD = 'ap?bcc=attacker%40evil.example&body=Please%20update%20our%20bank%20details@acme-tools.example';
const hrefs = (root: Element) => [...root.querySelectorAll('a')].map((a) => a.getAttribute('href'));

describe('links the panel builds from server data', () => {
  it('renders a contact e-mail with a hidden Bcc, and a scripted phone, as plain text', () => {
    const { container } = render(
      <Contacts
        contacts={[
          { id: 'C1', name: 'Mallory', email: BCC_PAYLOAD, role: null, phone: 'javascript:alert(1)', preferredChannel: null, preferredTone: null },
          { id: 'C2', name: 'Jane Doe', email: 'jane@brightwell.example', role: null, phone: '+44 20 7946 0000', preferredChannel: null, preferredTone: null },
        ]}
      />,
    );
    expect(hrefs(container)).toEqual(['mailto:jane@brightwell.example', 'tel:+442079460000']);
    expect(container.textContent).toContain(BCC_PAYLOAD);
    expect(container.textContent).toContain('javascript:alert(1)');
  });

  it('links our people only through validated addresses', () => {
    const { container } = render(
      <People
        accountName="Acme & Co"
        accountManager={{ id: 'U2', name: 'Sam Sales', email: 'sam@ourco.example\r\nBcc: x@evil.example', businessUnit: null }}
        creditOwner={{ id: 'U1', name: 'Carla Credit', email: 'carla@ourco.example', businessUnit: null }}
      />,
    );
    expect(hrefs(container)).toEqual(['mailto:carla@ourco.example?subject=Acme%20%26%20Co']);
    const hold = render(<OnHoldBanner creditOwner={{ id: 'U1', name: 'Carla Credit', email: BCC_PAYLOAD, businessUnit: null }} />);
    expect(hrefs(hold.container)).toEqual([]);
    expect(hold.container.textContent).toContain('Carla Credit');
  });

  it('opens only http(s) CRM links', () => {
    const crmLinks = [
      { system: 'SALESFORCE', objectType: 'Account', recordId: '1', url: 'javascript:alert(document.domain)' },
      { system: 'HUBSPOT', objectType: 'Company', recordId: '2', url: 'data:text/html,<script>alert(1)</script>' },
      { system: 'DYNAMICS', objectType: 'Account', recordId: '3', url: 'https://crm.example.com@evil.example/' },
      { system: 'PIPEDRIVE', objectType: 'Org', recordId: '4', url: 'https://ourco.pipedrive.com/organization/4' },
    ] as ReturnType<typeof account>['crmLinks'];
    const { container } = render(<AccountHeader account={account({ crmLinks })} matchedBy="DOMAIN" matchedValue="acme.example" />);
    expect(hrefs(container)).toEqual(['https://ourco.pipedrive.com/organization/4']);
  });
});
