/**
 * One process per embedded data directory. PGlite is a single-process database: a second process opening the
 * same directory works on its own copy in memory and the two overwrite each other's files (rows acknowledged by
 * the server were lost that way). The first opener creates `earshot.lock` in the directory exclusively (link(2), like O_EXCL) and holds
 * it for its life; everyone else is told who holds it. A lock whose holder died (kill -9, power loss) is taken
 * over: its pid is no longer alive on this host, or now belongs to a process that started later.
 *
 * A running server also names its admin socket here; the CLI finds it in the lock and goes through the server
 * (cli/remote.ts) instead of opening the directory.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

export const LOCK_FILE = 'earshot.lock';
export const SOCKET_FILE = 'earshot.sock';

export interface LockHolder {
  pid: number;
  host: string;
  /** What the holder runs: `serve`, `import`, … */
  command: string;
  /** The holder's admin socket (a server), or null (a CLI command working on the directory itself). */
  socket: string | null;
  /** Where the holder serves HTTP, once it listens. */
  address: string | null;
  startedAt: string;
  /** Linux: the process's start time in clock ticks since boot, to tell a reused pid from the holder. */
  procStart: string | null;
}

export class DatabaseLockedError extends Error {
  constructor(
    readonly dataDir: string,
    readonly holder: LockHolder,
  ) {
    super(
      `the embedded database ${dataDir} is in use by process ${holder.pid} on ${holder.host} (earshot ${holder.command}` +
        `${holder.address ? `, serving ${holder.address}` : ''}${holder.socket ? `, admin socket ${holder.socket}` : ''}, since ${holder.startedAt}). ` +
        (holder.command === 'serve'
          ? 'Only one server may open it: stop that one first, or use another EARSHOT_DATA_DIR.'
          : 'Wait for that command to finish, or stop it.'),
    );
  }
}

export interface DataDirLock {
  readonly file: string;
  readonly holder: LockHolder;
  /** Adds what is known later (the HTTP address) to the lock file. */
  update(extra: Partial<Pick<LockHolder, 'address' | 'socket'>>): void;
  release(): void;
}

function procStart(pid: number): string | null {
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
    // Field 22 (starttime), counted after the command name in parentheses (which may contain spaces).
    return stat.slice(stat.lastIndexOf(')') + 2).split(' ')[19] ?? null;
  } catch {
    return null;
  }
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Whether the recorded holder is certainly gone (only decidable for a holder on this host). */
export function holderIsDead(holder: LockHolder): boolean {
  if (holder.host !== os.hostname()) return false;
  if (!Number.isInteger(holder.pid) || holder.pid <= 0 || !alive(holder.pid)) return true;
  // The pid is alive: the holder, unless the pid was reused by a process started at another time.
  if (holder.procStart) {
    const now = procStart(holder.pid);
    if (now !== null && now !== holder.procStart) return true;
  }
  return false;
}

export function readLock(dataDir: string): LockHolder | null {
  try {
    const holder = JSON.parse(fs.readFileSync(path.join(dataDir, LOCK_FILE), 'utf8')) as LockHolder;
    return typeof holder?.pid === 'number' ? holder : null;
  } catch {
    return null;
  }
}

const held = new Set<string>();
process.once('exit', () => {
  // process.exit() skips `finally` blocks: remove our locks synchronously so the next start finds none.
  for (const file of held) {
    try {
      if ((JSON.parse(fs.readFileSync(file, 'utf8')) as LockHolder).pid === process.pid) fs.unlinkSync(file);
    } catch {}
  }
});

/** Takes the directory's lock or throws DatabaseLockedError naming the live holder. */
export function acquireDataDirLock(dataDir: string, info: { command: string; socket?: string | null }): DataDirLock {
  fs.mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  // The directory holds password hashes, tokens' hashes and the admin socket: owner only.
  fs.chmodSync(dataDir, 0o700);
  const file = path.join(dataDir, LOCK_FILE);
  const holder: LockHolder = {
    pid: process.pid,
    host: os.hostname(),
    command: info.command,
    socket: info.socket ?? null,
    address: null,
    startedAt: new Date().toISOString(),
    procStart: procStart(process.pid),
  };
  for (let attempt = 0; ; attempt++) {
    try {
      // Written whole to a private name, then linked into place: link() fails with EEXIST like O_EXCL, and nobody
      // ever reads a half-written lock.
      const tmp = `${file}.${process.pid}.tmp`;
      fs.writeFileSync(tmp, JSON.stringify(holder), { mode: 0o600 });
      try {
        fs.linkSync(tmp, file);
      } finally {
        fs.rmSync(tmp, { force: true });
      }
      break;
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
      const other = readLock(dataDir);
      if (other && other.pid === process.pid && other.host === holder.host) throw new DatabaseLockedError(dataDir, other);
      // Dead holder (or an unreadable file, which no live holder leaves behind): stale.
      if (attempt < 3 && (!other || holderIsDead(other))) {
        if (other) console.error(`earshot: taking over the lock of process ${other.pid} (earshot ${other.command}), which is no longer running`);
        // A dead server's admin socket would otherwise stay behind (serve replaces it anyway on start).
        if (other?.socket && path.dirname(other.socket) === path.resolve(dataDir)) fs.rmSync(other.socket, { force: true });
        try {
          fs.unlinkSync(file);
        } catch {}
        continue;
      }
      throw new DatabaseLockedError(dataDir, other ?? { ...holder, pid: 0, command: 'unknown' });
    }
  }
  held.add(file);
  return {
    file,
    holder,
    update(extra) {
      Object.assign(holder, extra);
      const tmp = `${file}.${process.pid}.tmp`;
      fs.writeFileSync(tmp, JSON.stringify(holder), { mode: 0o600 });
      fs.renameSync(tmp, file);
    },
    release() {
      if (!held.delete(file)) return;
      if (readLock(dataDir)?.pid === process.pid) fs.rmSync(file, { force: true });
    },
  };
}
