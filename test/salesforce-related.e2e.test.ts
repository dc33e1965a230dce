/**
 * A Salesforce related list (`/lightning/r/Opportunity/<id>/related/OpportunityContactRoles/view`) names its
 * opportunity but shows no account. The service worker remembers record → account links from the pages that show
 * both (extension/src/background/record-links.ts), so:
 *   - in a fresh session the related list has no customer, and the panel says why (a hint to open the opportunity
 *     once), never offering to create an account;
 *   - once the opportunity itself has been open (its Account lookup read), the same related list shows the
 *     opportunity's customer and its risk level, matched through the remembered account record;
 *   - signing out forgets the links: signed in again, the related list is back to the hint.
 *
 * Both pages are the adapters' fixtures (salesforce-opportunity-contact-roles.html, salesforce-opportunity.html);
 * the server knows the customer only by its Salesforce account record, which the related list never shows.
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { ExtensionBrowser } from './harness/browser.js';
import { reported as checkReported, expectPanelShows, type Tab } from './harness/checks.js';
import { type Customer, crmKey, customerOf, expectedMatches, fixtureFor, recordPageOf, SITE_FIXTURES } from './harness/customers.js';
import { newTab, openOptions, openPanel, panel, panelState, readPanel, signIn } from './harness/extension.js';
import { describeE2E, screenshotOnFailure } from './harness/suite.js';
import type { FixtureServer } from './harness/tls.js';
import { ANALYST, launchBrowser, type SeededServer, showFixture, startFixtureServer, startSeededServer } from './harness/world.js';

const relatedPage = SITE_FIXTURES.find((f) => f.file === 'salesforce-opportunity-contact-roles.html')!;
const opportunityPage = fixtureFor('salesforce', 'opportunity');
const HINT = 'This is a related list of an opportunity. Open the opportunity itself once and Earshot will recognise its customer here.';

describeE2E('a Salesforce related list resolves to its opportunity’s customer once the opportunity has been open', () => {
  let pages: FixtureServer | undefined;
  let world: SeededServer | undefined;
  let browser: ExtensionBrowser | undefined;
  let customer: Customer;

  beforeAll(async () => {
    pages = await startFixtureServer();
    // Only the opportunity's account is linked on the server (recordsToLink): neither the opportunity nor the list.
    world = await startSeededServer([opportunityPage, relatedPage]);
    customer = customerOf(world.customers, recordPageOf(relatedPage)!);
    browser = await launchBrowser(pages);
    await signIn(browser, { serverUrl: world.server.url, email: ANALYST.email, password: ANALYST.password });
    showFixture(pages, relatedPage);
    showFixture(pages, opportunityPage);
  });

  afterAll(async () => {
    await browser?.close();
    await world?.server.stop();
    await pages?.close();
  });

  screenshotOnFailure(() => browser);

  const reported = (tab: Tab) => checkReported(browser!, tab);

  /** Opens the related list in a new tab: the panel shows the hint, and nothing to create. */
  async function expectHintOnRelatedList(): Promise<void> {
    const tab = await newTab(browser!);
    const { page } = tab;
    try {
      await page.goto(relatedPage.url);
      const record = await reported(tab);
      expect(record.context).toMatchObject({ pageType: 'related-list', crmRecord: relatedPage.expected.context!.crmRecord });
      expect(record.context?.linkedRecords ?? []).toEqual([]);
      expect(record.matches).toEqual([]);
      await openPanel(page);
      await expect.poll(() => panelState(page), { timeout: 30_000 }).toBe('empty');
      await expect.poll(() => panel(page).getByTestId('page-hint').textContent(), { timeout: 30_000 }).toBe(HINT);
      expect(await panel(page).getByTestId('create-account').count()).toBe(0);
      expect(await panel(page).getByTestId('risk-level').count()).toBe(0);
    } finally {
      await page.close();
    }
  }

  it('the fixtures: the related list names the opportunity and no account; the opportunity page names its account', () => {
    const ctx = relatedPage.expected.context!;
    expect(ctx.pageType).toBe('related-list');
    expect(ctx.linkedRecords ?? []).toEqual([]);
    expect([...ctx.emails, ...ctx.domains]).toEqual([]);
    expect(recordPageOf(relatedPage)).toBe(opportunityPage);
    expect(expectedMatches(world!.customers, ctx), 'on its own, the related list matches no customer').toEqual([]);
    // The server knows the customer by the opportunity's account record only.
    expect(customer.crmRecords.map(crmKey)).toEqual(opportunityPage.expected.context!.linkedRecords!.map(crmKey));
  });

  it('in a fresh session, the related list shows the hint, not “Create account”', async () => {
    await expectHintOnRelatedList();
  });

  it('after the opportunity, its related list shows the customer and its risk level', async () => {
    const opp = await newTab(browser!);
    await opp.page.goto(opportunityPage.url);
    expect((await reported(opp)).context?.linkedRecords).toEqual(opportunityPage.expected.context!.linkedRecords);
    await openPanel(opp.page);
    await expectPanelShows(opp.page, expectedMatches(world!.customers, opportunityPage.expected.context!));
    await opp.page.close();

    const tab = await newTab(browser!);
    const { page } = tab;
    await page.goto(relatedPage.url);
    const record = await reported(tab);
    // Looked up with the remembered account; as reported, the page named none.
    expect(record.context?.linkedRecords).toEqual(opportunityPage.expected.context!.linkedRecords);
    expect(record.reported?.linkedRecords ?? []).toEqual([]);
    expect(record.matches.map((m) => [m.account.name, m.matchedBy])).toEqual([[customer.name, 'CRM_RECORD']]);
    await openPanel(page);
    await expect.poll(() => readPanel(page).then((r) => r.accountName), { timeout: 30_000 }).toBe(customer.name);
    expect(await readPanel(page)).toEqual({ accountName: customer.name, riskLevel: customer.level, signalCount: customer.signals.length });
    expect(await panel(page).getByTestId('page-hint').count()).toBe(0);
    await page.close();
  });

  it('signed out and in again, the links are forgotten: the related list shows the hint again', async () => {
    const options = await openOptions(browser!);
    await options.getByTestId('sign-out').click();
    await options.getByTestId('sign-in-submit').waitFor({ state: 'visible', timeout: 15_000 });
    await options.close();
    await signIn(browser!, { serverUrl: world!.server.url, email: ANALYST.email, password: ANALYST.password });
    await expectHintOnRelatedList();
  });
});
