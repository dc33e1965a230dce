/**
 * Applying payments to their invoices as of a date: the one place that decides how much of each invoice is
 * paid, when, and what is left. Every metric reads these settled invoices, so partial payments, overpayments
 * and credit notes are handled once.
 */
import { toDay } from './calendar.js';
import type { LedgerInvoice, LedgerPayment } from './behaviour-types.js';
import type { MinorUnits } from './money.js';

/** The part of one payment that settled (part of) one invoice. */
export interface Application {
  invoiceId: string;
  /** Applied amount: never more than what was still open on the invoice. */
  amount: MinorUnits;
  /** Cash received, overpayment included (≥ amount). */
  cash: MinorUnits;
  receivedDay: number;
  /** Issue to payment; 0 when paid on the issue day (a prepayment dated earlier also counts as 0). */
  daysToPay: number;
  /** Payment day − due day; negative when paid early. */
  lateness: number;
}

export interface SettledInvoice {
  id: string;
  number: string | null;
  currency: string;
  amount: MinorUnits;
  issuedDay: number;
  dueDay: number;
  isCreditNote: boolean;
  paid: MinorUnits;
  outstanding: MinorUnits;
  overpaid: MinorUnits;
  /** Day the invoice became fully paid, null while anything is open. */
  settledDay: number | null;
}

export interface Settlement {
  invoices: SettledInvoice[];
  applications: Application[];
  lastPaymentDay: number | null;
  ignoredPayments: number;
}

/**
 * Rows dated after asOf are left out, so recomputing for a past date gives the figures of that date.
 * Payments for an invoice that is not in the input, or for a credit note, are counted as ignored.
 */
export function settleInvoices(
  invoices: readonly LedgerInvoice[],
  payments: readonly LedgerPayment[],
  termsDays: number,
  asOfDay: number,
): Settlement {
  const byId = new Map<string, SettledInvoice>();
  for (const inv of invoices) {
    const issuedDay = toDay(inv.issuedAt);
    if (issuedDay > asOfDay) continue;
    byId.set(inv.id, {
      id: inv.id,
      number: inv.number ?? null,
      currency: inv.currency,
      amount: inv.amount,
      issuedDay,
      dueDay: inv.dueAt == null ? issuedDay + termsDays : toDay(inv.dueAt),
      isCreditNote: inv.amount < 0,
      paid: 0,
      outstanding: Math.max(0, inv.amount),
      overpaid: 0,
      settledDay: null,
    });
  }

  const dated = payments
    .map((p) => ({ p, day: toDay(p.receivedAt) }))
    .filter(({ day }) => day <= asOfDay)
    // Oldest first (then by id) so a later payment is the one that overpays, whatever the input order.
    .sort((a, b) => a.day - b.day || (a.p.id < b.p.id ? -1 : a.p.id > b.p.id ? 1 : 0));

  const applications: Application[] = [];
  let lastPaymentDay: number | null = null;
  let ignoredPayments = 0;
  for (const { p, day } of dated) {
    const inv = byId.get(p.invoiceId);
    if (!inv || inv.isCreditNote || p.amount <= 0) {
      ignoredPayments++;
      continue;
    }
    lastPaymentDay = lastPaymentDay === null ? day : Math.max(lastPaymentDay, day);
    const applied = Math.min(p.amount, inv.outstanding);
    inv.outstanding -= applied;
    inv.paid += applied;
    inv.overpaid += p.amount - applied;
    if (inv.outstanding === 0 && inv.settledDay === null) inv.settledDay = day;
    applications.push({
      invoiceId: inv.id,
      amount: applied,
      cash: p.amount,
      receivedDay: day,
      daysToPay: Math.max(0, day - inv.issuedDay),
      lateness: day - inv.dueDay,
    });
  }
  return { invoices: [...byId.values()], applications, lastPaymentDay, ignoredPayments };
}
