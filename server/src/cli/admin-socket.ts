/**
 * The running server's admin endpoint for the CLI: a Unix socket in the (owner-only, 0700) data directory,
 * itself 0600, so only the account that runs the server can use it — the same account that could open the data
 * directory anyway. `pnpm earshot <command>` finds it in the directory's lock while the server runs on the
 * embedded database, and the server runs the command on its own open database, streaming output back: the
 * command prints and exits exactly as it would with the server stopped.
 *
 * Protocol, one JSON object per line.
 *   client → server: {t:'run', argv, cwd, stderrTTY} once; then {t:'secret', value} answering a prompt, {t:'interrupt'}
 *   server → client: {t:'out'|'err', s} a line, {t:'raw', s} progress text for stderr, {t:'prompt', prompt, confirm},
 *                    {t:'exit', code} last.
 */
import fs from 'node:fs';
import net from 'node:net';
import type { Config } from '../config.js';
import type { Database } from '../db/client.js';
import type { Services } from '../services/index.js';
import { type Backend, DB_COMMANDS, runDbCommand } from './commands.js';
import type { CliIO } from './io.js';

/** Longest line accepted from a client: a command line, a password. */
const MAX_LINE = 64 * 1024;
/** Linux sun_path is 108 bytes with its NUL. */
export const MAX_SOCKET_PATH = 107;

export type ClientMessage = { t: 'run'; argv: string[]; cwd: string; stderrTTY?: boolean } | { t: 'secret'; value: string | null } | { t: 'interrupt' };
export type ServerMessage =
  | { t: 'out' | 'err' | 'raw'; s: string }
  | { t: 'prompt'; prompt: string; confirm: boolean }
  | { t: 'exit'; code: number };

export interface AdminSocket {
  path: string;
  close(): Promise<void>;
}

function serve(conn: net.Socket, backend: Backend): void {
  const send = (m: ServerMessage) => {
    if (!conn.destroyed) conn.write(`${JSON.stringify(m)}\n`);
  };
  let buffer = '';
  let started = false;
  let pendingSecret: ((v: string | null) => void) | null = null;
  const interrupts = new Set<() => void>();
  const fail = (message: string) => {
    send({ t: 'err', s: `earshot: ${message}` });
    send({ t: 'exit', code: 2 });
    conn.end();
  };
  const onMessage = (m: ClientMessage) => {
    if (m.t === 'secret') {
      pendingSecret?.(typeof m.value === 'string' ? m.value : null);
      pendingSecret = null;
      return;
    }
    if (m.t === 'interrupt') {
      for (const cb of interrupts) cb();
      return;
    }
    if (m.t !== 'run' || started) return fail('unexpected message');
    started = true;
    if (!Array.isArray(m.argv) || !m.argv.every((a) => typeof a === 'string') || typeof m.cwd !== 'string') return fail('malformed request');
    if (!DB_COMMANDS.has(m.argv[0] ?? '')) return fail(`the server does not run "${m.argv[0]}"`);
    const io: CliIO = {
      out: (s) => send({ t: 'out', s }),
      err: (s) => send({ t: 'err', s }),
      progress: { isTTY: !!m.stderrTTY, write: (s: string) => send({ t: 'raw', s }) },
      cwd: m.cwd,
      readSecret: (prompt, opts) =>
        new Promise((resolve) => {
          pendingSecret = resolve;
          send({ t: 'prompt', prompt, confirm: !!opts?.confirm });
        }),
      onInterrupt(cb) {
        interrupts.add(cb);
        return () => void interrupts.delete(cb);
      },
    };
    runDbCommand(m.argv, io, backend)
      .then((code) => send({ t: 'exit', code: code ?? 2 }))
      .catch((err) => {
        send({ t: 'err', s: `earshot: ${(err as Error).message}` });
        send({ t: 'exit', code: 1 });
      })
      .finally(() => conn.end());
  };
  conn.setEncoding('utf8');
  conn.on('data', (chunk: string) => {
    buffer += chunk;
    if (buffer.length > MAX_LINE && !buffer.includes('\n')) return fail('request too long');
    for (let nl = buffer.indexOf('\n'); nl >= 0; nl = buffer.indexOf('\n')) {
      const line = buffer.slice(0, nl);
      buffer = buffer.slice(nl + 1);
      try {
        onMessage(JSON.parse(line) as ClientMessage);
      } catch {
        return fail('malformed request');
      }
    }
  });
  // The CLI went away (Ctrl-C twice, killed): stop a long import after its current batch, drop a pending prompt.
  conn.on('close', () => {
    for (const cb of interrupts) cb();
    pendingSecret?.(null);
  });
  conn.on('error', () => {});
}

export async function startAdminSocket(socketPath: string, db: Database, services: Services, config: Config): Promise<AdminSocket> {
  if (Buffer.byteLength(socketPath) > MAX_SOCKET_PATH) throw new Error(`the admin socket path ${socketPath} is longer than ${MAX_SOCKET_PATH} bytes`);
  // We hold the data directory's lock: a socket file left here is a dead server's.
  fs.rmSync(socketPath, { force: true });
  const backend: Backend = { where: 'server', config, serverPid: process.pid, withDb: (_command, fn) => fn(db, services) };
  const server = net.createServer((conn) => serve(conn, backend));
  const previous = process.umask(0o177);
  try {
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(socketPath, () => resolve());
    });
  } finally {
    process.umask(previous);
  }
  fs.chmodSync(socketPath, 0o600);
  return {
    path: socketPath,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        fs.rmSync(socketPath, { force: true });
      }),
  };
}
