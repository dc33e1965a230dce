import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { toDay } from '../domain/calendar.js';
import { settleInvoices } from '../domain/invoice-settlement.js';
import { formatMoney, parseMoney } from '../domain/money.js';
import { DB_KINDS } from '../test-support/databases.js';
import { ok, type TestServer } from '../test-support/server.js';
import { writeInvoiceOutstanding } from './invoice-balances.js';
import { isoDay } from './lookups.js';
import { createAccount, startLedgerServer } from './test-helpers.js';
import { CHUNK } from './write.js';

const IMPORT = /* GraphQL */ `
  mutation ($input: ImportLedgerInput!) {
    importLedger(input: $input) { invoicesCreated invoicesUnchanged paymentsCreated paymentsUnchanged errors { message } }
  }
`;
const INVOICES = /* GraphQL */ `
  query ($id: ID!, $status: InvoiceStatus) {
    account(id: $id) { invoices(first: 50, status: $status) { edges { node { externalId outstanding status dueAt } } } }
  }
`;

type Row = Record<string, unknown>;
const money = (d: { toFixed(digits: number): string }) => parseMoney(d.toFixed(2));

// Two ledgers of issue 10 (item 6), all rows long past due on the server's clock.
const creditNoteLedger = {
  invoices: [
    { externalId: 'CN-INV-1', account: { externalId: 'CUST-CN' }, number: 'A-1', currency: 'EUR', amount: '10000.00', issuedAt: '2026-01-05', dueAt: '2026-02-04' },
    { externalId: 'CN-CN-1', account: { externalId: 'CUST-CN' }, number: 'A-CN-1', currency: 'EUR', amount: '-3000.00', issuedAt: '2026-02-10', dueAt: null },
  ],
  payments: [{ externalId: 'CN-PAY-1', invoiceExternalId: 'CN-INV-1', amount: '7000.00', receivedAt: '2026-02-01' }],
};
const oneCheque = {
  invoices: [1, 2, 3].map((n) => ({
    externalId: `CQ-INV-${n}`,
    account: { externalId: 'CUST-CQ' },
    number: `B-${n}`,
    currency: 'EUR',
    amount: '3000.00',
    issuedAt: `2026-02-0${n}`,
    dueAt: `2026-03-0${n}`,
  })),
  // One payment for all three, booked against the first.
  payments: [{ externalId: 'CQ-PAY-1', invoiceExternalId: 'CQ-INV-1', amount: '9000.00', receivedAt: '2026-03-20' }],
};

