import { describe, expect, it } from 'vitest';
import { buildContext, MAX_IDENTIFIERS } from './context.js';

const base = { site: 'gmail', pageType: 'thread', url: 'https://mail.google.com/mail/u/0/#inbox/x' };

describe('buildContext', () => {
  it('normalises, de-duplicates and keeps first-seen order', () => {
    const ctx = buildContext({ ...base, emails: [' Ann@Acme.Example ', 'ap@acme.example', 'ann@acme.example', 'not an address', null] });
    expect(ctx).toMatchObject({ emails: ['ann@acme.example', 'ap@acme.example'], domains: ['acme.example'] });
  });

  it('keeps a free-mail address but never its domain', () => {
    const ctx = buildContext({ ...base, emails: ['ann.private@gmail.com', 'carl@globex.example'] });
    expect(ctx).toMatchObject({ emails: ['ann.private@gmail.com', 'carl@globex.example'], domains: ['globex.example'] });
  });

  it("drops the user's own address, and their company domain unless it is free mail", () => {
    const own = ['Jane@Northwind.example'];
    const ctx = buildContext({ ...base, own, emails: ['jane@northwind.example', 'tom@northwind.example', 'ann@acme.example'] });
    expect(ctx).toMatchObject({ emails: ['tom@northwind.example', 'ann@acme.example'], domains: ['acme.example'] });
    const freeOwn = buildContext({ ...base, own: ['jane@gmail.com'], emails: ['jane@gmail.com', 'ann@gmail.com'] });
    expect(freeOwn).toMatchObject({ emails: ['ann@gmail.com'], domains: [] });
  });

  it('is null when only the user is on the page', () => {
    expect(buildContext({ ...base, own: ['jane@northwind.example'], emails: ['jane@northwind.example'] })).toBeNull();
    expect(buildContext({ ...base })).toBeNull();
  });

  it('derives domains from website fields, and keeps a CRM record even with nothing else', () => {
    const crmRecord = { system: 'HUBSPOT' as const, objectType: 'company', recordId: '42' };
    expect(buildContext({ ...base, websites: ['https://www.Acme.example/about', 'not a site'] })?.domains).toEqual(['acme.example']);
    expect(buildContext({ ...base, crmRecord, recordName: '  Acme \n Tools ' })).toMatchObject({ crmRecord, recordName: 'Acme Tools', emails: [] });
    expect(buildContext({ ...base, crmRecord, recordName: '   ' })).not.toHaveProperty('recordName');
  });

  it('passes linked records through when there are any, at most 10, and a linked record alone is enough', () => {
    const account = (n: number) => ({ system: 'SALESFORCE' as const, objectType: 'Account', recordId: `001Hs00003XyZa${String(n).padStart(2, '0')}IAF` });
    const crmRecord = { system: 'SALESFORCE' as const, objectType: 'Opportunity', recordId: '006Hs00000ZzYyXIAV' };
    expect(buildContext({ ...base, crmRecord, linkedRecords: [account(1)] })).toMatchObject({ crmRecord, linkedRecords: [account(1)] });
    expect(buildContext({ ...base, crmRecord, linkedRecords: [] })).not.toHaveProperty('linkedRecords');
    expect(buildContext({ ...base, crmRecord })).not.toHaveProperty('linkedRecords');
    const many = Array.from({ length: 12 }, (_, i) => account(i));
    expect(buildContext({ ...base, linkedRecords: many })?.linkedRecords).toEqual(many.slice(0, 10));
  });

  it('drops explicitly excluded domains (a webmail host)', () => {
    expect(buildContext({ ...base, emails: ['jane@northwind.example', 'ann@acme.example'], ownDomains: ['northwind.example'] })?.domains).toEqual([
      'acme.example',
    ]);
  });

  it('stays within what the service worker accepts', () => {
    const many = Array.from({ length: 500 }, (_, i) => `p${i}@c${i}.example`);
    const ctx = buildContext({ ...base, emails: many, recordName: 'x'.repeat(1000), url: `https://a.example/${'p'.repeat(5000)}?q=1` })!;
    expect(ctx.emails).toHaveLength(MAX_IDENTIFIERS);
    expect(ctx.domains).toHaveLength(MAX_IDENTIFIERS);
    expect(ctx.recordName).toHaveLength(300);
    expect(ctx.url.length).toBeLessThanOrEqual(4096);
    expect(ctx.url.startsWith('https://a.example/')).toBe(true);
  });
});
