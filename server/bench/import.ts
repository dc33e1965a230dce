/**
 * Ledger import benchmark: synthetic invoices and payments over ~1,000 accounts imported through the import core
 * (the code behind `importLedger` and `pnpm earshot import`), then the same rows again (nothing changes), then as
 * a baseline the same rows with raw multi-row `INSERT … ON CONFLICT DO UPDATE` (raw-upsert.ts), on PostgreSQL (a
 * database it creates and drops) and optionally on an in-memory PGlite.
 * Credit-status recomputes are not included: they run after commit, through the job queue when there is one.
 */
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { type Database, openDatabase } from '../src/db/client.js';
import { applyMigrations } from '../src/db/migrations.js';
import { importLedgerBatch } from '../src/ledger/import.js';
import { type BenchLedger, batches, generateLedger } from './ledger-data.js';
import { rawUpsertLedger, type SqlRunner } from './raw-upsert.js';

export interface ImportBenchOptions {
  invoices: number;
  accounts: number;
  batch: number;
  databaseUrl: string | null;
  /** Invoices for the PGlite run; 0 skips it. */
  pgliteInvoices: number;
}

interface Target {
  name: string;
  db: Database;
  raw: SqlRunner;
  close(): Promise<void>;
}

const fmt = (n: number) => Math.round(n).toLocaleString('en-US');

/** Wall seconds (what the rates use), the value, and this process's CPU seconds (a hint when the machine is busy). */
async function timed<T>(fn: () => Promise<T>): Promise<[number, T, number]> {
  const t = performance.now();
  const cpu = process.cpuUsage();
  const value = await fn();
  const used = process.cpuUsage(cpu);
  return [(performance.now() - t) / 1000, value, (used.user + used.system) / 1e6];
}

async function postgresTarget(baseUrl: string): Promise<Target> {
  const name = `earshot_bench_${randomBytes(4).toString('hex')}`;
  const admin = new pg.Client({ connectionString: baseUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  const url = new URL(baseUrl);
  url.pathname = `/${name}`;
  const drop = async () => {
    // The migration engine keeps its connection for a while (see run.ts); let it go before dropping.
    for (let i = 0; i < 30; i++) {
      const { rows } = await admin.query('SELECT count(*)::int AS n FROM pg_stat_activity WHERE datname = $1', [name]);
      if (rows[0]?.n === 0) break;
      await new Promise((r) => setTimeout(r, 500));
    }
    await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    await admin.end();
  };
  try {
    await applyMigrations({ databaseUrl: url.toString() });
    const db = await openDatabase({ databaseUrl: url.toString() });
    const raw = new pg.Client({ connectionString: url.toString() });
    await raw.connect();
    const version = ((await raw.query('SHOW server_version')) as { rows: { server_version: string }[] }).rows[0]?.server_version;
    return {
      name: `PostgreSQL ${version}`,
      db,
      raw,
      async close() {
        await raw.end();
        await db.close();
        await drop();
      },
    };
  } catch (e) {
    await drop();
    throw e;
  }
}

async function pgliteTarget(): Promise<Target> {
  const db = await openDatabase({ dataDir: 'memory://' });
  await applyMigrations({ pglite: db.pglite });
  return { name: 'PGlite (in memory)', db, raw: { query: (sql, params) => db.pglite!.query(sql, params as unknown[]) }, close: () => db.close() };
}

async function importThroughCore(db: Database, ledger: BenchLedger, batch: number) {
  const totals = { written: 0, unchanged: 0 };
  for (const [kind, rows] of [['invoices', ledger.invoices], ['payments', ledger.payments]] as const) {
    for (const part of batches<unknown>(rows, batch)) {
      const result = await importLedgerBatch({ prisma: db.prisma, services: null }, null, { [kind]: part }, { via: 'cli' });
      if (!result.ok) throw new Error(`benchmark rows did not validate: ${result.errors[0]?.message}`);
      totals.written += result.invoicesCreated + result.invoicesUpdated + result.paymentsCreated + result.paymentsUpdated;
      totals.unchanged += result.invoicesUnchanged + result.paymentsUnchanged;
    }
  }
  return totals;
}

async function benchOn(target: Target, ledger: BenchLedger, batch: number): Promise<void> {
  const { db } = target;
  const rows = ledger.invoices.length + ledger.payments.length;
  await db.prisma.account.createMany({ data: ledger.accountExternalIds.map((externalId) => ({ name: externalId, externalId, currency: 'EUR' })) });
  const accountIds = new Map((await db.prisma.account.findMany({ select: { id: true, externalId: true } })).map((a) => [a.externalId!, a.id]));
  const line = (label: string, seconds: number, cpu: number) =>
    console.log(`  ${label.padEnd(34)} ${fmt(rows).padStart(9)} rows in ${seconds.toFixed(1).padStart(6)} s  ${fmt(rows / seconds).padStart(8)} rows/s  (client CPU ${cpu.toFixed(1)} s)`);

  console.log(`${target.name}: ${fmt(ledger.invoices.length)} invoices + ${fmt(ledger.payments.length)} payments over ${fmt(accountIds.size)} accounts, batches of ${fmt(batch)}`);
  const [first, totals, firstCpu] = await timed(() => importThroughCore(db, ledger, batch));
  if (totals.written !== rows) throw new Error(`expected ${rows} rows written, got ${totals.written}`);
  line('Earshot import core', first, firstCpu);
  const [again, repeated, againCpu] = await timed(() => importThroughCore(db, ledger, batch));
  if (repeated.unchanged !== rows) throw new Error(`re-import changed rows: ${rows - repeated.unchanged}`);
  line('Earshot re-import (no change)', again, againCpu);

  // CASCADE: dispute links (DisputeInvoice) point at invoices; the baseline starts from the same empty ledger.
  await target.raw.query('TRUNCATE "Payment", "Invoice" CASCADE');
  const [raw, , rawCpu] = await timed(() => rawUpsertLedger(target.raw, ledger, accountIds, batch));
  const [invoices, payments] = await Promise.all([db.prisma.invoice.count(), db.prisma.payment.count()]);
  if (invoices + payments !== rows) throw new Error(`raw baseline wrote ${invoices + payments} rows, expected ${rows}`);
  line('raw INSERT … ON CONFLICT DO UPDATE', raw, rawCpu);
  const [rawAgain, , rawAgainCpu] = await timed(() => rawUpsertLedger(target.raw, ledger, accountIds, batch));
  line('raw re-import (no change)', rawAgain, rawAgainCpu);
  console.log(`  Earshot / raw: ${(raw / first).toFixed(2)}× the raw rate on import, ${(rawAgain / again).toFixed(2)}× on re-import`);
}

export async function runImportBench(options: ImportBenchOptions): Promise<void> {
  const runs: [() => Promise<Target>, number][] = [];
  if (options.databaseUrl) runs.push([() => postgresTarget(options.databaseUrl!), options.invoices]);
  if (options.pgliteInvoices > 0) runs.push([pgliteTarget, options.pgliteInvoices]);
  for (const [open, invoices] of runs) {
    const target = await open();
    try {
      await benchOn(target, generateLedger(invoices, options.accounts), options.batch);
    } finally {
      await target.close();
    }
  }
}
