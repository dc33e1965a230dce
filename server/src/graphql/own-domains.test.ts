/**
 * The foundation for real-page detection, server side: the company's own domains (an ADMIN workspace setting any
 * signed-in user reads) are never matched to a customer; a page's linked records match after its own record; a
 * Salesforce record matches whether its link was stored with the 15- or the 18-character id.
 */
import { salesforceId18 } from '@earshot/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DB_KINDS } from '../test-support/databases.js';
import { errorCodes, ok, startTestServer, type TestServer } from '../test-support/server.js';

const CREATE = /* GraphQL */ `
  mutation ($input: CreateAccountInput!) { createAccount(input: $input) { account { id } } }
`;
const LINK = /* GraphQL */ `
  mutation ($i: LinkCrmRecordInput!) { linkCrmRecord(input: $i) { account { id } } }
`;
const RESOLVE = /* GraphQL */ `
  query ($context: PageContextInput!) { resolveAccounts(context: $context) { matchedBy matchedValue account { id } } }
`;
const SET_OWN = /* GraphQL */ `
  mutation ($d: [String!]) { updateWorkspaceSettings(input: { ownDomains: $d }) { workspaceSettings { ownDomains } } }
`;

/** The database id inside a global id (`Account:<uuid>`, base64). */
const rowId = (globalId: string) => Buffer.from(globalId, 'base64').toString('utf8').split(':')[1]!;

