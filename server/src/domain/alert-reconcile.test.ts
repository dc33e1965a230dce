import { ALERT_RULES } from '@earshot/shared';
import { describe, expect, it } from 'vitest';
import { ALERT_RULE_POLICY, type ExistingAlert, reconcileAlerts } from './alert-reconcile.js';
import type { AlertCondition } from './alert-rules.js';

const condition = (rule: AlertCondition['rule'], dedupKey: string): AlertCondition => ({ rule, dedupKey, severity: 2, title: rule, detail: '', evidence: {} });
const alert = (id: string, c: AlertCondition): ExistingAlert => ({ id, rule: c.rule, dedupKey: c.dedupKey });

const overLimit = condition('OVER_LIMIT', 'OVER_LIMIT:acc-1');
const bank1 = condition('BANK_CHANGE', 'BANK_CHANGE:s1');
const bank2 = condition('BANK_CHANGE', 'BANK_CHANGE:s2');

describe('ALERT_RULE_POLICY', () => {
  it('decides for every rule, with a reason', () => {
    for (const rule of ALERT_RULES) expect(ALERT_RULE_POLICY[rule].why.length).toBeGreaterThan(10);
    expect(ALERT_RULE_POLICY.OVER_LIMIT.autoResolve).toBe(true);
    expect(ALERT_RULE_POLICY.BANK_CHANGE.autoResolve).toBe(false);
    expect(ALERT_RULE_POLICY.CORPORATE_EVENT.autoResolve).toBe(false);
  });
});

describe('reconcileAlerts', () => {
  it('creates what is new, keeps what persists', () => {
    expect(reconcileAlerts([], [overLimit, bank1])).toEqual({ toCreate: [overLimit, bank1], toKeep: [], toAutoResolve: [] });
    expect(reconcileAlerts([alert('a1', overLimit)], [overLimit, bank1])).toEqual({
      toCreate: [bank1],
      toKeep: [{ id: 'a1', condition: overLimit }],
      toAutoResolve: [],
    });
  });

  it('auto-resolves a cleared OVER_LIMIT but leaves a BANK_CHANGE for a person', () => {
    expect(reconcileAlerts([alert('a1', overLimit), alert('a2', bank1)], [])).toEqual({ toCreate: [], toKeep: [], toAutoResolve: [alert('a1', overLimit)] });
  });

  it('raises a new alert for a new bank-change signal while the first is still open', () => {
    expect(reconcileAlerts([alert('a2', bank1)], [bank1, bank2]).toCreate).toEqual([bank2]);
  });

  it('is idempotent: applying the result and re-running changes nothing', () => {
    const first = reconcileAlerts([], [overLimit, bank1]);
    const stored = first.toCreate.map((c, i) => ({ id: `n${i}`, rule: c.rule, dedupKey: c.dedupKey }));
    expect(reconcileAlerts(stored, [overLimit, bank1])).toMatchObject({ toCreate: [], toAutoResolve: [] });
  });

  it('resolves a second open alert with the same key and ignores duplicate conditions', () => {
    const r = reconcileAlerts([alert('a1', bank1), alert('a9', bank1)], [bank1, bank1]);
    expect(r).toEqual({ toCreate: [], toKeep: [{ id: 'a1', condition: bank1 }], toAutoResolve: [alert('a9', bank1)] });
  });

  it('does not re-raise a key a person just resolved while the condition held', () => {
    expect(reconcileAlerts([], [overLimit, bank1], ['OVER_LIMIT:acc-1']).toCreate).toEqual([bank1]);
  });
});
