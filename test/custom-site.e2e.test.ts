/**
 * A site that is not built in: a self-hosted webmail on the user's company's own mail host. Earshot does nothing
 * there until the user adds it on the options page (a click, so the browser grants the host permission); then
 * the generic adapter reads the message where the webmail shows it:
 * - the full message view (`_action=show`): the sender's customer, on the next load;
 * - the three-pane view, where the message is in a same-origin preview iframe: the sender's customer; selecting
 *   another message loads another preview URL into that iframe and the panel switches customer; and a subframe
 *   load is never taken for a navigation of the tab (it used to wipe the tab's state: "No customer on this page").
 *
 * The pages are the generic adapter's webmail fixtures (extension/src/sites/fixtures/generic.ts), every one served
 * at its URL, path and query (the preview iframe loads another fixture's URL on the same host).
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { ExtensionBrowser } from './harness/browser.js';
import { expectPanelShows, panelCustomers, recordPanelStates, reported, type Tab } from './harness/checks.js';
import { CUSTOM_SITE_PAGE, expectedMatches, type FixtureFrame, fixtureFor, frameHtml, framesOf, type SiteFixture, webmailFixtures } from './harness/customers.js';
import {
  addCustomSite,
  allowSiteInBrowserSettings,
  grantedPermissions,
  newTab,
  openPanel,
  PANEL_IFRAME,
  PANEL_TOGGLE,
  readPanel,
  signIn,
  tabRecord,
  tabStatus,
} from './harness/extension.js';
import { closeBrowsersAfterEach, describeE2E } from './harness/suite.js';
import type { FixtureServer } from './harness/tls.js';
import { ANALYST, launchBrowser, launchWithSite, type SeededServer, showFixture, startFixtureServer, startSeededServer } from './harness/world.js';

/** Match patterns of the content scripts the extension registered at run time (the user's custom sites). */
async function registeredScriptMatches(b: ExtensionBrowser): Promise<string[]> {
  const worker = await b.serviceWorker();
  return worker.evaluate(async () => {
    const { chrome } = globalThis as unknown as { chrome: { scripting: { getRegisteredContentScripts(): Promise<{ matches?: string[] }[]> } } };
    return (await chrome.scripting.getRegisteredContentScripts()).flatMap((s) => s.matches ?? []);
  });
}

const mail = webmailFixtures();
/** The full message view: Roundcube's `_action=show` (the first such page, else the legacy fixture). */
const fullView = mail.find((f) => /[?&]_action=show\b/.test(f.url)) ?? fixtureFor(CUSTOM_SITE_PAGE.site, CUSTOM_SITE_PAGE.page);
const origin = new URL(fullView.url).origin;
const onHost = mail.filter((f) => new URL(f.url).origin === origin);

