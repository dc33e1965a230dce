import { describe, expect, it } from 'vitest';
import * as domain from './index.js';

describe('the domain public surface', () => {
  it('exports the entry points the server uses', () => {
    const functions = Object.entries(domain)
      .filter(([, value]) => typeof value === 'function')
      .map(([name]) => name);
    expect(functions).toEqual(
      expect.arrayContaining([
        'parseMoney',
        'formatMoney',
        'validateLedgerBatch',
        'computePaymentBehaviour',
        'assessCredit',
        'riskLevelForScore',
        'evaluateAlertRules',
        'reconcileAlerts',
        'reviewIntervalDays',
        'nextReviewDue',
        'planMonthlyReviews',
      ]),
    );
    expect(domain.RISK_WEIGHTS.RISK_LEVEL_THRESHOLDS.CRITICAL).toBe(75);
  });

  it('runs end to end on one account: ledger rows → behaviour → status → alerts', () => {
    const asOf = '2026-06-30';
    const checked = domain.validateLedgerBatch(
      {
        invoices: [
          { externalId: 'INV-1', account: { id: 'acc-1' }, number: '1', currency: 'EUR', amount: '6000.00', issuedAt: '2026-03-01', dueAt: '2026-03-31' },
          { externalId: 'INV-2', account: { id: 'acc-1' }, number: '2', currency: 'EUR', amount: '500.00', issuedAt: '2026-04-01', dueAt: '2026-05-01' },
        ],
        payments: [{ externalId: 'P-1', invoiceExternalId: 'INV-2', amount: '500.00', receivedAt: '2026-05-01' }],
      },
      { resolveAccount: (ref) => ref.id ?? null, existingInvoice: () => undefined },
    );
    if (!checked.ok) throw new Error(JSON.stringify(checked.errors));
    const behaviour = domain.computePaymentBehaviour(
      {
        currency: 'EUR',
        termsDays: 30,
        creditLimit: domain.parseMoney('5000.00'),
        anticipatedMonthlyPurchases: null,
        invoices: checked.invoices.map((i) => ({ id: i.externalId, number: i.number, currency: i.currency, amount: i.amount, issuedAt: i.issuedAt, dueAt: i.dueAt })),
        payments: checked.payments.map((p) => ({ id: p.externalId, invoiceId: p.invoiceExternalId, amount: p.amount, receivedAt: p.receivedAt })),
      },
      asOf,
    );
    expect(behaviour).toMatchObject({ exposure: 600000, overLimit: true, oldestOverdueDays: 91 });
    const status = domain.assessCredit({ behaviour, signals: [], watchMatches: [], onHold: false, asOf });
    expect(status.factors.reduce((s, f) => s + f.weight, 0)).toBe(status.riskScore);
    expect(status.riskLevel).toBe(domain.riskLevelForScore(status.riskScore));
    const alerts = domain.evaluateAlertRules({
      account: { id: 'acc-1' },
      behaviour,
      signals: [],
      watchMatches: [],
      // Created over a year ago, so the review is due whatever the level (the level moves with the model, issue 10).
      review: { lastReviewedAt: null, nextDueAt: domain.nextReviewDue(null, status.riskLevel, '2025-06-01') },
      asOf,
    });
    expect(alerts.map((a) => a.rule).sort()).toEqual(['OVERDUE', 'OVER_LIMIT', 'REVIEW_OVERDUE']);
  });
});
