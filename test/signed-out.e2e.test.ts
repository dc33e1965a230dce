/**
 * Without a session the panel on a customer's page says "signed out" and shows no account data: in a browser
 * that never signed in, after signing out of one that was showing that customer a moment before, and when the
 * session was ended elsewhere (signed out everywhere): the live stream's refusal signs the extension out too.
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { ExtensionBrowser } from './harness/browser.js';
import { type Customer, customerOf, fixtureFor } from './harness/customers.js';
import { EarshotApi } from './harness/api.js';
import { openOptions, openPanel, panel, readPanel, signIn } from './harness/extension.js';
import { closeBrowsersAfterEach, describeE2E } from './harness/suite.js';
import type { FixtureServer } from './harness/tls.js';
import { ANALYST, launchBrowser, type SeededServer, showFixture, startFixtureServer, startSeededServer } from './harness/world.js';

const fixtures = [fixtureFor('gmail', 'thread'), fixtureFor('salesforce', 'account')];

/** Everything in the worker's `storage.session`, as JSON. */
async function sessionStorageJson(browser: ExtensionBrowser): Promise<string> {
  const worker = await browser.serviceWorker();
  return worker.evaluate(async () => {
    const { chrome } = globalThis as unknown as { chrome: { storage: { session: { get(k: null): Promise<Record<string, unknown>> } } } };
    return JSON.stringify(await chrome.storage.session.get(null));
  });
}

async function expectSignedOut(page: Page, customer: Customer): Promise<void> {
  const frame = panel(page);
  await frame.locator('[data-testid="panel-state"][data-state="signed-out"]').waitFor({ state: 'visible', timeout: 20_000 });
  const text = (await frame.locator('body').textContent()) ?? '';
  expect(text).not.toContain(customer.name);
  expect(text).not.toContain(customer.level);
  expect(await frame.getByTestId('account-name').count()).toBe(0);
  expect(await frame.getByTestId('risk-level').count()).toBe(0);
  expect(await frame.getByTestId('signal-item').count()).toBe(0);
}

describeE2E('signed out', () => {
  let pages: FixtureServer | undefined;
  let world: SeededServer | undefined;
  let browser: ExtensionBrowser | undefined;

  beforeAll(async () => {
    pages = await startFixtureServer();
    world = await startSeededServer(fixtures);
  });
  afterAll(async () => {
    await world?.server.stop();
    await pages?.close();
  });
  closeBrowsersAfterEach(() => [browser]);

  it('never signed in: the panel shows the signed-out state on a webmail thread and a CRM record', async () => {
    browser = await launchBrowser(pages!);
    for (const f of fixtures) {
      showFixture(pages!, f);
      const page = await browser.newPage();
      await page.goto(f.url);
      await openPanel(page);
      await expectSignedOut(page, customerOf(world!.customers, f));
      await page.close();
    }
  });

  it('signed out after seeing the customer: the panel forgets the account data', async () => {
    const f = fixtures[1]!;
    const customer = customerOf(world!.customers, f);
    browser = await launchBrowser(pages!);
    await signIn(browser, { serverUrl: world!.server.url, email: ANALYST.email, password: ANALYST.password });
    showFixture(pages!, f);
    const page = await browser.newPage();
    await page.goto(f.url);
    await openPanel(page);
    expect(await readPanel(page)).toMatchObject({ accountName: customer.name, riskLevel: customer.level });

    const options = await openOptions(browser);
    await options.getByTestId('sign-out').click();
    await options.getByTestId('sign-in-submit').waitFor({ state: 'visible', timeout: 15_000 });
    await options.close();

    // The open panel follows at once, and a fresh load of the page stays signed out.
    await expectSignedOut(page, customer);
    // Nothing read of the page or looked up stays in the worker's session storage.
    const kept = await sessionStorageJson(browser);
    expect(kept).not.toContain(customer.name);
    expect(kept).not.toContain(new URL(f.url).hostname);
    expect(kept).not.toMatch(/"visits:/);
    await page.reload();
    await openPanel(page);
    await expectSignedOut(page, customer);
  });

  it('signed out everywhere from elsewhere: the open panel notices (the live stream is refused) and forgets the account', async () => {
    const f = fixtures[0]!;
    const customer = customerOf(world!.customers, f);
    browser = await launchBrowser(pages!);
    await signIn(browser, { serverUrl: world!.server.url, email: ANALYST.email, password: ANALYST.password });
    showFixture(pages!, f);
    const page = await browser.newPage();
    await page.goto(f.url);
    await openPanel(page);
    expect(await readPanel(page)).toMatchObject({ accountName: customer.name, riskLevel: customer.level });

    // The same user, on another device, ends every session: the server ends the extension's stream and refuses the next.
    const elsewhere = new EarshotApi(world!.server.url);
    await elsewhere.signIn(ANALYST.email, ANALYST.password);
    await elsewhere.request('mutation { signOut(input: { everywhere: true }) { ok } }');
    await expectSignedOut(page, customer);
    const kept = await sessionStorageJson(browser);
    expect(kept).not.toContain(customer.name);
    expect(kept).not.toMatch(/"session"/);
  });
});
