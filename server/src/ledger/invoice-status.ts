/**
 * An invoice's status as the read API shows it, from what is still owed on it: the outstanding stored by the
 * account's last credit-status recompute (account-level settlement: surplus cash and credit notes settle the
 * oldest open invoices, ledger/invoice-balances.ts), or, before the first one, its own payments (all of them,
 * whatever their date):
 * - PAID: a positive invoice nothing is owed on;
 * - OPEN: a positive invoice with something outstanding (overdue ones included);
 * - OVERDUE: open, not disputed, and its due date is before today (UTC calendar day);
 * - DISPUTED: open and held by an open dispute (seed 001): owed, but not late payment;
 * - CREDIT_NOTE: a negative amount — nothing is owed on it, so it is never open, overdue or paid.
 * The amounts come from the domain's settlement (partial payments, overpayments handled there).
 */
import type { Prisma } from '../db/client.js';
import { toDay } from '../domain/calendar.js';
import { settleInvoices } from '../domain/invoice-settlement.js';
import { type MinorUnits, parseMoney } from '../domain/money.js';
import { Prisma as P } from '../generated/prisma/client.js';
import { isoDay } from './lookups.js';

export const INVOICE_STATUSES = ['OPEN', 'OVERDUE', 'DISPUTED', 'PAID', 'CREDIT_NOTE'] as const;
export type InvoiceStatus = (typeof INVOICE_STATUSES)[number];

type Money = { toFixed(digits: number): string };

export interface InvoiceWithPayments {
  id: string;
  amount: Money;
  issuedAt: Date;
  dueAt: Date;
  payments: { id: string; amount: Money; receivedAt: Date }[];
  /** The stored account-level outstanding (select it); null or absent: settled against its own payments. */
  outstanding?: Money | null;
  /** Its links to OPEN disputes (select them filtered on the dispute's status); absent: not disputed. */
  disputes?: { disputeId: string }[];
}

export function settle(invoice: InvoiceWithPayments, today = new Date()): { outstanding: MinorUnits; status: InvoiceStatus } {
  const amount = parseMoney(invoice.amount.toFixed(2));
  const outstanding = amount < 0 ? 0 : invoice.outstanding != null ? parseMoney(invoice.outstanding.toFixed(2)) : ownPaymentsOutstanding(invoice, amount);
  if (amount < 0) return { outstanding, status: 'CREDIT_NOTE' };
  if (outstanding === 0) return { outstanding, status: 'PAID' };
  if (invoice.disputes?.length) return { outstanding, status: 'DISPUTED' };
  return { outstanding, status: toDay(invoice.dueAt) < toDay(today) ? 'OVERDUE' : 'OPEN' };
}

/** Before the account's first recompute: the invoice settled against its own payments only. */
function ownPaymentsOutstanding(invoice: InvoiceWithPayments, amount: MinorUnits): MinorUnits {
  const [settled] = settleInvoices(
    [{ id: invoice.id, currency: 'XXX', amount, issuedAt: isoDay(invoice.issuedAt), dueAt: isoDay(invoice.dueAt) }],
    invoice.payments.map((p) => ({ id: p.id, invoiceId: invoice.id, amount: parseMoney(p.amount.toFixed(2)), receivedAt: isoDay(p.receivedAt) })),
    0,
    Number.MAX_SAFE_INTEGER,
  ).invoices;
  return settled?.outstanding ?? 0;
}

/** Ids of one account's invoices with a status (one query; the stored outstanding, else the database sums the payments). */
export async function invoiceIdsWithStatus(prisma: Prisma, accountId: string, status: InvoiceStatus, today = new Date()): Promise<string[]> {
  const paid = P.sql`COALESCE((SELECT SUM(p."amount") FROM "Payment" p WHERE p."invoiceId" = i."id"), 0)`;
  // Same rule as settle(): the stored value when there is one.
  const owed = P.sql`COALESCE(i."outstanding", i."amount" - ${paid})`;
  const disputed = P.sql`EXISTS (SELECT 1 FROM "DisputeInvoice" di JOIN "Dispute" d ON d."id" = di."disputeId" WHERE di."invoiceId" = i."id" AND d."status" = 'OPEN')`;
  const condition = {
    OPEN: P.sql`i."amount" > 0 AND ${owed} > 0`,
    OVERDUE: P.sql`i."amount" > 0 AND ${owed} > 0 AND i."dueAt" < ${isoDay(today)}::date AND NOT ${disputed}`,
    DISPUTED: P.sql`i."amount" > 0 AND ${owed} > 0 AND ${disputed}`,
    PAID: P.sql`i."amount" > 0 AND ${owed} <= 0`,
    CREDIT_NOTE: P.sql`i."amount" < 0`,
  }[status];
  const rows = await prisma.$queryRaw<{ id: string }[]>`SELECT i."id" FROM "Invoice" i WHERE i."accountId" = ${accountId} AND ${condition}`;
  return rows.map((r) => r.id);
}
