/**
 * `pnpm bench import-file`: the ledger file import against `COPY` of the same CSV, on PostgreSQL, in one run.
 *
 * A deterministic CSV of invoices (ledger-data.ts; 200,000 over 2,000 accounts by default) is written once; a
 * throw-away database gets the accounts. Each round, in this order (rounds interleave the four):
 *   1. COPY     — the same CSV into a plain table of the same columns (`COPY … FROM STDIN`, pg-copy-streams);
 *   1b. COPY into a copy of Invoice — the same rows as Invoice stores them (ids, account ids resolved, timestamps;
 *                 converted before timing) into `CREATE TABLE … (LIKE "Invoice" INCLUDING ALL)` plus its foreign
 *                 key to Account: the same columns, indexes, unique constraints and FK check as any write into
 *                 Invoice pays. The gap between 1 and 1b is the table's own upkeep, not Earshot's code;
 *   2. import   — validation and write (ledger/file-bulk.ts importLedgerFile: read, validate, one transaction);
 *   3. command  — `tsx src/cli.ts import <file>` as a process, wall time: start-up, import, recompute of the
 *                 touched accounts, split by the command's own clock (EARSHOT_IMPORT_TIMINGS). Meanwhile another
 *                 connection polls (every POLL_MS) for the import's commit (its LedgerImport row) and for the touched
 *                 accounts' statuses: "statuses visible after the commit" is the time from the first poll that sees
 *                 the commit to the first that sees every status (0 when they commit together, as they now do), and
 *                 each poll that saw the new ledger without every status is counted.
 * The ledger is emptied before 2 and 3. 1 and 2 run in a worker process; each process is pinned to CPU 0 with
 * taskset when there is one (PostgreSQL then has the other core to itself, as much as a shared machine allows).
 * Printed: each round, the medians, and the ratios COPY time / import time (goal ≥ 0.33) and COPY time / command
 * time (goal ≥ 0.1), against both baselines; the peak RSS of the import worker and of the command (VmHWM).
 */
import { execFile, spawnSync } from 'node:child_process';
import { randomBytes, randomUUID } from 'node:crypto';
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

/** Invoice's columns as written by COPY into its copy (the rest take their defaults or stay null). */
const STORED_COLUMNS = '"id", "externalId", "accountId", "number", "currency", "amount", "issuedAt", "dueAt", "createdAt", "updatedAt"';

const HAS_TASKSET = spawnSync('taskset', ['-c', '0', 'true']).status === 0;
const pinned = (cmd: string, args: string[]): [string, string[]] => (HAS_TASKSET ? ['taskset', ['-c', '0', cmd, ...args]] : [cmd, args]);

/** Writes the benchmark's invoice CSV (the `pnpm earshot import` format); `prefix` renames the invoices' external ids. */
export function writeCsv(file: string, invoices: number, accounts: number, prefix = 'BENCH-INV-'): string[] {
  const ledger = generateLedger(invoices, accounts);
  let text = `${HEADER}\n`;
  for (const r of ledger.invoices)
    text += `${r.externalId.replace('BENCH-INV-', prefix)},${r.account.externalId},${r.number},${r.currency},${r.amount},${r.issuedAt},${r.dueAt}\n`;
  fs.writeFileSync(file, text);
  return ledger.accountExternalIds;
}

/** The same rows as Invoice stores them, for COPY into its copy: ids made up, account ids resolved, a credit note's missing due date = its issue date. */
function writeStoredCsv(file: string, stored: string, accountIds: Map<string, string>): void {
  const now = new Date().toISOString();
  const lines = fs.readFileSync(file, 'utf8').split('\n').slice(1);
  let text = '';
  for (const line of lines) {
    if (!line) continue;
    const [externalId, account, number, currency, amount, issuedAt, dueAt] = line.split(',');
    text += `${randomUUID()},${externalId},${accountIds.get(account!)},${number},${currency},${amount},${issuedAt},${dueAt || issuedAt},${now},${now}\n`;
  }
  fs.writeFileSync(stored, text);
}

