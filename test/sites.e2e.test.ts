/**
 * The product's promise on each built-in site, over every working page the adapters are tested on: open the page
 * at its real address and the content script's detection reaches the service worker (the context the fixture
 * index expects), and the panel names the right customer — by its name on the server, which no page shows — with
 * its risk level and signals. The pages are the adapters' own fixtures (extension/src/sites/fixtures/, every
 * `works: true` page of every site in the catalog, nothing picked by hand), served at their real hostnames, so the
 * manifest's match patterns decide whether Earshot runs at all.
 *
 * A page that belongs to a record (a deal, an opportunity: `linkedRecords`) gets only its account linked on the
 * server, never the page's own record, so the panel can only find the customer through the account.
 *
 * Last, the user's own company is never a customer: with `ownDomains` set by an ADMIN, a page naming only
 * colleagues shows no customer, and a page naming a customer and colleagues shows only the customer.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ExtensionBrowser } from './harness/browser.js';
import { reported as checkReported, refreshPanel as checkRefresh, expectPanelShows, type Tab } from './harness/checks.js';
import {
  BUILT_IN_SITES,
  builtInWorkingFixtures,
  customerDomainOf,
  customerOf,
  customersFor,
  expectedMatches,
  FIXTURE_PROBLEMS,
  fixtureFor,
  fixtureHtml,
  OWN_DOMAIN,
  type SiteFixture,
} from './harness/customers.js';
import {
  median,
  openPanel,
  PANEL_IFRAME,
  panel,
  panelIsOpen,
  panelState,
  signIn,
  newTab,
} from './harness/extension.js';
import { describeE2E, screenshotOnFailure } from './harness/suite.js';

import type { FixtureServer } from './harness/tls.js';
import { ANALYST, launchBrowser, type SeededServer, showFixture, startFixtureServer, startSeededServer } from './harness/world.js';

/** At least this many timed visits per site for its median (a site with fewer pages has some opened again). */
const REPEATS = Math.max(1, Number(process.env.E2E_REPEATS ?? 3));
const fixtures = builtInWorkingFixtures();
const bySite = new Map(BUILT_IN_SITES.map((site) => [site, fixtures.filter((f) => f.site === site)]));
/** Only for the test names; the tests compare with the customers as seeded. */
const planned = customersFor(fixtures);

type Context = NonNullable<SiteFixture['expected']['context']>;

/** What the index expects detection to find, in the shape the worker keeps (the URL and site are not compared). */
/**
 * What the worker keeps of what the adapter found (the index's expected context): the user's own company left out
 * (extension/src/background/own-company.ts: the signed-in user's domain and the workspace's own domains, here
 * northwind-supplies.example); null when nobody else is left.
 */
function detected(ctx: Context, own: readonly string[] = [OWN_DOMAIN]): Partial<Context> | null {
  const isOwn = (d: string) => own.some((o) => d === o || d.endsWith(`.${o}`));
  const emails = ctx.emails.filter((e) => !isOwn(e.toLowerCase().split('@')[1] ?? ''));
  const domains = ctx.domains.filter((d) => !isOwn(d.toLowerCase()));
  if (!emails.length && !domains.length && !ctx.crmRecord && !ctx.linkedRecords?.length) return null;
  return {
    pageType: ctx.pageType,
    emails,
    domains,
    ...(ctx.crmRecord ? { crmRecord: ctx.crmRecord } : {}),
    ...(ctx.linkedRecords?.length ? { linkedRecords: ctx.linkedRecords } : {}),
    ...(ctx.recordName ? { recordName: ctx.recordName } : {}),
  };
}

function titleOf(f: SiteFixture): string {
  const host = new URL(f.url).host;
  const ctx = f.expected.context;
  if (!ctx) return `${f.site}: ${f.file} at ${host}: nothing to look up, no panel`;
  const want = expectedMatches(planned, ctx);
  if (!want.length) return `${f.site}: ${f.file} at ${host}: no customer on the page`;
  const c = want[0]!.customer;
  const through = ctx.linkedRecords?.length ? ` (through its ${ctx.linkedRecords[0]!.objectType})` : '';
  const others = want.length > 1 ? ` (+${want.length - 1} more listed)` : '';
  return `${f.site}: ${f.file} at ${host} shows ${c.name}${through}, ${c.level}${others}`;
}

