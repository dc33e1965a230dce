/**
 * "Credit data never enters the host page" (ARCHITECTURE.md), checked from the host page's own JavaScript world:
 * with the panel open and showing the customer, a script of the page finds neither the account name, nor the
 * risk level, nor the session token in its document, attributes, storage or received messages, and cannot read
 * the panel's document.
 */
import { RISK_LEVEL_LABEL, type RiskLevel } from '@earshot/shared';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { ExtensionBrowser } from './harness/browser.js';
import { type Customer, customerOf, fixtureFor, fixtureHtml } from './harness/customers.js';
import { openPanel, PANEL_IFRAME, PANEL_TOGGLE, readPanel, sessionToken, signIn, storageLocalJson } from './harness/extension.js';
import { describeE2E, screenshotOnFailure } from './harness/suite.js';
import type { FixtureServer } from './harness/tls.js';
import { ANALYST, launchBrowser, type SeededServer, showFixture, startFixtureServer, startSeededServer } from './harness/world.js';

/** A webmail page and a CRM record page: the two shapes of host page. */
const fixtures = [fixtureFor('gmail', 'thread'), fixtureFor('dynamics', 'account')];

/** Everything a host-page script can look at, gathered in the page's main world. */
interface HostView {
  text: string;
  attributes: string[];
  storage: string;
  messages: string[];
  panelDocument: string;
  panelWindowDocument: string;
  iframeCount: number;
}

describeE2E('host-page isolation', () => {
  let pages: FixtureServer | undefined;
  let world: SeededServer | undefined;
  let browser: ExtensionBrowser | undefined;
  let token = '';

  beforeAll(async () => {
    pages = await startFixtureServer();
    world = await startSeededServer(fixtures);
    browser = await launchBrowser(pages);
    await signIn(browser, { serverUrl: world.server.url, email: ANALYST.email, password: ANALYST.password });
    token = await sessionToken(browser);
    expect(token.length).toBeGreaterThan(16);
  });

  afterAll(async () => {
    await browser?.close();
    await world?.server.stop();
    await pages?.close();
  });

  screenshotOnFailure(() => browser);

  for (const f of fixtures) {
    it(`${f.site}: a script of ${new URL(f.url).host} sees that the panel exists, nothing more`, async () => {
      const customer: Customer = customerOf(world!.customers, f);
      // Preconditions: the secrets looked for are not on the fixture page to begin with.
      const html = fixtureHtml(f);
      expect(html).not.toContain(customer.name);
      expect(html).not.toContain(customer.level);

      showFixture(pages!, f);
      const page = await browser!.newPage();
      // Like any page script, record every message posted to the host window from the start.
      await page.addInitScript(() => {
        const seen: string[] = [];
        (window as unknown as { __seenMessages: string[] }).__seenMessages = seen;
        window.addEventListener('message', (e) => {
          try {
            seen.push(typeof e.data === 'string' ? e.data : JSON.stringify(e.data));
          } catch {
            seen.push(String(e.data));
          }
        });
      });
      await page.goto(f.url);
      await openPanel(page);
      expect(await readPanel(page)).toMatchObject({ accountName: customer.name, riskLevel: customer.level });

      const view: HostView = await page.evaluate((iframeSelector) => {
        const attributes: string[] = [];
        for (const el of document.querySelectorAll('*')) {
          for (const a of el.attributes) attributes.push(`${el.localName}[${a.name}]=${a.value}`);
        }
        const iframe = document.querySelector<HTMLIFrameElement>(iframeSelector);
        let panelWindowDocument = 'readable';
        try {
          void iframe?.contentWindow?.document.body;
        } catch (e) {
          panelWindowDocument = `blocked: ${(e as Error).name}`;
        }
        const dump = (s: Storage) => Object.keys(s).map((k) => `${k}=${s.getItem(k)}`).join('\n');
        return {
          text: `${document.documentElement.textContent}\n${document.title}`,
          attributes,
          storage: `${dump(localStorage)}\n${dump(sessionStorage)}\n${document.cookie}`,
          messages: (window as unknown as { __seenMessages: string[] }).__seenMessages,
          panelDocument: iframe?.contentDocument === null ? 'null' : 'readable',
          panelWindowDocument,
          iframeCount: document.querySelectorAll(iframeSelector).length,
        };
      }, PANEL_IFRAME);

      // The panel is there, as an iframe the page cannot look into.
      expect(view.iframeCount).toBe(1);
      expect(view.panelDocument).toBe('null');
      expect(view.panelWindowDocument).toBe('blocked: SecurityError');
      // The toggle shows the level (its letter, its words as the button's name) inside its own extension frame,
      // which the page cannot read either: the same words must not be anywhere in the host page.
      const levelWords = RISK_LEVEL_LABEL[customer.level as RiskLevel];
      const toggleButton = page.frameLocator(PANEL_TOGGLE).getByTestId('toggle-button');
      await expect.poll(() => toggleButton.getAttribute('aria-label'), { timeout: 10_000 }).toBe(`Earshot: ${levelWords} — close panel`);
      expect(await page.evaluate((sel) => document.querySelector<HTMLIFrameElement>(sel)?.contentDocument === null, PANEL_TOGGLE)).toBe(true);
      // No credit data and no token anywhere the page can read.
      for (const secret of [customer.name, customer.level, levelWords, token]) {
        expect(view.text).not.toContain(secret);
        expect(view.attributes.filter((a) => a.includes(secret))).toEqual([]);
        expect(view.storage).not.toContain(secret);
        expect(view.messages.filter((m) => m.includes(secret))).toEqual([]);
      }
      // The panel's address carries no data either: just the extension page.
      const src = await page.locator(PANEL_IFRAME).getAttribute('src');
      expect(src).toBe(browser!.extensionUrl('panel.html'));
      await page.close();
    });
  }

  it('a page that takes Earshot out of its document (and changes nothing else) has it back, panel and customer included', async () => {
    const f = fixtures[1]!;
    const customer: Customer = customerOf(world!.customers, f);
    showFixture(pages!, f);
    const page = await browser!.newPage();
    await page.goto(f.url);
    await openPanel(page);
    expect(await readPanel(page)).toMatchObject({ accountName: customer.name });
    // What a framework re-rendering the document does: our root goes, nothing of the page's own changes.
    const removed = await page.evaluate(() => {
      document.querySelector('earshot-root')?.remove();
      return document.querySelector('earshot-root') === null;
    });
    expect(removed).toBe(true);
    await expect.poll(() => page.evaluate(() => document.querySelector('earshot-root')?.isConnected ?? false), { timeout: 10_000 }).toBe(true);
    expect(await readPanel(page)).toMatchObject({ accountName: customer.name, riskLevel: customer.level });
    await page.close();
  });

  it('the token is not in storage.local, which content scripts can read', async () => {
    expect(await storageLocalJson(browser!)).not.toContain(token);
  });
});
