/**
 * The leaks of issue 7 reproduced from outside, each as a request a sales user or a limited API token can send.
 * Every test here failed before its fix.
 */
import { OPERATIONS } from '@earshot/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
const BANK_CHANGE_SAFE_NOTE = 'Bank details changed. The credit team has the details.';
import { type AuthzFixture, buildAuthzFixture, IBAN_NEW, SECRET_NOTE } from '../test-support/authz-fixture.js';
import { DB_KINDS } from '../test-support/databases.js';
import { errorCodes, ok, startTestServer, type TestServer } from '../test-support/server.js';

const ALERTS = /* GraphQL */ `
  query ($id: ID!) { account(id: $id) { alerts(first: 20) { edges { node { rule title detail evidence } } } } }
`;
const SIGNALS = /* GraphQL */ `
  query ($id: ID!) { account(id: $id) { signals(first: 20) { edges { node { type note } } } } }
`;
/** Digits of 2 or more, currency amounts or IBAN fragments: what a figure looks like in a text. */
const FIGURES = /\d[\d,.]*\d|€|EUR\b|\d{4}/;

type AlertNode = { rule: string; title: string; detail: string | null; evidence: unknown };

describe.each(DB_KINDS)('leaks closed (issue 7) on %s', (kind) => {
  let s: TestServer;
  let f: AuthzFixture;

  beforeAll(async () => {
    s = await startTestServer(kind);
    f = await buildAuthzFixture(s);
  });
  afterAll(() => s?.close());

  it('the sidebar’s lookup and card never read a password hash out of the database (the token, the users on the card)', async () => {
    const texts: string[] = [];
    const driver = (s.db.pglite ?? s.db.pool) as unknown as { query: (...args: unknown[]) => unknown };
    const original = driver.query;
    const query = original.bind(driver);
    driver.query = (...args: unknown[]) => {
      texts.push(typeof args[0] === 'string' ? args[0] : (args[0] as { text: string }).text);
      return query(...args);
    };
    try {
      for (const role of ['SALES', 'CREDIT'] as const) {
        const found = ok(await s.as(role)(OPERATIONS.ResolveAccounts, { context: { domains: ['slowpay.example'] } })).resolveAccounts;
        const card = ok(await s.as(role)(OPERATIONS.AccountCard, { id: found[0].account.id })).account;
        expect(card.accountManager.email).toBe(s.users.SALES.email);
        expect(card.notes.edges.length).toBeGreaterThan(0);
      }
    } finally {
      driver.query = original;
    }
    expect(texts.length).toBeGreaterThan(0);
    expect(texts.filter((t) => t.includes('passwordHash'))).toEqual([]);
  });

  const alertsAs = async (token: string | null) =>
    (ok(await s.gql(ALERTS, { id: f.accountGid }, token)).account.alerts.edges as { node: AlertNode }[]).map((e) => e.node);

  it('alerts: SALES and VIEWER read a sentence without figures and no evidence; CREDIT reads the figures', async () => {
    const credit = await alertsAs(s.users.CREDIT.token);
    expect(credit.map((a) => a.rule)).toEqual(expect.arrayContaining(['OVER_LIMIT', 'OVERDUE', 'BANK_CHANGE']));
    const creditOver = credit.find((a) => a.rule === 'OVER_LIMIT')!;
    // Exposure in every currency against the limit: EUR 15,000.00 + USD 700.00 at 0.9 (CREDIT-MODEL.md §7).
    expect(creditOver.detail).toMatch(/Exposure EUR 15,630.00/);
    expect(creditOver.evidence).toMatchObject({ metrics: { currency: 'EUR', exposure: expect.anything(), creditLimit: expect.anything() } });
    for (const role of ['SALES', 'VIEWER'] as const) {
      const alerts = await alertsAs(s.users[role].token);
      expect(alerts).toHaveLength(credit.length);
      for (const a of alerts) {
        expect(a.evidence).toBeNull();
        if (['OVER_LIMIT', 'OVERDUE', 'PAYMENT_SLIPPING', 'SMALL_INVOICES_ONLY'].includes(a.rule)) {
          expect(a.detail!.replace(/more than \d+ days/, '')).not.toMatch(FIGURES);
        }
      }
      expect(alerts.find((a) => a.rule === 'OVER_LIMIT')!.detail).toBe('Over its credit limit. The credit team has the figures.');
      expect(alerts.find((a) => a.rule === 'OVERDUE')!.detail).toMatch(/^Several invoices are more than 60 days overdue/);
    }
  });

  it('alerts through node(id) and the top-level alerts list hide the figures the same way', async () => {
    const viaNode = ok(await s.as('SALES')(`query ($id: ID!) { node(id: $id) { ... on Alert { detail evidence } } }`, { id: f.ids.overLimitAlert! }));
    expect(viaNode.node).toEqual({ detail: 'Over its credit limit. The credit team has the figures.', evidence: null });
    const list = ok(await s.as('SALES')(`{ alerts(first: 50) { edges { node { detail evidence } } } }`)).alerts.edges as { node: AlertNode }[];
    expect(list.every((e) => e.node.evidence === null)).toBe(true);
    expect(JSON.stringify(list)).not.toMatch(/15000|10000/);
  });

  it('BANK_CHANGE: the signal note names no bank details for sales, credit reads them', async () => {
    const last4 = IBAN_NEW.slice(-4);
    const salesSignals = ok(await s.as('SALES')(SIGNALS, { id: f.accountGid })).account.signals.edges as { node: { type: string; note: string } }[];
    const salesBank = salesSignals.find((e) => e.node.type === 'BANK_CHANGE')!.node;
    expect(salesBank.note).toBe(BANK_CHANGE_SAFE_NOTE);
    expect(salesBank.note).not.toMatch(/\d/);
    const viaNode = ok(await s.as('VIEWER')(`query ($id: ID!) { node(id: $id) { ... on Signal { note } } }`, { id: f.ids.bankSignal! }));
    expect(viaNode.node.note).toBe(BANK_CHANGE_SAFE_NOTE);
    const creditSignals = ok(await s.as('CREDIT')(SIGNALS, { id: f.accountGid })).account.signals.edges as { node: { type: string; note: string } }[];
    expect(creditSignals.find((e) => e.node.type === 'BANK_CHANGE')!.node.note).toContain(last4);
    // A credit user's token without ledger:read is treated as sales for the figures.
    const noLedger = await s.apiToken('CREDIT', ['accounts:read']);
    expect(JSON.stringify(ok(await s.gql(SIGNALS, { id: f.accountGid }, noLedger)))).not.toContain(last4);
  });

  it('finance signals (credit report, payment behaviour): the note is words for sales, the figures for credit', async () => {
    const created = ok(
      await s.as('CREDIT')(`mutation ($i: CreateSignalInput!) { createSignal(input: $i) { signal { id note } } }`, {
        i: { accountId: f.accountGid, type: 'CREDIT_REPORT_CHANGE', note: 'Bureau score down from 72 to 49' },
      }),
    ).createSignal.signal;
    expect(created.note).toBe('Bureau score down from 72 to 49');
    const q = `query ($id: ID!) { node(id: $id) { ... on Signal { note } } }`;
    for (const role of ['SALES', 'VIEWER'] as const) {
      expect(ok(await s.as(role)(q, { id: created.id })).node.note).toBe('Credit report changed. The credit team has the details.');
    }
    expect(ok(await s.gql(q, { id: created.id }, await s.apiToken('ADMIN', ['accounts:read']))).node.note).not.toMatch(/\d/);
    expect(ok(await s.as('ADMIN')(q, { id: created.id })).node.note).toBe('Bureau score down from 72 to 49');
  });

  it('CREDIT_ONLY notes need ledger:read on an API token (and accounts:read): node(id), lists and counts', async () => {
    const ledgerOnly = await s.apiToken('CREDIT', ['ledger:read']);
    const viaNode = await s.gql(`query ($id: ID!) { node(id: $id) { ... on Note { body } } }`, { id: f.ids.secretNote! }, ledgerOnly);
    expect(viaNode.data?.node ?? null).toBeNull();
    expect(errorCodes(viaNode)).toEqual(['FORBIDDEN']);
    const accountsOnly = await s.apiToken('CREDIT', ['accounts:read']);
    const notes = ok(await s.gql(`query ($id: ID!) { account(id: $id) { notes(first: 10) { totalCount edges { node { body } } } } }`, { id: f.accountGid }, accountsOnly));
    expect(notes.account.notes.totalCount).toBe(1);
    expect(JSON.stringify(notes)).not.toContain(SECRET_NOTE);
    const both = await s.apiToken('CREDIT', ['accounts:read', 'ledger:read']);
    expect(ok(await s.gql(`query ($id: ID!) { node(id: $id) { ... on Note { body } } }`, { id: f.ids.secretNote! }, both)).node.body).toBe(SECRET_NOTE);
  });

  it('credit-status figures and the credit limit need ledger:read on an API token', async () => {
    const q = `query ($id: ID!) { account(id: $id) { creditLimit creditStatus { riskLevel riskScore exposure factors { label weight } } } }`;
    const accountsOnly = await s.apiToken('CREDIT', ['accounts:read']);
    const r = ok(await s.gql(q, { id: f.accountGid }, accountsOnly)).account;
    expect(r.creditLimit).toBeNull();
    expect(r.creditStatus.riskScore).toBeNull();
    expect(r.creditStatus.exposure).toBeNull();
    expect(r.creditStatus.factors.every((x: { weight: number | null }) => x.weight === null)).toBe(true);
    expect(r.creditStatus.riskLevel).toMatch(/LOW|MODERATE|HIGH|CRITICAL/);
    const withLedger = await s.apiToken('CREDIT', ['accounts:read', 'ledger:read']);
    const c = ok(await s.gql(q, { id: f.accountGid }, withLedger)).account;
    expect(c.creditLimit).toBe('10000.00');
    expect(c.creditStatus.exposure).not.toBeNull();
    expect(ok(await s.as('SALES')(q, { id: f.accountGid })).account.creditLimit).toBeNull();
  });

  it('factors come heaviest first for sales too, in words, without the points', async () => {
    const q = `query ($id: ID!) { account(id: $id) { creditStatus { factors { code label weight detail } } } }`;
    const credit = ok(await s.as('CREDIT')(q, { id: f.accountGid })).account.creditStatus.factors as { code: string; label: string; weight: number }[];
    expect(credit.length).toBeGreaterThan(1);
    const weights = credit.map((x) => x.weight);
    expect(weights).toEqual([...weights].sort((a, b) => b - a));
    // The fixture's heaviest reason is not the first by label: the old alphabetical order would have hidden it.
    const byLabel = [...credit.map((x) => x.label)].sort((a, b) => a.localeCompare(b, 'en'));
    expect(credit.map((x) => x.label)).not.toEqual(byLabel);
    const sales = ok(await s.as('SALES')(q, { id: f.accountGid })).account.creditStatus.factors as { code: string; weight: number | null; detail: string | null }[];
    expect(sales.map((x) => x.code)).toEqual(credit.map((x) => x.code));
    expect(sales.every((x) => x.weight === null)).toBe(true);
    // Words, not figures: no amount, day, count, severity or score.
    expect(JSON.stringify(sales.map((x) => x.detail))).not.toMatch(/\d|%/);
  });

  it('SALES and VIEWER cannot order accounts by EXPOSURE or RISK_SCORE (the order would reveal them)', async () => {
    for (const field of ['EXPOSURE', 'RISK_SCORE']) {
      const q = `{ accounts(first: 10, orderBy: { field: ${field}, direction: DESC }) { edges { node { name } } } }`;
      for (const role of ['SALES', 'VIEWER'] as const) {
        const r = await s.as(role)(q);
        expect(errorCodes(r)).toEqual(['FORBIDDEN']);
        expect(r.errors?.[0]?.extensions?.field).toBe('orderBy.field');
        expect(r.errors?.[0]?.message).toContain(field);
      }
      expect(errorCodes(await s.gql(q, {}, await s.apiToken('CREDIT', ['accounts:read'])))).toEqual(['FORBIDDEN']);
      expect(ok(await s.as('CREDIT')(q)).accounts.edges.map((e: { node: { name: string } }) => e.node.name)).toEqual(['Slowpay Ltd', 'Calm Co']);
    }
    expect(ok(await s.as('SALES')(`{ accounts(first: 10, orderBy: { field: NAME }) { totalCount } }`)).accounts.totalCount).toBe(2);
  });

  it('a write whose payload the token may not read is refused before writing: nothing written', async () => {
    const count = async () => ({
      signals: await s.db.prisma.signal.count(),
      notes: await s.db.prisma.note.count(),
      bank: await s.db.prisma.bankDetailRecord.count(),
      reports: await s.db.prisma.creditReport.count(),
      contacts: await s.db.prisma.contact.count(),
      alerts: await s.db.prisma.alert.count({ where: { status: 'ACKNOWLEDGED' } }),
    });
    const before = await count();
    const signalsOnly = await s.apiToken('CREDIT', ['signals:write']);
    const sig = await s.gql(`mutation ($i: CreateSignalInput!) { createSignal(input: $i) { signal { id note } } }`, { i: { accountId: f.accountGid, type: 'QUIET', note: 'retry me' } }, signalsOnly);
    expect(errorCodes(sig)).toEqual(['FORBIDDEN']);
    const notesOnly = await s.apiToken('SALES', ['notes:write']);
    expect(errorCodes(await s.gql(`mutation ($i: AddNoteInput!) { addNote(input: $i) { note { id } } }`, { i: { accountId: f.accountGid, body: 'x' } }, notesOnly))).toEqual(['FORBIDDEN']);
    // A CREDIT token that could not read a CREDIT_ONLY note back may not write one.
    const creditNoLedger = await s.apiToken('CREDIT', ['notes:write', 'accounts:read']);
    const secret = await s.gql(`mutation ($i: AddNoteInput!) { addNote(input: $i) { note { id } } }`, { i: { accountId: f.accountGid, body: 'x', visibility: 'CREDIT_ONLY' } }, creditNoLedger);
    expect(secret.errors?.[0]?.extensions?.field).toBe('input.visibility');
    const ledgerWrite = await s.apiToken('CREDIT', ['ledger:write']);
    const bank = await s.gql(`mutation ($i: RecordBankDetailsInput!) { recordBankDetails(input: $i) { changed bankDetails { last4 } } }`, { i: { accountId: f.accountGid, iban: IBAN_NEW, bankName: 'New Bank' } }, ledgerWrite);
    expect(errorCodes(bank)).toEqual(['FORBIDDEN']);
    const report = await s.gql(
      `mutation ($i: RecordCreditReportInput!) { recordCreditReport(input: $i) { creditReport { score } } }`,
      { i: { accountId: f.accountGid, score: 50, source: 'Bureau', reportedAt: '2026-10-01T00:00:00Z' } },
      ledgerWrite,
    );
    expect(errorCodes(report)).toEqual(['FORBIDDEN']);
    const contactWrite = await s.apiToken('SALES', ['accounts:write']);
    expect(errorCodes(await s.gql(`mutation ($i: CreateContactInput!) { createContact(input: $i) { contact { id } } }`, { i: { accountId: f.accountGid, name: 'Dup' } }, contactWrite))).toEqual(['FORBIDDEN']);
    const alertsWrite = await s.apiToken('SALES', ['alerts:write']);
    expect(errorCodes(await s.gql(`mutation ($i: AlertActionInput!) { acknowledgeAlert(input: $i) { alert { id } } }`, { i: { id: f.ids.overdueAlert } }, alertsWrite))).toEqual(['FORBIDDEN']);
    expect(await count()).toEqual(before);
    // With the read scope as well, the same write succeeds and its payload is readable.
    const signalsAndRead = await s.apiToken('SALES', ['signals:write', 'accounts:read']);
    expect(ok(await s.gql(`mutation ($i: CreateSignalInput!) { createSignal(input: $i) { signal { note } } }`, { i: { accountId: f.accountGid, type: 'QUIET', note: 'once' } }, signalsAndRead)).createSignal.signal.note).toBe('once');
  });
  // Issue 8, probed from outside: a health-check outcome note (credit-only: "score fell to 41", "limit to be cut")
  // was copied into the OTHER signal that sales and viewers read.
  it('health-check outcome: the OTHER signal everyone reads carries none of the outcome note; credit reads it on the review', async () => {
    const COMPLETE = `mutation ($i: CompleteHealthCheckInput!) { completeHealthCheck(input: $i) { healthCheck { id outcomeNote } } }`;
    const checks = { creditReportChecked: true, bankDetailsUnchanged: true, paymentPatternConsistent: true };
    const followUp = 'Limit to be cut to EUR 40000 if Nov invoice unpaid';
    const escalate = 'Score fell to 41; stop deliveries above 5000';
    const first = ok(await s.as('CREDIT')(COMPLETE, { i: { healthCheckId: f.ids.openReview, ...checks, outcome: 'FOLLOW_UP', outcomeNote: followUp } })).completeHealthCheck.healthCheck;
    expect(first.outcomeNote).toBe(followUp);
    const started = ok(
      await s.as('CREDIT')(`mutation ($i: StartHealthCheckInput!) { startHealthCheck(input: $i) { healthCheck { id } } }`, { i: { accountId: f.accountGid, askSalesView: false } }),
    ).startHealthCheck.healthCheck;
    ok(await s.as('CREDIT')(COMPLETE, { i: { healthCheckId: started.id, ...checks, outcome: 'ESCALATE', outcomeNote: escalate } }));

    const other = async (token: string) =>
      (ok(await s.gql(SIGNALS, { id: f.accountGid }, token)).account.signals.edges as { node: { type: string; note: string } }[]).filter((e) => e.node.type === 'OTHER').map((e) => e.node.note);
    for (const token of [s.users.SALES.token, s.users.VIEWER.token, await s.apiToken('CREDIT', ['accounts:read'])]) {
      const notes = await other(token);
      expect(notes).toEqual(expect.arrayContaining(['Health-check review: follow-up agreed (the credit team has the details)', 'Health-check review: escalated (the credit team has the details)']));
      for (const n of notes) {
        expect(n).not.toMatch(FIGURES);
        expect(n).not.toMatch(/Limit to be cut|Score fell|stop deliveries/);
      }
    }
    // The credit team reads the outcome note on the review; sales does not.
    const q = `query ($id: ID!) { node(id: $id) { ... on HealthCheck { outcomeNote } } }`;
    expect(ok(await s.as('CREDIT')(q, { id: started.id })).node.outcomeNote).toBe(escalate);
    expect(ok(await s.as('SALES')(q, { id: started.id })).node.outcomeNote).toBeNull();
  });
});