/** The command's wall time split by its own clock (EARSHOT_IMPORT_TIMINGS: seconds since the process started). */
interface CommandPhases {
  /** Node, tsx and the modules, up to the import command. */
  startup: number;
  /** Database opened, migrations checked. */
  open: number;
  /** Read, validate, write the rows. */
  import: number;
  /**
   * The recompute of the touched accounts: in the import's transaction, from the rows written to the commit (a
   * command that prints a `written` mark); before that, from the commit to the last status written.
   */
  recompute: number;
  /** After the commit: events, failures (0 for a command that recomputed after the commit: all of it is `recompute`). */
  after: number;
  /** Printing, closing the database, exit (the rest of the wall time). */
  exit: number;
  /** Whether the recompute ran inside the import's transaction (the command printed a `written` mark). */
  inTransaction: boolean;
}

function commandPhases(stderr: string, wall: number): CommandPhases {
  const line = /import timings (\{.*\})/.exec(stderr)?.[1];
  const t = line ? (JSON.parse(line) as Record<string, number>) : {};
  const at = (k: string) => t[k] ?? Number.NaN;
  const inTransaction = t.written !== undefined;
  return {
    startup: at('loaded'),
    open: at('opened') - at('loaded'),
    import: (inTransaction ? at('written') : at('imported')) - at('opened'),
    recompute: inTransaction ? at('imported') - at('written') : at('recomputed') - at('imported'),
    after: inTransaction ? at('recomputed') - at('imported') : 0,
    exit: wall - at('recomputed'),
    inTransaction,
  };
}

/** How often the freshness poller looks (ms). */
const POLL_MS = 10;

interface Freshness {
  /** Seconds from the first poll that saw the commit to the first that saw every touched account's status. */
  lag: number;
  /** Polls that saw the import committed but not every status (0: they became visible together). */
  staleSamples: number;
  samples: number;
}

/**
 * Polls, on its own connection, until the import has committed (its LedgerImport row; the ledger was emptied before)
 * and `statuses` accounts have a status (AccountMetrics was emptied too). Resolves when `done()` says the command ended.
 */
async function pollFreshness(url: string, statuses: number, done: () => boolean): Promise<Freshness> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  let committedAt: number | null = null;
  let allAt: number | null = null;
  let staleSamples = 0;
  let samples = 0;
  try {
    while (allAt === null) {
      const ended = done();
      const { rows } = await client.query<{ imports: number; statuses: number }>(
        `SELECT (SELECT count(*) FROM "LedgerImport")::int AS imports, (SELECT count(*) FROM "AccountMetrics")::int AS statuses`,
      );
      const seen = performance.now();
      samples++;
      const r = rows[0]!;
      if (r.imports > 0) {
        committedAt ??= seen;
        if (r.statuses >= statuses) allAt = seen;
        else staleSamples++;
      }
      if (ended && allAt === null) break;
      await new Promise((resolve) => setTimeout(resolve, POLL_MS));
    }
  } finally {
    await client.end();
  }
  return { lag: committedAt !== null && allAt !== null ? (allAt - committedAt) / 1000 : Number.NaN, staleSamples, samples };
}

const currentRssMb = () => Number(/VmRSS:\s+(\d+) kB/.exec(fs.readFileSync('/proc/self/status', 'utf8'))?.[1] ?? 0) / 1024;

/** Peak resident memory of a process (VmHWM), in MB. */
export function peakRssMb(pid: number | 'self' = 'self'): number {
  const m = /VmHWM:\s+(\d+) kB/.exec(fs.readFileSync(`/proc/${pid}/status`, 'utf8'));
  return m ? Number(m[1]) / 1024 : 0;
}

/** Runs a process (pinned when possible) to its end; `peakMb` is its peak RSS, sampled from /proc every 50 ms. */
export function run(cmd: string, args: string[], env: NodeJS.ProcessEnv): Promise<{ seconds: number; stdout: string; stderr: string; peakMb: number }> {
  const [c, a] = pinned(cmd, args);
  const started = performance.now();
  let peakMb = 0;
  return new Promise((resolve, reject) => {
    const child = execFile(c, a, { cwd: SERVER_ROOT, env, maxBuffer: 64 * 1024 * 1024, timeout: 900_000 }, (error, stdout, stderr) => {
      clearInterval(sampler);
      if (error) reject(new Error(`${cmd} ${args.join(' ')} failed: ${stderr || error.message}`));
      else resolve({ seconds: (performance.now() - started) / 1000, stdout, stderr, peakMb });
    });
    // taskset execs the program: child.pid is the process itself (node, when cmd is process.execPath).
    const sampler = setInterval(() => {
      try {
        peakMb = Math.max(peakMb, peakRssMb(child.pid!));
      } catch {}
    }, 50);
  });
}

