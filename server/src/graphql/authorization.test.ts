import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DB_KINDS } from '../test-support/databases.js';
import { errorCodes, ok, startTestServer, TEST_PASSWORD, type TestServer } from '../test-support/server.js';

const CREATE = `mutation ($input: CreateAccountInput!) { createAccount(input: $input) { account { id } } }`;
const NOTE = `mutation ($i: AddNoteInput!) { addNote(input: $i) { note { id visibility } } }`;
const NOTES = `query ($id: ID!) { account(id: $id) { notes(first: 10) { totalCount edges { node { body visibility } } } } }`;

describe.each(DB_KINDS)('authorization on %s', (kind) => {
  let s: TestServer;
  let accountId: string;
  let secretNoteId: string;

  beforeAll(async () => {
    s = await startTestServer(kind);
    accountId = ok(await s.as('CREDIT')(CREATE, { input: { name: 'Initech', domains: ['initech.example'], creditLimit: '10000.00' } })).createAccount.account.id;
    secretNoteId = ok(await s.as('CREDIT')(NOTE, { i: { accountId, body: 'Bank called about a returned direct debit', visibility: 'CREDIT_ONLY' } })).addNote.note.id;
    ok(await s.as('SALES')(NOTE, { i: { accountId, body: 'New warehouse opened' } }));
  });
  afterAll(() => s?.close());

  it('asks for a token on everything but signIn, and says so', async () => {
    const r = await s.gql(`{ accounts(first: 1) { edges { node { id } } } }`);
    expect(errorCodes(r)).toEqual(['UNAUTHENTICATED']);
    expect(ok(await s.gql(`{ viewer { id } }`)).viewer).toBeNull();
    expect(errorCodes(await s.gql(`{ accounts(first:1) { totalCount } }`, {}, 'esk_not-a-real-token'))).toEqual(['UNAUTHENTICATED']);
  });

  it('signs in with a password, and the token works until signOut', async () => {
    const bad = await s.gql(`mutation { signIn(input: { email: "sales@test.earshot.test", password: "wrong-password" }) { token } }`);
    expect(bad.errors?.[0]?.message).toBe('Wrong e-mail or password');
    const unknown = await s.gql(`mutation { signIn(input: { email: "nobody@test.earshot.test", password: "wrong-password" }) { token } }`);
    expect(unknown.errors?.[0]?.message).toBe('Wrong e-mail or password');
    const r = ok(await s.gql(`mutation ($p: String!) { signIn(input: { email: " Sales@Test.Earshot.Test ", password: $p }) { token expiresAt user { email role } } }`, { p: TEST_PASSWORD }));
    expect(r.signIn.user).toEqual({ email: 'sales@test.earshot.test', role: 'SALES' });
    expect(r.signIn.token).toMatch(/^esk_/);
    const token = r.signIn.token as string;
    expect(ok(await s.gql(`{ viewer { email } }`, {}, token)).viewer.email).toBe('sales@test.earshot.test');
    expect(ok(await s.gql(`mutation { signOut(input: {}) { ok } }`, {}, token)).signOut.ok).toBe(true);
    expect(ok(await s.gql(`{ viewer { email } }`, {}, token)).viewer).toBeNull();
    // Only the hash is stored.
    const rows = await s.db.prisma.apiToken.findMany({ select: { tokenHash: true } });
    expect(rows.some((row) => row.tokenHash.includes(token))).toBe(false);
  });

  it('hides CREDIT_ONLY notes from sales, in lists, counts and node(id)', async () => {
    const sales = ok(await s.as('SALES')(NOTES, { id: accountId })).account.notes;
    expect(sales.totalCount).toBe(1);
    expect(sales.edges.map((e: { node: { body: string } }) => e.node.body)).toEqual(['New warehouse opened']);
    const credit = ok(await s.as('CREDIT')(NOTES, { id: accountId })).account.notes;
    expect(credit.totalCount).toBe(2);
    const viaNode = await s.as('SALES')(`query ($id: ID!) { node(id: $id) { ... on Note { body } } }`, { id: secretNoteId });
    expect(viaNode.data?.node).toBeNull();
    expect(errorCodes(viaNode)).toEqual(['FORBIDDEN']);
    expect(ok(await s.as('CREDIT')(`query ($id: ID!) { node(id: $id) { ... on Note { body } } }`, { id: secretNoteId })).node.body).toMatch(/returned direct debit/);
    const write = await s.as('SALES')(NOTE, { i: { accountId, body: 'x', visibility: 'CREDIT_ONLY' } });
    expect(write.errors?.[0]?.extensions?.field).toBe('input.visibility');
  });

  it('lets only the credit team create and change accounts; VIEWER cannot mutate at all', async () => {
    expect(errorCodes(await s.as('SALES')(CREATE, { input: { name: 'Sales Made This' } }))).toEqual(['FORBIDDEN']);
    expect(errorCodes(await s.as('VIEWER')(CREATE, { input: { name: 'Viewer Made This' } }))).toEqual(['FORBIDDEN']);
    const sig = `mutation ($i: CreateSignalInput!) { createSignal(input: $i) { signal { id } } }`;
    expect(errorCodes(await s.as('VIEWER')(sig, { i: { accountId, type: 'QUIET' } }))).toEqual(['FORBIDDEN']);
    expect(errorCodes(await s.as('VIEWER')(NOTE, { i: { accountId, body: 'hello' } }))).toEqual(['FORBIDDEN']);
    expect(ok(await s.as('VIEWER')(`{ accounts(first: 5) { totalCount } }`)).accounts.totalCount).toBe(1);
    expect(await s.db.prisma.account.count()).toBe(1);
  });

  it('limits API tokens to their scopes, and never beyond the role', async () => {
    const readOnly = await s.apiToken('CREDIT', ['accounts:read']);
    expect(ok(await s.gql(`{ accounts(first: 1) { totalCount } }`, {}, readOnly)).accounts.totalCount).toBe(1);
    expect(errorCodes(await s.gql(CREATE, { input: { name: 'Token Made This' } }, readOnly))).toEqual(['FORBIDDEN']);
    const signalsOnly = await s.apiToken('CREDIT', ['signals:write']);
    expect(errorCodes(await s.gql(`{ accounts(first: 1) { totalCount } }`, {}, signalsOnly))).toEqual(['FORBIDDEN']);
    const salesWithWrite = await s.apiToken('SALES', ['accounts:write', 'accounts:read']);
    expect(errorCodes(await s.gql(CREATE, { input: { name: 'Escalation' } }, salesWithWrite))).toEqual(['FORBIDDEN']);
  });

  it('names the missing scope when only the token’s scopes stand in the way, and nothing more otherwise', async () => {
    const signalsOnly = await s.apiToken('CREDIT', ['signals:write']);
    const read = await s.gql(`{ accounts(first: 1) { totalCount } }`, {}, signalsOnly);
    expect(read.errors?.[0]?.message).toBe('This token lacks the scope accounts:read');
    expect(read.errors?.[0]?.extensions?.missingScopes).toEqual(['accounts:read']);
    const readOnly = await s.apiToken('CREDIT', ['accounts:read']);
    const write = await s.gql(CREATE, { input: { name: 'Token Made This' } }, readOnly);
    expect(write.errors?.[0]?.message).toMatch(/^This token lacks the scope accounts:write$/);
    const signal = await s.gql(
      `mutation ($i: CreateSignalInput!) { createSignal(input: $i) { signal { id } } }`,
      { i: { accountId, type: 'OTHER', note: 'x' } },
      readOnly,
    );
    expect(signal.errors?.[0]?.message).toBe('This token lacks the scope signals:write');
    // A role refusal names no scope: more scopes would not help a SALES user create accounts.
    const salesWithWrite = await s.apiToken('SALES', ['accounts:write', 'accounts:read']);
    expect((await s.gql(CREATE, { input: { name: 'Escalation' } }, salesWithWrite)).errors?.[0]?.message).toBe('Not allowed');
    // Session tokens have every scope their role allows: a refusal is about the role.
    expect((await s.as('SALES')(CREATE, { input: { name: 'Escalation' } })).errors?.[0]?.message).toBe('Not allowed');
  });

  it('shows sales the risk level and factor labels, not the ledger figures', async () => {
    const data = {
        riskLevel: 'HIGH' as const,
        riskScore: 62,
        trend: 'SLIPPING' as const,
        exposure: '8000.00',
        overdue: '3000.00',
        behaviour: {
          exposure: '8000.00',
          available: '2000.00',
          overdue: '3000.00',
          aging: { current: '5000.00', d1_30: '3000.00', d31_60: '0.00', d61_90: '0.00', d90plus: '0.00' },
          avgDaysToPay: 41.5,
          daysBeyondTerms: 11.5,
          paymentSeries: [],
          purchasesVsAnticipated: null,
          lastPaymentAt: null,
          overLimit: false,
          otherCurrencies: [],
        },
        factors: [{ code: 'PAYMENT_SLIPPING', label: 'Paying later than usual', weight: 62, detail: 'Paying 14 days later than their 12-month norm' }],
        computedAt: new Date(),
    };
    const id = (await s.db.prisma.account.findFirstOrThrow()).id;
    await s.db.prisma.accountMetrics.upsert({ where: { accountId: id }, create: { accountId: id, ...data }, update: data });
    const q = `query ($id: ID!) { account(id: $id) { creditStatus { riskLevel riskScore trend exposure overdue factors { label weight detail } } } }`;
    const sales = await s.as('SALES')(q, { id: accountId });
    expect(sales.errors).toBeUndefined();
    expect(sales.data?.account.creditStatus).toEqual({
      riskLevel: 'HIGH',
      riskScore: null,
      trend: 'SLIPPING',
      exposure: null,
      overdue: null,
      // Metrics stored before the sales sentences: the label in a sentence, still without the figures.
      factors: [{ label: 'Paying later than usual', weight: null, detail: 'Paying later than usual. The credit team has the figures.' }],
    });
    const credit = ok(await s.as('CREDIT')(q, { id: accountId }));
    expect(credit.account.creditStatus).toMatchObject({ riskScore: 62, exposure: '8000.00', factors: [{ weight: 62 }] });
  });

  it('rejects over-deep and over-wide queries before running them', async () => {
    const deep = `{ viewer { managedAccounts(first: 1) { edges { node { accountManager { managedAccounts(first: 1) { edges { node { accountManager { managedAccounts(first: 1) { edges { node { id } } } } } } } } } } } } }`;
    expect(errorCodes(await s.as('ADMIN')(deep))).toContain('QUERY_TOO_COMPLEX');
    const aliases = `{ ${Array.from({ length: 60 }, (_, i) => `a${i}: viewer { id }`).join(' ')} }`;
    expect(errorCodes(await s.as('ADMIN')(aliases))).toContain('QUERY_TOO_COMPLEX');
  });
});
