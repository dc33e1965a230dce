/**
 * Several instances starting together on one PostgreSQL database (a rolling deploy, a scaled-up service): each
 * runs `pnpm earshot migrate` (serve does the same on start) in its own process, and every migration is applied
 * exactly once under the migration lock (db/migrations.ts withMigrationLock). Needs TEST_DATABASE_URL.
 */
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import { SERVER_ROOT } from '../config.js';
import { waitFor } from '../test-support/delivery.js';
import { loadMigrations, MIGRATION_LOCK_KEY } from './migrations.js';

const base = process.env.TEST_DATABASE_URL ?? '';
// `node --import tsx`: the process is the CLI itself (see cli/server-cli.test.ts).
const NODE_TSX = [process.execPath, '--import', 'tsx', 'src/cli.ts'] as const;

interface Run {
  code: Promise<number | null>;
  out: () => string;
  err: () => string;
}

function migrate(databaseUrl: string): Run {
  const child = spawn(NODE_TSX[0], [...NODE_TSX.slice(1), 'migrate'], { cwd: SERVER_ROOT, env: { ...process.env, DATABASE_URL: databaseUrl }, stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  let err = '';
  child.stdout.on('data', (c: Buffer) => (out += c.toString()));
  child.stderr.on('data', (c: Buffer) => (err += c.toString()));
  return { code: new Promise((resolve) => child.once('exit', resolve)), out: () => out, err: () => err };
}

async function withClient<T>(url: string, fn: (c: pg.Client) => Promise<T>): Promise<T> {
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  try {
    return await fn(c);
  } finally {
    await c.end();
  }
}

const appliedBy = (out: string) => /^applied (.+) on PostgreSQL/m.exec(out)?.[1]?.split(', ') ?? [];

describe.runIf(base)('migrations from several processes at once on one PostgreSQL', () => {
  const names: string[] = [];
  const url = (name: string) => {
    const u = new URL(base);
    u.pathname = `/${name}`;
    return u.toString();
  };
  const fresh = async () => {
    const name = `earshot_ops_mig_${randomBytes(5).toString('hex')}`;
    await withClient(base, (c) => c.query(`CREATE DATABASE ${name}`));
    names.push(name);
    return url(name);
  };
  afterAll(async () => {
    for (const name of names) await withClient(base, (c) => c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`));
  });
  const all = loadMigrations().migrationDirectories.map((m) => m.path);

  it('four processes started together: all succeed and each migration is applied exactly once', async () => {
    const db = await fresh();
    const runs = Array.from({ length: 4 }, () => migrate(db));
    const codes = await Promise.all(runs.map((r) => r.code));
    expect(codes, runs.map((r) => r.err()).join('\n')).toEqual([0, 0, 0, 0]);
    // Whoever got the lock first applied everything; the others found nothing pending.
    const applied = runs.flatMap((r) => appliedBy(r.out()));
    expect(applied.sort()).toEqual([...all].sort());
    expect(runs.filter((r) => /no pending migrations/.test(r.out()))).toHaveLength(3);
    const rows = await withClient(db, (c) =>
      c.query<{ migration_name: string; finished_at: Date | null; rolled_back_at: Date | null }>('SELECT migration_name, finished_at, rolled_back_at FROM _prisma_migrations'),
    );
    expect(rows.rows.map((r) => r.migration_name).sort()).toEqual([...all].sort());
    expect(rows.rows.every((r) => r.finished_at && !r.rolled_back_at)).toBe(true);
  }, 180_000);

  it('a process waits while another holds the migration lock, then applies them', async () => {
    const db = await fresh();
    const holder = new pg.Client({ connectionString: db });
    await holder.connect();
    try {
      await holder.query('SELECT pg_advisory_lock($1::bigint)', [MIGRATION_LOCK_KEY.toString()]);
      const run = migrate(db);
      await waitFor('the migrate process to wait for the lock', () => /waiting for it to finish/.test(run.err()), 60_000);
      const tables = await withClient(db, (c) => c.query("SELECT 1 FROM pg_tables WHERE tablename = '_prisma_migrations'"));
      expect(tables.rowCount).toBe(0);
      await holder.query('SELECT pg_advisory_unlock($1::bigint)', [MIGRATION_LOCK_KEY.toString()]);
      expect(await run.code, run.err()).toBe(0);
      expect(appliedBy(run.out()).sort()).toEqual([...all].sort());
    } finally {
      await holder.end();
    }
  }, 120_000);
});
