/**
 * Host-page overhead benchmark: "no measurable slowdown of the host page", measured. Two Chromium profiles
 * launched the same way (the e2e harness's flags, resolver rules and fixture server), one without any extension
 * (baseline) and one with the built extension, open the same fixture pages at their real hostnames; inside the
 * page we time an SPA-like burst of DOM work, count long tasks, read the renderer's main-thread time (CDP
 * `Performance.getMetrics`) and, with the extension, the time from DOMContentLoaded to the toggle being mounted.
 * No Earshot server: the content script still detects and reports; the worker answers signed-out.
 *
 *   cd test && pnpm bench          (BENCH_REPS=<n> bursts per page and profile, default 15)
 *
 * Not part of `pnpm test`: a benchmark prints numbers, it does not pass or fail. Only loopback traffic.
 */
import { type BrowserContext, type CDPSession, chromium, type Page } from 'playwright-core';
import { CHROMIUM_PATH, chromiumArgs } from '../harness/browser.js';
import { FIXTURE_HOSTS, fixtureFor, type SiteFixture } from '../harness/customers.js';
import { median } from '../harness/extension.js';
import { buildExtensionIfStale } from '../harness/global-setup.js';
import { extensionCopyDir, freshTmpDir } from '../harness/paths.js';
import type { FixtureServer } from '../harness/tls.js';
import { showFixture, startFixtureServer } from '../harness/world.js';
import { quantile, runBench, table } from './common.js';

const REPS = Math.max(3, Number(process.env.BENCH_REPS ?? 15));
const WARMUP = 2;
const ITERATIONS = 2_000;
const CHUNK = 100;
/** Idle time observed after `load`. */
const IDLE_MS = 2_000;
/** Pause between bursts: longer than the detect loop's 400 ms debounce, so its detect runs between bursts. */
const GAP_MS = 500;
const HARD_LIMIT_MS = 115_000;
const PAGES = [fixtureFor('gmail', 'thread'), fixtureFor('salesforce', 'account')];

/**
 * Runs in the page's main world before any page script, in both profiles alike: long tasks from the start, the
 * navigation's DOMContentLoaded, and when the Earshot toggle first appears (a childList observer on <html>,
 * where the content script appends its root; disconnected once found, or 2 s after load).
 * Kept as a string so that no transpiler helper leaks into the browser.
 */
const INIT_SCRIPT = `(() => {
  const b = (window.__bench = { longtasks: [], mountedAt: null });
  try {
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) b.longtasks.push({ start: e.startTime, duration: e.duration });
    }).observe({ type: 'longtask', buffered: true });
  } catch {}
  const found = () => document.querySelector('[data-testid="earshot-toggle"]');
  const mo = new MutationObserver(() => {
    if (b.mountedAt === null && found()) { b.mountedAt = performance.now(); mo.disconnect(); }
  });
  const watch = () => { if (document.documentElement) mo.observe(document.documentElement, { childList: true }); else requestAnimationFrame(watch); };
  watch();
  addEventListener('load', () => setTimeout(() => mo.disconnect(), ${IDLE_MS}));
})()`;

/** One burst: ITERATIONS message-like subtrees appended to the main area (a sliding window of 20), in tasks of
 * CHUNK iterations (so mutation observers run in between, as in an SPA), ending with a forced layout. */
const BURST = `(async () => {
  const main = document.querySelector('[role="main"].active') ?? document.querySelector('[role="main"]') ?? document.body;
  const yieldTask = () => new Promise((resolve) => { const c = new MessageChannel(); c.port1.onmessage = () => resolve(); c.port2.postMessage(0); });
  const added = [];
  const t0 = performance.now();
  for (let i = 0; i < ${ITERATIONS}; i++) {
    const msg = document.createElement('div');
    msg.className = 'bench-msg';
    msg.setAttribute('role', 'listitem');
    const head = document.createElement('div');
    const from = document.createElement('span');
    from.setAttribute('email', 'person' + (i % 50) + '@customer' + (i % 7) + '.example');
    from.setAttribute('name', 'Person ' + i);
    from.textContent = 'Person ' + i;
    const to = document.createElement('span');
    to.setAttribute('email', 'jane.seller@northwind-supplies.example');
    to.textContent = 'me';
    head.append(from, ' to ', to);
    const body = document.createElement('div');
    body.textContent = 'Message ' + i + ': the invoice is attached, payment next week as agreed.';
    msg.append(head, body);
    main.append(msg);
    added.push(msg);
    if (added.length > 20) added.shift().remove();
    if ((i + 1) % ${CHUNK} === 0) await yieldTask();
  }
  void document.body.offsetHeight;
  const ms = performance.now() - t0;
  for (const m of added) m.remove();
  return ms;
})()`;

