/**
 * Debian Chromium with the built extension loaded unpacked, every site hostname mapped to the local HTTPS
 * fixture server (tls.ts) and nothing else reachable by name. Flags as verified in STACK.md
 * ("The extension in a real browser"); each flag is one array element because the resolver rules contain spaces.
 */
import { existsSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import { type BrowserContext, chromium, type Page, type Worker } from 'playwright-core';
import { extensionCopyDir, SCREENSHOT_DIR } from './paths.js';

export const CHROMIUM_PATH = process.env.E2E_CHROMIUM ?? '/usr/bin/chromium';
export const HEADFUL = !!process.env.E2E_HEADFUL && process.env.E2E_HEADFUL !== '0';

export function chromiumAvailable(): boolean {
  return existsSync(CHROMIUM_PATH);
}

/**
 * `MAP <host> 127.0.0.1:<port>` for each host pattern (`*.lightning.force.com` allowed), then everything else
 * resolves to nothing (the run is hermetic), except the loopback addresses the Earshot server listens on.
 */
export function hostResolverRules(hostPatterns: readonly string[], port: number): string {
  const maps = [...new Set(hostPatterns)].map((h) => `MAP ${h} 127.0.0.1:${port}`);
  return [...maps, 'MAP * ~NOTFOUND', 'EXCLUDE 127.0.0.1', 'EXCLUDE localhost'].join(', ');
}

/**
 * Chromium's command line for a hermetic run: the extension (when given) loaded unpacked, no background
 * networking, the fixture server's certificate accepted, every mapped host sent to the fixture server.
 * `--disable-extensions-except` is required: Playwright adds `--disable-extensions` (STACK.md).
 */
export function chromiumArgs(opts: { extensionDir?: string | undefined; hosts: readonly string[]; fixturePort: number }): string[] {
  return [
    ...(opts.extensionDir ? [`--disable-extensions-except=${opts.extensionDir}`, `--load-extension=${opts.extensionDir}`] : []),
    '--no-sandbox',
    '--disable-gpu',
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
    '--no-first-run',
    '--disable-quic',
    '--ignore-certificate-errors',
    `--host-resolver-rules=${hostResolverRules(opts.hosts, opts.fixturePort)}`,
  ];
}

export interface LaunchOptions {
  /** The Chromium profile. Pass the same directory again to "restart the browser". */
  userDataDir: string;
  /** Host patterns to send to the fixture server. */
  hosts: readonly string[];
  fixturePort: number;
  extensionDir?: string;
}

export class ExtensionBrowser {
  private constructor(
    readonly context: BrowserContext,
    readonly extensionId: string,
    readonly userDataDir: string,
  ) {}

  static async launch(opts: LaunchOptions): Promise<ExtensionBrowser> {
    const dir = opts.extensionDir ?? extensionCopyDir();
    const context = await chromium.launchPersistentContext(opts.userDataDir, {
      executablePath: CHROMIUM_PATH,
      headless: !HEADFUL,
      viewport: { width: 1280, height: 900 },
      timeout: 30_000,
      args: chromiumArgs({ extensionDir: dir, hosts: opts.hosts, fixturePort: opts.fixturePort }),
    });
    try {
      const worker =
        context.serviceWorkers().find((w) => w.url().startsWith('chrome-extension://')) ??
        (await context.waitForEvent('serviceworker', {
          predicate: (w) => w.url().startsWith('chrome-extension://'),
          timeout: 15_000,
        }));
      const extensionId = new URL(worker.url()).host;
      return new ExtensionBrowser(context, extensionId, opts.userDataDir);
    } catch (err) {
      await context.close().catch(() => {});
      throw new Error(`the extension's service worker did not start: ${(err as Error).message}`);
    }
  }

  extensionUrl(pagePath: string): string {
    return `chrome-extension://${this.extensionId}/${pagePath.replace(/^\//, '')}`;
  }

  /**
   * The extension's service worker, for the test's own look at extension state (an oracle, never a way to drive
   * the product). Chromium stops an idle worker; opening an extension page starts it again.
   */
  async serviceWorker(): Promise<Worker> {
    const mine = (w: Worker) => w.url().startsWith(`chrome-extension://${this.extensionId}/`);
    const live = this.context.serviceWorkers().find(mine);
    if (live) return live;
    const waking = this.context.waitForEvent('serviceworker', { predicate: mine, timeout: 15_000 });
    const page = await this.context.newPage();
    await page.goto(this.extensionUrl('options.html'));
    const worker = await waking;
    await page.close();
    return worker;
  }

  async newPage(): Promise<Page> {
    return this.context.newPage();
  }

  /** Saves a full-page screenshot of every open tab under test/.tmp/screenshots (called on test failure). */
  async screenshotAll(label: string): Promise<string[]> {
    mkdirSync(SCREENSHOT_DIR, { recursive: true });
    const safe = label.replace(/[^a-z0-9-]+/gi, '_').slice(0, 100);
    const saved: string[] = [];
    for (const [i, page] of this.context.pages().entries()) {
      const file = path.join(SCREENSHOT_DIR, `${safe}-${i}.png`);
      try {
        await page.screenshot({ path: file, fullPage: true, timeout: 5_000 });
        saved.push(file);
      } catch {
        // a closed or crashed tab has nothing to show
      }
    }
    return saved;
  }

  async close(): Promise<void> {
    await this.context.close().catch(() => {});
  }
}
