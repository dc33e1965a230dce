import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createAccount, type RecomputeCall, startLedgerServer } from '../ledger/test-helpers.js';
import { DB_KINDS } from '../test-support/databases.js';
import { errorCodes, ok, type TestServer } from '../test-support/server.js';

const IMPORT = /* GraphQL */ `
  mutation ($input: ImportLedgerInput!) {
    importLedger(input: $input) {
      invoicesUpserted invoicesCreated invoicesUnchanged paymentsUpserted paymentsCreated paymentsUnchanged accountsTouched dryRun errorCount
      errors { kind index field message }
    }
  }
`;
const INVOICES = /* GraphQL */ `
  query ($id: ID!, $status: InvoiceStatus) {
    account(id: $id) {
      invoices(first: 50, status: $status) {
        totalCount
        edges { node { externalId number currency amount outstanding status issuedAt dueAt payments { externalId amount receivedAt } } }
      }
    }
  }
`;

type Row = Record<string, unknown>;
const inv = (externalId: string, over: Row = {}): Row => ({
  externalId,
  account: { externalId: 'CUST-1' },
  number: externalId.replace('INV', 'NO'),
  currency: 'EUR',
  amount: '1000.00',
  issuedAt: '2026-01-05',
  dueAt: '2026-02-04',
  ...over,
});
const pay = (externalId: string, invoiceExternalId: string, over: Row = {}): Row => ({
  externalId,
  invoiceExternalId,
  amount: '1000.00',
  receivedAt: '2026-02-01',
  ...over,
});

