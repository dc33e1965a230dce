/** Open invoices by days past due, and the overdue list, from settled invoices. */
import type { AgingBuckets, CurrencyBalance, OverdueInvoice } from './behaviour-types.js';
import { dayToIso } from './calendar.js';
import type { SettledInvoice } from './invoice-settlement.js';

export const emptyAging = (): AgingBuckets => ({ current: 0, d1_30: 0, d31_60: 0, d61_90: 0, d90plus: 0 });

/** Bucket of an invoice `daysPastDue` days past its due date; due today or later is current. */
export function agingBucket(daysPastDue: number): keyof AgingBuckets {
  if (daysPastDue <= 0) return 'current';
  if (daysPastDue <= 30) return 'd1_30';
  if (daysPastDue <= 60) return 'd31_60';
  if (daysPastDue <= 90) return 'd61_90';
  return 'd90plus';
}

/** Open invoices (never credit notes: they are not due) by bucket. */
export function ageInvoices(invoices: readonly SettledInvoice[], asOfDay: number): AgingBuckets {
  const aging = emptyAging();
  for (const inv of invoices) {
    if (inv.isCreditNote || inv.outstanding === 0) continue;
    aging[agingBucket(asOfDay - inv.dueDay)] += inv.outstanding;
  }
  return aging;
}

export function overdueInvoices(invoices: readonly SettledInvoice[], asOfDay: number): OverdueInvoice[] {
  return invoices
    .filter((inv) => !inv.isCreditNote && inv.outstanding > 0 && inv.dueDay < asOfDay)
    .map((inv) => ({
      id: inv.id,
      number: inv.number,
      currency: inv.currency,
      amount: inv.amount,
      outstanding: inv.outstanding,
      dueAt: dayToIso(inv.dueDay),
      daysPastDue: asOfDay - inv.dueDay,
    }))
    .sort((a, b) => b.daysPastDue - a.daysPastDue || b.outstanding - a.outstanding || (a.id < b.id ? -1 : 1));
}

/**
 * Balances of one currency's settled invoices (invoice-settlement.ts: credit notes and unassigned cash are
 * already applied to invoices, so aging and overdue are what is really open). The credit balance is the credit
 * nothing took; exposure nets it against the open invoices (what the customer owes on balance). Invoices in an
 * open dispute (`disputedIds`) stay in exposure but are counted in `disputedAmount` instead of overdue and aging
 * (disputes.ts).
 */
export function currencyBalance(
  currency: string,
  invoices: readonly SettledInvoice[],
  asOfDay: number,
  disputedIds: ReadonlySet<string> = new Set(),
  rateToAccountCurrency: number | null = null,
): CurrencyBalance {
  let openInvoiceAmount = 0;
  let creditBalance = 0;
  let overdueAmount = 0;
  let disputedAmount = 0;
  let oldestOverdueDays: number | null = null;
  for (const inv of invoices) {
    creditBalance += inv.unapplied;
    if (!inv.isCreditNote) {
      openInvoiceAmount += inv.outstanding;
      if (disputedIds.has(inv.id)) disputedAmount += inv.outstanding;
      else if (inv.dueDay < asOfDay && inv.outstanding > 0) {
        overdueAmount += inv.outstanding;
        oldestOverdueDays = Math.max(oldestOverdueDays ?? 0, asOfDay - inv.dueDay);
      }
    }
  }
  return {
    currency,
    invoiceCount: invoices.length,
    openInvoiceAmount,
    creditBalance,
    exposure: Math.max(0, openInvoiceAmount - creditBalance),
    overdueAmount,
    disputedAmount,
    aging: ageInvoices(
      invoices.filter((inv) => !disputedIds.has(inv.id)),
      asOfDay,
    ),
    oldestOverdueDays,
    rateToAccountCurrency,
  };
}
