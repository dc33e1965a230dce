/**
 * Zimbra's Classic web client (extension/src/sites/fixtures/generic-zimbra-mail.html, a reconstruction from
 * Zimbra/zm-web-client and Zimbra/zm-ajax at the commits it cites), enabled on the options page as a user would,
 * read by the generic adapter (recognised as webmail by its shell `#z_shell` on a `zimbra.` host).
 *
 * Zimbra writes the message body into an about:blank iframe by script (zm-ajax DwtIframe.js); the fixture has no
 * scripts, so the page served here adds one that writes an address-free body the same way, during parsing.
 * - With Zimbra's default preference (zimbraPrefShortEmailAddress: names in place of addresses) the reading pane
 *   names sender and recipients by display name only: nothing to look up, no panel — never a guessed customer.
 * - With the preference unchecked each address bubble shows `"Name" <address>`: the sender's customer.
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { ExtensionBrowser } from './harness/browser.js';
import { expectPanelShows, reported } from './harness/checks.js';
import { expectedMatches, fixtureHtml, SITE_FIXTURES, type SiteFixture } from './harness/customers.js';
import { newTab, openPanel, PANEL_IFRAME, PANEL_TOGGLE } from './harness/extension.js';
import { closeBrowsersAfterEach, describeE2E } from './harness/suite.js';
import type { FixtureServer } from './harness/tls.js';
import { launchWithSite, type SeededServer, startFixtureServer, startSeededServer } from './harness/world.js';

const zimbra = SITE_FIXTURES.find((f) => f.file === 'generic-zimbra-mail.html')!;
const origin = new URL(zimbra.url).origin;
const CUSTOMER = 'umbrella-logistics.example';

/** The body as Zimbra's ZmMailMsgView writes it into the about:blank iframe (DwtIframe), with no address in it. */
const BODY = '<div>Hi Jane,<br>invoice 88123 is now 30 days overdue. Could you check with your accounts team?<br>Ann Billing<br>Umbrella Logistics</div>';
const withBody = (html: string) =>
  html.replace(
    /(<iframe id="zv__TV-main__MSG_body__iframe"[^>]*><\/iframe>)/,
    `$1<script>(() => { const d = document.getElementById('zv__TV-main__MSG_body__iframe').contentDocument; d.open(); d.write(${JSON.stringify(`<!DOCTYPE html><html><body class="MsgBody MsgBody-text">${BODY}</body></html>`)}); d.close(); })();</script>`,
  );
/** The same page with "Display names in place of email addresses" unchecked: bubbles show `"Name" <address>`. */
const fullAddresses = (html: string) =>
  html
    .replace('<span>Ann Billing </span>', `<span>"Ann Billing" &lt;billing@${CUSTOMER}&gt; </span>`)
    .replace('<span>Umbrella Operations </span>', `<span>"Umbrella Operations" &lt;ops@${CUSTOMER}&gt; </span>`);

/**
 * A fixture-shaped stand-in for the unchecked-preference page: seeds that customer and states what it shows. Served
 * at `/?app=mail`, the start-app parameter the client's launch page reads (zm-web-client WebRoot/public/launchZCS.jsp
 * `getParameter(request, "app", "")`), so it is another URL of the same client.
 */
const unchecked: SiteFixture = {
  ...zimbra,
  url: `${origin}/?app=mail`,
  expected: { context: { pageType: 'webmail', emails: [`billing@${CUSTOMER}`, `ops@${CUSTOMER}`], domains: [CUSTOMER] } },
};

describeE2E('Zimbra webmail enabled on the options page', () => {
  let pages: FixtureServer | undefined;
  let world: SeededServer | undefined;
  let browser: ExtensionBrowser | undefined;

  beforeAll(async () => {
    pages = await startFixtureServer();
    world = await startSeededServer([unchecked]);
  });
  afterAll(async () => {
    await world?.server.stop();
    await pages?.close();
  });
  closeBrowsersAfterEach(() => [browser]);

  /** A browser signed in, with the webmail's origin added on the options page. */
  const browserWithSite = (): Promise<ExtensionBrowser> => launchWithSite(pages!, world!.server.url, origin);

  it('default preference (display names only): nothing to look up, no panel — the customer is not guessed', async () => {
    browser = await browserWithSite();
    pages!.serve(zimbra.url, withBody(fixtureHtml(zimbra)));
    const tab = await newTab(browser);
    await tab.page.goto(zimbra.url);
    // The page is the reading pane it should be: the sender by name, the body written into its iframe.
    await expect.poll(() => tab.page.locator('.addrBubble').first().textContent()).toBe('Ann Billing ');
    await expect.poll(() => tab.page.frameLocator('#zv__TV-main__MSG_body__iframe').locator('body').textContent()).toContain('invoice 88123');
    const record = await reported(browser, tab);
    expect(record.context).toBeNull();
    expect(record.mounted).toBe(false);
    expect(await tab.page.locator(PANEL_IFRAME).count()).toBe(0);
    expect(await tab.page.locator(PANEL_TOGGLE).count()).toBe(0);
  });

  it('preference unchecked (`"Name" <address>` bubbles): the sender’s customer', async () => {
    browser = await browserWithSite();
    pages!.serve(unchecked.url, withBody(fullAddresses(fixtureHtml(zimbra))));
    const tab = await newTab(browser);
    await tab.page.goto(unchecked.url);
    const record = await reported(browser, tab);
    expect(record.context).toMatchObject({ pageType: 'webmail', domains: [CUSTOMER] });
    expect(record.context?.emails).toEqual(expect.arrayContaining([`billing@${CUSTOMER}`, `ops@${CUSTOMER}`]));
    await openPanel(tab.page);
    const want = expectedMatches(world!.customers, unchecked.expected.context!);
    expect(want.length, 'a seeded customer').toBeGreaterThan(0);
    await expectPanelShows(tab.page, want);
  });
});
