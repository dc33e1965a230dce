import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DB_KINDS } from '../test-support/databases.js';
import { ok, startTestServer, type TestServer } from '../test-support/server.js';
import { headroomSentence, orderHeadroom, roughDown } from './types/order-headroom.js';

describe('order headroom: the rounding (CREDIT-MODEL.md, “Order headroom”)', () => {
  it('rounds down to two significant figures, at least a step of 100', () => {
    expect(roughDown('4637.25')).toBe('4600.00');
    expect(roughDown('4699.99')).toBe('4600.00');
    expect(roughDown('46370.00')).toBe('46000.00');
    expect(roughDown('463700.00')).toBe('460000.00');
    expect(roughDown('1234567.89')).toBe('1200000.00');
    expect(roughDown('999.00')).toBe('900.00');
    expect(roughDown('150.00')).toBe('100.00');
    expect(roughDown('87.00')).toBe('0.00');
    expect(roughDown('0.00')).toBeNull();
    expect(roughDown('-6000.00')).toBeNull();
  });

  it('never says more room than there is, and never within less than a tenth (or 100) of it', () => {
    for (const units of [101, 555, 1_001, 4_637, 9_999, 10_000, 12_345, 99_999, 250_001, 7_654_321]) {
      const rough = Number(roughDown(`${units}.00`));
      expect(rough).toBeLessThanOrEqual(units);
      // Many exact amounts give the same answer: the whole step below the next multiple.
      const step = Math.max(100, 10 ** (String(units).length - 2));
      expect(rough % step).toBe(0);
      expect(Number(roughDown(`${rough + step - 1}.99`))).toBe(rough);
    }
  });

  it('says each state in words', () => {
    expect(headroomSentence(orderHeadroom({ onHold: false, available: '4637.25', currency: 'EUR' }))).toBe('Room for about EUR 4,600 more.');
    expect(headroomSentence(orderHeadroom({ onHold: false, available: '-10.00', currency: 'EUR' }))).toBe('Over the credit limit: talk to credit before taking an order.');
    expect(headroomSentence(orderHeadroom({ onHold: false, available: '0.00', currency: 'EUR' }))).toMatch(/^Over the credit limit/);
    expect(headroomSentence(orderHeadroom({ onHold: true, available: '4637.25', currency: 'EUR' }))).toBe('On hold: talk to credit before taking an order.');
    expect(headroomSentence(orderHeadroom({ onHold: false, available: null, currency: 'EUR' }))).toBe('No credit limit set: ask credit before taking an order.');
    expect(headroomSentence(orderHeadroom({ onHold: false, available: '87.00', currency: 'EUR' }))).toBe('Almost no room left under the credit limit: talk to credit.');
  });
});

const CREATE = `mutation ($input: CreateAccountInput!) { createAccount(input: $input) { account { id } } }`;
const Q = `query ($id: ID!) { account(id: $id) { creditLimit creditStatus { available exposure orderHeadroom { state roughAmount currency sentence } } } }`;

describe.each(DB_KINDS)('order headroom through GraphQL on %s', (kind) => {
  let s: TestServer;
  let accountId: string;

  beforeAll(async () => {
    s = await startTestServer(kind);
    accountId = ok(await s.as('CREDIT')(CREATE, { input: { name: 'Headroom Ltd', domains: ['headroom.example'], creditLimit: '10000.00', currency: 'EUR' } })).createAccount
      .account.id;
  });
  afterAll(() => s?.close());

  const store = async (available: string | null, onHold = false) => {
    const id = (await s.db.prisma.account.findFirstOrThrow({ where: { name: 'Headroom Ltd' } })).id;
    await s.db.prisma.account.update({ where: { id }, data: { onHold } });
    const behaviour = {
      exposure: '5362.75',
      available,
      overdue: '0.00',
      aging: { current: '5362.75', d1_30: '0.00', d31_60: '0.00', d61_90: '0.00', d90plus: '0.00' },
      avgDaysToPay: null,
      daysBeyondTerms: null,
      paymentSeries: [],
      purchasesVsAnticipated: null,
      lastPaymentAt: null,
      overLimit: available !== null && Number(available) < 0,
      otherCurrencies: [],
    };
    const data = { riskLevel: 'MODERATE' as const, riskScore: 40, trend: 'STABLE' as const, exposure: '5362.75', overdue: '0.00', behaviour, factors: [], computedAt: new Date() };
    await s.db.prisma.accountMetrics.upsert({ where: { accountId: id }, create: { accountId: id, ...data }, update: data });
  };

  it('answers SALES “does this order fit?” without the limit, exposure or exact available amount', async () => {
    await store('4637.25');
    const sales = ok(await s.as('SALES')(Q, { id: accountId })).account;
    expect(sales.creditLimit).toBeNull();
    expect(sales.creditStatus.available).toBeNull();
    expect(sales.creditStatus.exposure).toBeNull();
    expect(sales.creditStatus.orderHeadroom).toEqual({ state: 'ROOM', roughAmount: '4600.00', currency: 'EUR', sentence: 'Room for about EUR 4,600 more.' });
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
});
