import type { PaymentTrend } from '@earshot/shared';
import { describe, expect, it } from 'vitest';
import type { TrendDetail } from './behaviour-types.js';
import { dayToIso, monthStartDay, toDay } from './calendar.js';
import { settleInvoices } from './invoice-settlement.js';
import { paidLate, rows } from './ledger-builders.js';
import { paymentTrend } from './payment-trend.js';
import { describeTrend, trendBasis } from './trend-sentence.js';

const detail = (over: Partial<TrendDetail> = {}): TrendDetail => ({
  recentDays: 90,
  baselineDays: 275,
  comparison: 'PRIOR_MONTHS',
  bySize: false,
  recentLateness: 15,
  baselineLateness: 2,
  change: 13,
  threshold: 5,
  recentInvoiceCount: 3,
  baselineInvoiceCount: 9,
  sufficientHistory: true,
  stoppedPaying: false,
  ...over,
});

/** Every spring paid 30 days late, the rest of the year 2 days late; this spring 30 again (payment-trend.test.ts). */
function seasonalSpring() {
  const asOf = toDay('2026-06-30');
  const spring = (month: string) => ['03', '04', '05'].includes(month.slice(5));
  const months = Array.from({ length: 15 }, (_, i) => dayToIso(monthStartDay('2025-02', i)));
  const items = months.map((issued, i) => paidLate(`Q${i}`, '1000.00', issued, spring(dayToIso(toDay(issued) + 30).slice(0, 7)) ? 30 : 2));
  const s = settleInvoices(rows(items).invoices, rows(items).payments, 30, asOf);
  return paymentTrend(s.invoices, s.applications, asOf);
}

// SALES and VIEWER read the sentence too: words only, as the factors' sales sentences.
const wordsOnly = /^[A-Z][A-Za-z ,]+$/;

describe('describeTrend: the trend names what it compared', () => {
  it('a seasonal customer whose lateness doubled within the year reads “no change” against the same months last year, with the figures', () => {
    const { trend, detail: t } = seasonalSpring();
    expect(trend).toBe('STABLE');
    expect(trendBasis(trend, t)).toBe('SAME_MONTHS_LAST_YEAR');
    expect(describeTrend(trend, t, true)).toBe(
      'No change in payment timing against the same 90 days last year (average lateness per invoice, not amount-weighted: 30 days after the due date in the last 90 days, 30 days after the due date then)',
    );
    expect(describeTrend(trend, t, false)).toBe('No change in payment timing against the same months last year');
  });

  it('a slip against the months before, with both per-invoice averages and their windows', () => {
    expect(trendBasis('SLIPPING', detail())).toBe('PRIOR_MONTHS');
    expect(describeTrend('SLIPPING', detail(), true)).toBe(
      'Paying later than in the previous 275 days (average lateness per invoice, not amount-weighted: 15 days after the due date in the last 90 days, 2 days after the due date then)',
    );
    expect(describeTrend('SLIPPING', detail(), false)).toBe('Paying later than in earlier months');
    expect(describeTrend('IMPROVING', detail({ recentLateness: 1, baselineLateness: 26.3 }), false)).toBe('Paying earlier than in earlier months');
  });

  it('says when each recent invoice was compared with earlier ones of similar size', () => {
    const t = detail({ comparison: 'SAME_SEASON_LAST_YEAR', baselineDays: 90, bySize: true, recentLateness: 20, baselineLateness: 20 });
    expect(describeTrend('STABLE', t, true)).toMatch(/^No change in payment timing against the same 90 days last year, for invoices of similar size \(/);
    expect(describeTrend('STABLE', t, false)).toBe('No change in payment timing against the same months last year, for invoices of similar size');
  });

  it('a customer who stopped paying is never said to pay later, and early payment reads as such', () => {
    const stopped = detail({ stoppedPaying: true, recentLateness: 45, baselineLateness: 1.8, recentInvoiceCount: 2 });
    expect(describeTrend('SLIPPING', stopped, true)).toBe(
      'Stopped paying: nothing paid in the last 90 days while 2 invoices fell due, now 45 days past due on average (the previous 275 days: paid 1.8 days after the due date per invoice on average)',
    );
    expect(describeTrend('SLIPPING', stopped, false)).toBe('Has stopped paying in recent months');
    expect(describeTrend('STABLE', detail({ recentLateness: -1, baselineLateness: 0 }), true)).toContain('1 day before the due date in the last 90 days, on the due date then');
  });

  it('does not claim “no change” when too few invoices were paid to compare', () => {
    const fewRecent = detail({ recentInvoiceCount: 0, recentLateness: null, change: null, threshold: null, sufficientHistory: false });
    expect(describeTrend('STABLE', fewRecent, true)).toBe('Payment timing not compared: 0 invoices paid in the last 90 days (at least 2 needed)');
    expect(describeTrend('STABLE', fewRecent, false)).toBe('Too few recent payments to compare payment timing');
    const fewBefore = detail({ baselineInvoiceCount: 1, sufficientHistory: false });
    expect(describeTrend('STABLE', fewBefore, true)).toBe('Payment timing not compared: 1 invoice paid in the previous 275 days (at least 3 needed)');
    expect(describeTrend('STABLE', fewBefore, false)).toBe('Too few earlier payments to compare payment timing');
  });

  it('no history, and a status stored before the basis was kept, say only the trend’s word', () => {
    expect(describeTrend('NO_HISTORY', detail({ sufficientHistory: false }), true)).toBe('No payment history yet');
    expect(trendBasis('NO_HISTORY', detail())).toBeNull();
    expect(describeTrend('STABLE', undefined, true)).toBe('No change in payment timing');
    expect(trendBasis('STABLE', undefined)).toBeNull();
  });

  it('gives SALES words only in every case: no digit, no days', () => {
    const cases: [PaymentTrend, TrendDetail][] = [
      ['STABLE', detail({ change: 0 })],
      ['SLIPPING', detail()],
      ['SLIPPING', detail({ stoppedPaying: true })],
      ['IMPROVING', detail({ comparison: 'SAME_SEASON_LAST_YEAR', bySize: true })],
      ['STABLE', detail({ sufficientHistory: false, recentInvoiceCount: 1 })],
      ['NO_HISTORY', detail()],
    ];
    for (const [trend, t] of cases) {
      const said = describeTrend(trend, t, false);
      expect(said).toMatch(wordsOnly);
      expect(said).not.toMatch(/\bdays?\b/);
    }
  });
});
