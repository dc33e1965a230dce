import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { openDatabase } from './client.js';
import { DatabaseLockedError, LOCK_FILE, type LockHolder, readLock } from './lock.js';

const dirs: string[] = [];
const tempDir = () => {
  const d = fs.mkdtempSync(path.join(os.tmpdir(), 'earshot-lock-'));
  dirs.push(d);
  return path.join(d, 'data');
};
afterAll(() => {
  for (const d of dirs) fs.rmSync(d, { recursive: true, force: true });
});

const holder = (pid: number, extra: Partial<LockHolder> = {}): LockHolder => ({
  pid,
  host: os.hostname(),
  command: 'serve',
  socket: '/somewhere/earshot.sock',
  address: 'http://127.0.0.1:4321',
  startedAt: new Date().toISOString(),
  procStart: null,
  ...extra,
});

describe('one process per embedded data directory', () => {
  it('holds a lock naming this process while open, owner-only, and removes it on close', { timeout: 180_000 }, async () => {
    const dir = tempDir();
    const db = await openDatabase({ dataDir: dir, command: 'import' });
    try {
      expect(readLock(dir)).toMatchObject({ pid: process.pid, host: os.hostname(), command: 'import' });
      expect(fs.statSync(dir).mode & 0o777).toBe(0o700);
      expect(fs.statSync(path.join(dir, LOCK_FILE)).mode & 0o777).toBe(0o600);
      const second = await openDatabase({ dataDir: dir }).catch((e: unknown) => e);
      expect(second).toBeInstanceOf(DatabaseLockedError);
    } finally {
      await db.close();
    }
    expect(fs.existsSync(path.join(dir, LOCK_FILE))).toBe(false);
    await (await openDatabase({ dataDir: dir })).close();
  });

  it('refuses while another live process holds it, naming its pid and address; takes the lock over once that process died', { timeout: 180_000 }, async () => {
    const dir = tempDir();
    fs.mkdirSync(dir, { recursive: true });
    const child = spawn(process.execPath, ['-e', 'setInterval(() => {}, 1000)'], { stdio: 'ignore' });
    const exited = new Promise((r) => child.once('exit', r));
    try {
      fs.writeFileSync(path.join(dir, LOCK_FILE), JSON.stringify(holder(child.pid!)));
      const err = (await openDatabase({ dataDir: dir }).catch((e: unknown) => e)) as Error;
      expect(err).toBeInstanceOf(DatabaseLockedError);
      expect(err.message).toContain(`process ${child.pid}`);
      expect(err.message).toContain('http://127.0.0.1:4321');
      expect(err.message).toMatch(/Only one server may open it/);
    } finally {
      child.kill('SIGKILL');
      await exited;
    }
    // The dead server's socket file goes with its lock.
    const socket = path.join(dir, 'earshot.sock');
    fs.writeFileSync(socket, '');
    fs.writeFileSync(path.join(dir, LOCK_FILE), JSON.stringify(holder(child.pid!, { socket })));
    const logged = vi.spyOn(console, 'error').mockImplementation(() => {});
    try {
      const db = await openDatabase({ dataDir: dir, command: 'serve' });
      expect(readLock(dir)?.pid).toBe(process.pid);
      expect(fs.existsSync(socket)).toBe(false);
      expect(logged.mock.calls.flat().join('\n')).toMatch(new RegExp(`taking over the lock of process ${child.pid}`));
      await db.close();
    } finally {
      logged.mockRestore();
    }
  });

  it('treats a live pid that started after the holder (a reused pid) as stale', { timeout: 180_000 }, async () => {
    const dir = tempDir();
    fs.mkdirSync(dir, { recursive: true });
    fs.writeFileSync(path.join(dir, LOCK_FILE), JSON.stringify(holder(process.ppid, { procStart: '1' })));
    vi.spyOn(console, 'error').mockImplementationOnce(() => {});
    const db = await openDatabase({ dataDir: dir });
    expect(readLock(dir)?.pid).toBe(process.pid);
    await db.close();
  });

  it('does not lock in-memory databases', { timeout: 180_000 }, async () => {
    const [a, b] = await Promise.all([openDatabase({ dataDir: 'memory://' }), openDatabase({ dataDir: 'memory://' })]);
    expect(a.lock).toBeUndefined();
    await Promise.all([a.close(), b.close()]);
  });
});
