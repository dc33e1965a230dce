/**
 * Offline capture: with the server down, a signal captured in the popup is kept as pending and delivered exactly
 * once when the server is back — also when the browser itself was restarted while it waited.
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { ExtensionBrowser } from './harness/browser.js';
import { type Customer, customerOf, fixtureFor } from './harness/customers.js';
import { openPanel, readPanel, signIn } from './harness/extension.js';
import { freshTmpDir } from './harness/paths.js';
import { closeBrowsersAfterEach, describeE2E } from './harness/suite.js';
import type { FixtureServer } from './harness/tls.js';
import { ANALYST, launchBrowser, type SeededServer, showFixture, startFixtureServer, startSeededServer } from './harness/world.js';

const f = fixtureFor('salesforce', 'account');

/**
 * The popup of the tab `tab`: popup.html asks the service worker for the active tab's customer, so it is
 * opened in a tab of its own, the customer's tab is brought to the front, and the popup loads again.
 */
async function popupFor(browser: ExtensionBrowser, tab: Page): Promise<Page> {
  const popup = await browser.newPage();
  await popup.goto(browser.extensionUrl('popup.html'));
  await tab.bringToFront();
  await popup.reload();
  await popup.getByTestId('capture-form').waitFor({ timeout: 15_000 });
  await popup.bringToFront();
  return popup;
}

/** Captures one signal in the popup and returns its note; the server is down, so it must end up pending. */
async function captureWhileOffline(popup: Page, customer: Customer, note: string): Promise<void> {
  // The tab's customer is pre-selected from what the panel last saw, although the server is gone.
  await expect.poll(() => popup.getByTestId('capture-account').getAttribute('data-account-id'), { timeout: 10_000 }).toBe(customer.id);
  await popup.locator('[data-testid="signal-chip"][data-type="PREMISES_RUNDOWN"]').click();
  await popup.locator('[data-testid="capture-severity"] input[value="3"]').check();
  await popup.getByTestId('capture-note').fill(note);
  await popup.getByTestId('capture-submit').click();
  await expect.poll(() => popup.getByTestId('capture-status').getAttribute('data-status'), { timeout: 20_000 }).toBe('pending');
  await expect.poll(() => pendingNames(popup), { timeout: 10_000 }).toEqual([customer.name]);
}

/** The customers named in the popup's pending list (one entry per waiting capture). */
async function pendingNames(popup: Page): Promise<string[]> {
  return popup.locator('[data-testid="pending-item"] strong').allTextContents();
}

describeE2E('offline capture', () => {
  let pages: FixtureServer | undefined;
  let world: SeededServer | undefined;
  let browser: ExtensionBrowser | undefined;
  let customer: Customer;

  beforeAll(async () => {
    pages = await startFixtureServer();
    world = await startSeededServer([f]);
    customer = customerOf(world.customers, f);
    showFixture(pages, f);
  });
  afterAll(async () => {
    await world?.server.stop();
    await pages?.close();
  });
  closeBrowsersAfterEach(() => [browser]);

  /** Signed in, on the customer's page with the panel showing them: the state a salesperson is in. */
  async function onCustomerPage(userDataDir?: string): Promise<Page> {
    if (!world!.server.running) await world!.server.start();
    browser = await launchBrowser(pages!, userDataDir ? { userDataDir } : {});
    await signIn(browser, { serverUrl: world!.server.url, email: ANALYST.email, password: ANALYST.password });
    const page = await browser.newPage();
    await page.goto(f.url);
    await openPanel(page);
    expect(await readPanel(page)).toMatchObject({ accountName: customer.name, riskLevel: customer.level });
    return page;
  }

  /** Polls the server (as the admin) until the capture arrived; returns how many signals carry that note. */
  async function deliveredCopies(note: string, keepAwake: Page, timeoutMs = 90_000): Promise<number> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const { signals } = await world!.api.accountSignals(customer.id!);
      const copies = signals.filter((s) => s.note === note);
      if (copies.length > 0) {
        expect(copies[0]).toMatchObject({ type: 'PREMISES_RUNDOWN', severity: 3 });
        return copies.length;
      }
      if (Date.now() > deadline) throw new Error(`capture "${note}" not delivered within ${timeoutMs} ms`);
      // A person glancing at the popup now and then: each load is a message that lets a due retry run.
      await keepAwake.reload();
      await keepAwake.waitForTimeout(2_000);
    }
  }

  it('captured with the server stopped: pending, then delivered exactly once after the server restarts', async () => {
    const page = await onCustomerPage();
    await world!.server.stop();

    const note = `Offline capture ${Date.now()}: loading bay closed, staff sent home.`;
    const popup = await popupFor(browser!, page);
    await captureWhileOffline(popup, customer, note);

    await world!.server.start(); // same data directory, same port
    const started = Date.now();
    expect(await deliveredCopies(note, popup)).toBe(1);
    console.log(`e2e: offline capture delivered ${Date.now() - started} ms after the server was back`);
    await expect.poll(() => pendingNames(popup), { timeout: 15_000 }).toEqual([]);
    // Nothing is sent twice afterwards.
    await popup.reload();
    await popup.waitForTimeout(3_000);
    expect((await world!.api.accountSignals(customer.id!)).signals.filter((s) => s.note === note)).toHaveLength(1);
  });

  it('the browser restarted while the capture waited: still delivered exactly once', async () => {
    const profile = freshTmpDir('profile');
    const page = await onCustomerPage(profile);
    await world!.server.stop();

    const note = `Pending across a browser restart ${Date.now()}: new owner, old debts.`;
    const popup = await popupFor(browser!, page);
    await captureWhileOffline(popup, customer, note);

    // Quit the browser while the capture waits; start it again on the same profile.
    await browser!.close();
    browser = await launchBrowser(pages!, { userDataDir: profile });
    const again = await browser.newPage();
    await again.goto(browser.extensionUrl('popup.html'));
    await expect.poll(() => pendingNames(again), { timeout: 15_000 }).toEqual([customer.name]);

    await world!.server.start();
    expect(await deliveredCopies(note, again)).toBe(1);
    await expect.poll(() => pendingNames(again), { timeout: 15_000 }).toEqual([]);
    await again.reload();
    await again.waitForTimeout(3_000);
    expect((await world!.api.accountSignals(customer.id!)).signals.filter((s) => s.note === note)).toHaveLength(1);
  });
});
