import { describe, expect, it } from 'vitest';
import { formatMoney, fromMinorUnits, isPositive, shareBasisPoints, sumDecimals, toMinorUnits } from './money';

describe('toMinorUnits', () => {
  it('reads decimals exactly, without floats', () => {
    expect(toMinorUnits('50000.00')).toBe(500000000n);
    expect(toMinorUnits('0.1')).toBe(1000n);
    expect(toMinorUnits('-12.5')).toBe(-125000n);
    expect(toMinorUnits('9007199254740993.01')).toBe(90071992547409930100n);
  });
  it('rejects what is not a plain decimal', () => {
    for (const bad of ['', 'abc', '1e5', '1,000.00', '12.', null, undefined]) expect(toMinorUnits(bad as string)).toBeNull();
  });
});

describe('sums and shares', () => {
  it('adds decimals that floats would get wrong', () => {
    expect(sumDecimals(['0.1', '0.2'])).toBe('0.3000');
    expect(fromMinorUnits(-5n)).toBe('-0.0005');
  });
  it('gives shares in basis points, clamped and safe on zero', () => {
    expect(shareBasisPoints('25.00', '100.00')).toBe(2500);
    expect(shareBasisPoints('1', '3')).toBe(3333);
    expect(shareBasisPoints('200', '100')).toBe(10000);
    expect(shareBasisPoints('5', '0')).toBe(0);
    expect(shareBasisPoints(null, '100')).toBe(0);
  });
  it('knows a positive amount', () => {
    expect(isPositive('0.01')).toBe(true);
    expect(isPositive('0.00')).toBe(false);
    expect(isPositive('-3')).toBe(false);
    expect(isPositive(null)).toBe(false);
  });
});

describe('formatMoney', () => {
  it('formats the exact string in the account currency', () => {
    expect(formatMoney('50000.00', 'EUR', { locale: 'en-GB' })).toBe('€50,000.00');
    expect(formatMoney('9007199254740993.01', 'USD', { locale: 'en-US' })).toBe('$9,007,199,254,740,993.01');
  });
  it('has a compact form for tight spaces', () => {
    expect(formatMoney('182450.00', 'GBP', { locale: 'en-US', compact: true })).toBe('£182.5K');
  });
  it('shows a dash for missing values and survives an unknown currency code', () => {
    expect(formatMoney(null, 'EUR')).toBe('—');
    expect(formatMoney('12.5', 'ZZZZ', { locale: 'en-GB' })).toBe('12.50 ZZZZ');
  });
});
