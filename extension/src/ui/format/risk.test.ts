import { describe, expect, it } from 'vitest';
import { isRiskLevel, RISK_LAMP, riskColourVar, riskLabel, severityLabel, TREND_TEXT, topFactors } from './risk';

describe('risk colours and words', () => {
  it('lights one lamp per level, red for the two worst', () => {
    expect(RISK_LAMP).toEqual({ LOW: 'green', MODERATE: 'amber', HIGH: 'red', CRITICAL: 'red' });
  });
  it('names a CSS colour per level', () => {
    expect(riskColourVar('CRITICAL')).toBe('var(--risk-critical)');
    expect(riskColourVar('LOW')).toBe('var(--risk-low)');
  });
  it('spells out levels, trends and severities', () => {
    expect(riskLabel('MODERATE')).toBe('Moderate risk');
    expect(TREND_TEXT.SLIPPING.label).toBe('Paying later');
    expect(severityLabel(3)).toBe('Act now');
    expect(severityLabel(7)).toBe('Severity 7');
  });
  it('recognises levels', () => {
    expect(isRiskLevel('HIGH')).toBe(true);
    expect(isRiskLevel('high')).toBe(false);
  });
  it('orders factors by weight and keeps the top ones', () => {
    const f = (code: string, weight: number) => ({ code, label: code, weight, detail: null });
    expect(topFactors([f('a', 0.1), f('b', 0.5), f('c', 0.3), f('d', 0.2)]).map((x) => x.code)).toEqual(['b', 'c', 'd']);
  });
});