describe.each(DB_KINDS)('own domains, linked records and Salesforce ids on %s', (kind) => {
  let s: TestServer;
  let umbrella: string;
  let initech: string;
  // A 15-character Salesforce account id (case-sensitive) and its 18-character form.
  const SF15 = '001Dn00000AbCdE';
  const SF18 = salesforceId18(SF15)!;
  const SF15_B = '001Dn00000XyZwV';

  beforeAll(async () => {
    s = await startTestServer(kind);
    const credit = s.as('CREDIT');
    umbrella = ok(await credit(CREATE, { input: { name: 'Umbrella Logistics', domains: ['umbrella.example'] } })).createAccount.account.id;
    initech = ok(await credit(CREATE, { input: { name: 'Initech Parts', domains: ['initech.example'] } })).createAccount.account.id;
    ok(await credit(`mutation ($i: CreateContactInput!) { createContact(input: $i) { contact { id } } }`, { i: { accountId: umbrella, name: 'A Colleague', email: 'ap@northwind-supplies.example' } }));
    // Umbrella's Salesforce account linked as links are stored today (linkCrmRecord keeps the 18-character id, even
    // when given 15); Initech's stored with a 15-character id, as links made before that were (written directly).
    ok(await credit(LINK, { i: { accountId: umbrella, system: 'SALESFORCE', objectType: 'Account', recordId: SF15 } }));
    const stored = await s.db.prisma.crmLink.findFirst({ where: { accountId: rowId(umbrella) }, select: { recordId: true, objectType: true } });
    expect(stored).toEqual({ recordId: SF18, objectType: 'account' });
    await s.db.prisma.crmLink.create({ data: { accountId: rowId(initech), system: 'SALESFORCE', objectType: 'account', recordId: SF15_B } });
  });
  afterAll(() => s?.close());

  it('lets only an ADMIN set the own domains, and every signed-in user read them', async () => {
    for (const role of ['SALES', 'CREDIT'] as const) expect(errorCodes(await s.as(role)(SET_OWN, { d: ['northwind-supplies.example'] }))).toContain('FORBIDDEN');
    const set = ok(await s.as('ADMIN')(SET_OWN, { d: ['Northwind-Supplies.example', 'northwind.example', 'northwind.example'] }));
    expect(set.updateWorkspaceSettings.workspaceSettings.ownDomains).toEqual(['northwind-supplies.example', 'northwind.example']);
    expect(ok(await s.as('SALES')(`{ workspaceSettings { ownDomains } }`)).workspaceSettings.ownDomains).toEqual(['northwind-supplies.example', 'northwind.example']);
  });

  it('refuses a free-mail domain, a domain of an account, and more than 50 domains', async () => {
    const admin = s.as('ADMIN');
    expect((await admin(SET_OWN, { d: ['northwind.example', 'gmail.com'] })).errors?.[0]?.message).toMatch(/gmail\.com is a free-mail domain/);
    expect((await admin(SET_OWN, { d: ['umbrella.example'] })).errors?.[0]?.message).toMatch(/umbrella\.example is a domain of the account Umbrella Logistics/);
    // Nor one inside the other: an own sub-domain of a customer's domain would hide that customer's senders.
    expect((await admin(SET_OWN, { d: ['eu.umbrella.example'] })).errors?.[0]?.message).toMatch(/umbrella\.example is a domain of the account Umbrella Logistics/);
    expect((await admin(SET_OWN, { d: ['x'.repeat(5000)] })).errors?.[0]?.message?.length).toBeLessThan(200);
    const many = Array.from({ length: 51 }, (_, i) => `d${i}.northwind.example`);
    expect((await admin(SET_OWN, { d: many })).errors?.[0]?.message).toMatch(/at most 50 domains/);
    // Nothing of the refused lists was kept.
    expect(ok(await admin(`{ workspaceSettings { ownDomains } }`)).workspaceSettings.ownDomains).toEqual(['northwind-supplies.example', 'northwind.example']);
  });

  it('refuses an account, or a domain added to one, at the company’s own domains or their sub-domains', async () => {
    const credit = s.as('CREDIT');
    // northwind.example is ours; so is northwind-supplies.example — a parent of an own domain is refused too.
    ok(await s.as('ADMIN')(SET_OWN, { d: ['northwind-supplies.example', 'northwind.example', 'uk.northwind-group.example'] }));
    expect((await credit(CREATE, { input: { name: 'Group', domains: ['northwind-group.example'] } })).errors?.[0]?.message).toMatch(/northwind-group\.example is one of your company/);
    ok(await s.as('ADMIN')(SET_OWN, { d: ['northwind-supplies.example', 'northwind.example'] }));
    for (const domains of [['northwind-supplies.example'], ['eu.northwind-supplies.example']]) {
      const r = await credit(CREATE, { input: { name: 'Us', domains } });
      expect(r.errors?.[0]?.message).toMatch(/is one of your company’s own domains|is one of your company's own domains/);
    }
    const add = await credit(`mutation ($i: AddAccountDomainInput!) { addAccountDomain(input: $i) { account { id } } }`, { i: { accountId: umbrella, domain: 'sales.northwind.example' } });
    expect(add.errors?.[0]?.message).toMatch(/sales\.northwind\.example is one of your company/);
  });

  it('refuses CRM record keys longer than a stored link can be', async () => {
    const long = { system: 'SALESFORCE', objectType: 'Account', recordId: 'x'.repeat(100_000) };
    expect(errorCodes(await s.as('SALES')(RESOLVE, { context: { linkedRecords: [long] } }))).toContain('BAD_USER_INPUT');
    expect(errorCodes(await s.as('SALES')(RESOLVE, { context: { crmRecord: { ...long, recordId: '1', objectType: 'o'.repeat(101) } } }))).toContain('BAD_USER_INPUT');
  });

  it('never matches the own domains, their sub-domains, or addresses at them — a customer beside them still matches', async () => {
    const sales = s.as('SALES');
    const ours = ok(
      await sales(RESOLVE, {
        context: { emails: ['ap@northwind-supplies.example', 'ops@eu.northwind-supplies.example'], domains: ['eu.northwind-supplies.example', 'www.northwind.example'] },
      }),
    );
    expect(ours.resolveAccounts).toEqual([]);
    const mixed = ok(await sales(RESOLVE, { context: { emails: ['ap@northwind-supplies.example', 'billing@umbrella.example'] } }));
    expect(mixed.resolveAccounts).toEqual([{ matchedBy: 'DOMAIN', matchedValue: 'umbrella.example', account: { id: umbrella } }]);
  });

  it('matches linked records after the page’s own record, in the page’s order', async () => {
    const sales = s.as('SALES');
    // An opportunity no account is linked to, belonging to Initech's account: resolves through the linked record.
    const opp = { system: 'SALESFORCE', objectType: 'Opportunity', recordId: '006Dn00000QwErT' };
    const viaLink = ok(await sales(RESOLVE, { context: { crmRecord: opp, linkedRecords: [{ system: 'SALESFORCE', objectType: 'Account', recordId: SF15_B }] } }));
    expect(viaLink.resolveAccounts).toEqual([{ matchedBy: 'CRM_RECORD', matchedValue: `SALESFORCE:${salesforceId18(SF15_B)}`, account: { id: initech } }]);
    // The page's own record first, then each linked record.
    const both = ok(
      await sales(RESOLVE, {
        context: { crmRecord: { system: 'SALESFORCE', objectType: 'account', recordId: SF18 }, linkedRecords: [{ system: 'SALESFORCE', objectType: 'Account', recordId: SF15_B }] },
      }),
    );
    expect(both.resolveAccounts.map((m: { account: { id: string } }) => m.account.id)).toEqual([umbrella, initech]);
  });

  it('matches a Salesforce record by its 15- or 18-character id, whichever form the link was stored in', async () => {
    const sales = s.as('SALES');
    const lookup = async (recordId: string) =>
      ok(await sales(RESOLVE, { context: { crmRecord: { system: 'SALESFORCE', objectType: 'Account', recordId } } })).resolveAccounts.map(
        (m: { account: { id: string } }) => m.account.id,
      );
    expect(await lookup(SF15)).toEqual([umbrella]); // stored as 18, asked as 15
    expect(await lookup(SF18)).toEqual([umbrella]);
    expect(await lookup(SF15_B)).toEqual([initech]); // stored as 15, asked as 18 and as 15
    expect(await lookup(salesforceId18(SF15_B)!)).toEqual([initech]);
    // Case matters in a 15-character id: another case is another record.
    expect(await lookup(SF15.toLowerCase())).toEqual([]);
  });
});