describeE2E('the panel on every working page of each built-in site', () => {
  let pages: FixtureServer | undefined;
  let world: SeededServer | undefined;
  let browser: ExtensionBrowser | undefined;
  /** Sites whose panel the toggle has opened (the extension remembers it per site). */
  const opened = new Set<string>();
  /** From `page.goto` to the risk level in the panel; `repeat`: a page opened again within the worker's cache. */
  const timings: { site: string; ms: number; repeat: boolean }[] = [];
  /**
   * Second visits of a page whose account the worker has cached (its lookup cache, stale-while-revalidate): from
   * `page.goto` to the panel's frame in the page (`mountMs`) and to the risk level in it (`ms`).
   */
  const cachedTimings: { site: string; ms: number; mountMs: number }[] = [];
  /** The first page of each site with a customer, visited once: visited again for `cachedTimings`. */
  const firstTimed = new Map<string, SiteFixture>();

  beforeAll(async () => {
    pages = await startFixtureServer();
    world = await startSeededServer(fixtures.filter((f) => f.expected.context));
    browser = await launchBrowser(pages);
    const who = await signIn(browser, { serverUrl: world.server.url, email: ANALYST.email, password: ANALYST.password });
    expect(who).toContain(ANALYST.email);
  });

  afterAll(async () => {
    await browser?.close();
    await world?.server.stop();
    await pages?.close();
    const counts = BUILT_IN_SITES.map((site) => {
      const fs = bySite.get(site) ?? [];
      return `${site} ${fs.length} (${new Set(fs.map((f) => f.url)).size} URLs)`;
    });
    console.log(`e2e: working pages (URL forms) tested per site: ${counts.join(', ')}; ${fixtures.length} in all`);
    if (timings.length) {
      const perSite = BUILT_IN_SITES.map((site) => {
        const ts = timings.filter((t) => t.site === site).map((t) => t.ms);
        return ts.length ? `${site} ${median(ts)} (n=${ts.length})` : `${site} –`;
      });
      const first = timings.filter((t) => !t.repeat).map((t) => t.ms);
      const again = timings.filter((t) => t.repeat).map((t) => t.ms);
      console.log(`e2e: time to risk level per site (median ms, n=visits): ${perSite.join(', ')}`);
      console.log(
        `e2e: time to risk level: first visit of each page (server lookup) median ${median(first)} ms (n=${first.length})` +
          (again.length ? `, pages opened again (worker cache) median ${median(again)} ms (n=${again.length})` : ''),
      );
      console.log(`e2e: time to risk level median ${median(timings.map((t) => t.ms))} ms (n=${timings.length})`);
    }
    if (cachedTimings.length) {
      const perSite = cachedTimings.map((t) => `${t.site} ${t.ms}`).join(', ');
      console.log(
        `e2e: time to risk level, second visit (account in the worker's cache) median ${median(cachedTimings.map((t) => t.ms))} ms ` +
          `(n=${cachedTimings.length}; panel frame in the page after median ${median(cachedTimings.map((t) => t.mountMs))} ms): ${perSite}`,
      );
    }
  });

  screenshotOnFailure(() => browser);

  const reported = (tab: Tab) => checkReported(browser!, tab);
  const refreshPanel = (tab: Tab) => checkRefresh(browser!, tab);

  /** Opens `f` in a new tab; times `page.goto` → the risk level in the panel; checks detection and the panel. */
  async function visit(f: SiteFixture, repeat: boolean): Promise<void> {
    const ctx = f.expected.context;
    const want = ctx ? expectedMatches(world!.customers, ctx) : [];
    showFixture(pages!, f);
    const tab = await newTab(browser!);
    const { page } = tab;
    const open = opened.has(f.site);
    const started = performance.now();
    await page.goto(f.url, { waitUntil: 'commit' });
    try {
      if (want.length) {
        // Closed, the panel is mounted all the same and its document renders: timed to the level there.
        await panel(page).getByTestId('risk-level').waitFor({ state: open ? 'visible' : 'attached', timeout: 30_000 });
        timings.push({ site: f.site, ms: Math.round(performance.now() - started), repeat });
        if (!repeat && !firstTimed.has(f.site)) firstTimed.set(f.site, f);
      }

      // Detection: what the content script reported, as the worker keeps it.
      const record = await reported(tab);
      const expected = ctx ? detected(ctx) : null;
      if (!ctx || !expected) {
        expect(record.context).toBeNull();
        expect(record.mounted).toBe(false);
        expect(await page.locator(PANEL_IFRAME).count()).toBe(0);
        return;
      }
      expect(record.context).toMatchObject(expected);
      expect(record.mounted).toBe(true);

      if (!open) {
        await openPanel(page);
        opened.add(f.site);
      }
      expect(await panelIsOpen(page)).toBe(true);
      if (!want.length) {
        await expect.poll(() => panelState(page), { timeout: 30_000 }).toBe('empty');
        return;
      }
      await expectPanelShows(page, want);
      // Why: the worker's answer names the same accounts, matched the way the server documents (a deal page
      // through its account's CRM record).
      const answer = await reported(tab);
      expect(answer.matches.map((m) => [m.account.name, m.matchedBy])).toEqual(want.map((m) => [m.customer.name, m.by]));
    } finally {
      await page.close();
    }
  }

  it('every built-in site has working pages in the fixture index', () => {
    const empty = BUILT_IN_SITES.filter((site) => !(bySite.get(site) ?? []).some((f) => f.expected.context));
    expect(empty, 'built-in sites with no working page to test').toEqual([]);
    expect([...FIXTURE_PROBLEMS], 'fixture pages that disagree about a CRM record').toEqual([]);
    // Every page of a customer resolves to one on the server (the seeding derived it from the same index).
    for (const f of fixtures) {
      const ctx = f.expected.context;
      if (ctx && customerDomainOf(f)) expect(expectedMatches(planned, ctx).length, f.file).toBeGreaterThan(0);
    }
  });

  for (const site of BUILT_IN_SITES) {
    const siteFixtures = bySite.get(site) ?? [];
    describe(site, () => {
      for (const f of siteFixtures) it(titleOf(f), () => visit(f, false));
      const timed = siteFixtures.filter((f) => f.expected.context && expectedMatches(planned, f.expected.context).length);
      if (timed.length > 0 && timed.length < REPEATS) {
        it(`${site}: ${REPEATS - timed.length} more visit(s) for the time to risk level`, async () => {
          for (let i = 0; i < REPEATS - timed.length; i++) await visit(timed[i % timed.length]!, true);
        });
      }
    });
  }

  // After every site's pages: the first page of each site again, its account in the worker's cache. Timed only (the
  // panel's content was checked on the first visit); the median is printed, no bound is asserted on a shared machine.
  it('a page visited again shows its customer’s risk level from the worker’s cache (timed)', async () => {
    for (const f of firstTimed.values()) {
      showFixture(pages!, f);
      const { page } = await newTab(browser!);
      try {
        const started = performance.now();
        await page.goto(f.url, { waitUntil: 'commit' });
        await page.locator(PANEL_IFRAME).waitFor({ state: 'attached', timeout: 30_000 });
        const mountMs = Math.round(performance.now() - started);
        await panel(page).getByTestId('risk-level').waitFor({ state: 'visible', timeout: 30_000 });
        cachedTimings.push({ site: f.site, ms: Math.round(performance.now() - started), mountMs });
      } finally {
        await page.close();
      }
    }
    expect(cachedTimings.length).toBe(firstTimed.size);
  });

  describe('the user’s own company is never a customer', () => {
    // A mail page naming a customer and a colleague (a thread the user is in), and the same page with the
    // customer's addresses turned into ones at the company's second domain: a thread among colleagues only.
    // Chosen, not searched for, so the test always runs: Gmail's conversation view (Acme Tools' buyer and AP, and
    // tom.credit@northwind-supplies.example, a colleague). The test checks first that the page still is such a page.
    const mixed = fixtureFor('gmail', 'thread');
    /** The company's second domain (a group domain): "us" only once an ADMIN says so in ownDomains. */
    const GROUP_DOMAIN = 'northwind-group.example';

    it(`with ownDomains set by an ADMIN, colleagues only: no customer; with a customer: only the customer`, async () => {
      const f = mixed;
      expect(f.expected.context?.crmRecord, `${f.file}: a mail page, no CRM record`).toBeUndefined();
      expect(customerDomainOf(f), `${f.file}: names a customer`).toBeTruthy();
      expect(f.expected.context?.emails.filter((e) => e.toLowerCase().endsWith(`@${OWN_DOMAIN}`)), `${f.file}: names a colleague`).not.toEqual([]);
      const customerDomain = customerDomainOf(f)!;
      const customer = customerOf(world!.customers, f);
      // A colleague at the group domain filed as one of the customer's contacts (a contact is anyone's typing):
      // until the group domain is declared "us", that address matches the customer.
      const colleague = f.expected.context!.emails.find((e) => e.toLowerCase().endsWith(`@${customerDomain}`))!.toLowerCase().replace(customerDomain, GROUP_DOMAIN);
      await world!.api.createContact({ accountId: customer.id!, name: 'Filed By Mistake', email: colleague });
      const customers = world!.customers.map((c) => (c === customer ? { ...c, contactEmails: [...c.contactEmails, colleague] } : c));

      pages!.serve(f.url, fixtureHtml(f).replaceAll(customerDomain, GROUP_DOMAIN));
      const tab = await newTab(browser!);
      const { page } = tab;
      await page.goto(f.url);
      const record = await reported(tab);
      const ctx = record.context;
      expect(ctx, 'the colleagues-only page reports its group-domain addresses').not.toBeNull();
      expect([...ctx!.emails, ...ctx!.domains].join(' ')).not.toContain(customerDomain);
      // Addresses at the signed-in user's own domain never leave the worker, setting or not.
      expect([...ctx!.emails, ...ctx!.domains].join(' ')).not.toContain(OWN_DOMAIN);
      expect(ctx!.emails).toContain(colleague);
      await openPanel(page);
      // Control: before the setting, the colleague's address matches that customer.
      const before = expectedMatches(customers, ctx!);
      expect(before.map((m) => m.customer.name)).toEqual([customer.name]);
      await expectPanelShows(page, before);

      await world!.api.request(
        'mutation ($input: UpdateWorkspaceSettingsInput!) { updateWorkspaceSettings(input: $input) { workspaceSettings { ownDomains } } }',
        { input: { ownDomains: [OWN_DOMAIN, GROUP_DOMAIN] } },
      );
      // The server never matches an own domain or an address at one, whatever the page sent.
      await refreshPanel(tab);
      expect(expectedMatches(customers, ctx!, [OWN_DOMAIN, GROUP_DOMAIN])).toEqual([]);
      await expect.poll(() => panelState(page), { timeout: 30_000 }).toBe('empty');
      expect(await panel(page).getByTestId('account-name').count()).toBe(0);
      await page.close();

      // The real page: the customer and a colleague; only the customer is listed, matched by its own people.
      showFixture(pages!, f);
      const tab2 = await newTab(browser!);
      await tab2.page.goto(f.url);
      const mixedRecord = await reported(tab2);
      expect([...(mixedRecord.context?.emails ?? []), ...(mixedRecord.context?.domains ?? [])].join(' ')).not.toContain(OWN_DOMAIN);
      await refreshPanel(tab2);
      const want = expectedMatches(customers, f.expected.context!, [OWN_DOMAIN, GROUP_DOMAIN]);
      expect(want.map((m) => m.customer.name)).toEqual([customer.name]);
      await expectPanelShows(tab2.page, want);
      const answer = await reported(tab2);
      expect(answer.matches.map((m) => m.account.name)).toEqual([customer.name]);
      expect(answer.matches.map((m) => m.matchedValue)).not.toContain(colleague);
      await tab2.page.close();
    });
  });
});
