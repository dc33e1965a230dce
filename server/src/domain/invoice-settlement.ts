/**
 * Applying payments and credit notes to invoices as of a date: the one place that decides how much of each
 * invoice is settled, when, by what, and what credit is left. Every metric reads these settled invoices.
 *
 * The rules, as a credit team applies cash (issue 10, contract §1), per currency, day by day:
 * - A payment settles the invoice it names, up to what is open there. What is beyond (the surplus) is cash the
 *   customer did not assign: it settles their oldest open invoices of the same currency (by due day, then issue
 *   day, then id) issued on or before the payment day.
 * - A credit note settles, on its issue day, the invoice it names (`appliesToInvoiceId`, same currency), then
 *   the oldest open invoices the same way.
 * - Credit nothing took (no open invoice yet) waits, oldest first, and settles later invoices on their issue day.
 *   What still waits at asOf is the customer's credit balance.
 * - Invoices in an open dispute are never chosen for unassigned credit: nobody applies cash to an invoice the
 *   customer contests. Cash or a credit note that names one settles it (that is how disputes are often closed).
 * Within a day: the day's credit notes, then its payments (by id), then waiting credit. Named application comes
 * first because the remittance says where the customer meant the money to go.
 */
import { toDay } from './calendar.js';
import type { LedgerInvoice, LedgerPayment } from './behaviour-types.js';
import type { MinorUnits } from './money.js';

/** CASH: a payment (payment behaviour: ADP, DBT, trend). CREDIT_NOTE: a credit note (settles, but is no payment). */
export type ApplicationSource = 'CASH' | 'CREDIT_NOTE';

/** The part of one payment or credit note that settled (part of) one invoice. */
export interface Application {
  invoiceId: string;
  currency: string;
  source: ApplicationSource;
  /** The payment (CASH) or credit note (CREDIT_NOTE) it came from. */
  fromId: string;
  /** Never more than what was still open on the invoice. */
  amount: MinorUnits;
  /** Day the cash was received, or the credit note issued. */
  receivedDay: number;
  /** Day it settled the invoice: receivedDay, or the invoice's issue day when the credit was waiting for it. */
  appliedDay: number;
  /** Issue to receipt; 0 when received on or before the issue day (a prepayment). */
  daysToPay: number;
  /** Receipt day − due day; negative when early. */
  lateness: number;
}

export interface SettledInvoice {
  id: string;
  number: string | null;
  currency: string;
  amount: MinorUnits;
  issuedDay: number;
  dueDay: number;
  isCreditNote: boolean;
  /** Settled by cash (any payment, named here or not). */
  paid: MinorUnits;
  /** Settled by credit notes. */
  credited: MinorUnits;
  outstanding: MinorUnits;
  /**
   * Credit from this row that nothing took by asOf: for a credit note, the part of it not applied; for an
   * invoice, the part of the payments naming it that no open invoice took. Their sum is the credit balance.
   */
  unapplied: MinorUnits;
  /** Day the invoice became fully settled, null while anything is open. */
  settledDay: number | null;
}

/** One payment as settled (payments ignored for naming no known invoice are not listed). */
export interface SettledPayment {
  id: string;
  invoiceId: string;
  currency: string;
  amount: MinorUnits;
  receivedDay: number;
  /** Beyond what was open on the named invoice when it arrived: cash the customer did not assign. */
  surplus: MinorUnits;
  /** Of the surplus, what no open invoice took by asOf: it stays as the customer's credit. */
  unapplied: MinorUnits;
}

export interface Settlement {
  invoices: SettledInvoice[];
  /** In the order they happened. */
  applications: Application[];
  payments: SettledPayment[];
  lastPaymentDay: number | null;
  ignoredPayments: number;
}

/** Credit waiting to be applied: a payment's surplus or a credit note's rest. */
interface Credit {
  source: ApplicationSource;
  fromId: string;
  currency: string;
  receivedDay: number;
  remaining: MinorUnits;
  /** The row its unapplied rest is booked on (the credit note, or the invoice the payment named). */
  row: SettledInvoice;
  payment: SettledPayment | null;
}

function listAt<K, V>(map: Map<K, V[]>, key: K): V[] {
  const list = map.get(key) ?? [];
  if (list.length === 0) map.set(key, list);
  return list;
}

/** Keeps `list` sorted oldest first (binary search: a long ledger adds invoices one day at a time). */
function insertSorted(list: SettledInvoice[], inv: SettledInvoice): void {
  let lo = 0;
  let hi = list.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (oldestFirst(list[mid]!, inv) <= 0) lo = mid + 1;
    else hi = mid;
  }
  list.splice(lo, 0, inv);
}

const byId = (a: { id: string }, b: { id: string }) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
const oldestFirst = (a: SettledInvoice, b: SettledInvoice) => a.dueDay - b.dueDay || a.issuedDay - b.issuedDay || byId(a, b);

/**
 * Rows dated after asOf are left out, so recomputing for a past date gives the figures of that date.
 * Payments for an invoice that is not in the input, or for a credit note, are counted as ignored.
 * `disputedIds`: invoices in an open dispute, never chosen for unassigned credit.
 */
