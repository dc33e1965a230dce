import { describe, expect, it } from 'vitest';
import { SIGNAL_TYPES } from '@earshot/shared';
import { dayToIso, toDay } from './calendar.js';
import type { SignalFact } from './credit-inputs.js';
import { computePaymentBehaviour } from './payment-behaviour.js';
import { assessCredit } from './risk-score.js';
import { VERDICT_LEDGERS } from './verdict-ledgers.js';
import { compareVerdict, renderVerdictTable, verdictRow } from './verdict-table.js';

// Issue 10's yardstick: each ledger's verdict as a credit manager gives it, computed by hand. A failure lists
// every way the model's verdict differs (level, trend, main factor, sentences, figures, alerts).
describe('verdict ledgers: the model agrees with a credit manager', () => {
  it.each(VERDICT_LEDGERS.map((l) => [l.key, l] as const))('%s', (_key, ledger) => {
    expect(compareVerdict(verdictRow(ledger), ledger.expected)).toEqual([]);
  });

  it('has at least 22 ledgers with distinct keys', () => {
    expect(VERDICT_LEDGERS.length).toBeGreaterThanOrEqual(22);
    expect(new Set(VERDICT_LEDGERS.map((l) => l.key)).size).toBe(VERDICT_LEDGERS.length);
  });
});

// DSO − best possible DSO is the average days delinquent (CRF): never negative, on any ledger (probe P-STEADY read
// DSO 5 beside a best possible 30 when the latter was computed on 90 days of sales).
describe('best possible DSO never exceeds DSO', () => {
  it.each(VERDICT_LEDGERS.map((l) => [l.key, l] as const))('%s', (_key, ledger) => {
    const { dso, bestPossibleDso } = computePaymentBehaviour(ledger.input, ledger.asOf);
    expect(bestPossibleDso === null).toBe(dso === null);
    if (dso !== null) expect(bestPossibleDso!).toBeLessThanOrEqual(dso);
  });
});

describe('verdict table', () => {
  it('renders every ledger (a model change is a diff of this file)', async () => {
    await expect(renderVerdictTable(VERDICT_LEDGERS.map(verdictRow))).toMatchFileSnapshot('./__verdicts__/ledgers.md');
  });
});

// The SALES view reads reasons without amounts, days, counts or scores: not one digit in a factor's label or sales
// sentence, on any ledger, with every signal type reported once or several times, at every age that still counts.
describe('SALES reads every reason without a figure', () => {
  it.each(VERDICT_LEDGERS.map((l) => [l.key, l] as const))('%s', (_key, ledger) => {
    const behaviour = computePaymentBehaviour(ledger.input, ledger.asOf);
    const day = toDay(ledger.asOf);
    const signals: SignalFact[] = SIGNAL_TYPES.flatMap((type, i) =>
      [0, 1, 6, 51, 200, 364].slice(0, 1 + (i % 3)).map((age, n) => ({
        id: `${type}-${n}`,
        type,
        severity: ((i % 3) + 1) as SignalFact['severity'],
        source: 'SALES' as const,
        authorRole: n === 0 ? ('ACCOUNT_MANAGER' as const) : null,
        observedAt: dayToIso(day - age - i),
        status: 'OPEN' as const,
      })),
    );
    for (const onHold of [false, true]) {
      const { factors } = assessCredit({ behaviour, signals, watchMatches: [], onHold, asOf: ledger.asOf });
      expect(factors.length).toBeGreaterThan(0);
      for (const f of factors) expect(`${f.label} — ${f.salesDetail}`).not.toMatch(/\d/);
    }
  });
});
