/**
 * A real Earshot server, black-box through its CLI, on a fresh embedded database directory:
 *   pnpm earshot user create --email … --role … --name …  (password on standard input; before `serve` here, though
 *                                                          the CLI would go through a running server too)
 *   pnpm earshot serve                                                   (ready when GET /healthz answers 200)
 * Each runs in its own process group so that stopping it stops pnpm, tsx and node together, and nothing is
 * left behind when a test fails half-way.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { cpSync, existsSync, renameSync, rmSync } from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import type { Role } from '@earshot/shared';
import { freshTmpDir, REPO_ROOT, runDir } from './paths.js';

export interface UserSpec {
  email: string;
  role: Role;
  name: string;
  password: string;
}

/** Every group we started and have not seen end: killed if this worker exits or is stopped mid-test. */
const liveGroups = new Set<number>();
function killLiveGroups(): void {
  for (const pgid of liveGroups) {
    try {
      process.kill(-pgid, 'SIGKILL');
    } catch {
      // already gone
    }
  }
}
process.once('exit', killLiveGroups);
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    killLiveGroups();
    process.kill(process.pid, signal); // then die of it as before (the listener is gone)
  });
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as net.AddressInfo;
      srv.close(() => resolve(port));
    });
  });
}

function groupAlive(pgid: number): boolean {
  try {
    process.kill(-pgid, 0);
    return true;
  } catch {
    return false;
  }
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Signals the whole group, waits until no process of it is left, escalates to SIGKILL after `graceMs`. */
async function stopGroup(pgid: number, graceMs: number): Promise<void> {
  if (!groupAlive(pgid)) return void liveGroups.delete(pgid);
  try {
    process.kill(-pgid, 'SIGTERM');
  } catch {
    // raced with exit
  }
  const deadline = Date.now() + graceMs;
  while (groupAlive(pgid) && Date.now() < deadline) await sleep(50);
  if (groupAlive(pgid)) {
    try {
      process.kill(-pgid, 'SIGKILL');
    } catch {
      // gone
    }
    while (groupAlive(pgid)) await sleep(50);
  }
  liveGroups.delete(pgid);
}

interface Spawned {
  child: ChildProcess;
  output: () => string;
  exited: Promise<number | null>;
}

/** `stdin`: what the command reads on standard input (a password: the CLI never takes one as an argument). */
function spawnCli(args: string[], env: NodeJS.ProcessEnv, stdin?: string): Spawned {
  const child = spawn('pnpm', ['--silent', 'earshot', ...args], {
    cwd: REPO_ROOT,
    env,
    detached: true, // own process group: see stopGroup
    stdio: [stdin === undefined ? 'ignore' : 'pipe', 'pipe', 'pipe'],
  });
  if (stdin !== undefined) child.stdin?.end(stdin);
  if (child.pid) liveGroups.add(child.pid);
  let out = '';
  const keep = (chunk: Buffer) => {
    out = (out + chunk.toString()).slice(-20_000);
  };
  child.stdout?.on('data', keep);
  child.stderr?.on('data', keep);
  const exited = new Promise<number | null>((resolve) => {
    child.once('exit', (code) => resolve(code));
    child.once('error', (err) => {
      out += `\nspawn error: ${err.message}`;
      resolve(-1);
    });
  });
  return { child, output: () => out, exited };
}

export class EarshotServer {
  readonly dataDir: string;
  port = 0;
  #proc: Spawned | undefined;
  #log = '';
  /** Extra environment for `serve` (e.g. `SMTP_URL` of a receiver the test started); set before `start`. */
  extraEnv: NodeJS.ProcessEnv = {};

  constructor(dataDir?: string) {
    this.dataDir = dataDir ?? freshTmpDir('data');
  }

  get url(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  get running(): boolean {
    return !!this.#proc && this.#proc.child.exitCode === null && this.#proc.child.signalCode === null;
  }

  /** Everything the server printed so far (for failure messages). */
  get log(): string {
    return this.#log + (this.#proc?.output() ?? '');
  }

  #env(): NodeJS.ProcessEnv {
    const env: NodeJS.ProcessEnv = {
      ...process.env,
      EARSHOT_DATA_DIR: this.dataDir,
      EARSHOT_SEED_DEMO: 'false',
      PORT: String(this.port),
      HOST: '127.0.0.1',
      NODE_ENV: 'test',
    };
    // Always the embedded database in this directory, whatever the calling shell has configured.
    delete env.DATABASE_URL;
    delete env.REDIS_URL;
    return env;
  }

  /** `pnpm earshot user create …` on the data directory; the server must not be running (single-process PGlite). */
  async createUser(user: UserSpec, timeoutMs = 90_000): Promise<void> {
    if (this.running) throw new Error('createUser needs the server stopped (PGlite is single-process)');
    const p = spawnCli(['user', 'create', '--email', user.email, '--role', user.role, '--name', user.name], this.#env(), `${user.password}\n`);
    const timer = setTimeout(() => {
      if (p.child.pid) void stopGroup(p.child.pid, 2_000);
    }, timeoutMs);
    const code = await p.exited;
    clearTimeout(timer);
    if (p.child.pid) await stopGroup(p.child.pid, 5_000);
    this.#log += p.output();
    if (code !== 0) throw new Error(`earshot user create ${user.email} exited ${code}:\n${p.output()}`);
  }

  /** `pnpm earshot serve`; resolves when /healthz answers 200. Same data directory on every start. */
  async start(timeoutMs = 90_000): Promise<void> {
    if (this.running) throw new Error('server already running');
    if (!this.port) this.port = await freePort();
    const p = spawnCli(['serve'], { ...this.#env(), ...this.extraEnv });
    this.#proc = p;
    const deadline = Date.now() + timeoutMs;
    let exitCode: number | null | undefined;
    void p.exited.then((c) => {
      exitCode = c;
    });
    while (Date.now() < deadline) {
      if (exitCode !== undefined) {
        throw new Error(`earshot serve exited ${exitCode} before it was healthy:\n${p.output()}`);
      }
      try {
        const res = await fetch(`${this.url}/healthz`, { signal: AbortSignal.timeout(2_000) });
        if (res.status === 200) return;
      } catch {
        // not listening yet
      }
      await sleep(150);
    }
    await this.stop();
    throw new Error(`earshot serve was not healthy within ${timeoutMs} ms:\n${this.log}`);
  }

  /** SIGTERM to the whole process group and wait until every process of it has exited. */
  async stop(graceMs = 15_000): Promise<void> {
    const p = this.#proc;
    if (!p) return;
    if (p.child.pid) await stopGroup(p.child.pid, graceMs);
    await p.exited;
    this.#log += p.output();
    this.#proc = undefined;
  }

  async restart(): Promise<void> {
    await this.stop();
    await this.start();
  }

  /**
   * A server whose fresh data directory already holds `users`. Each `user create` is a cold CLI start plus
   * migrations (tens of seconds on a busy 2-core machine), so the first call of a run makes a template directory
   * with the CLI and later calls copy it: same CLI, same result, paid once per run.
   */
  static async withUsers(users: readonly UserSpec[]): Promise<EarshotServer> {
    const key = createHash('sha256').update(JSON.stringify(users)).digest('hex').slice(0, 12);
    const template = path.join(runDir(), `users-template-${key}`);
    if (!existsSync(template)) {
      const maker = new EarshotServer();
      for (const user of users) await maker.createUser(user);
      rmSync(template, { recursive: true, force: true });
      renameSync(maker.dataDir, template); // atomic: a half-made template is never picked up
    }
    const server = new EarshotServer();
    rmSync(server.dataDir, { recursive: true, force: true });
    cpSync(template, server.dataDir, { recursive: true });
    return server;
  }
}
