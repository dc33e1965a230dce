/**
 * Warnings of a ledger import: rows that are valid (they are written) but that a credit team must hear about,
 * because the feed is probably wrong or the customer's position changed in a way no figure shows by itself:
 *
 * - OVERPAYMENT: cash beyond everything the customer owes in that currency; it sits on the account as credit.
 * - MISAPPLIED_PAYMENT: more than the named invoice's open amount, taken by the customer's other open invoices.
 * - DUPLICATE_PAYMENT: same invoice, amount and day as another payment under another external id.
 * - DUPLICATE_INVOICE: same account, number and amount as another invoice under another external id.
 * - NEW_CURRENCY: an invoice in a currency that is not the account's and that no other invoice of it uses.
 * - CREDIT_NOTE_UNMATCHED: a credit note whose `appliesTo` names no invoice, or one of another account or currency.
 *
 * Computed on each account's ledger with the batch applied, for the batch's created or changed rows only (a row
 * re-sent as stored says nothing new). Pure: the caller loads the touched accounts' stored rows.
 *
 * Payments are settled by the same rules as the credit figures (invoice-settlement.ts, CREDIT-MODEL.md §1): what
 * of a payment's surplus other invoices took is MISAPPLIED_PAYMENT; what is still credit at the end, OVERPAYMENT.
 */
import { settleInvoices } from './invoice-settlement.js';
import type { LedgerRowKind } from './ledger-rows.js';
import { describeMoney, type MinorUnits } from './money.js';

export const LEDGER_WARNING_KINDS = ['OVERPAYMENT', 'MISAPPLIED_PAYMENT', 'DUPLICATE_PAYMENT', 'DUPLICATE_INVOICE', 'NEW_CURRENCY', 'CREDIT_NOTE_UNMATCHED'] as const;
export type LedgerWarningKind = (typeof LEDGER_WARNING_KINDS)[number];

export interface WarningInvoice {
  externalId: string;
  accountId: string;
  number: string;
  currency: string;
  /** Negative: a credit note. */
  amount: MinorUnits;
  issuedAt: string;
  dueAt: string;
  appliesTo: string | null;
}

export interface WarningPayment {
  externalId: string;
  invoiceExternalId: string;
  accountId: string;
  amount: MinorUnits;
  receivedAt: string;
}

/** A row of the batch that was created or changed: the only rows that may warn. */
export interface ChangedRow {
  kind: LedgerRowKind;
  externalId: string;
  /** 0-based position in the batch's invoices or payments. */
  index: number;
  line?: number;
}

export interface LedgerWarningInput {
  /** Each touched account's own currency. */
  accountCurrency: ReadonlyMap<string, string>;
  /** Every invoice of the touched accounts: stored, with the batch's rows added or swapped in. */
  invoices: readonly WarningInvoice[];
  /** Every payment of the touched accounts, the same way. */
  payments: readonly WarningPayment[];
  /** External ids of the rows that were already stored before the batch (so "another" row can be told apart). */
  storedInvoiceIds: ReadonlySet<string>;
  storedPaymentIds: ReadonlySet<string>;
  /** Invoices outside the touched accounts that a credit note's `appliesTo` names (to say "of another account"). */
  elsewhere: ReadonlyMap<string, { accountId: string; currency: string }>;
  changed: readonly ChangedRow[];
}

export interface LedgerRowWarning {
  kind: LedgerWarningKind;
  rowKind: LedgerRowKind;
  index: number;
  externalId: string;
  accountId: string;
  /** Names the row, the other row(s) and the amount. */
  message: string;
  /** The amount at stake (positive), in `currency`. */
  amount: MinorUnits;
  currency: string;
  line?: number;
}

/**
 * An external id as the message quotes it: JSON-escaped (a quote in an id cannot end the quote) and with bidi
 * controls spelled out (an id cannot reorder the sentence around it).
 */
