/**
 * Disputes and delivery problems that hold up payment (seed 001), as the credit figures see them. Only OPEN
 * disputes are given to the domain: a resolved or cancelled one is ordinary ledger again.
 *
 * - A dispute naming invoices: those invoices stay in exposure (still owed) but are shown apart as `disputed`,
 *   and leave overdue, the aging buckets, DBT's open part, the overdue / severely overdue / small-invoices-only
 *   factors and the OVERDUE alert, because the customer is not simply paying late.
 * - A dispute given as an amount (no invoices): shown as disputed (and still in exposure) but it changes nothing
 *   else — not overdue, not the aging, not the overdue / severely overdue factors, not the OVERDUE alert — because
 *   we do not know which invoices it is about. Its factor sentence says so: "EUR 3000.00 disputed (invoices not
 *   named), owner: sales". The service refuses an amount larger than the account's open balance in that currency
 *   not already disputed (services/disputes.ts).
 * - So overdue is always the sum of the past-due aging buckets, and aging + the invoices in disputes = the open
 *   invoices. The "Overdue invoices" share is past-due undisputed ÷ open undisputed.
 * - Amounts in a currency other than the account's are reported on the dispute, never summed into the figures.
 */
import type { DisputeKind } from '@earshot/shared';
import type { DateInput } from './calendar.js';
import { describeMoney, type MinorUnits } from './money.js';

export interface DisputeFact {
  id: string;
  kind: DisputeKind;
  /** The internal team that owns it: logistics, sales, customer service… */
  ownerTeam: string;
  currency: string;
  /** Invoices named by the dispute; empty when it is given as an amount. */
  invoiceIds: readonly string[];
  /** Given when no invoice is named. */
  amount: MinorUnits | null;
  openedAt: DateInput;
}

/** One open dispute as the behaviour reports it. */
export interface DisputedItem {
  id: string;
  kind: DisputeKind;
  ownerTeam: string;
  currency: string;
  /** The named invoices' open amounts, or the amount given. */
  amount: MinorUnits;
  invoiceCount: number;
}

export const DISPUTE_KIND_WORDS: Record<DisputeKind, string> = { DISPUTE: 'dispute', DELIVERY_PROBLEM: 'delivery problem' };

/**
 * "EUR 8400.00 disputed, owner: logistics" (a delivery problem says so); a dispute given as an amount adds
 * "(invoices not named)". For those who see figures.
 */
export function describeDisputed(d: DisputedItem): string {
  const what = d.kind === 'DELIVERY_PROBLEM' ? 'held up by a delivery problem' : 'disputed';
  const unnamed = d.invoiceCount === 0 ? ' (invoices not named)' : '';
  return `${describeMoney(d.amount, d.currency)} ${what}${unnamed}, owner: ${d.ownerTeam}`;
}

/** The same in words only, for everyone who reads the account: "Delivery problem, owner: logistics, open 12 days". */
export function describeDisputeInWords(d: { kind: DisputeKind; ownerTeam: string; status: string }, openDays: number): string {
  const kind = d.kind === 'DELIVERY_PROBLEM' ? 'Delivery problem' : 'Dispute';
  const age = openDays <= 0 ? 'opened today' : openDays === 1 ? 'open 1 day' : `open ${openDays} days`;
  const state = d.status === 'OPEN' ? age : d.status === 'RESOLVED' ? 'resolved' : 'cancelled';
  return `${kind}, owner: ${d.ownerTeam}, ${state}`;
}

/** The idempotency key of the signal a dispute wrote when it opened: found again by it to close that signal. */
export const disputeSignalKey = (disputeId: string) => `dispute:${disputeId}`;

/** Invoice ids held by the open disputes. */
export function disputedInvoiceIds(disputes: readonly DisputeFact[]): Set<string> {
  return new Set(disputes.flatMap((d) => d.invoiceIds));
}