export function settleInvoices(
  invoices: readonly LedgerInvoice[],
  payments: readonly LedgerPayment[],
  termsDays: number,
  asOfDay: number,
  disputedIds: ReadonlySet<string> = new Set(),
): Settlement {
  const rows = new Map<string, SettledInvoice>();
  const appliesTo = new Map<string, string>();
  for (const inv of invoices) {
    const issuedDay = toDay(inv.issuedAt);
    if (issuedDay > asOfDay) continue;
    rows.set(inv.id, {
      id: inv.id,
      number: inv.number ?? null,
      currency: inv.currency,
      amount: inv.amount,
      issuedDay,
      dueDay: inv.dueAt == null ? issuedDay + termsDays : toDay(inv.dueAt),
      isCreditNote: inv.amount < 0,
      paid: 0,
      credited: 0,
      outstanding: Math.max(0, inv.amount),
      unapplied: 0,
      settledDay: null,
    });
    if (inv.amount < 0 && inv.appliesToInvoiceId) appliesTo.set(inv.id, inv.appliesToInvoiceId);
  }

  const notesByDay = new Map<number, SettledInvoice[]>();
  const invoicesByDay = new Map<number, SettledInvoice[]>();
  const paymentsByDay = new Map<number, LedgerPayment[]>();
  const days = new Set<number>();
  for (const row of rows.values()) {
    days.add(row.issuedDay);
    listAt(row.isCreditNote ? notesByDay : invoicesByDay, row.issuedDay).push(row);
  }
  for (const p of payments) {
    const day = toDay(p.receivedAt);
    if (day > asOfDay) continue;
    days.add(day);
    listAt(paymentsByDay, day).push(p);
  }
  // Candidates for unassigned credit per currency, oldest first: issued so far, open, not disputed.
  const openByCurrency = new Map<string, SettledInvoice[]>();

  const applications: Application[] = [];
  const settledPayments: SettledPayment[] = [];
  // Credit waiting per currency, oldest first (spent credit is dropped from the front).
  const waiting = new Map<string, Credit[]>();
  let lastPaymentDay: number | null = null;
  let ignoredPayments = 0;

  const apply = (credit: Credit, inv: SettledInvoice, day: number) => {
    const amount = Math.min(credit.remaining, inv.outstanding);
    if (amount <= 0) return;
    const appliedDay = Math.max(day, inv.issuedDay);
    credit.remaining -= amount;
    inv.outstanding -= amount;
    if (credit.source === 'CASH') inv.paid += amount;
    else inv.credited += amount;
    if (inv.outstanding === 0) inv.settledDay = appliedDay;
    applications.push({
      invoiceId: inv.id,
      currency: inv.currency,
      source: credit.source,
      fromId: credit.fromId,
      amount,
      receivedDay: credit.receivedDay,
      appliedDay,
      daysToPay: Math.max(0, credit.receivedDay - inv.issuedDay),
      lateness: credit.receivedDay - inv.dueDay,
    });
  };

  for (const day of [...days].sort((a, b) => a - b)) {
    // Waiting credit can only find a new home on a day with new credit or a new invoice in its currency.
    const touched = new Set<string>();
    for (const inv of invoicesByDay.get(day) ?? []) {
      if (inv.outstanding === 0 || disputedIds.has(inv.id)) continue;
      insertSorted(listAt(openByCurrency, inv.currency), inv);
      touched.add(inv.currency);
    }
    for (const note of (notesByDay.get(day) ?? []).sort(byId)) {
      const credit: Credit = { source: 'CREDIT_NOTE', fromId: note.id, currency: note.currency, receivedDay: day, remaining: -note.amount, row: note, payment: null };
      const target = rows.get(appliesTo.get(note.id) ?? '');
      if (target && !target.isCreditNote && target.currency === note.currency) apply(credit, target, day);
      if (credit.remaining > 0) {
        listAt(waiting, note.currency).push(credit);
        touched.add(note.currency);
      }
    }
    for (const p of (paymentsByDay.get(day) ?? []).sort(byId)) {
      const inv = rows.get(p.invoiceId);
      if (!inv || inv.isCreditNote || p.amount <= 0) {
        ignoredPayments++;
        continue;
      }
      lastPaymentDay = day;
      const settled: SettledPayment = { id: p.id, invoiceId: inv.id, currency: inv.currency, amount: p.amount, receivedDay: day, surplus: 0, unapplied: 0 };
      settledPayments.push(settled);
      const credit: Credit = { source: 'CASH', fromId: p.id, currency: inv.currency, receivedDay: day, remaining: p.amount, row: inv, payment: settled };
      apply(credit, inv, day);
      settled.surplus = credit.remaining;
      if (credit.remaining > 0) {
        listAt(waiting, inv.currency).push(credit);
        touched.add(inv.currency);
      }
    }
    for (const currency of touched) {
      const queue = waiting.get(currency) ?? [];
      if (queue.length === 0) continue;
      const open = openByCurrency.get(currency) ?? [];
      let next = 0;
      for (const inv of open) {
        if (next === queue.length) break;
        while (next < queue.length && inv.outstanding > 0) {
          apply(queue[next]!, inv, day);
          if (queue[next]!.remaining === 0) next++;
        }
      }
      queue.splice(0, next);
      // Settled invoices leave the candidates, so a long ledger is not walked again and again.
      openByCurrency.set(
        currency,
        open.filter((inv) => inv.outstanding > 0),
      );
    }
  }

  for (const credit of [...waiting.values()].flat()) {
    credit.row.unapplied += credit.remaining;
    if (credit.payment) credit.payment.unapplied = credit.remaining;
  }
  return { invoices: [...rows.values()], applications, payments: settledPayments, lastPaymentDay, ignoredPayments };
}
