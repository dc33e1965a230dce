/**
 * Once per run, before any test file: decide whether the suite can run at all (Chromium present), empty the
 * run's scratch directory, build the extension if its output is missing or older than its sources, and copy
 * the build to test/.tmp so that a rebuild by someone else mid-run cannot change what the browsers load.
 */
import { execFileSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import path from 'node:path';
import type { TestProject } from 'vitest/node';
import { CHROMIUM_PATH, chromiumAvailable } from './browser.js';
import { EXTENSION_BUILD_DIR, EXTENSION_DIR, extensionCopyDir, makeRunDir, REPO_ROOT, SCREENSHOT_DIR } from './paths.js';

declare module 'vitest' {
  interface ProvidedContext {
    /** Why the browser suite is skipped on this machine, or null when it runs. */
    e2eSkipReason: string | null;
  }
}

function newestMtime(p: string): number {
  if (!existsSync(p)) return 0;
  const st = statSync(p);
  if (!st.isDirectory()) return st.mtimeMs;
  let newest = st.mtimeMs;
  for (const entry of readdirSync(p)) {
    if (entry === 'node_modules' || entry.startsWith('.')) continue;
    newest = Math.max(newest, newestMtime(path.join(p, entry)));
  }
  return newest;
}

function run(cmd: string, args: string[], what: string): void {
  const started = Date.now();
  try {
    execFileSync(cmd, args, { cwd: REPO_ROOT, stdio: ['ignore', 'pipe', 'pipe'], timeout: 180_000 });
  } catch (err) {
    const e = err as { stdout?: Buffer; stderr?: Buffer; message: string };
    throw new Error(`${what} failed: ${e.message}\n${e.stdout?.toString() ?? ''}\n${e.stderr?.toString() ?? ''}`);
  }
  console.log(`e2e: ${what} (${Date.now() - started} ms)`);
}

export function buildExtensionIfStale(): void {
  const manifest = path.join(EXTENSION_BUILD_DIR, 'manifest.json');
  const sources = Math.max(
    newestMtime(path.join(EXTENSION_DIR, 'src')),
    newestMtime(path.join(EXTENSION_DIR, 'wxt.config.ts')),
    newestMtime(path.join(EXTENSION_DIR, 'package.json')),
    newestMtime(path.join(REPO_ROOT, 'shared', 'src')),
  );
  const built = existsSync(manifest) ? statSync(manifest).mtimeMs : 0;
  if (process.env.E2E_REBUILD === '1' || built < sources) {
    run('pnpm', ['--filter', '@earshot/extension', 'build'], 'built the extension');
  }
  cpSync(EXTENSION_BUILD_DIR, extensionCopyDir(), { recursive: true });
}

/** The server imports a generated Prisma client (gitignored); generate it when missing or older than the schema. */
function generatePrismaClientIfStale(): void {
  const schema = path.join(REPO_ROOT, 'server', 'prisma', 'schema.prisma');
  if (!existsSync(schema)) return;
  const generated = path.join(REPO_ROOT, 'server', 'src', 'generated');
  if (newestMtime(generated) >= statSync(schema).mtimeMs) return;
  run('pnpm', ['--filter', '@earshot/server', 'run', 'generate'], 'generated the Prisma client');
}

/**
 * The safety net behind "no test leaves a process behind": every browser and server of this run names the run's
 * scratch directory (Chromium's --user-data-dir, the server's EARSHOT_DATA_DIR), so anything still alive that
 * does is ours and is killed. Linux /proc only; elsewhere the per-test cleanup has to do.
 */
function killProcessesUsing(dir: string): string[] {
  if (!existsSync('/proc')) return [];
  const killed: string[] = [];
  for (const pid of readdirSync('/proc').filter((d) => /^\d+$/.test(d))) {
    if (Number(pid) === process.pid) continue;
    let cmdline = '';
    let environ = '';
    try {
      cmdline = readFileSync(`/proc/${pid}/cmdline`, 'utf8').replaceAll('\0', ' ');
      environ = readFileSync(`/proc/${pid}/environ`, 'utf8');
    } catch {
      continue; // gone, or not ours to read
    }
    // Not E2E_RUN_DIR, which every vitest process of the run inherits: the server's own variable.
    if (!cmdline.includes(dir) && !environ.includes(`EARSHOT_DATA_DIR=${dir}`)) continue;
    try {
      process.kill(Number(pid), 'SIGKILL');
      killed.push(`${pid} ${cmdline.slice(0, 80)}`);
    } catch {
      // exited meanwhile
    }
  }
  return killed;
}

export default function setup(project: TestProject): () => void {
  const ci = !!process.env.CI && process.env.CI !== 'false' && process.env.CI !== '0';
  if (!chromiumAvailable()) {
    const reason = `Chromium not found at ${CHROMIUM_PATH} (apt-get install -y chromium, or set E2E_CHROMIUM)`;
    if (ci) throw new Error(`e2e: ${reason}; with CI set, the browser suite may not be skipped`);
    console.warn(`\ne2e: SKIPPING the browser suite: ${reason}\n`);
    project.provide('e2eSkipReason', reason);
    return () => {};
  }
  project.provide('e2eSkipReason', null);
  rmSync(SCREENSHOT_DIR, { recursive: true, force: true });
  mkdirSync(SCREENSHOT_DIR, { recursive: true });
  const dir = makeRunDir();
  // Test workers are forked after the global setup and inherit this.
  process.env.E2E_RUN_DIR = dir;
  buildExtensionIfStale();
  generatePrismaClientIfStale();
  return () => {
    const leaked = killProcessesUsing(dir);
    if (leaked.length) console.warn(`e2e: killed ${leaked.length} process(es) a test left running: ${leaked.join('; ')}`);
    if (process.env.E2E_KEEP === '1') console.log(`e2e: kept the run's scratch in ${dir}`);
    else rmSync(dir, { recursive: true, force: true });
  };
}
