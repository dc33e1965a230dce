/**
 * Driving the extension the way a person does: its options page (server address, sign-in, custom sites), the
 * toggle and panel iframe the content script mounts on a page, and the popup. Only the `data-testid`s the
 * extension promises are used here.
 */
import type { CrmRecordRef } from '@earshot/shared';
import type { FrameLocator, Locator, Page } from 'playwright-core';
import type { ExtensionBrowser } from './browser.js';

export const PANEL_IFRAME = 'iframe[data-testid="earshot-panel"]';
export const PANEL_TOGGLE = '[data-testid="earshot-toggle"]';

export async function openOptions(browser: ExtensionBrowser): Promise<Page> {
  const page = await browser.newPage();
  await page.goto(browser.extensionUrl('options.html'));
  return page;
}

/**
 * Waits for `done`; on timeout fails with what the page says in `errorTestId` (left open, so the failure
 * screenshot shows it).
 */
async function waitOrExplain(page: Page, done: Locator, errorTestId: string, what: string, timeout: number): Promise<void> {
  try {
    await done.waitFor({ state: 'visible', timeout });
  } catch (err) {
    const shown = await page.getByTestId(errorTestId).allTextContents().catch(() => []);
    throw new Error(`${what}: ${shown.length ? `the page says "${shown.join(' / ')}"` : (err as Error).message}`);
  }
}

/** Options page: server address, e-mail, password, submit; returns what "signed in as" then shows. */
export async function signIn(
  browser: ExtensionBrowser,
  opts: { serverUrl: string; email: string; password: string },
): Promise<string> {
  const page = await openOptions(browser);
  await page.getByTestId('server-url').fill(opts.serverUrl);
  await page.getByTestId('sign-in-email').fill(opts.email);
  await page.getByTestId('sign-in-password').fill(opts.password);
  await page.getByTestId('sign-in-submit').click();
  const who = page.getByTestId('signed-in-as');
  await waitOrExplain(page, who, 'sign-in-error', `sign-in as ${opts.email} failed`, 30_000);
  const text = ((await who.textContent()) ?? '').trim();
  await page.close();
  return text;
}

/**
 * The user's "Allow" on Chromium's host-permission prompt. That prompt is browser UI, which Playwright cannot
 * click (microsoft/playwright#32755), and in headless Chromium 156 `permissions.request` for a new origin waits on
 * it forever. The same consent can be given in the browser's own extension settings ("Site access", the
 * chrome://extensions page, through its `developerPrivate` API); after that the extension's own request, made on
 * the user's click as usual, resolves true at once. Nothing of the extension is bypassed.
 */
export async function allowSiteInBrowserSettings(browser: ExtensionBrowser, origin: string): Promise<void> {
  const page = await browser.newPage();
  await page.goto('chrome://extensions/');
  const error = await page.evaluate(
    async ({ id, pattern }) => {
      const dp = (globalThis as unknown as { chrome: { developerPrivate?: { addHostPermission(id: string, host: string): Promise<void> } } })
        .chrome.developerPrivate;
      if (!dp) return 'chrome.developerPrivate is not available on chrome://extensions';
      try {
        await dp.addHostPermission(id, pattern);
        return null;
      } catch (e) {
        return String(e);
      }
    },
    { id: browser.extensionId, pattern: `${origin}/*` },
  );
  await page.close();
  if (error) throw new Error(`could not allow ${origin} in the browser's extension settings: ${error}`);
}

/**
 * Options page: type a site, click "add" (a real user gesture: the extension asks for the host permission, which
 * `allowSiteInBrowserSettings` answered already); returns the listed sites once the new one is there.
 */
export async function addCustomSite(browser: ExtensionBrowser, site: string, expectListed: string): Promise<string[]> {
  const page = await openOptions(browser);
  await page.getByTestId('custom-site-input').fill(site);
  await page.getByTestId('custom-site-add').click();
  const item = page.getByTestId('custom-site-item').filter({ hasText: expectListed });
  await waitOrExplain(page, item, 'custom-site-error', `adding ${site} failed`, 15_000);
  const listed = (await page.getByTestId('custom-site-item').allTextContents()).map((s) => s.trim());
  await page.close();
  return listed;
}

