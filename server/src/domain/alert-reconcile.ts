/**
 * Turning evaluated conditions into alert changes. Which rules resolve themselves when their condition
 * clears is a product decision, recorded here with the reason.
 */
import type { AlertRule } from '@earshot/shared';
import type { AlertCondition } from './alert-rules.js';

export const ALERT_RULE_POLICY: Readonly<Record<AlertRule, { autoResolve: boolean; why: string }>> = {
  PAYMENT_SLIPPING: { autoResolve: true, why: 'Back to their usual timing: the warning has passed.' },
  SMALL_INVOICES_ONLY: { autoResolve: true, why: 'The large invoices got paid.' },
  OVER_LIMIT: { autoResolve: true, why: 'Exposure is back within the limit (or the limit was raised).' },
  OVERDUE: { autoResolve: true, why: 'Nothing is past the overdue threshold any more.' },
  BANK_CHANGE: { autoResolve: false, why: 'Someone must confirm the new bank details with a known contact; time passing proves nothing.' },
  NEGATIVE_SIGNALS: { autoResolve: true, why: 'The burst is over; the signals themselves stay on the account.' },
  WATCHLIST: { autoResolve: true, why: 'The entry left the watch list or the account changed industry or country.' },
  CORPORATE_EVENT: { autoResolve: false, why: 'Seed 003: an acquisition or leadership change warrants a call, whoever closes the alert.' },
  REVIEW_OVERDUE: { autoResolve: true, why: 'The review was done, so the due date moved.' },
  CONTACT_CADENCE: { autoResolve: true, why: 'Someone was in touch with the customer, so the cadence is kept again.' },
};

export interface ExistingAlert {
  id: string;
  rule: AlertRule;
  dedupKey: string;
}

export interface AlertReconciliation {
  toCreate: AlertCondition[];
  /** Still true: keep the alert, refresh its severity, detail and evidence from the condition. */
  toKeep: { id: string; condition: AlertCondition }[];
  /** Condition cleared (auto-resolving rules only), or a second open alert with the same key. */
  toAutoResolve: ExistingAlert[];
}

/**
 * `existingOpen`: the account's OPEN and ACKNOWLEDGED alerts. An alert of a rule that does not auto-resolve
 * is left alone when its condition clears. `suppressedKeys`: dedup keys a person resolved recently while the
 * condition still held; they are not raised again (the server decides how recent counts).
 */
export function reconcileAlerts(
  existingOpen: readonly ExistingAlert[],
  conditions: readonly AlertCondition[],
  suppressedKeys: Iterable<string> = [],
): AlertReconciliation {
  const byKey = new Map<string, AlertCondition>();
  for (const c of conditions) if (!byKey.has(c.dedupKey)) byKey.set(c.dedupKey, c);

  const result: AlertReconciliation = { toCreate: [], toKeep: [], toAutoResolve: [] };
  const open = new Set<string>();
  for (const alert of existingOpen) {
    const condition = byKey.get(alert.dedupKey);
    if (open.has(alert.dedupKey)) result.toAutoResolve.push(alert);
    else if (condition) result.toKeep.push({ id: alert.id, condition });
    else if (ALERT_RULE_POLICY[alert.rule].autoResolve) result.toAutoResolve.push(alert);
    open.add(alert.dedupKey);
  }
  const suppressed = new Set(suppressedKeys);
  for (const [key, condition] of byKey) if (!open.has(key) && !suppressed.has(key)) result.toCreate.push(condition);
  return result;
}
