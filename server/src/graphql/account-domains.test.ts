/**
 * addAccountDomains (issue 11): the panel's "Add these domains to an existing account". Each domain on its own merits:
 * the addable ones are added together, and the answer says of every domain sent what became of it, typed (outcome,
 * refusal, the other account) so the extension never parses error strings.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
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
