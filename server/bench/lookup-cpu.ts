/**
 * `pnpm bench lookup-cpu`: what the sidebar lookup costs the server, in figures a loaded machine does not change:
 * CPU time per request (process.cpuUsage inside the server), SQL statements per request, memory (RSS, V8 heap) at
 * idle and under a fixed number of requests. Earshot (the build, as production runs it) against the raw baseline
 * (lookup-raw-server.ts) in the same run, interleaved, each started afresh per round, on the data of lookup-data.ts.
 *
 * Per round and server: idle memory after a full GC; a warm-up; `BENCH_CPU_LOOKUPS` lookups one after the other on
 * one keep-alive connection, first every `ResolveAccounts`, then every `AccountCard` of the accounts they matched
 * (so each operation has its own CPU and statement count); then the same number of lookups from
 * `BENCH_CONNECTIONS` connections at once (peak RSS sampled from /proc, heap after); idle memory after a GC again.
 * The server measures itself through bench/lookup-probe.mjs (loaded with --import).
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { OPERATIONS } from '@earshot/shared';
import { ensureLookupData } from './lookup-data.js';
import { parseVariants, type Server, startServer, type Variant } from './lookup.js';
import { resolveVariables } from './lookup-load.js';

export interface LookupCpuOptions {
  databaseUrl: string;
  accounts: number;
  bigAccounts?: number | undefined;
  /** The data's database (default earshot_bench_<accounts>, with _big<n> when bigAccounts is given). */
  database?: string | undefined;
  rounds: number;
  lookups: number;
  warmup: number;
  connections: number;
  /** Write a heap snapshot of each server after the concurrent load (into the probe's directory). */
  heapSnapshot?: boolean;
}

interface Probe {
  cpu: { user: number; system: number };
  memory: NodeJS.MemoryUsage;
  heapSpaces: Record<string, number>;
  smaps: Record<string, number>;
  statements: { requests: number; jobs: number };
  texts: [string, number][];
  snapshot: string | null;
}

interface RoundResult {
  /** CPU µs per request. */
  cpuResolve: number;
  cpuCard: number;
  /** Statements per request. */
  stmtResolve: number;
  stmtCard: number;
  idle: Probe;
  loaded: Probe;
  peakRssMb: number;
  idleAfter: Probe;
  texts: [string, number][];
}

const SERVER_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const MB = 1024 * 1024;

async function probe(server: Server, dir: string, cmd = ''): Promise<Probe> {
  const file = path.join(dir, `${server.pid}.json`);
  fs.rmSync(file, { force: true });
  if (cmd) fs.writeFileSync(path.join(dir, `${server.pid}.cmd`), cmd);
  process.kill(server.pid, 'SIGUSR2');
  for (let i = 0; i < 6000; i++) {
    if (fs.existsSync(file)) return JSON.parse(fs.readFileSync(file, 'utf8')) as Probe;
    await new Promise((r) => setTimeout(r, 10));
  }
  throw new Error(`${server.name}: no probe report`);
}

function client(server: Server, token: string, connections: number) {
  const agent = new http.Agent({ keepAlive: true, maxSockets: connections });
  const url = new URL('/graphql', server.url);
  const post = (operationName: 'ResolveAccounts' | 'AccountCard', variables: unknown) =>
    // biome-ignore lint/suspicious/noExplicitAny: a GraphQL response, read one path of it
    new Promise<any>((resolve, reject) => {
      const body = JSON.stringify({ operationName, query: OPERATIONS[operationName], variables });
      const req = http.request(
        url,
        { method: 'POST', agent, headers: { 'content-type': 'application/json', authorization: `Bearer ${token}`, 'content-length': Buffer.byteLength(body) } },
        (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (c: Buffer) => chunks.push(c));
          res.on('end', () => {
            const json = JSON.parse(Buffer.concat(chunks).toString());
            if (res.statusCode !== 200 || json.errors) reject(new Error(`${server.name} ${operationName}: ${res.statusCode} ${JSON.stringify(json.errors ?? json).slice(0, 300)}`));
            else resolve(json);
          });
          res.on('error', reject);
        },
      );
      req.on('error', reject);
      req.end(body);
    });
  const resolveId = async (i: number, accounts: number): Promise<string> => {
    const id = (await post('ResolveAccounts', resolveVariables(i, accounts))).data?.resolveAccounts?.[0]?.account?.id;
    if (!id) throw new Error(`${server.name}: lookup ${i} matched nothing`);
    return id;
  };
  return { post, resolveId, close: () => agent.destroy() };
}