const bidi = (text: string) => text.replace(/[\u200e\u200f\u202a-\u202e\u2066-\u2069]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
const q = (id: string) => bidi(JSON.stringify(id));
/** At most this many ids named in one message; the rest are counted (a payment over 10,000 invoices stays one line). */
const MAX_LISTED = 5;
const list = (ids: readonly string[]) =>
  ids.length <= MAX_LISTED ? ids.map(q).join(', ') : `${ids.slice(0, MAX_LISTED).map(q).join(', ')} and ${ids.length - MAX_LISTED} more`;

interface PaymentOutcome {
  namedOpen: MinorUnits;
  surplus: MinorUnits;
  /** Invoices (other than the named one) that took part of the surplus, in the order they took it. */
  absorbedBy: string[];
  absorbed: MinorUnits;
  /** Still unapplied credit at the end. */
  left: MinorUnits;
}

/**
 * How each payment of one account and currency was settled, by the same rules as the credit figures
 * (invoice-settlement.ts): the ledger's external ids are its ids, and every row counts (no asOf cut-off).
 */
function settlePayments(invoices: readonly WarningInvoice[], payments: readonly WarningPayment[]): Map<string, PaymentOutcome> {
  const settlement = settleInvoices(
    invoices.map((i) => ({ id: i.externalId, currency: i.currency, amount: i.amount, issuedAt: i.issuedAt, dueAt: i.dueAt, appliesToInvoiceId: i.appliesTo })),
    payments.map((p) => ({ id: p.externalId, invoiceId: p.invoiceExternalId, amount: p.amount, receivedAt: p.receivedAt })),
    0,
    Number.MAX_SAFE_INTEGER,
  );
  const named = new Map(payments.map((p) => [p.externalId, p.invoiceExternalId]));
  const outcomes = new Map<string, PaymentOutcome>();
  for (const p of settlement.payments)
    outcomes.set(p.id, { namedOpen: p.amount - p.surplus, surplus: p.surplus, absorbedBy: [], absorbed: 0, left: p.unapplied });
  for (const a of settlement.applications) {
    const o = a.source === 'CASH' ? outcomes.get(a.fromId) : undefined;
    if (!o || a.invoiceId === named.get(a.fromId)) continue;
    o.absorbed += a.amount;
    if (!o.absorbedBy.includes(a.invoiceId)) o.absorbedBy.push(a.invoiceId);
  }
  return outcomes;
}

export function findLedgerWarnings(input: LedgerWarningInput): LedgerRowWarning[] {
  const warnings: LedgerRowWarning[] = [];
  const invoices = new Map(input.invoices.map((i) => [i.externalId, i]));
  const payments = new Map(input.payments.map((p) => [p.externalId, p]));
  const changedInvoices = input.changed.filter((r) => r.kind === 'INVOICE');
  const changedPayments = input.changed.filter((r) => r.kind === 'PAYMENT');
  const changedIndex = { INVOICE: new Map<string, number>(), PAYMENT: new Map<string, number>() };
  for (const c of input.changed) changedIndex[c.kind].set(c.externalId, c.index);
  /** A row that was there before this one: stored before the batch and left as it was, or earlier in the batch. */
  const before = (kind: LedgerRowKind, other: string, row: ChangedRow) => {
    const index = changedIndex[kind].get(other);
    return index === undefined ? (kind === 'INVOICE' ? input.storedInvoiceIds : input.storedPaymentIds).has(other) : index < row.index;
  };
  // Indexes, so a batch of 10,000 rows on accounts with 100,000 is not compared row by row.
  const group = <T>(rows: readonly T[], key: (row: T) => string) => {
    const map = new Map<string, T[]>();
    for (const row of rows) {
      const k = key(row);
      const list = map.get(k);
      if (list) list.push(row);
      else map.set(k, [row]);
    }
    return map;
  };
  const invoiceKey = (i: WarningInvoice) => `${i.accountId}|${i.number}|${i.amount}`;
  const paymentKey = (p: WarningPayment) => `${p.invoiceExternalId}|${p.amount}|${p.receivedAt}`;
  const sameInvoices = group(input.invoices, invoiceKey);
  const samePayments = group(input.payments, paymentKey);
  const byAccountCurrency = group(input.invoices, (i) => `${i.accountId}|${i.currency}`);
  const paymentsByInvoice = group(input.payments, (p) => p.invoiceExternalId);
  const warn = (row: ChangedRow, accountId: string, kind: LedgerWarningKind, amount: MinorUnits, currency: string, message: string) =>
    warnings.push({ kind, rowKind: row.kind, index: row.index, externalId: row.externalId, accountId, message, amount, currency, ...(row.line === undefined ? {} : { line: row.line }) });

  // ---- invoices ---------------------------------------------------------------------------------------------
  const firstInCurrency = new Map<string, ChangedRow>();
  for (const row of changedInvoices) {
    const inv = invoices.get(row.externalId);
    if (!inv) continue;
    // Built only for a row that warns (most rows of a file do not).
    const label = () => `${inv.amount < 0 ? 'Credit note' : 'Invoice'} ${q(inv.externalId)} (no. ${bidi(inv.number)})`;
    // Every invoice is in its own group: only a group of two or more can hold a twin.
    const same = sameInvoices.get(invoiceKey(inv)) ?? [];
    const twins = same.length < 2 ? [] : same.filter((o) => o.externalId !== inv.externalId && before('INVOICE', o.externalId, row)).map((o) => o.externalId);
    if (twins.length)
      warn(row, inv.accountId, 'DUPLICATE_INVOICE', Math.abs(inv.amount), inv.currency, `${label()} of ${describeMoney(Math.abs(inv.amount), inv.currency)} has the same number and amount as ${list(twins)}: probably the same invoice sent twice under another id.`);

    // The first invoice in a currency the account does not use: its own currency, or any other invoice's.
    const accountCurrency = input.accountCurrency.get(inv.accountId);
    if (inv.currency !== accountCurrency && !input.storedInvoiceIds.has(inv.externalId)) {
      const key = `${inv.accountId}|${inv.currency}`;
      const used = (byAccountCurrency.get(key) ?? []).some((o) => input.storedInvoiceIds.has(o.externalId));
      const first = firstInCurrency.get(key);
      const earlier = first && (invoices.get(first.externalId)!.issuedAt < inv.issuedAt || (invoices.get(first.externalId)!.issuedAt === inv.issuedAt && first.index < row.index));
      if (!used && !earlier) firstInCurrency.set(key, row);
    }

    if (inv.amount < 0 && inv.appliesTo) {
      const target = invoices.get(inv.appliesTo);
      const other = target ?? input.elsewhere.get(inv.appliesTo);
      const problem = !other
        ? `names invoice ${q(inv.appliesTo)}, which is not in the ledger`
        : other.accountId !== inv.accountId
          ? `names invoice ${q(inv.appliesTo)} of another account`
          : other.currency !== inv.currency
            ? `names invoice ${q(inv.appliesTo)}, which is in ${other.currency}`
            : target && target.amount < 0
              ? `names ${q(inv.appliesTo)}, which is a credit note, not an invoice`
              : null;
      if (problem)
        warn(row, inv.accountId, 'CREDIT_NOTE_UNMATCHED', -inv.amount, inv.currency, `${label()} of ${describeMoney(-inv.amount, inv.currency)} ${problem}; it is applied to the oldest open invoices instead.`);
    }
  }
  for (const row of firstInCurrency.values()) {
    const inv = invoices.get(row.externalId)!;
    const own = input.accountCurrency.get(inv.accountId) ?? '?';
    const what = inv.amount < 0 ? 'Credit note' : 'Invoice';
    warn(row, inv.accountId, 'NEW_CURRENCY', Math.abs(inv.amount), inv.currency, `${what} ${q(inv.externalId)} (no. ${bidi(inv.number)}) of ${describeMoney(Math.abs(inv.amount), inv.currency)} is the account's first in ${inv.currency} (its currency is ${own}).`);
  }

  // ---- payments ---------------------------------------------------------------------------------------------
  const walked = new Map<string, Map<string, PaymentOutcome>>();
  const outcomeOf = (p: WarningPayment, currency: string) => {
    const key = `${p.accountId}|${currency}`;
    if (!walked.has(key)) {
      const invs = byAccountCurrency.get(key) ?? [];
      walked.set(key, settlePayments(invs, invs.flatMap((i) => paymentsByInvoice.get(i.externalId) ?? [])));
    }
    return walked.get(key)!.get(p.externalId);
  };
  for (const row of changedPayments) {
    const p = payments.get(row.externalId);
    const inv = p && invoices.get(p.invoiceExternalId);
    if (!p || !inv) continue;
    const money = (m: MinorUnits) => describeMoney(m, inv.currency);
    const label = () => `Payment ${q(p.externalId)} of ${money(p.amount)} on invoice ${q(inv.externalId)} (${p.receivedAt})`;
    const twins = (samePayments.get(paymentKey(p)) ?? [])
      .filter((o) => o.externalId !== p.externalId && before('PAYMENT', o.externalId, row))
      .map((o) => o.externalId);
    if (twins.length)
      warn(row, p.accountId, 'DUPLICATE_PAYMENT', p.amount, inv.currency, `${label()} has the same invoice, amount and day as payment ${list(twins)}: probably the same payment recorded twice.`);

    const outcome = outcomeOf(p, inv.currency);
    if (!outcome || outcome.surplus === 0) continue;
    const beyond = `is ${money(outcome.surplus)} more than the ${money(outcome.namedOpen)} open on it`;
    if (outcome.absorbed > 0)
      warn(row, p.accountId, 'MISAPPLIED_PAYMENT', outcome.absorbed, inv.currency, `${label()} ${beyond}; ${money(outcome.absorbed)} of it settles ${outcome.absorbedBy.length > 1 ? 'invoices' : 'invoice'} ${list(outcome.absorbedBy)} instead.`);
    if (outcome.left > 0)
      warn(row, p.accountId, 'OVERPAYMENT', outcome.left, inv.currency, `${label()} ${beyond}; ${money(outcome.left)} is more than everything the customer owes in ${inv.currency} and stays on the account as a credit balance.`);
  }
  return warnings.sort((a, b) => (a.rowKind === b.rowKind ? a.index - b.index : a.rowKind === 'INVOICE' ? -1 : 1));
}