interface Profile {
  name: 'baseline' | 'extension';
  context: BrowserContext;
}

async function launch(name: Profile['name'], fixtures: FixtureServer): Promise<Profile> {
  const ext = extensionCopyDir();
  const context = await chromium.launchPersistentContext(freshTmpDir(`bench-${name}`), {
    executablePath: CHROMIUM_PATH,
    headless: true,
    viewport: { width: 1280, height: 900 },
    timeout: 30_000,
    args: chromiumArgs({ extensionDir: name === 'extension' ? ext : undefined, hosts: FIXTURE_HOSTS, fixturePort: fixtures.port }),
  });
  await context.addInitScript({ content: INIT_SCRIPT });
  if (name === 'extension' && !context.serviceWorkers().some((w) => w.url().startsWith('chrome-extension://'))) {
    await context.waitForEvent('serviceworker', { timeout: 15_000 });
  }
  return { name, context };
}

/** Renderer main-thread time (s → ms) from CDP: all tasks, and script (page and content scripts alike). */
async function mainThread(cdp: CDPSession): Promise<{ task: number; script: number }> {
  const { metrics } = await cdp.send('Performance.getMetrics');
  const get = (n: string) => (metrics.find((m) => m.name === n)?.value ?? 0) * 1000;
  return { task: get('TaskDuration'), script: get('ScriptDuration') };
}

interface Visit {
  burst: number[];
  idleLongTasks: { count: number; ms: number };
  allLongTasks: { count: number; ms: number };
  /** Renderer task time from navigation to load + IDLE_MS, and over the whole burst series (gaps included). */
  loadTaskMs: number;
  idleTaskMs: number;
  burstSeriesTaskMs: number;
  burstSeriesScriptMs: number;
  mountMs: number | null;
}

async function openAndIdle(profile: Profile, f: SiteFixture): Promise<{ page: Page; cdp: CDPSession; visit: Visit }> {
  const page = await profile.context.newPage();
  const cdp = await profile.context.newCDPSession(page);
  await cdp.send('Performance.enable');
  await page.goto(f.url, { waitUntil: 'load', timeout: 30_000 });
  const atLoad = await mainThread(cdp);
  await page.waitForTimeout(IDLE_MS);
  const afterIdle = await mainThread(cdp);
  const timing = (await page.evaluate(`(() => {
    const nav = performance.getEntriesByType('navigation')[0];
    const b = window.__bench;
    const sum = (xs) => ({ count: xs.length, ms: xs.reduce((s, x) => s + x.duration, 0) });
    return {
      dcl: nav.domContentLoadedEventStart,
      load: nav.loadEventEnd,
      mountedAt: b.mountedAt,
      idle: sum(b.longtasks.filter((t) => t.start >= nav.loadEventEnd)),
      all: sum(b.longtasks),
      longtaskSupported: PerformanceObserver.supportedEntryTypes.includes('longtask'),
    };
  })()`)) as {
    dcl: number;
    load: number;
    mountedAt: number | null;
    idle: { count: number; ms: number };
    all: { count: number; ms: number };
    longtaskSupported: boolean;
  };
  if (!timing.longtaskSupported) throw new Error('this Chromium does not report longtask entries');
  const visit: Visit = {
    burst: [],
    idleLongTasks: timing.idle,
    allLongTasks: timing.all,
    loadTaskMs: afterIdle.task,
    idleTaskMs: afterIdle.task - atLoad.task,
    burstSeriesTaskMs: 0,
    burstSeriesScriptMs: 0,
    mountMs: timing.mountedAt === null ? null : timing.mountedAt - timing.dcl,
  };
  return { page, cdp, visit };
}

