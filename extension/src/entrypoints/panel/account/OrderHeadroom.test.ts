import { describe, expect, it } from 'vitest';
import { headroomWords } from './OrderHeadroom';

describe('order headroom in words (CREDIT-MODEL.md §6a)', () => {
  const room = { state: 'ROOM' as const, roughAmount: '24000.00' };

  it('room with nothing to warn about: the amount, plainly', () => {
    expect(headroomWords(room, 'EUR')).toEqual({ text: 'Room for about EUR 24,000 more.', tone: 'ok' });
    expect(headroomWords({ ...room, caution: null }, 'EUR').tone).toBe('ok');
  });

  it('room with a caution: the amount and what to check with credit before a large order', () => {
    expect(headroomWords({ ...room, caution: 'LARGE_INVOICES_UNPAID' }, 'EUR')).toEqual({
      text: 'Room for about EUR 24,000 more, but large invoices are going unpaid — check with credit before a large order.',
      tone: 'caution',
    });
    expect(headroomWords({ ...room, caution: 'LONG_OVERDUE' }, 'EUR').text).toBe(
      'Room for about EUR 24,000 more, but an invoice is more than two months overdue — check with credit before a large order.',
    );
    expect(headroomWords({ ...room, caution: 'PAYING_LATER' }, 'EUR').text).toBe(
      'Room for about EUR 24,000 more, but they are paying later than they used to — check with credit before a large order.',
    );
  });

  it('HIGH risk keeps its caution and adds the reason', () => {
    expect(headroomWords({ state: 'ROOM_HIGH_RISK', roughAmount: '4600.00' }, 'EUR').text).toBe(
      'Room for about EUR 4,600 more, but the risk is high — check with credit before a large or unusual order.',
    );
    expect(headroomWords({ state: 'ROOM_HIGH_RISK', roughAmount: '4600.00', caution: 'LARGE_INVOICES_UNPAID' }, 'EUR').text).toBe(
      'Room for about EUR 4,600 more, but the risk is high and large invoices are going unpaid — check with credit before a large or unusual order.',
    );
  });

  it('no amount: the caution gives way to “talk to credit”', () => {
    expect(headroomWords({ ...room, roughAmount: '0.00', caution: 'LONG_OVERDUE' }, 'EUR')).toEqual({
      text: 'Almost no room left under the credit limit — talk to credit.',
      tone: 'warn',
    });
    expect(headroomWords({ state: 'OVER_LIMIT', roughAmount: null, caution: null }, 'EUR').tone).toBe('warn');
  });
});
