/**
 * What a validated batch changes: rows to create, rows whose values differ from the stored ones (an AR system
 * correcting an amount or a date), and rows already stored exactly as sent, which are left alone. Pure.
 * Re-sending a batch therefore writes nothing, and only accounts whose rows changed are recomputed.
 */
import type { ValidInvoice, ValidPayment } from '../domain/ledger-rows.js';
import type { BatchLookups } from './lookups.js';

export interface LedgerPlan {
  newInvoices: ValidInvoice[];
  changedInvoices: { id: string; row: ValidInvoice }[];
  unchangedInvoices: number;
  newPayments: ValidPayment[];
  changedPayments: { id: string; row: ValidPayment }[];
  unchangedPayments: number;
  /** Accounts with at least one created or changed row, sorted. */
  touchedAccountIds: string[];
}

export interface LedgerCounts {
  invoicesCreated: number;
  invoicesUpdated: number;
  invoicesUnchanged: number;
  paymentsCreated: number;
  paymentsUpdated: number;
  paymentsUnchanged: number;
  accountsTouched: number;
}

export function planLedgerWrite(valid: { invoices: readonly ValidInvoice[]; payments: readonly ValidPayment[] }, lookups: BatchLookups): LedgerPlan {
  const plan: LedgerPlan = {
    newInvoices: [],
    changedInvoices: [],
    unchangedInvoices: 0,
    newPayments: [],
    changedPayments: [],
    unchangedPayments: 0,
    touchedAccountIds: [],
  };
  const touched = new Set<string>();
  for (const row of valid.invoices) {
    const stored = lookups.invoices.get(row.externalId);
    if (!stored) plan.newInvoices.push(row);
    else if (stored.number !== row.number || stored.amount !== row.amount || stored.issuedAt !== row.issuedAt || stored.dueAt !== row.dueAt || stored.appliesTo !== row.appliesTo)
      plan.changedInvoices.push({ id: stored.id, row });
    else {
      plan.unchangedInvoices++;
      continue;
    }
    touched.add(row.accountId);
  }
  for (const row of valid.payments) {
    const stored = lookups.payments.get(row.externalId);
    if (!stored) plan.newPayments.push(row);
    else if (stored.amount !== row.amount || stored.receivedAt !== row.receivedAt) plan.changedPayments.push({ id: stored.id, row });
    else {
      plan.unchangedPayments++;
      continue;
    }
    touched.add(row.accountId);
  }
  plan.touchedAccountIds = [...touched].sort();
  return plan;
}

export function countsOf(plan: LedgerPlan): LedgerCounts {
  return {
    invoicesCreated: plan.newInvoices.length,
    invoicesUpdated: plan.changedInvoices.length,
    invoicesUnchanged: plan.unchangedInvoices,
    paymentsCreated: plan.newPayments.length,
    paymentsUpdated: plan.changedPayments.length,
    paymentsUnchanged: plan.unchangedPayments,
    accountsTouched: plan.touchedAccountIds.length,
  };
}

export function isEmptyPlan(plan: LedgerPlan): boolean {
  return !plan.newInvoices.length && !plan.changedInvoices.length && !plan.newPayments.length && !plan.changedPayments.length;
}
