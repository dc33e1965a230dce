/**
 * Assertions several browser tests share: the worker's record of a tab (what detection reported, and the answer),
 * the panel listing the expected customers, the panel's Refresh, and a log of the panel's states.
 */
import type { Frame, Page } from 'playwright-core';
import { expect } from 'vitest';
import type { ExtensionBrowser } from './browser.js';
import type { expectedMatches } from './customers.js';
import { panel, readPanel, switcherNames, type TabRecordView, tabRecord } from './extension.js';

export interface Tab {
  page: Page;
  tabId: number;
}

/** The worker's record of the tab, once its content script has reported and the lookup is done. */
export async function reported(browser: ExtensionBrowser, tab: Tab, timeout = 30_000): Promise<TabRecordView> {
  let record: TabRecordView | undefined;
  await expect
    .poll(
      async () => {
        record = await tabRecord(browser, tab.tabId);
        return record !== undefined && !record.loading;
      },
      { timeout, message: `no report from the content script on ${tab.page.url()}` },
    )
    .toBe(true);
  return record!;
}

/** The panel's Refresh button (the worker asks the server again, past its cache); waits for the new answer. */
export async function refreshPanel(browser: ExtensionBrowser, tab: Tab): Promise<void> {
  const before = (await reported(browser, tab)).fetchedAt;
  await panel(tab.page).getByRole('button', { name: 'Refresh' }).click();
  await expect
    .poll(async () => (await reported(browser, tab)).fetchedAt !== before, { timeout: 30_000, message: 'the refresh brought no new answer' })
    .toBe(true);
}

/** The panel lists `want`: the first one shown (name, level, signals), and a switcher naming all when several. */
export async function expectPanelShows(page: Page, want: ReturnType<typeof expectedMatches>): Promise<void> {
  const shown = want[0]!.customer;
  await expect.poll(() => readPanel(page).then((r) => r.accountName), { timeout: 30_000 }).toBe(shown.name);
  expect(await readPanel(page)).toEqual({ accountName: shown.name, riskLevel: shown.level, signalCount: shown.signals.length });
  expect(await switcherNames(page)).toEqual(want.length > 1 ? want.map((m) => m.customer.name) : []);
}

/** The customers the panel lists right now: the switcher's, or the one shown. */
export async function panelCustomers(page: Page): Promise<string[]> {
  const names = await switcherNames(page);
  if (names.length) return names;
  const name = panel(page).getByTestId('account-name');
  return (await name.count()) ? [((await name.first().textContent()) ?? '').trim()] : [];
}

/** The panel's document (an extension page in the host page's iframe). */
export async function panelFrame(page: Page): Promise<Frame> {
  let frame: Frame | undefined;
  await expect
    .poll(() => {
      frame = page.frames().find((f) => f.url().startsWith('chrome-extension://') && f.url().includes('/panel.html'));
      return !!frame;
    })
    .toBe(true);
  return frame!;
}

/**
 * Records every state the panel goes through from now on (`<data-state>|<account name>`), from inside its own
 * document, so a state shown only for a moment ("No customer on this page" between two answers) is caught.
 */
export async function recordPanelStates(page: Page): Promise<() => Promise<string[]>> {
  const frame = await panelFrame(page);
  await frame.evaluate(() => {
    const w = window as unknown as { __e2eStates: string[] };
    w.__e2eStates = [];
    const note = () => {
      const state = document.querySelector('[data-testid="panel-state"]')?.getAttribute('data-state') ?? 'none';
      const name = document.querySelector('[data-testid="account-name"]')?.textContent?.trim() ?? '';
      const v = `${state}|${name}`;
      if (w.__e2eStates.at(-1) !== v) w.__e2eStates.push(v);
    };
    new MutationObserver(note).observe(document, { subtree: true, childList: true, attributes: true, characterData: true });
    note();
  });
  return () => frame.evaluate(() => (window as unknown as { __e2eStates: string[] }).__e2eStates.slice());
}
