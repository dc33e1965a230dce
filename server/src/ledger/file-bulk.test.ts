/**
 * The one-transaction file import (file-bulk.ts) on PGlite and PostgreSQL, through both ways of loading the
 * staging tables: COPY (PostgreSQL's FROM STDIN, PGlite's blob) and the multi-row INSERT fallback.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, DB_KINDS, type TestDatabase } from '../test-support/databases.js';
import { bulkTransaction } from './bulk-sql.js';
import { importLedgerFile } from './file-bulk.js';
import type { LedgerPlan } from './plan.js';
import { writeLedgerPlanBulk } from './write-bulk.js';

const INVOICE_HEADER = 'invoice_id,account_external_id,number,currency,amount,issued_at,due_at,applies_to';
const PAYMENT_HEADER = 'payment_id,invoice_id,amount,received_at';
const NOW = () => new Date('2026-06-01T12:00:00Z');

describe.each(DB_KINDS)('ledger file import in one transaction on %s', (kind) => {
  let db: TestDatabase;
  let tmp: string;
  let n = 0;
  const file = (text: string) => {
    const f = path.join(tmp, `f${++n}.csv`);
    fs.writeFileSync(f, text);
    return f;
  };
  /** Enough rows that COPY is used (below 200 rows the INSERT path is taken either way). */
  const invoices = (prefix: string, count: number, account = 'BULK-1') =>
    `${INVOICE_HEADER}\n${Array.from({ length: count }, (_, i) => `${prefix}-${i + 1},${account},N-${prefix}-${i + 1},EUR,${100 + i}.50,2026-01-10,2026-02-09,`).join('\n')}\n`;
  const snapshot = async () =>
    JSON.stringify([
      await db.prisma.invoice.findMany({ orderBy: { externalId: 'asc' }, select: { externalId: true, amount: true, number: true, updatedAt: true } }),
      await db.prisma.payment.findMany({ orderBy: { externalId: 'asc' }, select: { externalId: true, amount: true, updatedAt: true } }),
      await db.prisma.ledgerWarning.count(),
      await db.prisma.ledgerImport.count(),
    ]);

  beforeAll(async () => {
    db = await createTestDatabase(kind);
    tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'earshot-bulk-'));
    await db.prisma.account.create({ data: { name: 'Bulk One', externalId: 'BULK-1', currency: 'EUR' } });
    await db.prisma.account.create({ data: { name: 'Bulk Two', externalId: 'BULK-2', currency: 'USD' } });
  }, 240_000);
  afterAll(async () => {
    await db?.drop();
    fs.rmSync(tmp, { recursive: true, force: true });
  });

  for (const copy of [true, false]) {
    it(`stages ${copy ? 'with COPY' : 'with multi-row INSERT (the fallback)'} and upserts set-based; re-importing changes nothing`, async () => {
      const prefix = copy ? 'BC' : 'BI';
      const f = file(invoices(prefix, 450));
      const r = await importLedgerFile(db, f, { copy, now: NOW, source: 'bulk.csv' });
      expect(r.problemCount).toBe(0);
      expect(r.written).toBe(true);
      expect(r.counts).toMatchObject({ invoicesCreated: 450, invoicesUpdated: 0, invoicesUnchanged: 0 });
      const stored = await db.prisma.invoice.findUniqueOrThrow({ where: { externalId: `${prefix}-450` } });
      expect([stored.amount.toFixed(2), stored.number, stored.issuedAt.toISOString().slice(0, 10), stored.appliesTo]).toEqual(['549.50', `N-${prefix}-450`, '2026-01-10', null]);
      expect(stored.id).toMatch(/^[0-9a-f-]{14}7/);

      const before = await snapshot();
      const again = await importLedgerFile(db, f, { copy, now: NOW });
      expect(again.counts).toMatchObject({ invoicesCreated: 0, invoicesUpdated: 0, invoicesUnchanged: 450 });
      expect([...again.touchedAccountIds]).toEqual([]);
      expect(await snapshot()).toBe(before);

      // A corrected amount updates that row in place, and only it.
      const corrected = invoices(prefix, 450).replace(`${prefix}-7,BULK-1,N-${prefix}-7,EUR,106.50`, `${prefix}-7,BULK-1,N-${prefix}-7,EUR,206.50`);
      const fix = await importLedgerFile(db, file(corrected), { copy, now: NOW });
      expect(fix.counts).toMatchObject({ invoicesCreated: 0, invoicesUpdated: 1, invoicesUnchanged: 449 });
      expect((await db.prisma.invoice.findUniqueOrThrow({ where: { externalId: `${prefix}-7` } })).amount.toFixed(2)).toBe('206.50');
    });
  }

  it('links payments to invoices of the same file and of earlier ones, and records the suspicious rows as warnings', async () => {
    const inv = file(`${INVOICE_HEADER}\nBW-1,BULK-2,W-1,USD,100.00,2026-03-01,2026-03-31,\nBW-2,BULK-2,W-2,EUR,50.00,2026-03-02,2026-04-01,\n`);
    const first = await importLedgerFile(db, inv, { now: NOW, source: 'warn.csv' });
    expect(first.written).toBe(true);
    // The account's currency is USD: an EUR invoice is valid but new for it.
    expect(first.warnings.map((w) => [w.line, w.kind])).toEqual([[3, 'NEW_CURRENCY']]);
    const rows = Array.from({ length: 250 }, (_, i) => `BWP-${i + 1},BW-1,0.10,2026-03-10`);
    // An overpayment and the same payment twice (same invoice, amount and day), among 250 small ones.
    rows.push('BWP-OVER,BW-1,500.00,2026-03-11', 'BWP-DUP,BW-2,10.00,2026-03-12', 'BWP-DUP2,BW-2,10.00,2026-03-12');
    const pay = file(`${PAYMENT_HEADER}\n${rows.join('\n')}\n`);
    const r = await importLedgerFile(db, pay, { now: NOW, source: 'pay.csv' });
    expect(r.problemCount).toBe(0);
    expect(r.counts.paymentsCreated).toBe(253);
    const kinds = r.warnings.map((w) => w.kind).sort();
    expect(kinds).toContain('OVERPAYMENT');
    expect(kinds).toContain('DUPLICATE_PAYMENT');
    expect(r.warningsStored).toBe(r.warningCount);
    const stored = await db.prisma.ledgerWarning.findMany({ where: { import: { source: 'pay.csv' } }, select: { kind: true, externalId: true } });
    expect(stored.length).toBe(r.warningCount);
    expect(await db.prisma.ledgerImport.findFirstOrThrow({ where: { source: 'pay.csv' } })).toMatchObject({ rows: 253, warningCount: r.warningCount });
    const p = await db.prisma.payment.findUniqueOrThrow({ where: { externalId: 'BWP-OVER' }, include: { invoice: { select: { externalId: true } } } });
    expect(p.invoice.externalId).toBe('BW-1');
    // Again: nothing written, nothing new warned, no new import record.
    const again = await importLedgerFile(db, pay, { now: NOW, source: 'pay.csv' });
    expect(again.counts.paymentsUnchanged).toBe(253);
    expect(again.warningCount).toBe(0);
    expect(await db.prisma.ledgerImport.count({ where: { source: 'pay.csv' } })).toBe(1);
  });

  it('rejects the whole file when one row is bad, naming the row, and writes nothing', async () => {
    const before = await snapshot();
    const text = invoices('BX', 300).replace('BX-250,BULK-1,N-BX-250,EUR,349.50', 'BX-250,BULK-404,N-BX-250,EUR,349.50');
    const r = await importLedgerFile(db, file(text), { now: NOW });
    expect(r.written).toBe(false);
    expect(r.problems).toEqual([{ line: 251, field: 'account', message: 'unknown account (externalId "BULK-404")' }]);
    expect(await snapshot()).toBe(before);
  });

  it('rolls the whole file back when the write fails part-way', async () => {
    const before = await snapshot();
    await expect(
      bulkTransaction(db, async (sql) => {
        await sql.query(
          `INSERT INTO "Invoice" ("id", "externalId", "accountId", "number", "currency", "amount", "issuedAt", "dueAt", "createdAt", "updatedAt")
           SELECT 'rollback-1', 'ROLLBACK-1', a."id", 'R', 'EUR', 1, '2026-01-01', '2026-01-31', now(), now() FROM "Account" a WHERE a."externalId" = 'BULK-1'`,
        );
        await sql.query('SELECT 1/0');
      }),
    ).rejects.toThrow(/division by zero/);
    expect(await db.prisma.invoice.count({ where: { externalId: 'ROLLBACK-1' } })).toBe(0);
    expect(await snapshot()).toBe(before);
  });

  it('writes created invoices straight into the ledger; one created meanwhile fails that write whole, and the staged upsert then takes it', async () => {
    const account = await db.prisma.account.findUniqueOrThrow({ where: { externalId: 'BULK-1' } });
    const row = (i: number, amount: number) => ({
      externalId: `BR-${i}`,
      accountId: account.id,
      number: `N-BR-${i}`,
      currency: 'EUR',
      amount,
      issuedAt: '2026-01-10',
      dueAt: '2026-02-09',
      isCreditNote: false,
      appliesTo: null,
    });
    const plan = (amount: number): LedgerPlan => ({
      newInvoices: Array.from({ length: 250 }, (_, i) => row(i + 1, amount)),
      changedInvoices: [],
      unchangedInvoices: 0,
      newPayments: [],
      changedPayments: [],
      unchangedPayments: 0,
      touchedAccountIds: [account.id],
    });
    expect(await bulkTransaction(db, (sql) => writeLedgerPlanBulk(sql, plan(100)))).toEqual({ invoices: 250, payments: 0 });
    // As if another import had written BR-1 … BR-250 after this plan was validated: the unique index refuses
    // the direct write (SQLSTATE 23505, what importLedgerFile retries on) and nothing of it lands.
    const before = await snapshot();
    await expect(bulkTransaction(db, (sql) => writeLedgerPlanBulk(sql, plan(200)))).rejects.toMatchObject({ code: '23505' });
    expect(await snapshot()).toBe(before);
    expect(await bulkTransaction(db, (sql) => writeLedgerPlanBulk(sql, plan(200), { direct: false }))).toEqual({ invoices: 250, payments: 0 });
    expect((await db.prisma.invoice.findUniqueOrThrow({ where: { externalId: 'BR-250' } })).amount.toFixed(2)).toBe('2.00');
  });

  it('carries quotes, commas and line breaks in text through COPY unchanged', async () => {
    const f = file(`${INVOICE_HEADER}\n${Array.from({ length: 210 }, (_, i) => `BQ-${i + 1},BULK-1,"N ""${i}"", a,\nb",EUR,1.00,2026-01-10,2026-02-09,`).join('\n')}\n`);
    const r = await importLedgerFile(db, f, { now: NOW });
    expect(r.problemCount).toBe(0);
    expect((await db.prisma.invoice.findUniqueOrThrow({ where: { externalId: 'BQ-3' } })).number).toBe('N "2", a,\nb');
  });
});
