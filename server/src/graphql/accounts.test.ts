import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DB_KINDS } from '../test-support/databases.js';
import { ok, startTestServer, type TestServer } from '../test-support/server.js';

const CREATE = /* GraphQL */ `
  mutation ($input: CreateAccountInput!) { createAccount(input: $input) { account { id name domains currency creditLimit paymentTermsDays } } }
`;
const RESOLVE = /* GraphQL */ `
  query ($context: PageContextInput!) { resolveAccounts(context: $context) { matchedBy matchedValue account { id name } } }
`;

describe.each(DB_KINDS)('accounts and resolveAccounts on %s', (kind) => {
  let s: TestServer;
  let acme: string;
  let globex: string;

  beforeAll(async () => {
    s = await startTestServer(kind);
    const credit = s.as('CREDIT');
    acme = ok(await credit(CREATE, { input: { name: 'Acme Tools', domains: ['acme.example', 'ACME-tools.example'], creditLimit: '50000', currency: 'eur' } }))
      .createAccount.account.id;
    globex = ok(await credit(CREATE, { input: { name: 'Globex Supply', domains: ['globex.example'] } })).createAccount.account.id;
    ok(await credit(`mutation ($i: CreateContactInput!) { createContact(input: $i) { contact { id } } }`, { i: { accountId: globex, name: 'Pat Payables', email: 'Pat@Partner-Mail.example' } }));
    ok(
      await credit(`mutation ($i: LinkCrmRecordInput!) { linkCrmRecord(input: $i) { account { id } } }`, {
        i: { accountId: acme, system: 'SALESFORCE', objectType: 'Account', recordId: '001A000001abcDEF', url: 'https://acme.lightning.force.com/lightning/r/Account/001A000001abcDEF/view' },
      }),
    );
  });
  afterAll(() => s?.close());

  it('creates an account with normalised domains and money as a decimal string', async () => {
    const r = ok(await s.as('ADMIN')(`query ($id: ID!) { account(id: $id) { name domains currency creditLimit paymentTermsDays crmLinks { system objectType recordId } } }`, { id: acme }));
    expect(r.account).toEqual({
      name: 'Acme Tools',
      domains: ['acme-tools.example', 'acme.example'],
      currency: 'EUR',
      creditLimit: '50000.00',
      paymentTermsDays: 30,
      crmLinks: [{ system: 'SALESFORCE', objectType: 'account', recordId: '001A000001abcDEF' }],
    });
  });

  it('matches by domain and by sub-domain of a sender', async () => {
    const r = ok(await s.as('SALES')(RESOLVE, { context: { emails: ['jane@eu.billing.acme.example'] } }));
    expect(r.resolveAccounts).toEqual([{ matchedBy: 'DOMAIN', matchedValue: 'acme.example', account: { id: acme, name: 'Acme Tools' } }]);
    const byDomain = ok(await s.as('SALES')(RESOLVE, { context: { domains: ['https://www.globex.example/contact'] } }));
    expect(byDomain.resolveAccounts[0]).toMatchObject({ matchedBy: 'DOMAIN', account: { id: globex } });
  });

  it('matches a contact e-mail exactly, even at a domain no account owns', async () => {
    const r = ok(await s.as('SALES')(RESOLVE, { context: { emails: ['pat@partner-mail.example'] } }));
    expect(r.resolveAccounts).toEqual([{ matchedBy: 'CONTACT_EMAIL', matchedValue: 'pat@partner-mail.example', account: { id: globex, name: 'Globex Supply' } }]);
  });

  it('matches a CRM record, whatever the case of its object type', async () => {
    const r = ok(await s.as('SALES')(RESOLVE, { context: { crmRecord: { system: 'SALESFORCE', objectType: 'ACCOUNT', recordId: '001A000001abcDEF' } } }));
    expect(r.resolveAccounts).toEqual([{ matchedBy: 'CRM_RECORD', matchedValue: 'SALESFORCE:001A000001abcDEF', account: { id: acme, name: 'Acme Tools' } }]);
  });

  it('never matches a free-mail domain, and lists several customers strongest first without duplicates', async () => {
    const credit = s.as('CREDIT');
    // A free-mail domain is refused on an account (older data may still hold one: it never matches either way).
    const gmail = await credit(CREATE, { input: { name: 'Someone Who Registered Gmail', domains: ['gmail.com'] } });
    expect(gmail.errors?.[0]?.message).toBe('input.domains.0: gmail.com is a free e-mail provider: its senders are not one company');
    ok(await credit(CREATE, { input: { name: 'Someone Who Registered Gmail', domains: ['someone-registered.example'] } }));
    const none = ok(await s.as('SALES')(RESOLVE, { context: { emails: ['someone@gmail.com'], domains: ['gmail.com', 'mail.gmail.com'] } }));
    expect(none.resolveAccounts).toEqual([]);
    const several = ok(
      await s.as('SALES')(RESOLVE, {
        context: { emails: ['pat@partner-mail.example', 'a@acme.example', 'b@acme.example', 'not-an-address'], crmRecord: { system: 'SALESFORCE', objectType: 'account', recordId: '001A000001abcDEF' } },
      }),
    );
    expect(several.resolveAccounts.map((m: { matchedBy: string }) => m.matchedBy)).toEqual(['CRM_RECORD', 'CONTACT_EMAIL']);
  });

  it('rejects oversized lookups with a clear error', async () => {
    const r = await s.as('SALES')(RESOLVE, { context: { emails: Array.from({ length: 101 }, (_, i) => `a${i}@x.example`) } });
    expect(r.errors?.[0]?.message).toMatch(/At most 100 emails/);
    expect(r.errors?.[0]?.extensions?.field).toBe('context.emails');
  });

  it('pages and filters accounts', async () => {
    const credit = s.as('CREDIT');
    const page1 = ok(await credit(`{ accounts(first: 2, orderBy: { field: NAME }) { totalCount edges { cursor node { name } } pageInfo { hasNextPage endCursor } } }`));
    expect(page1.accounts.edges.map((e: { node: { name: string } }) => e.node.name)).toEqual(['Acme Tools', 'Globex Supply']);
    expect(page1.accounts.pageInfo.hasNextPage).toBe(true);
    const page2 = ok(await credit(`query ($after: String) { accounts(first: 2, after: $after, orderBy: { field: NAME }) { edges { node { name } } } }`, { after: page1.accounts.pageInfo.endCursor }));
    expect(page2.accounts.edges.map((e: { node: { name: string } }) => e.node.name)).toEqual(['Someone Who Registered Gmail']);
    const search = ok(await credit(`{ accounts(first: 10, filter: { search: "glob" }) { totalCount edges { node { name } } } }`));
    expect(search.accounts.totalCount).toBe(1);
    const byDomain = ok(await credit(`{ accounts(first: 10, filter: { search: "acme-t" }) { edges { node { name } } } }`));
    expect(byDomain.accounts.edges).toEqual([{ node: { name: 'Acme Tools' } }]);
  });

  it('updates only the fields sent, clears with null, and adds domains', async () => {
    const credit = s.as('CREDIT');
    ok(await credit(`mutation ($i: UpdateAccountInput!) { updateAccount(input: $i) { account { id } } }`, { i: { id: globex, industry: 'Wholesale', creditLimit: '1200.5' } }));
    ok(await credit(`mutation ($i: UpdateAccountInput!) { updateAccount(input: $i) { account { id } } }`, { i: { id: globex, creditLimit: null } }));
    const r = ok(await credit(`mutation ($i: AddAccountDomainInput!) { addAccountDomain(input: $i) { account { industry creditLimit domains } } }`, { i: { accountId: globex, domain: 'Globex-EU.example' } }));
    expect(r.addAccountDomain.account).toEqual({ industry: 'Wholesale', creditLimit: null, domains: ['globex-eu.example', 'globex.example'] });
  });

  it('creates an account straight from a CRM record, and refuses a record already linked elsewhere', async () => {
    const credit = s.as('CREDIT');
    const input = { name: 'Hooli Freight', domains: ['hooli.example'], crmLinks: [{ system: 'HUBSPOT', objectType: 'company', recordId: '18512345678' }] };
    const id = ok(await credit(CREATE, { input })).createAccount.account.id;
    const r = ok(await s.as('SALES')(RESOLVE, { context: { crmRecord: { system: 'HUBSPOT', objectType: 'company', recordId: '18512345678' } } }));
    expect(r.resolveAccounts[0]).toMatchObject({ matchedBy: 'CRM_RECORD', account: { id } });
    const again = await credit(CREATE, { input: { ...input, name: 'Hooli Again', domains: [] } });
    expect(again.errors?.[0]?.message).toBe('input.crmLinks: HUBSPOT company 18512345678 is already linked to Hooli Freight');
  });

  it('refuses a domain that belongs to another account', async () => {
    const r = await s.as('CREDIT')(`mutation ($i: AddAccountDomainInput!) { addAccountDomain(input: $i) { account { id } } }`, { i: { accountId: globex, domain: 'acme.example' } });
    expect(r.errors?.[0]?.message).toBe('input.domains: acme.example already belongs to Acme Tools');
  });
  it('keeps the page’s order among matches of the same kind: the sender’s customer before a body address’s', async () => {
    const credit = s.as('CREDIT');
    const umbrella = ok(await credit(CREATE, { input: { name: 'Umbrella Logistics', domains: ['umbrella-logistics.example'] } })).createAccount.account.id;
    const auental = ok(await credit(CREATE, { input: { name: 'Auental Elektronik', domains: ['auentalelektronik.example'] } })).createAccount.account.id;
    // As the extension sends a webmail message: the header's sender first, a body address after, their domains in that order.
    const sender = ['billing@umbrella-logistics.example', 'ap@auentalelektronik.example'];
    const r = ok(await s.as('SALES')(RESOLVE, { context: { emails: sender, domains: ['umbrella-logistics.example', 'auentalelektronik.example'] } }));
    expect(r.resolveAccounts.map((m: { account: { id: string } }) => m.account.id)).toEqual([umbrella, auental]);
    // Only the addresses (their domains derived on the server): the same order, and reversed when the page reverses it.
    const emailsOnly = ok(await s.as('SALES')(RESOLVE, { context: { emails: sender } }));
    expect(emailsOnly.resolveAccounts.map((m: { matchedValue: string }) => m.matchedValue)).toEqual(['umbrella-logistics.example', 'auentalelektronik.example']);
    const reversed = ok(await s.as('SALES')(RESOLVE, { context: { emails: [...sender].reverse() } }));
    expect(reversed.resolveAccounts.map((m: { account: { id: string } }) => m.account.id)).toEqual([auental, umbrella]);
    // Exact e-mail matches keep the given order too, and still come before any domain match.
    ok(await credit(`mutation ($i: CreateContactInput!) { createContact(input: $i) { contact { id } } }`, { i: { accountId: auental, name: 'Zoe Ap', email: 'zoe@zz-partner.example' } }));
    ok(await credit(`mutation ($i: CreateContactInput!) { createContact(input: $i) { contact { id } } }`, { i: { accountId: umbrella, name: 'Abe Ap', email: 'abe@aa-partner.example' } }));
    const contacts = ok(await s.as('SALES')(RESOLVE, { context: { emails: ['billing@acme.example', 'zoe@zz-partner.example', 'abe@aa-partner.example'] } }));
    expect(contacts.resolveAccounts.map((m: { matchedBy: string; account: { id: string } }) => [m.matchedBy, m.account.id])).toEqual([
      ['CONTACT_EMAIL', auental],
      ['CONTACT_EMAIL', umbrella],
      ['DOMAIN', acme],
    ]);
  });
  it('refuses an account name, external id or contact name a spreadsheet would run as a formula', async () => {
    const credit = s.as('CREDIT');
    const refused = async (input: Record<string, unknown>) => {
      const r = await credit(CREATE, { input: { domains: [], ...input } });
      return [r.errors?.[0]?.extensions?.field, r.errors?.[0]?.message];
    };
    expect(await refused({ name: 'Formula Test', externalId: '=cmd|x' })).toEqual([
      'input.externalId',
      'input.externalId: starts with "=", which a spreadsheet runs as a formula; it may not start with =, +, - or @',
    ]);
    expect(await refused({ name: '@x' })).toEqual(['input.name', 'input.name: starts with "@", which a spreadsheet runs as a formula; it may not start with =, +, - or @']);
    expect((await refused({ name: '＝HYPERLINK("http://evil.example","Acme")' }))[0]).toBe('input.name');
    expect((await refused({ name: 'Formula Test', externalId: '\t+1' }))[0]).toBe('input.externalId');
    expect((await refused({ name: ' －2 Holdings' }))[0]).toBe('input.name');
    const update = await credit(`mutation ($i: UpdateAccountInput!) { updateAccount(input: $i) { account { id } } }`, { i: { id: globex, externalId: '＠SUM(A1)' } });
    expect(update.errors?.[0]?.extensions?.field).toBe('input.externalId');
    const contact = await credit(`mutation ($i: CreateContactInput!) { createContact(input: $i) { contact { id } } }`, { i: { accountId: globex, name: '=1+1' } });
    expect(contact.errors?.[0]?.extensions?.field).toBe('input.name');
    // Those characters inside a value are fine.
    ok(await credit(CREATE, { input: { name: 'A+B Freight', externalId: 'C-1001@eu', domains: [] } }));
    const stored = ok(await s.as('ADMIN')(`{ accounts(first: 100) { edges { node { name } } } }`));
    expect(stored.accounts.edges.map((e: { node: { name: string } }) => e.node.name).filter((n: string) => /^[=+\-@＝＋－＠]/.test(n.trim()))).toEqual([]);
  });
});
