/**
 * The production build (issue 13, "A real build"): `node scripts/build.mjs` writes dist/cli.js, and plain `node
 * dist/cli.js serve` on a fresh embedded data directory applies the migrations, answers /healthz and GraphQL
 * (a user made by the built CLI through the server's admin socket signs in and reads `viewer`) and GraphiQL from the
 * installed package (external to the bundle, resolved from node_modules), as one node process with no tsx anywhere,
 * and stops cleanly on SIGTERM.
 */
import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { OPERATIONS } from '@earshot/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { REPO_ROOT, SERVER_ROOT } from './config.js';
import { readLock } from './db/lock.js';

const CLI = path.join(SERVER_ROOT, 'dist', 'cli.js');
const PASSWORD = 'a-long-enough-password';

/** The pids of every process whose parent is `pid`, and theirs (Linux /proc). */
function descendants(pid: number): number[] {
  const children = fs
    .readdirSync('/proc')
    .filter((d) => /^\d+$/.test(d))
    .filter((d) => {
      try {
        // Field 4 of /proc/<pid>/stat, after the command name in parentheses (which may contain spaces).
        return Number(fs.readFileSync(`/proc/${d}/stat`, 'utf8').split(') ')[1]?.split(' ')[1]) === pid;
      } catch {
        return false; // gone meanwhile
      }
    })
    .map(Number);
  return children.flatMap((c) => [c, ...descendants(c)]);
}

describe('the built server', () => {
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'earshot-build-'));
  const env: NodeJS.ProcessEnv = { ...process.env, EARSHOT_DATA_DIR: path.join(tmp, 'data'), PORT: '0', HOST: '127.0.0.1', EARSHOT_SEED_DEMO: 'false', NODE_ENV: 'test' };
  delete env.DATABASE_URL;
  delete env.REDIS_URL;
  // No loader from the test runner (vitest, tsx) leaks into the server through NODE_OPTIONS.
  delete env.NODE_OPTIONS;
  let server: ChildProcess | undefined;

  beforeAll(() => {
    const built = spawnSync(process.execPath, [path.join(SERVER_ROOT, 'scripts', 'build.mjs')], { cwd: SERVER_ROOT, encoding: 'utf8', timeout: 60_000 });
    expect(built.status, built.stderr).toBe(0);
    expect(built.stdout).toMatch(/built dist\/cli\.js/);
  }, 60_000);

  afterAll(() => {
    server?.kill('SIGKILL');
    fs.rmSync(tmp, { recursive: true, force: true });
  });

  it('is what the README’s pnpm start builds and serves', () => {
    const { scripts } = JSON.parse(fs.readFileSync(path.join(REPO_ROOT, 'package.json'), 'utf8')) as { scripts: Record<string, string> };
    expect(scripts.build).toMatch(/@earshot\/server run build/);
    expect(scripts.start).toMatch(/^pnpm build && .*node server\/dist\/cli\.js serve$/);
    expect(scripts.start).not.toMatch(/tsx|pnpm earshot/);
  });

  it('serves /healthz and GraphQL from node dist/cli.js serve, one process, no tsx', async () => {
    const started = performance.now();
    const child = spawn(process.execPath, [CLI, 'serve'], { cwd: tmp, env, stdio: ['ignore', 'pipe', 'pipe'] });
    server = child;
    let output = '';
    const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
    const url = await new Promise<string>((resolve, reject) => {
      const onData = (d: Buffer) => {
        output += d;
        const m = /Health\s+(http:\/\/\S+)\/healthz/.exec(output);
        if (m) resolve(m[1]!);
      };
      child.stdout!.on('data', onData);
      child.stderr!.on('data', onData);
      void exited.then((code) => reject(new Error(`server exited (${code}) before listening:\n${output}`)));
    });
    const health = await fetch(`${url}/healthz`);
    expect(health.status).toBe(200);
    const listeningMs = performance.now() - started;
    expect(output).toMatch(/applied migrations: \d{14}_init/);

    // One node process: the lock names it, it has no children, and nothing of tsx is in its command line.
    expect(readLock(env.EARSHOT_DATA_DIR!)?.pid).toBe(child.pid);
    expect(descendants(child.pid!)).toEqual([]);
    const cmdline = fs.readFileSync(`/proc/${child.pid}/cmdline`, 'utf8').split('\0').filter(Boolean);
    expect(cmdline).toEqual([process.execPath, CLI, 'serve']);

    // A user through the built CLI (the server's admin socket), then sign-in and a query over HTTP.
    const created = spawnSync(process.execPath, [CLI, 'user', 'create', '--email', 'built@test.earshot.test', '--role', 'CREDIT', '--name', 'Built Tester'], {
      cwd: tmp,
      env,
      input: `${PASSWORD}\n`,
      encoding: 'utf8',
      timeout: 30_000,
    });
    expect(created.status, created.stderr).toBe(0);
    const gql = async (query: string, variables: Record<string, unknown>, token?: string) => {
      const res = await fetch(`${url}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
        body: JSON.stringify({ query, variables }),
      });
      expect(res.status).toBe(200);
      return (await res.json()) as { data?: Record<string, any>; errors?: unknown[] };
    };
    const signIn = await gql(OPERATIONS.SignIn, { input: { email: 'built@test.earshot.test', password: PASSWORD } });
    expect(signIn.errors).toBeUndefined();
    const token = signIn.data!.signIn.token as string;
    const viewer = await gql(OPERATIONS.Viewer, {}, token);
    expect(viewer).toEqual({ data: { viewer: expect.objectContaining({ email: 'built@test.earshot.test', role: 'CREDIT', name: 'Built Tester' }) } });

    // GraphiQL (outside production), whole from @graphql-yoga/render-graphiql: no CDN in the page or its CSP.
    const graphiql = await fetch(`${url}/graphql`, { headers: { accept: 'text/html' } });
    expect(graphiql.status).toBe(200);
    const page = await graphiql.text();
    expect(page).toContain('YogaGraphiQL.renderYogaGraphiQL');
    expect(page).not.toMatch(/<(script|link)[^>]*\b(src|href)=["']?https?:/i);
    expect(graphiql.headers.get('content-security-policy')).not.toMatch(/https?:/);

    child.kill('SIGTERM');
    expect(await exited).toBe(0);
    server = undefined;
    console.log(`built server: listening and healthy ${Math.round(listeningMs)} ms after spawn (fresh data directory, migrations applied)`);
  }, 90_000);
});
