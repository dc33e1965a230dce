/**
 * Fourteen months of invoices and payments per account, shaped by its profile (profiles.ts). Pure: day numbers
 * (days since 1970-01-01, as in domain/calendar.ts) and integer cents. Invoice and payment numbers are
 * given afterwards across all accounts in date order (numberLedgers), the way an ERP numbers them.
 */
import { monthOfDay, monthStartDay } from '../domain/calendar.js';
import type { AccountBase } from './accounts.js';
import { workday } from './credit-file.js';
import type { Profile } from './profiles.js';
import type { Rng } from './random.js';

export interface InvoicePlan {
  /** Plan-internal key, unique across the demo. */
  key: string;
  accountExternalId: string;
  externalId: string;
  number: string;
  currency: string;
  /** Cents; negative for a credit note. */
  amount: number;
  issuedDay: number;
  dueDay: number;
  /** For a credit note, the key of the invoice it corrects. */
  correctsKey?: string;
}

export interface PaymentPlan {
  key: string;
  invoiceKey: string;
  externalId: string;
  amount: number;
  receivedDay: number;
}

export interface LedgerPlan {
  invoices: InvoicePlan[];
  payments: PaymentPlan[];
}

export const LEDGER_MONTHS = 14;

interface Draft {
  amount: number;
  issuedDay: number;
  monthsAgo: number;
  large?: boolean;
}

/** Issue days spread over the month, never after today. */
function monthlyDrafts(rng: Rng, today: number, amountsFor: (monthsAgo: number) => { amount: number; large?: boolean }[]): Draft[] {
  const drafts: Draft[] = [];
  const thisMonth = monthOfDay(today);
  for (let monthsAgo = LEDGER_MONTHS - 1; monthsAgo >= 0; monthsAgo--) {
    const start = monthStartDay(thisMonth, -monthsAgo);
    const items = amountsFor(monthsAgo);
    items.forEach((item, k) => {
      const issuedDay = workday(start + Math.min(27, Math.max(2, Math.floor(((k + 0.5) * 28) / items.length) + rng.int(-2, 2))));
      if (issuedDay <= today) drafts.push({ ...item, issuedDay, monthsAgo });
    });
  }
  return drafts;
}

/** A random amount around `major` (±30%), in cents with random cents. */
function around(rng: Rng, major: number, spread = 0.3): number {
  return Math.max(15000, Math.round(major * rng.float(1 - spread, 1 + spread)) * 100 + rng.int(0, 99));
}

function regularAmounts(rng: Rng, monthlyCents: number, factor: (monthsAgo: number) => number = () => 1) {
  return (monthsAgo: number) => {
    const n = rng.pick([1, 2, 2, 3]);
    return Array.from({ length: n }, () => ({ amount: around(rng, (monthlyCents / 100 / n) * factor(monthsAgo)) }));
  };
}

/** Small invoices every month and one large one; seed 003's "small invoices paid, large ones not" needs both sizes. */
function mixedAmounts(rng: Rng, monthlyCents: number) {
  const major = monthlyCents / 100;
  return () => [
    { amount: around(rng, major * 0.11, 0.25) },
    { amount: around(rng, major * 0.62, 0.12), large: true },
    { amount: around(rng, major * 0.11, 0.25) },
    { amount: around(rng, major * 0.11, 0.25) },
  ];
}

/** One settlement: parts of the amount paid `lateness` days after the due date (negative = early). */
type Settlement = { share: number; lateness: number }[] | null;

const inFull = (lateness: number): Settlement => [{ share: 1, lateness }];

function steadySettlement(rng: Rng, base: number): Settlement {
  const lateness = base + rng.int(-2, 3);
  // Now and then an invoice is paid in two instalments (a query on one line, a split payment run).
  return rng.chance(0.06) ? [{ share: rng.float(0.5, 0.7), lateness }, { share: 1, lateness: lateness + rng.int(8, 20) }] : inFull(lateness);
}

/** How each profile settles an invoice due on `dueDay`, as seen on `today`. */
function settlementFor(profile: Profile, rng: Rng, base: number, today: number, draft: Draft, dueDay: number): Settlement {
  switch (profile) {
    case 'slipping': {
      // On terms until ~4½ months ago, then each due date paid later: ~+15 days three months ago, ~+40 now.
      const rampStart = today - 135;
      if (dueDay < rampStart) return inFull(base + rng.int(-2, 2));
      return inFull(Math.round(Math.min(45, ((dueDay - rampStart) * 45) / 105)) + rng.int(-2, 2));
    }
    case 'smallNotLarge':
      if (draft.large && draft.monthsAgo >= 1 && draft.monthsAgo <= 4) {
        // A token part-payment on the oldest one: still more than half open.
        return draft.monthsAgo === 4 ? [{ share: rng.float(0.1, 0.2), lateness: rng.int(5, 15) }] : null;
      }
      return inFull(base + rng.int(-2, 2));
    case 'overLimit':
      return inFull(base + rng.int(-2, 4));
    case 'longOverdue':
      if (dueDay < today - 120) return inFull(base + rng.int(-3, 5));
      if (dueDay <= today - 60) return rng.chance(0.4) ? [{ share: rng.float(0.25, 0.4), lateness: rng.int(15, 30) }] : null;
      return inFull(rng.int(25, 35));
    case 'improving':
      if (dueDay < today - 130) return inFull(rng.int(28, 40));
      if (dueDay <= today - 90) return inFull(Math.round(25 - ((dueDay - (today - 130)) * 21) / 40) + rng.int(-1, 1));
      return inFull(rng.int(-2, 2));
    default:
      return steadySettlement(rng, base);
  }
}

