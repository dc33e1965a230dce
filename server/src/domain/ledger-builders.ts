/**
 * Builders for hand-made ledgers in tests (and the demo seed): amounts as decimal strings, dates as ISO
 * strings, so a test reads like the AR export it stands for.
 */
import type { LedgerInvoice, LedgerPayment, PaymentBehaviourInput } from './behaviour-types.js';
import { dayToIso, toDay } from './calendar.js';
import { parseMoney } from './money.js';

export function invoice(id: string, amount: string, issuedAt: string, dueAt: string | null = null, currency = 'EUR'): LedgerInvoice {
  return { id, number: id, currency, amount: parseMoney(amount), issuedAt, dueAt };
}

export function payment(id: string, invoiceId: string, amount: string, receivedAt: string): LedgerPayment {
  return { id, invoiceId, amount: parseMoney(amount), receivedAt };
}

/** `days` after an ISO date, as an ISO date. */
export function plusDays(date: string, days: number): string {
  return dayToIso(toDay(date) + days);
}

/** An invoice with 30-day terms paid in full `lateBy` days after its due date (negative = early). */
export function paidLate(id: string, amount: string, issuedAt: string, lateBy: number): { invoice: LedgerInvoice; payment: LedgerPayment } {
  const dueAt = plusDays(issuedAt, 30);
  return { invoice: invoice(id, amount, issuedAt, dueAt), payment: payment(`${id}-p`, id, amount, plusDays(dueAt, lateBy)) };
}

export function ledger(over: Partial<PaymentBehaviourInput> = {}): PaymentBehaviourInput {
  return { currency: 'EUR', termsDays: 30, creditLimit: null, anticipatedMonthlyPurchases: null, invoices: [], payments: [], ...over };
}

/** Merge `paidLate` results into invoice and payment lists. */
export function rows(items: readonly { invoice: LedgerInvoice; payment: LedgerPayment }[]): Pick<PaymentBehaviourInput, 'invoices' | 'payments'> {
  return { invoices: items.map((i) => i.invoice), payments: items.map((i) => i.payment) };
}
