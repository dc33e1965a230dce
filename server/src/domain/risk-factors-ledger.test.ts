import { describe, expect, it } from 'vitest';
import { computePaymentBehaviour } from './payment-behaviour.js';
import { assessCredit } from './risk-score.js';
import { VERDICT_LEDGERS } from './verdict-ledgers.js';

const factorsOf = (l: (typeof VERDICT_LEDGERS)[number]) =>
  assessCredit({ behaviour: computePaymentBehaviour(l.input, l.asOf), signals: [], watchMatches: [], onHold: false, asOf: l.asOf }).factors;

// SALES and VIEWER read salesDetail (issue 10, item 8): the reason in words, without the ledger's figures.
describe('ledger factors in words for sales', () => {
  it.each(VERDICT_LEDGERS.map((l) => [l.key, l] as const))('%s: every factor has a sentence without a digit', (_key, ledger) => {
    for (const f of factorsOf(ledger)) {
      expect(f.salesDetail, f.code).toMatch(/^[A-Z][a-z ]/);
      expect(f.salesDetail, `${f.code}: ${f.salesDetail}`).not.toMatch(/\d|%|EUR|USD/);
    }
  });

  it('covers every ledger factor the verdict ledgers raise', () => {
    const codes = new Set(VERDICT_LEDGERS.flatMap((l) => factorsOf(l).map((f) => f.code)));
    for (const code of ['DAYS_BEYOND_TERMS', 'PAYMENT_SLIPPING', 'PAYMENT_IMPROVING', 'OVERDUE', 'SMALL_INVOICES_ONLY', 'LIMIT_NEARLY_USED', 'OVER_LIMIT', 'DISPUTED'])
      expect(codes).toContain(code);
  });
});

describe('counts in sentences (issue 11: never "one(s)")', () => {
  it('puts the noun in the right number', async () => {
    const { countOf, largeUnpaid } = await import('./risk-factors-ledger.js');
    expect(countOf(1, 'smaller invoice')).toBe('1 smaller invoice');
    expect(countOf(6, 'smaller invoice')).toBe('6 smaller invoices');
    expect(largeUnpaid(1)).toBe('1 large one stays unpaid');
    expect(largeUnpaid(3)).toBe('3 large ones stay unpaid');
  });
});
