/**
 * `pnpm bench lookup`: the sidebar lookup (issue 12) — the extension's `ResolveAccounts` then `AccountCard`, by a
 * signed-in CREDIT user, over many accounts — against Earshot as it runs (the build, `dist/cli.js serve`, NODE_ENV=production)
 * and against a raw baseline in the same run (lookup-raw-server.ts: `node:http` + `pg`, hand-written SQL, the same
 * JSON). The data (lookup-data.ts) is generated once per scale and month and kept in its own database.
 *
 * Each round starts each server afresh (Earshot, then raw: interleaved), pinned to CPU 0 with taskset; the load
 * generator (lookup-load.ts, its own process) runs on CPU 1, where PostgreSQL also runs (as much as a shared
 * machine allows: PostgreSQL itself is not pinned). A warm-up, then the measured load. Measured: requests/s (each
 * lookup is two requests), p50/p99 of a request, CPU per request of the server process and of the PostgreSQL
 * backends of the benchmark's database (utime + stime from /proc before and after), the server's peak RSS under load.
 */
import { execFile, spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { ensureLookupData } from './lookup-data.js';
import type { LoadOptions, LoadResult } from './lookup-load.js';

export interface LookupBenchOptions {
  databaseUrl: string;
  accounts: number;
  /** Accounts with 20,000+ invoices (default 5). */
  bigAccounts?: number | undefined;
  rounds: number;
  seconds: number;
  warmupSeconds: number;
  connections: number;
}

interface Measured extends LoadResult {
  rps: number;
  serverCpuMs: number;
  pgCpuMs: number;
  rssMb: number;
}

const BENCH_DIR = path.dirname(fileURLToPath(import.meta.url));
const SERVER_ROOT = path.resolve(BENCH_DIR, '..');
const TICK_MS = 1000 / 100; // USER_HZ: /proc counts CPU time in 1/100 s
const HAS_TASKSET = os.cpus().length > 1 && spawnSync('taskset', ['-c', '1', 'true']).status === 0;
const pinned = (cpu: number, args: string[]): [string, string[]] => (HAS_TASKSET ? ['taskset', ['-c', String(cpu), ...args]] : [args[0]!, args.slice(1)]);

/** utime + stime of a process (all its threads), in ms; 0 when it is gone. */
function cpuMs(pid: number): number {
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(fields[11]) + Number(fields[12])) * TICK_MS;
  } catch {
    return 0;
  }
}

function rssMb(pid: number): number {
  const m = /VmRSS:\s+(\d+) kB/.exec(fs.readFileSync(`/proc/${pid}/status`, 'utf8'));
  return m ? Number(m[1]) / 1024 : 0;
}

/** CPU ms of every PostgreSQL backend of the database, by pid (backends that come and go in between are counted from 0). */
async function pgCpu(admin: pg.Client, db: string): Promise<Map<number, number>> {
  const { rows } = await admin.query<{ pid: number }>('SELECT pid FROM pg_stat_activity WHERE datname = $1 AND pid <> pg_backend_pid()', [db]);
  return new Map(rows.map((r) => [r.pid, cpuMs(r.pid)]));
}

export type Server = { name: 'earshot' | 'raw'; pid: number; url: string; stop(): Promise<void> };

/** A port nobody listens on now (the OS picks it; the server binds it right after). */
function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = net.createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as net.AddressInfo;
      probe.close(() => resolve(port));
    });
  });
}

