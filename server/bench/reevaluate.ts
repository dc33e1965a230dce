/**
 * Full re-evaluation benchmark (issue 12): synthetic ledgers generated in SQL (`accounts` customers × ~50 invoices,
 * ~87% of them paid, 3% credit notes; deterministic, no real data) on PostgreSQL, in a database it creates and
 * drops. Each round, interleaved:
 *  - queue: the nightly `reevaluate-all` job through the real pg-boss queue and workers (the server's settings),
 *    timed from the send until every account's status is newer than the send and no recompute job is left;
 *  - direct (the baseline, "the work itself"): the same recompute code (recomputeAccounts) in one plain loop over
 *    all ids in this process, no queue;
 * and once, on the first `perAccountSample` accounts, the shape before issue 12: one account at a time, with its
 * own reads and its own write transaction (recomputeAccount per id), for the per-account cost.
 * The queue's ratio to the direct loop shows what the queue costs; before, polling capped it at 50 accounts per
 * worker per 2 s.
 */
import { execFileSync } from 'node:child_process';
import os from 'node:os';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import pg from 'pg';
import { type Database, openDatabase } from '../src/db/client.js';
import { applyMigrations } from '../src/db/migrations.js';
import { createDelivery } from '../src/events/delivery.js';
import { QUEUES } from '../src/jobs/queues.js';
import { type RecomputeTimings, recomputeAccount, recomputeAccounts } from '../src/services/credit.js';
import { createServices } from '../src/services/index.js';

export interface ReevaluateBenchOptions {
  databaseUrl: string;
  /** Account counts to run, e.g. [5000, 20000]. */
  scales: number[];
  invoicesPerAccount: number;
  rounds: number;
  perAccountSample: number;
  /** CPUs to pin this process (server code and workers) to, e.g. "0"; PostgreSQL then has the others. */
  cpus?: string | undefined;
  jobsPerFetch?: number | undefined;
  concurrency?: number | undefined;
}

const fmt = (n: number) => Math.round(n).toLocaleString('en-US');

