/**
 * `pnpm bench import-file`: the ledger file import against `COPY` of the same CSV, on PostgreSQL, in one run.
 *
 * A deterministic CSV of invoices (ledger-data.ts; 200,000 over 2,000 accounts by default) is written once; a
 * throw-away database gets the accounts. Each round, in this order (rounds interleave the three):
 *   1. COPY     — the same CSV into a plain table of the same columns (`COPY … FROM STDIN`, pg-copy-streams);
 *   2. import   — validation and write (ledger/file-bulk.ts importLedgerFile: read, validate, one transaction);
 *   3. command  — `tsx src/cli.ts import <file>` as a process, wall time: start-up, import, recompute of the
 *                 touched accounts; then how long after the import's commit the last account's status was written.
 * The ledger is emptied before 2 and 3. 1 and 2 run in a worker process; each process is pinned to CPU 0 with
 * taskset when there is one (PostgreSQL then has the other core to itself, as much as a shared machine allows).
 * Printed: each round, the medians, and the ratios COPY time / import time (goal ≥ 0.33) and COPY time / command
 * time (goal ≥ 0.1).
 */
import { execFile, spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import { openDatabase } from '../src/db/client.js';
import { applyMigrations } from '../src/db/migrations.js';
import { importLedgerFile } from '../src/ledger/file-bulk.js';
import { generateLedger } from './ledger-data.js';

export interface ImportFileBenchOptions {
  databaseUrl: string;
  invoices: number;
  accounts: number;
  rounds: number;
}

const SERVER_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const TSX = path.join(SERVER_ROOT, 'node_modules', '.bin', 'tsx');
const HEADER = 'invoice_id,account_external_id,number,currency,amount,issued_at,due_at';
const PLAIN_TABLE = `CREATE TABLE IF NOT EXISTS copy_baseline (invoice_id text, account_external_id text, number text, currency char(3),
  amount numeric(18, 2), issued_at date, due_at date)`;

const HAS_TASKSET = spawnSync('taskset', ['-c', '0', 'true']).status === 0;
const pinned = (cmd: string, args: string[]): [string, string[]] => (HAS_TASKSET ? ['taskset', ['-c', '0', cmd, ...args]] : [cmd, args]);

function writeCsv(file: string, invoices: number, accounts: number): string[] {
  const ledger = generateLedger(invoices, accounts);
  let text = `${HEADER}\n`;
  for (const r of ledger.invoices) text += `${r.externalId},${r.account.externalId},${r.number},${r.currency},${r.amount},${r.issuedAt},${r.dueAt}\n`;
  fs.writeFileSync(file, text);
  return ledger.accountExternalIds;
}

function run(cmd: string, args: string[], env: NodeJS.ProcessEnv): Promise<{ seconds: number; stdout: string; stderr: string }> {
  const [c, a] = pinned(cmd, args);
  const started = performance.now();
  return new Promise((resolve, reject) =>
    execFile(c, a, { cwd: SERVER_ROOT, env, maxBuffer: 64 * 1024 * 1024, timeout: 900_000 }, (error, stdout, stderr) => {
      if (error) reject(new Error(`${cmd} ${args.join(' ')} failed: ${stderr || error.message}`));
      else resolve({ seconds: (performance.now() - started) / 1000, stdout, stderr });
    }),
  );
}

/** In a worker process: `copy` or `import` of the file, printing {"seconds": …} (and the import's phases). */
async function worker(step: string, url: string, file: string): Promise<void> {
  if (step === 'copy') {
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    await client.query(PLAIN_TABLE);
    await client.query('TRUNCATE copy_baseline');
    const started = performance.now();
    await pipeline(fs.createReadStream(file), client.query(copyFrom('COPY copy_baseline FROM STDIN WITH (FORMAT csv, HEADER true)')));
    const seconds = (performance.now() - started) / 1000;
    const { rows } = await client.query<{ n: number }>('SELECT count(*)::int AS n FROM copy_baseline');
    await client.end();
    console.log(JSON.stringify({ seconds, rows: rows[0]?.n }));
    return;
  }
  const db = await openDatabase({ databaseUrl: url });
  try {
    const started = performance.now();
    const result = await importLedgerFile(db, file, { source: path.basename(file) });
    const seconds = (performance.now() - started) / 1000;
    if (result.problemCount) throw new Error(`benchmark file did not validate: ${result.problems[0]?.message}`);
    console.log(JSON.stringify({ seconds, rows: result.counts.invoicesCreated, ...result.timings }));
  } finally {
    await db.close();
  }
}

async function resetLedger(admin: pg.Client): Promise<void> {
  await admin.query('TRUNCATE "Payment", "Invoice", "LedgerWarning", "LedgerImport", "AccountMetrics" CASCADE');
  await admin.query(`DELETE FROM "AuditEvent" WHERE "action" = 'ledger.import'`);
}

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
};
const f2 = (n: number) => n.toFixed(2);

