import { describe, expect, it } from 'vitest';
import { censorUrl } from './censor-url.js';

describe('censorUrl', () => {
  it('keeps route words and opaque ids', () => {
    const urls = [
      'https://mail.google.com/mail/u/0/#inbox/FMfcgzQXJWBNlvZnjkqBfSTDvpsTkLmC',
      'https://northwind.lightning.force.com/lightning/r/Account/001Hs00003XyZabIAF/view',
      'https://app.hubspot.com/contacts/26712345/record/0-2/18598765432',
      'https://outlook.office.com/mail/inbox/id/AAQkADAwATM0MDAAMS1iNWUzLWE0ZGYtMDACLTAwCgAQAJs%2FEl3b%2BEtFrj1VzBiJ0Lk%3D',
      'https://northwind.crm4.dynamics.com/main.aspx?pagetype=entityrecord&etn=account&id=7b2f9c1e-4d3a-4e8b-9f6c-2a1b3c4d5e6f',
    ];
    for (const url of urls) expect(censorUrl(url)).toBe(url);
  });

  it('censors label names, searches and other typed text', () => {
    expect(censorUrl('https://mail.google.com/mail/u/0/#search/acme+overdue/FMfcgzQXJWBNlvZnjkqBfSTDvpsTkLmC')).toBe(
      'https://mail.google.com/mail/u/0/#search/:x/FMfcgzQXJWBNlvZnjkqBfSTDvpsTkLmC',
    );
    expect(censorUrl('https://mail.google.com/mail/u/0/#label/Customers%2FAcme%20Tools/FMfcgzQXJWBNlvZnjkqBfSTDvpsTkLmC')).toContain('#label/:x/');
    expect(censorUrl('https://crm.example/customers/acmetoolsincorporated')).toBe('https://crm.example/:x/:x');
    expect(censorUrl('https://crm.example/x?q=Acme%20Tools&etn=account&id=Acme%20Tools')).toBe('https://crm.example/:x?q=…&etn=account&id=…');
  });

  it('still produces a valid URL', () => {
    expect(() => new URL(censorUrl('https://a.example/ü/%%/?ä=ö#x y'))).not.toThrow();
  });
});
