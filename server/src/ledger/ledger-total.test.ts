/**
 * The per-account bound on a ledger's total (domain/money.ts MAX_LEDGER_TOTAL_MINOR): an import that would take
 * one account past it is refused whole, through the API (BAD_USER_INPUT) and the CLI's file import (a problem
 * with its line), so the credit status of that account can always be computed exactly.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, DB_KINDS, type TestDatabase } from '../test-support/databases.js';
import { errorCodes, ok, type TestServer } from '../test-support/server.js';
import { importLedgerFile } from './file-bulk.js';
import { validateLedgerFile, writeLedgerFile } from './file-import.js';
import { createAccount, startLedgerServer } from './test-helpers.js';

const IMPORT = `mutation ($input: ImportLedgerInput!) { importLedger(input: $input) { invoicesCreated errorCount errors { message } } }`;
const STATUS = `query ($id: ID!) { account(id: $id) { creditStatus { exposure riskLevel } } }`;
const MAX = '10000000000.00';

const inv = (externalId: string, customer: string, amount: string) => ({
  externalId,
  account: { externalId: customer },
  number: externalId,
  currency: 'EUR',
  amount,
  issuedAt: '2026-01-05',
  dueAt: '2026-02-04',
});

describe.each(DB_KINDS)('the bound on an account ledger total on %s', (kind) => {
  let s: TestServer;
  let big: { id: string; rowId: string };

  beforeAll(async () => {
    ({ s } = await startLedgerServer(kind));
    big = await createAccount(s, { name: 'Big Ledger', externalId: 'BIG-1' });
    await createAccount(s, { name: 'Huge Ledger', externalId: 'HUGE-1' });
  });
  afterAll(() => s?.close());

  it('refuses a batch whose rows alone take one account past 10,000,000,000,000.00, and writes nothing', { timeout: 120_000 }, async () => {
    const invoices = Array.from({ length: 1001 }, (_, i) => inv(`BIG-INV-${i}`, 'BIG-1', MAX));
    const r = await s.as('CREDIT')(IMPORT, { input: { invoices } });
    expect(errorCodes(r)).toEqual(['BAD_USER_INPUT']);
    expect(r.errors?.[0]?.message).toContain(`Invoice row 1001: account ${big.rowId}: its ledger would total more than 10,000,000,000,000.00`);
    expect(await s.db.prisma.invoice.count({ where: { accountId: big.rowId } })).toBe(0);
    // 1,000 rows at the per-amount maximum are exactly at the bound: accepted, and the status is computed exactly.
    const fits = ok(await s.as('CREDIT')(IMPORT, { input: { invoices: invoices.slice(0, 1000) } })).importLedger;
    expect(fits).toMatchObject({ invoicesCreated: 1000, errorCount: 0 });
    expect(ok(await s.as('CREDIT')(STATUS, { id: big.id })).account.creditStatus.exposure).toBe('10000000000000.00');
  });

  it('counts the stored rows: one more cent on a full account is refused, a correction that lowers it is not', async () => {
    const more = await s.as('CREDIT')(IMPORT, { input: { invoices: [inv('BIG-EXTRA', 'BIG-1', '0.01')] } });
    expect(errorCodes(more)).toEqual(['BAD_USER_INPUT']);
    expect(more.errors?.[0]?.message).toContain(`account ${big.rowId}: its ledger would total more than`);
    // Re-sending a stored row with a smaller amount lowers the total: accepted, and then a new small row fits.
    const lower = ok(await s.as('CREDIT')(IMPORT, { input: { invoices: [inv('BIG-INV-0', 'BIG-1', '9999999999.00'), inv('BIG-EXTRA', 'BIG-1', '1.00')] } }));
    expect(lower.importLedger.errorCount).toBe(0);
  });

  it('the CLI refuses the file, naming the line and the account, even when the rows are spread over batches', { timeout: 120_000 }, async () => {
    const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'earshot-total-'));
    const db: TestDatabase = await createTestDatabase(kind);
    try {
      const account = await db.prisma.account.create({ data: { name: 'Huge', externalId: 'HUGE-1', currency: 'EUR' } });
      const lines = ['invoice_id,customer_id,number,currency,amount,issued_at,due_at'];
      for (let i = 0; i < 1001; i++) lines.push(`H-${i},HUGE-1,H-${i},EUR,${MAX},2026-01-05,2026-02-04`);
      const file = path.join(tmp, 'huge.csv');
      fs.writeFileSync(file, `${lines.join('\n')}\n`);
      const checked = await validateLedgerFile(db.prisma, file, { batchSize: 400 });
      expect(checked.problemCount).toBe(1);
      // Line 1 is the header: row 1001 is on line 1002.
      expect(checked.problems[0]).toMatchObject({ line: 1002, field: 'amount' });
      expect(checked.problems[0]?.message).toBe(`account ${account.id}: its ledger would total more than 10,000,000,000,000.00 (the sum of the absolute amounts of its invoices and payments; at most 10,000,000,000,000.00 per account)`);
      // The write pass (run on its own, e.g. after the data changed) refuses the batch that crosses it.
      const written = await writeLedgerFile(db.prisma, file, { batchSize: 400 });
      expect(written.problems[0]).toMatchObject({ line: 1002, field: 'amount' });
      expect(written.counts.invoicesCreated).toBe(800);
      // What `pnpm earshot import` runs: the whole file as one batch, refused whole (the 800 above stay as they were).
      const bulk = await importLedgerFile(db, file, {});
      expect(bulk.written).toBe(false);
      expect(bulk.problems).toEqual([{ line: 1002, field: 'amount', message: checked.problems[0]?.message }]);
      expect(await db.prisma.invoice.count()).toBe(800);
    } finally {
      await db.drop();
      fs.rmSync(tmp, { recursive: true, force: true });
    }
  });
});
