/**
 * A customer visit from plan to report, in real Chromium with the built extension, against a real server that
 * e-mails through a real SMTP receiver (server/src/test-support/smtp.ts) started by this file. Credit plans the
 * visit on the workspace page with the account manager attending, prepares the briefing folder and prints it to
 * PDF, takes notes in the popup (one sent online, one queued while the server is stopped and delivered once it is
 * back), adds an action item, drafts the follow-up (the planted promise and the other customer's name are flagged,
 * recording is refused until they are acknowledged, then the Gmail compose opens with the subject), and sends the
 * internal report to the "Executives" list, which arrives at the receiver. The server (through the API) and the
 * receiver are the oracles.
 */
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { type SmtpReceiver, startSmtpReceiver } from '@earshot/server/src/test-support/smtp.js';
import { EarshotApi } from './harness/api.js';
import type { ExtensionBrowser } from './harness/browser.js';
import { signIn } from './harness/extension.js';
import { readPdf } from './harness/pdf.js';
import { EarshotServer, type UserSpec } from './harness/server.js';
import { describeE2E, screenshotOnFailure } from './harness/suite.js';
import type { FixtureServer } from './harness/tls.js';
import { ADMIN, ANALYST, launchBrowser, startFixtureServer } from './harness/world.js';

const SALES: UserSpec = { email: 'sam.sales@northwind-supplies.example', role: 'SALES', name: 'Sam Sales', password: 'e2e-sales-password-1' };
const CUSTOMER = 'Calloway Brewing Equipment GmbH';
const OTHER_CUSTOMER = 'Pellworth Castings';
const CONTACT = { name: 'Greta Holm', email: 'greta.holm@calloway-brewing.example' };
const EXECUTIVES = ['ceo@northwind-supplies.example', 'cfo@northwind-supplies.example'];
const GOALS = 'Review the credit terms before the winter orders; hear how the new bottling line is financed.';
const PROMISE = 'We will extend your credit limit to 150,000 next month.';
const NOTE_ONLINE = `Trading steady, order book full until March. Greta asked for more room; Sam said: ${PROMISE}`;
const NOTE_OFFLINE = `They compare our terms with what ${OTHER_CUSTOMER} gets from us. New bottling line financed by their bank.`;
const ACTION_ITEM = 'Send the audited accounts for 2025';

