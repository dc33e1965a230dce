/**
 * What the browser benchmarks share (host-page.ts, time-to-level.ts): Chromium checked, the run's scratch directory
 * (every browser profile and server of the run lives under it, as in the e2e suite), a hard time limit, clean-up in
 * reverse order of set-up, the closing line with the load average, and the figures' formatting.
 */
import { rmSync } from 'node:fs';
import os from 'node:os';
import { CHROMIUM_PATH, chromiumAvailable } from '../harness/browser.js';
import { makeRunDir } from '../harness/paths.js';

/** Registers a clean-up step (a browser to close, a server to stop); they run last first, failures ignored. */
export type OnStop = (step: () => Promise<unknown>) => void;

/**
 * Runs `body` as a benchmark's whole life: stops everything it registered when done, failed or over `hardLimitMs`
 * (exit 2), and prints `bench: <summary> — <CPUs>, load average before / after; seconds`. Sets the exit code on failure.
 */
export function runBench(hardLimitMs: number, body: (onStop: OnStop) => Promise<string | undefined>): void {
  const main = async () => {
    if (!chromiumAvailable()) throw new Error(`Chromium not found at ${CHROMIUM_PATH} (or set E2E_CHROMIUM)`);
    const runDir = makeRunDir();
    process.env.E2E_RUN_DIR = runDir;
    const started = performance.now();
    const loadBefore = os.loadavg();
    const steps: (() => Promise<unknown>)[] = [];
    const stop = async () => {
      for (const step of steps.splice(0).reverse()) await step().catch(() => {});
      rmSync(runDir, { recursive: true, force: true });
    };
    const limit = setTimeout(() => {
      console.error(`bench: over ${hardLimitMs / 1000} s, stopping`);
      void stop().finally(() => process.exit(2));
    }, hardLimitMs);
    try {
      const summary = await body((step) => steps.push(step));
      const loads = (xs: number[]) => xs.map((x) => x.toFixed(2)).join(' ');
      console.log(
        `\nbench: ${summary ? `${summary} — ` : ''}${os.cpus().length} CPUs, load average ${loads(loadBefore)} before, ` +
          `${loads(os.loadavg())} after; ${((performance.now() - started) / 1000).toFixed(0)} s`,
      );
    } finally {
      clearTimeout(limit);
      await stop();
    }
  };
  main().catch((err) => {
    console.error(err);
    process.exitCode = 1;
  });
}

/** The q-quantile (nearest rank; the median averages the middle two); NaN for none. */
export function quantile(xs: readonly number[], q: number): number {
  const s = [...xs].sort((a, b) => a - b);
  if (!s.length) return Number.NaN;
  if (q === 0.5) {
    const mid = Math.floor(s.length / 2);
    return s.length % 2 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
  }
  return s[Math.min(s.length - 1, Math.ceil(q * s.length) - 1)]!;
}

/** Rows as a text table: the first row the header, the first column left-aligned, the others right-aligned. */
export function table(rows: readonly (readonly string[])[]): string {
  const widths = rows[0]!.map((_, i) => Math.max(...rows.map((r) => r[i]!.length)));
  const line = (r: readonly string[]) => r.map((c, i) => (i === 0 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join('  ');
  return [line(rows[0]!), widths.map((w) => '-'.repeat(w)).join('  '), ...rows.slice(1).map(line)].join('\n');
}