/** Polls `url` until it answers 200 (the server is up), the child exits, or 60 s pass. */
async function untilHealthy(url: string, exited: () => string | null): Promise<void> {
  const deadline = Date.now() + 60_000;
  for (;;) {
    const failure = exited();
    if (failure !== null) throw new Error(failure);
    try {
      const res = await fetch(url);
      await res.arrayBuffer();
      if (res.ok) return;
    } catch {}
    if (Date.now() > deadline) throw new Error(`no answer from ${url} within 60 s`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

/**
 * Starts Earshot or the raw baseline on a free port, pinned to CPU 0; resolves once it answers `/healthz` (so any
 * log level works: nothing is read from its output but the errors). Earshot runs from the build as in production
 * (`node dist/cli.js serve`, built by runLookupBench) with `fromBuild`, else from its sources through tsx (the
 * smoke test, which must not race the build test rewriting dist/).
 */
export async function startServer(
  name: Server['name'],
  databaseUrl: string,
  { pin = true, fromBuild = false, nodeFlags = [] as string[], env: extraEnv = {} as Record<string, string> } = {},
): Promise<Server> {
  // BENCH_EARSHOT_BUILD (a variant's environment): another checkout's build, e.g. the commit before a change, run
  // from its own server directory (its node_modules and migrations): before and after in the same rounds.
  const otherBuild = extraEnv.BENCH_EARSHOT_BUILD;
  const earshot = otherBuild ? [otherBuild, 'serve'] : fromBuild ? ['dist/cli.js', 'serve'] : ['--import', 'tsx', 'src/cli.ts', 'serve'];
  const cwd = otherBuild ? path.dirname(path.dirname(path.resolve(otherBuild))) : SERVER_ROOT;
  const entry = name === 'earshot' ? earshot : ['--import', 'tsx', path.join(BENCH_DIR, 'lookup-raw-server.ts')];
  const port = await freePort();
  const env = {
    ...process.env,
    DATABASE_URL: databaseUrl,
    PORT: String(port),
    HOST: '127.0.0.1',
    NODE_ENV: 'production',
    EARSHOT_SEED_DEMO: 'false',
    // One user's token from one address at hundreds of requests a second: the per-token/address limits are off.
    EARSHOT_RATE_LIMIT_PER_TOKEN: '0',
    EARSHOT_RATE_LIMIT_PER_ADDRESS: '0',
    REDIS_URL: '',
    ...extraEnv,
  };
  // BENCH_NODE_FLAGS: extra node flags for Earshot only, e.g. "--cpu-prof --cpu-prof-dir=/tmp/prof".
  const flags = [...nodeFlags, ...(name === 'earshot' ? (process.env.BENCH_NODE_FLAGS ?? '').split(' ').filter(Boolean) : [])];
  const argv = [process.execPath, ...flags, ...entry];
  const [cmd, args] = pin ? pinned(0, argv) : [argv[0]!, argv.slice(1)];
  const child = spawn(cmd, args, { cwd, env, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  const keep = (c: Buffer) => {
    if (output.length < 64 * 1024) output += c.toString();
  };
  child.stdout.on('data', keep);
  child.stderr.on('data', keep);
  const url = `http://127.0.0.1:${port}`;
  await untilHealthy(`${url}/healthz`, () => (child.exitCode !== null || child.signalCode !== null ? `${name} server exited (${child.exitCode ?? child.signalCode}) before it was ready:\n${output}` : null));
  // Once up, its output is drained and dropped (a pipe nobody reads would stall the server's log writes).
  child.stdout.off('data', keep);
  child.stderr.off('data', keep);
  child.stdout.resume();
  child.stderr.resume();
  return {
    name,
    pid: child.pid!, // taskset execs the program: this is the server's own pid
    url,
    stop: () =>
      new Promise((done) => {
        if (child.exitCode !== null || child.signalCode !== null) return done();
        child.once('exit', () => done());
        child.kill('SIGTERM');
      }),
  };
}

/**
 * `BENCH_CPU_VARIANTS` (lookup-cpu) and `BENCH_LOOKUP_VARIANTS` (lookup): more Earshot runs per round, each with its
 * own environment variables and node flags, e.g. `nocache:EARSHOT_PLAN_CACHE=0;semi:--max-semi-space-size=32` (name,
 * then space-separated `KEY=value` or `--flag`s). They run in the same rounds as the default build and the raw
 * baseline, so each compares with both.
 */
export interface Variant {
  name: string;
  env: Record<string, string>;
  nodeFlags: string[];
}

export function parseVariants(text: string | undefined): Variant[] {
  return (text ?? '')
    .split(';')
    .map((v) => v.trim())
    .filter(Boolean)
    .map((v) => {
      const [name, ...rest] = v.split(':');
      const parts = rest.join(':').split(' ').filter(Boolean);
      return {
        name: name!.trim(),
        env: Object.fromEntries(parts.filter((p) => !p.startsWith('--')).map((p) => [p.slice(0, p.indexOf('=')), p.slice(p.indexOf('=') + 1)])),
        nodeFlags: parts.filter((p) => p.startsWith('--')),
      };
    });
}

function load(o: LoadOptions): Promise<LoadResult> {
  const [cmd, args] = pinned(1, [process.execPath, '--import', 'tsx', path.join(BENCH_DIR, 'lookup-load.ts'), '--run', JSON.stringify(o)]);
  return new Promise((resolve, reject) =>
    execFile(cmd, args, { cwd: SERVER_ROOT, maxBuffer: 16 * 1024 * 1024 }, (err, stdout, stderr) => {
      if (err) reject(new Error(`load generator failed: ${stderr || err.message}`));
      else resolve(JSON.parse(stdout.trim().split('\n').pop()!));
    }),
  );
}

async function measure(server: Server, o: LookupBenchOptions, admin: pg.Client, db: string, token: string, start: number): Promise<Measured> {
  const base = { url: server.url, token, accounts: o.accounts, connections: o.connections };
  const warm = await load({ ...base, seconds: o.warmupSeconds, start: start + 1_000_000 });
  if (warm.errors) throw new Error(`${server.name}: ${warm.errors} errors in the warm-up, first: ${warm.firstError}`);
  const pgBefore = await pgCpu(admin, db);
  const serverBefore = cpuMs(server.pid);
  let rss = 0;
  const sampler = setInterval(() => {
    rss = Math.max(rss, rssMb(server.pid));
  }, 250);
  const r = await load({ ...base, seconds: o.seconds, start });
  clearInterval(sampler);
  const serverCpu = cpuMs(server.pid) - serverBefore;
  let pgCpuTotal = 0;
  for (const [pid, ms] of await pgCpu(admin, db)) pgCpuTotal += ms - (pgBefore.get(pid) ?? 0);
  return { ...r, rps: r.requests / r.seconds, serverCpuMs: serverCpu / r.requests, pgCpuMs: pgCpuTotal / r.requests, rssMb: rss };
}

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
};
const row = (label: string, m: Pick<Measured, 'rps' | 'p50' | 'p99' | 'serverCpuMs' | 'pgCpuMs' | 'rssMb'>, extra = '') =>
  `  ${label.padEnd(18)} ${m.rps.toFixed(0).padStart(6)} req/s  p50 ${m.p50.toFixed(1).padStart(6)} ms  p99 ${m.p99.toFixed(1).padStart(6)} ms  CPU/req server ${m.serverCpuMs.toFixed(2).padStart(5)} ms, PostgreSQL ${m.pgCpuMs.toFixed(2).padStart(5)} ms  RSS ${m.rssMb.toFixed(0).padStart(4)} MB${extra}`;
const loadavg = () => os.loadavg().map((l) => l.toFixed(1)).join(' ');

export async function runLookupBench(o: LookupBenchOptions): Promise<void> {
  const data = await ensureLookupData(o.databaseUrl, o.accounts, o.bigAccounts === undefined ? {} : { bigAccounts: o.bigAccounts, name: `earshot_bench_${o.accounts}_big${o.bigAccounts}` });
  const db = new URL(data.url).pathname.slice(1);
  const admin = new pg.Client({ connectionString: data.url });
  await admin.connect();
  const version = (await admin.query<{ server_version: string }>('SHOW server_version')).rows[0]!.server_version;
  const c = data.counts;
  const n = (k: string) => (c[k] ?? 0).toLocaleString('en-US');
  console.log(
    `lookup: PostgreSQL ${version}; ${n('Account')} accounts, ${n('AccountDomain')} domains, ${n('Contact')} contacts, ${n('CrmLink')} CRM links, ${n('Invoice')} invoices, ${n('Payment')} payments, ${n('Signal')} signals, ${n('Note')} notes, ${n('Alert')} alerts, ${n('AccountMetrics')} statuses` +
      (data.generateSeconds ? ` (generated in ${data.generateSeconds.toFixed(0)} s + recompute ${data.recomputeSeconds.toFixed(0)} s)` : ' (database reused)'),
  );
  console.log(
    `  ${o.rounds} rounds (Earshot, raw, interleaved; each server started afresh), ${o.connections} connections, ${o.warmupSeconds} s warm-up + ${o.seconds} s measured; servers ${HAS_TASKSET ? 'on CPU 0, load generator on CPU 1 (taskset)' : 'not pinned (no taskset)'}; load average ${loadavg()}`,
  );
  // Earshot as production runs it: the build (pnpm build), one node process. BENCH_LOOKUP_SOURCES=1: through tsx.
  const fromBuild = process.env.BENCH_LOOKUP_SOURCES !== '1';
  if (fromBuild) {
    const built = spawnSync(process.execPath, ['scripts/build.mjs'], { cwd: SERVER_ROOT, encoding: 'utf8' });
    if (built.status !== 0) throw new Error(`pnpm build failed: ${built.stderr || built.stdout}`);
  }
  console.log(`  Earshot from ${fromBuild ? 'the build (node dist/cli.js serve)' : 'its sources (node --import tsx src/cli.ts serve)'}`);
  const variants = parseVariants(process.env.BENCH_LOOKUP_VARIANTS);
  const results: Record<string, Measured[]> = { earshot: [], raw: [], ...Object.fromEntries(variants.map((v) => [v.name, []])) };
  try {
    for (let round = 1; round <= o.rounds; round++) {
      const runs: { name: Server['name']; variant?: Variant }[] = [{ name: 'earshot' }, ...variants.map((v) => ({ name: 'earshot' as const, variant: v })), { name: 'raw' }];
      for (const run of runs) {
        const key = run.variant?.name ?? run.name;
        const server = await startServer(run.name, data.url, { fromBuild, ...(run.variant ? { env: run.variant.env, nodeFlags: run.variant.nodeFlags } : {}) });
        try {
          const m = await measure(server, o, admin, db, data.token, round * 100_000);
          results[key]!.push(m);
          const errs = m.errors ? `  ERRORS ${m.errors}: ${m.firstError}` : '';
          console.log(row(`round ${round} ${key}`, m, `  load ${loadavg()}${errs}`));
        } finally {
          await server.stop();
        }
      }
    }
  } finally {
    await admin.end();
  }
  const med = (name: string) => {
    const rs = results[name]!;
    const k = (f: (m: Measured) => number) => median(rs.map(f));
    return { rps: k((m) => m.rps), p50: k((m) => m.p50), p99: k((m) => m.p99), serverCpuMs: k((m) => m.serverCpuMs), pgCpuMs: k((m) => m.pgCpuMs), rssMb: k((m) => m.rssMb) };
  };
  const e = med('earshot');
  const r = med('raw');
  console.log(row('median earshot', e));
  console.log(row('median raw', r));
  const perRound = results.earshot!.map((m, i) => (m.rps / results.raw![i]!.rps).toFixed(2)).join(', ');
  console.log(
    `  Earshot / raw: throughput ${(e.rps / r.rps).toFixed(2)}× (per round ${perRound}; goal ≥ 0.5), p99 ${(e.p99 / r.p99).toFixed(1)}× (goal ≤ 3), RSS ${(e.rssMb / r.rssMb).toFixed(1)}× (goal ≤ 2); load average ${loadavg()}`,
  );
  for (const v of variants) {
    const m = med(v.name);
    console.log(row(`median ${v.name}`, m));
    const perRoundRaw = results[v.name]!.map((x, i) => (x.rps / results.raw![i]!.rps).toFixed(2)).join(', ');
    const perRoundDefault = results[v.name]!.map((x, i) => (x.rps / results.earshot![i]!.rps).toFixed(2)).join(', ');
    console.log(
      `  ${v.name} / raw: throughput ${(m.rps / r.rps).toFixed(2)}× (per round ${perRoundRaw}), p99 ${(m.p99 / r.p99).toFixed(1)}×, RSS ${(m.rssMb / r.rssMb).toFixed(1)}×; ${v.name} / default build: throughput per round ${perRoundDefault}, server CPU per request ${(m.serverCpuMs / e.serverCpuMs).toFixed(2)}×`,
    );
  }
}