const p90 = (xs: readonly number[]) => quantile(xs, 0.9);

const fmt = (x: number | null, unit = ' ms') => (x === null ? 'n/a' : unit ? `${x.toFixed(1)}${unit}` : String(x));
const ratio = (base: number | null, ext: number | null) =>
  base === null || ext === null ? 'n/a' : base === 0 ? (ext === 0 ? '1.00' : '∞') : (ext / base).toFixed(2);

runBench(HARD_LIMIT_MS, async (onStop) => {
  buildExtensionIfStale();
  const fixtures = await startFixtureServer();
  onStop(() => fixtures.close());
  for (const f of PAGES) showFixture(fixtures, f);
  const profiles: Profile[] = [];
  for (const name of ['baseline', 'extension'] as const) {
    const profile = await launch(name, fixtures);
    onStop(() => profile.context.close());
    profiles.push(profile);
  }
  const rows: string[][] = [];
  const closing: string[] = [];
  for (const f of PAGES) {
    // Load and idle one profile at a time (the other browser sits idle), then alternate the bursts.
    const open = [];
    for (const p of profiles) open.push(await openAndIdle(p, f));
    const before = await Promise.all(open.map((o) => mainThread(o.cdp)));
    for (let r = 0; r < WARMUP + REPS; r++) {
      for (const o of open) {
        const ms = (await o.page.evaluate(BURST)) as number;
        if (r >= WARMUP) o.visit.burst.push(ms);
        await o.page.waitForTimeout(GAP_MS);
      }
    }
    const after = await Promise.all(open.map((o) => mainThread(o.cdp)));
    open.forEach((o, i) => {
      o.visit.burstSeriesTaskMs = after[i]!.task - before[i]!.task;
      o.visit.burstSeriesScriptMs = after[i]!.script - before[i]!.script;
    });
    const [b, e] = [open[0]!.visit, open[1]!.visit];
    if (e.mountMs === null) closing.push(`${f.site}: the toggle was not mounted within ${IDLE_MS} ms of load`);
    const row = (metric: string, x: number | null, y: number | null, unit = ' ms') => [
      `${f.site} ${metric}`,
      fmt(x, unit),
      fmt(y, unit),
      ratio(x, y),
    ];
    rows.push(
      row(`burst median (n=${REPS})`, median(b.burst), median(e.burst)),
      row('burst p90', p90(b.burst), p90(e.burst)),
      row(`main-thread time, ${REPS + WARMUP} bursts + gaps`, b.burstSeriesTaskMs, e.burstSeriesTaskMs),
      row('  of which script (not the bench code)', b.burstSeriesScriptMs, e.burstSeriesScriptMs),
      row('main-thread time, navigation → load+2 s', b.loadTaskMs, e.loadTaskMs),
      row('main-thread time, 2 s idle after load', b.idleTaskMs, e.idleTaskMs),
      row('long tasks, 2 s idle after load (count)', b.idleLongTasks.count, e.idleLongTasks.count, ''),
      row('long tasks, 2 s idle after load (total)', b.idleLongTasks.ms, e.idleLongTasks.ms),
      row('long tasks, navigation → load+2 s (count)', b.allLongTasks.count, e.allLongTasks.count, ''),
      row('long tasks, navigation → load+2 s (total)', b.allLongTasks.ms, e.allLongTasks.ms),
      [`${f.site} DOMContentLoaded → toggle mounted`, '—', fmt(e.mountMs), ''],
    );
    closing.push(
      `${f.site}: burst median ×${ratio(median(b.burst), median(e.burst))}, p90 ×${ratio(p90(b.burst), p90(e.burst))}`,
    );
    for (const o of open) await o.page.close();
  }
  console.log(`\n${table([['metric', 'baseline', 'with extension', 'ratio'], ...rows])}`);
  return closing.join('; ');
});