async function createBenchDatabase(baseUrl: string): Promise<{ url: string; drop(): Promise<void> }> {
  const name = `bench_reeval_${randomBytes(4).toString('hex')}`;
  const admin = new pg.Client({ connectionString: baseUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  const url = new URL(baseUrl);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    async drop() {
      await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await admin.end();
    },
  };
}

/** Accounts, invoices and payments, all in SQL (deterministic: every value is a function of the row numbers). */
export async function generate(raw: pg.Client, accounts: number, perAccount: number): Promise<{ invoices: number; payments: number }> {
  await raw.query(
    `INSERT INTO "Account" ("id", "name", "externalId", "currency", "creditLimit", "paymentTermsDays", "anticipatedMonthlyPurchases", "createdAt", "updatedAt")
     SELECT 'bench-acct-' || lpad(a::text, 6, '0'), 'Bench customer ' || a, 'BENCH-CUST-' || lpad(a::text, 6, '0'), 'EUR',
            (50000 + (a::bigint * 7919) % 950000)::numeric, 30, (5000 + (a::bigint * 104729) % 50000)::numeric, timestamp '2024-01-01', now()
     FROM generate_series(1, $1::int) a`,
    [accounts],
  );
  // Invoices spread over two years (2024-01-01 + ~14 days apart per account), 3% credit notes.
  await raw.query(
    `INSERT INTO "Invoice" ("id", "externalId", "accountId", "number", "currency", "amount", "issuedAt", "dueAt", "createdAt", "updatedAt")
     SELECT 'bench-inv-' || a || '-' || k, 'BENCH-INV-' || a || '-' || k, 'bench-acct-' || lpad(a::text, 6, '0'), 'B-' || a || '-' || k, 'EUR',
            (CASE WHEN (a * 31 + k * 17) % 100 < 3 THEN -1 ELSE 1 END) * ((a::bigint * 7919 + k * 104729) % 1990000 + 10000) / 100.0,
            date '2024-01-01' + (k * 14 + a % 14), date '2024-01-01' + (k * 14 + a % 14) + 30, now(), now()
     FROM generate_series(1, $1::int) a, generate_series(1, $2::int) k`,
    [accounts, perAccount],
  );
  // Payments for ~87% of the invoices (not the credit notes), one in ten of them partial.
  await raw.query(
    `INSERT INTO "Payment" ("id", "externalId", "invoiceId", "amount", "receivedAt", "createdAt", "updatedAt")
     SELECT 'bench-pay-' || a || '-' || k, 'BENCH-PAY-' || a || '-' || k, 'bench-inv-' || a || '-' || k,
            (CASE WHEN (a * 13 + k * 7) % 100 < 10 THEN 0.5 ELSE 1 END) * ((a::bigint * 7919 + k * 104729) % 1990000 + 10000) / 100.0,
            date '2024-01-01' + (k * 14 + a % 14) + 10 + (a + k) % 50, now(), now()
     FROM generate_series(1, $1::int) a, generate_series(1, $2::int) k
     WHERE (a * 31 + k * 17) % 100 >= 3 AND (a * 13 + k * 7) % 100 < 87`,
    [accounts, perAccount],
  );
  await raw.query('ANALYZE');
  const { rows } = await raw.query<{ i: number; p: number }>(`SELECT (SELECT count(*) FROM "Invoice")::int AS i, (SELECT count(*) FROM "Payment")::int AS p`);
  return { invoices: rows[0]!.i, payments: rows[0]!.p };
}

async function timed<T>(fn: () => Promise<T>): Promise<[number, T]> {
  const t = performance.now();
  const v = await fn();
  return [(performance.now() - t) / 1000, v];
}

/**
 * CPU seconds of this process and of the database's server processes (from /proc, when PostgreSQL runs on this
 * machine; backends that exit in between are not counted, parallel workers neither): on a machine shared with other
 * work, wall time says more about the load than about the code, CPU per account does not.
 */
const USER_HZ = 100;

async function cpuSeconds(raw: pg.Client): Promise<{ node: number; pg: Map<number, number>; background: Set<number> }> {
  const usage = process.cpuUsage();
  const pgCpu = new Map<number, number>();
  const background = new Set<number>();
  // The server's connections (Prisma's pool and pg-boss's, with their parallel workers), not this benchmark's own one
  // that polls and measures; autovacuum on the bench database apart (it follows the writes, on its own schedule).
  const { rows } = await raw.query<{ pid: number; type: string }>(
    'SELECT pid, backend_type AS type FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid()',
  );
  for (const { pid, type } of rows) {
    try {
      const fields = fs.readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
      pgCpu.set(pid, (Number(fields[11]) + Number(fields[12])) / USER_HZ); // utime + stime, in clock ticks
      if (type !== 'client backend' && type !== 'parallel worker') background.add(pid);
    } catch {
      // not on this machine, or gone
    }
  }
  return { node: (usage.user + usage.system) / 1e6, pg: pgCpu, background };
}

async function cpuTimed(raw: pg.Client, fn: () => Promise<unknown>): Promise<{ seconds: number; node: number; pg: number; autovacuum: number }> {
  const before = await cpuSeconds(raw);
  const [seconds] = await timed(fn);
  const after = await cpuSeconds(raw);
  let pgSeconds = 0;
  let autovacuum = 0;
  for (const [pid, v] of after.pg) {
    const d = v - (before.pg.get(pid) ?? 0);
    if (after.background.has(pid) || before.background.has(pid)) autovacuum += d;
    else pgSeconds += d;
  }
  return { seconds, node: after.node - before.node, pg: pgSeconds, autovacuum };
}

async function benchScale(o: ReevaluateBenchOptions, accounts: number): Promise<void> {
  const target = await createBenchDatabase(o.databaseUrl);
  let db: Database | undefined;
  const raw = new pg.Client({ connectionString: target.url });
  let delivery: ReturnType<typeof createDelivery> | undefined;
  try {
    await applyMigrations({ databaseUrl: target.url });
    await raw.connect();
    const [genSeconds, counts] = await timed(() => generate(raw, accounts, o.invoicesPerAccount));
    console.log(`\n${fmt(accounts)} accounts, ${fmt(counts.invoices)} invoices, ${fmt(counts.payments)} payments (generated in SQL in ${genSeconds.toFixed(1)} s)`);
    db = await openDatabase({ databaseUrl: target.url });
    const prisma = db.prisma;
    delivery = createDelivery(db, {
      databaseUrl: target.url,
      webhookPolicy: { blockPrivateTargets: true },
      stopTimeoutMs: 10_000,
      ...(o.jobsPerFetch ? { recomputeJobsPerFetch: o.jobsPerFetch } : {}),
      ...(o.concurrency ? { recomputeConcurrency: o.concurrency } : {}),
    });
    const services = createServices(prisma, { events: delivery.events, jobs: delivery.jobs });
    const ids = (await prisma.account.findMany({ select: { id: true }, orderBy: { id: 'asc' } })).map((a) => a.id);

    let phases: RecomputeTimings = { read: 0, compute: 0, write: 0, events: 0 };
    const direct = async () => {
      phases = { read: 0, compute: 0, write: 0, events: 0 };
      const { failed } = await recomputeAccounts(prisma, ids, { events: delivery!.events, timings: phases });
      if (failed.size) throw new Error(`${failed.size} accounts failed`);
    };
    const queue = async () => {
      const { rows } = await raw.query<{ t: Date }>('SELECT now() AS t');
      const since = rows[0]!.t;
      await delivery!.jobs.send(QUEUES.reevaluateAll, {});
      // The queue's open jobs every 250 ms (a few rows), every account's status only once they are done: counting the
      // accounts behind at every poll cost PostgreSQL a scan of all of them per poll, which grew with the square of
      // the scale (polls × accounts) and counted as the server's CPU.
      for (;;) {
        const { rows: j } = await raw.query<{ jobs: number }>(`SELECT count(*)::int AS jobs FROM pgboss.job WHERE name IN ($1, $2) AND state < 'completed'`, [
          QUEUES.recomputeAccounts,
          QUEUES.reevaluateAll,
        ]);
        if (j[0]!.jobs === 0) {
          const { rows: r } = await raw.query<{ behind: number }>(
            `SELECT count(*)::int AS behind FROM "Account" a LEFT JOIN "AccountMetrics" m ON m."accountId" = a.id WHERE m."computedAt" IS NULL OR m."computedAt" < $1`,
            [since],
          );
          if (r[0]!.behind === 0) return;
        }
        await new Promise((res) => setTimeout(res, 250));
      }
    };
    const perAccount = (cpu: { node: number; pg: number; autovacuum: number }) =>
      `CPU/account node ${((cpu.node / accounts) * 1000).toFixed(2)} ms, PostgreSQL ${((cpu.pg / accounts) * 1000).toFixed(2)} ms (+ autovacuum seen ${((cpu.autovacuum / accounts) * 1000).toFixed(2)} ms)`;
    // Warm-up: the first pass writes every invoice's outstanding, every status and the alerts it raises (what a first
    // import of a whole ledger costs); later passes are the nightly case. It runs before the workers start: their
    // start-up stale sweep would otherwise recompute the same accounts beside it (before, the first pass raced it).
    const firstLoad = os.loadavg()[0]!.toFixed(1);
    const wc = await cpuTimed(raw, direct);
    const ms = (phase: keyof RecomputeTimings) => (phases[phase] / accounts).toFixed(2);
    console.log(
      `  warm-up (first pass, direct, load ${firstLoad}) ${wc.seconds.toFixed(1).padStart(7)} s, ${fmt(counts.invoices / wc.seconds)} invoices/s; ${perAccount(wc)}; wall ms/account: read ${ms('read')}, compute ${ms('compute')}, write ${ms('write')}, events ${ms('events')}`,
    );
    // The first pass created the alerts (and statuses) the nightly passes read. PostgreSQL's autovacuum analyses a
    // table after such a change on its own (autovacuum_analyze_scale_factor); this machine's server runs with
    // autovacuum off, where the planner would keep the empty tables' statistics and read a chunk's alerts through
    // the (status, createdAt) index over every open alert (BENCHMARKS.md). Analysed here, as autovacuum would.
    const [analysed] = await timed(() => raw.query('ANALYZE'));
    const { rows: av } = await raw.query<{ autovacuum: string }>('SHOW autovacuum');
    console.log(`  ANALYZE after the first pass: ${analysed.toFixed(1)} s (autovacuum ${av[0]!.autovacuum} on this server)`);
    await delivery.start(services);
    // The workers' start-up stale sweep (nothing is stale now, but it scans the ledger) ends before the rounds.
    const [sweep] = await timed(async () => {
      for (;;) {
        const { rows: r } = await raw.query<{ open: number }>(`SELECT count(*)::int AS open FROM pgboss.job WHERE name = $1 AND state < 'completed'`, [QUEUES.sweepStaleAccounts]);
        if (r[0]!.open === 0) return;
        await new Promise((res) => setTimeout(res, 250));
      }
    });
    console.log(`  start-up stale sweep done after ${sweep.toFixed(1)} s`);
    const results: { queue: number; direct: number }[] = [];
    for (let round = 1; round <= o.rounds; round++) {
      const load = os.loadavg()[0]!.toFixed(1);
      const qc = await cpuTimed(raw, queue);
      const dc = await cpuTimed(raw, direct);
      const [q, d] = [qc.seconds, dc.seconds];
      results.push({ queue: q, direct: d });
      console.log(
        `  round ${round} (load ${load}): queue ${q.toFixed(1).padStart(6)} s ${fmt(accounts / q).padStart(6)} accounts/s | direct loop ${d.toFixed(1).padStart(6)} s ${fmt(accounts / d).padStart(6)} accounts/s | queue/direct time ${(q / d).toFixed(2)}`,
      );
      console.log(`           queue: ${perAccount(qc)} | direct: ${perAccount(dc)}; direct wall ms/account: read ${ms('read')}, compute ${ms('compute')}, write ${ms('write')}, events ${ms('events')}`);
    }
    const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
    const q = median(results.map((r) => r.queue));
    const d = median(results.map((r) => r.direct));
    const sample = ids.slice(0, Math.min(o.perAccountSample, ids.length));
    const [one] = await timed(async () => {
      for (const id of sample) await recomputeAccount(prisma, id, { events: delivery!.events });
    });
    console.log(
      `  median: queue ${q.toFixed(1)} s (${fmt(accounts / q)} accounts/s, ${((q / accounts) * 1000).toFixed(2)} ms/account), direct ${d.toFixed(1)} s (${((d / accounts) * 1000).toFixed(2)} ms/account); queue = ${(d / q).toFixed(2)}× the direct loop's rate`,
    );
    console.log(
      `  one account at a time (the shape before; ${fmt(sample.length)} accounts): ${((one / sample.length) * 1000).toFixed(2)} ms/account → ${fmt((one / sample.length) * accounts)} s for all; polling-capped queue before: ≥ ${fmt(accounts / 50)} s (2 workers × 50 accounts / 2 s)`,
    );
  } finally {
    await delivery?.stop().catch(() => {});
    await raw.end().catch(() => {});
    await db?.close().catch(() => {});
    await target.drop();
  }
}

export async function runReevaluateBench(o: ReevaluateBenchOptions): Promise<void> {
  if (o.cpus) {
    // Every thread of this process (server code, workers, Prisma) on these CPUs; PostgreSQL keeps the rest.
    execFileSync('taskset', ['-a', '-cp', o.cpus, String(process.pid)], { stdio: 'ignore' });
    console.log(`pinned to CPU ${o.cpus}`);
  }
  console.log(
    `Full re-evaluation: ${o.invoicesPerAccount} invoices per account, ${o.rounds} rounds (queue then direct), jobs per fetch ${o.jobsPerFetch ?? 'default'}, workers ${o.concurrency ?? 'default'}`,
  );
  for (const accounts of o.scales) await benchScale(o, accounts);
}
