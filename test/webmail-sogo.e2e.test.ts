/**
 * A second self-hosted webmail, SOGo 5 (AngularJS), enabled on the options page as a user would: the generic
 * adapter reads the open message where SOGo renders it — in the same document as the folder's message list (no
 * preview iframe), and in the message's own window (UIxMailPopupView). Both fixtures are reconstructions of SOGo
 * from its source (extension/src/sites/fixtures/generic.ts, generic-sogo-*.html).
 *
 * Also, in a real layout: addresses a page keeps out of sight (moved off-screen, clipped, sr-only, inside a
 * zero-size box, aria-hidden) naming another customer are not taken for the sender; and selecting another
 * message in the three-pane view (SOGo re-renders `#detailView` and changes the `#!/Mail/…` route, no load)
 * switches the panel's customer.
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { ExtensionBrowser } from './harness/browser.js';
import { expectPanelShows, panelCustomers, recordPanelStates, reported, type Tab } from './harness/checks.js';
import { expectedMatches, fixtureFor, fixtureHtml, type SiteFixture } from './harness/customers.js';
import { median, newTab, openPanel, panel, readPanel } from './harness/extension.js';
import { closeBrowsersAfterEach, describeE2E } from './harness/suite.js';
import type { FixtureServer } from './harness/tls.js';
import { launchWithSite, type SeededServer, showFixture, startFixtureServer, startSeededServer } from './harness/world.js';

const threePane = fixtureFor('generic', 'sogo-mail');
const ownWindow = fixtureFor('generic', 'sogo-popup');
const origin = new URL(threePane.url).origin;
const OTHER = 'globex-industrial.example';

/** A fixture-shaped stand-in naming `domain`'s billing address: for seeding that customer and for expectations. */
const naming = (f: SiteFixture, domain: string, url = f.url): SiteFixture => ({
  ...f,
  url,
  expected: { context: { pageType: 'webmail', emails: [`billing@${domain}`, `ops@${domain}`], domains: [domain] } },
});

/** Another customer's addresses, kept in the message body where no user can see them. */
const HIDDEN = [
  `<span style="position:absolute;left:-9999px">Forwarded for ap@${OTHER}</span>`,
  `<span style="position:absolute;width:1px;height:1px;padding:0;margin:-1px;overflow:hidden;clip:rect(0,0,0,0);border:0">ap@${OTHER}</span>`,
  `<span style="clip-path:inset(100%)">ap@${OTHER}</span>`,
  `<div style="width:0;height:0;overflow:hidden"><a href="mailto:ap@${OTHER}">AP</a></div>`,
  `<div style="max-height:0;overflow:hidden">Quoted: from ap@${OTHER}</div>`,
  `<span aria-hidden="true" title="ap@${OTHER}">.</span>`,
  `<div style="transform:translateX(-200vw)">ap@${OTHER}</div>`,
].join('');
const withHidden = (html: string) => html.replace('<div class="md-flex sg-mail-part" tabindex="-1">', `<div class="md-flex sg-mail-part" tabindex="-1">${HIDDEN}`);

/** SOGo's three-pane view after a click on another row: the message view re-rendered, the route changed. */
const otherMessage = naming(threePane, OTHER, threePane.url.replace(/\/1042$/, '/1043'));

