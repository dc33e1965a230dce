/**
 * The credit model (issue 10) as the panel's readers see it, in Chromium with the built extension against a real
 * server, the ledgers imported through the API with dates relative to today:
 * - credit reads the payment figures by their standard names, opens what they mean with the keyboard, sees an
 *   other currency's overdue and whether it has an exchange rate, the share of the limit in use, the overdue
 *   reason with its amounts, and a chart whose text alternative says what it plots;
 * - the trend says what it compared (the months before, here), with the per-invoice averages for credit and in words
 *   for the account manager;
 * - the account manager reads every reason in words, with no ledger figure in the risk and credit region;
 * - a brand-new account has no payment history yet (never "steady"), and its whole limit available;
 * - a credit note that settles the rest of a part-paid invoice leaves nothing overdue and no credit balance.
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { EarshotApi, type InvoiceInput, type PaymentInput } from './harness/api.js';
import type { ExtensionBrowser } from './harness/browser.js';
import { customersFor, fixtureFor, type SiteFixture } from './harness/customers.js';
import { openOptions, openPanel, panel, readPanel, signIn } from './harness/extension.js';
import { EarshotServer, type UserSpec } from './harness/server.js';
import { describeE2E, screenshotOnFailure } from './harness/suite.js';
import type { FixtureServer } from './harness/tls.js';
import { ADMIN, ANALYST, launchBrowser, showFixture, startFixtureServer } from './harness/world.js';

const SALES: UserSpec = {
  email: 'sam.sales@northwind-supplies.example',
  role: 'SALES',
  name: 'Sam Sales',
  password: 'e2e-sales-password-1',
};

/** One page per customer: each names a different customer domain. */
const PAGES = {
  /** EUR, paid on time for months, one EUR and one USD invoice overdue; USD has a rate. */
  mixed: fixtureFor('gmail', 'thread'),
  /** EUR with an overdue CHF invoice and no CHF rate. */
  noRate: fixtureFor('hubspot', 'company-legacy'),
  /** Brand new: one invoice issued three days ago. */
  fresh: fixtureFor('outlook', 'reading'),
  /** A part-paid invoice whose rest a credit note settled. */
  credited: fixtureFor('pipedrive', 'organization'),
} as const;

/** `YYYY-MM-DD`, `days` before today (UTC); negative = after today. */
const daysAgo = (days: number) => new Date(Date.now() - days * 86_400_000).toISOString().slice(0, 10);

/** What the API says, to check the panel against (the test's oracle). */
interface StatusOracle {
  overdue: string | null;
  creditBalance: string | null;
}

/** A customer of our own on the fixture page's domain (and its CRM record), with only the ledger we give it. */
async function seedAccount(admin: EarshotApi, f: SiteFixture, input: { name: string; creditLimit: string }): Promise<string> {
  const [c] = customersFor([f]);
  if (!c) throw new Error(`no customer behind ${f.file}`);
  const id = await admin.createAccount({ name: input.name, domains: c.domains, creditLimit: input.creditLimit, currency: 'EUR', paymentTermsDays: 30 });
  for (const email of c.contactEmails) await admin.createContact({ accountId: id, name: email.split('@')[0] ?? email, email });
  for (const r of c.crmRecords) {
    await admin.linkCrmRecord({ accountId: id, system: r.system, objectType: r.objectType, recordId: r.recordId, url: r.url });
  }
  return id;
}

function invoice(accountId: string, externalId: string, currency: string, amount: string, issued: number, due: number | null): InvoiceInput {
  return {
    externalId,
    account: { id: accountId },
    number: externalId.toUpperCase(),
    currency,
    amount,
    issuedAt: daysAgo(issued),
    ...(due === null ? {} : { dueAt: daysAgo(due) }),
  };
}

async function creditStatus(api: EarshotApi, id: string): Promise<StatusOracle | null> {
  const data = await api.request<{ account: { creditStatus: StatusOracle | null } | null }>(
    'query ($id: ID!) { account(id: $id) { creditStatus { overdue creditBalance } } }',
    { id },
  );
  return data.account?.creditStatus ?? null;
}

