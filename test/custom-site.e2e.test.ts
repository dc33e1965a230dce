/**
 * A site that is not built in (a self-hosted webmail on the customer's own domain): Earshot does nothing there
 * until the user adds it on the options page (a click, so the browser grants the host permission), then the
 * panel appears on the next load with the right customer.
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { ExtensionBrowser } from './harness/browser.js';
import { CUSTOM_SITE_PAGE, customerOf, fixtureFor } from './harness/customers.js';
import { addCustomSite, allowSiteInBrowserSettings, grantedPermissions, openPanel, PANEL_IFRAME, PANEL_TOGGLE, readPanel, signIn } from './harness/extension.js';
import { closeBrowsersAfterEach, describeE2E } from './harness/suite.js';
import type { FixtureServer } from './harness/tls.js';
import { ANALYST, launchBrowser, type SeededServer, showFixture, startFixtureServer, startSeededServer } from './harness/world.js';

const f = fixtureFor(CUSTOM_SITE_PAGE.site, CUSTOM_SITE_PAGE.page);
const origin = new URL(f.url).origin;

describeE2E('a custom site enabled on the options page', () => {
  let pages: FixtureServer | undefined;
  let world: SeededServer | undefined;
  let browser: ExtensionBrowser | undefined;

  beforeAll(async () => {
    pages = await startFixtureServer();
    world = await startSeededServer([f]);
  });
  afterAll(async () => {
    await world?.server.stop();
    await pages?.close();
  });
  closeBrowsersAfterEach(() => [browser]);

  it(`${new URL(f.url).host}: no panel until added, then the customer on reload`, async () => {
    const customer = customerOf(world!.customers, f);
    browser = await launchBrowser(pages!);
    await signIn(browser, { serverUrl: world!.server.url, email: ANALYST.email, password: ANALYST.password });
    showFixture(pages!, f);

    const page = await browser.newPage();
    await page.goto(f.url);
    // Not a built-in site and not enabled: no content script, so nothing is added to the page.
    await page.waitForTimeout(1_500);
    expect(await page.locator(PANEL_IFRAME).count()).toBe(0);
    expect(await page.locator(PANEL_TOGGLE).count()).toBe(0);

    // The browser-level consent (see allowSiteInBrowserSettings), then the options page flow, typed the way a
    // person would: the bare host name.
    await allowSiteInBrowserSettings(browser, origin);
    const listed = await addCustomSite(browser, new URL(f.url).host, origin);
    expect(listed).toEqual([expect.stringContaining(origin)]);
    // Exactly that origin was granted, nothing wider.
    const granted = await grantedPermissions(browser);
    expect(granted.origins).toContain(`${origin}/*`);
    expect(granted.origins.filter((o) => o.includes('*://*') || o === 'https://*/*' || o === '<all_urls>')).toEqual([]);

    await page.bringToFront();
    await page.reload();
    await openPanel(page);
    expect(await readPanel(page)).toEqual({
      accountName: customer.name,
      riskLevel: customer.level,
      signalCount: customer.signals.length,
    });
  });
});
