/**
 * How long a customer takes to pay, amount-weighted so a 50,000 invoice paid late outweighs a 50 one paid on
 * time. The samples are CASH applications (invoice-settlement.ts): what a payment settled, named or not. Credit
 * notes settle invoices but are no payment, so they are never a sample. Other currencies count at their rate
 * (the weight in the account currency); a currency without a rate is left out.
 *
 * - ADP (average days to pay): Σ(applied × days from issue to receipt) / Σ(applied), over the cash received in
 *   the last 12 months. A partial payment counts with what it settled; cash nothing took is no sample; a payment
 *   on (or before) the issue day counts as 0 days.
 * - Paid DBT (days beyond terms): the same weighting of days paid after the due date, early counting as 0 (paying
 *   early does not excuse paying late elsewhere), over the cash received in the last 12 months. This is the
 *   headline `daysBeyondTerms` (= `paidDaysBeyondTerms`): open overdue invoices are NOT in it, they are their own
 *   figure (overdue, aging), so the headline and the monthly chart are the same quantity.
 *   `recentDaysBeyondTerms` is the same over the last 90 days: how late they pay now.
 * - DSO and best possible DSO: see `countbackDso` and `bestPossibleDso`.
 */
import type { MonthlyBehaviour } from './behaviour-types.js';
import { monthOfDay, monthStartDay, monthsEndingAt } from './calendar.js';
import type { Application, SettledInvoice, SettledPayment } from './invoice-settlement.js';
import type { MinorUnits } from './money.js';
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

/** Paid DBT's short window: about one quarter of payments, as the credit team reads "how late they pay now". */
export const RECENT_DBT_DAYS = 90;
/** Countback DSO walks back at most this many months: receivables older than two years of sales say "all of it". */
export const DSO_MAX_MONTHS = 24;

const inWindow = (day: number, asOfDay: number, days: number) => day > asOfDay - days && day <= asOfDay;

/** A cash application as a payment sample, its weight in the account currency. */
export interface TimingSample {
  receivedDay: number;
  weight: number;
  daysToPay: number;
  lateness: number;
}

/**
 * The payment samples: cash applications of the account currency, and of other currencies at their rate (units
 * of the account currency per unit); credit-note applications and currencies without a rate are left out.
 */
export function timingSamples(applications: readonly Application[], currency: string, rates: Readonly<Record<string, number>> = {}): TimingSample[] {
  const out: TimingSample[] = [];
  for (const a of applications) {
    const rate = a.currency === currency ? 1 : rates[a.currency];
    if (a.source !== 'CASH' || rate === undefined) continue;
    out.push({ receivedDay: a.receivedDay, weight: a.amount * rate, daysToPay: a.daysToPay, lateness: a.lateness });
  }
  return out;
}

const toPay = (s: TimingSample): Weighted => ({ weight: s.weight, value: s.daysToPay });
const beyondTerms = (s: TimingSample): Weighted => ({ weight: s.weight, value: Math.max(0, s.lateness) });

export interface PaymentTiming {
  averageDaysToPay: number | null;
  daysBeyondTerms: number | null;
  paidDaysBeyondTerms: number | null;
  recentDaysBeyondTerms: number | null;
}

export function paymentTiming(samples: readonly TimingSample[], asOfDay: number): PaymentTiming {
  const year = samples.filter((s) => inWindow(s.receivedDay, asOfDay, LEDGER_PATTERNS.analysisDays));
  const quarter = samples.filter((s) => inWindow(s.receivedDay, asOfDay, RECENT_DBT_DAYS));
  const paidDbt = round1(weightedMean(year.map(beyondTerms)));
  return {
    averageDaysToPay: round1(weightedMean(year.map(toPay))),
    daysBeyondTerms: paidDbt,
    paidDaysBeyondTerms: paidDbt,
    recentDaysBeyondTerms: round1(weightedMean(quarter.map(beyondTerms))),
  };
}

/**
 * The 12 months ending with asOf's month, oldest first; a month without payments has null timings. Amounts
 * (invoiced, credited, cash `paid`) are the given rows' (the account currency's); ADP and DBT per month are the
 * headline's samples, so the chart plots the headline's quantity month by month.
 */
