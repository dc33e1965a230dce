/**
 * The reproduction of issue 7 §1 with real processes: a server on an embedded data directory (`tsx src/cli.ts
 * serve`), the CLI in "a second terminal" (other processes) importing, creating users and tokens, captures
 * through the API in between, a restart: nothing is lost, and the CLI's token works at once. Also: a second
 * server is refused naming the first, the admin socket is owner-only, a lock left by `kill -9` is taken over.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { SERVER_ROOT } from '../config.js';
import { LOCK_FILE, readLock, SOCKET_FILE } from '../db/lock.js';

// `node --import tsx` rather than the tsx binary, which runs the script in a child process: the pid of the
// process we start is then the pid in the lock (kill -9 hits the server itself).
const NODE_TSX = [process.execPath, '--import', 'tsx', 'src/cli.ts'] as const;
const FIXTURES = path.join(SERVER_ROOT, 'src', 'ledger', 'fixtures');
const PASSWORD = 'a-long-enough-password';

interface Run {
  code: number;
  stdout: string;
  stderr: string;
  ms: number;
}

describe('the CLI while the server runs on the embedded database', () => {
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'earshot-live-'));
  const dataDir = path.join(tmp, 'data');
  // The user's folder, not server/: relative paths in arguments are resolved against it.
  const userDir = path.join(tmp, 'exports');
  fs.mkdirSync(userDir);
  fs.copyFileSync(path.join(FIXTURES, 'invoices.csv'), path.join(userDir, 'invoices.csv'));
  const env: NodeJS.ProcessEnv = { ...process.env, EARSHOT_DATA_DIR: dataDir, PORT: '0', HOST: '127.0.0.1', EARSHOT_SEED_DEMO: 'false', NODE_ENV: 'test' };
  delete env.DATABASE_URL;
  delete env.REDIS_URL;
  const children = new Set<ChildProcess>();

  afterAll(async () => {
    for (const c of children) c.kill('SIGKILL');
    fs.rmSync(tmp, { recursive: true, force: true });
  });

  /** `pnpm earshot …` as the user types it in `userDir` (pnpm sets INIT_CWD; the script runs in server/). */
  const cli = (args: string[], stdin = '', opts: { closeStdout?: boolean } = {}) =>
    new Promise<Run>((resolve) => {
      const started = performance.now();
      const child = spawn(NODE_TSX[0], [...NODE_TSX.slice(1), ...args], { cwd: SERVER_ROOT, env: { ...env, INIT_CWD: userDir }, stdio: ['pipe', 'pipe', 'pipe'] });
      children.add(child);
      // `| head`: the reader is gone before the CLI writes, so its writes fail with EPIPE.
      if (opts.closeStdout) child.stdout.destroy();
      let stdout = '';
      let stderr = '';
      child.stdout.on('data', (d) => (stdout += d));
      child.stderr.on('data', (d) => (stderr += d));
      child.stdin.end(stdin);
      child.on('exit', (code) => {
        children.delete(child);
        resolve({ code: code ?? 1, stdout, stderr, ms: performance.now() - started });
      });
    });

  interface Server {
    child: ChildProcess;
    url: string;
    output: () => string;
    exited: Promise<number | null>;
  }
  /** Starts `serve`; resolves once it listens (its banner names the URL), or with its output if it exits first. */
  const serve = () =>
    new Promise<Server>((resolve, reject) => {
      const child = spawn(NODE_TSX[0], [...NODE_TSX.slice(1), 'serve'], { cwd: SERVER_ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] });
      children.add(child);
      let output = '';
      const exited = new Promise<number | null>((r) =>
        child.on('exit', (code) => {
          children.delete(child);
          r(code);
        }),
      );
      const onData = (d: Buffer) => {
        output += d;
        const m = /GraphQL\s+(http:\/\/\S+)\/graphql/.exec(output);
        if (m && /CLI\s+pnpm earshot/.test(output)) resolve({ child, url: m[1]!, output: () => output, exited });
      };
      child.stdout!.on('data', onData);
      child.stderr!.on('data', onData);
      void exited.then((code) => reject(Object.assign(new Error(`serve exited with ${code}: ${output}`), { code, output })));
    });
  const stop = async (s: Server) => {
    s.child.kill('SIGTERM');
    expect(await s.exited).toBe(0);
  };

  const gql = async (url: string, query: string, variables: Record<string, unknown> = {}, token?: string) => {
    const res = await fetch(`${url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
      body: JSON.stringify({ query, variables }),
    });
    return (await res.json()) as { data?: any; errors?: { message: string; extensions?: { code?: string } }[] };
  };
  const ok = async (url: string, query: string, variables: Record<string, unknown> = {}, token?: string) => {
    const r = await gql(url, query, variables, token);
    if (r.errors?.length) throw new Error(JSON.stringify(r.errors));
    return r.data;
  };
  const capture = (url: string, token: string, accountId: string, note: string) =>
    ok(url, 'mutation($i: CreateSignalInput!) { createSignal(input: $i) { signal { id } } }', { i: { accountId, type: 'HIRING', note } }, token);

  it('goes through the server: imports, users and tokens are seen at once, captures in between survive a restart', async () => {
    let server = await serve();
    try {
      // Owner-only: the data directory, the lock, the socket.
      expect(fs.statSync(dataDir).mode & 0o777).toBe(0o700);
      expect(fs.statSync(path.join(dataDir, SOCKET_FILE)).mode & 0o777).toBe(0o600);
      expect(fs.statSync(path.join(dataDir, LOCK_FILE)).mode & 0o777).toBe(0o600);
      expect(readLock(dataDir)).toMatchObject({ pid: server.child.pid, command: 'serve', address: server.url });

      // Second terminal: an admin and a credit user, passwords on standard input.
      const admin = await cli(['user', 'create', '--email', 'boss@acme.example', '--role', 'ADMIN'], `${PASSWORD}\n`);
      expect(admin).toMatchObject({ code: 0 });
      expect(admin.stdout).toMatch(/created ADMIN user boss@acme.example/);
      expect((await cli(['user', 'create', '--email', 'cora@acme.example', '--role', 'CREDIT'], `${PASSWORD}\n`)).code).toBe(0);
      const duplicate = await cli(['user', 'create', '--email', 'cora@acme.example', '--role', 'CREDIT'], `${PASSWORD}\n`);
      expect(duplicate.code).toBe(2);
      expect(duplicate.stderr).toMatch(/--email: a user with e-mail cora@acme.example already exists/);

      // The server sees them at once: sign in through the API.
      const signIn = await ok(server.url, 'mutation($i: SignInInput!) { signIn(input: $i) { token } }', { i: { email: 'cora@acme.example', password: PASSWORD } });
      const session = signIn.signIn.token as string;
      const accounts: Record<string, string> = {};
      for (const [name, externalId, domain] of [
        ['Synthetic One', 'SYN-CUST-1', null],
        ['Synthetic Two', 'SYN-CUST-2', null],
        ['Northwind', null, 'northwind.example'],
      ] as const) {
        const created = await ok(
          server.url,
          'mutation($i: CreateAccountInput!) { createAccount(input: $i) { account { id } } }',
          { i: { name, ...(externalId ? { externalId } : {}), ...(domain ? { domains: [domain] } : {}), currency: 'EUR' } },
          session,
        );
        accounts[name] = created.createAccount.account.id;
      }
      await capture(server.url, session, accounts['Synthetic One']!, 'capture 1, before the import');

      // A relative path, resolved against the folder the user is in.
      const imported = await cli(['import', 'invoices.csv']);
      expect(imported, imported.stderr).toMatchObject({ code: 0 });
      expect(imported.stdout).toMatch(/^invoices.csv: 6 invoices: 6 created/m);
      await capture(server.url, session, accounts['Synthetic Two']!, 'capture 2, after the import');

      const tokenRun = await cli(['token', 'create', '--email', 'cora@acme.example', '--scopes', 'accounts:read,ledger:read', '--name', 'feed']);
      expect(tokenRun.code).toBe(0);
      const apiToken = tokenRun.stdout.trim().split('\n').at(-1)!;
      // The CLI-made token works at once against the running server.
      const viewer = await ok(server.url, '{ viewer { email role } }', {}, apiToken);
      expect(viewer.viewer).toEqual({ email: 'cora@acme.example', role: 'CREDIT' });
      await capture(server.url, session, accounts.Northwind!, 'capture 3, after the token');

      // Same output and exit codes as with the server stopped; what cannot run under it says so.
      const status = await cli(['migrate:status']);
      expect(status.code).toBe(0);
      expect(status.stdout).toMatch(/up to date/);
      const listed = await cli(['user', 'list']);
      expect(listed.stdout).toMatch(/boss@acme.example\s+ADMIN\s+yes\s+yes/);
      // `pnpm earshot user list | head`: a reader that stops early is not a failure (was an EPIPE stack trace).
      const headed = await cli(['user', 'list'], '', { closeStdout: true });
      expect(headed.stderr).not.toMatch(/EPIPE|Unhandled/);
      expect(headed.code).toBe(0);
      const seed = await cli(['seed', '--reset']);
      expect(seed.code).toBe(1);
      expect(seed.stderr).toMatch(new RegExp(`cannot run under the running server \\(process ${server.child.pid}\\)`));
      const refused = await cli(['user', 'create', '--email', 'x@acme.example', '--role', 'SALES', '--password', PASSWORD]);
      expect(refused.code).toBe(2);
      expect(refused.stderr).toMatch(/never given on the command line/);
      console.log(`CLI through the server: user list ${Math.round(listed.ms)} ms, token create ${Math.round(tokenRun.ms)} ms (process start included)`);

      // A second server on the same directory is refused, naming the first.
      const second = await serve().catch((e: { code: number; output: string }) => e);
      expect((second as { code: number }).code).toBe(1);
      expect((second as { output: string }).output).toContain(`in use by process ${server.child.pid}`);
      expect((second as { output: string }).output).toContain(server.url);

      await stop(server);
      expect(fs.existsSync(path.join(dataDir, LOCK_FILE))).toBe(false);
      expect(fs.existsSync(path.join(dataDir, SOCKET_FILE))).toBe(false);

      // Restart: every row and every capture is there; the token still works.
      server = await serve();
      const after = await ok(
        server.url,
        '{ accounts(first: 10) { edges { node { name signals(first: 10) { edges { node { note } } } } } } }',
        {},
        session,
      );
      const notes = after.accounts.edges.flatMap((e: any) => e.node.signals.edges.map((s: any) => s.node.note)).sort();
      expect(notes).toEqual(['capture 1, before the import', 'capture 2, after the import', 'capture 3, after the token']);
      expect((await ok(server.url, '{ viewer { email } }', {}, apiToken)).viewer.email).toBe('cora@acme.example');
      const again = await cli(['import', 'invoices.csv']);
      expect(again.stdout).toMatch(/6 invoices: 0 created, 0 updated, 6 unchanged/);

      // kill -9 leaves the lock behind; the next start takes it over.
      server.child.kill('SIGKILL');
      await server.exited;
      expect(readLock(dataDir)?.pid).toBe(server.child.pid);
      const killedPid = server.child.pid;
      server = await serve();
      expect(server.output()).toMatch(new RegExp(`taking over the lock of process ${killedPid}`));
      expect((await ok(server.url, '{ viewer { email } }', {}, apiToken)).viewer.email).toBe('cora@acme.example');
    } finally {
      if (server.child.exitCode === null) await stop(server);
    }
  }, 600_000);
});
