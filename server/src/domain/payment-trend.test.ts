import { describe, expect, it } from 'vitest';
import { dayToIso, monthStartDay, toDay } from './calendar.js';
import { settleInvoices } from './invoice-settlement.js';
import { invoice, paidLate, rows } from './ledger-builders.js';
import { paymentTrend } from './payment-trend.js';

const asOf = toDay('2026-06-30');
// Monthly invoices issued on the 1st from June 2025 to May 2026 (30-day terms). With asOf 2026-06-30, the
// first nine are paid in the baseline window and the last three in the recent window (when paid within ~2 days).
const issueDate = (i: number) => dayToIso(monthStartDay('2025-06', i));

function trendOf(lateness: readonly (number | null)[], amounts: readonly string[] = []) {
  const items = lateness.map((late, i) => ({ late, item: paidLate(`I${i}`, amounts[i] ?? '1000.00', issueDate(i), late ?? 0) }));
  const { invoices } = rows(items.map((x) => x.item));
  const payments = items.filter((x) => x.late !== null).map((x) => x.item.payment);
  const s = settleInvoices(invoices, payments, 30, asOf);
  return paymentTrend(s.invoices, s.applications, asOf);
}

const nine = (late: number) => Array<number>(9).fill(late);

describe('paymentTrend', () => {
  it('is STABLE for a customer paying as they always did, even if always late', () => {
    const { trend, detail } = trendOf([...nine(20), 21, 19, 20]);
    expect(trend).toBe('STABLE');
    expect(detail).toMatchObject({ baselineLateness: 20, recentLateness: 20, change: 0, baselineInvoiceCount: 9, recentInvoiceCount: 3, sufficientHistory: true });
  });

  it('is SLIPPING when recent payments come later than their own norm', () => {
    const { trend, detail } = trendOf([...nine(2), 15, 15, 15]);
    expect(trend).toBe('SLIPPING');
    expect(detail).toMatchObject({ baselineLateness: 2, recentLateness: 15, change: 13, threshold: 5, recentDays: 90, baselineDays: 275 });
  });

  it('sees a move from paying early to paying on time', () => {
    expect(trendOf([...nine(-12), 0, 0, 0]).trend).toBe('SLIPPING');
  });

  it('is IMPROVING when recent payments come earlier than the norm', () => {
    expect(trendOf([...nine(20), 5, 5, 5]).trend).toBe('IMPROVING');
  });

  it('ignores changes below the minimum number of days', () => {
    expect(trendOf([...nine(2), 6, 6, 6]).trend).toBe('STABLE');
  });

  it('asks an erratic payer for a bigger change than a steady one', () => {
    const erratic = trendOf([0, 30, 0, 30, 0, 30, 0, 30, 0, 25, 25, 25]);
    expect(erratic.trend).toBe('STABLE');
    expect(erratic.detail.threshold).toBeCloseTo(15, 0);
    expect(trendOf([...nine(13), 25, 25, 25]).trend).toBe('SLIPPING');
  });

  it('does not call a trend on too little history', () => {
    const { trend, detail } = trendOf([null, null, null, null, null, null, null, 2, 2, 40, 40, 40]);
    expect(detail.baselineInvoiceCount).toBe(2);
    expect(detail.sufficientHistory).toBe(false);
    expect(trend).toBe('STABLE');
    // One recent invoice, however late, is an anecdote.
    expect(trendOf([...nine(2), 40])).toMatchObject({ trend: 'STABLE', detail: { recentInvoiceCount: 1, sufficientHistory: false } });
  });

  it('catches a customer who stopped paying: open invoices later than the norm count in the recent window', () => {
    const { trend, detail } = trendOf([...nine(2), null, null, null]);
    expect(trend).toBe('SLIPPING');
    // Open for 91, 60 and 30 days past due as of asOf.
    expect(detail).toMatchObject({ recentInvoiceCount: 3, recentLateness: 60.3 });
  });

  it('does not count an open invoice that is not yet later than the norm', () => {
    const s = settleInvoices(
      [invoice('x', '1.00', '2026-05-27', '2026-06-26'), ...rows(nine(5).map((l, i) => paidLate(`b${i}`, '1.00', issueDate(i), l))).invoices],
      rows(nine(5).map((l, i) => paidLate(`b${i}`, '1.00', issueDate(i), l))).payments,
      30,
      asOf,
    );
    expect(paymentTrend(s.invoices, s.applications, asOf).detail).toMatchObject({ recentInvoiceCount: 0, recentLateness: null, change: null });
  });

  it('does not let an invoice overdue for more than a year (an old dispute) read as a new slip', () => {
    const steady = rows([...nine(2), 2, 2, 2].map((l, i) => paidLate(`I${i}`, '1000.00', issueDate(i), l)));
    const disputed = invoice('OLD', '9000.00', '2025-04-01', '2025-05-01');
    const s = settleInvoices([...steady.invoices, disputed], steady.payments, 30, asOf);
    expect(paymentTrend(s.invoices, s.applications, asOf)).toMatchObject({ trend: 'STABLE', detail: { recentInvoiceCount: 3, change: 0 } });
  });

  it('is STABLE with null figures on an empty ledger', () => {
    expect(paymentTrend([], [], asOf)).toEqual({
      trend: 'STABLE',
      detail: {
        recentDays: 90,
        baselineDays: 275,
        recentLateness: null,
        baselineLateness: null,
        change: null,
        threshold: null,
        recentInvoiceCount: 0,
        baselineInvoiceCount: 0,
        sufficientHistory: false,
      },
    });
  });
});
