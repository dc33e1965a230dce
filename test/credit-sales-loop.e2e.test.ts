/**
 * Credit and sales in one loop (issue 8), in Chromium with the built extension against a real server:
 * - credit sends an intel request through the API; the account manager sees it at the top of the panel on a
 *   Gmail thread from that customer (and counted on the toolbar badge), answers it with the keyboard, and the
 *   answers come back as signals — through the API and in the panel;
 * - credit reports a dispute on an overdue invoice in the panel: the invoice leaves "overdue" and shows as
 *   disputed, in the API's figures and in the panel; the account manager reads the dispute in words, without
 *   figures;
 * - credit starts a health-check review: the account manager is asked for their view in the panel, and their
 *   answer fills in the review's sales view.
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { EarshotApi } from './harness/api.js';
import type { ExtensionBrowser } from './harness/browser.js';
import { type Customer, customersFor, fixtureFor, seedCustomers } from './harness/customers.js';
import { openPanel, panel, readPanel, signIn } from './harness/extension.js';
import { EarshotServer, type UserSpec } from './harness/server.js';
import { closeBrowsersAfterEach, describeE2E } from './harness/suite.js';
import type { FixtureServer } from './harness/tls.js';
import { ADMIN, ANALYST, launchBrowser, showFixture, startFixtureServer } from './harness/world.js';

const f = fixtureFor('gmail', 'thread');

const SALES: UserSpec = {
  email: 'sam.sales@northwind-supplies.example',
  role: 'SALES',
  name: 'Sam Sales',
  password: 'e2e-sales-password-1',
};

const LATE_INVOICE = 'E2E-LATE-1';
/** The late invoice's amount as the panel's compact figures show it ("€8.4K"). */
const EIGHT_FOUR_K = /8[.,]4\s?K/;

/** `YYYY-MM-DD`, `days` before today (UTC). */
const daysAgo = (days: number) => new Date(Date.now() - days * 86_400_000).toISOString().slice(0, 10);

interface IntelRequestRow {
  id: string;
  status: string;
  assignedTo: { id: string } | null;
  answers: { questionId: string; choice: string | null; note: string | null; dontKnow: boolean; signal: { id: string; type: string } | null }[];
}

/** The global toolbar badge (no tab): the number of intel requests to answer. */
async function globalBadge(browser: ExtensionBrowser): Promise<{ text: string; title: string }> {
  const worker = await browser.serviceWorker();
  return worker.evaluate(async () => {
    const { chrome } = globalThis as unknown as {
      chrome: { action: { getBadgeText(d: object): Promise<string>; getTitle(d: object): Promise<string> } };
    };
    return { text: await chrome.action.getBadgeText({}), title: await chrome.action.getTitle({}) };
  });
}

async function panelTexts(page: Page, testid: string): Promise<string[]> {
  return (await panel(page).getByTestId(testid).allTextContents()).map((t) => t.trim());
}

