/**
 * Backup and restore of the embedded database with real processes: a server on a data directory seeded with the
 * demo data takes signals through its API without pause while `pnpm earshot backup` copies it (through the
 * server's admin socket); the copy restored into a new directory holds every table's rows as they were at the
 * moment of the copy. Restore's refusals: a running server, a non-empty directory, a file that is not a backup.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import zlib from 'node:zlib';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { main } from '../cli.js';
import { SERVER_ROOT } from '../config.js';
import { readBackup } from '../db/backup.js';
import { openDatabase } from '../db/client.js';
import { captureIO } from '../test-support/cli.js';
import { waitFor } from '../test-support/delivery.js';

const NODE_TSX = [process.execPath, '--import', 'tsx', 'src/cli.ts'] as const;
const DEMO_PASSWORD = 'backup-demo-password';

const saved = { ...process.env };
afterEach(() => {
  process.env = { ...saved };
});

describe('backup and restore of the embedded database', () => {
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'earshot-backup-'));
  const dataDir = path.join(tmp, 'data');
  const restored = path.join(tmp, 'restored');
  const file = path.join(tmp, 'earshot.backup');
  const env: NodeJS.ProcessEnv = { ...process.env, EARSHOT_DATA_DIR: dataDir, PORT: '0', HOST: '127.0.0.1', EARSHOT_SEED_DEMO: 'true', EARSHOT_DEMO_PASSWORD: DEMO_PASSWORD, NODE_ENV: 'test' };
  delete env.DATABASE_URL;
  delete env.REDIS_URL;
  let server: ChildProcess | undefined;
  afterAll(() => {
    server?.kill('SIGKILL');
    fs.rmSync(tmp, { recursive: true, force: true });
  });

  /** `pnpm earshot …` in this process (it finds the server in the lock and goes through its socket). */
  const run = async (argv: string[], dir: string) => {
    process.env.EARSHOT_DATA_DIR = dir;
    delete process.env.DATABASE_URL;
    const io = captureIO({ cwd: tmp });
    const code = await main(argv, io);
    return { code, out: io.stdout.join('\n'), err: io.stderr.join('\n') };
  };

  const serve = () =>
    new Promise<{ url: string; exited: Promise<number | null> }>((resolve, reject) => {
      const child = spawn(NODE_TSX[0], [...NODE_TSX.slice(1), 'serve'], { cwd: SERVER_ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] });
      server = child;
      let output = '';
      const exited = new Promise<number | null>((r) => child.on('exit', r));
      const onData = (d: Buffer) => {
        output += d;
        const m = /GraphQL\s+(http:\/\/\S+)\/graphql/.exec(output);
        if (m && /CLI\s+pnpm earshot/.test(output)) resolve({ url: m[1]!, exited });
      };
      child.stdout!.on('data', onData);
      child.stderr!.on('data', onData);
      void exited.then((code) => reject(new Error(`serve exited with ${code}: ${output}`)));
    });

  const gql = async (url: string, query: string, variables: Record<string, unknown>, token?: string) => {
    const res = await fetch(`${url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
      body: JSON.stringify({ query, variables }),
    });
    const body = (await res.json()) as { data?: any; errors?: unknown[] };
    if (body.errors?.length) throw new Error(JSON.stringify(body.errors));
    return body.data;
  };

  it('a backup taken while the server writes restores into a new directory with every row of that moment', async () => {
    const began = performance.now();
    const { url, exited } = await serve();
    console.info(`server with the demo data listening after ${((performance.now() - began) / 1000).toFixed(0)} s`);
    const token = (await gql(url, 'mutation($i: SignInInput!) { signIn(input: $i) { token } }', { i: { email: 'credit@demo.earshot.test', password: DEMO_PASSWORD } })).signIn.token as string;
    const accountId = (await gql(url, '{ accounts(first: 1) { edges { node { id } } } }', {}, token)).accounts.edges[0].node.id as string;

    // A writer that does not stop while the backup runs: each signal is known by its note.
    const writes: { note: string; started: number; done: number }[] = [];
    let writing = true;
    let writeError: Error | null = null;
    const writer = (async () => {
      for (let i = 0; writing; i++) {
        const started = performance.now();
        await gql(url, 'mutation($i: CreateSignalInput!) { createSignal(input: $i) { signal { id } } }', { i: { accountId, type: 'HIRING', note: `during-backup-${i}` } }, token);
        writes.push({ note: `during-backup-${i}`, started, done: performance.now() });
      }
    })().catch((e: Error) => {
      writeError = e;
    });
    const written = (what: string, check: () => boolean) =>
      waitFor(what, () => {
        if (writeError) throw writeError;
        return check();
      }, 120_000);
    await written('the first writes', () => writes.length >= 3);

    const backupStarted = performance.now();
    const backup = await run(['backup', 'earshot.backup'], dataDir);
    const backupDone = performance.now();
    await written('a write sent after the backup', () => writes.some((w) => w.started > backupDone));
    writing = false;
    await writer;
    expect(writeError).toBeNull();
    expect(backup, backup.err).toMatchObject({ code: 0 });
    expect(backup.out).toMatch(/^backup of .* written to .*earshot\.backup \(.* MB; \d+ rows in \d+ tables; \d+ migrations; taken while the server \(process \d+\) ran, its requests held for \d+ ms\)$/);
    expect(fs.statSync(file).mode & 0o777).toBe(0o600);
    const { header } = readBackup(file);
    console.info(`backup of the demo data: ${backup.out}; ${(backupDone - backupStarted).toFixed(0)} ms in all, ${writes.length} signals written meanwhile`);

    // Restore refuses the running server's directory, and anything but an Earshot backup.
    const busy = await run(['restore', file], dataDir);
    expect(busy.code).toBe(1);
    expect(busy.err).toMatch(/^earshot: process \d+ \(earshot serve, serving http:\/\/127\.0\.0\.1:\d+\) is using .*data: stop the server, restore, then start the server again$/);
    fs.writeFileSync(path.join(tmp, 'notes.txt'), 'hello\n');
    expect(await run(['restore', 'notes.txt'], restored)).toMatchObject({ code: 1, err: expect.stringMatching(/notes\.txt is not an Earshot backup/) });
    const raw = fs.readFileSync(file);
    fs.writeFileSync(path.join(tmp, 'truncated.backup'), raw.subarray(0, raw.length - 100));
    expect(await run(['restore', 'truncated.backup'], restored)).toMatchObject({ code: 1, err: expect.stringMatching(/truncated\.backup is damaged or incomplete/) });
    expect(fs.existsSync(restored)).toBe(false);

    const restoreStarted = performance.now();
    const restore = await run(['restore', 'earshot.backup'], restored);
    console.info(`restore: ${(performance.now() - restoreStarted).toFixed(0)} ms`);
    expect(restore, restore.err).toMatchObject({ code: 0 });
    expect(restore.out).toMatch(/^restored the backup of .* into .*restored: \d+ rows in \d+ tables, every count as in the backup/);
    expect(fs.readdirSync(tmp).filter((n) => n.includes('.restore-'))).toEqual([]);

    // Opened as the server would: every table holds the rows it held at the moment of the copy.
    const db = await openDatabase({ dataDir: restored, command: 'test' });
    try {
      const pglite = db.pglite!;
      for (const [table, count] of Object.entries(header.tables)) {
        const [schema, name] = table.split('.');
        const r = await pglite.query<{ n: number }>(`SELECT count(*)::int AS n FROM "${schema}"."${name}"`);
        expect(r.rows[0]!.n, table).toBe(count);
      }
      for (const table of ['Account', 'Signal', 'Invoice', 'User', 'Alert', 'Contact', '_prisma_migrations']) expect(header.tables[`public.${table}`], table).toBeGreaterThan(0);
      const notes = new Set((await db.prisma.signal.findMany({ where: { note: { startsWith: 'during-backup-' } }, select: { note: true } })).map((s) => s.note));
      // Acknowledged before the backup began: in the copy. Sent after it ended: not.
      for (const w of writes.filter((w) => w.done < backupStarted)) expect(notes.has(w.note), w.note).toBe(true);
      for (const w of writes.filter((w) => w.started > backupDone)) expect(notes.has(w.note), w.note).toBe(false);
    } finally {
      await db.close();
    }

    // A directory with a database in it: refused, then moved aside with --force.
    const again = await run(['restore', 'earshot.backup'], restored);
    expect(again).toMatchObject({ code: 1, err: expect.stringMatching(/restored is not empty .*pass --force/) });
    const forced = await run(['restore', 'earshot.backup', '--force'], restored);
    expect(forced, forced.err).toMatchObject({ code: 0 });
    const aside = /are in (\S+) /.exec(forced.out)?.[1];
    expect(aside && fs.existsSync(path.join(aside, 'PG_VERSION'))).toBe(true);

    // An existing backup file is not replaced without --force; with the server stopped, backup opens the directory itself.
    server!.kill('SIGTERM');
    expect(await exited).toBe(0);
    expect(await run(['backup', 'earshot.backup'], dataDir)).toMatchObject({ code: 1, err: expect.stringMatching(/earshot\.backup exists: .*--force/) });
    const direct = await run(['backup', 'earshot.backup', '--force'], dataDir);
    expect(direct, direct.err).toMatchObject({ code: 0 });
    expect(direct.out).not.toMatch(/server/);
    expect(readBackup(file).header.tables['public.Signal']).toBeGreaterThan(header.tables['public.Signal']!);

    // Never into the data directory itself: each later backup would carry the earlier ones.
    const inside = await run(['backup', path.join(dataDir, 'inside.backup')], dataDir);
    expect(inside).toMatchObject({ code: 1, err: expect.stringMatching(/inside the data directory/) });
    expect(fs.existsSync(path.join(dataDir, 'inside.backup'))).toBe(false);
  }, 600_000);

  it('refuses a backup whose archive holds a link, an absolute name or a step out of the folder', () => {
    const block = (name: string, type: string) => {
      const h = Buffer.alloc(512);
      h.write(name, 0, 'utf8');
      h.write('0000644\0', 100, 'latin1');
      h.write('00000000000\0', 124, 'latin1');
      h.write(type, 156, 'latin1');
      h.write('ustar\0' + '00', 257, 'latin1');
      return h;
    };
    const header = `EARSHOT-BACKUP 1 ${JSON.stringify({ createdAt: '2026-12-06T00:00:00Z', postgres: '17', migrations: [], tables: {} })}\n`;
    for (const [name, type] of [['../evil', '0'], ['/tmp/evil', '0'], ['base/../../evil', '0'], ['link', '2']] as const) {
      const crafted = path.join(tmp, 'crafted.backup');
      const tar = Buffer.concat([block('PG_VERSION', '0'), block(name, type), Buffer.alloc(1024)]);
      fs.writeFileSync(crafted, Buffer.concat([Buffer.from(header), zlib.gzipSync(tar)]));
      expect(() => readBackup(crafted), name).toThrow(/an entry a backup of ours never has/);
    }
  });

  it('backup of a directory without a database refuses, and creates nothing', async () => {
    const empty = path.join(tmp, 'nothing-here');
    expect(await run(['backup', 'empty.backup'], empty)).toMatchObject({ code: 1, err: expect.stringMatching(/no embedded database in .*nothing-here/) });
    expect(fs.existsSync(empty)).toBe(false);
    expect(fs.existsSync(path.join(tmp, 'empty.backup'))).toBe(false);
  });

  it('on PostgreSQL both point to pg_dump and pg_restore', async () => {
    process.env.DATABASE_URL = 'postgresql://nobody@127.0.0.1:1/none';
    for (const command of ['backup', 'restore']) {
      const io = captureIO({ cwd: tmp });
      expect(await main([command, 'x.backup'], io)).toBe(1);
      expect(io.stderr.join('\n')).toMatch(/pg_dump --format=custom .* pg_restore/);
    }
  });
});