describe.each(DB_KINDS)('ledger import and read API on %s', (kind) => {
  let s: TestServer;
  let recomputes: RecomputeCall[];
  let acme: { id: string; rowId: string };
  let globex: { id: string; rowId: string };
  let initech: { id: string; rowId: string };

  async function snapshot() {
    const [invoices, payments] = await Promise.all([
      s.db.prisma.invoice.findMany({ orderBy: { externalId: 'asc' } }),
      s.db.prisma.payment.findMany({ orderBy: { externalId: 'asc' } }),
    ]);
    return JSON.stringify({ invoices, payments });
  }
  const importAs = (role: 'CREDIT' | 'ADMIN' | 'SALES', input: Row) => s.as(role)(IMPORT, { input });
  const errorsOf = async (input: Row) => ok(await importAs('CREDIT', input)).importLedger.errors as { kind: string; index: number; field: string; message: string }[];

  beforeAll(async () => {
    ({ s, recomputes } = await startLedgerServer(kind));
    acme = await createAccount(s, { name: 'Acme Tools', externalId: 'CUST-1', domains: ['acme.example'] });
    globex = await createAccount(s, { name: 'Globex Supply', externalId: 'CUST-2', domains: ['globex.example'], currency: 'USD' });
    initech = await createAccount(s, { name: 'Initech', domains: ['initech.example'] });
    const first = ok(
      await importAs('CREDIT', {
        invoices: [
          inv('INV-1'),
          inv('INV-2', { amount: '250.50', issuedAt: '2026-03-01', dueAt: '2026-03-31' }),
          inv('INV-3', { account: { domain: 'WWW.Globex.example' }, currency: 'usd', amount: '99.99' }),
          inv('INV-4', { account: { id: initech.id }, dueAt: '2026-01-20' }),
          inv('CN-1', { amount: '-100.00', dueAt: null, issuedAt: '2026-03-02' }),
        ],
        payments: [pay('PAY-1', 'INV-1'), pay('PAY-2', 'INV-2', { amount: '50.50', receivedAt: '2026-03-15', currency: 'EUR' })],
      }),
    ).importLedger;
    expect(first).toMatchObject({ invoicesUpserted: 5, invoicesCreated: 5, invoicesUnchanged: 0, paymentsUpserted: 2, paymentsCreated: 2, accountsTouched: 3, errors: [] });
  });
  beforeEach(() => void recomputes.splice(0));
  afterAll(() => s?.close());

  it('stores rows under the account named by external id, domain or Account id, and recomputes those accounts once', async () => {
    const rows = await s.db.prisma.invoice.findMany({ select: { externalId: true, accountId: true, amount: true, currency: true }, orderBy: { externalId: 'asc' } });
    expect(rows.map((r) => [r.externalId, r.accountId, r.amount.toFixed(2), r.currency])).toEqual([
      ['CN-1', acme.rowId, '-100.00', 'EUR'],
      ['INV-1', acme.rowId, '1000.00', 'EUR'],
      ['INV-2', acme.rowId, '250.50', 'EUR'],
      ['INV-3', globex.rowId, '99.99', 'USD'],
      ['INV-4', initech.rowId, '1000.00', 'EUR'],
    ]);
    const audits = await s.db.prisma.auditEvent.findMany({ where: { action: 'ledger.import' } });
    expect(audits).toHaveLength(1);
    expect(audits[0]).toMatchObject({ entityType: 'Ledger', data: { via: 'api', rows: 7, invoicesCreated: 5, paymentsCreated: 2, accountsTouched: 3 } });
  });

  it('is idempotent: the same batch again writes nothing, reports everything unchanged and recomputes nothing', async () => {
    const before = await snapshot();
    const again = ok(await importAs('CREDIT', { invoices: [inv('INV-1'), inv('INV-2', { amount: '250.5', issuedAt: '2026-03-01', dueAt: '2026-03-31' })], payments: [pay('PAY-1', 'INV-1')] })).importLedger;
    expect(again).toMatchObject({ invoicesUpserted: 0, invoicesUnchanged: 2, paymentsUpserted: 0, paymentsUnchanged: 1, accountsTouched: 0, errors: [] });
    expect(await snapshot()).toBe(before);
    expect(recomputes).toEqual([]);
  });

  it('applies corrections to a re-sent row and recomputes only its account', async () => {
    const r = ok(await importAs('ADMIN', { invoices: [inv('INV-1', { amount: '1200.00', dueAt: '2026-02-10' }), inv('INV-3', { account: { externalId: 'CUST-2' }, currency: 'USD', amount: '99.99' })] })).importLedger;
    expect(r).toMatchObject({ invoicesUpserted: 1, invoicesCreated: 0, invoicesUnchanged: 1, accountsTouched: 1 });
    expect(recomputes).toEqual([{ accountIds: [acme.rowId], reason: 'ledger.import' }]);
    const stored = await s.db.prisma.invoice.findUniqueOrThrow({ where: { externalId: 'INV-1' } });
    expect([stored.amount.toFixed(2), stored.dueAt.toISOString().slice(0, 10)]).toEqual(['1200.00', '2026-02-10']);
    ok(await importAs('ADMIN', { invoices: [inv('INV-1')] }));
  });

  it('is all-or-nothing: one bad row among good ones lists the error and writes nothing', async () => {
    const before = await snapshot();
    const audits = await s.db.prisma.auditEvent.count();
    const r = ok(await importAs('CREDIT', { invoices: [inv('INV-10'), inv('INV-11', { amount: '0' }), inv('INV-12')], payments: [pay('PAY-10', 'INV-10')] })).importLedger;
    expect(r).toMatchObject({ invoicesUpserted: 0, paymentsUpserted: 0, errorCount: 1 });
    expect(r.errors).toEqual([{ kind: 'INVOICE', index: 1, field: 'amount', message: expect.stringContaining('Invoice row 2 "INV-11": amount is zero') }]);
    expect(await snapshot()).toBe(before);
    expect(await s.db.prisma.auditEvent.count()).toBe(audits);
    expect(recomputes).toEqual([]);
  });

  it.each([
    ['unknown account', { invoices: [inv('INV-20', { account: { externalId: 'CUST-404' } })] }, 'INVOICE', 'account', 'unknown account (externalId "CUST-404")'],
    ['keys naming two accounts', { invoices: [inv('INV-20', { account: { externalId: 'CUST-1', domain: 'globex.example' } })] }, 'INVOICE', 'account', 'unknown account'],
    ['not an Account id', { invoices: [inv('INV-20', { account: { id: 'nonsense' } })] }, 'INVOICE', 'account', 'unknown account (id "nonsense")'],
    ['negative payment', { payments: [pay('PAY-20', 'INV-2', { amount: '-5.00', receivedAt: '2026-03-20' })] }, 'PAYMENT', 'amount', 'amount must be positive'],
    ['zero invoice', { invoices: [inv('INV-20', { amount: '0.00' })] }, 'INVOICE', 'amount', 'amount is zero'],
    ['three decimals', { invoices: [inv('INV-20', { amount: '1.005' })] }, 'INVOICE', 'amount', 'at most 2 decimals'],
    ['due before issue', { invoices: [inv('INV-20', { dueAt: '2026-01-01' })] }, 'INVOICE', 'dueAt', 'dueAt 2026-01-01 is before issuedAt 2026-01-05'],
    ['payment for unknown invoice', { payments: [pay('PAY-20', 'INV-404')] }, 'PAYMENT', 'invoiceExternalId', 'invoice "INV-404" is neither in this batch nor already stored'],
    ['payment before issue', { payments: [pay('PAY-20', 'INV-2', { receivedAt: '2026-02-28' })] }, 'PAYMENT', 'receivedAt', 'is before the invoice was issued (2026-03-01)'],
    ['payment currency mismatch', { payments: [pay('PAY-20', 'INV-3', { currency: 'EUR', amount: '1.00' })] }, 'PAYMENT', 'currency', `currency EUR differs from invoice "INV-3"'s currency USD`],
    ['re-sent invoice changing currency', { invoices: [inv('INV-1', { currency: 'USD' })] }, 'INVOICE', 'currency', "differs from the stored invoice's EUR"],
    ['payment to a credit note', { payments: [pay('PAY-20', 'CN-1', { receivedAt: '2026-03-05' })] }, 'PAYMENT', 'invoiceExternalId', 'is a credit note'],
    ['an over-long external id', { invoices: [inv('X'.repeat(101))] }, 'INVOICE', 'externalId', 'externalId is longer than 100 characters'],
  ] as const)('names row and field: %s', async (_name, input, errKind, field, message) => {
    const errors = await errorsOf(input);
    expect(errors).toContainEqual({ kind: errKind, index: 0, field, message: expect.stringContaining(message) });
    expect(errors[0]?.message).toMatch(/^(Invoice|Payment) row 1/);
  });

  it('accepts a credit note without a due date and shows it as such', async () => {
    const list = ok(await s.as('CREDIT')(INVOICES, { id: acme.id, status: 'CREDIT_NOTE' })).account.invoices;
    expect(list).toEqual({
      totalCount: 1,
      edges: [{ node: { externalId: 'CN-1', number: 'CN-1', currency: 'EUR', amount: '-100.00', outstanding: '0.00', status: 'CREDIT_NOTE', issuedAt: '2026-03-02', dueAt: '2026-03-02', payments: [] } }],
    });
  });

  it('lists invoices newest first with outstanding amounts, and filters by status', async () => {
    const all = ok(await s.as('CREDIT')(INVOICES, { id: acme.id })).account.invoices;
    expect(all.edges.map((e: { node: Row }) => [e.node.externalId, e.node.outstanding, e.node.status])).toEqual([
      ['CN-1', '0.00', 'CREDIT_NOTE'],
      // The 100.00 credit note names no invoice: it settles the oldest open one (CREDIT-MODEL.md §1), 200.00 → 100.00.
      ['INV-2', '100.00', 'OVERDUE'],
      ['INV-1', '0.00', 'PAID'],
    ]);
    expect(all.edges[1].node.payments).toEqual([{ externalId: 'PAY-2', amount: '50.50', receivedAt: '2026-03-15' }]);
    const ids = async (status: string) =>
      ok(await s.as('ADMIN')(INVOICES, { id: acme.id, status })).account.invoices.edges.map((e: { node: Row }) => e.node.externalId);
    expect(await ids('OPEN')).toEqual(['INV-2']);
    expect(await ids('OVERDUE')).toEqual(['INV-2']);
    expect(await ids('PAID')).toEqual(['INV-1']);
  });

  it('validates without writing on dryRun', async () => {
    const before = await snapshot();
    const r = ok(await importAs('CREDIT', { invoices: [inv('INV-30'), inv('INV-1')], dryRun: true })).importLedger;
    expect(r).toMatchObject({ dryRun: true, invoicesCreated: 1, invoicesUnchanged: 1, accountsTouched: 1, errors: [] });
    expect(await snapshot()).toBe(before);
  });

  it('refuses a batch over the row limit with a clear error', async () => {
    const r = await importAs('CREDIT', { payments: Array.from({ length: 10_001 }, (_, i) => pay(`P-${i}`, 'INV-1')) });
    expect(r.errors?.[0]?.message).toMatch(/at most 10000 rows .* this one has 10001/);
    expect(errorCodes(r)).toEqual(['BAD_USER_INPUT']);
  });

  it('lets only CREDIT/ADMIN import, and API tokens only with ledger:write', async () => {
    expect(errorCodes(await importAs('SALES', { invoices: [inv('INV-40')] }))).toEqual(['FORBIDDEN']);
    const readOnly = await s.apiToken('CREDIT', ['accounts:read', 'ledger:read']);
    expect(errorCodes(await s.gql(IMPORT, { input: { invoices: [inv('INV-40')] } }, readOnly))).toEqual(['FORBIDDEN']);
    const salesToken = await s.apiToken('SALES', ['ledger:write']);
    expect(errorCodes(await s.gql(IMPORT, { input: { invoices: [inv('INV-40')] } }, salesToken))).toEqual(['FORBIDDEN']);
    const writer = await s.apiToken('CREDIT', ['ledger:write']);
    expect(ok(await s.gql(IMPORT, { input: { invoices: [inv('INV-40')] } }, writer)).importLedger.invoicesCreated).toBe(1);
  });

  it('shows the ledger to the credit team only (null for others, so one account query serves every role)', async () => {
    const sales = await s.as('SALES')(INVOICES, { id: acme.id });
    expect(errorCodes(sales)).toEqual([]);
    expect(sales.data?.account.invoices).toBeNull();
    const invoiceId = ok(await s.as('CREDIT')(`query ($id: ID!) { account(id: $id) { invoices(first: 1) { edges { node { id } } } } }`, { id: acme.id })).account.invoices.edges[0].node.id;
    const viaNode = await s.as('SALES')(`query ($id: ID!) { node(id: $id) { ... on Invoice { amount } } }`, { id: invoiceId });
    expect(viaNode.data?.node).toBeNull();
    expect(errorCodes(viaNode)).toEqual(['FORBIDDEN']);
    const noScope = await s.apiToken('CREDIT', ['accounts:read']);
    expect(ok(await s.gql(INVOICES, { id: acme.id }, noScope)).account.invoices).toBeNull();
  });
});
