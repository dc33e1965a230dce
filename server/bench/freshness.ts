/**
 * `pnpm bench freshness`: how soon a changed account's credit status reflects an import (issue 12: "within 1 s of
 * its commit"), through the real path: Earshot as it runs (`src/cli.ts serve`, NODE_ENV=production, its job workers)
 * on a throw-away PostgreSQL database.
 *
 * Set-up: `accounts` accounts (default 300) with a base ledger of 20 invoices each, imported and recomputed by
 * `pnpm earshot import` before the server starts (so its start-up sweep finds nothing stale); a CREDIT user with a
 * session token.
 *
 * Each sample, on an account of a fixed sequence over all of them: read its `creditStatus { computedAt overdue }`,
 * send an `importLedger` mutation with one new invoice due 60 days ago (it raises the account's overdue), note when
 * the mutation returned (its transaction has committed by then, and with the job queue its recompute job was
 * stored in that transaction: ledger/import.ts, jobs/recompute.ts), then poll the account's `creditStatus` every
 * `pollMs` until `overdue` changed and `computedAt` (the recompute's as-of time, taken before it reads the ledger) is
 * no earlier than the mutation's send. The latency is from the mutation's answer to the first poll
 * that shows the new status (resolution: one poll and its round trip).
 *
 * Then the same while `pnpm earshot import` of a large file (`bigInvoices` rows over the same accounts; its own
 * process, recompute included) runs beside it; samples taken after that import ended are counted apart.
 * Printed: median, p90 and max of each phase, the mutation's own time, the load average. No assertions.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { encodeGlobalID } from '@pothos/plugin-relay';
import pg from 'pg';
import { applyMigrations } from '../src/db/migrations.js';
import { run, writeCsv } from './import-file.js';
import { startServer } from './lookup.js';

export interface FreshnessBenchOptions {
  databaseUrl: string;
  accounts: number;
  samples: number;
  /** Rows of the large import run beside the second phase (0 skips that phase). */
  bigInvoices: number;
  pollMs: number;
}

const SERVER_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const STATUS = `query ($id: ID!) { account(id: $id) { creditStatus { computedAt overdue } } }`;
const IMPORT = `mutation ($input: ImportLedgerInput!) { importLedger(input: $input) { invoicesCreated accountsTouched errorCount errors { message } } }`;
const DAY = 86_400_000;
const iso = (ms: number) => new Date(ms).toISOString().slice(0, 10);
const loadavg = () => os.loadavg().map((l) => l.toFixed(1)).join(' ');
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

interface Sample {
  latencyMs: number;
  mutationMs: number;
  polls: number;
  besideImport: boolean;
}

function percentile(xs: number[], p: number): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.ceil((p / 100) * s.length) - 1)] ?? Number.NaN;
}

