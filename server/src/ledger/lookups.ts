/**
 * What a ledger batch needs from the database before it can be validated, fetched with one query per kind
 * whatever the batch size: accounts by id, by external id and by domain; stored invoices and payments by
 * external id. The result feeds the pure `validateLedgerBatch` (domain/ledger-validation.ts) and the write plan.
 */
import { normalizeDomain } from '@earshot/shared';
import type { Prisma } from '../db/client.js';
import type { IsoDate } from '../domain/calendar.js';
import type { AccountRef, LedgerLookups, RawInvoiceRow, RawPaymentRow } from '../domain/ledger-rows.js';
import { type MinorUnits, parseMoney } from '../domain/money.js';

export interface StoredInvoice {
  id: string;
  accountId: string;
  number: string;
  currency: string;
  amount: MinorUnits;
  issuedAt: IsoDate;
  dueAt: IsoDate;
  appliesTo: string | null;
}

export interface StoredPayment {
  id: string;
  invoiceId: string;
  invoiceExternalId: string;
  /** The account of the invoice it settles. */
  accountId: string;
  amount: MinorUnits;
  receivedAt: IsoDate;
}

export interface BatchLookups extends LedgerLookups {
  /** Stored invoices by external id: those the batch re-sends and those its payments settle. */
  invoices: ReadonlyMap<string, StoredInvoice>;
  /** Stored payments by external id (the ones the batch re-sends). */
  payments: ReadonlyMap<string, StoredPayment>;
}

export interface LookupOptions {
  /** Turns `account.id` as the caller sent it into an Account row id (GraphQL: a global id); null = not one. */
  accountIdOf?: (id: string) => string | null;
}

const text = (v: unknown): string => (typeof v === 'string' ? v.trim() : '');
export const isoDay = (d: Date): IsoDate => d.toISOString().slice(0, 10);
const minor = (d: { toFixed(digits: number): string }): MinorUnits => parseMoney(d.toFixed(2));

export async function lookupLedgerBatch(
  prisma: Prisma,
  batch: { invoices?: readonly RawInvoiceRow[]; payments?: readonly RawPaymentRow[] },
  options: LookupOptions = {},
): Promise<BatchLookups> {
  const invoiceRows = batch.invoices ?? [];
  const paymentRows = batch.payments ?? [];
  const accountIdOf = options.accountIdOf ?? ((id: string) => id);

  const rowIds = new Set<string>();
  const externalIds = new Set<string>();
  const domains = new Set<string>();
  for (const row of invoiceRows) {
    const id = text(row.account?.id);
    const decoded = id ? accountIdOf(id) : null;
    if (decoded) rowIds.add(decoded);
    if (text(row.account?.externalId)) externalIds.add(text(row.account.externalId));
    const domain = normalizeDomain(text(row.account?.domain));
    if (domain) domains.add(domain);
  }
  const invoiceExternalIds = new Set([...invoiceRows.map((r) => text(r.externalId)), ...paymentRows.map((r) => text(r.invoiceExternalId))].filter(Boolean));
  const paymentExternalIds = [...new Set(paymentRows.map((r) => text(r.externalId)).filter(Boolean))];

  const [byId, byExternalId, byDomain, invoices, payments] = await Promise.all([
    rowIds.size ? prisma.account.findMany({ where: { id: { in: [...rowIds] } }, select: { id: true } }) : [],
    externalIds.size ? prisma.account.findMany({ where: { externalId: { in: [...externalIds] } }, select: { id: true, externalId: true } }) : [],
    domains.size ? prisma.accountDomain.findMany({ where: { domain: { in: [...domains] } }, select: { domain: true, accountId: true } }) : [],
    invoiceExternalIds.size
      ? prisma.invoice.findMany({
          where: { externalId: { in: [...invoiceExternalIds] } },
          select: { id: true, externalId: true, accountId: true, number: true, currency: true, amount: true, issuedAt: true, dueAt: true, appliesTo: true },
        })
      : [],
    paymentExternalIds.length
      ? prisma.payment.findMany({
          where: { externalId: { in: paymentExternalIds } },
          select: { id: true, externalId: true, invoiceId: true, amount: true, receivedAt: true, invoice: { select: { externalId: true, accountId: true } } },
        })
      : [],
  ]);

  const knownIds = new Set(byId.map((a) => a.id));
  const idByExternal = new Map(byExternalId.map((a) => [a.externalId!, a.id]));
  const idByDomain = new Map(byDomain.map((d) => [d.domain, d.accountId]));
  const storedInvoices = new Map<string, StoredInvoice>(
    invoices.map((i) => [
      i.externalId,
      { id: i.id, accountId: i.accountId, number: i.number, currency: i.currency, amount: minor(i.amount), issuedAt: isoDay(i.issuedAt), dueAt: isoDay(i.dueAt), appliesTo: i.appliesTo },
    ]),
  );
  const storedPayments = new Map<string, StoredPayment>(
    payments.map((p) => [
      p.externalId,
      { id: p.id, invoiceId: p.invoiceId, invoiceExternalId: p.invoice.externalId, accountId: p.invoice.accountId, amount: minor(p.amount), receivedAt: isoDay(p.receivedAt) },
    ]),
  );

  /** Every key the row gives must name a known account, and the same one; otherwise the reference is unknown. */
  const resolveAccount = (ref: AccountRef): string | null => {
    const found: (string | null)[] = [];
    if (ref.id) {
      const id = accountIdOf(ref.id);
      found.push(id && knownIds.has(id) ? id : null);
    }
    if (ref.externalId) found.push(idByExternal.get(ref.externalId) ?? null);
    if (ref.domain) {
      const domain = normalizeDomain(ref.domain);
      found.push(domain ? (idByDomain.get(domain) ?? null) : null);
    }
    const first = found[0] ?? null;
    return first !== null && found.every((id) => id === first) ? first : null;
  };

  return {
    invoices: storedInvoices,
    payments: storedPayments,
    resolveAccount,
    existingInvoice: (externalId) => storedInvoices.get(externalId),
    existingPayment: (externalId) => {
      const p = storedPayments.get(externalId);
      return p ? { invoiceExternalId: p.invoiceExternalId } : undefined;
    },
  };
}