describeE2E('credit and sales in one loop', () => {
  let pages: FixtureServer | undefined;
  let server: EarshotServer | undefined;
  let admin: EarshotApi;
  let credit: EarshotApi;
  let customer: Customer;
  let salesId: string;
  let browser: ExtensionBrowser | undefined;

  beforeAll(async () => {
    pages = await startFixtureServer();
    server = await EarshotServer.withUsers([ADMIN, ANALYST, SALES]);
    await server.start();
    admin = new EarshotApi(server.url);
    await admin.signIn(ADMIN.email, ADMIN.password);
    const customers = customersFor([f]);
    await seedCustomers(admin, customers);
    customer = customers[0]!;

    // Sam manages the account; one invoice is 45 days past due.
    const sales = new EarshotApi(server.url);
    await sales.signIn(SALES.email, SALES.password);
    salesId = (await sales.request<{ viewer: { id: string } }>('{ viewer { id } }')).viewer.id;
    await admin.request('mutation ($input: UpdateAccountInput!) { updateAccount(input: $input) { account { id } } }', {
      input: { id: customer.id, accountManagerId: salesId },
    });
    await admin.importLedger({
      invoices: [
        { externalId: 'e2e-loop-late-1', account: { id: customer.id! }, number: LATE_INVOICE, currency: 'EUR', amount: '8400.00', issuedAt: daysAgo(75), dueAt: daysAgo(45) },
      ],
      payments: [],
    });

    credit = new EarshotApi(server.url);
    await credit.signIn(ANALYST.email, ANALYST.password);
    showFixture(pages, f);
  }, 300_000);

  afterAll(async () => {
    await server?.stop();
    await pages?.close();
  });
  closeBrowsersAfterEach(() => [browser]);

  it('credit asks; the account manager answers in the panel on the Gmail thread; the answers are signals', async () => {
    const dueAt = new Date(Date.now() + 3 * 86_400_000).toISOString();
    const created = await credit.request<{ createIntelRequest: { intelRequest: IntelRequestRow } }>(
      `mutation ($input: CreateIntelRequestInput!) {
        createIntelRequest(input: $input) { intelRequest { id status assignedTo { id } answers { questionId } } }
      }`,
      {
        input: {
          accountId: customer.id,
          questions: [{ template: 'ACTIVITY' }, { template: 'HIRING' }, { text: 'Who runs purchasing there now?' }],
          message: 'Their payments slipped this quarter: what do you see?',
          dueAt,
        },
      },
    );
    const requestId = created.createIntelRequest.intelRequest.id;
    expect(created.createIntelRequest.intelRequest).toMatchObject({ status: 'OPEN', assignedTo: { id: salesId } });

    browser = await launchBrowser(pages!);
    await signIn(browser, { serverUrl: server!.url, email: SALES.email, password: SALES.password });
    // The toolbar counts it on every tab without a customer of its own.
    await expect.poll(() => globalBadge(browser!), { timeout: 20_000 }).toEqual({ text: '1', title: 'Earshot: 1 intel request to answer' });

    const page = await browser.newPage();
    await page.goto(f.url);
    await openPanel(page);
    const before = await readPanel(page);
    expect(before.accountName).toBe(customer.name);
    const frame = panel(page);
    const request = frame.getByTestId('intel-request');
    await request.waitFor({ timeout: 30_000 });
    expect(await request.textContent()).toContain('Their payments slipped this quarter: what do you see?');
    expect(await request.textContent()).toContain(ANALYST.name);

    // A few keystrokes: 2 = Quiet, 1 = Yes (hiring), the free answer, Ctrl+Enter.
    await request.locator('input[type="radio"]').first().focus();
    await page.keyboard.press('2');
    await page.keyboard.press('1');
    await page.keyboard.type('Dana Lee, since March');
    await page.keyboard.press('Control+Enter');

    await expect.poll(() => panelTexts(page, 'intel-announcement'), { timeout: 20_000 }).toEqual([expect.stringMatching(/^Answers sent to Cora Credit/)]);
    await expect.poll(() => frame.getByTestId('intel-request').count(), { timeout: 20_000 }).toBe(0);

    // The server: the request is answered, each answer that says something is a signal linked to it.
    const stored = await credit.request<{ node: IntelRequestRow }>(
      `query ($id: ID!) { node(id: $id) { ... on IntelRequest { id status answers { questionId choice note dontKnow signal { id type } } } } }`,
      { id: requestId },
    );
    expect(stored.node.status).toBe('ANSWERED');
    const answerSignals = stored.node.answers.flatMap((a) => (a.signal ? [a.signal.type] : []));
    expect(answerSignals).toEqual(expect.arrayContaining(['QUIET', 'HIRING']));
    expect(stored.node.answers.map((a) => a.note)).toContain('Dana Lee, since March');
    const { signals } = await admin.accountSignals(customer.id!);
    expect(signals.map((s) => s.type)).toEqual(expect.arrayContaining(['QUIET', 'HIRING']));

    // The panel: the new signals are listed (the worker refetched the account), and nothing is left to answer.
    await expect.poll(async () => (await readPanel(page)).signalCount, { timeout: 20_000 }).toBeGreaterThan(before.signalCount);
    await expect.poll(() => globalBadge(browser!), { timeout: 20_000 }).toEqual({ text: '', title: 'Earshot' });
  }, 240_000);

  it('a dispute on an overdue invoice moves it out of “overdue” into “disputed” in the panel', async () => {
    browser = await launchBrowser(pages!);
    await signIn(browser, { serverUrl: server!.url, email: ANALYST.email, password: ANALYST.password });
    const page = await browser.newPage();
    await page.goto(f.url);
    await openPanel(page);
    expect((await readPanel(page)).accountName).toBe(customer.name);
    const frame = panel(page);
    await expect.poll(() => panelTexts(page, 'overdue'), { timeout: 20_000 }).toEqual([expect.stringMatching(EIGHT_FOUR_K)]);
    expect(await frame.getByTestId('disputed').count()).toBe(0);

    await frame.getByTestId('report-dispute').click();
    const invoice = frame.getByRole('checkbox', { name: new RegExp(LATE_INVOICE) });
    await invoice.waitFor({ timeout: 20_000 });
    await invoice.check();
    await frame.getByTestId('dispute-reason').fill('Two pallets arrived damaged');
    await frame.getByTestId('dispute-owner-team').fill('logistics');
    await frame.getByTestId('dispute-submit').click();

    await expect.poll(() => panelTexts(page, 'disputed'), { timeout: 30_000 }).toEqual(['€8,400.00 disputed, not counted as overdue (owner: logistics)']);
    // The overdue line is another part of the panel: it may render the refetched figures a moment later.
    await expect.poll(async () => (await panelTexts(page, 'overdue'))[0], { timeout: 30_000 }).not.toMatch(EIGHT_FOUR_K);
    expect(await panelTexts(page, 'dispute')).toEqual([expect.stringContaining('Dispute: Two pallets arrived damaged · €8,400.00')]);

    const figures = await credit.request<{ account: { creditStatus: { overdue: string; disputed: string } } }>(
      'query ($id: ID!) { account(id: $id) { creditStatus { overdue disputed } } }',
      { id: customer.id },
    );
    expect(figures.account.creditStatus).toEqual({ overdue: '0.00', disputed: '8400.00' });
    await browser.close();

    // The account manager reads it in words, without the amount.
    browser = await launchBrowser(pages!);
    await signIn(browser, { serverUrl: server!.url, email: SALES.email, password: SALES.password });
    const salesPage = await browser.newPage();
    await salesPage.goto(f.url);
    await openPanel(salesPage);
    await expect.poll(() => panelTexts(salesPage, 'dispute'), { timeout: 30_000 }).toEqual([expect.stringContaining('with logistics since')]);
    expect((await panelTexts(salesPage, 'dispute'))[0]).not.toMatch(/€|8,400/);
    expect(await panel(salesPage).getByTestId('disputed').count()).toBe(0);
  }, 240_000);

  it('a review asks the account manager’s view in the panel; the answer fills in the review', async () => {
    const started = await credit.request<{ startHealthCheck: { healthCheck: { id: string; status: string } } }>(
      'mutation ($input: StartHealthCheckInput!) { startHealthCheck(input: $input) { healthCheck { id status } } }',
      { input: { accountId: customer.id, askSalesView: true } },
    );
    const reviewId = started.startHealthCheck.healthCheck.id;
    expect(started.startHealthCheck.healthCheck.status).toBe('IN_PROGRESS');

    browser = await launchBrowser(pages!);
    await signIn(browser, { serverUrl: server!.url, email: SALES.email, password: SALES.password });
    const page = await browser.newPage();
    await page.goto(f.url);
    await openPanel(page);
    const frame = panel(page);
    const question = frame.getByRole('radiogroup', { name: 'Credit is reviewing this account: how do they seem?' });
    await question.waitFor({ timeout: 30_000 });
    expect(await panelTexts(page, 'credit-actions')).toEqual([expect.stringMatching(/review/i)]);

    await frame.getByLabel('Comment (optional)').fill('Two new lines running since October');
    await question.locator('input[type="radio"]').first().focus();
    await page.keyboard.press('1'); // Bustling; focus moves on to Send
    await page.keyboard.press('Enter');
    await expect.poll(() => frame.getByTestId('intel-request').count(), { timeout: 20_000 }).toBe(0);

    const review = await credit.request<{ node: { salesView: string | null; salesComment: string | null; salesViewBy: { name: string } | null } }>(
      'query ($id: ID!) { node(id: $id) { ... on HealthCheck { salesView salesComment salesViewBy { name } } } }',
      { id: reviewId },
    );
    expect(review.node).toEqual({ salesView: 'BUSTLING', salesComment: 'Two new lines running since October', salesViewBy: { name: SALES.name } });
  }, 240_000);
});
