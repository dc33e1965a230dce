/**
 * The workspace page (dashboard.html) against the real server: a credit analyst opens a customer from the page's
 * address, starts a health-check review, sees the four checks pre-filled from the ledger, the credit report and
 * the bank-details history, records a new credit report during the review, and completes it; then asks the
 * account manager for intel from the same page; and the account manager gives their view for a review from their
 * workspace, by keyboard. The server is the oracle: the review is DONE with what was ticked, the intel request is
 * OPEN and assigned to the account manager, the second review holds the account manager's view.
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { EarshotApi } from './harness/api.js';
import type { ExtensionBrowser } from './harness/browser.js';
import { signIn } from './harness/extension.js';
import { closeBrowsersAfterEach, describeE2E } from './harness/suite.js';
import { EarshotServer, type UserSpec } from './harness/server.js';
import type { FixtureServer } from './harness/tls.js';
import { ADMIN, ANALYST, launchBrowser, startFixtureServer } from './harness/world.js';

const SALES: UserSpec = { email: 'sam.sales@northwind-supplies.example', role: 'SALES', name: 'Sam Sales', password: 'e2e-sales-password-1' };
const CUSTOMER = 'Harrowgate Joinery GmbH';

/** YYYY-MM-DD of the 5th of the month `back` months before the current one (UTC). */
function fifthOfMonthsAgo(back: number): string {
  const now = new Date();
  return new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - back, 5)).toISOString().slice(0, 10);
}