const cpuUs = (a: Probe, b: Probe) => b.cpu.user + b.cpu.system - (a.cpu.user + a.cpu.system);

async function runOne(name: Server['name'], url: string, token: string, o: LookupCpuOptions, dir: string, start: number, variant?: Variant): Promise<RoundResult> {
  const server = await startServer(name, url, {
    fromBuild: true,
    pin: false,
    nodeFlags: ['--expose-gc', '--import', path.join(SERVER_ROOT, 'bench', 'lookup-probe.mjs'), ...(variant?.nodeFlags ?? [])],
    env: { LOOKUP_PROBE_DIR: dir, ...(variant?.env ?? {}) },
  });
  try {
    const idle = await probe(server, dir, 'gc');
    const seq = client(server, token, 1);
    for (let i = 0; i < o.warmup; i++) await seq.post('AccountCard', { id: await seq.resolveId(start - o.warmup + i, o.accounts) });
    const ids: string[] = [];
    const p0 = await probe(server, dir);
    for (let i = 0; i < o.lookups; i++) ids.push(await seq.resolveId(start + i, o.accounts));
    const p1 = await probe(server, dir);
    for (const id of ids) await seq.post('AccountCard', { id });
    const p2 = await probe(server, dir);
    seq.close();
    // The same number of lookups, `connections` at a time.
    const par = client(server, token, o.connections);
    let peak = 0;
    const sampler = setInterval(() => {
      const m = /VmRSS:\s+(\d+) kB/.exec(fs.readFileSync(`/proc/${server.pid}/status`, 'utf8'));
      peak = Math.max(peak, m ? Number(m[1]) * 1024 : 0);
    }, 50);
    let next = start + o.lookups;
    const end = next + o.lookups;
    await Promise.all(
      Array.from({ length: o.connections }, async () => {
        while (next < end) await par.post('AccountCard', { id: await par.resolveId(next++, o.accounts) });
      }),
    );
    clearInterval(sampler);
    par.close();
    const loaded = await probe(server, dir, o.heapSnapshot ? 'snapshot' : '');
    peak = Math.max(peak, loaded.memory.rss);
    const idleAfter = await probe(server, dir, 'gc');
    return {
      cpuResolve: cpuUs(p0, p1) / o.lookups,
      cpuCard: cpuUs(p1, p2) / o.lookups,
      stmtResolve: (p1.statements.requests - p0.statements.requests) / o.lookups,
      stmtCard: (p2.statements.requests - p1.statements.requests) / o.lookups,
      idle,
      loaded,
      peakRssMb: peak / MB,
      idleAfter,
      texts: p2.texts,
    };
  } finally {
    await server.stop();
  }
}

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
};
const mb = (n: number) => (n / MB).toFixed(0).padStart(4);

function line(label: string, r: RoundResult): string {
  return (
    `  ${label.padEnd(16)} CPU/req ResolveAccounts ${(r.cpuResolve / 1000).toFixed(2)} ms, AccountCard ${(r.cpuCard / 1000).toFixed(2)} ms (lookup ${((r.cpuResolve + r.cpuCard) / 1000).toFixed(2)} ms); ` +
    `statements ${r.stmtResolve.toFixed(2)} + ${r.stmtCard.toFixed(2)}; idle RSS ${mb(r.idle.memory.rss)} MB heapUsed ${mb(r.idle.memory.heapUsed)} MB; ` +
    `under load peak RSS ${r.peakRssMb.toFixed(0)} MB, heapUsed ${mb(r.loaded.memory.heapUsed)} / heapTotal ${mb(r.loaded.memory.heapTotal)} MB; after, idle RSS ${mb(r.idleAfter.memory.rss)} heapUsed ${mb(r.idleAfter.memory.heapUsed)} MB`
  );
}

