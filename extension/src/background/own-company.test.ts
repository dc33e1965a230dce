// @vitest-environment node
import type { PageContext } from '@earshot/shared';
import { describe, expect, it } from 'vitest';
import { isOwnDomain, OWN_DOMAINS_MAX_AGE_MS, OwnDomainsReader, ownDomainSet, withoutOwnCompany } from './own-company.js';

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

describe('OwnDomainsReader', () => {
  /** A server whose answers the test releases one by one, and a clock the test moves. */
  const setup = () => {
    const clock = { at: Date.parse('2026-12-05T10:00:00Z') };
    const stored = { domains: ['northwind.example'] as readonly string[], checkedAt: clock.at };
    const pending: { resolve: (answer: readonly string[] | 'failed') => void }[] = [];
    const reader = new OwnDomainsReader({
      now: () => clock.at,
      known: async () => ({ ...stored }),
      store: async (domains, checkedAt) => {
        stored.domains = domains;
        stored.checkedAt = checkedAt;
      },
      read: () => new Promise((resolve) => pending.push({ resolve })),
    });
    return { clock, stored, pending, reader };
  };
  const waitForReads = async (pending: unknown[], n: number) => {
    for (let i = 0; i < 50 && pending.length < n; i++) await new Promise((r) => setTimeout(r, 0));
    expect(pending).toHaveLength(n);
  };

  it('shares a running read with a caller for whom it is fresh enough', async () => {
    const { clock, pending, reader } = setup();
    clock.at += OWN_DOMAINS_MAX_AGE_MS + 1;
    const first = reader.refresh();
    await waitForReads(pending, 1);
    clock.at += 10_000;
    const second = reader.refresh(); // 15 minutes is fine with a read that started 10 s ago
    pending[0]!.resolve(['northwind.example', 'northwind-supplies.example']);
    expect(await first).toBe(true);
    expect(await second).toBe(true);
    expect(pending).toHaveLength(1);
  });

  it('starts a fresh read for a caller asking for newer data than the running read’s start, and keeps only the newest answer', async () => {
    const { clock, stored, pending, reader } = setup();
    clock.at += OWN_DOMAINS_MAX_AGE_MS + 1;
    const pageReport = reader.refresh(); // a page report's 15-minute check
    await waitForReads(pending, 1);
    clock.at += 2_000;
    const optionsPage = reader.refresh(0); // the options page opens: the list as it is now
    await waitForReads(pending, 2);
    // The ADMIN removed a domain between the two reads; the older answer arrives last.
    pending[1]!.resolve(['northwind.example']);
    expect(await optionsPage).toBe(false);
    pending[0]!.resolve(['northwind.example', 'northwind-old.example']);
    expect(await pageReport).toBe(false); // the newer read's answer counts
    expect(stored.domains).toEqual(['northwind.example']);
  });

  it('after a failure waits a minute, except for a caller asking for fresh data', async () => {
    const { clock, pending, reader } = setup();
    clock.at += OWN_DOMAINS_MAX_AGE_MS + 1;
    const first = reader.refresh();
    await waitForReads(pending, 1);
    pending[0]!.resolve('failed');
    expect(await first).toBe(false);
    clock.at += 30_000;
    expect(await reader.refresh()).toBe(false);
    expect(pending).toHaveLength(1);
    const fresh = reader.refresh(0);
    await waitForReads(pending, 2);
    pending[1]!.resolve(['northwind.example']);
    expect(await fresh).toBe(false);
  });
});
