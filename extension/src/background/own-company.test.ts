// @vitest-environment node
import type { PageContext } from '@earshot/shared';
import { describe, expect, it } from 'vitest';
import { isOwnDomain, ownDomainSet, withoutOwnCompany } from './own-company.js';

const thread = (emails: string[], domains: string[]): PageContext => ({
  site: 'gmail',
  pageType: 'thread',
  emails,
  domains,
  url: 'https://mail.google.com/mail/u/0/#inbox/FMfcg',
});

describe('own company', () => {
  const own = { domains: ['northwind-supplies.example', 'Northwind.example.'], userEmail: 'Jane.Seller@northwind-mail.example' };

  it('knows its own domains and their sub-domains, not look-alikes', () => {
    const set = ownDomainSet(own);
    expect(set).toEqual(['northwind-supplies.example', 'northwind.example', 'northwind-mail.example']);
    expect(isOwnDomain('eu.northwind-supplies.example', set)).toBe(true);
    expect(isOwnDomain('NORTHWIND.example', set)).toBe(true);
    expect(isOwnDomain('notnorthwind.example', set)).toBe(false);
    expect(isOwnDomain('northwind.example.evil.example', set)).toBe(false);
  });

  it('leaves out addresses and domains at own domains, the user’s address and its domain, keeping customers', () => {
    const context = thread(
      ['billing@umbrella.example', 'ops@eu.northwind-supplies.example', 'jane.seller@northwind-mail.example', 'cfo@northwind.example'],
      ['umbrella.example', 'eu.northwind-supplies.example', 'northwind-mail.example'],
    );
    expect(withoutOwnCompany(context, own)).toMatchObject({ emails: ['billing@umbrella.example'], domains: ['umbrella.example'] });
  });

  it('drops only the address of a user signed in with free mail, and answers null when only “us” is on the page', () => {
    const free = { domains: [], userEmail: 'jane@gmail.com' };
    expect(withoutOwnCompany(thread(['jane@gmail.com', 'bob@gmail.com'], []), free)?.emails).toEqual(['bob@gmail.com']);
    expect(withoutOwnCompany(thread(['ops@northwind-supplies.example'], ['northwind-supplies.example']), own)).toBeNull();
    const record = { ...thread(['ops@northwind-supplies.example'], []), crmRecord: { system: 'SALESFORCE', objectType: 'Account', recordId: '001000000000001AAA' } };
    expect(withoutOwnCompany(record as PageContext, own)).toMatchObject({ emails: [], crmRecord: { recordId: '001000000000001AAA' } });
  });
});
