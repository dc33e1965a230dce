import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DB_KINDS } from '../test-support/databases.js';
import { ok, startTestServer, type TestServer } from '../test-support/server.js';

const CREATE = `mutation ($input: CreateAccountInput!) { createAccount(input: $input) { account { id } } }`;
const Q = `query ($id: ID!) { account(id: $id) { creditLimit creditStatus { available exposure orderHeadroom { state roughAmount currency caution sentence } } } }`;

describe.each(DB_KINDS)('order headroom through GraphQL on %s', (kind) => {
  let s: TestServer;
  let accountId: string;

  beforeAll(async () => {
    s = await startTestServer(kind);
    accountId = ok(await s.as('CREDIT')(CREATE, { input: { name: 'Headroom Ltd', domains: ['headroom.example'], creditLimit: '10000.00', currency: 'EUR' } })).createAccount
      .account.id;
  });
  afterAll(() => s?.close());

  const store = async (
    available: string | null,
    onHold = false,
    riskLevel: 'LOW' | 'MODERATE' | 'HIGH' | 'CRITICAL' = 'MODERATE',
    over: { trend?: 'STABLE' | 'SLIPPING'; d61_90?: string; factors?: { code: string; label: string; weight: number; detail: string | null }[] } = {},
  ) => {
    const id = (await s.db.prisma.account.findFirstOrThrow({ where: { name: 'Headroom Ltd' } })).id;
    await s.db.prisma.account.update({ where: { id }, data: { onHold } });
    const behaviour = {
      exposure: '5362.75',
      available,
      overdue: '0.00',
      aging: { current: '5362.75', d1_30: '0.00', d31_60: '0.00', d61_90: over.d61_90 ?? '0.00', d90plus: '0.00' },
      avgDaysToPay: null,
      daysBeyondTerms: null,
      paymentSeries: [],
      purchasesVsAnticipated: null,
      lastPaymentAt: null,
      overLimit: available !== null && Number(available) < 0,
      otherCurrencies: [],
    };
    const data = { riskLevel, riskScore: { LOW: 10, MODERATE: 40, HIGH: 60, CRITICAL: 80 }[riskLevel], trend: over.trend ?? 'STABLE', exposure: '5362.75', overdue: '0.00', behaviour, factors: over.factors ?? [], computedAt: new Date() };
    await s.db.prisma.accountMetrics.upsert({ where: { accountId: id }, create: { accountId: id, ...data }, update: data });
  };

  it('answers SALES “does this order fit?” without the limit, exposure or exact available amount', async () => {
    await store('4637.25');
    const sales = ok(await s.as('SALES')(Q, { id: accountId })).account;
    expect(sales.creditLimit).toBeNull();
    expect(sales.creditStatus.available).toBeNull();
    expect(sales.creditStatus.exposure).toBeNull();
    expect(sales.creditStatus.orderHeadroom).toEqual({ state: 'ROOM', roughAmount: '4600.00', currency: 'EUR', caution: null, sentence: 'Room for about EUR 4,600 more.' });
    // No trace of the exact figures anywhere in the answer.
    const text = JSON.stringify(sales);
    for (const secret of ['4637', '5362', '10000']) expect(text).not.toContain(secret);
    // Another exact amount in the same step reads the same: SALES cannot tell them apart.
    await store('4699.99');
    expect(ok(await s.as('SALES')(Q, { id: accountId })).account.creditStatus.orderHeadroom.roughAmount).toBe('4600.00');
    // Credit sees the same headroom beside the exact figures.
    const credit = ok(await s.as('CREDIT')(Q, { id: accountId })).account;
    expect(credit.creditStatus.available).toBe('4699.99');
    expect(credit.creditStatus.orderHeadroom.state).toBe('ROOM');
  });

  it('says over the limit, on hold, or no limit, with no amount', async () => {
    await store('-250.00');
    expect(ok(await s.as('SALES')(Q, { id: accountId })).account.creditStatus.orderHeadroom).toMatchObject({ state: 'OVER_LIMIT', roughAmount: null });
    await store('4637.25', true);
    expect(ok(await s.as('SALES')(Q, { id: accountId })).account.creditStatus.orderHeadroom).toMatchObject({ state: 'ON_HOLD', roughAmount: null });
    await store(null);
    expect(ok(await s.as('SALES')(Q, { id: accountId })).account.creditStatus.orderHeadroom).toMatchObject({ state: 'NO_LIMIT', roughAmount: null });
  });

  it('at CRITICAL risk gives SALES no amount at all, only “talk to credit”; on hold, none either', async () => {
    for (const [onHold, riskLevel, state] of [
      [false, 'CRITICAL', 'CRITICAL_RISK'],
      [true, 'CRITICAL', 'ON_HOLD'],
      [true, 'LOW', 'ON_HOLD'],
    ] as const) {
      await store('4637.25', onHold, riskLevel);
      const sales = ok(await s.as('SALES')(Q, { id: accountId })).account;
      expect(sales.creditStatus.orderHeadroom).toMatchObject({ state, roughAmount: null });
      // Neither the exact figures nor the rough one the policy withholds.
      const text = JSON.stringify(sales);
      for (const secret of ['4637', '4600', '4,600', '5362', '10000']) expect(text).not.toContain(secret);
    }
  });

  it('at HIGH risk gives the rough amount with a caution', async () => {
    await store('4637.25', false, 'HIGH');
    expect(ok(await s.as('SALES')(Q, { id: accountId })).account.creditStatus.orderHeadroom).toEqual({
      state: 'ROOM_HIGH_RISK',
      roughAmount: '4600.00',
      currency: 'EUR',
      caution: null,
      sentence: 'Room for about EUR 4,600 more, but the risk is high: check with credit before a large or unusual order.',
    });
  });

  it('at MODERATE risk with large invoices unpaid, an invoice over two months overdue or a slip, cautions SALES without the figures', async () => {
    const factors = [{ code: 'SMALL_INVOICES_ONLY', label: 'Paying small invoices only', weight: 30, detail: 'Paid 3 smaller invoices' }];
    await store('24637.25', false, 'MODERATE', { factors, d61_90: '1200.00' });
    const sales = ok(await s.as('SALES')(Q, { id: accountId })).account;
    expect(sales.creditStatus.orderHeadroom).toEqual({
      state: 'ROOM',
      roughAmount: '24000.00',
      currency: 'EUR',
      caution: 'LARGE_INVOICES_UNPAID',
      sentence: 'Room for about EUR 24,000 more, but large invoices are going unpaid: check with credit before a large order.',
    });
    for (const secret of ['24637', '1200', '5362', '10000']) expect(JSON.stringify(sales)).not.toContain(secret);
    await store('24637.25', false, 'MODERATE', { d61_90: '1200.00' });
    expect(ok(await s.as('SALES')(Q, { id: accountId })).account.creditStatus.orderHeadroom.caution).toBe('LONG_OVERDUE');
    await store('24637.25', false, 'LOW', { trend: 'SLIPPING' });
    expect(ok(await s.as('SALES')(Q, { id: accountId })).account.creditStatus.orderHeadroom.caution).toBe('PAYING_LATER');
    await store('-250.00', false, 'MODERATE', { factors, trend: 'SLIPPING' });
    expect(ok(await s.as('SALES')(Q, { id: accountId })).account.creditStatus.orderHeadroom).toMatchObject({ state: 'OVER_LIMIT', caution: null });
  });
});
