import { describe, expect, it } from 'vitest';
import { evaluateAlertRules } from './alert-rules.js';
import type { DisputeFact } from './disputes.js';
import { describeDisputeInWords, disputeOpenDays } from './disputes.js';
import { invoice, ledger, payment } from './ledger-builders.js';
import { parseMoney } from './money.js';
import { computePaymentBehaviour } from './payment-behaviour.js';
import { assessCredit } from './risk-score.js';

const asOf = '2026-06-30';

// Invoice L (8,400) is 60 days past due, S (1,000) 10 days past due, N (2,000) not yet due.
const base = ledger({
  invoices: [
    invoice('L', '8400.00', '2026-04-01', '2026-05-01'),
    invoice('S', '1000.00', '2026-05-21', '2026-06-20'),
    invoice('N', '2000.00', '2026-06-15', '2026-07-15'),
    invoice('P', '500.00', '2026-03-01', '2026-03-31'),
  ],
  payments: [payment('p', 'P', '500.00', '2026-04-05')],
});
const onL: DisputeFact = { id: 'd1', kind: 'DELIVERY_PROBLEM', ownerTeam: 'logistics', currency: 'EUR', invoiceIds: ['L'], amount: null, openedAt: '2026-06-18' };
const assess = (disputes: DisputeFact[], signals: Parameters<typeof assessCredit>[0]['signals'] = []) => {
  const behaviour = computePaymentBehaviour({ ...base, disputes }, asOf);
  return { behaviour, assessment: assessCredit({ behaviour, signals, watchMatches: [], onHold: false, asOf }) };
};
const codes = (a: ReturnType<typeof assess>['assessment']) => a.factors.map((f) => f.code);

