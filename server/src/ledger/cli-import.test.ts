/**
 * `pnpm earshot import` against the synthetic fixtures, on PGlite (a data dir) and PostgreSQL: the main path as a
 * real process (`tsx src/cli.ts import …`), the other cases through the CLI's `main` in this process (faster).
 */
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { main } from '../cli.js';
import { SERVER_ROOT } from '../config.js';
import { openDatabase } from '../db/client.js';
import { applyMigrations } from '../db/migrations.js';
import { captureIO } from '../test-support/cli.js';
import { createTestDatabase, DB_KINDS, type TestDatabase } from '../test-support/databases.js';

const FIXTURES = path.join(SERVER_ROOT, 'src', 'ledger', 'fixtures');
const TSX = path.join(SERVER_ROOT, 'node_modules', '.bin', 'tsx');

interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

describe.each(DB_KINDS)('pnpm earshot import on %s', (kind) => {
  let tmp: string;
  let pg: TestDatabase | null = null;
  let env: NodeJS.ProcessEnv;

  const run = (...args: string[]) =>
    new Promise<Run>((resolve) => {
      execFile(TSX, ['src/cli.ts', 'import', ...args], { cwd: SERVER_ROOT, env, timeout: 120_000 }, (error, stdout, stderr) =>
        resolve({ code: error ? Number(error.code ?? 1) : 0, stdout, stderr }),
      );
    });
  const fixture = (name: string) => path.join(FIXTURES, name);
  /** The same command through `main`, in this process, with the CLI's environment. */
  async function runHere(...args: string[]): Promise<Run> {
    const saved = { ...process.env };
    const io = captureIO();
    try {
      process.env = { ...env };
      const code = await main(['import', ...args], io);
      return { code, stdout: io.stdout.join('\n'), stderr: io.stderr.join('\n') };
    } finally {
      process.env = saved;
    }
  }

  /** The database the CLI uses; PGlite's data dir is opened only while the CLI is not running. */
  async function withDb<T>(fn: (db: Awaited<ReturnType<typeof openDatabase>>) => Promise<T>): Promise<T> {
    if (pg) return fn(pg);
    const db = await openDatabase({ dataDir: path.join(tmp, 'data') });
    try {
      return await fn(db);
    } finally {
      await db.close();
    }
  }
  const snapshot = () =>
    withDb(async (db) =>
      JSON.stringify([
        await db.prisma.invoice.findMany({ orderBy: { externalId: 'asc' } }),
        await db.prisma.payment.findMany({ orderBy: { externalId: 'asc' } }),
      ]),
    );

  beforeAll(async () => {
    tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'earshot-import-'));
    const base: NodeJS.ProcessEnv = { ...process.env, EARSHOT_SEED_DEMO: 'false', EARSHOT_DATA_DIR: path.join(tmp, 'data') };
    delete base.DATABASE_URL;
    if (kind === 'postgres') {
      pg = await createTestDatabase('postgres');
      env = { ...base, DATABASE_URL: pg.url };
    } else {
      env = base;
      const db = await openDatabase({ dataDir: path.join(tmp, 'data') });
      await applyMigrations({ pglite: db.pglite });
      await db.close();
    }
    await withDb(async (db) => {
      await db.prisma.account.create({ data: { name: 'Synthetic One', externalId: 'SYN-CUST-1', currency: 'EUR' } });
      await db.prisma.account.create({ data: { name: 'Synthetic Two', externalId: 'SYN-CUST-2', currency: 'USD' } });
      await db.prisma.account.create({ data: { name: 'Northwind', currency: 'EUR', domains: { create: { domain: 'northwind.example' } } } });
    });
  });
  afterAll(async () => {
    await pg?.drop();
    fs.rmSync(tmp, { recursive: true, force: true });
  });

  it('rejects a file with problems, listing each with its line, and writes nothing', { timeout: 180_000 }, async () => {
    const r = await run(fixture('invoices-bad.csv'));
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('invoices-bad.csv: 7 problems in 7 rows; nothing was written.');
    for (const problem of [
      'line 3, amount: amount is zero (send a positive amount, or a negative one for a credit note)',
      'line 4, account: unknown account (externalId "SYN-CUST-404")',
      'line 5, dueAt: dueAt 2026-02-04 is before issuedAt 2026-03-05',
      'line 6, externalId: externalId "SYN-INV-2001" is already on line 2',
      'line 7: expected 7 fields, found 5',
      'line 8, currency: currency "EURO" is not a known ISO 4217 code',
      'line 8, amount: amount "1.005" is not a decimal amount with at most 2 decimals',
    ])
      expect(r.stderr).toContain(problem);
    expect(await withDb((db) => db.prisma.invoice.count())).toBe(0);
  });

  it('validates without writing on --dry-run', async () => {
    const r = await runHere(fixture('invoices.csv'), '--dry-run');
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('6 invoices: 6 created, 0 updated, 0 unchanged (dry run: 3 accounts would be touched)');
    expect(await withDb((db) => db.prisma.invoice.count())).toBe(0);
  });

  it('imports invoices, then payments, in batches, and recomputes the touched accounts', { timeout: 180_000 }, async () => {
    const invoices = await run(fixture('invoices.csv'), '--batch', '4');
    expect(invoices.stderr).not.toContain('problem');
    expect(invoices.code).toBe(0);
    expect(invoices.stdout).toContain('6 invoices: 6 created, 0 updated, 0 unchanged (3 accounts were touched)');
    expect(invoices.stderr).toMatch(/importing: 6 rows \(100%\), [\d,]+ rows\/s/);
    const payments = await runHere(fixture('payments.csv'), '--kind', 'payments');
    expect(payments.code).toBe(0);
    expect(payments.stdout).toContain('3 payments: 3 created, 0 updated, 0 unchanged (2 accounts were touched)');
    await withDb(async (db) => {
      const cn = await db.prisma.invoice.findUniqueOrThrow({ where: { externalId: 'SYN-CN-1005' } });
      expect([cn.amount.toFixed(2), cn.dueAt.toISOString().slice(0, 10)]).toEqual(['-80.00', '2026-03-02']);
      expect(await db.prisma.payment.count()).toBe(3);
      expect(await db.prisma.accountMetrics.count()).toBe(3);
      // One transaction, one audit event per file, whatever --batch says.
      expect(await db.prisma.auditEvent.count({ where: { action: 'ledger.import' } })).toBe(2);
    });
  });

  it('is idempotent: running the same files again changes nothing', async () => {
    const before = await snapshot();
    const again = await runHere(fixture('invoices.csv'));
    expect(again.code).toBe(0);
    expect(again.stdout).toContain('6 invoices: 0 created, 0 updated, 6 unchanged (0 accounts were touched)');
    expect((await runHere(fixture('payments.csv'))).stdout).toContain('3 payments: 0 created, 0 updated, 3 unchanged');
    expect(await snapshot()).toBe(before);
  });

  it('prints every warning with its line after the counts, and records them with the file (a dry run only prints)', async () => {
    const file = path.join(tmp, 'warn-payments.csv');
    fs.writeFileSync(
      file,
      'payment_id,invoice_id,amount,received_at\nSYN-PAY-4,SYN-INV-1002,5000.00,2026-04-10\nSYN-PAY-5,SYN-INV-1004,99.99,2026-03-30\n',
    );
    const dry = await runHere(file, '--dry-run');
    expect(dry.code).toBe(0);
    expect(dry.stdout).toContain('warn-payments.csv: 3 warnings: 1 OVERPAYMENT, 1 DUPLICATE_PAYMENT, 1 MISAPPLIED_PAYMENT (dry run: not recorded)');
    expect(await withDb((db) => db.prisma.ledgerWarning.count())).toBe(0);

    const r = await runHere(file);
    expect(r.code).toBe(0);
    const lines = r.stdout.split('\n');
    expect(lines).toEqual([
      `${file}: 2 payments: 2 created, 0 updated, 0 unchanged (2 accounts were touched)`,
      '  line 2, OVERPAYMENT: Payment "SYN-PAY-4" of EUR 5,000.00 on invoice "SYN-INV-1002" (2026-04-10) is EUR 4,799.50 more than the EUR 200.50 open on it; EUR 4,799.50 is more than everything the customer owes in EUR and stays on the account as a credit balance.',
      '  line 3, DUPLICATE_PAYMENT: Payment "SYN-PAY-5" of USD 99.99 on invoice "SYN-INV-1004" (2026-03-30) has the same invoice, amount and day as payment "SYN-PAY-3": probably the same payment recorded twice.',
      '  line 3, MISAPPLIED_PAYMENT: Payment "SYN-PAY-5" of USD 99.99 on invoice "SYN-INV-1004" (2026-03-30) is USD 99.99 more than the USD 0.00 open on it; USD 99.99 of it settles invoice "SYN-INV-1006" instead.',
      `${file}: 3 warnings: 1 OVERPAYMENT, 1 DUPLICATE_PAYMENT, 1 MISAPPLIED_PAYMENT; 3 new for the credit team (ledgerWarnings)`,
    ]);
    await withDb(async (db) => {
      const imports = await db.prisma.ledgerImport.findMany({ where: { source: 'warn-payments.csv' }, include: { _count: { select: { warnings: true } } } });
      expect(imports.map((i) => [i.via, i.rows, i.warningCount, i._count.warnings])).toEqual([['cli', 2, 3, 3]]);
    });
    // Again: nothing changes, nothing warns.
    const again = await runHere(file);
    expect(again.stdout).toBe(`${file}: 2 payments: 0 created, 0 updated, 2 unchanged (0 accounts were touched)`);
  });

  it('refuses a file with a NUL byte in a cell, naming the line and column, and writes nothing', async () => {
    const file = path.join(tmp, 'nul.csv');
    const header = 'invoice_id,account_external_id,number,currency,amount,issued_at,due_at';
    fs.writeFileSync(file, `${header}\nSYN-NUL-1,SYN-CUST-1,N\u00001,EUR,10.00,2026-01-05,2026-02-04\nSYN-NUL-2\u0000,SYN-CUST-1,N2,EUR,10.00,2026-01-05,2026-02-04\n`);
    const before = await snapshot();
    const r = await runHere(file);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('nul.csv: 2 problems in 2 rows; nothing was written.');
    expect(r.stderr).toContain('line 2, number: contains the control character U+0000');
    expect(r.stderr).toContain('line 3, invoice_id: contains the control character U+0000');
    expect(r.stderr).not.toMatch(/22021|prisma/i);
    expect(await snapshot()).toBe(before);
  });

  it('refuses formula-like ids and an amount spanning lines, each with its line and column, and writes nothing', async () => {
    const file = path.join(tmp, 'formulas.csv');
    const header = 'invoice_id,account_external_id,number,currency,amount,issued_at,due_at';
    const rows = [
      'SYN-OK-1,SYN-CUST-1,N1,EUR,10.00,2026-01-05,2026-02-04',
      `"=cmd|' /C calc'!A0",SYN-CUST-1,N2,EUR,10.00,2026-01-05,2026-02-04`,
      'SYN-F-3,SYN-CUST-1,@SUM(A1),EUR,10.00,2026-01-05,2026-02-04',
      'SYN-F-4,SYN-CUST-1,N4,EUR,"10.00\n",2026-01-05,2026-02-04',
    ];
    fs.writeFileSync(file, `${header}\n${rows.join('\n')}\n`);
    const before = await snapshot();
    const r = await runHere(file);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('formulas.csv: 3 problems in 4 rows; nothing was written.');
    expect(r.stderr).toMatch(/line 3, externalId: externalId "=cmd\|' \/C calc'!A0" starts with "=", which a spreadsheet runs as a formula/);
    expect(r.stderr).toMatch(/line 4, number: number "@SUM\(A1\)" starts with "@"/);
    expect(r.stderr).toMatch(/line 5, amount: amount "10\.00\\n" contains a line break/);
    expect(await snapshot()).toBe(before);
  });

  it('explains usage, and refuses a file of the other kind', async () => {
    const help = await runHere('--help');
    expect(help.code).toBe(0);
    expect(help.stdout).toMatch(/All-or-nothing: .*Resumable: .* run the same command again/s);
    expect((await runHere()).code).toBe(2);
    expect((await runHere(fixture('invoices.csv'), '--batch', '0')).code).toBe(2);
    const wrongKind = await runHere(fixture('invoices.csv'), '--kind', 'payments');
    expect(wrongKind.code).toBe(1);
    expect(wrongKind.stderr).toContain('line 1: missing column(s) for payments: payment_id');
  });
});