async function trendOracle(api: EarshotApi, id: string): Promise<{ trend: string; trendBasis: string | null } | null> {
  const data = await api.request<{ account: { creditStatus: { trend: string; trendBasis: string | null } | null } | null }>(
    'query ($id: ID!) { account(id: $id) { creditStatus { trend trendBasis } } }',
    { id },
  );
  return data.account?.creditStatus ?? null;
}

async function text(page: Page, testid: string): Promise<string> {
  return ((await panel(page).getByTestId(testid).first().textContent()) ?? '').replace(/\s+/g, ' ').trim();
}

async function texts(page: Page, testid: string): Promise<string[]> {
  // The panel lists three reasons, then "Show all (n)" (issue 11): open it so every reason is read.
  if (testid === 'risk-factor') await showAllReasons(page);
  return (await panel(page).getByTestId(testid).allTextContents()).map((t) => t.replace(/\s+/g, ' ').trim());
}

async function showAllReasons(page: Page): Promise<void> {
  const more = panel(page).getByTestId('risk-show-all');
  if ((await more.count()) > 0 && (await more.getAttribute('aria-expanded')) !== 'true') await more.click();
}

/** Polls `read` until it gives a value (hooks cannot use expect.poll). */
async function until<T>(read: () => Promise<T | null>, timeoutMs: number): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await read();
    if (value !== null) return value;
    if (Date.now() > deadline) throw new Error(`not there within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

/** The full amount the panel puts in a figure's title (the box itself shows it compact). */
async function figureTitle(page: Page, testid: string): Promise<string> {
  return (await panel(page).getByTestId(testid).locator('dd').getAttribute('title')) ?? '';
}

describeE2E('the credit figures in the panel', () => {
  let pages: FixtureServer | undefined;
  let server: EarshotServer | undefined;
  let browser: ExtensionBrowser | undefined;
  let credit: EarshotApi;
  const ids: Record<keyof typeof PAGES, string> = { mixed: '', noRate: '', fresh: '', credited: '' };

  beforeAll(async () => {
    pages = await startFixtureServer();
    server = await EarshotServer.withUsers([ADMIN, ANALYST, SALES]);
    await server.start();
    const admin = new EarshotApi(server.url);
    await admin.signIn(ADMIN.email, ADMIN.password);
    credit = new EarshotApi(server.url);
    await credit.signIn(ANALYST.email, ANALYST.password);

    // 1 USD = 0.9 EUR (the reporting currency), set before the ledger so the first recompute converts.
    await admin.request('mutation ($input: SetExchangeRateInput!) { setExchangeRate(input: $input) { exchangeRate { rate } } }', {
      input: { currency: 'USD', rate: '0.9', asOf: daysAgo(1) },
    });

    // Mixed: eight EUR invoices paid a day before due, one EUR invoice 45 days overdue, one USD 120 days overdue,
    // one EUR invoice not yet due. Open: EUR 10,000 + USD 4,000 (= EUR 3,600) overdue + EUR 2,000 current.
    ids.mixed = await seedAccount(admin, PAGES.mixed, { name: 'Acme Tools Europe B.V.', creditLimit: '25000.00' });
    const paid = Array.from({ length: 8 }, (_, i) => 60 + 30 * i);
    await admin.importLedger({
      invoices: [
        ...paid.map((issued, i) => invoice(ids.mixed, `cf-mixed-paid-${i}`, 'EUR', '5000.00', issued, issued - 30)),
        invoice(ids.mixed, 'cf-mixed-late-eur', 'EUR', '10000.00', 75, 45),
        invoice(ids.mixed, 'cf-mixed-late-usd', 'USD', '4000.00', 150, 120),
        invoice(ids.mixed, 'cf-mixed-current', 'EUR', '2000.00', 10, -20),
      ],
      payments: paid.map(
        (issued, i): PaymentInput => ({ externalId: `cf-mixed-pay-${i}`, invoiceExternalId: `cf-mixed-paid-${i}`, amount: '5000.00', receivedAt: daysAgo(issued - 29) }),
      ),
    });

    // No rate: a CHF invoice 60 days overdue, beside a paid EUR one.
    ids.noRate = await seedAccount(admin, PAGES.noRate, { name: 'Umbrella Logistics SAS', creditLimit: '20000.00' });
    await admin.importLedger({
      invoices: [invoice(ids.noRate, 'cf-norate-eur', 'EUR', '3000.00', 100, 70), invoice(ids.noRate, 'cf-norate-chf', 'CHF', '2500.00', 90, 60)],
      payments: [{ externalId: 'cf-norate-pay', invoiceExternalId: 'cf-norate-eur', amount: '3000.00', receivedAt: daysAgo(72) }],
    });

    // Fresh: a limit and one invoice issued three days ago.
    ids.fresh = await seedAccount(admin, PAGES.fresh, { name: 'Initech Parts GmbH', creditLimit: '30000.00' });
    await admin.importLedger({ invoices: [invoice(ids.fresh, 'cf-fresh-1', 'EUR', '4000.00', 3, -27)], payments: [] });

    // Credited: 10,000 due 50 days ago, 6,000 paid on time, the other 4,000 credited by a note naming it.
    ids.credited = await seedAccount(admin, PAGES.credited, { name: 'Hooli Hardware Ltd', creditLimit: '40000.00' });
    await admin.importLedger({
      invoices: [
        invoice(ids.credited, 'cf-cred-inv', 'EUR', '10000.00', 80, 50),
        { ...invoice(ids.credited, 'cf-cred-note', 'EUR', '-4000.00', 20, null), appliesTo: 'cf-cred-inv' },
      ],
      payments: [{ externalId: 'cf-cred-pay', invoiceExternalId: 'cf-cred-inv', amount: '6000.00', receivedAt: daysAgo(52) }],
    });

    // The server has computed every status (the panel reads what is stored).
    for (const id of Object.values(ids)) await until(() => creditStatus(credit, id), 30_000);
    for (const f of Object.values(PAGES)) showFixture(pages, f);

    browser = await launchBrowser(pages);
    await signIn(browser, { serverUrl: server.url, email: ANALYST.email, password: ANALYST.password });
  }, 300_000);

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
    await pages?.close();
  });
  screenshotOnFailure(() => browser);

  /**
   * The customer's page with the panel open. For credit, once the credit detail (DSO, totals in every currency,
   * credit balance, share of the limit in use) has arrived: it comes after the card, in a request of its own, and
   * an absence read before it would prove nothing.
   */
  async function openCustomer(f: SiteFixture, name: string, opts: { detail: boolean } = { detail: true }): Promise<Page> {
    const page = await browser!.newPage();
    await page.goto(f.url);
    await openPanel(page);
    expect((await readPanel(page)).accountName).toBe(name);
    if (opts.detail) await panel(page).getByTestId('limit-utilisation').waitFor({ timeout: 30_000 });
    return page;
  }

  it('credit: the figures by their names, explained; USD overdue with its rate; the limit in use; the overdue reason; the chart', async () => {
    const page = await openCustomer(PAGES.mixed, 'Acme Tools Europe B.V.');
    const frame = panel(page);
    await frame.getByTestId('payment-figures').waitFor({ timeout: 30_000 });

    const names = (await frame.locator('[data-testid="payment-figures"] .pay-figure__name').allTextContents()).map((s) => s.trim());
    expect(names).toEqual(['Paid DBT (days beyond terms)', 'ADP (average days to pay)', 'DSO (countback)', 'Best possible DSO']);
    // Paid on time for months: no days beyond terms in what they paid (the open overdue is not in it).
    expect(await text(page, 'figure-dbt')).toMatch(/^Paid DBT \(days beyond terms\) ?0 days · 12 months, amount-weighted/);
    // The trend says what it compared (the API's basis agrees): two invoices paid a day early in the last 90 days,
    // six before that, none in the same months last year.
    expect(await trendOracle(credit, ids.mixed)).toEqual({ trend: 'STABLE', trendBasis: 'PRIOR_MONTHS' });
    expect(await text(page, 'risk-trend')).toBe(
      '→ No change in payment timing against the previous 275 days (average lateness per invoice, not amount-weighted: 1 day before the due date ' +
        'in the last 90 days, 1 day before the due date then) · Paid DBT (days beyond terms), amount-weighted, 12 months: 0 days',
    );
    expect(await text(page, 'trend-basis-note')).toBe(
      'The payment trend compares the invoices paid in the last 90 days with those paid in the 275 days before: average lateness per invoice, not amount-weighted.',
    );
    expect(await text(page, 'figure-dso')).toMatch(/^DSO \(countback\) ?\d+(\.\d)? days$/);

    // "What these figures mean": a real <details>, opened from the keyboard.
    const help = frame.getByTestId('figures-help');
    expect(await help.getAttribute('open')).toBeNull();
    await help.locator('summary').focus();
    await page.keyboard.press('Enter');
    await expect.poll(() => help.getAttribute('open')).not.toBeNull();
    const explained = (await help.textContent()) ?? '';
    expect(explained).toContain('What these figures mean');
    expect(explained).toMatch(/Paid DBT.*days after the due date/);
    expect(explained).toMatch(/ADP.*from the invoice date to payment/);
    expect(explained).toMatch(/DSO \(countback\).*counted back against each month/);
    expect(explained).toMatch(/Best possible DSO.*not yet due/);

    // USD in its own money: its overdue, how old, and the rate it is converted at.
    const usd = await text(page, 'currency-USD');
    expect(usd).toMatch(/overdue (US)?\$4,000\.00, the oldest 1(19|20|21) days past due/);
    expect(usd).toContain('1 USD = 0.9 EUR: included in the totals.');
    expect(await frame.getByTestId('currency-no-rate').count()).toBe(0);
    // EUR 10,000 + 3,600 (USD at 0.9) overdue + 2,000 current = 15,600 of 25,000.
    expect(await figureTitle(page, 'overdue')).toBe('€13,600.00');
    expect(await figureTitle(page, 'exposure')).toBe('€15,600.00');
    expect(await text(page, 'limit-utilisation')).toBe('62% of the limit in use');

    // The overdue reason names the amounts, the USD one with its rate (CREDIT-MODEL.md writes them without a
    // thousands separator; either reads right).
    const reasons = await texts(page, 'risk-factor');
    const overdue = reasons.find((r) => r.startsWith('Overdue invoices'));
    expect(overdue, reasons.join(' | ')).toMatch(
      /EUR 13,?600\.00 of EUR 15,?600\.00 open is past due, the oldest 1(19|20|21) days \(including USD 4,?000\.00 at 0\.9\)/,
    );

    // The chart's text alternative says what it plots.
    const chart = frame.getByTestId('payment-sparkline');
    expect(await chart.getAttribute('role')).toBe('img');
    // Then, once the open invoices have arrived, what is still unpaid (issue 11).
    expect(await chart.getAttribute('aria-label')).toMatch(/^Paid DBT \(days beyond terms\) by month, .+: 0 days in .+; 0 days = paid by the due date\.( .+)?$/);
    await page.close();
  });

  it('credit: a currency without an exchange rate is said to have none, shown apart from the totals', async () => {
    const page = await openCustomer(PAGES.noRate, 'Umbrella Logistics SAS');
    await panel(page).getByTestId('currency-CHF').waitFor({ timeout: 30_000 });
    expect(await text(page, 'currency-CHF')).toMatch(/overdue CHF\s?2,500\.00, the oldest (59|60|61) days past due/);
    expect(await texts(page, 'currency-no-rate')).toEqual(['No exchange rate for CHF into EUR: not in the totals or the limit in use.']);
    expect(await text(page, 'totals-note')).toBe('Exposure and overdue: every currency converted into EUR, except CHF (no exchange rate).');
    const overdue = (await texts(page, 'risk-factor')).find((r) => r.startsWith('Overdue invoices'));
    expect(overdue).toMatch(/CHF 2,?500\.00 of CHF 2,?500\.00 open is past due, the oldest (59|60|61) days \(no CHF rate\)/);
    await page.close();
  });

  it('credit: a brand-new account has no payment history yet, and its whole limit available', async () => {
    const page = await openCustomer(PAGES.fresh, 'Initech Parts GmbH');
    const trend = panel(page).getByTestId('risk-trend');
    expect(await trend.getAttribute('data-trend')).toBe('NO_HISTORY');
    const said = await text(page, 'risk-trend');
    expect(said).toBe('· No payment history yet');
    expect(said).not.toMatch(/Steady payer|No change in payment timing/);
    expect(await figureTitle(page, 'credit-limit')).toBe('€30,000.00');
    expect(await figureTitle(page, 'available')).toBe('€26,000.00');
    expect(await figureTitle(page, 'exposure')).toBe('€4,000.00');
    // Nothing in the panel calls them steady or unchanged.
    const all = (await panel(page).locator('body').textContent()) ?? '';
    expect(all).not.toMatch(/Steady payer|No change in payment timing/);
    await page.close();
  });

  it('credit: a credit note settling the rest of a part-paid invoice leaves nothing overdue and no credit balance', async () => {
    const page = await openCustomer(PAGES.credited, 'Hooli Hardware Ltd');
    const frame = panel(page);
    await frame.getByTestId('overdue').waitFor({ timeout: 30_000 });
    expect(await figureTitle(page, 'overdue')).toBe('€0.00');
    expect(await frame.getByTestId('overdue').getAttribute('data-warn')).toBeNull();
    expect(await figureTitle(page, 'exposure')).toBe('€0.00');
    expect(await frame.getByTestId('credit-balance').count()).toBe(0);
    const risk = (await frame.locator('.risk').textContent()) ?? '';
    expect(risk).not.toMatch(/overdue|past due/i);
    expect(await frame.getByTestId('alert-item').count()).toBe(0);
    // The oracle agrees: nothing overdue, nothing owed to the customer.
    expect(await creditStatus(credit, ids.credited)).toMatchObject({ overdue: '0.00', creditBalance: '0.00' });
    await page.close();
  });

  it('sales: every reason in words, no ledger figure in the risk and credit region', async () => {
    const options = await openOptions(browser!);
    await options.getByTestId('sign-out').click();
    await options.getByTestId('sign-in-submit').waitFor({ state: 'visible', timeout: 15_000 });
    await options.close();
    await signIn(browser!, { serverUrl: server!.url, email: SALES.email, password: SALES.password });

    const page = await openCustomer(PAGES.mixed, 'Acme Tools Europe B.V.', { detail: false });
    const frame = panel(page);
    await frame.locator('.credit-hidden').waitFor({ timeout: 30_000 });
    await showAllReasons(page);
    const reasons = frame.getByTestId('risk-factor');
    expect(await reasons.count()).toBeGreaterThan(0);
    for (const detail of await reasons.locator('.risk__factor-detail').allTextContents()) {
      expect(detail.trim()).toMatch(/^[A-Z][A-Za-z ,'’:-]+$/);
    }
    expect(await reasons.locator('.risk__factor-detail').count()).toBe(await reasons.count());
    // Two invoices overdue, one of them (USD) for four months: said, not counted.
    expect(await reasons.filter({ hasText: 'Overdue invoices' }).locator('.risk__factor-detail').textContent()).toBe(
      'An invoice is more than two months overdue',
    );

    // The region: the level, trend and reasons, and what stands in for the credit figures. "Updated … ago" is a
    // time, not a ledger figure.
    const region = [
      ((await frame.locator('.risk').textContent()) ?? '').replace(/Updated .*$/, ''),
      (await frame.locator('.credit-hidden').textContent()) ?? '',
    ].join(' ');
    expect(region).toContain('An invoice is more than two months overdue');
    // The trend names what it compared, in words.
    expect(await text(page, 'risk-trend')).toBe('→ No change in payment timing against earlier months');
    expect(region).not.toMatch(/\d|%|days?|€|\$|EUR|USD|CHF|DBT|DSO|ADP/);
    expect(await frame.getByTestId('payment-figures').count()).toBe(0);
    expect(await frame.getByTestId('other-currencies').count()).toBe(0);
    expect(await frame.getByTestId('payment-sparkline').count()).toBe(0);
    await page.close();
  });
});
