/**
 * What an account's raw ledger rows show, computed the plain way (no domain code), so the seed's tests can
 * check that each payment profile is visible in the data itself: days to pay by period, what is open and
 * overdue, which invoices were paid in full and when.
 */

export interface FactInvoice {
  number: string;
  currency: string;
  /** Cents; negative for a credit note. */
  amount: number;
  issuedDay: number;
  dueDay: number;
  payments: { amount: number; receivedDay: number }[];
}

export interface InvoiceFacts extends FactInvoice {
  paid: number;
  outstanding: number;
  /** Day of the payment that completed it; null while anything is open. */
  settledDay: number | null;
}

export function settle(inv: FactInvoice): InvoiceFacts {
  const sorted = [...inv.payments].sort((a, b) => a.receivedDay - b.receivedDay);
  let paid = 0;
  let settledDay: number | null = null;
  for (const p of sorted) {
    paid += p.amount;
    if (settledDay === null && inv.amount > 0 && paid >= inv.amount) settledDay = p.receivedDay;
  }
  return { ...inv, paid, outstanding: Math.max(0, inv.amount - paid), settledDay };
}

/** Amount-weighted mean of (payment day − `from`) over payments received in (start, end]; null when none. */
export function meanDays(invoices: readonly FactInvoice[], start: number, end: number, from: 'issue' | 'due' = 'issue'): number | null {
  let weight = 0;
  let sum = 0;
  for (const inv of invoices) {
    for (const p of inv.payments) {
      if (p.receivedDay <= start || p.receivedDay > end) continue;
      weight += p.amount;
      sum += p.amount * (p.receivedDay - (from === 'issue' ? inv.issuedDay : inv.dueDay));
    }
  }
  return weight ? sum / weight : null;
}

/** Invoiced minus paid, in one currency. */
export function openAmount(invoices: readonly FactInvoice[], currency: string): number {
  return invoices.filter((inv) => inv.currency === currency).reduce((s, inv) => s + inv.amount - inv.payments.reduce((t, p) => t + p.amount, 0), 0);
}

export function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

/**
 * Seed 003's pattern in the raw rows: a large invoice (above the median), past due and at most half paid,
 * while at least two invoices no more than half its size, issued on or after it, were paid in full after
 * it fell due. Returns the large invoices that show it, with the small ones paid instead.
 */
export function smallPaidLargeNot(invoices: readonly FactInvoice[], today: number): { large: string; smallPaid: string[] }[] {
  const settled = invoices.filter((inv) => inv.amount > 0 && inv.issuedDay > today - 365).map(settle);
  const mid = median(settled.map((inv) => inv.amount));
  return settled
    .filter((large) => large.amount > mid && large.dueDay < today && large.paid <= large.amount / 2)
    .map((large) => ({
      large: large.number,
      smallPaid: settled
        .filter((s) => s.amount * 2 <= large.amount && s.issuedDay >= large.issuedDay && s.settledDay !== null && s.settledDay > large.dueDay)
        .map((s) => s.number),
    }))
    .filter((x) => x.smallPaid.length >= 2);
}

/** Open invoices with their days past due, most overdue first. */
export function overdue(invoices: readonly FactInvoice[], today: number): { number: string; daysPastDue: number; outstanding: number }[] {
  return invoices
    .map(settle)
    .filter((inv) => inv.amount > 0 && inv.outstanding > 0 && inv.dueDay < today)
    .map((inv) => ({ number: inv.number, daysPastDue: today - inv.dueDay, outstanding: inv.outstanding }))
    .sort((a, b) => b.daysPastDue - a.daysPastDue);
}