function baseLateness(profile: Profile, rng: Rng): number {
  if (profile === 'overLimit') return rng.int(3, 8);
  if (profile === 'longOverdue') return rng.int(12, 20);
  if (profile === 'slipping') return rng.int(-1, 2);
  return rng.int(-3, 2);
}

export interface LedgerOptions {
  /** Orders roughly halve over the last three months (the account with the "orders dropping" signals). */
  orderDrop?: boolean;
}

export function buildLedger(rng: Rng, account: AccountBase, profile: Profile, today: number, options: LedgerOptions = {}): LedgerPlan {
  if (profile === 'brandNew') return { invoices: [], payments: [] };
  const terms = account.paymentTermsDays;
  const monthly = account.anticipatedMonthly;
  const amounts =
    profile === 'smallNotLarge'
      ? mixedAmounts(rng, monthly)
      : regularAmounts(rng, monthly, (m) => {
          if (profile === 'overLimit' && m <= 1) return 1.8; // a large seasonal order, pushed through at once
          if (options.orderDrop && m <= 2) return 0.5;
          return 1;
        });
  const otherCurrency = account.currency === 'EUR' ? 'GBP' : 'EUR';
  const base = baseLateness(profile, rng);

  const invoices: InvoicePlan[] = [];
  const payments: PaymentPlan[] = [];
  monthlyDrafts(rng, today, amounts).forEach((draft, i) => {
    const key = `${account.externalId}/${i}`;
    const dueDay = draft.issuedDay + terms;
    const currency = profile === 'secondCurrency' && rng.chance(0.35) ? otherCurrency : account.currency;
    invoices.push({ key, accountExternalId: account.externalId, externalId: '', number: '', currency, amount: draft.amount, issuedDay: draft.issuedDay, dueDay });
    const settlement = settlementFor(profile, rng, base, today, draft, dueDay);
    let paid = 0;
    settlement?.forEach((part, p) => {
      const last = p === settlement.length - 1 && part.share === 1;
      const amount = last ? draft.amount - paid : Math.round(draft.amount * part.share);
      const receivedDay = Math.max(draft.issuedDay + 2, workday(dueDay + part.lateness));
      if (receivedDay > today || amount <= 0) return;
      paid += amount;
      payments.push({ key: `${key}/${p}`, invoiceKey: key, externalId: '', amount, receivedDay });
    });
  });

  if (profile === 'creditNote') addCreditNote(rng, account, invoices, today);
  return { invoices, payments };
}

/** A credit note for part of a delivery three to four months ago (damaged goods), due at once. */
function addCreditNote(rng: Rng, account: AccountBase, invoices: InvoicePlan[], today: number): void {
  const candidates = invoices.filter((inv) => inv.issuedDay <= today - 95 && inv.issuedDay >= today - 130);
  const corrected = candidates.length ? rng.pick(candidates) : invoices[0]!;
  const issuedDay = workday(Math.min(today, corrected.issuedDay + rng.int(6, 12)));
  invoices.push({
    key: `${account.externalId}/cn`,
    accountExternalId: account.externalId,
    externalId: '',
    number: '',
    currency: corrected.currency,
    amount: -Math.round(corrected.amount * rng.float(0.12, 0.25)),
    issuedDay,
    dueDay: issuedDay,
    correctsKey: corrected.key,
  });
  invoices.sort((a, b) => a.issuedDay - b.issuedDay);
}

/** Invoiced minus paid, as of today, per currency: what the customer owes us. */
export function openAmounts(ledger: LedgerPlan): Map<string, number> {
  const byKey = new Map(ledger.invoices.map((inv) => [inv.key, inv]));
  const open = new Map<string, number>();
  for (const inv of ledger.invoices) open.set(inv.currency, (open.get(inv.currency) ?? 0) + inv.amount);
  for (const p of ledger.payments) {
    const currency = byKey.get(p.invoiceKey)!.currency;
    open.set(currency, (open.get(currency) ?? 0) - p.amount);
  }
  return open;
}

const yearOf = (day: number) => monthOfDay(day).slice(0, 4);

/**
 * ERP-style numbers across all accounts in date order: `2026/00417` (a counter per calendar year, the first
 * year already under way), credit notes in their own `CN-` series; external ids `INV-…` and `PAY-…`.
 */
export function numberLedgers(rng: Rng, ledgers: readonly LedgerPlan[]): void {
  const counters = new Map<string, number>();
  const next = (series: string, year: string, firstYear: string) => {
    const n = counters.get(`${series}${year}`) ?? (year === firstYear ? rng.int(2000, 4000) : 0);
    counters.set(`${series}${year}`, n + 1);
    return String(n + 1).padStart(5, '0');
  };
  const invoices = ledgers.flatMap((l) => l.invoices).sort((a, b) => a.issuedDay - b.issuedDay);
  const firstInvoiceYear = invoices.length ? yearOf(invoices[0]!.issuedDay) : '';
  for (const inv of invoices) {
    const year = yearOf(inv.issuedDay);
    const credit = inv.amount < 0;
    const n = next(credit ? 'CN' : 'IN', year, credit ? '' : firstInvoiceYear);
    inv.number = credit ? `CN-${year}/${n}` : `${year}/${n}`;
    inv.externalId = credit ? `INV-CN-${year}-${n}` : `INV-${year}-${n}`;
  }
  const payments = ledgers.flatMap((l) => l.payments).sort((a, b) => a.receivedDay - b.receivedDay);
  const firstPaymentYear = payments.length ? yearOf(payments[0]!.receivedDay) : '';
  for (const p of payments) {
    const year = yearOf(p.receivedDay);
    p.externalId = `PAY-${year}-${next('PAY', year, firstPaymentYear)}`;
  }
}