export async function runImportFileBench(options: ImportFileBenchOptions): Promise<void> {
  const name = `bench_import_${randomBytes(4).toString('hex')}`;
  const admin = new pg.Client({ connectionString: options.databaseUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  const url = new URL(options.databaseUrl);
  url.pathname = `/${name}`;
  const dbUrl = url.toString();
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'earshot-bench-import-'));
  const file = path.join(tmp, 'invoices.csv');
  const db = new pg.Client({ connectionString: dbUrl });
  try {
    await applyMigrations({ databaseUrl: dbUrl });
    await db.connect();
    const accounts = writeCsv(file, options.invoices, options.accounts);
    await db.query(
      `INSERT INTO "Account" ("id", "name", "externalId", "currency", "createdAt", "updatedAt")
       SELECT gen_random_uuid()::text, e, e, 'EUR', now(), now() FROM unnest($1::text[]) AS e`,
      [accounts],
    );
    const version = (await db.query<{ server_version: string }>('SHOW server_version')).rows[0]?.server_version;
    const size = fs.statSync(file).size;
    console.log(
      `import-file: PostgreSQL ${version}; ${options.invoices.toLocaleString('en-US')} invoices (${(size / 1e6).toFixed(1)} MB CSV) over ${accounts.length.toLocaleString('en-US')} accounts; ${options.rounds} rounds; client processes ${HAS_TASKSET ? 'pinned to CPU 0 (taskset)' : 'not pinned (no taskset)'}`,
    );
    const env = { ...process.env, DATABASE_URL: dbUrl, EARSHOT_SEED_DEMO: 'false' };
    const self = fileURLToPath(import.meta.url);
    const rounds: { copy: number; imp: number; read: number; validate: number; write: number; command: number; fresh: number }[] = [];
    for (let round = 1; round <= options.rounds; round++) {
      const copy = JSON.parse((await run(TSX, [self, '--worker', 'copy', dbUrl, file], env)).stdout.trim().split('\n').pop()!);
      if (copy.rows !== options.invoices) throw new Error(`COPY loaded ${copy.rows} rows`);
      await resetLedger(db);
      const imp = JSON.parse((await run(TSX, [self, '--worker', 'import', dbUrl, file], env)).stdout.trim().split('\n').pop()!);
      if (imp.rows !== options.invoices) throw new Error(`import created ${imp.rows} rows`);
      await resetLedger(db);
      const command = await run(TSX, ['src/cli.ts', 'import', file], env);
      if (!command.stdout.includes(`${options.invoices.toLocaleString('en-US')} created`)) throw new Error(`unexpected output: ${command.stdout}`);
      // Freshness: from the import's commit (its LedgerImport row) to the last recomputed status of a touched account.
      const { rows } = await db.query<{ n: number; lag: number; first: number }>(
        `SELECT count(*)::int AS n, extract(epoch FROM max(m."computedAt") - li."createdAt")::float AS lag, extract(epoch FROM min(m."computedAt") - li."createdAt")::float AS first
         FROM "AccountMetrics" m, "LedgerImport" li GROUP BY li."createdAt"`,
      );
      const fresh = rows[0]?.lag ?? Number.NaN;
      rounds.push({ copy: copy.seconds, imp: imp.seconds, read: imp.read, validate: imp.validate, write: imp.write, command: command.seconds, fresh });
      console.log(
        `  round ${round}: COPY ${f2(copy.seconds)} s | import ${f2(imp.seconds)} s (read ${f2(imp.read)}, validate ${f2(imp.validate)}, write ${f2(imp.write)}) | command ${f2(command.seconds)} s, ${rows[0]?.n ?? 0} statuses, last ${f2(fresh)} s after commit | ratios ${f2(copy.seconds / imp.seconds)} / ${f2(copy.seconds / command.seconds)}`,
      );
      await resetLedger(db);
    }
    const m = (k: keyof (typeof rounds)[number]) => median(rounds.map((r) => r[k]));
    console.log(`  median: COPY ${f2(m('copy'))} s, import (validation + write) ${f2(m('imp'))} s, whole command ${f2(m('command'))} s`);
    console.log(
      `  import / COPY rate: ${f2(median(rounds.map((r) => r.copy / r.imp)))}× (goal ≥ 0.33); whole command: ${f2(median(rounds.map((r) => r.copy / r.command)))}× (goal ≥ 0.1); last status ${f2(m('fresh'))} s after commit (goal ≤ 1 s)`,
    );
  } finally {
    await db.end().catch(() => {});
    fs.rmSync(tmp, { recursive: true, force: true });
    for (let i = 0; i < 30; i++) {
      const { rows } = await admin.query('SELECT count(*)::int AS n FROM pg_stat_activity WHERE datname = $1', [name]);
      if (rows[0]?.n === 0) break;
      await new Promise((r) => setTimeout(r, 500));
    }
    await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    await admin.end();
  }
}

if (process.argv[2] === '--worker') {
  await worker(process.argv[3]!, process.argv[4]!, process.argv[5]!);
  process.exit(0);
}
