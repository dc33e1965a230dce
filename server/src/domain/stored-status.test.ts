import { describe, expect, it } from 'vitest';
import { heaviestFirst } from './stored-status.js';

describe('heaviestFirst', () => {
  it('orders reasons by weight, reductions last, ties by code, whatever the labels say', () => {
    const factors = [
      { code: 'DISPUTED', label: 'A dispute', weight: 5 },
      { code: 'PAYMENT_IMPROVING', label: 'Better lately', weight: -5 },
      { code: 'OVERDUE', label: 'Overdue invoices', weight: 32 },
      { code: 'ON_HOLD', label: 'On hold', weight: 15 },
      { code: 'LIMIT_NEARLY_USED', label: 'Close to the limit', weight: 15 },
    ];
    expect(heaviestFirst(factors).map((f) => f.code)).toEqual(['OVERDUE', 'LIMIT_NEARLY_USED', 'ON_HOLD', 'DISPUTED', 'PAYMENT_IMPROVING']);
    expect(factors[0]?.code).toBe('DISPUTED'); // a copy: the stored list is left as it was
  });
});
