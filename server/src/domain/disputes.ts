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
import { type DateInput, dayInWords, toDay } from './calendar.js';
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

/** How a dispute's words open: "Disputed" / "Delivery problem" (the generic kind never repeats "dispute"). */
const DISPUTE_OPENING: Record<DisputeKind, string> = { DISPUTE: 'Disputed', DELIVERY_PROBLEM: 'Delivery problem' };

/** An open dispute's words without its date, for a reader who adds it: "Disputed, with sales". */
export function disputeActionText(d: { kind: DisputeKind; ownerTeam: string }): string {
  return `${DISPUTE_OPENING[d.kind]}, with ${d.ownerTeam}`;
}

/**
 * Whole calendar days from the day a dispute opened to `asOf`'s day (UTC days, as `dayInWords` writes the date): opened
 * yesterday is 1 day even when only 20 hours have passed, never the count of elapsed 24-hour periods.
 */
export function disputeOpenDays(openedAt: DateInput, asOf: DateInput): number {
  return Math.max(0, toDay(asOf) - toDay(openedAt));
}

/** "since 3 Dec 2026 (4 days)", "since 5 Dec 2026 (today)". */
export function disputeSinceInWords(openedAt: DateInput, asOf: DateInput): string {
  const days = disputeOpenDays(openedAt, asOf);
  return `since ${dayInWords(openedAt)} (${days === 0 ? 'today' : days === 1 ? '1 day' : `${days} days`})`;
}

/**
 * A dispute in words only, for everyone who reads the account (the panel, a briefing, `Dispute.summary`):
 * "Disputed, with sales since 3 Dec 2026 (4 days)", "Delivery problem, with logistics since 5 Dec 2026 (today)";
 * once closed, "Delivery problem, with logistics: resolved" / "Dispute, with billing: cancelled".
 */
export function describeDisputeInWords(d: { kind: DisputeKind; ownerTeam: string; status: string; openedAt: DateInput }, asOf: DateInput): string {
  if (d.status === 'OPEN') return `${disputeActionText(d)} ${disputeSinceInWords(d.openedAt, asOf)}`;
  const kind = d.kind === 'DELIVERY_PROBLEM' ? 'Delivery problem' : 'Dispute';
  return `${kind}, with ${d.ownerTeam}: ${d.status === 'RESOLVED' ? 'resolved' : 'cancelled'}`;
}

/** The idempotency key of the signal a dispute wrote when it opened: found again by it to close that signal. */
export const disputeSignalKey = (disputeId: string) => `dispute:${disputeId}`;

/** Invoice ids held by the open disputes. */
export function disputedInvoiceIds(disputes: readonly DisputeFact[]): Set<string> {
  return new Set(disputes.flatMap((d) => d.invoiceIds));
}
