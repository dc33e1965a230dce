import { describe, expect, it } from 'vitest';
import { dayToIso, monthStartDay, toDay } from './calendar.js';
import { settleInvoices } from './invoice-settlement.js';
import { invoice, paidLate, payment, rows } from './ledger-builders.js';
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

  it('calls a customer who stopped paying SLIPPING on what fell due since, flagged as stopped (no payment to speak of)', () => {
    const { trend, detail } = trendOf([...nine(2), null, null, null]);
    expect(trend).toBe('SLIPPING');
    // April's and May's invoices fell due in the last 90 days (60 and 30 days past due); March's fell due before it.
    expect(detail).toMatchObject({ stoppedPaying: true, recentInvoiceCount: 2, recentLateness: 45, baselineLateness: 2, change: 43 });
  });

  it('does not count open overdue invoices while the customer pays: they are the OVERDUE factor, not a trend', () => {
    const steady = rows([...nine(2), 2, 2].map((l, i) => paidLate(`I${i}`, '1000.00', issueDate(i), l)));
    const big = invoice('BIG', '36000.00', '2026-03-01', '2026-03-31');
    const s = settleInvoices([...steady.invoices, big], steady.payments, 30, asOf);
    expect(paymentTrend(s.invoices, s.applications, asOf)).toMatchObject({ trend: 'STABLE', detail: { recentInvoiceCount: 2, change: 0, stoppedPaying: false } });
  });

  it('counts each paid invoice once, whatever its size: one huge late invoice does not swing the trend', () => {
    // Per amount the recent window would read ~11.8 days late (SLIPPING); per invoice it is (2 + 2 + 12) / 3 = 5.3.
    const { trend, detail } = trendOf([...nine(2), 2, 2, 12], [...Array<string>(11).fill('1000.00'), '100000.00']);
    expect(trend).toBe('STABLE');
    expect(detail).toMatchObject({ recentLateness: 5.3, baselineLateness: 2, change: 3.3 });
  });

  it("takes an invoice paid in parts at its parts' amount-weighted lateness", () => {
    const base = rows(nine(0).map((l, i) => paidLate(`b${i}`, '1000.00', issueDate(i), l)));
    const split = [invoice('S1', '1000.00', '2026-03-01', '2026-03-31'), invoice('S2', '1000.00', '2026-04-01', '2026-05-01')];
    const parts = [
      payment('s1a', 'S1', '500.00', '2026-04-10'),
      payment('s1b', 'S1', '500.00', '2026-04-30'),
      payment('s2a', 'S2', '250.00', '2026-05-01'),
      payment('s2b', 'S2', '750.00', '2026-05-21'),
    ];
    const s = settleInvoices([...base.invoices, ...split], [...base.payments, ...parts], 30, asOf);
    // S1: (10 + 30) / 2 = 20; S2: 0.25 × 0 + 0.75 × 20 = 15 → 17.5 per invoice.
    expect(paymentTrend(s.invoices, s.applications, asOf)).toMatchObject({ trend: 'SLIPPING', detail: { recentInvoiceCount: 2, recentLateness: 17.5 } });
  });

  it('leaves credit-note applications out: a credit note settles an invoice but is not a payment', () => {
    const s = settleInvoices(rows([...nine(0), 0, 0].map((l, i) => paidLate(`I${i}`, '1000.00', issueDate(i), l))).invoices, [], 30, asOf);
    const applied = s.invoices.map((inv) => ({ ...inv, outstanding: 0, paid: inv.amount, settledDay: inv.dueDay + 40 }));
    const byCreditNote = applied.map((inv) => ({
      invoiceId: inv.id,
      currency: inv.currency,
      source: 'CREDIT_NOTE' as const,
      fromId: `cn-${inv.id}`,
      amount: inv.amount,
      receivedDay: inv.dueDay + 40,
      appliedDay: inv.dueDay + 40,
      daysToPay: 70,
      lateness: 40,
    }));
    expect(paymentTrend(applied, byCreditNote, asOf)).toMatchObject({ trend: 'NO_HISTORY', detail: { recentInvoiceCount: 0, baselineInvoiceCount: 0 } });
  });

  it('is NO_HISTORY with fewer than three invoices paid by cash in the last 12 months', () => {
    expect(trendOf([null, null, null, null, null, null, null, null, null, 0, 0, null]).trend).toBe('NO_HISTORY');
    expect(trendOf([null, null, null, null, null, null, null, null, 0, 0, 0, null]).trend).toBe('STABLE');
    // Paid long ago only: no history of the last 12 months either.
    const old = rows([0, 0, 0, 0].map((l, i) => paidLate(`O${i}`, '1000.00', dayToIso(monthStartDay('2024-01', i)), l)));
    const s = settleInvoices(old.invoices, old.payments, 30, asOf);
    expect(paymentTrend(s.invoices, s.applications, asOf).trend).toBe('NO_HISTORY');
  });

  it('compares a seasonal customer with the same months last year when enough invoices were paid then', () => {
    // Every spring paid 30 days late, the rest of the year 2 days late; this spring 30 again: the same habit.
    const spring = (month: string) => ['03', '04', '05'].includes(month.slice(5));
    const months = Array.from({ length: 15 }, (_, i) => dayToIso(monthStartDay('2025-02', i)));
    const items = months.map((issued, i) => paidLate(`Q${i}`, '1000.00', issued, spring(dayToIso(toDay(issued) + 30).slice(0, 7)) ? 30 : 2));
    const s = settleInvoices(rows(items).invoices, rows(items).payments, 30, asOf);
    const { trend, detail } = paymentTrend(s.invoices, s.applications, asOf);
    expect(detail).toMatchObject({ comparison: 'SAME_SEASON_LAST_YEAR', baselineDays: 90 });
    expect(detail.baselineInvoiceCount).toBeGreaterThanOrEqual(3);
    expect(trend).toBe('STABLE');
    // Without last year's spring in the ledger, the months before are the norm and this spring reads as a slip.
    const lastYearOnly = items.filter((_, i) => i >= 5);
    const t = settleInvoices(rows(lastYearOnly).invoices, rows(lastYearOnly).payments, 30, asOf);
    expect(paymentTrend(t.invoices, t.applications, asOf)).toMatchObject({ trend: 'SLIPPING', detail: { comparison: 'PRIOR_MONTHS' } });
  });

  describe('like with like in size (probe P-SEAS)', () => {
    // 40,000 in Oct and Nov 2025, each paid 20 days late; 5,000 a month Jan–Sep 2026 on the due date; Oct 2026's
    // 40,000 paid 20 days late on 20 Nov. Same habit both years; only the mix of the last 90 days is heavier.
    const seasonal = (octLate: number) => {
      const big = [paidLate('SEA-2025-10', '40000.00', '2025-10-01', 20), paidLate('SEA-2025-11', '40000.00', '2025-11-01', 20)];
      const small = Array.from({ length: 9 }, (_, i) => paidLate(`SEA-2026-0${i + 1}`, '5000.00', dayToIso(monthStartDay('2026-01', i)), 0));
      const thisYear = paidLate('SEA-2026-10', '40000.00', '2026-10-01', octLate);
      const r = rows([...big, ...small, thisYear]);
      return (day: string) => {
        const s = settleInvoices(r.invoices, r.payments, 30, toDay(day));
        return paymentTrend(s.invoices, s.applications, toDay(day));
      };
    };

    it('compares a big invoice with the big ones before it and the small ones with the small: no slip', () => {
      // As of 5 Dec: recent = Sep's 5,000 at 0 and Oct's 40,000 at 20 (10 per invoice); the months before hold
      // Nov 2025's 40,000 at 20 and eight 5,000 at 0 (2.2 per invoice, the "7.8 days later" the probe saw).
      // Like with like the norms are 0 and 20: change 0.
      expect(seasonal(20)('2026-12-05')).toMatchObject({
        trend: 'STABLE',
        detail: { comparison: 'PRIOR_MONTHS', bySize: true, recentLateness: 10, baselineLateness: 10, change: 0, threshold: 5 },
      });
    });

    it("finds last year's big invoices in the year before the recent window when the baseline has none", () => {
      // As of 25 Dec both 2025 big invoices were paid before the months before (26 Dec 2025 on) and last year's same
      // 90 days hold only those two (fewer than 3): the big one is compared with them, wherever the windows fall.
      expect(seasonal(20)('2026-12-25')).toMatchObject({ trend: 'STABLE', detail: { bySize: true, baselineLateness: 10, change: 0 } });
    });

    it('still sees the big invoice paid later than the big ones before it', () => {
      // Oct 2026's 40,000 paid 34 days late (4 Dec): (0 + 34) / 2 = 17 against norms (0 + 20) / 2 = 10: 7 days later,
      // beyond the 5-day minimum (the baseline does not scatter around its own norms).
      expect(seasonal(34)('2026-12-05')).toMatchObject({ trend: 'SLIPPING', detail: { bySize: true, recentLateness: 17, baselineLateness: 10, change: 7, threshold: 5 } });
    });

    it('compares with the whole baseline when every invoice is of similar size (bySize false)', () => {
      expect(trendOf([...nine(2), 15, 15, 15]).detail.bySize).toBe(false);
    });
  });

  it('does not call paying before the due date an improvement over paying on it', () => {
    const early = trendOf([...nine(0), -10, -10, -10]);
    expect(early.trend).toBe('STABLE');
    expect(early.detail.change).toBeLessThan(-5);
    expect(trendOf([...nine(10), -10, -10, -10]).trend).toBe('IMPROVING');
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

  it('is NO_HISTORY with null figures on an empty ledger', () => {
    expect(paymentTrend([], [], asOf)).toEqual({
      trend: 'NO_HISTORY',
      detail: {
        recentDays: 90,
        baselineDays: 275,
        comparison: 'PRIOR_MONTHS',
        bySize: false,
        recentLateness: null,
        baselineLateness: null,
        change: null,
        threshold: null,
        recentInvoiceCount: 0,
        baselineInvoiceCount: 0,
        sufficientHistory: false,
        stoppedPaying: false,
      },
    });
  });
});