export function panel(page: Page): FrameLocator {
  return page.frameLocator(PANEL_IFRAME);
}

/** Whether the panel iframe is shown (the content script mounts it closed unless the user left it open). */
export async function panelIsOpen(page: Page): Promise<boolean> {
  return page.locator(PANEL_IFRAME).isVisible();
}

/** Opens the panel with the toggle tab, as a person does (a click on the button inside the toggle's extension frame). */
export async function openPanel(page: Page): Promise<void> {
  // A site whose panel was left open opens it again by itself, a moment after the page loads: a click landing just
  // then would close it. So click only while the toggle says the panel is closed, and if the panel is still not
  // shown, look again (at most three rounds) rather than trust one click.
  for (let round = 1; ; round++) {
    if (await panelIsOpen(page)) return;
    // The button inside the frame, not the frame element: a click on the frame before its page has rendered is lost
    // (Playwright waits for the button to be there and enabled).
    const button = page.frameLocator(PANEL_TOGGLE).getByTestId('toggle-button');
    if ((await button.getAttribute('aria-expanded')) !== 'true') await button.click();
    try {
      await page.locator(PANEL_IFRAME).waitFor({ state: 'visible', timeout: 5_000 });
      return;
    } catch (error) {
      if (round >= 3) throw error;
    }
  }
}

export interface PanelReading {
  accountName: string;
  riskLevel: string;
  signalCount: number;
}

/** Reads name, level and the number of signals listed; the risk level must be rendered first, the signals loaded. */
export async function readPanel(page: Page, timeoutMs = 30_000): Promise<PanelReading> {
  const frame = panel(page);
  const level = frame.getByTestId('risk-level');
  await level.waitFor({ state: 'attached', timeout: timeoutMs });
  // The signals come a moment later, for the account on view (PanelAccountDetail).
  await frame.getByTestId('signals-loading').waitFor({ state: 'detached', timeout: timeoutMs });
  return {
    accountName: ((await frame.getByTestId('account-name').textContent()) ?? '').trim(),
    riskLevel: ((await level.textContent()) ?? '').trim(),
    signalCount: await frame.getByTestId('signal-item').count(),
  };
}

export function median(xs: readonly number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? s[mid]! : Math.round((s[mid - 1]! + s[mid]!) / 2);
}

/** What the test needs of the `chrome` API inside the service worker (evaluated there, typed here). */
interface ChromeInWorker {
  chrome: {
    storage: Record<'local' | 'session', { get(keys: string | null): Promise<Record<string, unknown>> }>;
    permissions: { getAll(): Promise<{ permissions?: string[]; origins?: string[] }> };
  };
}

/** The permissions the extension holds right now (manifest + granted optional ones). */
export async function grantedPermissions(browser: ExtensionBrowser): Promise<{ permissions: string[]; origins: string[] }> {
  const worker = await browser.serviceWorker();
  return worker.evaluate(async () => {
    const { chrome } = globalThis as unknown as ChromeInWorker;
    const all = await chrome.permissions.getAll();
    return { permissions: all.permissions ?? [], origins: all.origins ?? [] };
  });
}

/** The session token, read where the service worker keeps it (`storage.session`): the tests' oracle. */
export async function sessionToken(browser: ExtensionBrowser): Promise<string> {
  const worker = await browser.serviceWorker();
  return worker.evaluate(async () => {
    const { chrome } = globalThis as unknown as ChromeInWorker;
    const got = await chrome.storage.session.get('session');
    return (got.session as { token?: string } | undefined)?.token ?? '';
  });
}