export async function runLookupCpuBench(o: LookupCpuOptions): Promise<void> {
  const data = await ensureLookupData(
    o.databaseUrl,
    o.accounts,
    o.bigAccounts === undefined
      ? { ...(o.database ? { name: o.database } : {}) }
      : { bigAccounts: o.bigAccounts, name: o.database ?? `earshot_bench_${o.accounts}_big${o.bigAccounts}` },
  );
  const built = spawnSync(process.execPath, ['scripts/build.mjs'], { cwd: SERVER_ROOT, encoding: 'utf8' });
  if (built.status !== 0) throw new Error(`pnpm build failed: ${built.stderr || built.stdout}`);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'earshot-lookup-cpu-'));
  console.log(
    `lookup-cpu: ${data.counts.Account?.toLocaleString('en-US')} accounts (${data.counts.Invoice?.toLocaleString('en-US')} invoices, ${data.counts.Signal?.toLocaleString('en-US')} signals), ` +
      `${o.rounds} rounds (Earshot from the build, raw; interleaved), ${o.warmup} lookups warm-up, ${o.lookups} sequential + ${o.lookups} on ${o.connections} connections; load average ${os.loadavg()[0]!.toFixed(1)}; probe reports in ${dir}`,
  );
  const variants = parseVariants(process.env.BENCH_CPU_VARIANTS);
  const results: Record<string, RoundResult[]> = { earshot: [], raw: [], ...Object.fromEntries(variants.map((v) => [v.name, []])) };
  for (let round = 1; round <= o.rounds; round++) {
    const runs: { name: Server['name']; variant?: Variant }[] = [{ name: 'earshot' }, ...variants.map((v) => ({ name: 'earshot' as const, variant: v })), { name: 'raw' }];
    for (const run of runs) {
      const key = run.variant?.name ?? run.name;
      const r = await runOne(run.name, data.url, data.token, o, dir, round * 100_000, run.variant);
      results[key]!.push(r);
      console.log(line(`round ${round} ${key}`, r));
    }
  }
  const med = (name: string) => {
    const rs = results[name]!;
    const k = (f: (r: RoundResult) => number) => median(rs.map(f));
    const memOf = (f: (r: RoundResult) => Probe) => ({ rss: k((r) => f(r).memory.rss), heapUsed: k((r) => f(r).memory.heapUsed), heapTotal: k((r) => f(r).memory.heapTotal) });
    return {
      cpuResolve: k((r) => r.cpuResolve),
      cpuCard: k((r) => r.cpuCard),
      stmtResolve: k((r) => r.stmtResolve),
      stmtCard: k((r) => r.stmtCard),
      peakRssMb: k((r) => r.peakRssMb),
      idle: { memory: memOf((r) => r.idle) } as Probe,
      loaded: { memory: memOf((r) => r.loaded) } as Probe,
      idleAfter: { memory: memOf((r) => r.idleAfter) } as Probe,
      texts: rs.at(-1)!.texts,
    };
  };
  const e = med('earshot');
  const r = med('raw');
  console.log(line('median earshot', e));
  console.log(line('median raw', r));
  console.log(
    `  Earshot / raw: server CPU per lookup ${((e.cpuResolve + e.cpuCard) / (r.cpuResolve + r.cpuCard)).toFixed(1)}×, peak RSS ${(e.peakRssMb / r.peakRssMb).toFixed(1)}×; load average ${os.loadavg()[0]!.toFixed(1)}`,
  );
  for (const v of variants) {
    const m = med(v.name);
    console.log(line(`median ${v.name}`, m));
    // Per round against the raw baseline of the same round, then the median of those ratios.
    const ratios = results[v.name]!.map((x, i) => (x.cpuResolve + x.cpuCard) / (results.raw![i]!.cpuResolve + results.raw![i]!.cpuCard));
    const vsDefault = results[v.name]!.map((x, i) => (x.cpuResolve + x.cpuCard) / (results.earshot![i]!.cpuResolve + results.earshot![i]!.cpuCard));
    console.log(
      `  ${v.name} / raw: server CPU per lookup ${median(ratios).toFixed(2)}× (per round ${ratios.map((x) => x.toFixed(2)).join(', ')}), peak RSS ${(m.peakRssMb / r.peakRssMb).toFixed(1)}×; ${v.name} / default build: CPU ${median(vsDefault).toFixed(2)}× (per round ${vsDefault.map((x) => x.toFixed(2)).join(', ')})`,
    );
  }
  {
    const ratios = results.earshot!.map((x, i) => (x.cpuResolve + x.cpuCard) / (results.raw![i]!.cpuResolve + results.raw![i]!.cpuCard));
    console.log(`  default build / raw per round: ${ratios.map((x) => x.toFixed(2)).join(', ')}`);
  }
  if (process.env.BENCH_CPU_TEXTS === '1') {
    console.log("  Earshot's statements over the whole run (excluding the job queue's):");
    for (const [text, n] of e.texts) console.log(`    ${String(n).padStart(6)}  ${text}`);
  }
}