const sameUrl = (a: string, b: string) => new URL(a).href.replace(/#.*$/, '') === new URL(b).href.replace(/#.*$/, '');

/** The three-pane view: a page whose message is in a same-origin preview iframe (`frames` in the index). */
const threePane = onHost.find((f) => framesOf(f).length > 0);
const preview = threePane ? framesOf(threePane)[0] : undefined;

/**
 * Another message to select in the three-pane view: the same preview page from another customer (their domain for
 * the first one's, at the next uid), as the webmail's preview of the next message in the list.
 */
function anotherMessage(top: SiteFixture, frame: FixtureFrame): { fixture: SiteFixture; html: string; url: string } {
  const ctx = top.expected.context!;
  const from = ctx.domains[0]!;
  const to = from === 'globex-industrial.example' ? 'acme-tools.example' : 'globex-industrial.example';
  const swap = (x: string) => x.replaceAll(from, to);
  const url = frame.url.replace(/([?&]_uid=)(\d+)/, (_m, k: string, n: string) => `${k}${Number(n) - 1}`);
  const context = { ...ctx, emails: ctx.emails.map(swap), domains: ctx.domains.map(swap) };
  return { fixture: { ...top, url, expected: { context } }, html: swap(frameHtml(frame)), url };
}
const second = threePane && preview ? anotherMessage(threePane, preview) : undefined;

describeE2E('a self-hosted webmail enabled on the options page', () => {
  let pages: FixtureServer | undefined;
  let world: SeededServer | undefined;
  let browser: ExtensionBrowser | undefined;

  beforeAll(async () => {
    pages = await startFixtureServer();
    world = await startSeededServer([...onHost.filter((f) => f.expected.context), ...(second ? [second.fixture] : [])]);
  });
  afterAll(async () => {
    await world?.server.stop();
    await pages?.close();
  });
  closeBrowsersAfterEach(() => [browser]);

  /** A browser signed in, with the webmail's origin added on the options page. */
  const browserWithSite = (): Promise<ExtensionBrowser> => launchWithSite(pages!, world!.server.url, origin);

  it(`${new URL(fullView.url).host}: no panel until added, then the full message view shows the sender’s customer`, async () => {
    const want = expectedMatches(world!.customers, fullView.expected.context!);
    browser = await launchBrowser(pages!);
    await signIn(browser, { serverUrl: world!.server.url, email: ANALYST.email, password: ANALYST.password });
    showFixture(pages!, fullView);

    const page = await browser.newPage();
    await page.goto(fullView.url);
    // Not a built-in site and not enabled: the page has loaded, and nothing can run on it (no host permission for
    // the origin, no content script registered for it; the manifest's own matches are checked in
    // manifest.e2e.test.ts), so nothing is added to the page and the worker keeps no state for it.
    await page.waitForLoadState('load');
    expect(await registeredScriptMatches(browser)).not.toContainEqual(expect.stringContaining(new URL(origin).host));
    expect((await grantedPermissions(browser)).origins).not.toContainEqual(expect.stringContaining(new URL(origin).host));
    expect(await page.locator(PANEL_IFRAME).count()).toBe(0);
    expect(await page.locator(PANEL_TOGGLE).count()).toBe(0);

    // The browser-level consent (see allowSiteInBrowserSettings), then the options page flow, typed the way a
    // person would: the bare host name.
    await allowSiteInBrowserSettings(browser, origin);
    const listed = await addCustomSite(browser, new URL(fullView.url).host, origin);
    expect(listed).toEqual([expect.stringContaining(origin)]);
    // Exactly that origin was granted, nothing wider.
    const granted = await grantedPermissions(browser);
    expect(granted.origins).toContain(`${origin}/*`);
    expect(granted.origins.filter((o) => o.includes('*://*') || o === 'https://*/*' || o === '<all_urls>')).toEqual([]);

    await page.bringToFront();
    await page.reload();
    await openPanel(page);
    expect(want.length).toBeGreaterThan(0);
    await expectPanelShows(page, want);
  });

  it.skipIf(!threePane || !preview || !second)(
    `three-pane view: the preview iframe’s sender, another message selected switches customer, a subframe load keeps the tab’s state`,
    async () => {
      const [top, first, next] = [threePane!, preview!, second!];
      browser = await browserWithSite();
      for (const f of onHost) showFixture(pages!, f);
      pages!.serve(next.url, next.html);

      const tab: Tab = await newTab(browser);
      const { page } = tab;
      await page.goto(top.url);
      // The preview is a same-origin iframe loading its own URL from the fixture server.
      await expect.poll(() => page.frames().some((fr) => sameUrl(fr.url(), first.url))).toBe(true);
      const ctx = top.expected.context!;
      const record = await reported(browser, tab);
      expect(record.context).toMatchObject({ pageType: ctx.pageType, emails: ctx.emails, domains: ctx.domains });
      await openPanel(page);
      const firstWant = expectedMatches(world!.customers, ctx);
      await expectPanelShows(page, firstWant);
      const firstCustomer = firstWant[0]!.customer;
      const nextWant = expectedMatches(world!.customers, next.fixture.expected.context!);
      const secondCustomer = nextWant[0]!.customer;
      expect(secondCustomer.name).not.toBe(firstCustomer.name);
      const states = await recordPanelStates(page);

      // Select another message: a link in the list targeting the preview iframe is followed, or else the preview
      // iframe is sent to the message's preview URL, as the webmail's own script does on a click in the list.
      const loads = (url: string) => pages!.requests.filter((r) => sameUrl(`https://${r}`, url)).length;
      const selectMessage = async (url: string) => {
        const want = new URL(url).href;
        const before = loads(want);
        const how = await page.evaluate(({ href, selector }) => {
          const frames = [...document.querySelectorAll('iframe')];
          const links = [...document.querySelectorAll<HTMLAnchorElement>('a[target][href]')];
          const link = links.find((a) => a.href === href && frames.some((f) => f.name && f.name === a.target));
          if (link) {
            link.click();
            return 'link';
          }
          const pane = document.querySelector<HTMLIFrameElement>(selector);
          if (!pane?.contentWindow) return 'none';
          pane.contentWindow.location.href = href;
          return 'script';
        }, { href: want, selector: first.selector });
        expect(how, 'the three-pane page has a preview iframe').not.toBe('none');
        await expect.poll(() => loads(want), { timeout: 15_000, message: `the preview iframe did not load ${want}` }).toBeGreaterThan(before);
        await expect.poll(() => page.frames().some((fr) => sameUrl(fr.url(), want))).toBe(true);
        // The tab is done loading (the worker has had the tab's `loading` and `complete` for the subframe).
        await expect.poll(() => tabStatus(browser!, tab.tabId), { timeout: 15_000 }).toBe('complete');
      };

      await selectMessage(next.url);
      await expect.poll(() => panelCustomers(page), { timeout: 30_000 }).toContain(secondCustomer.name);
      await expectPanelShows(page, nextWant);
      expect((await reported(browser, tab)).context).toMatchObject({ emails: next.fixture.expected.context!.emails });
      // The panel went from one customer to the other without ever saying there was none.
      expect((await states()).filter((s) => s.startsWith('empty|'))).toEqual([]);

      // The first message again, then loaded once more (the webmail refreshing its preview): a subframe load with
      // nothing new to report must leave the tab's state as it was.
      await selectMessage(first.url);
      await expect.poll(() => panelCustomers(page), { timeout: 30_000 }).toContain(firstCustomer.name);
      await selectMessage(first.url);
      const kept = await tabRecord(browser, tab.tabId);
      expect(kept?.context?.emails, 'the tab’s state after a subframe load').toEqual(ctx.emails);
      await expectPanelShows(page, firstWant);
      expect((await readPanel(page)).riskLevel).not.toBe('');
      expect((await states()).filter((s) => s.startsWith('empty|'))).toEqual([]);
    },
  );
});
