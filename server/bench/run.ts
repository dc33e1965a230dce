/**
 * `pnpm bench [reevaluate|import-file|import|lookup|freshness|extension …]` (all, in that order, when none is named): the server's benchmarks. Settings from the environment:
 * BENCH_DATABASE_URL  PostgreSQL to create a throw-away database on (default: the local test server; "off" skips it)
 * BENCH_INVOICES      invoices for PostgreSQL (default 100000; payments are ~87% of that)
 * BENCH_PGLITE_INVOICES  invoices for the in-memory PGlite run (default 20000; 0 skips it)
 * BENCH_ACCOUNTS      accounts the invoices are spread over (default 1000)
 * BENCH_BATCH         rows per import batch (default 10000, the API's maximum)
 * `pnpm bench reevaluate` (bench/reevaluate.ts):
 * BENCH_REEVAL_ACCOUNTS  comma-separated account counts (default 5000,20000; 100000 takes long)
 * BENCH_REEVAL_INVOICES  invoices per account (default 50)
 * BENCH_ROUNDS           interleaved rounds per scale (default 3)
 * BENCH_CPUS             pin the benchmark process (server code and workers) to these CPUs, e.g. 0
 * RECOMPUTE_JOBS_PER_FETCH / RECOMPUTE_CONCURRENCY  override the recompute workers' settings
 * import-file (the CSV import against COPY of the same file; see import-file.ts):
 * BENCH_FILE_INVOICES invoices in the CSV (default 200000)
 * BENCH_FILE_ACCOUNTS accounts they are spread over (default 2000)
 * lookup (the sidebar's ResolveAccounts + AccountCard against a raw node:http + pg baseline; see lookup.ts):
 * BENCH_LOOKUP_ACCOUNTS  accounts (default 20000: ~1M invoices; 100000 for ~5M); the data is kept in earshot_bench_<accounts>
 * BENCH_LOOKUP_BIG      accounts with 20,000+ invoices among them (default 5; 0 for a quick run)
 * BENCH_ROUNDS (default 5), BENCH_SECONDS (measured, default 20), BENCH_WARMUP (default 5), BENCH_CONNECTIONS (default 16)
 * BENCH_LOOKUP_SOURCES  1: run Earshot from its sources through tsx instead of the build (dist/cli.js, built first)
 * BENCH_NODE_FLAGS      extra node flags for the Earshot server only (e.g. "--cpu-prof --cpu-prof-dir=/tmp/prof")
 * BENCH_LOOKUP_VARIANTS more Earshot runs per round with their own environment or node flags, e.g.
 *                       "semi:--max-semi-space-size=64;nocache:EARSHOT_PLAN_CACHE=0": name, then KEY=value or --flags;
 *                       BENCH_EARSHOT_BUILD=<another checkout>/server/dist/cli.js runs that build (before/after in one run)
 * lookup-cpu (the same two operations, measured inside each server: CPU time, statements, memory per request; see lookup-cpu.ts):
 * BENCH_LOOKUP_ACCOUNTS, BENCH_LOOKUP_BIG and BENCH_ROUNDS (default 3) as for lookup; BENCH_LOOKUP_DATABASE  another database name for the data
 * BENCH_CPU_LOOKUPS     lookups per phase (default 500), BENCH_CPU_WARMUP lookups before (default 200), BENCH_CONNECTIONS (default 16)
 * BENCH_CPU_VARIANTS    more Earshot runs per round, as BENCH_LOOKUP_VARIANTS
 * BENCH_HEAP_SNAPSHOT=1 a heap snapshot of each server after the concurrent phase; BENCH_CPU_TEXTS=1 prints Earshot's statements
 * freshness (from an importLedger mutation's commit to the account's new credit status, through the server; see freshness.ts):
 * BENCH_FRESH_ACCOUNTS  accounts (default 300, 20 invoices each)
 * BENCH_FRESH_SAMPLES   samples per phase (default 30)
 * BENCH_FRESH_BIG       rows of the `pnpm earshot import` run beside the second phase (default 50000; 0 skips it)
 * BENCH_FRESH_POLL_MS   between polls of the account's status (default 10)
 * extension (the browser extension's time to risk level, in Chromium with the built extension; test/bench/time-to-level.ts,
 * run as the e2e package's `bench:level`): BENCH_REPS (default 15), BENCH_SITES, BENCH_BEFORE_EXTENSION (see that file)
 */
import { spawn } from 'node:child_process';
import os from 'node:os';
import { runFreshnessBench } from './freshness.js';
import { runImportBench } from './import.js';
import { runImportFileBench } from './import-file.js';
import { runLookupBench } from './lookup.js';
import { runLookupCpuBench } from './lookup-cpu.js';
import { runReevaluateBench } from './reevaluate.js';

const int = (name: string, fallback: number) => {
  const v = process.env[name];
  const n = v === undefined || v === '' ? fallback : Number(v);
  if (!Number.isInteger(n) || n < 0) throw new Error(`${name} must be a whole number`);
  return n;
};