/** YYYY-MM-DD of the 5th of the month `back` months before the current one (UTC). */
function fifthOfMonthsAgo(back: number): string {
  const now = new Date();
  return new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - back, 5)).toISOString().slice(0, 10);
}
const plusDays = (day: string, days: number) => new Date(Date.parse(`${day}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
const pad = (n: number) => String(n).padStart(2, '0');
/** Local (the browser's and this process's time zone) date, `days` ahead, as YYYY-MM-DD. */
function localDay(days = 0): string {
  const d = new Date(Date.now() + days * 86_400_000);
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
}
/** Now, as an `<input type="datetime-local">` value: a visit today. */
function localNow(): string {
  const d = new Date();
  return `${localDay()}T${pad(d.getHours())}:${pad(d.getMinutes())}`;
}
/** All the text of a PDF on one line, whitespace collapsed, ligatures undone. */
const flat = (s: string) => s.normalize('NFKC').replace(/\s+/g, ' ');
/** The database id inside a Relay global id (base64 of `Type:id`). */
const rawId = (globalId: string) => Buffer.from(globalId, 'base64').toString('utf8').split(':').slice(1).join(':');

/** The customer (account manager Sam Sales, credit owner Cora Credit, a contact, a small ledger), another customer, the "Executives" list. */
async function seed(api: EarshotApi): Promise<{ accountId: string; contactId: string }> {
  const [salesId, creditId] = [await api.userId(SALES.email), await api.userId(ANALYST.email)];
  const accountId = await api.createAccount({ name: CUSTOMER, domains: ['calloway-brewing.example'], currency: 'EUR', creditLimit: '100000.00' });
  await api.request('mutation ($input: UpdateAccountInput!) { updateAccount(input: $input) { account { id } } }', {
    input: { id: accountId, accountManagerId: salesId, creditOwnerId: creditId },
  });
  const contactId = await api.createContact({ accountId, ...CONTACT });
  await api.createAccount({ name: `${OTHER_CUSTOMER} Ltd`, domains: ['pellworth-castings.example'] });
  const invoices = [];
  const payments = [];
  for (let back = 4; back >= 1; back--) {
    const issuedAt = fifthOfMonthsAgo(back);
    invoices.push({ externalId: `CB-${back}`, account: { id: accountId }, number: `CB-INV-${back}`, currency: 'EUR', amount: '24000.00', issuedAt, dueAt: plusDays(issuedAt, 30) });
    if (back >= 3) payments.push({ externalId: `CB-PAY-${back}`, invoiceExternalId: `CB-${back}`, amount: '24000.00', currency: 'EUR', receivedAt: plusDays(issuedAt, 35) });
  }
  await api.importLedger({ invoices, payments });
  await api.request('mutation ($input: SetDistributionListInput!) { setDistributionList(input: $input) { list { id } } }', {
    input: { name: 'Executives', description: 'The board', addresses: EXECUTIVES },
  });
  return { accountId, contactId };
}

interface VisitOnServer {
  purpose: string;
  status: string;
  organizer: { name: string } | null;
  attendees: { name: string }[];
  contacts: { name: string }[];
  notes: { body: string }[];
  actionItems: { title: string; status: string; dueOn: string; ownerName: string; ownerContact: { id: string } | null }[];
  followUp: { subject: string } | null;
  followedUpAt: string | null;
  acknowledgedFlags: { source: string; kind: string; excerpt: string; acknowledgedBy: { name: string } | null }[];
  reports: { id: string; subject: string; emailStatus: string; groups: string[] }[];
}

describeE2E('a customer visit from plan to report', () => {
  let pages: FixtureServer | undefined;
  let smtp: SmtpReceiver | undefined;
  let server: EarshotServer | undefined;
  let api: EarshotApi;
  let browser: ExtensionBrowser | undefined;
  let context: BrowserContext;
  let workspace: Page;
  let accountId: string;
  let contactId: string;
  let visitId: string;

  beforeAll(async () => {
    pages = await startFixtureServer();
    smtp = await startSmtpReceiver();
    server = await EarshotServer.withUsers([ADMIN, ANALYST, SALES]);
    server.extraEnv = { SMTP_URL: `smtp://127.0.0.1:${smtp.port}?tls=off`, SMTP_FROM: 'Earshot Reports <reports@northwind-supplies.example>' };
    await server.start();
    api = new EarshotApi(server.url);
    await api.signIn(ADMIN.email, ADMIN.password);
    ({ accountId, contactId } = await seed(api));
    browser = await launchBrowser(pages);
    context = browser.context;
    // The compose window must never reach a real Gmail: whatever opens there gets a stand-in page.
    await context.route('https://mail.google.com/**', (route) => route.fulfill({ contentType: 'text/html', body: '<title>compose</title>' }));
    await signIn(browser, { serverUrl: server.url, email: ANALYST.email, password: ANALYST.password });
    workspace = await browser.newPage();
  });
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
    await smtp?.stop();
    await pages?.close();
  });
  screenshotOnFailure(() => browser);

  async function visitOnServer(): Promise<VisitOnServer> {
    const { node } = await api.request<{ node: VisitOnServer }>(
      `query ($id: ID!) { node(id: $id) { ... on Visit {
        purpose status organizer { name } attendees { name } contacts { name } notes { body }
        actionItems { title status dueOn ownerName ownerContact { id } }
        followUp { subject } followedUpAt acknowledgedFlags { source kind excerpt acknowledgedBy { name } }
        reports { id subject emailStatus groups }
      } } }`,
      { id: visitId },
    );
    return node;
  }

  async function openVisitPage(): Promise<void> {
    await workspace.goto(browser!.extensionUrl(`dashboard.html#/visit/${encodeURIComponent(visitId)}`));
    await workspace.reload(); // a hash-only change does not reload the page's data
    await workspace.getByTestId('visit-header').waitFor({ timeout: 30_000 });
  }

  it('credit plans a credit terms review for today with the account manager and a contact', async () => {
    await workspace.goto(browser!.extensionUrl(`dashboard.html#/visits/new?account=${encodeURIComponent(accountId)}`));
    const form = workspace.getByTestId('plan-visit-form');
    await form.waitFor({ timeout: 30_000 });
    expect(await workspace.getByTestId('plan-visit-account').textContent()).toContain(CUSTOMER);
    await form.locator('input[name="purpose"][value="CREDIT_TERMS_REVIEW"]').check();
    await form.locator('input[name="scheduledAt"]').fill(localNow());
    await form.locator('input[name="place"]').fill('Their brewery, Bremen');
    // Credit travels with the sales person: the account manager is ticked already.
    const attendee = form.getByTestId('plan-attendee').locator('label', { hasText: SALES.name }).getByTestId('plan-attendee-person');
    await expect.poll(() => attendee.count(), { timeout: 15_000 }).toBe(1);
    expect(await attendee.isChecked()).toBe(true);
    await form.locator('label', { hasText: CONTACT.name }).getByTestId('plan-contact').check();
    await form.locator('textarea[name="goals"]').fill(GOALS);
    await workspace.getByTestId('plan-visit-save').click();

    await expect.poll(() => new URL(workspace.url()).hash, { timeout: 30_000 }).toMatch(/^#\/visit\/[^/]+$/);
    visitId = decodeURIComponent(new URL(workspace.url()).hash.slice('#/visit/'.length));
    await expect.poll(() => workspace.getByTestId('visit-status').getAttribute('data-status'), { timeout: 30_000 }).toBe('PLANNED');

    expect(await visitOnServer()).toMatchObject({
      purpose: 'CREDIT_TERMS_REVIEW',
      status: 'PLANNED',
      organizer: { name: ANALYST.name },
      attendees: [{ name: SALES.name }],
      contacts: [{ name: CONTACT.name }],
    });
  });

  it('the briefing is prepared, printed to A4 PDF with the ledger; the SALES attendee’s copy leaves the figures out', async () => {
    await openVisitPage();
    await workspace.getByTestId('prepare-briefing').click();
    await expect.poll(() => workspace.getByTestId('visit-action-outcome').textContent(), { timeout: 30_000 }).toContain('Briefing prepared');
    await expect.poll(() => workspace.getByTestId('visit-status').getAttribute('data-status'), { timeout: 30_000 }).toBe('BRIEFED');

    await workspace.getByTestId('open-briefing').click();
    await expect.poll(() => new URL(workspace.url()).hash).toMatch(/\/briefing$/);
    await workspace.getByTestId('print-briefing').waitFor({ timeout: 30_000 });
    await workspace.getByRole('heading', { level: 1, name: CUSTOMER }).waitFor({ timeout: 30_000 });
    await workspace.emulateMedia({ media: 'print' });
    const pdf = readPdf(await workspace.pdf({ format: 'A4' }));
    await workspace.emulateMedia({ media: null });
    console.log(`e2e: the visit briefing (CREDIT copy, from the server) prints on ${pdf.length} A4 page${pdf.length === 1 ? '' : 's'} (characters per page: ${pdf.map((p) => flat(p.text).trim().length).join(', ')})`);
    expect(pdf.length).toBeGreaterThanOrEqual(1);
    for (const [i, p] of pdf.entries()) expect(flat(p.text).trim().length, `page ${i + 1} of ${pdf.length} is blank`).toBeGreaterThan(40);
    const text = flat(pdf.map((p) => p.text).join('\n'));
    expect(text).toContain(CUSTOMER);
    expect(text).toContain('Ledger position and aging');
    expect(text).toContain('CB-INV-1'); // an open invoice of the ledger
    expect(text).not.toContain('Back to the visit'); // the workspace's tools are not printed

    // The account manager, an attendee, gets the SALES copy: no ledger, and it says what it left out.
    const sales = new EarshotApi(server!.url);
    await sales.signIn(SALES.email, SALES.password);
    const { node } = await sales.request<{ node: { briefing: { audience: string; document: { ledger: unknown; omitted: string[] } } | null } }>(
      'query ($id: ID!) { node(id: $id) { ... on Visit { briefing { audience document } } } }',
      { id: visitId },
    );
    expect(node.briefing?.audience).toBe('SALES');
    expect(node.briefing?.document.ledger).toBeNull();
    expect(node.briefing?.document.omitted.length).toBeGreaterThan(0);
  });

  it('notes from the popup: one sent at once, one queued while the server is stopped and delivered once it is back', async () => {
    const popup = await browser!.newPage();
    await popup.goto(browser!.extensionUrl('popup.html'));
    const item = popup.getByTestId('todays-visit').filter({ hasText: CUSTOMER });
    await item.getByTestId('visit-notes-text').fill(NOTE_ONLINE, { timeout: 30_000 });
    await item.getByTestId('visit-notes-submit').click();
    await expect.poll(() => item.getByTestId('visit-notes-status').getAttribute('data-status'), { timeout: 30_000 }).toBe('sent');
    // The guardrails read the notes as they arrive: the promise is pointed out already.
    expect(await item.getByTestId('visit-notes-flags').textContent()).toContain('will extend your credit limit');
    expect(await visitOnServer()).toMatchObject({ status: 'HELD', notes: [{ body: NOTE_ONLINE }] });

    await server!.stop();
    await popup.reload();
    // Offline: the popup shows the visit as it was loaded, and keeps the notes.
    await popup.getByTestId('todays-visits-remembered').waitFor({ timeout: 30_000 });
    await item.getByTestId('visit-notes-text').fill(NOTE_OFFLINE);
    await item.getByTestId('visit-notes-submit').click();
    await expect.poll(() => item.getByTestId('visit-notes-status').getAttribute('data-status'), { timeout: 30_000 }).toBe('pending');
    await expect.poll(() => popup.getByTestId('pending-item').count(), { timeout: 10_000 }).toBe(1);

    await server!.start(); // same data directory, same port
    const started = Date.now();
    const deadline = started + 90_000;
    for (;;) {
      const { notes } = await visitOnServer();
      if (notes.some((n) => n.body === NOTE_OFFLINE)) break;
      if (Date.now() > deadline) throw new Error('the queued notes were not delivered within 90 s of the server being back');
      // Someone glancing at the popup now and then: each load is a message that lets a due retry run.
      await popup.reload();
      await popup.waitForTimeout(2_000);
    }
    console.log(`e2e: visit notes queued offline delivered ${Date.now() - started} ms after the server was back`);
    // Once the queue is empty nothing more can be sent: then exactly one copy is on the server.
    await expect.poll(() => popup.getByTestId('pending-item').count(), { timeout: 30_000 }).toBe(0);
    const { notes } = await visitOnServer();
    expect(notes.map((n) => n.body)).toEqual([NOTE_ONLINE, NOTE_OFFLINE]);
    await popup.close();
  });

  it('an action item for the customer’s contact, added on the visit page, is open on the server', async () => {
    await openVisitPage();
    await workspace.getByTestId('add-action-item-open').click();
    const form = workspace.getByTestId('add-action-item');
    await form.getByLabel('What').fill(ACTION_ITEM);
    await form.getByTestId('action-item-owner').selectOption(`contact:${contactId}`);
    const due = localDay(10);
    await form.locator('input[type="date"]').fill(due);
    await workspace.getByTestId('add-action-item-save').click();
    await expect.poll(() => workspace.getByTestId('visit-action-items').textContent(), { timeout: 30_000 }).toContain(ACTION_ITEM);

    const { actionItems } = await visitOnServer();
    expect(actionItems).toEqual([{ title: ACTION_ITEM, status: 'OPEN', dueOn: expect.any(String), ownerName: CONTACT.name, ownerContact: { id: contactId } }]);
    expect(actionItems[0]!.dueOn.slice(0, 10)).toBe(due); // a day: kept as midnight UTC of the date picked
  });

  it('the follow-up flags the promise and the other customer, is refused until acknowledged, then opens in Gmail', async () => {
    await openVisitPage();
    await workspace.getByTestId('draft-follow-up').click();
    const form = workspace.getByTestId('follow-up-form');
    await form.waitFor({ timeout: 30_000 });
    // The draft sums up only the questions asked and the open action items; none was asked here, so it holds a
    // line to fill in. The account manager writes what was discussed — with the promise and the other customer
    // the seed warns about — and the guardrails check the text as edited.
    const bodyBox = form.getByTestId('follow-up-body');
    const drafted = await bodyBox.inputValue();
    expect(drafted).toContain('[Add what you discussed]');
    expect(drafted).not.toContain(PROMISE); // the notes stay internal
    await bodyBox.fill(drafted.replace('[Add what you discussed]', `- Your order book and the new bottling line. ${PROMISE}\n- Terms: the same as ${OTHER_CUSTOMER} gets from us.`));
    const commitment = form.locator('[data-testid="guardrail-flag"][data-kind="COMMITMENT"]');
    const other = form.locator('[data-testid="guardrail-flag"][data-kind="OTHER_CUSTOMER"]');
    await expect.poll(() => commitment.count(), { timeout: 30_000 }).toBeGreaterThanOrEqual(1);
    expect(await commitment.first().locator('q').textContent()).toMatch(/will extend your credit limit/i);
    expect(await other.count()).toBeGreaterThanOrEqual(1);
    expect(await other.first().locator('q').textContent()).toContain(OTHER_CUSTOMER);
    const subject = await form.getByTestId('follow-up-subject').inputValue();
    expect(subject.length).toBeGreaterThan(0);

    // Not acknowledged yet: the server refuses to record it, nothing opens, the visit stays HELD.
    const pagesBefore = context.pages().length;
    await form.getByTestId('compose-gmail').click();
    const outcome = form.getByTestId('follow-up-outcome');
    await expect.poll(() => outcome.getAttribute('class'), { timeout: 30_000 }).toContain('form-error');
    expect(await outcome.textContent()).toMatch(/will extend your credit limit/i);
    expect(context.pages().length).toBe(pagesBefore);
    expect((await visitOnServer()).status).toBe('HELD');

    // Keep both (acknowledge): each button goes once its flag is recorded.
    const acks = form.getByTestId('acknowledge-flag');
    for (let left = await acks.count(); left > 0; left = await acks.count()) {
      await acks.first().click();
      await expect.poll(() => acks.count(), { timeout: 20_000 }).toBe(left - 1);
    }
    const opened = context.waitForEvent('page', { timeout: 30_000 });
    await form.getByTestId('compose-gmail').click();
    const compose = await opened;
    await expect.poll(() => compose.url(), { timeout: 20_000 }).toMatch(/^https:\/\/mail\.google\.com\//);
    const url = new URL(compose.url());
    expect(url.searchParams.get('su')).toBe(subject);
    expect(url.searchParams.get('to')).toContain(CONTACT.email);
    await compose.close();
    // Recorded: the editor gives way to the follow-up as sent, read-only, with where it was opened.
    await expect.poll(() => workspace.getByTestId('follow-up-outcome').textContent(), { timeout: 20_000 }).toContain('Opened in Gmail');
    expect(await workspace.getByTestId('follow-up-sent-body').textContent()).toContain(OTHER_CUSTOMER);

    const visit = await visitOnServer();
    expect(visit.status).toBe('FOLLOWED_UP');
    expect(visit.followUp?.subject).toBe(subject);
    expect(visit.followedUpAt).not.toBeNull();
    const acked = visit.acknowledgedFlags.filter((a) => a.source === 'FOLLOW_UP');
    expect(acked.map((a) => a.kind).sort()).toEqual(expect.arrayContaining(['COMMITMENT', 'OTHER_CUSTOMER']));
    for (const a of acked) expect(a.acknowledgedBy).toEqual({ name: ANALYST.name });
  });

  it('the internal report goes to the "Executives" list and arrives at the SMTP receiver', async () => {
    await openVisitPage();
    const form = workspace.getByTestId('send-report-form');
    await form.waitFor({ timeout: 30_000 });
    await form.locator('label', { hasText: 'Executives' }).getByTestId('report-group').check();
    const sentAt = Date.now();
    await form.getByTestId('send-report').click();
    await expect.poll(() => form.getByTestId('report-sent').textContent(), { timeout: 30_000 }).toMatch(/Queued|E-mailed/);

    await expect.poll(() => smtp!.messages.length, { timeout: 60_000 }).toBe(1);
    const [message] = smtp!.messages;
    console.log(`e2e: visit report at the SMTP receiver ${message!.at - sentAt} ms after "Send"`);
    const { reports } = await visitOnServer();
    expect(reports).toHaveLength(1);
    const report = reports[0]!;
    expect(report.groups).toEqual(['Executives']);
    const mail = message!.mail;
    expect(message!.envelope.to.sort()).toEqual([...EXECUTIVES].sort());
    expect((Array.isArray(mail.to) ? mail.to : [mail.to]).flatMap((t) => t!.value.map((v) => v.address)).sort()).toEqual([...EXECUTIVES].sort());
    expect(mail.subject).toBe(report.subject);
    expect(mail.subject).toContain(CUSTOMER);
    expect(mail.headers.get('x-earshot-visit-report')).toBe(rawId(report.id));
    const body = mail.text ?? '';
    expect(body).toContain('Purpose: Credit terms review');
    expect(body).toContain(ACTION_ITEM);
    expect(body).toContain(CONTACT.name);
    expect(body).toContain('order book full until March'); // a key point from the notes

    // The page says, in words, that it was e-mailed; the server row is SENT.
    await expect
      .poll(
        async () => {
          await workspace.reload();
          return workspace.getByTestId('report-email-status').first().textContent({ timeout: 30_000 });
        },
        { timeout: 60_000 },
      )
      .toBe(`E-mailed to ${EXECUTIVES.length} people`);
    expect((await visitOnServer()).reports[0]).toMatchObject({ emailStatus: 'SENT' });
  });
});
