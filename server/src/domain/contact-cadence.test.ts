import { describe, expect, it } from 'vitest';
import { ALERT_RULE_POLICY, reconcileAlerts } from './alert-reconcile.js';
import { type AlertRuleInput, evaluateAlertRules, salesSafeAlertDetail } from './alert-rules.js';
import { dayToIso, toDay } from './calendar.js';
import { daysPastCadence } from './contact-cadence.js';

const asOf = '2026-06-30';
const daysAgo = (n: number) => dayToIso(toDay(asOf) - n);
const key = { keyAccount: true, contactFrequencyDays: 30, lastContactAt: daysAgo(47), createdAt: daysAgo(400) };
const evaluate = (contact: AlertRuleInput['contact']) =>
  evaluateAlertRules({ account: { id: 'acc-1' }, behaviour: null, signals: [], watchMatches: [], review: { lastReviewedAt: null, nextDueAt: null }, contact, asOf });

describe('CONTACT_CADENCE', () => {
  it('alerts the account manager when a key account is quiet longer than its cadence, in words only', () => {
    const [c] = evaluate(key);
    expect(c).toMatchObject({
      rule: 'CONTACT_CADENCE',
      dedupKey: 'CONTACT_CADENCE:acc-1',
      severity: 1,
      owner: 'ACCOUNT_MANAGER',
      detail: 'No contact for 47 days; the cadence is every 30 days',
    });
    expect(salesSafeAlertDetail({ rule: 'CONTACT_CADENCE', title: c!.title, detail: c!.detail })).toBe(c!.detail);
  });

  it('is quiet for an account that is not key, has no cadence, or was contacted within it', () => {
    expect(evaluate({ ...key, keyAccount: false })).toEqual([]);
    expect(evaluate({ ...key, contactFrequencyDays: null })).toEqual([]);
    expect(evaluate({ ...key, lastContactAt: daysAgo(30) })).toEqual([]);
    expect(evaluate(undefined)).toEqual([]);
  });

  it('counts from the account’s creation when nobody was ever in touch', () => {
    expect(daysPastCadence({ ...key, lastContactAt: null, createdAt: daysAgo(31) }, asOf)).toEqual({ quietDays: 31, cadenceDays: 30 });
    expect(daysPastCadence({ ...key, lastContactAt: null, createdAt: daysAgo(10) }, asOf)).toBeNull();
  });

  it('auto-resolves once contact is recorded', () => {
    expect(ALERT_RULE_POLICY.CONTACT_CADENCE.autoResolve).toBe(true);
    const open = [{ id: 'al-1', rule: 'CONTACT_CADENCE' as const, dedupKey: 'CONTACT_CADENCE:acc-1' }];
    expect(reconcileAlerts(open, evaluate(key)).toKeep).toHaveLength(1);
    expect(reconcileAlerts(open, evaluate({ ...key, lastContactAt: daysAgo(0) })).toAutoResolve).toEqual(open);
  });
});
