import { describe, expect, it } from 'vitest';
import { settle } from './invoice-status.js';

const d = (v: string) => ({ toFixed: () => v });
const today = new Date('2026-06-01T12:00:00Z');
const invoice = (over: Partial<Parameters<typeof settle>[0]> = {}) => ({
  id: 'inv-1',
  amount: d('10000.00'),
  issuedAt: new Date('2026-01-05'),
  dueAt: new Date('2026-02-04'),
  payments: [{ id: 'pay-1', amount: d('7000.00'), receivedAt: new Date('2026-02-01') }],
  ...over,
});

describe('settle: the stored account-level outstanding first, the invoice’s own payments before the first recompute', () => {
  it('reads the stored outstanding when there is one (a credit note settled the rest)', () => {
    expect(settle(invoice({ outstanding: d('0.00') }), today)).toEqual({ outstanding: 0, status: 'PAID' });
    expect(settle(invoice({ outstanding: d('1500.00') }), today)).toEqual({ outstanding: 150_000, status: 'OVERDUE' });
    expect(settle(invoice({ outstanding: d('1500.00'), disputes: [{ disputeId: 'd-1' }] }), today)).toEqual({ outstanding: 150_000, status: 'DISPUTED' });
    expect(settle(invoice({ outstanding: d('1500.00') }), new Date('2026-02-04T08:00:00Z'))).toEqual({ outstanding: 150_000, status: 'OPEN' });
  });

  it('settles against its own payments while nothing is stored', () => {
    expect(settle(invoice(), today)).toEqual({ outstanding: 300_000, status: 'OVERDUE' });
    expect(settle(invoice({ outstanding: null }), today)).toEqual({ outstanding: 300_000, status: 'OVERDUE' });
  });

  it('owes nothing on a credit note, whatever is stored', () => {
    expect(settle(invoice({ amount: d('-3000.00'), payments: [], outstanding: d('0.00') }), today)).toEqual({ outstanding: 0, status: 'CREDIT_NOTE' });
    expect(settle(invoice({ amount: d('-3000.00'), payments: [] }), today)).toEqual({ outstanding: 0, status: 'CREDIT_NOTE' });
  });
});
