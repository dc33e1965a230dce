/**
 * How long a customer takes to pay, amount-weighted so a 50,000 invoice paid late outweighs a 50 one paid
 * on time.
 *
 * - ADP (average days to pay): Σ(applied amount × days from issue to payment) / Σ(applied amount), over
 *   the payments received in the last 12 months. A partial payment counts with the amount it paid; the
 *   overpaid part of a payment settles nothing and is left out; a payment on the issue day counts as 0 days.
 * - DBT (days beyond terms): the same weighting of days paid after the due date, early payment counting as 0
 *   (never negative: paying early does not excuse paying late elsewhere). Paid amounts cover the last
 *   12 months; `daysBeyondTerms` also counts every still-open overdue amount with its days past due as of
 *   asOf, because a customer who stops paying would otherwise look punctual. `paidDaysBeyondTerms` is the
 *   paid-only figure.
 * Credit notes never enter these figures.
 */
import type { MonthlyBehaviour } from './behaviour-types.js';
import { monthOfDay, monthsEndingAt } from './calendar.js';
import type { Application, SettledInvoice } from './invoice-settlement.js';
import { LEDGER_PATTERNS } from './risk-weights.js';

export interface Weighted {
  weight: number;
  value: number;
}

export function weightedMean(samples: readonly Weighted[]): number | null {
  let total = 0;
  let sum = 0;
  for (const s of samples) {
    total += s.weight;
    sum += s.weight * s.value;
  }
  return total > 0 ? sum / total : null;
}

/** One decimal: "14.3 days" is as precise as a person reads it, and stored JSON stays stable. */
export function round1(value: number | null): number | null {
  return value === null ? null : Math.round(value * 10) / 10 || 0;
}

const inWindow = (day: number, asOfDay: number, days: number) => day > asOfDay - days && day <= asOfDay;

export interface PaymentTiming {
  averageDaysToPay: number | null;
  daysBeyondTerms: number | null;
  paidDaysBeyondTerms: number | null;
}

export function paymentTiming(invoices: readonly SettledInvoice[], applications: readonly Application[], asOfDay: number): PaymentTiming {
  const recent = applications.filter((a) => inWindow(a.receivedDay, asOfDay, LEDGER_PATTERNS.analysisDays));
  const paidLateness = recent.map((a) => ({ weight: a.amount, value: Math.max(0, a.lateness) }));
  const openOverdue = invoices
    .filter((inv) => !inv.isCreditNote && inv.outstanding > 0 && inv.dueDay < asOfDay)
    .map((inv) => ({ weight: inv.outstanding, value: asOfDay - inv.dueDay }));
  return {
    averageDaysToPay: round1(weightedMean(recent.map((a) => ({ weight: a.amount, value: a.daysToPay })))),
    daysBeyondTerms: round1(weightedMean([...paidLateness, ...openOverdue])),
    paidDaysBeyondTerms: round1(weightedMean(paidLateness)),
  };
}

/** The 12 months ending with asOf's month, oldest first; a month without payments has null timings. */
export function monthlySeries(invoices: readonly SettledInvoice[], applications: readonly Application[], asOfDay: number): MonthlyBehaviour[] {
  const months = new Map<string, MonthlyBehaviour & { toPay: Weighted[]; late: Weighted[] }>();
  for (const month of monthsEndingAt(asOfDay, 12))
    months.set(month, { month, invoiced: 0, credited: 0, paid: 0, avgDaysToPay: null, daysBeyondTerms: null, toPay: [], late: [] });
  for (const inv of invoices) {
    const row = months.get(monthOfDay(inv.issuedDay));
    if (!row) continue;
    if (inv.isCreditNote) row.credited += -inv.amount;
    else row.invoiced += inv.amount;
  }
  for (const a of applications) {
    const row = months.get(monthOfDay(a.receivedDay));
    if (!row) continue;
    row.paid += a.cash;
    row.toPay.push({ weight: a.amount, value: a.daysToPay });
    row.late.push({ weight: a.amount, value: Math.max(0, a.lateness) });
  }
  return [...months.values()].map(({ toPay, late, ...row }) => ({
    ...row,
    avgDaysToPay: round1(weightedMean(toPay)),
    daysBeyondTerms: round1(weightedMean(late)),
  }));
}
