import { describe, expect, it } from 'vitest';
import { CURRENCY_CODES, normalizeCurrency } from './currency.js';

describe('normalizeCurrency', () => {
  it.each([
    ['EUR', 'EUR'],
    [' usd ', 'USD'],
    ['gbp', 'GBP'],
    ['JPY', 'JPY'],
  ])('%j → %j', (raw, code) => expect(normalizeCurrency(raw)).toBe(code));

  it.each(['', 'EU', 'EURO', 'EUD', 'XAU', '€', '123'])('rejects %j', (raw) => expect(normalizeCurrency(raw)).toBeNull());

  it('holds only well-formed three-letter codes', () => {
    expect(CURRENCY_CODES.size).toBeGreaterThan(150);
    for (const code of CURRENCY_CODES) expect(code).toMatch(/^[A-Z]{3}$/);
  });
});
