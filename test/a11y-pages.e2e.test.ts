/**
 * Issue 14, the popup, options and workspace pages: axe-core (WCAG 2.0–2.2 A/AA rules) finds no critical or
 * serious violation on each page and state, in the light and the dark theme; the popup flow and the workspace's
 * views work from the keyboard alone; the popup fits a 320 px window without scrolling sideways, and its search
 * results and selected states stay visible in forced-colours mode. Prints the axe counts per page.
 */
import { mkdirSync } from 'node:fs';
import { RISK_LEVEL_LABEL } from '@earshot/shared';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { type AxeReport, describeAxe, runAxe } from './harness/axe.js';
import type { ExtensionBrowser } from './harness/browser.js';
import { type Customer, customerOf, customersFor, fixtureFor, seedCustomers } from './harness/customers.js';
import { openOptions, openPanel, readPanel, signIn } from './harness/extension.js';
import { SCREENSHOT_DIR } from './harness/paths.js';
import { EarshotServer } from './harness/server.js';
import { describeE2E, screenshotOnFailure } from './harness/suite.js';
import type { FixtureServer } from './harness/tls.js';
import { ADMIN, ANALYST, launchBrowser, showFixture, startFixtureServer } from './harness/world.js';
import { EarshotApi } from './harness/api.js';

/** One customer on the page (its CRM record), and a Gmail draft addressed to two customers' people. */
const ONE = fixtureFor('salesforce', 'account');
const TWO = fixtureFor('gmail', 'compose');
/** The draft's second addressee's company (a domain on gmail-compose.html that is not the first customer's). */
const SECOND_DOMAIN = 'initech-parts.example';
const SECOND_NAME = 'Initech Parts (e2e)';

const reports: AxeReport[] = [];

/** Each critical or serious violation, spelled out (rule, what it checks, where). */
function seriousOf(report: AxeReport): string[] {
  return report.violations
    .filter((v) => v.impact === 'critical' || v.impact === 'serious')
    .map((v) => `${v.id} (${v.impact}): ${v.help} — ${v.nodes.map((n) => `${n.target}: ${n.summary}`).join(' | ')}`);
}

/** axe in the light theme, then in the dark one (the pages follow `prefers-color-scheme`). */
async function axeBothThemes(page: Page, label: string): Promise<void> {
  for (const scheme of ['light', 'dark'] as const) {
    await page.emulateMedia({ colorScheme: scheme });
    const report = await runAxe(page, `${label} (${scheme})`);
    reports.push(report);
    console.log(describeAxe(report));
    expect.soft(seriousOf(report), report.label).toEqual([]);
  }
  await page.emulateMedia({ colorScheme: 'light' });
}

/** popup.html in a tab of its own; `tab` (a customer's page) is brought to the front first so it is the active tab. */
async function openPopup(browser: ExtensionBrowser, tab?: Page): Promise<Page> {
  const popup = await browser.newPage();
  await popup.goto(browser.extensionUrl('popup.html'));
  if (tab) {
    await tab.bringToFront();
    await popup.reload();
  }
  await popup.locator('.popup:not([data-state="loading"])').waitFor({ timeout: 15_000 });
  await popup.bringToFront();
  return popup;
}

/** Waits until a workspace view has loaded: no loading rows left, a heading in `main`. */
async function viewLoaded(page: Page): Promise<void> {
  await expect.poll(() => page.locator('main [data-testid="loading"]').count(), { timeout: 30_000 }).toBe(0);
  await page.locator('main h1').first().waitFor({ timeout: 30_000 });
}

async function activeTestId(page: Page): Promise<string | null> {
  return page.evaluate(() => document.activeElement?.getAttribute('data-testid') ?? null);
}

/** Presses `key` until `done` holds for the focused element (at most `max` presses); false if it never did. */
async function pressUntil(page: Page, key: string, done: () => Promise<boolean>, max = 40): Promise<boolean> {
  for (let i = 0; i < max; i++) {
    if (await done()) return true;
    await page.keyboard.press(key);
  }
  return done();
}