export async function runFreshnessBench(o: FreshnessBenchOptions): Promise<void> {
  const name = `bench_fresh_${randomBytes(4).toString('hex')}`;
  const admin = new pg.Client({ connectionString: o.databaseUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  const u = new URL(o.databaseUrl);
  u.pathname = `/${name}`;
  const dbUrl = u.toString();
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'earshot-bench-fresh-'));
  const db = new pg.Client({ connectionString: dbUrl });
  let server: Awaited<ReturnType<typeof startServer>> | undefined;
  let big: ChildProcess | undefined;
  try {
    await applyMigrations({ databaseUrl: dbUrl });
    await db.connect();
    const env = { ...process.env, DATABASE_URL: dbUrl, EARSHOT_SEED_DEMO: 'false' };
    const baseFile = path.join(tmp, 'base.csv');
    const externalIds = writeCsv(baseFile, o.accounts * 20, o.accounts, 'BASE-INV-');
    await db.query(
      `INSERT INTO "Account" ("id", "name", "externalId", "currency", "createdAt", "updatedAt")
       SELECT gen_random_uuid()::text, e, e, 'EUR', now(), now() FROM unnest($1::text[]) AS e`,
      [externalIds],
    );
    await run(process.execPath, ['--import', 'tsx', 'src/cli.ts', 'import', baseFile], env);
    const userId = randomBytes(16).toString('hex').replace(/^(.{8})(.{4})(.{4})(.{4})(.{12})$/, '$1-$2-$3-$4-$5');
    await db.query(`INSERT INTO "User" (id, email, name, role, "updatedAt") VALUES ($1, 'fresh@earshot-bench.example', 'Freshness bench', 'CREDIT', now())`, [userId]);
    const token = `esk_${randomBytes(32).toString('base64url')}`;
    await db.query(
      `INSERT INTO "ApiToken" (id, kind, name, "tokenHash", prefix, scopes, "userId", "expiresAt")
       VALUES (gen_random_uuid()::text, 'SESSION', 'freshness bench', $1, $2, '{}', $3, now() + interval '1 day')`,
      [createHash('sha256').update(token).digest('hex'), token.slice(0, 10), userId],
    );
    const accounts = (await db.query<{ id: string; externalId: string }>('SELECT id, "externalId" FROM "Account" ORDER BY "externalId"')).rows;
    const version = (await db.query<{ server_version: string }>('SHOW server_version')).rows[0]?.server_version;
    const statuses = (await db.query<{ n: number }>('SELECT count(*)::int AS n FROM "AccountMetrics"')).rows[0]?.n;

    server = await startServer('earshot', dbUrl, { pin: false });
    const gql = async <T>(query: string, variables: Record<string, unknown>): Promise<T> => {
      const res = await fetch(new URL('/graphql', server!.url), {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
        body: JSON.stringify({ query, variables }),
      });
      const body = (await res.json()) as { data?: T; errors?: { message: string }[] };
      if (body.errors?.length) throw new Error(`GraphQL error: ${body.errors[0]!.message}`);
      return body.data!;
    };
    type Status = { computedAt: string; overdue: string | null } | null;
    const status = async (id: string) => (await gql<{ account: { creditStatus: Status } | null }>(STATUS, { id })).account?.creditStatus ?? null;

    console.log(
      `freshness: PostgreSQL ${version}; ${accounts.length} accounts with ${(o.accounts * 20).toLocaleString('en-US')} invoices (${statuses} statuses); ${o.samples} samples per phase, polling every ${o.pollMs} ms; server not pinned; load average ${loadavg()}`,
    );

    let next = 0;
    const sample = async (phase: string, isBesideImport: () => boolean): Promise<Sample> => {
      const i = next++;
      const account = accounts[(i * 37) % accounts.length]!;
      const id = encodeGlobalID('Account', account.id);
      const before = await status(id);
      const now = Date.now();
      const input = {
        invoices: [
          {
            externalId: `FRESH-INV-${i}`,
            account: { externalId: account.externalId },
            number: `F-${i}`,
            currency: 'EUR',
            amount: (1000 + i).toFixed(2),
            issuedAt: iso(now - 90 * DAY),
            dueAt: iso(now - 60 * DAY),
          },
        ],
      };
      const sentWall = Date.now();
      const sent = performance.now();
      const r = (
        await gql<{ importLedger: { invoicesCreated: number; accountsTouched: number; errorCount: number; errors: { message: string }[] } }>(IMPORT, { input })
      ).importLedger;
      const committed = performance.now();
      if (r.errorCount || r.invoicesCreated !== 1) throw new Error(`importLedger: ${r.errors?.[0]?.message ?? JSON.stringify(r)}`);
      const beside = isBesideImport();
      let polls = 0;
      for (;;) {
        polls++;
        const s = await status(id);
        // computedAt is the recompute's as-of time, taken before it reads the ledger (same clock: same machine). One
        // that began before the send cannot hold the new invoice, e.g. the large import's own recompute beside it.
        if (s && Date.parse(s.computedAt) >= sentWall && s.computedAt !== before?.computedAt && s.overdue !== before?.overdue) break;
        if (performance.now() - committed > 60_000) throw new Error(`${phase}: account ${account.externalId} not recomputed 60 s after the import`);
        await sleep(o.pollMs);
      }
      return { latencyMs: performance.now() - committed, mutationMs: committed - sent, polls, besideImport: beside };
    };
    const report = (label: string, xs: Sample[]) => {
      if (!xs.length) return console.log(`  ${label}: no samples`);
      const l = xs.map((s) => s.latencyMs);
      const m = xs.map((s) => s.mutationMs);
      console.log(
        `  ${label} (${xs.length}): commit → status shown median ${percentile(l, 50).toFixed(0)} ms, p90 ${percentile(l, 90).toFixed(0)} ms, max ${Math.max(...l).toFixed(0)} ms; the mutation itself median ${percentile(m, 50).toFixed(0)} ms, max ${Math.max(...m).toFixed(0)} ms; polls per sample median ${percentile(
          xs.map((s) => s.polls),
          50,
        )}; load ${loadavg()}`,
      );
    };

    // Warm-up: the first requests compile the server's code paths.
    for (let i = 0; i < 3; i++) await sample('warm-up', () => false);
    const quiet: Sample[] = [];
    for (let i = 0; i < o.samples; i++) quiet.push(await sample('quiet', () => false));
    report('quiet', quiet);

    if (o.bigInvoices > 0) {
      const bigFile = path.join(tmp, 'big.csv');
      writeCsv(bigFile, o.bigInvoices, o.accounts, 'BIG-INV-');
      let running = true;
      const started = performance.now();
      big = spawn(process.execPath, ['--import', 'tsx', 'src/cli.ts', 'import', bigFile], { cwd: SERVER_ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] });
      let bigOut = '';
      big.stdout!.on('data', (c: Buffer) => (bigOut += c.toString()));
      big.stderr!.on('data', (c: Buffer) => (bigOut += c.toString()));
      const done = new Promise<number | null>((resolve) => big!.once('exit', (code) => resolve(code)));
      void done.then(() => (running = false));
      const beside: Sample[] = [];
      for (let i = 0; i < o.samples; i++) beside.push(await sample('beside import', () => running));
      const code = await done;
      if (code !== 0) throw new Error(`the large import failed (${code}): ${bigOut}`);
      const seconds = (performance.now() - started) / 1000;
      console.log(`  large import beside it: ${o.bigInvoices.toLocaleString('en-US')} invoices over ${o.accounts} accounts, whole command ${seconds.toFixed(1)} s`);
      report('while the large import ran', beside.filter((s) => s.besideImport));
      report('after it ended', beside.filter((s) => !s.besideImport));
    }
    // The path measured: the import's recompute jobs, run by the server's workers (none would mean an in-request recompute).
    const jobs = await db.query<{ n: number }>(`SELECT count(*)::int AS n FROM pgboss.job WHERE name = 'recompute-accounts' AND data->>'reason' = 'ledger.import'`).catch(() => null);
    console.log(`  recompute jobs of importLedger in the queue's table: ${jobs?.rows[0]?.n ?? 'unknown (no pgboss.job)'}`);
  } finally {
    if (big && big.exitCode === null) big.kill('SIGTERM');
    await server?.stop();
    await db.end().catch(() => {});
    fs.rmSync(tmp, { recursive: true, force: true });
    await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    await admin.end();
  }
}
