import { describe, expect, it } from 'vitest';
import { headroomCautionInput, headroomSentence, type OrderHeadroomInput, orderHeadroom, roughDown } from './order-headroom.js';

describe('order headroom: the rounding (CREDIT-MODEL.md §6a)', () => {
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
});

describe('order headroom: what a credit manager would say (CREDIT-MODEL.md §6a)', () => {
  const base: OrderHeadroomInput = { onHold: false, available: '4637.25', currency: 'EUR', riskLevel: 'MODERATE' };
  const say = (over: Partial<OrderHeadroomInput>) => {
    const h = orderHeadroom({ ...base, ...over });
    return { state: h.state, roughAmount: h.roughAmount, sentence: headroomSentence(h) };
  };

  it('room at LOW or MODERATE risk (or none assessed yet): the rough amount', () => {
    for (const riskLevel of ['LOW', 'MODERATE', null] as const)
      expect(say({ riskLevel })).toEqual({ state: 'ROOM', roughAmount: '4600.00', sentence: 'Room for about EUR 4,600 more.' });
  });

  it('room at HIGH risk: the rough amount with a caution', () => {
    expect(say({ riskLevel: 'HIGH' })).toEqual({
      state: 'ROOM_HIGH_RISK',
      roughAmount: '4600.00',
      sentence: 'Room for about EUR 4,600 more, but the risk is high: check with credit before a large or unusual order.',
    });
    expect(say({ riskLevel: 'HIGH', available: '87.00' }).sentence).toBe('Almost no room left under the credit limit: talk to credit.');
  });

  it('CRITICAL risk: talk to credit first, and no amount even with room under the limit', () => {
    for (const available of ['4637.25', '-250.00', null])
      expect(say({ riskLevel: 'CRITICAL', available })).toEqual({ state: 'CRITICAL_RISK', roughAmount: null, sentence: 'Critical risk: talk to credit before promising any order.' });
  });

  it('on hold: no room, whatever the limit or the level', () => {
    for (const riskLevel of ['LOW', 'HIGH', 'CRITICAL', null] as const)
      expect(say({ onHold: true, riskLevel })).toEqual({
        state: 'ON_HOLD',
        roughAmount: null,
        sentence: 'On hold: no room for new orders until credit lifts the hold. Talk to credit.',
      });
  });

  it('no limit, or at or over it: no amount, ask or talk to credit', () => {
    expect(say({ available: null })).toEqual({ state: 'NO_LIMIT', roughAmount: null, sentence: 'No credit limit set: ask credit before taking an order.' });
    expect(say({ available: null, riskLevel: 'HIGH' }).state).toBe('NO_LIMIT');
    expect(say({ available: '-10.00' })).toEqual({ state: 'OVER_LIMIT', roughAmount: null, sentence: 'Over the credit limit: talk to credit before taking an order.' });
    expect(say({ available: '0.00', riskLevel: 'HIGH' }).state).toBe('OVER_LIMIT');
    expect(say({ available: '87.00' }).sentence).toBe('Almost no room left under the credit limit: talk to credit.');
  });

  it('room with large invoices unpaid, an invoice over two months overdue or payments slipping: the amount with a caution', () => {
    expect(say({ smallInvoicesOnly: true, overdueOverTwoMonths: true })).toEqual({
      state: 'ROOM',
      roughAmount: '4600.00',
      sentence: 'Room for about EUR 4,600 more, but large invoices are going unpaid: check with credit before a large order.',
    });
    expect(say({ overdueOverTwoMonths: true, slipping: true }).sentence).toBe(
      'Room for about EUR 4,600 more, but an invoice is more than two months overdue: check with credit before a large order.',
    );
    expect(say({ slipping: true, riskLevel: 'LOW' }).sentence).toBe(
      'Room for about EUR 4,600 more, but they are paying later than they used to: check with credit before a large order.',
    );
    expect(say({ riskLevel: 'HIGH', smallInvoicesOnly: true }).sentence).toBe(
      'Room for about EUR 4,600 more, but the risk is high and large invoices are going unpaid: check with credit before a large or unusual order.',
    );
    expect(orderHeadroom({ ...base, slipping: true }).caution).toBe('PAYING_LATER');
    expect(orderHeadroom({ ...base, slipping: false, smallInvoicesOnly: false, overdueOverTwoMonths: false }).caution).toBeNull();
  });

  it('no caution without room: the states without an amount already say to talk to credit', () => {
    const all = { smallInvoicesOnly: true, overdueOverTwoMonths: true, slipping: true };
    for (const over of [{ onHold: true }, { riskLevel: 'CRITICAL' as const }, { available: null }, { available: '-10.00' }]) {
      const h = orderHeadroom({ ...base, ...all, ...over });
      expect(h.caution).toBeNull();
      expect(headroomSentence(h)).not.toMatch(/unpaid|overdue|later/);
    }
    expect(say({ ...all, available: '87.00' }).sentence).toBe('Almost no room left under the credit limit: talk to credit.');
  });
});

describe('order headroom: the caution from a stored credit status', () => {
  const aging = { current: '100.00', d1_30: '0.00', d31_60: '50.00', d61_90: '0.00', d90plus: '0.00' };
  it('reads SMALL_INVOICES_ONLY, money past 60 days in any currency, and a SLIPPING trend', () => {
    expect(headroomCautionInput({ trend: 'STABLE', behaviour: { aging }, factors: [{ code: 'OVERDUE' }] })).toEqual({
      smallInvoicesOnly: false,
      overdueOverTwoMonths: false,
      slipping: false,
    });
    expect(headroomCautionInput({ trend: 'SLIPPING', behaviour: { aging: { ...aging, d61_90: '10.00' } }, factors: [{ code: 'SMALL_INVOICES_ONLY' }] })).toEqual({
      smallInvoicesOnly: true,
      overdueOverTwoMonths: true,
      slipping: true,
    });
    const usd = { currency: 'USD', exposure: '900.00', aging: { ...aging, d90plus: '900.00' } };
    expect(headroomCautionInput({ trend: 'IMPROVING', behaviour: { aging, currencies: [usd] }, factors: [] }).overdueOverTwoMonths).toBe(true);
  });
});