describeE2E('accessibility: popup, options and workspace pages', () => {
  let pages: FixtureServer | undefined;
  let server: EarshotServer | undefined;
  let api: EarshotApi;
  let browser: ExtensionBrowser | undefined;
  let one: Customer;
  let accountId: string;
  let reviewId: string;
  let visitId: string;

  beforeAll(async () => {
    pages = await startFixtureServer();
    server = await EarshotServer.withUsers([ADMIN, ANALYST]);
    await server.start();
    api = new EarshotApi(server.url);
    await api.signIn(ADMIN.email, ADMIN.password);
    const customers = customersFor([ONE, TWO]);
    await seedCustomers(api, customers);
    one = customerOf(customers, ONE);
    await api.createAccount({ name: SECOND_NAME, domains: [SECOND_DOMAIN] });
    showFixture(pages, ONE);
    showFixture(pages, TWO);
    // The workspace's views with an id: an account, a review of it, a visit to it.
    accountId = one.id!;
    const started = await api.request<{ startHealthCheck: { healthCheck: { id: string } } }>(
      'mutation ($input: StartHealthCheckInput!) { startHealthCheck(input: $input) { healthCheck { id } } }',
      { input: { accountId } },
    );
    reviewId = started.startHealthCheck.healthCheck.id;
    const planned = await api.request<{ planVisit: { visit: { id: string } } }>(
      'mutation ($input: PlanVisitInput!) { planVisit(input: $input) { visit { id } } }',
      {
        input: {
          accountId,
          attendeeIds: [],
          contactIds: [],
          goals: 'Hear how the new warehouse is going.',
          purpose: 'INTRODUCTION',
          scheduledAt: new Date(Date.now() + 7 * 86_400_000).toISOString(),
        },
      },
    );
    visitId = planned.planVisit.visit.id;
    await api.request('mutation ($input: PrepareVisitBriefingInput!) { prepareVisitBriefing(input: $input) { visit { id } } }', { input: { visitId } });
    browser = await launchBrowser(pages);
  }, 400_000);
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
    await pages?.close();
    if (reports.length) {
      console.log(`e2e: axe per page (critical/serious/moderate/minor rules violated):\n${reports.map((r) => `  ${r.label}: ${r.counts.critical}/${r.counts.serious}/${r.counts.moderate}/${r.counts.minor}`).join('\n')}`);
    }
  });
  screenshotOnFailure(() => browser);

  it('the options page signed out and signed in, and the popup signed out: no critical or serious axe violation', async () => {
    const signedOut = await openOptions(browser!);
    await signedOut.getByTestId('sign-in-submit').waitFor();
    await axeBothThemes(signedOut, 'options, signed out');
    // A failed sign-in: the error is tied to the form's fields.
    await signedOut.getByTestId('sign-in-submit').click();
    await signedOut.getByTestId('sign-in-error').waitFor();
    await axeBothThemes(signedOut, 'options, sign-in error');
    await signedOut.close();

    const popup = await openPopup(browser!);
    await axeBothThemes(popup, 'popup, signed out');
    await popup.close();

    await signIn(browser!, { serverUrl: server!.url, email: ANALYST.email, password: ANALYST.password });
    const signedIn = await openOptions(browser!);
    await signedIn.getByTestId('signed-in-as').waitFor();
    await axeBothThemes(signedIn, 'options, signed in');
    await signedIn.close();
  }, 240_000);

  it('the popup with no, one and two customers (and its search results): no critical or serious axe violation', async () => {
    const none = await openPopup(browser!);
    await none.getByTestId('account-search').waitFor();
    await axeBothThemes(none, 'popup, no customer');
    await none.getByTestId('account-search').fill(one.name.slice(0, 6));
    await none.getByTestId('search-hit').first().waitFor({ timeout: 15_000 });
    await axeBothThemes(none, 'popup, search results');
    await none.close();

    const tabOne = await browser!.newPage();
    await tabOne.goto(ONE.url);
    await openPanel(tabOne);
    await readPanel(tabOne);
    const popupOne = await openPopup(browser!, tabOne);
    await expect.poll(() => popupOne.getByTestId('capture-account').getAttribute('data-account-id'), { timeout: 15_000 }).toBe(one.id);
    await axeBothThemes(popupOne, 'popup, one customer');
    await popupOne.close();
    await tabOne.close();

    const tabTwo = await browser!.newPage();
    await tabTwo.goto(TWO.url);
    await openPanel(tabTwo);
    await readPanel(tabTwo);
    const popupTwo = await openPopup(browser!, tabTwo);
    await expect.poll(() => popupTwo.locator('[data-testid="capture-account"] input[type="radio"]').count(), { timeout: 15_000 }).toBe(2);
    await axeBothThemes(popupTwo, 'popup, two customers');
    await popupTwo.close();
    await tabTwo.close();
  }, 240_000);

  it('every view of the workspace page: no critical or serious axe violation', async () => {
    const views = [
      '#/',
      '#/portfolio',
      '#/alerts',
      '#/reviews',
      `#/review/${encodeURIComponent(reviewId)}`,
      '#/intel',
      `#/intel/new?account=${encodeURIComponent(accountId)}`,
      '#/watches',
      `#/account/${encodeURIComponent(accountId)}`,
      '#/visits',
      `#/visits/new?account=${encodeURIComponent(accountId)}`,
      `#/visit/${encodeURIComponent(visitId)}`,
      `#/visit/${encodeURIComponent(visitId)}/briefing`,
      '#/no-such-page',
    ];
    const page = await browser!.newPage();
    for (const hash of views) {
      await page.goto(browser!.extensionUrl(`dashboard.html${hash}`));
      await viewLoaded(page);
      await axeBothThemes(page, `workspace ${hash.replace(/\/[^/?]{20,}/g, '/<id>')}`);
    }
    await page.close();
  }, 240_000);

  it('the popup by keyboard alone: Tab to the note, type, send, and the confirmation is in a live region', async () => {
    const tab = await browser!.newPage();
    await tab.goto(ONE.url);
    const popup = await openPopup(browser!, tab);
    await expect.poll(() => popup.getByTestId('capture-account').getAttribute('data-account-id'), { timeout: 15_000 }).toBe(one.id);
    // The customer is known, so focus starts on the signals; an arrow picks the first one.
    await expect.poll(() => popup.evaluate(() => !!document.activeElement?.closest('.chips'))).toBe(true);
    await popup.keyboard.press('ArrowRight');
    expect(await pressUntil(popup, 'Tab', async () => (await activeTestId(popup)) === 'capture-note', 10)).toBe(true);
    const note = `Keyboard capture ${Date.now()}`;
    await popup.keyboard.type(note);
    expect(await pressUntil(popup, 'Tab', async () => (await activeTestId(popup)) === 'capture-submit', 5)).toBe(true);
    await popup.keyboard.press('Enter');
    const status = popup.getByTestId('capture-status');
    await expect.poll(() => status.textContent(), { timeout: 20_000 }).toMatch(/^Sent: .+ for /);
    // Spoken: a status region, not inside anything busy or hidden.
    expect(await status.getAttribute('role')).toBe('status');
    expect(await status.evaluate((el) => !el.closest('[aria-busy="true"], [aria-hidden="true"], [hidden]'))).toBe(true);
    // Focus is back on the signals for the next one, not lost on the page.
    await expect.poll(() => popup.evaluate(() => !!document.activeElement?.closest('.chips'))).toBe(true);
    const { signals } = await api.accountSignals(one.id!);
    expect(signals.some((s) => s.note === note)).toBe(true);
    await popup.close();
    await tab.close();
  }, 240_000);

  it('the popup’s Change and Back keep the focus on the customer field', async () => {
    const tab = await browser!.newPage();
    await tab.goto(ONE.url);
    const popup = await openPopup(browser!, tab);
    await expect.poll(() => popup.getByTestId('capture-account').getAttribute('data-account-id'), { timeout: 15_000 }).toBe(one.id);
    const change = popup.getByRole('button', { name: 'Change' });
    await change.focus();
    await popup.keyboard.press('Enter');
    await expect.poll(() => activeTestId(popup)).toBe('account-search');
    expect(await pressUntil(popup, 'Tab', async () => (await popup.evaluate(() => document.activeElement?.textContent)) === 'Back', 3)).toBe(true);
    await popup.keyboard.press('Enter');
    await expect.poll(() => popup.evaluate(() => document.activeElement?.textContent)).toBe('Change');
    await popup.close();
    await tab.close();
  }, 240_000);

  it('the workspace page by keyboard: each view reached from the navigation, its heading focused', async () => {
    const page = await browser!.newPage();
    await page.goto(browser!.extensionUrl('dashboard.html#/portfolio'));
    await viewLoaded(page);
    const labels = await page.locator('nav[aria-label="Workspace"] a').allTextContents();
    expect(labels.length).toBeGreaterThan(2);
    for (const label of labels) {
      if (label === 'Portfolio') continue;
      // Back up through the page's controls to the navigation (it comes before the view).
      const reached = await pressUntil(page, 'Shift+Tab', () => page.evaluate((l) => document.activeElement?.textContent === l, label), 60);
      expect(reached, `reach “${label}” by Shift+Tab`).toBe(true);
      await page.keyboard.press('Enter');
      await expect.poll(() => activeTestId(page), { timeout: 20_000 }).toBe('view-heading');
      expect(await page.locator(`nav a[aria-current="page"]`).textContent()).toBe(label);
    }
    await page.close();
  }, 240_000);

  it('the popup at 320 px wide: no sideways scroll (screenshot saved); forced colours keep the search’s level and selection visible', async () => {
    const popup = await openPopup(browser!);
    // Where the window allows, the layout is the toolbar popup's 360 px (the browser sizes the popup window to it).
    expect(await popup.locator('.popup').evaluate((el) => el.getBoundingClientRect().width)).toBe(360);
    await popup.setViewportSize({ width: 320, height: 640 });
    await popup.getByTestId('account-search').fill(one.name.slice(0, 6));
    await popup.getByTestId('search-hit').first().waitFor({ timeout: 15_000 });
    mkdirSync(SCREENSHOT_DIR, { recursive: true });
    await popup.screenshot({ path: path.join(SCREENSHOT_DIR, 'a11y-popup-320.png'), fullPage: true });
    const widths = await popup.evaluate(() => ({ scroll: document.scrollingElement!.scrollWidth, client: document.scrollingElement!.clientWidth }));
    expect(widths.scroll, `scrollWidth ${widths.scroll} > clientWidth ${widths.client}`).toBeLessThanOrEqual(widths.client);

    // Each hit says its level in words, on screen (not only to a screen reader).
    const level = popup.getByTestId('search-hit').first().getByTestId('search-hit-level');
    expect(await level.textContent()).toContain(RISK_LEVEL_LABEL[one.level]);
    expect(await level.isVisible()).toBe(true);

    await popup.emulateMedia({ forcedColors: 'active' });
    await popup.screenshot({ path: path.join(SCREENSHOT_DIR, 'a11y-popup-320-forced-colors.png'), fullPage: true });
    const seen = await popup.evaluate(() => {
      const hit = document.querySelector('[data-testid="search-hit"][aria-selected="true"]')!;
      const badge = hit.querySelector('.level-badge')!;
      const hs = getComputedStyle(hit);
      const bs = getComputedStyle(badge);
      return {
        selectedOutline: hs.outlineStyle !== 'none' && Number.parseFloat(hs.outlineWidth) > 0,
        badgeRing: bs.borderTopStyle !== 'none' && Number.parseFloat(bs.borderTopWidth) > 0,
        badgeLetter: (badge.textContent ?? '').trim().length === 1,
      };
    });
    expect(seen).toEqual({ selectedOutline: true, badgeRing: true, badgeLetter: true });
    await popup.close();
  }, 240_000);
});