describeE2E('SOGo webmail enabled on the options page', () => {
  let pages: FixtureServer | undefined;
  let world: SeededServer | undefined;
  let browser: ExtensionBrowser | undefined;
  const timings: number[] = [];

  beforeAll(async () => {
    pages = await startFixtureServer();
    world = await startSeededServer([threePane, ownWindow, otherMessage]);
  });
  afterAll(async () => {
    if (timings.length) console.info(`SOGo: page load → risk level, median of ${timings.length}: ${median(timings)} ms (${timings.join(', ')})`);
    await world?.server.stop();
    await pages?.close();
  });
  closeBrowsersAfterEach(() => [browser]);

  /** A browser signed in, with the webmail's origin added on the options page. */
  const browserWithSite = (): Promise<ExtensionBrowser> => launchWithSite(pages!, world!.server.url, origin);

  /** Opens `url`, times `goto` → the risk level in the (closed) panel, checks what was detected and the panel. */
  async function visit(f: SiteFixture, url = f.url): Promise<Tab> {
    const tab = await newTab(browser!);
    const want = expectedMatches(world!.customers, f.expected.context!);
    expect(want.length, 'a seeded customer').toBeGreaterThan(0);
    const started = performance.now();
    await tab.page.goto(url, { waitUntil: 'commit' });
    await panel(tab.page).getByTestId('risk-level').waitFor({ state: 'attached', timeout: 30_000 });
    timings.push(Math.round(performance.now() - started));
    const ctx = f.expected.context!;
    expect((await reported(browser!, tab)).context).toMatchObject({ pageType: ctx.pageType, emails: ctx.emails, domains: ctx.domains });
    await openPanel(tab.page);
    await expectPanelShows(tab.page, want);
    return tab;
  }

  it('three-pane view (message list, message view in the same document) and the message’s own window: the sender’s customer', async () => {
    browser = await browserWithSite();
    for (const f of [threePane, ownWindow]) {
      showFixture(pages!, f);
      // Twice each, for the median.
      for (let i = 0; i < 2; i++) await (await visit(f)).page.close();
    }
  });

  it('addresses kept out of sight (off-screen, clipped, sr-only, zero-size, aria-hidden) are not taken for the sender', async () => {
    browser = await browserWithSite();
    const url = `${origin}/SOGo/so/jane.seller/Mail/UIxMailPopupView#!/Mail/0/INBOX/1044`;
    pages!.serve(url, withHidden(fixtureHtml(ownWindow)));
    const tab = await visit(ownWindow, url);
    // The hidden text is on the page and laid out (not display:none): only its visibility keeps it out.
    expect(await tab.page.locator(`text=ap@${OTHER}`).count()).toBeGreaterThan(0);
    expect((await reported(browser, tab)).context?.emails.join(' ')).not.toContain(OTHER);
    expect(await panelCustomers(tab.page)).not.toContain(expectedMatches(world!.customers, otherMessage.expected.context!)[0]!.customer.name);
  });

  it('three-pane view: selecting another message (re-rendered view, new route, no load) switches the customer', async () => {
    browser = await browserWithSite();
    showFixture(pages!, threePane);
    const tab = await visit(threePane);
    const { page } = tab;
    const first = expectedMatches(world!.customers, threePane.expected.context!)[0]!.customer;
    const next = expectedMatches(world!.customers, otherMessage.expected.context!)[0]!.customer;
    expect(next.name).not.toBe(first.name);
    const states = await recordPanelStates(page);
    const loads = pages!.requests.length;

    // As SOGo does on a click in the list: the route changes and Angular renders the new message into #detailView.
    await page.evaluate(
      ({ from, to, hash }) => {
        const view = document.querySelector('#detailView')!;
        view.innerHTML = view.innerHTML.replaceAll(from, to).replace('Invoice 88123 overdue', 'Remittance advice');
        location.hash = hash;
      },
      { from: 'umbrella-logistics.example', to: OTHER, hash: new URL(otherMessage.url).hash },
    );
    await expect.poll(() => panelCustomers(page), { timeout: 30_000 }).toContain(next.name);
    await expectPanelShows(page, expectedMatches(world!.customers, otherMessage.expected.context!));
    expect((await reported(browser, tab)).context).toMatchObject({ emails: otherMessage.expected.context!.emails });
    expect(pages!.requests.length, 'no page load').toBe(loads);
    expect((await states()).filter((s) => s.startsWith('empty|'))).toEqual([]);
    expect((await readPanel(page)).riskLevel).not.toBe('');
  });
});
