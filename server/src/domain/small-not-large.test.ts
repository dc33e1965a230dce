import { describe, expect, it } from 'vitest';
import type { LedgerInvoice, LedgerPayment } from './behaviour-types.js';
import { toDay } from './calendar.js';
import { settleInvoices } from './invoice-settlement.js';
import { invoice, payment } from './ledger-builders.js';
import { detectSmallNotLarge, medianAmount } from './small-not-large.js';

const asOf = toDay('2026-06-30');
const detect = (invs: LedgerInvoice[], pays: LedgerPayment[]) => detectSmallNotLarge(settleInvoices(invs, pays, 30, asOf).invoices, asOf);

// Invoices of 5000 (due 31 March) and 4000 (due 9 April) stay open while three later, smaller invoices are paid in April–May.
const large = invoice('L1', '5000.00', '2026-03-01', '2026-03-31');
const large2 = invoice('L2', '4000.00', '2026-03-10', '2026-04-09');
const smalls = [
  invoice('S1', '400.00', '2026-03-15', '2026-04-14'),
  invoice('S2', '300.00', '2026-04-01', '2026-05-01'),
  invoice('S3', '350.00', '2026-05-01', '2026-05-31'),
];
const smallPayments = [payment('s1', 'S1', '400.00', '2026-04-14'), payment('s2', 'S2', '300.00', '2026-05-01'), payment('s3', 'S3', '350.00', '2026-05-31')];
const medium = invoice('M', '1200.00', '2026-02-01', '2026-03-03');
const mediumPayment = payment('m', 'M', '1200.00', '2026-03-03');

describe('medianAmount', () => {
  it('takes the middle value, or the rounded mean of the middle two', () => {
    expect(medianAmount([5, 1, 3])).toBe(3);
    expect(medianAmount([1, 2, 3, 4])).toBe(3);
    expect(medianAmount([])).toBeNull();
  });
});

describe('detectSmallNotLarge', () => {
  it('finds the large invoices left open while smaller, later ones are paid, with the evidence', () => {
    expect(detect([medium, large, large2, ...smalls], [mediumPayment, ...smallPayments])).toEqual({
      detected: true,
      medianAmount: 80000,
      largeUnpaidInvoiceIds: ['L1', 'L2'],
      smallPaidInvoiceIds: ['S1', 'S2', 'S3'],
    });
  });

  it('is no pattern with one large invoice open: that is an overdue invoice (issue 10: count each fact once)', () => {
    expect(detect([medium, large, ...smalls], [mediumPayment, ...smallPayments])).toMatchObject({ detected: false, medianAmount: 40000 });
  });

  it('still sees it when a large invoice got a token part-payment', () => {
    const r = detect([medium, large, large2, ...smalls], [mediumPayment, ...smallPayments, payment('l', 'L1', '1000.00', '2026-04-20')]);
    expect(r.detected).toBe(true);
  });

  it('clears once most of the large invoices is paid', () => {
    const paid = [payment('l', 'L1', '3000.00', '2026-04-20'), payment('l2', 'L2', '3000.00', '2026-04-20')];
    const r = detect([medium, large, large2, ...smalls], [mediumPayment, ...smallPayments, ...paid]);
    expect(r).toMatchObject({ detected: false, largeUnpaidInvoiceIds: [], smallPaidInvoiceIds: [] });
  });

  it('is ordinary first-in-first-out when the small invoices paid are older than the large one', () => {
    const older = [invoice('S1', '400.00', '2026-01-15'), invoice('S2', '300.00', '2026-02-01'), invoice('S3', '350.00', '2026-02-10')];
    const lateOldPayments = [payment('s1', 'S1', '400.00', '2026-04-05'), payment('s2', 'S2', '300.00', '2026-04-06'), payment('s3', 'S3', '350.00', '2026-04-07')];
    expect(detect([medium, large, large2, ...older], [mediumPayment, ...lateOldPayments]).detected).toBe(false);
  });

  it('needs the small ones paid after the large one fell due', () => {
    const early = [payment('s1', 'S1', '400.00', '2026-03-31'), payment('s3', 'S3', '350.00', '2026-05-31')];
    // S1 was paid on the large one's due day (not yet overdue), S2 not at all: one (S3) is not a pattern.
    expect(detect([medium, large, large2, ...smalls], [mediumPayment, ...early])).toMatchObject({ detected: false, medianAmount: 80000 });
  });

  it('ignores near-equal amounts: "large" must be at least twice the small ones', () => {
    const invs = [
      invoice('A', '1050.00', '2026-03-01', '2026-03-31'),
      invoice('B', '1040.00', '2026-03-02', '2026-04-01'),
      invoice('C', '990.00', '2026-03-10', '2026-04-09'),
      invoice('D', '980.00', '2026-03-11', '2026-04-10'),
    ];
    expect(detect(invs, [payment('c', 'C', '990.00', '2026-04-09'), payment('d', 'D', '980.00', '2026-04-10')]).detected).toBe(false);
  });

  it('waits until the large invoice is past due', () => {
    const notDue = [invoice('L1', '5000.00', '2026-03-01', '2026-07-15'), invoice('L2', '4000.00', '2026-03-10', '2026-07-20')];
    expect(detect([medium, ...notDue, ...smalls], [mediumPayment, ...smallPayments]).detected).toBe(false);
  });

  it('says nothing with fewer than four invoices in the last 12 months, or only old ones', () => {
    expect(detect([large, ...smalls.slice(0, 2)], smallPayments.slice(0, 2))).toEqual({
      detected: false,
      medianAmount: null,
      largeUnpaidInvoiceIds: [],
      smallPaidInvoiceIds: [],
    });
    const old = [invoice('X', '1.00', '2025-01-01'), invoice('Y', '1.00', '2025-02-01'), invoice('Z', '1.00', '2025-03-01'), invoice('W', '1.00', '2025-04-01')];
    expect(detect(old, []).medianAmount).toBeNull();
  });

  it('leaves credit notes out of the median', () => {
    const cns = [invoice('CN1', '-9000.00', '2026-04-02'), invoice('CN2', '-9000.00', '2026-04-03')];
    expect(detect([medium, large, ...smalls, ...cns], [mediumPayment, ...smallPayments]).medianAmount).toBe(40000);
  });
});