describe.each(DB_KINDS)('stored invoice outstanding on %s', (kind) => {
  let s: TestServer;
  let cn: { id: string; rowId: string };
  let cq: { id: string; rowId: string };

  const importAs = async (input: Row) => ok(await s.as('CREDIT')(IMPORT, { input })).importLedger;
  const list = async (id: string, status?: string) =>
    (ok(await s.as('CREDIT')(INVOICES, { id, status })).account.invoices.edges as { node: { externalId: string; outstanding: string; status: string; dueAt: string } }[]).map((e) => e.node);

  /** What the domain's account-level settlement gives for the account's stored rows, as the API would show it. */
  async function expected(accountId: string) {
    const account = await s.db.prisma.account.findUniqueOrThrow({ where: { id: accountId }, include: { invoices: { include: { payments: true } } } });
    const settled = settleInvoices(
      account.invoices.map((i) => ({ id: i.id, number: i.number, currency: i.currency, amount: money(i.amount), issuedAt: i.issuedAt, dueAt: i.dueAt })),
      account.invoices.flatMap((i) => i.payments.map((p) => ({ id: p.id, invoiceId: i.id, amount: money(p.amount), receivedAt: p.receivedAt }))),
      account.paymentTermsDays,
      Number.MAX_SAFE_INTEGER,
    ).invoices;
    const today = toDay(new Date());
    return account.invoices
      .map((i) => {
        const outstanding = i.amount.isNegative() ? 0 : settled.find((x) => x.id === i.id)!.outstanding;
        const status = i.amount.isNegative() ? 'CREDIT_NOTE' : outstanding === 0 ? 'PAID' : toDay(i.dueAt) < today ? 'OVERDUE' : 'OPEN';
        return { externalId: i.externalId, outstanding: formatMoney(outstanding), status, stored: i.outstanding?.toFixed(2) ?? null, dueAt: isoDay(i.dueAt) };
      })
      .sort((a, b) => a.externalId.localeCompare(b.externalId));
  }

  async function agreesWithSettlement(account: { id: string; rowId: string }) {
    const want = await expected(account.rowId);
    // Written by the recompute that followed the import, and what the API reads.
    expect(want.map((w) => w.stored)).toEqual(want.map((w) => w.outstanding));
    const got = (await list(account.id)).sort((a, b) => a.externalId.localeCompare(b.externalId));
    expect(got.map(({ externalId, outstanding, status }) => ({ externalId, outstanding, status }))).toEqual(
      want.map(({ externalId, outstanding, status }) => ({ externalId, outstanding, status })),
    );
    // The filter agrees with the rows: overdue is exactly "something still owed and the due date passed".
    const today = isoDay(new Date());
    const overdue = want.filter((w) => w.status !== 'CREDIT_NOTE' && parseMoney(w.outstanding) > 0 && w.dueAt < today).map((w) => w.externalId);
    expect((await list(account.id, 'OVERDUE')).map((n) => n.externalId).sort()).toEqual(overdue);
    const paid = want.filter((w) => w.status === 'PAID').map((w) => w.externalId);
    expect((await list(account.id, 'PAID')).map((n) => n.externalId).sort()).toEqual(paid);
    return want;
  }

  /** Counts row updates of "Invoice" from here on, whoever makes them. */
  async function countInvoiceUpdates() {
    await s.db.prisma.$executeRawUnsafe(`CREATE TABLE IF NOT EXISTS "TestInvoiceUpdate" ("invoiceId" text NOT NULL)`);
    await s.db.prisma.$executeRawUnsafe(`CREATE OR REPLACE FUNCTION test_count_invoice_update() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN INSERT INTO "TestInvoiceUpdate" VALUES (NEW."id"); RETURN NEW; END $$`);
    await s.db.prisma.$executeRawUnsafe(`DROP TRIGGER IF EXISTS test_count_invoice_update ON "Invoice"`);
    await s.db.prisma.$executeRawUnsafe(`CREATE TRIGGER test_count_invoice_update AFTER UPDATE ON "Invoice" FOR EACH ROW EXECUTE FUNCTION test_count_invoice_update()`);
    await s.db.prisma.$executeRawUnsafe(`DELETE FROM "TestInvoiceUpdate"`);
    return async () => Number((await s.db.prisma.$queryRawUnsafe<{ n: bigint }[]>(`SELECT count(*) AS n FROM "TestInvoiceUpdate"`))[0]!.n);
  }

  beforeAll(async () => {
    ({ s } = await startLedgerServer(kind));
    cn = await createAccount(s, { name: 'Credit Note Ltd', externalId: 'CUST-CN', domains: ['credit-note.example'] });
    cq = await createAccount(s, { name: 'One Cheque Ltd', externalId: 'CUST-CQ', domains: ['one-cheque.example'] });
    expect((await importAs(creditNoteLedger)).errors).toEqual([]);
    expect((await importAs(oneCheque)).errors).toEqual([]);
  });
  afterAll(() => s?.close());

  it('a 10,000 invoice paid 7,000 with a 3,000 credit note: the list reads the account-level settlement', async () => {
    const want = await agreesWithSettlement(cn);
    expect(want.find((w) => w.externalId === 'CN-CN-1')).toMatchObject({ outstanding: '0.00', status: 'CREDIT_NOTE' });
    // The credit note settles the 3,000 the cash left open: nothing is overdue.
    expect(want.find((w) => w.externalId === 'CN-INV-1')).toMatchObject({ outstanding: '0.00', status: 'PAID' });
  });

  it('one payment covering three invoices booked against the first: the list reads the account-level settlement', async () => {
    const want = await agreesWithSettlement(cq);
    expect(want.find((w) => w.externalId === 'CQ-INV-1')).toMatchObject({ outstanding: '0.00', status: 'PAID' });
  });

  it('reads the invoice’s own payments while nothing is stored, and the stored value once the account is recomputed', async () => {
    await s.db.prisma.invoice.updateMany({ where: { accountId: cn.rowId }, data: { outstanding: null } });
    expect((await list(cn.id)).map((n) => [n.externalId, n.outstanding, n.status]).sort()).toEqual([
      ['CN-CN-1', '0.00', 'CREDIT_NOTE'],
      ['CN-INV-1', '3000.00', 'OVERDUE'],
    ]);
    expect((await list(cn.id, 'OVERDUE')).map((n) => n.externalId)).toEqual(['CN-INV-1']);
    await s.services.accountChanged(cn.rowId, 'test');
    await agreesWithSettlement(cn);
  });

  it('a stored value that differs from its own payments wins, in the node and in the filter alike', async () => {
    const first = await s.db.prisma.invoice.findUniqueOrThrow({ where: { externalId: 'CN-INV-1' } });
    await s.db.prisma.invoice.update({ where: { id: first.id }, data: { outstanding: '0.00' } });
    expect((await list(cn.id)).find((n) => n.externalId === 'CN-INV-1')).toMatchObject({ outstanding: '0.00', status: 'PAID' });
    expect(await list(cn.id, 'OVERDUE')).toEqual([]);
    expect((await list(cn.id, 'PAID')).map((n) => n.externalId)).toEqual(['CN-INV-1']);
    await s.services.accountChanged(cn.rowId, 'test');
    await agreesWithSettlement(cn);
  });

  it('re-importing the same rows, or recomputing with nothing changed, writes no Invoice row', async () => {
    const updates = await countInvoiceUpdates();
    const before = await s.db.prisma.accountMetrics.findUniqueOrThrow({ where: { accountId: cq.rowId } });
    expect(await importAs(oneCheque)).toMatchObject({ invoicesCreated: 0, invoicesUnchanged: 3, paymentsCreated: 0, paymentsUnchanged: 1, errors: [] });
    await s.services.accountsChanged([cn.rowId, cq.rowId], 'test');
    const after = await s.db.prisma.accountMetrics.findUniqueOrThrow({ where: { accountId: cq.rowId } });
    expect(after.computedAt.getTime()).toBeGreaterThan(before.computedAt.getTime());
    expect(await updates()).toBe(0);

    // A new payment (no Invoice row changes in the ledger): the recompute writes only the invoices whose outstanding moved.
    const storedBefore = (await expected(cn.rowId)).map((w) => w.stored);
    expect((await importAs({ payments: [{ externalId: 'CN-PAY-2', invoiceExternalId: 'CN-INV-1', amount: '1000.00', receivedAt: '2026-04-01' }] })).errors).toEqual([]);
    const storedAfter = (await agreesWithSettlement(cn)).map((w) => w.stored);
    expect(await updates()).toBe(storedAfter.filter((v, i) => v !== storedBefore[i]).length);
  });

  it('a payment dated tomorrow (allowed: already today east of UTC) settles nothing yet, in the list as in the status', async () => {
    const tomorrow = isoDay(new Date(Date.now() + 86_400_000));
    const fut = await createAccount(s, { name: 'Tomorrow Ltd', externalId: 'CUST-FUT' });
    const rows = {
      invoices: [{ externalId: 'FUT-INV-1', account: { externalId: 'CUST-FUT' }, number: 'F-1', currency: 'EUR', amount: '4000.00', issuedAt: '2026-01-05', dueAt: '2026-02-04' }],
      payments: [{ externalId: 'FUT-PAY-1', invoiceExternalId: 'FUT-INV-1', amount: '4000.00', receivedAt: tomorrow }],
    };
    expect((await importAs(rows)).errors).toEqual([]);
    expect((await list(fut.id)).map((n) => [n.externalId, n.outstanding, n.status])).toEqual([['FUT-INV-1', '4000.00', 'OVERDUE']]);
    const status = ok(await s.as('CREDIT')('query ($id: ID!) { account(id: $id) { creditStatus { overdue } } }', { id: fut.id })).account.creditStatus;
    expect(status.overdue).toBe('4000.00');
  });

  it('writes big accounts a chunk at a time, and only what differs', async () => {
    const account = await createAccount(s, { name: 'Many Invoices Ltd', domains: ['many-invoices.example'] });
    const n = CHUNK * 2 + 5;
    await s.db.prisma.invoice.createMany({
      data: Array.from({ length: n }, (_, i) => ({
        externalId: `MANY-${i}`,
        accountId: account.rowId,
        number: `M-${i}`,
        currency: 'EUR',
        amount: '100.00',
        issuedAt: new Date('2026-01-05'),
        dueAt: new Date('2026-02-04'),
      })),
    });
    const rows = await s.db.prisma.invoice.findMany({ where: { accountId: account.rowId }, orderBy: { externalId: 'asc' } });
    const invoices = rows.map((i) => ({ id: i.id, currency: i.currency, amount: money(i.amount), issuedAt: i.issuedAt, dueAt: i.dueAt }));
    const payments = [{ id: 'p-1', invoiceId: rows[0]!.id, amount: 10_000, receivedAt: new Date('2026-03-01') }];
    const settled = settleInvoices(invoices, payments, 30, Number.MAX_SAFE_INTEGER).invoices;
    const write = () => s.db.prisma.$transaction((tx) => writeInvoiceOutstanding(tx, account.rowId, settled));
    expect(await write()).toBe(n);
    expect(await write()).toBe(0);
    const stored = await s.db.prisma.invoice.groupBy({ by: ['outstanding'], where: { accountId: account.rowId }, _count: true });
    expect(stored.reduce((sum, g) => sum + g._count, 0)).toBe(n);
    expect(stored.every((g) => g.outstanding !== null)).toBe(true);
    // Another account's invoice with the same id list is never touched.
    expect(await s.db.prisma.$transaction((tx) => writeInvoiceOutstanding(tx, cn.rowId, settleInvoices(invoices, [], 30, Number.MAX_SAFE_INTEGER).invoices))).toBe(0);
  });
});
