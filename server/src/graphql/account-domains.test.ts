/**
 * addAccountDomains (issue 11): the panel's "Add these domains to an existing account". Each domain on its own merits:
 * the addable ones are added together, and the answer says of every domain sent what became of it, typed (outcome,
 * refusal, the other account) so the extension never parses error strings.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { storedFreeMailWarning } from '../services/accounts.js';
import { DB_KINDS } from '../test-support/databases.js';
import { errorCodes, ok, startTestServer, type TestServer } from '../test-support/server.js';

const CREATE = /* GraphQL */ `
  mutation ($input: CreateAccountInput!) { createAccount(input: $input) { account { id } } }
`;
const ADD = /* GraphQL */ `
  mutation ($i: AddAccountDomainsInput!) {
    addAccountDomains(input: $i) { account { id name domains } results { domain outcome refusal otherAccount { id name } } }
  }
`;
const DOMAINS = /* GraphQL */ `
  query ($id: ID!) { account(id: $id) { domains } }
`;
const SET_OWN = /* GraphQL */ `
  mutation ($d: [String!]) { updateWorkspaceSettings(input: { ownDomains: $d }) { workspaceSettings { ownDomains } } }
`;

describe.each(DB_KINDS)('addAccountDomains on %s', (kind) => {
  let s: TestServer;
  let acme: string;
  let group: string;
  const domainsOf = async (id: string) => ok(await s.as('ADMIN')(DOMAINS, { id })).account.domains as string[];

  beforeAll(async () => {
    s = await startTestServer(kind);
    const credit = s.as('CREDIT');
    acme = ok(await credit(CREATE, { input: { name: 'Acme Tools', domains: ['acme.example'] } })).createAccount.account.id;
    group = ok(await credit(CREATE, { input: { name: 'Acme Group Ltd', domains: ['acme-group.example'] } })).createAccount.account.id;
    ok(await s.as('ADMIN')(SET_OWN, { d: ['northwind.example'] }));
  });
  afterAll(() => s?.close());

  it('adds what it can and says of every domain what became of it, in the order sent', async () => {
    const r = ok(
      await s.as('CREDIT')(ADD, {
        i: { accountId: acme, domains: ['Acme-Trading.example', 'acme.example', 'acme-group.example', 'sales.northwind.example', 'not a domain', 'acme-trading.example'] },
      }),
    );
    expect(r.addAccountDomains.results).toEqual([
      { domain: 'acme-trading.example', outcome: 'ADDED', refusal: null, otherAccount: null },
      { domain: 'acme.example', outcome: 'ALREADY_ON_ACCOUNT', refusal: null, otherAccount: null },
      { domain: 'acme-group.example', outcome: 'REFUSED', refusal: 'OTHER_ACCOUNT', otherAccount: { id: group, name: 'Acme Group Ltd' } },
      { domain: 'sales.northwind.example', outcome: 'REFUSED', refusal: 'OWN_DOMAIN', otherAccount: null },
      { domain: 'not a domain', outcome: 'REFUSED', refusal: 'INVALID', otherAccount: null },
    ]);
    expect(r.addAccountDomains.account).toEqual({ id: acme, name: 'Acme Tools', domains: ['acme-trading.example', 'acme.example'] });
    // The other account keeps its domain.
    expect(await domainsOf(group)).toEqual(['acme-group.example']);
  });

  it('writes nothing when nothing can be added, and says so per domain', async () => {
    const r = ok(await s.as('ADMIN')(ADD, { i: { accountId: group, domains: ['acme.example', 'acme-group.example'] } }));
    expect(r.addAccountDomains.results.map((x: { outcome: string; refusal: string | null }) => [x.outcome, x.refusal])).toEqual([
      ['REFUSED', 'OTHER_ACCOUNT'],
      ['ALREADY_ON_ACCOUNT', null],
    ]);
    expect(await domainsOf(group)).toEqual(['acme-group.example']);
  });

  it('refuses the domains past an account’s 50, adding the ones that fit', async () => {
    const full = ok(await s.as('CREDIT')(CREATE, { input: { name: 'Many Domains', domains: Array.from({ length: 49 }, (_, i) => `d${i}.many.example`) } })).createAccount.account.id;
    const r = ok(await s.as('CREDIT')(ADD, { i: { accountId: full, domains: ['x.many.example', 'y.many.example'] } }));
    expect(r.addAccountDomains.results.map((x: { outcome: string; refusal: string | null }) => [x.outcome, x.refusal])).toEqual([
      ['ADDED', null],
      ['REFUSED', 'ACCOUNT_FULL'],
    ]);
    expect(await domainsOf(full)).toHaveLength(50);
  });

  it('never lets parallel requests together pass an account’s 50', async () => {
    const racy = ok(await s.as('CREDIT')(CREATE, { input: { name: 'Racy Domains', domains: ['racy.example'] } })).createAccount.account.id;
    const batches = Array.from({ length: 6 }, (_, b) => Array.from({ length: 20 }, (_, i) => `r${b}-${i}.racy-parallel.example`));
    const answers = await Promise.all(batches.map((domains) => s.as('CREDIT')(ADD, { i: { accountId: racy, domains } })));
    const outcomes = answers.flatMap((a) => ok(a).addAccountDomains.results as { outcome: string; refusal: string | null }[]);
    expect(outcomes.filter((o) => o.outcome === 'ADDED')).toHaveLength(49);
    expect(outcomes.filter((o) => o.refusal === 'ACCOUNT_FULL')).toHaveLength(120 - 49);
    expect(await domainsOf(racy)).toHaveLength(50);
    // The single-domain mutation queues behind the same lock and is refused once the account is full.
    const one = await s.as('CREDIT')(`mutation ($i: AddAccountDomainInput!) { addAccountDomain(input: $i) { account { id } } }`, { i: { accountId: racy, domain: 'late.racy.example' } });
    expect(one.errors?.[0]?.message).toBe('input.domain: at most 50 domains per account');
  });

  it('refuses free-mail providers and bare public suffixes as invalid, saying why, and stores an international name as punycode', async () => {
    const shop = ok(await s.as('CREDIT')(CREATE, { input: { name: 'Stadtwerke Shop', domains: ['stadtwerke-shop.example'] } })).createAccount.account.id;
    const r = ok(
      await s.as('CREDIT')(`mutation ($i: AddAccountDomainsInput!) { addAccountDomains(input: $i) { results { domain outcome refusal reason } } }`, {
        i: { accountId: shop, domains: ['gmail.com', 'co.uk', 'münchen-shop.example', 'not a domain'] },
      }),
    );
    expect(r.addAccountDomains.results).toEqual([
      { domain: 'gmail.com', outcome: 'REFUSED', refusal: 'INVALID', reason: 'gmail.com is a free e-mail provider: its senders are not one company' },
      { domain: 'co.uk', outcome: 'REFUSED', refusal: 'INVALID', reason: 'co.uk is a public suffix, not a company’s domain' },
      { domain: 'xn--mnchen-shop-thb.example', outcome: 'ADDED', refusal: null, reason: null },
      { domain: 'not a domain', outcome: 'REFUSED', refusal: 'INVALID', reason: 'not a valid domain (expected e.g. acme.example)' },
    ]);
    expect(await domainsOf(shop)).toEqual(['stadtwerke-shop.example', 'xn--mnchen-shop-thb.example']);
    const credit = s.as('CREDIT');
    const single = await credit(`mutation ($i: AddAccountDomainInput!) { addAccountDomain(input: $i) { account { id } } }`, { i: { accountId: shop, domain: 'Gmail.com' } });
    expect(single.errors?.[0]?.message).toBe('input.domain: gmail.com is a free e-mail provider: its senders are not one company');
    const created = await credit(CREATE, { input: { name: 'Suffix Ltd', domains: ['co.uk'] } });
    expect(created.errors?.[0]?.message).toBe('input.domains.0: co.uk is a public suffix, not a company’s domain');
  });

  it('refuses a sub-domain of another account’s domain as that account’s, on every path', async () => {
    const parent = ok(await s.as('CREDIT')(CREATE, { input: { name: 'Ashgrove Online', domains: ['ashgroveonline.example'] } })).createAccount.account.id;
    const r = ok(await s.as('CREDIT')(ADD, { i: { accountId: acme, domains: ['sub.ashgroveonline.example'] } }));
    expect(r.addAccountDomains.results).toEqual([
      { domain: 'sub.ashgroveonline.example', outcome: 'REFUSED', refusal: 'OTHER_ACCOUNT', otherAccount: { id: parent, name: 'Ashgrove Online' } },
    ]);
    const single = await s.as('CREDIT')(`mutation ($i: AddAccountDomainInput!) { addAccountDomain(input: $i) { account { id } } }`, {
      i: { accountId: acme, domain: 'eu.sub.ashgroveonline.example' },
    });
    expect(single.errors?.[0]?.message).toBe('input.domains: eu.sub.ashgroveonline.example is under ashgroveonline.example, which belongs to Ashgrove Online');
    const created = await s.as('CREDIT')(CREATE, { input: { name: 'Sub Thief', domains: ['sub.ashgroveonline.example'] } });
    expect(created.errors?.[0]?.message).toBe('input.domains: sub.ashgroveonline.example is under ashgroveonline.example, which belongs to Ashgrove Online');
    // The parent's own account may hold its sub-domains.
    const own = ok(await s.as('CREDIT')(ADD, { i: { accountId: parent, domains: ['sub.ashgroveonline.example'] } }));
    expect(own.addAccountDomains.results[0].outcome).toBe('ADDED');
    expect(await domainsOf(acme)).toEqual(['acme-trading.example', 'acme.example']);
  });

  it('refuses a parent domain while another account holds a sub-domain of it, saying which, on every path', async () => {
    const eu = ok(await s.as('CREDIT')(CREATE, { input: { name: 'Kestrel Europe', domains: ['eu.kestrel.example'] } })).createAccount.account.id;
    const parentOf = ok(await s.as('CREDIT')(CREATE, { input: { name: 'Kestrel Holdings', domains: ['kestrel-holdings.example'] } })).createAccount.account.id;
    const r = ok(
      await s.as('CREDIT')(`mutation ($i: AddAccountDomainsInput!) { addAccountDomains(input: $i) { results { domain outcome refusal reason otherAccount { id name } } } }`, {
        i: { accountId: parentOf, domains: ['kestrel.example', 'kestrel-group.example', 'sub.kestrel-holdings.example'] },
      }),
    );
    expect(r.addAccountDomains.results).toEqual([
      {
        domain: 'kestrel.example',
        outcome: 'REFUSED',
        refusal: 'OTHER_ACCOUNT',
        reason: 'eu.kestrel.example, under it, belongs to another account: mail from eu.kestrel.example would match both',
        otherAccount: { id: eu, name: 'Kestrel Europe' },
      },
      { domain: 'kestrel-group.example', outcome: 'ADDED', refusal: null, reason: null, otherAccount: null },
      // Its own sub-domain is fine.
      { domain: 'sub.kestrel-holdings.example', outcome: 'ADDED', refusal: null, reason: null, otherAccount: null },
    ]);
    // A name that only ends the same way ("strel.example" of "eu.kestrel.example") is no parent; a sub-domain of the
    // refused parent that no account holds is free.
    const look = ok(await s.as('CREDIT')(ADD, { i: { accountId: parentOf, domains: ['strel.example', 'u.kestrel.example'] } }));
    expect(look.addAccountDomains.results.map((x: { outcome: string }) => x.outcome)).toEqual(['ADDED', 'ADDED']);
    // The reverse keeps its reason too: a sub-domain of another account's domain.
    const under = ok(
      await s.as('CREDIT')(`mutation ($i: AddAccountDomainsInput!) { addAccountDomains(input: $i) { results { outcome refusal reason } } }`, {
        i: { accountId: eu, domains: ['x.kestrel-group.example'] },
      }),
    );
    expect(under.addAccountDomains.results).toEqual([{ outcome: 'REFUSED', refusal: 'OTHER_ACCOUNT', reason: 'under kestrel-group.example, which belongs to another account' }]);
    const single = await s.as('CREDIT')(`mutation ($i: AddAccountDomainInput!) { addAccountDomain(input: $i) { account { id } } }`, { i: { accountId: parentOf, domain: 'kestrel.example' } });
    expect(single.errors?.[0]?.message).toBe('input.domains: eu.kestrel.example, under kestrel.example, belongs to Kestrel Europe: mail from eu.kestrel.example would match both');
    const created = await s.as('CREDIT')(CREATE, { input: { name: 'Kestrel Parent', domains: ['kestrel.example'] } });
    expect(created.errors?.[0]?.message).toBe('input.domains: eu.kestrel.example, under kestrel.example, belongs to Kestrel Europe: mail from eu.kestrel.example would match both');
    // The account holding the sub-domain may add the parent itself.
    const same = ok(await s.as('CREDIT')(ADD, { i: { accountId: eu, domains: ['kestrel.example'] } }));
    expect(same.addAccountDomains.results[0].outcome).toBe('REFUSED'); // u.kestrel.example is Kestrel Holdings' now
    expect(await domainsOf(eu)).toEqual(['eu.kestrel.example']);
  });

  it('reports free-mail domains stored before they were refused, changing nothing', async () => {
    expect(await storedFreeMailWarning(s.db.prisma)).toBeNull();
    const holder = await s.db.prisma.account.findFirstOrThrow({ where: { name: 'Acme Group Ltd' } });
    const old = await s.db.prisma.accountDomain.create({ data: { domain: 'gmail.com', accountId: holder.id } });
    try {
      expect(await storedFreeMailWarning(s.db.prisma)).toBe(
        'warning: 1 account domain is a free e-mail provider, stored before those were refused: gmail.com (Acme Group Ltd). ' +
          'They never match an account; delete them from the AccountDomain table.',
      );
      expect(await domainsOf(group)).toContain('gmail.com');
    } finally {
      await s.db.prisma.accountDomain.delete({ where: { domain: old.domain } });
    }
  });

  it('refuses an empty or over-long list, and a missing account, with a clear error and nothing written', async () => {
    const credit = s.as('CREDIT');
    const empty = await credit(ADD, { i: { accountId: acme, domains: [] } });
    expect(empty.errors?.[0]?.message).toBe('input.domains: give at least one domain');
    expect(errorCodes(empty)).toEqual(['BAD_USER_INPUT']);
    const many = await credit(ADD, { i: { accountId: acme, domains: Array.from({ length: 21 }, (_, i) => `n${i}.acme.example`) } });
    expect(many.errors?.[0]?.message).toBe('input.domains: at most 20 domains at once');
    const long = await credit(ADD, { i: { accountId: acme, domains: [`${'a'.repeat(5000)}.example`] } });
    expect(long.errors?.[0]?.message).toMatch(/^input\.domains\.0: must be at most 1000 characters/);
    const gone = Buffer.from('Account:01900000-0000-7000-8000-000000000000').toString('base64');
    expect(errorCodes(await credit(ADD, { i: { accountId: gone, domains: ['gone.example'] } }))).toEqual(['NOT_FOUND']);
    expect(errorCodes(await credit(ADD, { i: { accountId: 'not-an-id', domains: ['gone.example'] } }))).toEqual(['BAD_USER_INPUT']);
    expect(await domainsOf(acme)).toEqual(['acme-trading.example', 'acme.example']);
  });

  it('lets only credit and admin add domains', async () => {
    for (const role of ['SALES', 'VIEWER'] as const) {
      const r = await s.as(role)(ADD, { i: { accountId: acme, domains: ['sales-added.example'] } });
      expect(errorCodes(r)).toEqual(['FORBIDDEN']);
    }
    expect(await domainsOf(acme)).toEqual(['acme-trading.example', 'acme.example']);
  });
});
