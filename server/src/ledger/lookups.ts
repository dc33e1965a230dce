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

/** Runs one SQL statement with positional parameters and returns its rows (a pg pool or PGlite, bypassing Prisma). */
export type RawQuery = <T>(sql: string, params: readonly unknown[]) => Promise<T[]>;

/** The database's own driver for raw look-ups: no Prisma result mapping for files of 100,000s of rows. */
export function rawQueryOf(db: { pool?: { query(sql: string, params: unknown[]): Promise<{ rows: unknown[] }> }; pglite?: { query(sql: string, params: unknown[]): Promise<{ rows: unknown[] }> } }): RawQuery | undefined {
  const driver = db.pool ?? db.pglite;
  return driver ? async <T>(sql: string, params: readonly unknown[]) => (await driver.query(sql, [...params])).rows as T[] : undefined;
}

export interface LookupOptions {
  /** Look-ups through this instead of Prisma's raw queries (file-bulk.ts passes the pool's or PGlite's). */
  raw?: RawQuery;
  /** Turns `account.id` as the caller sent it into an Account row id (GraphQL: a global id); null = not one. */
  accountIdOf?: (id: string) => string | null;
}

const text = (v: unknown): string => (typeof v === 'string' ? v.trim() : '');
export const isoDay = (d: Date): IsoDate => d.toISOString().slice(0, 10);

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

  // Plain SQL, one statement per kind with the ids as one array parameter, amounts and dates as text: a file of
  // 200,000 rows is one batch for the CLI (file-bulk.ts), and Prisma's findMany with `in` lists of that size and its
  // Decimal / Date objects cost more than the whole write.
  const run = options.raw ?? (<T>(sql: string, params: readonly unknown[]) => prisma.$queryRawUnsafe<T[]>(sql, ...params));
  const none = Promise.resolve([]);
  const [byId, byExternalId, byDomain, invoices, payments] = await Promise.all([
    rowIds.size ? run<{ id: string }>(`SELECT a."id" FROM "Account" a WHERE a."id" = ANY($1::text[])`, [[...rowIds]]) : none,
    externalIds.size
      ? run<{ id: string; externalId: string }>(`SELECT a."id", a."externalId" FROM "Account" a WHERE a."externalId" = ANY($1::text[])`, [[...externalIds]])
      : none,
    domains.size ? run<{ domain: string; accountId: string }>(`SELECT d."domain", d."accountId" FROM "AccountDomain" d WHERE d."domain" = ANY($1::text[])`, [[...domains]]) : none,
    invoiceExternalIds.size
      ? run<Omit<StoredInvoice, 'amount'> & { externalId: string; amount: string }>(
          `SELECT i."id", i."externalId", i."accountId", i."number", i."currency", i."amount"::text AS "amount",
                  to_char(i."issuedAt", 'YYYY-MM-DD') AS "issuedAt", to_char(i."dueAt", 'YYYY-MM-DD') AS "dueAt", i."appliesTo"
           FROM "Invoice" i WHERE i."externalId" = ANY($1::text[])`,
          [[...invoiceExternalIds]],
        )
      : none,
    paymentExternalIds.length
      ? run<{ id: string; externalId: string; invoiceId: string; invoiceExternalId: string; accountId: string; amount: string; receivedAt: string }>(
          `SELECT p."id", p."externalId", p."invoiceId", i."externalId" AS "invoiceExternalId", i."accountId", p."amount"::text AS "amount",
                  to_char(p."receivedAt", 'YYYY-MM-DD') AS "receivedAt"
           FROM "Payment" p JOIN "Invoice" i ON i."id" = p."invoiceId" WHERE p."externalId" = ANY($1::text[])`,
          [paymentExternalIds],
        )
      : none,
  ]);

  const knownIds = new Set(byId.map((a) => a.id));
  const idByExternal = new Map(byExternalId.map((a) => [a.externalId, a.id]));
  const idByDomain = new Map(byDomain.map((d) => [d.domain, d.accountId]));
  const storedInvoices = new Map<string, StoredInvoice>(
    invoices.map((i) => [
      i.externalId,
      { id: i.id, accountId: i.accountId, number: i.number, currency: i.currency, amount: parseMoney(i.amount), issuedAt: i.issuedAt, dueAt: i.dueAt, appliesTo: i.appliesTo },
    ]),
  );
  const storedPayments = new Map<string, StoredPayment>(
    payments.map((p) => [
      p.externalId,
      { id: p.id, invoiceId: p.invoiceId, invoiceExternalId: p.invoiceExternalId, accountId: p.accountId, amount: parseMoney(p.amount), receivedAt: p.receivedAt },
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