const BENCHES: Record<string, () => Promise<void>> = {
  reevaluate: () =>
    runReevaluateBench({
      databaseUrl: process.env.BENCH_DATABASE_URL ?? 'postgresql://postgres@127.0.0.1:5432/test',
      scales: (process.env.BENCH_REEVAL_ACCOUNTS ?? '5000,20000').split(',').map(Number),
      invoicesPerAccount: int('BENCH_REEVAL_INVOICES', 50),
      rounds: Math.max(1, int('BENCH_ROUNDS', 3)),
      perAccountSample: int('BENCH_REEVAL_SAMPLE', 500),
      cpus: process.env.BENCH_CPUS || undefined,
      jobsPerFetch: process.env.RECOMPUTE_JOBS_PER_FETCH ? int('RECOMPUTE_JOBS_PER_FETCH', 4) : undefined,
      concurrency: process.env.RECOMPUTE_CONCURRENCY ? int('RECOMPUTE_CONCURRENCY', 2) : undefined,
    }),
  'import-file': () =>
    runImportFileBench({
      databaseUrl: process.env.BENCH_DATABASE_URL ?? 'postgresql://postgres@127.0.0.1:5432/postgres',
      invoices: int('BENCH_FILE_INVOICES', 200_000),
      accounts: int('BENCH_FILE_ACCOUNTS', 2000),
      rounds: Math.max(1, int('BENCH_ROUNDS', 3)),
    }),
  import: () => {
    const url = process.env.BENCH_DATABASE_URL ?? 'postgresql://postgres@127.0.0.1:5432/test';
    return runImportBench({
      databaseUrl: url === 'off' ? null : url,
      invoices: int('BENCH_INVOICES', 100_000),
      pgliteInvoices: int('BENCH_PGLITE_INVOICES', 20_000),
      accounts: int('BENCH_ACCOUNTS', 1000),
      batch: Math.min(int('BENCH_BATCH', 10_000), 10_000),
    });
  },
  lookup: () =>
    runLookupBench({
      databaseUrl: process.env.BENCH_DATABASE_URL ?? 'postgresql://postgres@127.0.0.1:5432/postgres',
      accounts: Math.max(10, int('BENCH_LOOKUP_ACCOUNTS', 20_000)),
      bigAccounts: process.env.BENCH_LOOKUP_BIG ? Math.min(5, int('BENCH_LOOKUP_BIG', 5)) : undefined,
      rounds: Math.max(1, int('BENCH_ROUNDS', 5)),
      seconds: Math.max(1, int('BENCH_SECONDS', 20)),
      warmupSeconds: int('BENCH_WARMUP', 5),
      connections: Math.max(1, int('BENCH_CONNECTIONS', 16)),
    }),
  'lookup-cpu': () =>
    runLookupCpuBench({
      databaseUrl: process.env.BENCH_DATABASE_URL ?? 'postgresql://postgres@127.0.0.1:5432/postgres',
      accounts: Math.max(10, int('BENCH_LOOKUP_ACCOUNTS', 20_000)),
      bigAccounts: process.env.BENCH_LOOKUP_BIG ? Math.min(5, int('BENCH_LOOKUP_BIG', 5)) : undefined,
      database: process.env.BENCH_LOOKUP_DATABASE || undefined,
      rounds: Math.max(1, int('BENCH_ROUNDS', 3)),
      lookups: Math.max(1, int('BENCH_CPU_LOOKUPS', 500)),
      warmup: int('BENCH_CPU_WARMUP', 200),
      connections: Math.max(1, int('BENCH_CONNECTIONS', 16)),
      heapSnapshot: process.env.BENCH_HEAP_SNAPSHOT === '1',
    }),
  freshness: () =>
    runFreshnessBench({
      databaseUrl: process.env.BENCH_DATABASE_URL ?? 'postgresql://postgres@127.0.0.1:5432/postgres',
      accounts: Math.max(1, int('BENCH_FRESH_ACCOUNTS', 300)),
      samples: Math.max(1, int('BENCH_FRESH_SAMPLES', 30)),
      bigInvoices: int('BENCH_FRESH_BIG', 50_000),
      pollMs: Math.max(1, int('BENCH_FRESH_POLL_MS', 10)),
    }),
  extension: () => runPackageScript('@earshot/e2e', 'bench:level'),
};

/** A benchmark of another workspace package: its script, through pnpm, with this process's output and environment. */
function runPackageScript(pkg: string, script: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn('pnpm', ['--filter', pkg, 'run', script], { stdio: 'inherit' });
    child.once('error', reject);
    child.once('exit', (code, signal) =>
      code === 0 ? resolve() : reject(new Error(`${pkg} ${script} exited ${signal ?? code}`)),
    );
  });
}

const names = process.argv.slice(2).length ? process.argv.slice(2) : Object.keys(BENCHES);
console.log(`Node ${process.versions.node}, ${os.cpus().length} × ${os.cpus()[0]?.model ?? 'cpu'}, load ${os.loadavg().map((l) => l.toFixed(1)).join(' ')}`);
for (const name of names) {
  const bench = BENCHES[name];
  if (!bench) {
    console.error(`unknown benchmark "${name}"; known: ${Object.keys(BENCHES).join(', ')}`);
    process.exit(2);
  }
  await bench();
}
// The wasm schema engine leaves a 10 s timer behind after migrating; nothing else is pending.
process.exit(0);
