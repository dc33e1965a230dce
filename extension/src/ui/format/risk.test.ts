import { describe, expect, it } from 'vitest';
import { headlineDbt, isRiskLevel, RISK_LAMP, riskColourVar, riskLabel, severityLabel, TREND_TEXT, topFactors, trendBasisNote, trendSentence } from './risk';

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

describe('the trend as the headline says it', () => {
  const seasonal = 'No change in payment timing against the same 90 days last year (average lateness per invoice, not amount-weighted: 30 days after the due date in the last 90 days, 30 days after the due date then)';

  it('says the server’s sentence, which names what was compared; the trend’s word only for a card cached before it', () => {
    expect(trendSentence({ trend: 'STABLE', trendSentence: seasonal })).toBe(seasonal);
    expect(trendSentence({ trend: 'STABLE' })).toBe('No change in payment timing');
    // No paid invoice: no payment timing to call anything, whatever was cached.
    expect(trendSentence({ trend: 'STABLE', trendSentence: seasonal, paidInvoices: 0 })).toBe('No payment history yet');
  });

  it('shows the last 90 days’ paid DBT while payments slip, the 12 months’ otherwise, each with its window and weighting', () => {
    const status = { daysBeyondTerms: 6.1, recentDaysBeyondTerms: 28.2 };
    expect(headlineDbt({ ...status, trend: 'SLIPPING' })).toBe('Paid DBT (days beyond terms), amount-weighted, last 90 days: 28.2 days');
    expect(headlineDbt({ ...status, trend: 'STABLE' })).toBe('Paid DBT (days beyond terms), amount-weighted, 12 months: 6.1 days');
    expect(headlineDbt({ ...status, trend: 'IMPROVING' })).toBe('Paid DBT (days beyond terms), amount-weighted, 12 months: 6.1 days');
    // Stopped paying: nothing paid in 90 days, so no 90-day figure; the 12 months', said as such.
    expect(headlineDbt({ daysBeyondTerms: 6.1, recentDaysBeyondTerms: null, trend: 'SLIPPING' })).toBe('Paid DBT (days beyond terms), amount-weighted, 12 months: 6.1 days');
    expect(headlineDbt({ daysBeyondTerms: 6.1, trend: 'SLIPPING' })).toBe('Paid DBT (days beyond terms), amount-weighted, 12 months: 6.1 days');
    expect(headlineDbt({ ...status, trend: 'NO_HISTORY' })).toBeNull();
    expect(headlineDbt({ daysBeyondTerms: null, recentDaysBeyondTerms: null, trend: 'SLIPPING' })).toBeNull();
  });

  it('says under the chart what the trend compared, and that last year’s months are before the chart starts', () => {
    expect(trendBasisNote('SAME_MONTHS_LAST_YEAR')).toMatch(/same 90 days a year earlier, before this chart starts/);
    expect(trendBasisNote('PRIOR_MONTHS')).toMatch(/the 275 days before/);
    expect(trendBasisNote(null)).toBeNull();
    expect(trendBasisNote(undefined)).toBeNull();
  });
});