function plusDays(day: string, days: number): string {
  return new Date(Date.parse(`${day}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
}

/** A customer with an account manager, a credit owner, a purchase plan, six months of invoices and payments, and a credit report. */
async function seedCustomer(api: EarshotApi): Promise<string> {
  const [salesId, creditId] = [await api.userId(SALES.email), await api.userId(ANALYST.email)];
  const accountId = await api.createAccount({ name: CUSTOMER, domains: ['harrowgate-joinery.example'], currency: 'EUR', creditLimit: '80000.00' });
  await api.request('mutation ($input: UpdateAccountInput!) { updateAccount(input: $input) { account { id } } }', {
    input: { id: accountId, accountManagerId: salesId, creditOwnerId: creditId, anticipatedMonthlyPurchases: '20000.00' },
  });
  const invoices = [];
  const payments = [];
  for (let back = 6; back >= 1; back--) {
    const issuedAt = fifthOfMonthsAgo(back);
    const externalId = `HJ-${back}`;
    invoices.push({ externalId, account: { id: accountId }, number: `INV-${back}`, currency: 'EUR', amount: '18000.00', issuedAt, dueAt: plusDays(issuedAt, 30) });
    if (back >= 2) payments.push({ externalId: `PAY-${back}`, invoiceExternalId: externalId, amount: '18000.00', currency: 'EUR', receivedAt: plusDays(issuedAt, 33) });
  }
  await api.importLedger({ invoices, payments });
  await api.request('mutation ($input: RecordCreditReportInput!) { recordCreditReport(input: $input) { creditReport { score } } }', {
    input: { accountId, source: 'Creditreform', score: 64, rating: 'B2', reportedAt: `${fifthOfMonthsAgo(5)}T12:00:00.000Z` },
  });
  return accountId;
}

interface ReviewOnServer {
  status: string;
  outcome: string | null;
  outcomeNote: string | null;
  completedBy: { name: string } | null;
  checks: {
    creditReport: { checked: boolean | null; updatedDuringReview: boolean; scoreAfter: number | null };
    bankDetails: { unchanged: boolean | null };
    paymentPattern: { confirmed: boolean | null };
  };
}

describeE2E('workspace page', () => {
  let pages: FixtureServer | undefined;
  let server: EarshotServer | undefined;
  let api: EarshotApi;
  let browser: ExtensionBrowser | undefined;
  let accountId: string;

  beforeAll(async () => {
    pages = await startFixtureServer();
    server = await EarshotServer.withUsers([ADMIN, ANALYST, SALES]);
    await server.start();
    api = new EarshotApi(server.url);
    await api.signIn(ADMIN.email, ADMIN.password);
    accountId = await seedCustomer(api);
  });
  afterAll(async () => {
    await server?.stop();
    await pages?.close();
  });
  closeBrowsersAfterEach(() => [browser]);

  async function workspaceAs(hash: string, user: UserSpec = ANALYST): Promise<Page> {
    browser = await launchBrowser(pages!);
    await signIn(browser, { serverUrl: server!.url, email: user.email, password: user.password });
    const page = await browser.newPage();
    await page.goto(browser.extensionUrl(`dashboard.html${hash}`));
    return page;
  }

  it('credit completes a review with its four checks on the workspace page', async () => {
    const page = await workspaceAs(`#/account/${encodeURIComponent(accountId)}`);
    await expect.poll(() => page.getByTestId('account-name').textContent(), { timeout: 30_000 }).toBe(CUSTOMER);

    // Start a review now, from the account's card: the page moves to the review, its heading focused.
    await page.getByTestId('start-review-now').click();
    const form = page.getByTestId('complete-form');
    await form.waitFor({ timeout: 30_000 });
    const hash = new URL(page.url()).hash;
    expect(hash).toMatch(/^#\/review\//);
    const reviewId = decodeURIComponent(hash.slice('#/review/'.length));
    expect(await page.evaluate(() => document.activeElement?.getAttribute('data-testid'))).toBe('view-heading');

    // The four checks, pre-filled from what the server knows.
    const credit = page.getByTestId('check-credit-report');
    await expect.poll(() => credit.textContent()).toContain('Creditreform: score 64, rating B2');
    expect(await page.getByTestId('bank-evidence').textContent()).toContain('No change recorded since the last review.');
    expect(await page.getByTestId('confirm-bankDetails').isChecked()).toBe(true);
    expect(await page.locator('[data-testid="purchase-months"] tbody tr').count()).toBe(3);
    expect(((await page.getByTestId('purchases-summary').textContent()) ?? '').length).toBeGreaterThan(0);
    expect(((await page.getByTestId('payment-summary').textContent()) ?? '').length).toBeGreaterThan(0);
    // Starting asked the account manager, who has not answered yet.
    expect(await page.getByTestId('sales-view').textContent()).toMatch(/Asked Sam Sales .*not answered yet/);

    // (1) A new credit report, recorded during the review.
    await page.getByTestId('record-report-open').click();
    const report = page.getByTestId('record-report');
    await report.getByLabel('Bureau or report').fill('Creditreform');
    await report.getByLabel('Score (0–100)').fill('71');
    await report.getByLabel('Rating').fill('B1');
    await report.getByRole('button', { name: 'Record report' }).click();
    await expect.poll(() => page.getByTestId('score-change').textContent(), { timeout: 20_000 }).toContain('64 when the review started → 71 now');
    expect(await page.getByTestId('confirm-creditReport').isChecked()).toBe(true);

    // (4) confirmed by the reviewer, an outcome, a note; then complete.
    await page.getByTestId('confirm-paymentPattern').check();
    await page.getByTestId('outcome-OK').check();
    await page.getByLabel('Outcome note').fill('Pays a few days late, buying close to plan: no change.');
    await page.getByTestId('complete-review').click();
    await expect.poll(() => page.getByTestId('review-meta').getAttribute('data-status'), { timeout: 30_000 }).toBe('DONE');
    expect(await page.getByTestId('review-outcome').textContent()).toContain('OK');

    const { node } = await api.request<{ node: ReviewOnServer }>(
      `query ($id: ID!) { node(id: $id) { ... on HealthCheck {
        status outcome outcomeNote completedBy { name }
        checks { creditReport { checked updatedDuringReview scoreAfter } bankDetails { unchanged } paymentPattern { confirmed } }
      } } }`,
      { id: reviewId },
    );
    expect(node).toEqual({
      status: 'DONE',
      outcome: 'OK',
      outcomeNote: 'Pays a few days late, buying close to plan: no change.',
      completedBy: { name: ANALYST.name },
      checks: {
        creditReport: { checked: true, updatedDuringReview: true, scoreAfter: 71 },
        bankDetails: { unchanged: true },
        paymentPattern: { confirmed: true },
      },
    });
    const { account } = await api.request<{ account: { nextReviewAt: string | null } }>('query ($id: ID!) { account(id: $id) { nextReviewAt } }', { id: accountId });
    expect(Date.parse(account.nextReviewAt ?? '')).toBeGreaterThan(Date.now());
  });

  it('credit sends an intel request to the account manager from the account', async () => {
    const page = await workspaceAs(`#/account/${encodeURIComponent(accountId)}`);
    await page.getByTestId('ask-account-manager').click({ timeout: 30_000 });
    const form = page.getByTestId('intel-form');
    await form.waitFor({ timeout: 20_000 });
    expect(await page.getByTestId('intel-assignee').textContent()).toContain('Goes to Sam Sales');
    await page.getByRole('checkbox', { name: 'Are they hiring?' }).check();
    await page.getByRole('button', { name: 'Add your own question' }).click();
    await page.getByTestId('intel-free-question').fill('Did they mention the new plant?');
    await page.getByRole('button', { name: 'Send request' }).click();
    await expect.poll(() => page.getByTestId('intel-sent').textContent(), { timeout: 20_000 }).toContain('Sent to Sam Sales.');

    const data = await api.request<{ intelRequests: { edges: { node: { status: string; assignedTo: { name: string }; questions: { kind: string; template: string | null; text: string }[] } }[] } }>(
      'query ($id: ID!) { intelRequests(first: 10, filter: { accountId: $id, status: [OPEN] }) { edges { node { status assignedTo { name } questions { kind template text } } } } }',
      { id: accountId },
    );
    const sent = data.intelRequests.edges.map((e) => e.node).find((r) => r.questions.some((q) => q.text === 'Did they mention the new plant?'));
    expect(sent).toMatchObject({ status: 'OPEN', assignedTo: { name: SALES.name } });
    expect(sent?.questions.map((q) => q.template ?? q.kind)).toEqual(['HIRING', 'TEXT']);

    // It is listed under "Waiting for Sam Sales" on the intel requests view.
    await page.getByRole('link', { name: 'Back to intel requests' }).click();
    const group = page.getByTestId('intel-group').filter({ hasText: 'Waiting for Sam Sales' });
    await expect.poll(() => group.getByTestId('intel-row').count(), { timeout: 20_000 }).toBeGreaterThanOrEqual(1);
  });

  it('the account manager gives their view for a review on the workspace page, and the review has it', async () => {
    // Credit (the admin, through the API) starts a review, which asks Sam Sales for their view.
    const started = await api.request<{ startHealthCheck: { healthCheck: { id: string } } }>(
      'mutation ($input: StartHealthCheckInput!) { startHealthCheck(input: $input) { healthCheck { id } } }',
      { input: { accountId } },
    );
    const reviewId = started.startHealthCheck.healthCheck.id;

    const page = await workspaceAs('#/intel', SALES);
    const waiting = page.locator(`[data-testid="sales-request"][data-review-id="${reviewId}"]`);
    await waiting.getByTestId('answer-open').click({ timeout: 30_000 });
    const form = waiting.getByTestId('answer-form');
    // Keyboard only: the first choice has the focus; arrow keys move between the choices, Ctrl+Enter sends.
    await expect.poll(() => page.evaluate(() => (document.activeElement as HTMLInputElement | null)?.value)).toBe('BUSTLING');
    await page.keyboard.press('ArrowRight');
    await page.keyboard.press('Tab');
    await page.keyboard.type('Half the workshop idle on Tuesday');
    await page.keyboard.press('Control+Enter');
    await expect.poll(() => page.getByTestId('answer-done').textContent(), { timeout: 20_000 }).toContain('Answered.');
    // Answered: it leaves the list.
    await expect.poll(() => form.count(), { timeout: 20_000 }).toBe(0);

    const { node } = await api.request<{ node: { salesView: string | null; salesComment: string | null; salesViewBy: { name: string } | null } }>(
      'query ($id: ID!) { node(id: $id) { ... on HealthCheck { salesView salesComment salesViewBy { name } } } }',
      { id: reviewId },
    );
    expect(node).toEqual({ salesView: 'QUIET', salesComment: 'Half the workshop idle on Tuesday', salesViewBy: { name: SALES.name } });
  });
});
