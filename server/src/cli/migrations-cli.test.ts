/**
 * Only `migrate` (and `serve`) apply migrations: `migrate:status` only reads, and other commands refuse on a
 * PostgreSQL database with pending migrations (a server of an older version may run on it); on an embedded data
 * directory (locked by the CLI, no server on it) they apply them first.
 */
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { main } from '../cli.js';
import { captureIO } from '../test-support/cli.js';

const saved = { ...process.env };
afterEach(() => {
  process.env = { ...saved };
});

async function run(argv: string[]) {
  const io = captureIO();
  const code = await main(argv, io);
  return { code, out: io.stdout.join('\n'), err: io.stderr.join('\n') };
}

describe('migrations from the CLI, embedded data directory', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'earshot-migrations-'));
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('migrate:status on a new data directory applies nothing and exits 1; another command applies them (lock held)', async () => {
    process.env.EARSHOT_DATA_DIR = dir;
    delete process.env.DATABASE_URL;
    for (let i = 0; i < 2; i++) {
      const status = await run(['migrate:status']);
      expect(status.code).toBe(1);
      expect(status.out).toMatch(/pending {2}\d{14}_init/);
      expect(status.out).not.toMatch(/up to date/);
    }
    const list = await run(['user', 'list']);
    expect(list).toMatchObject({ code: 0, err: 'no users match' });
    expect((await run(['migrate:status'])).code).toBe(0);
  }, 120_000);
});

describe.runIf(process.env.TEST_DATABASE_URL)('migrations from the CLI, PostgreSQL', () => {
  const base = process.env.TEST_DATABASE_URL ?? '';
  const name = `earshot_cli_${randomBytes(6).toString('hex')}`;
  const url = () => {
    const u = new URL(base);
    u.pathname = `/${name}`;
    return u.toString();
  };
  const admin = async (sql: string) => {
    const c = new pg.Client({ connectionString: base });
    await c.connect();
    try {
      await c.query(sql);
    } finally {
      await c.end();
    }
  };
  afterAll(() => admin(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`));

  it('migrate:status only reads (exit 1 while pending); user, token and seed refuse; migrate applies', async () => {
    await admin(`CREATE DATABASE ${name}`);
    process.env.DATABASE_URL = url();
    for (let i = 0; i < 2; i++) {
      const status = await run(['migrate:status']);
      expect(status.code).toBe(1);
      expect(status.out).toMatch(/pending {2}\d{14}_init/);
      expect(status.out).not.toMatch(/up to date|applied/);
    }
    for (const argv of [['user', 'list'], ['token', 'list'], ['seed', '--demo']]) {
      const r = await run(argv);
      expect(r.code, argv.join(' ')).toBe(1);
      expect(r.err).toMatch(/^earshot: \d+ pending migrations? on PostgreSQL .*: run pnpm earshot migrate first$/);
    }
    expect((await run(['migrate:status'])).code).toBe(1);
    const migrate = await run(['migrate']);
    expect(migrate.code).toBe(0);
    expect(migrate.out).toMatch(/^applied \d{14}_init/);
    expect(await run(['migrate:status'])).toMatchObject({ code: 0, out: expect.stringMatching(/up to date$/) });
    expect(await run(['user', 'list'])).toMatchObject({ code: 0, err: 'no users match' });
  }, 180_000);
});