export function monthlySeries(
  invoices: readonly SettledInvoice[],
  payments: readonly SettledPayment[],
  samples: readonly TimingSample[],
  asOfDay: number,
): MonthlyBehaviour[] {
  const months = new Map<string, MonthlyBehaviour & { toPay: Weighted[]; late: Weighted[] }>();
  for (const month of monthsEndingAt(asOfDay, 12))
    months.set(month, { month, invoiced: 0, credited: 0, paid: 0, avgDaysToPay: null, daysBeyondTerms: null, toPay: [], late: [] });
  for (const inv of invoices) {
    const row = months.get(monthOfDay(inv.issuedDay));
    if (!row) continue;
    if (inv.isCreditNote) row.credited += -inv.amount;
    else row.invoiced += inv.amount;
  }
  for (const p of payments) {
    const row = months.get(monthOfDay(p.receivedDay));
    if (row) row.paid += p.amount;
  }
  for (const s of samples) {
    const row = months.get(monthOfDay(s.receivedDay));
    if (!row) continue;
    row.toPay.push(toPay(s));
    row.late.push(beyondTerms(s));
  }
  return [...months.values()].map(({ toPay: days, late, ...row }) => ({
    ...row,
    avgDaysToPay: round1(weightedMean(days)),
    daysBeyondTerms: round1(weightedMean(late)),
  }));
}

/** Sales (invoices issued, credit notes excluded) in [fromDay, toDay]. */
function sales(invoices: readonly SettledInvoice[], fromDay: number, toDay: number): MinorUnits {
  let sum = 0;
  for (const inv of invoices) if (!inv.isCreditNote && inv.issuedDay >= fromDay && inv.issuedDay <= toDay) sum += inv.amount;
  return sum;
}

/**
 * Countback DSO (days sales outstanding), the standard method of credit-management practice: the "working back",
 * "countback" or "exhaustion" method the CICM (UK) teaches and US credit departments (CRF members) use. It says
 * how many days of the most recent sales the receivables represent. Start with the receivables R; walk back over
 * periods — the current month to date (asOf's day of the month in days), then whole previous calendar months —
 * each with its sales S and D days: when R ≥ S, count all D days and take S off R; otherwise count D × R / S and
 * stop. At most `DSO_MAX_MONTHS` periods. Unlike the average method (R ÷ sales × days), a seasonal peak in sales
 * does not shrink it.
 *
 * `invoices`: the account currency's settled invoices; `receivables`: its open invoices net of unapplied credit
 * (the exposure, disputed invoices included: they are still owed). Null without sales in the window, 0 when
 * nothing is owed; one decimal.
 */
export function countbackDso(invoices: readonly SettledInvoice[], receivables: MinorUnits, asOfDay: number): number | null {
  const month = monthOfDay(asOfDay);
  const periods = Array.from({ length: DSO_MAX_MONTHS }, (_, i) => {
    const start = monthStartDay(month, -i);
    const end = i === 0 ? asOfDay : monthStartDay(month, 1 - i) - 1;
    return { days: end - start + 1, sales: sales(invoices, start, end) };
  });
  if (periods.every((p) => p.sales === 0)) return null;
  let left = receivables;
  let days = 0;
  for (const p of periods) {
    if (left <= 0) break;
    if (left >= p.sales) {
      days += p.days;
      left -= p.sales;
    } else {
      days += (p.days * left) / p.sales;
      left = 0;
    }
  }
  return round1(days);
}

/**
 * Best possible DSO (the Credit Research Foundation's measure): the DSO if every invoice were paid on its due
 * date — the countback above over the same months, of the current (not yet due) receivables only. So it never
 * exceeds DSO, and DSO − best possible DSO is the average days delinquent (CRF). Computed as current receivables ÷
 * 90 days of sales × 90 it could: a countback DSO of 5 (this month's invoice only) beside a best possible 30
 * (probe P-STEADY), a negative delinquency. Current receivables include disputed invoices not yet due (they are
 * not past due either), at most the receivables DSO counts: unapplied credit settles the oldest invoices first,
 * so it comes off the past-due ones before the current ones. Null without sales in the window; one decimal.
 */
export function bestPossibleDso(invoices: readonly SettledInvoice[], receivables: MinorUnits, asOfDay: number): number | null {
  const current = invoices.filter((inv) => !inv.isCreditNote && inv.outstanding > 0 && inv.dueDay >= asOfDay).reduce((sum, inv) => sum + inv.outstanding, 0);
  return countbackDso(invoices, Math.min(current, receivables), asOfDay);
}