/** In a worker process: `copy` or `import` of the file, printing {"seconds": …} (and the import's phases). */
async function worker(step: string, url: string, file: string): Promise<void> {
  if (step === 'copy-indexed') {
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    await client.query('DROP TABLE IF EXISTS copy_indexed');
    await client.query('CREATE TABLE copy_indexed (LIKE "Invoice" INCLUDING ALL)');
    await client.query('ALTER TABLE copy_indexed ADD FOREIGN KEY ("accountId") REFERENCES "Account"("id") ON DELETE CASCADE ON UPDATE CASCADE');
    const started = performance.now();
    await pipeline(fs.createReadStream(file), client.query(copyFrom(`COPY copy_indexed (${STORED_COLUMNS}) FROM STDIN WITH (FORMAT csv)`)));
    const seconds = (performance.now() - started) / 1000;
    const { rows } = await client.query<{ n: number }>('SELECT count(*)::int AS n FROM copy_indexed');
    await client.query('DROP TABLE copy_indexed');
    await client.end();
    console.log(JSON.stringify({ seconds, rows: rows[0]?.n }));
    return;
  }
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
    const baseMb = currentRssMb();
    const started = performance.now();
    const result = await importLedgerFile(db, file, { source: path.basename(file) });
    const seconds = (performance.now() - started) / 1000;
    if (result.problemCount) throw new Error(`benchmark file did not validate: ${result.problems[0]?.message}`);
    console.log(JSON.stringify({ seconds, rows: result.counts.invoicesCreated, peakMb: peakRssMb(), baseMb, ...result.timings }));
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
const loadavg = () => os.loadavg().map((l) => l.toFixed(1)).join(' ');

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
    const stored = path.join(tmp, 'invoices-stored.csv');
    const ids = await db.query<{ id: string; externalId: string }>('SELECT "id", "externalId" FROM "Account"');
    writeStoredCsv(file, stored, new Map(ids.rows.map((r) => [r.externalId, r.id])));
    // EARSHOT_IMPORT_TIMINGS: the command prints its phases (ledger/cli-import.ts), to split its wall time.
    const env = { ...process.env, DATABASE_URL: dbUrl, EARSHOT_SEED_DEMO: 'false', EARSHOT_IMPORT_TIMINGS: '1' };
    const self = fileURLToPath(import.meta.url);
    const rounds: {
      copy: number;
      copyIndexed: number;
      imp: number;
      read: number;
      validate: number;
      write: number;
      command: number;
      phases: CommandPhases;
      visible: number;
      staleSamples: number;
      impMb: number;
      impBaseMb: number;
      commandMb: number;
    }[] = [];
    const last = (out: string) => JSON.parse(out.trim().split('\n').pop()!);
    for (let round = 1; round <= options.rounds; round++) {
      const copy = last((await run(TSX, [self, '--worker', 'copy', dbUrl, file], env)).stdout);
      if (copy.rows !== options.invoices) throw new Error(`COPY loaded ${copy.rows} rows`);
      const copyIndexed = last((await run(TSX, [self, '--worker', 'copy-indexed', dbUrl, stored], env)).stdout);
      if (copyIndexed.rows !== options.invoices) throw new Error(`COPY into the copy of Invoice loaded ${copyIndexed.rows} rows`);
      await resetLedger(db);
      const imp = last((await run(TSX, [self, '--worker', 'import', dbUrl, file], env)).stdout);
      if (imp.rows !== options.invoices) throw new Error(`import created ${imp.rows} rows`);
      await resetLedger(db);
      // node itself (not the tsx launcher, which would be a parent process) so that its peak RSS can be sampled.
      let ended = false;
      const polling = pollFreshness(dbUrl, accounts.length, () => ended);
      const command = await run(process.execPath, ['--import', 'tsx', 'src/cli.ts', 'import', file], env).finally(() => {
        ended = true;
      });
      const seen = await polling;
      if (!command.stdout.includes(`${options.invoices.toLocaleString('en-US')} created`)) throw new Error(`unexpected output: ${command.stdout}`);
      const { rows } = await db.query<{ n: number }>(`SELECT count(*)::int AS n FROM "AccountMetrics"`);
      const phases = commandPhases(command.stderr, command.seconds);
      const r = {
        copy: copy.seconds,
        copyIndexed: copyIndexed.seconds,
        imp: imp.seconds,
        read: imp.read,
        validate: imp.validate,
        write: imp.write,
        command: command.seconds,
        phases,
        visible: seen.lag,
        staleSamples: seen.staleSamples,
        impMb: imp.peakMb,
        impBaseMb: imp.baseMb,
        commandMb: command.peakMb,
      };
      rounds.push(r);
      console.log(
        `  round ${round}: COPY ${f2(r.copy)} s, into a copy of Invoice ${f2(r.copyIndexed)} s | import ${f2(r.imp)} s (read ${f2(r.read)}, validate ${f2(r.validate)}, write ${f2(r.write)}; peak RSS ${r.impMb.toFixed(0)} MB) | command ${f2(r.command)} s (start-up ${f2(phases.startup)}, open ${f2(phases.open)}, import ${f2(phases.import)}, recompute ${f2(phases.recompute)} ${phases.inTransaction ? "in the import's transaction" : 'after the commit'}, after ${f2(phases.after)}, exit ${f2(phases.exit)}; peak RSS ${r.commandMb.toFixed(0)} MB), ${rows[0]?.n ?? 0} statuses, all visible ${f2(r.visible)} s after the commit (${seen.samples} polls, ${seen.staleSamples} saw the new ledger without every status) | ratios plain ${f2(r.copy / r.imp)} / ${f2(r.copy / r.command)}, indexed ${f2(r.copyIndexed / r.imp)} / ${f2(r.copyIndexed / r.command)} | load ${loadavg()}`,
      );
      await resetLedger(db);
    }
    const m = (k: Exclude<keyof (typeof rounds)[number], 'phases'>) => median(rounds.map((r) => r[k]));
    const mp = (k: Exclude<keyof CommandPhases, 'inTransaction'>) => f2(median(rounds.map((r) => r.phases[k])));
    const ratio = (base: 'copy' | 'copyIndexed', of: 'imp' | 'command') => f2(median(rounds.map((r) => r[base] / r[of])));
    console.log(
      `  median: COPY ${f2(m('copy'))} s, COPY into a copy of Invoice (indexes, unique keys, FK) ${f2(m('copyIndexed'))} s (${f2(m('copyIndexed') / m('copy'))}× the plain COPY), import (validation + write) ${f2(m('imp'))} s, whole command ${f2(m('command'))} s (start-up ${mp('startup')}, open ${mp('open')}, import ${mp('import')}, recompute ${mp('recompute')}${rounds[0]?.phases.inTransaction ? " in the import's transaction" : ' after the commit'}, after ${mp('after')}, exit ${mp('exit')})`,
    );
    console.log(
      `  import / COPY rate, plain table: ${ratio('copy', 'imp')}× (goal ≥ 0.33); whole command: ${ratio('copy', 'command')}× (goal ≥ 0.1); every touched status visible to another connection ${f2(m('visible'))} s after the commit (goal ≤ 1 s; polled every ${POLL_MS} ms; polls that saw the new ledger without every status: ${rounds.map((r) => r.staleSamples).join(', ')})`,
    );
    console.log(`  import / COPY rate, copy of Invoice: ${ratio('copyIndexed', 'imp')}×; whole command: ${ratio('copyIndexed', 'command')}×`);
    console.log(
      `  peak RSS: import worker ${m('impMb').toFixed(0)} MB (${m('impBaseMb').toFixed(0)} MB before the import: ${(((m('impMb') - m('impBaseMb')) * 1024) / options.invoices).toFixed(1)} KB/row), whole command ${m('commandMb').toFixed(0)} MB; load average ${loadavg()}`,
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
