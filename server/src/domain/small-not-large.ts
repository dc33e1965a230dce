/**
 * "Paying the small invoices but not the large ones" (seed 003). A customer short of cash keeps paying what
 * is easy to pay and lets the big invoices sit. Detected over the last 12 months of invoices:
 *
 * - large unpaid: above the median invoice amount, past due, with at least half still open;
 * - small paid: at most half the large one's amount (and not above the median), issued on or after the
 *   large one (a later invoice — paying older small invoices first is ordinary first-in-first-out), and
 *   paid in full after the large one fell due (they had cash and chose where it went).
 * The pattern holds when at least two large invoices stay unpaid that way AND at least two distinct small
 * invoices were paid: one large open invoice beside ordinary payments is an overdue invoice (the OVERDUE factor),
 * not a choice of where the cash goes. The evidence is the invoice ids on both sides, so the alert can show
 * exactly which invoices.
 */
import type { SmallNotLargePattern } from './behaviour-types.js';
import type { SettledInvoice } from './invoice-settlement.js';
import type { MinorUnits } from './money.js';
import { LEDGER_PATTERNS as P } from './risk-weights.js';

export function medianAmount(amounts: readonly MinorUnits[]): MinorUnits | null {
  if (amounts.length === 0) return null;
  const sorted = [...amounts].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[mid]! : Math.round((sorted[mid - 1]! + sorted[mid]!) / 2);
}

const byIssue = (a: SettledInvoice, b: SettledInvoice) => a.issuedDay - b.issuedDay || (a.id < b.id ? -1 : 1);

/** `disputedIds`: invoices in an open dispute are held up for a reason, so they never count as "large unpaid". */
export function detectSmallNotLarge(invoices: readonly SettledInvoice[], asOfDay: number, disputedIds: ReadonlySet<string> = new Set()): SmallNotLargePattern {
  const recent = invoices.filter((inv) => !inv.isCreditNote && inv.issuedDay > asOfDay - P.analysisDays).sort(byIssue);
  const none = { detected: false, largeUnpaidInvoiceIds: [], smallPaidInvoiceIds: [] };
  if (recent.length < P.smallNotLargeMinInvoices) return { ...none, medianAmount: null };
  const median = medianAmount(recent.map((inv) => inv.amount))!;

  const largeUnpaid = recent.filter(
    (inv) => !disputedIds.has(inv.id) && inv.amount > median && inv.dueDay < asOfDay && inv.outstanding >= inv.amount * P.smallNotLargeMinOpenShare,
  );
  const largeIds: string[] = [];
  const smallIds = new Set<string>();
  for (const large of largeUnpaid) {
    const preferred = recent.filter(
      (small) =>
        small.amount <= median &&
        small.amount <= large.amount * P.smallNotLargeMaxSizeRatio &&
        small.issuedDay >= large.issuedDay &&
        small.settledDay !== null &&
        small.settledDay > large.dueDay,
    );
    if (preferred.length === 0) continue;
    largeIds.push(large.id);
    for (const small of preferred) smallIds.add(small.id);
  }
  if (largeIds.length < P.smallNotLargeMinLargeUnpaid || smallIds.size < P.smallNotLargeMinSmallPaid) return { ...none, medianAmount: median };
  const smallPaidInvoiceIds = recent.filter((inv) => smallIds.has(inv.id)).map((inv) => inv.id);
  return { detected: true, medianAmount: median, largeUnpaidInvoiceIds: largeIds, smallPaidInvoiceIds };
}
