/**
 * The command people type, `pnpm earshot …` at the repository root, keeps the CLI's exit codes (0 ok, 1 failed,
 * 2 bad arguments; `pnpm --filter … exec` turned 2 into 1) and resolves file arguments against the directory it
 * was called from (INIT_CWD). Commands that need no database, so it stays cheap.
 */
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { REPO_ROOT } from '../config.js';

function pnpmEarshot(args: string[], opts: { cwd?: string; env?: Record<string, string> } = {}) {
  const env = { ...process.env, ...opts.env };
  // Not the INIT_CWD of the pnpm that runs these tests: the real command sets its own.
  delete env.INIT_CWD;
  const r = spawnSync('pnpm', ['earshot', ...args], { cwd: opts.cwd ?? REPO_ROOT, env, encoding: 'utf8', timeout: 60_000 });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

describe('pnpm earshot at the repository root', () => {
  it('exits 0 for help, 2 for an unknown command, 1 for a failure', () => {
    const help = pnpmEarshot(['help']);
    expect(help.code).toBe(0);
    expect(help.out).toMatch(/Usage: pnpm earshot <command>/);
    const unknown = pnpmEarshot(['frobnicate']);
    expect(unknown.code).toBe(2);
    expect(unknown.err).toMatch(/unknown command "frobnicate"/);
    const failed = pnpmEarshot(['user', 'list'], { env: { EARSHOT_SESSION_TTL_HOURS: 'soon' } });
    expect(failed.code).toBe(1);
    expect(failed.err).toMatch(/EARSHOT_SESSION_TTL_HOURS/);
  }, 120_000);

  it('resolves file arguments against the directory it was called from', () => {
    const r = pnpmEarshot(['import', 'no-such-export.csv'], { cwd: path.join(REPO_ROOT, 'scripts') });
    expect(r.code).toBe(2);
    expect(r.err).toContain(path.join(REPO_ROOT, 'scripts', 'no-such-export.csv'));
  }, 60_000);
});