describe('dispute-aware ledger figures', () => {
  const before = assess([]);
  const during = assess([onL]);

  it('without a dispute the 60-days-overdue invoice counts as overdue', () => {
    expect(before.behaviour).toMatchObject({ exposure: 1140000, overdueAmount: 940000, disputedAmount: 0, oldestOverdueDays: 60 });
    expect(before.behaviour.aging.d31_60).toBe(840000);
    expect(codes(before.assessment)).toContain('OVERDUE');
    expect(evaluateAlertRules({ account: { id: 'a' }, behaviour: before.behaviour, signals: [], watchMatches: [], review: { lastReviewedAt: null, nextDueAt: null }, asOf, settings: { overdueDays: 30 } }).map((c) => c.rule)).toContain('OVERDUE');
  });

  it('a disputed invoice stays in exposure, leaves overdue, aging and the overdue alert, and is shown as disputed', () => {
    const b = during.behaviour;
    expect(b.exposure).toBe(before.behaviour.exposure);
    expect(b.overdueAmount).toBe(100000);
    expect(b.disputedAmount).toBe(840000);
    expect(b.disputedInvoiceIds).toEqual(['L']);
    expect(b.overdueInvoices.map((i) => i.id)).toEqual(['S']);
    expect(b.oldestOverdueDays).toBe(10);
    expect(b.aging).toEqual({ current: 200000, d1_30: 100000, d31_60: 0, d61_90: 0, d90plus: 0 });
    // DBT is paid DBT since issue 10: open invoices, disputed or not, are not in it, so the dispute leaves it as it was.
    expect(b.daysBeyondTerms).toBe(before.behaviour.daysBeyondTerms);
    expect(b.disputes).toEqual([{ id: 'd1', kind: 'DELIVERY_PROBLEM', ownerTeam: 'logistics', currency: 'EUR', amount: 840000, invoiceCount: 1 }]);
    const alerts = evaluateAlertRules({ account: { id: 'a' }, behaviour: b, signals: [], watchMatches: [], review: { lastReviewedAt: null, nextDueAt: null }, asOf, settings: { overdueDays: 30 } });
    expect(alerts.map((c) => c.rule)).not.toContain('OVERDUE');
  });

  it('names the dispute as a reason in a credit manager’s words, with a smaller overdue factor', () => {
    const factor = during.assessment.factors.find((f) => f.code === 'DISPUTED');
    expect(factor).toMatchObject({ label: 'Dispute open', group: 'LEDGER', detail: 'EUR 8,400.00 held up by a delivery problem, owner: logistics' });
    const overdue = (a: typeof before.assessment) => a.factors.find((f) => f.code === 'OVERDUE')?.weight ?? 0;
    expect(overdue(during.assessment)).toBeLessThan(overdue(before.assessment));
    expect(during.assessment.factors.find((f) => f.code === 'OVERDUE')?.detail).toContain('EUR 1,000.00');
    expect(factor?.salesDetail).toBe('A delivery problem is holding up payment, owner: logistics');
  });

  it('a plain dispute reads "EUR … disputed, owner: …"', () => {
    const { assessment } = assess([{ ...onL, kind: 'DISPUTE', ownerTeam: 'billing' }]);
    expect(assessment.factors.find((f) => f.code === 'DISPUTED')?.detail).toBe('EUR 8,400.00 disputed, owner: billing');
  });

  it('several disputes: the label has no count (SALES reads it), the credit sentence lists each', () => {
    const { assessment } = assess([
      { ...onL, kind: 'DISPUTE', ownerTeam: 'billing' },
      { ...onL, invoiceIds: ['S'], ownerTeam: 'logistics' },
    ]);
    const factor = assessment.factors.find((f) => f.code === 'DISPUTED');
    expect(factor?.label).toBe('Disputes open');
    expect(`${factor?.label} ${factor?.salesDetail}`).not.toMatch(/\d/);
    expect(factor?.detail.split('; ')).toHaveLength(2);
  });

  it('resolving the dispute (it is no longer given) restores the ordinary figures', () => {
    const after = assess([]);
    expect(after.behaviour).toEqual(before.behaviour);
    expect(after.assessment).toEqual(before.assessment);
  });

  it('a dispute given as an amount shows as disputed and in exposure, and changes neither overdue, aging, the overdue factors nor the alert', () => {
    const { behaviour: small, assessment } = assess([{ ...onL, kind: 'DISPUTE', ownerTeam: 'sales', invoiceIds: [], amount: parseMoney('3000.00') }]);
    expect(small).toMatchObject({ exposure: 1140000, disputedAmount: 300000, overdueAmount: 940000, overdueShare: before.behaviour.overdueShare });
    expect(small.overdueInvoices.map((i) => i.id)).toEqual(['L', 'S']);
    expect(small.aging).toEqual(before.behaviour.aging);
    const factor = (code: string) => assessment.factors.find((f) => f.code === code);
    expect(factor('DISPUTED')?.detail).toBe('EUR 3,000.00 disputed (invoices not named), owner: sales');
    expect(factor('OVERDUE')).toEqual(before.assessment.factors.find((f) => f.code === 'OVERDUE'));
    const alerts = evaluateAlertRules({ account: { id: 'a' }, behaviour: small, signals: [], watchMatches: [], review: { lastReviewedAt: null, nextDueAt: null }, asOf, settings: { overdueDays: 30 } });
    expect(alerts.map((c) => c.rule)).toContain('OVERDUE');
    const delivery = assess([{ ...onL, invoiceIds: [], amount: parseMoney('300.00') }]).assessment;
    expect(delivery.factors.find((f) => f.code === 'DISPUTED')?.detail).toBe('EUR 300.00 held up by a delivery problem (invoices not named), owner: logistics');
  });

  it('the overdue share counts only undisputed invoices: past due undisputed ÷ open undisputed', () => {
    // Open: L 8,400 (past due), S 1,000 (past due), N 2,000 (current) = 11,400. Disputing S leaves 8,400 of 10,400.
    const b = assess([{ ...onL, invoiceIds: ['S'] }]);
    expect(b.behaviour.overdueAmount).toBe(840000);
    expect(b.behaviour.overdueShare).toBe(0.808);
    expect(b.assessment.factors.find((f) => f.code === 'OVERDUE')?.detail).toBe('EUR 8,400.00 of EUR 10,400.00 open and undisputed is past due, the oldest 60 days');
  });

  it('overdue is always the sum of the past-due aging buckets, and aging + invoice-disputed = open invoices, whatever the disputes', () => {
    const ledgers = [
      base,
      ledger({
        invoices: [
          invoice('A', '1200.00', '2026-01-01', '2026-01-31'),
          invoice('B', '350.50', '2026-03-10', '2026-04-09'),
          invoice('C', '9000.00', '2026-05-01', '2026-05-31'),
          invoice('D', '42.10', '2026-06-20', '2026-07-20'),
          invoice('CN', '-500.00', '2026-05-05', '2026-05-05'),
          invoice('U', '700.00', '2026-05-01', '2026-05-31', 'USD'),
        ],
        payments: [payment('pa', 'A', '200.00', '2026-02-10'), payment('pc', 'C', '9000.00', '2026-06-01')],
      }),
    ];
    const disputeSets: DisputeFact[][] = [
      [],
      [{ ...onL, invoiceIds: [], amount: parseMoney('99999.00') }],
      [onL, { ...onL, id: 'd2', invoiceIds: [], amount: parseMoney('300.00') }],
      [{ ...onL, invoiceIds: ['A', 'B'] }, { ...onL, id: 'd2', invoiceIds: [], amount: parseMoney('10.00') }, { ...onL, id: 'd3', invoiceIds: ['U'], currency: 'USD' }],
      [{ ...onL, invoiceIds: ['S', 'N', 'D'] }, { ...onL, id: 'd2', invoiceIds: [], amount: parseMoney('5.00'), currency: 'USD' }],
    ];
    let checked = 0;
    for (const l of ledgers)
      for (const disputes of disputeSets) {
        const b = computePaymentBehaviour({ ...l, disputes }, asOf);
        const { current, ...pastDue } = b.aging;
        expect(b.overdueAmount).toBe(Object.values(pastDue).reduce((s, v) => s + v, 0));
        // overdueInvoices lists every currency since issue 10; overdueAmount is the account currency's.
        expect(b.overdueInvoices.filter((i) => i.currency === b.currency).reduce((s, i) => s + i.outstanding, 0)).toBe(b.overdueAmount);
        const invoiceDisputed = b.disputes.filter((d) => d.invoiceCount > 0 && d.currency === b.currency).reduce((s, d) => s + d.amount, 0);
        expect(current + b.overdueAmount).toBe(Object.values(b.aging).reduce((s, v) => s + v, 0));
        expect(Object.values(b.aging).reduce((s, v) => s + v, 0) + invoiceDisputed).toBe(b.openInvoiceAmount);
        expect(b.overdueShare === null || (b.overdueShare >= 0 && b.overdueShare <= 1)).toBe(true);
        checked++;
      }
    expect(checked).toBe(10);
  });

  it('an amount in another currency is reported on the dispute, not summed into the figures', () => {
    const b = assess([{ ...onL, invoiceIds: [], amount: parseMoney('300.00'), currency: 'USD' }]).behaviour;
    expect(b).toMatchObject({ disputedAmount: 0, overdueAmount: 940000 });
    expect(b.disputes[0]).toMatchObject({ invoiceCount: 0 });
    expect(b.disputes[0]).toMatchObject({ currency: 'USD', amount: 30000 });
  });

  it('the dispute signal written when it opened does not count a second time while the dispute is open', () => {
    const sig = { id: 's', type: 'DELIVERY_PROBLEM' as const, severity: 2 as const, source: 'SALES' as const, observedAt: '2026-06-18', status: 'OPEN' as const };
    expect(codes(assess([onL], [sig]).assessment)).not.toContain('SIGNAL_DELIVERY_PROBLEM');
    expect(codes(assess([], [sig]).assessment)).toContain('SIGNAL_DELIVERY_PROBLEM');
  });

  it('a disputed large invoice is not "large unpaid" for the small-invoices-only pattern', () => {
    const invoices = [
      invoice('BIG', '9000.00', '2026-03-01', '2026-03-31'),
      invoice('BIG2', '9000.00', '2026-03-02', '2026-04-01'),
      invoice('BIG3', '9000.00', '2026-03-03', '2026-04-02'),
      ...['a', 'b', 'c', 'd', 'e'].map((k, i) => invoice(k, '1000.00', `2026-04-0${i + 1}`, `2026-05-0${i + 1}`)),
    ];
    const payments = ['a', 'b', 'c', 'd', 'e'].map((k, i) => payment(`p${k}`, k, '1000.00', `2026-05-0${i + 1}`));
    const plain = computePaymentBehaviour(ledger({ invoices, payments }), asOf);
    expect(plain.smallNotLarge).toMatchObject({ detected: true, largeUnpaidInvoiceIds: ['BIG', 'BIG2', 'BIG3'] });
    const oneDisputed = computePaymentBehaviour(ledger({ invoices, payments, disputes: [{ ...onL, invoiceIds: ['BIG'] }] }), asOf);
    expect(oneDisputed.smallNotLarge).toMatchObject({ detected: true, largeUnpaidInvoiceIds: ['BIG2', 'BIG3'] });
    // One large invoice left undisputed is an overdue invoice, not a pattern.
    const disputed = computePaymentBehaviour(ledger({ invoices, payments, disputes: [{ ...onL, invoiceIds: ['BIG', 'BIG2'] }] }), asOf);
    expect(disputed.smallNotLarge.detected).toBe(false);
  });

  it('says the dispute in words without figures', () => {
    const openedAt = new Date('2026-11-23T16:30:00Z');
    expect(describeDisputeInWords({ kind: 'DELIVERY_PROBLEM', ownerTeam: 'logistics', status: 'OPEN', openedAt }, '2026-12-05T09:00:00Z')).toBe(
      'Delivery problem, with logistics since 23 Nov 2026 (12 days)',
    );
    expect(describeDisputeInWords({ kind: 'DISPUTE', ownerTeam: 'sales', status: 'OPEN', openedAt }, '2026-11-23T18:00:00Z')).toBe('Disputed, with sales since 23 Nov 2026 (today)');
    expect(describeDisputeInWords({ kind: 'DISPUTE', ownerTeam: 'sales', status: 'RESOLVED', openedAt }, '2026-12-05')).toBe('Dispute, with sales: resolved');
    expect(describeDisputeInWords({ kind: 'DISPUTE', ownerTeam: 'billing', status: 'CANCELLED', openedAt }, '2026-12-05')).toBe('Dispute, with billing: cancelled');
  });

  it('counts an open dispute’s days by calendar day: opened yesterday is 1 day after 20 hours, not 0', () => {
    expect(disputeOpenDays('2026-12-04T14:00:00Z', '2026-12-05T10:00:00Z')).toBe(1);
    expect(disputeOpenDays('2026-12-04T00:10:00Z', '2026-12-04T23:50:00Z')).toBe(0);
    expect(disputeOpenDays('2026-11-23T16:30:00Z', '2026-12-05T09:00:00Z')).toBe(12);
  });
});