/** Everything in `storage.local` (the one extension storage area content scripts can read), as JSON. */
export async function storageLocalJson(browser: ExtensionBrowser): Promise<string> {
  const worker = await browser.serviceWorker();
  return worker.evaluate(async () => {
    const { chrome } = globalThis as unknown as ChromeInWorker;
    return JSON.stringify(await chrome.storage.local.get(null));
  });
}

/** What the service worker holds for a tab (its `storage.session` mirror): the context a content script reported. */
export interface TabRecordView {
  context: {
    site: string;
    pageType: string;
    url: string;
    emails: string[];
    domains: string[];
    crmRecord?: CrmRecordRef;
    linkedRecords?: CrmRecordRef[];
    recordName?: string;
  } | null;
  /** As the content script reported it, when the worker changed it for the lookup (own people out, remembered accounts in). */
  reported?: TabRecordView['context'];
  frameId: number;
  mounted: boolean;
  matches: { matchedBy: string; matchedValue: string; account: { id: string; name: string } }[];
  /** When the last answer came from the server. */
  fetchedAt?: string;
  loading: boolean;
}

async function tabIds(browser: ExtensionBrowser): Promise<number[]> {
  const worker = await browser.serviceWorker();
  return worker.evaluate(async () => {
    const { chrome } = globalThis as unknown as { chrome: { tabs: { query(q: object): Promise<{ id?: number }[]> } } };
    return (await chrome.tabs.query({})).map((t) => t.id ?? -1);
  });
}

/**
 * A new tab and its id as the extension knows it (the id keys the worker's record of the tab). The ids are the
 * tabs' (readable without the `tabs` permission): the one that was not there before.
 */
export async function newTab(browser: ExtensionBrowser): Promise<{ page: Page; tabId: number }> {
  await browser.serviceWorker();
  const before = new Set(await tabIds(browser));
  const page = await browser.newPage();
  const added = (await tabIds(browser)).filter((id) => !before.has(id));
  if (added.length !== 1) throw new Error(`expected one new tab, found ${added.length}`);
  return { page, tabId: added[0]! };
}

/** The service worker's record of a tab (the test oracle for detection), or undefined before any report. */
export async function tabRecord(browser: ExtensionBrowser, tabId: number): Promise<TabRecordView | undefined> {
  const worker = await browser.serviceWorker();
  return worker.evaluate(async (id) => {
    const { chrome } = globalThis as unknown as ChromeInWorker;
    const got = await chrome.storage.session.get('tabs');
    const record = (got.tabs as Record<string, TabRecordView & { shown?: TabRecordView['context'] }> | undefined)?.[String(id)];
    // `context` as looked up: the worker keeps the reported one too (`context`) and the one it looks up (`shown`).
    if (!record) return undefined;
    const { shown, ...rest } = record;
    return shown === undefined ? rest : { ...rest, context: shown, reported: record.context };
  }, tabId);
}

/** The panel's state (`loading`, `ready`, `empty`, `error`, `signed-out`, `unreachable`). */
export async function panelState(page: Page): Promise<string | null> {
  return panel(page).getByTestId('panel-state').getAttribute('data-state', { timeout: 10_000 });
}

/** The customers the panel's switcher lists (shown when a page names several), in order; [] without a switcher. */
export async function switcherNames(page: Page): Promise<string[]> {
  const switcher = panel(page).getByTestId('account-switcher');
  if ((await switcher.count()) === 0) return [];
  // The names only: each button also carries its level as a letter and in words for screen readers.
  return (await switcher.locator('.switcher__name').allTextContents()).map((s) => s.trim());
}

/** The tab's loading status as the browser reports it to the extension (`loading` or `complete`). */
export async function tabStatus(browser: ExtensionBrowser, tabId: number): Promise<string | undefined> {
  const worker = await browser.serviceWorker();
  return worker.evaluate(async (id) => {
    const { chrome } = globalThis as unknown as { chrome: { tabs: { get(id: number): Promise<{ status?: string }> } } };
    return (await chrome.tabs.get(id)).status;
  }, tabId);
}
