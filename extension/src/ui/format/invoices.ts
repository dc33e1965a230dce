/** The open-invoice list: days overdue from the due date, overdue first (oldest first), then disputed, then not yet due. */
import type { OpenInvoice } from '@/background/operation-types';

const DAY_MS = 86_400_000;

/** Whole days from the due date (YYYY-MM-DD, a calendar day) to today's calendar day in UTC; 0 or less = not yet due. */
export function daysPastDue(dueAt: string, now: Date = new Date()): number {
  const due = Date.parse(`${dueAt}T00:00:00Z`);
  if (Number.isNaN(due)) return 0;
  const today = Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate());
  return Math.round((today - due) / DAY_MS);
}

function rank(i: OpenInvoice, now: Date): number {
  if (i.status === 'OVERDUE') return 0;
  if (i.status === 'DISPUTED') return 1;
  return daysPastDue(i.dueAt, now) > 0 ? 0 : 2;
}

/** Overdue first, the longest overdue at the top; then disputed; then the rest by due date. */
export function sortOpenInvoices(invoices: readonly OpenInvoice[], now: Date = new Date()): OpenInvoice[] {
  return [...invoices].sort((a, b) => rank(a, now) - rank(b, now) || a.dueAt.localeCompare(b.dueAt) || a.number.localeCompare(b.number));
}
