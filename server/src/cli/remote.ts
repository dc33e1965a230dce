/**
 * The CLI's side of the admin socket (cli/admin-socket.ts): sends the command line and the folder it was run
 * from, answers password prompts from this terminal, forwards Ctrl-C, prints what comes back and returns the
 * command's exit code.
 */
import net from 'node:net';
import type { LockHolder } from '../db/lock.js';
import { holderIsDead } from '../db/lock.js';
import type { ClientMessage, ServerMessage } from './admin-socket.js';
import type { CliIO } from './io.js';

/** How long to wait for a server that holds the lock but does not listen yet (migrating, seeding on first start). */
const STARTUP_WAIT_MS = 120_000;

function connect(path: string): Promise<net.Socket> {
  return new Promise((resolve, reject) => {
    const conn = net.createConnection(path);
    conn.once('connect', () => {
      conn.removeListener('error', reject);
      resolve(conn);
    });
    conn.once('error', reject);
  });
}

async function connectWhenReady(holder: LockHolder, io: CliIO): Promise<net.Socket> {
  const deadline = Date.now() + STARTUP_WAIT_MS;
  let told = false;
  for (;;) {
    try {
      return await connect(holder.socket!);
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code;
      if ((code !== 'ENOENT' && code !== 'ECONNREFUSED') || Date.now() > deadline || holderIsDead(holder)) {
        throw new Error(`cannot reach the running server (process ${holder.pid}) at ${holder.socket}: ${(e as Error).message}`);
      }
      if (!told) io.err(`waiting for the server (process ${holder.pid}) to finish starting…`);
      told = true;
      await new Promise((r) => setTimeout(r, 200));
    }
  }
}

export async function runThroughServer(holder: LockHolder, argv: string[], io: CliIO): Promise<number> {
  const conn = await connectWhenReady(holder, io);
  const send = (m: ClientMessage) => {
    if (!conn.destroyed) conn.write(`${JSON.stringify(m)}\n`);
  };
  let interrupted = 0;
  const stopListening = io.onInterrupt(() => {
    interrupted++;
    if (interrupted === 1) send({ t: 'interrupt' });
    else conn.destroy();
  });
  try {
    return await new Promise<number>((resolve, reject) => {
      let buffer = '';
      let exitCode: number | null = null;
      const onMessage = (m: ServerMessage) => {
        switch (m.t) {
          case 'out':
            return io.out(m.s);
          case 'err':
            return io.err(m.s);
          case 'raw':
            return void io.progress.write(m.s);
          case 'prompt':
            io.readSecret(m.prompt, { confirm: m.confirm }).then(
              (value) => send({ t: 'secret', value }),
              (err: Error) => {
                io.err(`earshot: ${err.message}`);
                conn.destroy();
                resolve((err as { exitCode?: number }).exitCode ?? 2);
              },
            );
            return;
          case 'exit':
            exitCode = m.code;
            return;
        }
      };
      conn.setEncoding('utf8');
      conn.on('data', (chunk: string) => {
        buffer += chunk;
        for (let nl = buffer.indexOf('\n'); nl >= 0; nl = buffer.indexOf('\n')) {
          onMessage(JSON.parse(buffer.slice(0, nl)) as ServerMessage);
          buffer = buffer.slice(nl + 1);
        }
      });
      conn.on('error', reject);
      conn.on('close', () => {
        if (exitCode !== null) resolve(exitCode);
        else if (interrupted > 1) resolve(130);
        else reject(new Error(`the server (process ${holder.pid}) closed the connection before the command finished`));
      });
      send({ t: 'run', argv, cwd: io.cwd, stderrTTY: !!io.progress.isTTY });
    });
  } finally {
    stopListening();
  }
}
