import { describe, expect, it } from 'vitest';
import { describeMoney, formatMoney, formatTwo, MAX_AMOUNT, MAX_AMOUNT_MINOR, moneyProblem, parseMoney, tryParseAmountInput, tryParseMoney } from './money.js';

describe('parseMoney', () => {
  it.each([
    ['1234.50', 123450],
    ['1234.5', 123450],
    ['1234', 123400],
    ['0.01', 1],
    ['  42.00 ', 4200],
    ['+7.10', 710],
    ['-250.00', -25000],
    ['(250.00)', -25000],
    ['0', 0],
    ['-0.00', 0],
    ['90071992547409.91', 9007199254740991],
  ])('%j → %d', (raw, expected) => expect(parseMoney(raw)).toBe(expected));

  it.each(['', 'abc', '12.345', '1,234.50', '1.234,50', '12.', '.5', '1e3', 'NaN', 'Infinity', '--1', '(-5)', '€12', '90071992547409.92'])(
    'rejects %j',
    (raw) => {
      expect(tryParseMoney(raw)).toBeNull();
      expect(() => parseMoney(raw)).toThrow(RangeError);
    },
  );

  it('never produces a float: 0.1 + 0.2 is exact', () => expect(parseMoney('0.1') + parseMoney('0.2')).toBe(parseMoney('0.3')));
});

describe('tryParseAmountInput: the bound on amounts entering Earshot', () => {
  it('takes ±10,000,000,000.00 and refuses a cent more', () => {
    expect(tryParseAmountInput(MAX_AMOUNT)).toBe(MAX_AMOUNT_MINOR);
    expect(tryParseAmountInput(`(${MAX_AMOUNT})`)).toBe(-MAX_AMOUNT_MINOR);
    for (const raw of ['10000000000.01', '-10000000000.01', '60000000000000.00', '90071992547410.00', '90071992547409.91']) {
      expect(tryParseAmountInput(raw)).toBeNull();
      expect(moneyProblem(raw)).toMatch(/larger than 10000000000\.00/);
    }
    expect(moneyProblem('12.345')).toMatch(/not a decimal amount/);
  });
  it('keeps every sum of 9,000 maximal amounts exact', () => {
    let sum = 0;
    for (let i = 0; i < 9000; i++) sum += MAX_AMOUNT_MINOR;
    expect(Number.isSafeInteger(sum)).toBe(true);
    expect(sum).toBe(9000 * MAX_AMOUNT_MINOR);
  });
});

describe('formatMoney', () => {
  it.each([
    [123450, '1234.50'],
    [5, '0.05'],
    [-5, '-0.05'],
    [-25000, '-250.00'],
    [0, '0.00'],
  ])('%d → %j', (minor, expected) => expect(formatMoney(minor)).toBe(expected));

  it('round-trips with parseMoney', () => {
    for (const raw of ['0.00', '1.01', '-99.99', '1000000.10']) expect(formatMoney(parseMoney(raw))).toBe(raw);
  });

  it('refuses non-integers and unsafe integers', () => {
    expect(() => formatMoney(1.5)).toThrow(RangeError);
    expect(() => formatMoney(Number.NaN)).toThrow(RangeError);
    expect(() => formatMoney(2 ** 53)).toThrow(RangeError);
  });

  it('describes an amount with its currency', () => expect(describeMoney(123450, 'EUR')).toBe('EUR 1,234.50'));
  it('groups thousands, negative amounts too', () => {
    expect(describeMoney(3600000, 'EUR')).toBe('EUR 36,000.00');
    expect(describeMoney(-123456789, 'GBP')).toBe('GBP -1,234,567.89');
    expect(describeMoney(5, 'EUR')).toBe('EUR 0.05');
  });
});

describe('formatTwo (every Decimal served)', () => {
  // The former split-based version, kept here as the reference the faster one must match.
  const reference = (value: string) => {
    const [int, frac = ''] = value.split('.');
    return `${int}.${(frac + '00').slice(0, 2)}`;
  };

  it.each([
    ['12', '12.00'],
    ['12.5', '12.50'],
    ['12.50', '12.50'],
    ['12.345', '12.34'],
    ['-0.1', '-0.10'],
    ['-1234567.899', '-1234567.89'],
    ['0', '0.00'],
    ['10000000000.00', '10000000000.00'],
  ])('%s → %s', (input, expected) => {
    expect(formatTwo(input)).toBe(expected);
    expect(reference(input)).toBe(expected);
  });

  it('matches the reference for every decimal string of up to 4 decimals around a few magnitudes', () => {
    for (const int of ['0', '7', '-3', '120', '-98765', '10000000000']) {
      for (const frac of ['', '0', '5', '05', '50', '99', '123', '9999']) {
        const value = frac ? `${int}.${frac}` : int;
        expect(formatTwo(value), value).toBe(reference(value));
      }
    }
  });
});
