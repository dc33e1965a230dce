import { describe, expect, it } from 'vitest';
import { CURRENCY_CODES, crossRates, normalizeCurrency } from './currency.js';

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

describe('crossRates (units of the account currency per unit of another, through the reporting currency)', () => {
  // 1 USD = 0.9 EUR, 1 GBP = 1.2 EUR; the reporting currency is EUR.
  const table = { base: 'EUR', rates: { USD: '0.9', GBP: '1.2' } };

  it('converts into the base directly and between two other currencies by their ratio', () => {
    expect(crossRates(table, 'EUR', ['USD', 'GBP'])).toEqual({ USD: 0.9, GBP: 1.2 });
    expect(crossRates(table, 'GBP', ['EUR', 'USD'])).toEqual({ EUR: 0.8333333333, USD: 0.75 });
  });

  it('leaves out a currency without a rate, and everything when the account currency has none', () => {
    expect(crossRates(table, 'EUR', ['USD', 'CHF'])).toEqual({ USD: 0.9 });
    expect(crossRates(table, 'CHF', ['EUR', 'USD'])).toEqual({});
    expect(crossRates({ base: 'EUR', rates: { USD: '0' } }, 'EUR', ['USD'])).toEqual({});
  });
});
