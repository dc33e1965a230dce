import { describe, expect, it } from 'vitest';
import { creatableDomains, hasCreatableCompany, suggestedAccountName } from './page-company';

const ctx = (domains: string[], extra = {}) => ({ site: 'gmail', pageType: 'thread', emails: [], domains, url: 'https://x.example/', ...extra });

describe('page company', () => {
  it('drops consumer mailbox domains and duplicates', () => {
    expect(creatableDomains(ctx(['gmail.com', 'acme.example', 'acme.example']))).toEqual(['acme.example']);
  });
  it('needs a company domain or a CRM record', () => {
    expect(hasCreatableCompany(ctx(['gmail.com']))).toBe(false);
    expect(hasCreatableCompany(ctx([], { crmRecord: { system: 'HUBSPOT', objectType: 'company', recordId: '42' } }))).toBe(true);
    expect(hasCreatableCompany(null)).toBe(false);
  });
  it('suggests the CRM name, else the domain', () => {
    expect(suggestedAccountName(ctx(['acme.example'], { recordName: ' Acme Corp ' }))).toBe('Acme Corp');
    expect(suggestedAccountName(ctx(['acme.example']))).toBe('Acme');
    expect(suggestedAccountName(ctx([]))).toBe('');
  });
});
