import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { recomputeAccount } from '../services/credit.js';
import { DB_KINDS } from '../test-support/databases.js';
import { ok, startTestServer, type TestServer } from '../test-support/server.js';

const STATUS = /* GraphQL */ `
  query ($id: ID!) {
    account(id: $id) {
      nextReviewAt
      creditStatus { riskLevel riskScore trend exposure overdue available avgDaysToPay daysBeyondTerms factors { code weight detail } aging { current d1_30 d31_60 d61_90 d90plus } paymentSeries { month } }
      alerts(first: 20) { totalCount edges { node { id rule status severity title } } }
    }
  }
`;

const day = (iso: string) => new Date(`${iso}T00:00:00.000Z`);

describe.each(DB_KINDS)('credit status and alerts on %s', (kind) => {
  let s: TestServer;
  let gid: string;
  let accountId: string;

  beforeAll(async () => {
    s = await startTestServer(kind);
    gid = ok(await s.as('CREDIT')(`mutation { createAccount(input: { name: "Slowpay Ltd", domains: ["slowpay.example"], industry: "Construction", country: "DE", creditLimit: "10000.00", paymentTermsDays: 30 }) { account { id } } }`))
      .createAccount.account.id;
    accountId = (await s.db.prisma.account.findFirstOrThrow({ where: { name: 'Slowpay Ltd' } })).id;
  });
  afterAll(() => s?.close());

  it('gives a new account a LOW status and a review date as soon as it exists', async () => {
    const r = ok(await s.as('CREDIT')(STATUS, { id: gid }));
    // Without any row the whole limit is available; the trend is the domain's for no history (NO_HISTORY by issue 10's
    // contract once the trend model lands; credit-status.test.ts follows the domain either way).
    expect(r.account.creditStatus).toMatchObject({ riskLevel: 'LOW', riskScore: 0, exposure: '0.00', available: '10000.00', factors: [] });
    expect(['NO_HISTORY', 'STABLE']).toContain(r.account.creditStatus.trend);
    expect(r.account.nextReviewAt).not.toBeNull();
  });

  it('computes exposure, aging and over-limit alerts from the ledger, and does not raise them twice', async () => {
    // 12 monthly invoices paid on time, then three large ones left unpaid well past due.
    const invoices = [];
    for (let m = 0; m < 12; m++) {
      const issued = new Date(Date.UTC(2025, 9 + m, 1));
      invoices.push({ externalId: `T-${m}`, number: `T-${m}`, currency: 'EUR', amount: '1000.00', issuedAt: issued, dueAt: new Date(issued.getTime() + 30 * 86400_000), accountId });
    }
    for (const [n, issued] of [['BIG-1', '2026-08-01'], ['BIG-2', '2026-08-15'], ['BIG-3', '2026-09-01']] as const) {
      invoices.push({ externalId: n, number: n, currency: 'EUR', amount: '5000.00', issuedAt: day(issued), dueAt: new Date(day(issued).getTime() + 30 * 86400_000), accountId });
    }
    await s.db.prisma.invoice.createMany({ data: invoices });
    const created = await s.db.prisma.invoice.findMany({ where: { accountId, externalId: { startsWith: 'T-' } } });
    await s.db.prisma.payment.createMany({
      data: created.map((i) => ({ externalId: `P-${i.externalId}`, invoiceId: i.id, amount: i.amount, receivedAt: new Date(i.dueAt.getTime() - 2 * 86400_000) })),
    });
    const asOf = day('2026-11-22');
    const first = await recomputeAccount(s.db.prisma, accountId, { asOf });
    expect(first?.raised).toEqual(expect.arrayContaining(['OVER_LIMIT', 'OVERDUE']));
    const again = await recomputeAccount(s.db.prisma, accountId, { asOf });
    expect(again?.raised).toEqual([]);

    const r = ok(await s.as('CREDIT')(STATUS, { id: gid }));
    const cs = r.account.creditStatus;
    expect(cs.exposure).toBe('15000.00');
    expect(cs.available).toBe('-5000.00');
    expect(cs.aging).toEqual({ current: '0.00', d1_30: '0.00', d31_60: '5000.00', d61_90: '10000.00', d90plus: '0.00' });
    expect(cs.paymentSeries).toHaveLength(12);
    expect(['HIGH', 'CRITICAL']).toContain(cs.riskLevel);
    expect(cs.factors.reduce((sum: number, f: { weight: number }) => sum + f.weight, 0)).toBe(cs.riskScore);
    const rules = r.account.alerts.edges.map((e: { node: { rule: string } }) => e.node.rule);
    expect(rules.filter((x: string) => x === 'OVER_LIMIT')).toHaveLength(1);
  });

  it('acknowledges and resolves alerts, and a resolved one is not raised again while its condition holds', async () => {
    const alert = await s.db.prisma.alert.findFirstOrThrow({ where: { accountId, rule: 'OVER_LIMIT' } });
    const alertGid = Buffer.from(`Alert:${alert.id}`).toString('base64');
    // Sales may say they are on it, not close credit's over-limit alert (nothing written)…
    const RESOLVE = `mutation ($i: AlertActionInput!) { resolveAlert(input: $i) { alert { status } } }`;
    const refused = await s.as('SALES')(RESOLVE, { i: { id: alertGid } });
    expect(refused.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    expect(refused.errors?.[0]?.message).toMatch(/credit team or the alert’s owner/);
    expect((await s.db.prisma.alert.findUniqueOrThrow({ where: { id: alert.id } })).status).toBe('OPEN');
    const ack = ok(await s.as('SALES')(`mutation ($i: AlertActionInput!) { acknowledgeAlert(input: $i) { alert { status } } }`, { i: { id: alertGid } }));
    expect(ack.acknowledgeAlert.alert.status).toBe('ACKNOWLEDGED');
    // …but the owner of an alert given to them (a key account gone quiet) closes it.
    const owned = await s.db.prisma.alert.create({
      data: { accountId, rule: 'CONTACT_CADENCE', dedupKey: 'test:owned', severity: 1, title: 'Key account has gone quiet', evidence: {}, ownerId: s.users.SALES.id },
    });
    expect(ok(await s.as('SALES')(RESOLVE, { i: { id: Buffer.from(`Alert:${owned.id}`).toString('base64') } })).resolveAlert.alert.status).toBe('RESOLVED');
    const res = ok(await s.as('CREDIT')(`mutation ($i: AlertActionInput!) { resolveAlert(input: $i) { alert { status } } }`, { i: { id: alertGid } }));
    expect(res.resolveAlert.alert.status).toBe('RESOLVED');
    expect((await s.as('VIEWER')(`mutation ($i: AlertActionInput!) { resolveAlert(input: $i) { alert { status } } }`, { i: { id: alertGid } })).errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    const after = await recomputeAccount(s.db.prisma, accountId, { asOf: day('2026-11-23') });
    expect(after?.raised).not.toContain('OVER_LIMIT');
    const list = ok(await s.as('CREDIT')(`{ alerts(first: 50, filter: { rule: [OVER_LIMIT], status: [RESOLVED] }) { totalCount } }`));
    expect(list.alerts.totalCount).toBe(1);
  });

  it('lets a fresh KEY_PERSON_LEFT from the account manager raise the score, explained by a factor', async () => {
    const before = ok(await s.as('CREDIT')(STATUS, { id: gid })).account.creditStatus.riskScore;
    ok(await s.as('SALES')(`mutation ($i: CreateSignalInput!) { createSignal(input: $i) { signal { id } } }`, { i: { accountId: gid, type: 'KEY_PERSON_LEFT', severity: 3, note: 'Finance director resigned' } }));
    const after = ok(await s.as('CREDIT')(STATUS, { id: gid })).account.creditStatus;
    expect(after.riskScore).toBeGreaterThan(before);
    expect(after.factors.some((f: { code: string }) => f.code.includes('KEY_PERSON_LEFT'))).toBe(true);
  });

  it('a watch on an industry raises a signal on every account in it and a WATCHLIST alert', async () => {
    const r = ok(await s.as('CREDIT')(`mutation { addWatch(input: { kind: INDUSTRY, value: "construction", reason: "Order books collapsing across the sector" }) { signalsRaised watch { accountCount } } }`));
    expect(r.addWatch).toEqual({ signalsRaised: 1, watch: { accountCount: 1 } });
    const again = ok(await s.as('CREDIT')(`mutation { addWatch(input: { kind: INDUSTRY, value: "construction", reason: "Still bad" }) { signalsRaised } }`));
    expect(again.addWatch.signalsRaised).toBe(1);
    expect(await s.db.prisma.signal.count({ where: { accountId, type: 'INDUSTRY_DOWNTURN' } })).toBe(1);
    const alerts = ok(await s.as('CREDIT')(STATUS, { id: gid })).account.alerts.edges.map((e: { node: { rule: string } }) => e.node.rule);
    expect(alerts).toContain('WATCHLIST');
    const bad = await s.as('CREDIT')(`mutation { addWatch(input: { kind: COUNTRY, value: "Atlantis", reason: "x" }) { signalsRaised } }`);
    expect(bad.errors?.[0]?.extensions?.field).toBe('input.value');
  });

  it('filters accounts by risk level from the stored status', async () => {
    const high = ok(await s.as('CREDIT')(`{ accounts(first: 10, filter: { riskLevel: [HIGH, CRITICAL] }) { totalCount } }`));
    expect(high.accounts.totalCount).toBe(1);
    const low = ok(await s.as('CREDIT')(`{ accounts(first: 10, filter: { riskLevel: [LOW] }) { totalCount } }`));
    expect(low.accounts.totalCount).toBe(0);
  });
});
