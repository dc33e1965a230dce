/**
 * Writes a validated ledger plan set-based, inside one bulk transaction (bulk-sql.ts): the created and changed
 * rows are loaded into temporary staging tables (COPY, or multi-row INSERT), then moved into the ledger with one
 * `INSERT … SELECT … ON CONFLICT ("externalId") DO UPDATE … WHERE … IS DISTINCT FROM` per kind (created invoices, the
 * bulk of a first import, go straight into "Invoice" instead: no staging, no upsert); payments find
 * their invoice with a join on its external id, so the invoices of the same file need no id round trip.
 * Unchanged rows are not staged. The import record, its warnings (deduplicated by the unique key, set-based)
 * and the audit event are written in the same transaction, so a file is all-or-nothing. A created invoice is
 * written with its provisional outstanding (provisionalOutstanding; an updated one keeps its stored value): the
 * recompute in the same transaction corrects the few that the account-level settlement changes.
 */
import type { LedgerRowWarning } from '../domain/ledger-warnings.js';
import { formatMoney } from '../domain/money.js';
import type { BulkSql, Cell } from './bulk-sql.js';
import type { LedgerPlan } from './plan.js';
import type { ImportRecord } from './warnings.js';
import { uuidv7 } from './write.js';

// Prisma stores DateTime as UTC in `timestamp(3)` columns; the rows written here do the same.
const NOW = `(now() AT TIME ZONE 'UTC')`;

const STAGING_INVOICE = 'earshot_import_invoice';
const STAGING_PAYMENT = 'earshot_import_payment';
const STAGING_WARNING = 'earshot_import_warning';

/**
 * A new invoice's outstanding as readers settle it before any recompute (its own payments: none yet; a credit note
 * owes nothing, ledger/invoice-status.ts), written with the row: the recompute that follows in the same transaction
 * (cli-import.ts) then rewrites only the invoices the account-level settlement changes. Rewriting every row inserted
 * by the same transaction costs PostgreSQL a foreign-key check per row (it re-checks a row it inserted itself), which
 * made the first recompute of a 50,000-invoice import write in about twice the time.
 */
const provisionalOutstanding = (amount: number): string => formatMoney(Math.max(amount, 0));

export interface BulkWriteCounts {
  invoices: number;
  payments: number;
}

export interface BulkWriteOptions {
  /**
   * Created invoices straight into "Invoice" (COPY, or multi-row INSERT), without staging: validation found their
   * external ids unused, so they need no upsert. Default true. A row created meanwhile by another import fails the
   * unique index and aborts the transaction; the caller then writes again with `direct: false` (file-bulk.ts).
   */
  direct?: boolean;
}

export async function writeLedgerPlanBulk(sql: BulkSql, plan: LedgerPlan, options: BulkWriteOptions = {}): Promise<BulkWriteCounts> {
  const direct = options.direct ?? true;
  const invoices = direct ? plan.changedInvoices.map((c) => c.row) : [...plan.newInvoices, ...plan.changedInvoices.map((c) => c.row)];
  const payments = [...plan.newPayments, ...plan.changedPayments.map((c) => c.row)];
  const written = { invoices: 0, payments: 0 };
  if (direct && plan.newInvoices.length) {
    // The transaction's own clock, as the staged path's ${NOW}, and as text: COPY reads it back into timestamp(3).
    const { rows } = await sql.query<{ now: string }>(`SELECT ${NOW}::text AS "now"`);
    const at = rows[0]!.now;
    const now = Date.now();
    written.invoices += await sql.copyRows(
      'Invoice',
      ['id', 'externalId', 'accountId', 'number', 'currency', 'amount', 'outstanding', 'issuedAt', 'dueAt', 'appliesTo', 'createdAt', 'updatedAt'],
      plan.newInvoices.map((r): Cell[] => [uuidv7(now), r.externalId, r.accountId, r.number, r.currency, formatMoney(r.amount), provisionalOutstanding(r.amount), r.issuedAt, r.dueAt, r.appliesTo, at, at]),
    );
  }
  if (invoices.length) {
    await sql.query(
      `CREATE TEMP TABLE ${STAGING_INVOICE} (id text, ext text, acc text, num text, cur text, amt text, iss text, due text, app text) ON COMMIT DROP`,
    );
    const now = Date.now();
    await sql.copyRows(
      STAGING_INVOICE,
      ['id', 'ext', 'acc', 'num', 'cur', 'amt', 'iss', 'due', 'app'],
      invoices.map((r): Cell[] => [uuidv7(now), r.externalId, r.accountId, r.number, r.currency, formatMoney(r.amount), r.issuedAt, r.dueAt, r.appliesTo]),
    );
    const r = await sql.query(
      `INSERT INTO "Invoice" ("id", "externalId", "accountId", "number", "currency", "amount", "outstanding", "issuedAt", "dueAt", "appliesTo", "createdAt", "updatedAt")
       SELECT s.id, s.ext, s.acc, s.num, s.cur, s.amt::numeric, GREATEST(s.amt::numeric, 0), s.iss::date, s.due::date, s.app, ${NOW}, ${NOW}
       FROM ${STAGING_INVOICE} s
       ON CONFLICT ("externalId") DO UPDATE SET "number" = EXCLUDED."number", "amount" = EXCLUDED."amount", "issuedAt" = EXCLUDED."issuedAt",
         "dueAt" = EXCLUDED."dueAt", "appliesTo" = EXCLUDED."appliesTo", "updatedAt" = EXCLUDED."updatedAt"
       WHERE ("Invoice"."number", "Invoice"."amount", "Invoice"."issuedAt", "Invoice"."dueAt", "Invoice"."appliesTo")
         IS DISTINCT FROM (EXCLUDED."number", EXCLUDED."amount", EXCLUDED."issuedAt", EXCLUDED."dueAt", EXCLUDED."appliesTo")`,
    );
    written.invoices += r.affected;
  }
  if (payments.length) {
    await sql.query(`CREATE TEMP TABLE ${STAGING_PAYMENT} (id text, ext text, inv text, amt text, rec text) ON COMMIT DROP`);
    const now = Date.now();
    await sql.copyRows(
      STAGING_PAYMENT,
      ['id', 'ext', 'inv', 'amt', 'rec'],
      payments.map((r): Cell[] => [uuidv7(now), r.externalId, r.invoiceExternalId, formatMoney(r.amount), r.receivedAt]),
    );
    // Validation guarantees every invoice is stored or in this file (written above); a missing one is a bug.
    const { rows: missing } = await sql.query<{ ext: string; inv: string }>(
      `SELECT s.ext, s.inv FROM ${STAGING_PAYMENT} s WHERE NOT EXISTS (SELECT 1 FROM "Invoice" i WHERE i."externalId" = s.inv) LIMIT 1`,
    );
    if (missing[0]) throw new Error(`invoice "${missing[0].inv}" of payment "${missing[0].ext}" was not written`);
    const r = await sql.query(
      `INSERT INTO "Payment" ("id", "externalId", "invoiceId", "amount", "receivedAt", "createdAt", "updatedAt")
       SELECT s.id, s.ext, i."id", s.amt::numeric, s.rec::date, ${NOW}, ${NOW}
       FROM ${STAGING_PAYMENT} s JOIN "Invoice" i ON i."externalId" = s.inv
       ON CONFLICT ("externalId") DO UPDATE SET "amount" = EXCLUDED."amount", "receivedAt" = EXCLUDED."receivedAt", "updatedAt" = EXCLUDED."updatedAt"
       WHERE ("Payment"."amount", "Payment"."receivedAt") IS DISTINCT FROM (EXCLUDED."amount", EXCLUDED."receivedAt")`,
    );
    written.payments = r.affected;
  }
  return written;
}

export interface BulkAudit {
  viewer: { userId: string; tokenId?: string | null } | null;
  data: Record<string, unknown>;
}

/** The `ledger.import` audit event (services/audit.ts writes the same row through Prisma). */
export async function auditBulk(sql: BulkSql, audit: BulkAudit): Promise<void> {
  await sql.query(
    `INSERT INTO "AuditEvent" ("id", "actorId", "tokenId", "action", "entityType", "entityId", "data", "createdAt")
     VALUES ($1, $2, $3, 'ledger.import', 'Ledger', NULL, $4::jsonb, ${NOW})`,
    [uuidv7(), audit.viewer?.userId ?? null, audit.viewer?.tokenId ?? null, JSON.stringify(audit.data)],
  );
}

/**
 * Records a writing import and its new warnings (recordLedgerImport's rules: a warning already stored for the same
 * row and kind is kept as it was, acknowledged or not). Returns how many warnings were new.
 */
export async function recordLedgerImportBulk(sql: BulkSql, record: ImportRecord, warnings: readonly LedgerRowWarning[]): Promise<number> {
  const importId = record.importId ?? uuidv7();
  await sql.query(
    `INSERT INTO "LedgerImport" ("id", "via", "userId", "source", "rows", "warningCount", "createdAt") VALUES ($1, $2, $3, $4, $5, 0, ${NOW})
     ON CONFLICT ("id") DO UPDATE SET "rows" = "LedgerImport"."rows" + EXCLUDED."rows"`,
    [importId, record.via, record.userId, record.source, record.rows],
  );
  if (!warnings.length) return 0;
  await sql.query(
    `CREATE TEMP TABLE ${STAGING_WARNING} (id text, acc text, kind text, row_kind text, ext text, message text, amt text, cur text) ON COMMIT DROP`,
  );
  const now = Date.now();
  await sql.copyRows(
    STAGING_WARNING,
    ['id', 'acc', 'kind', 'row_kind', 'ext', 'message', 'amt', 'cur'],
    warnings.map((w): Cell[] => [uuidv7(now), w.accountId, w.kind, w.rowKind, w.externalId, w.message, formatMoney(w.amount), w.currency]),
  );
  const { affected } = await sql.query(
    `INSERT INTO "LedgerWarning" ("id", "importId", "accountId", "kind", "rowKind", "externalId", "message", "amount", "currency", "createdAt")
     SELECT s.id, $1, s.acc, s.kind::"LedgerWarningKind", s.row_kind, s.ext, s.message, s.amt::numeric, s.cur, ${NOW}
     FROM ${STAGING_WARNING} s
     ON CONFLICT ("kind", "rowKind", "externalId") DO NOTHING`,
    [importId],
  );
  if (affected) await sql.query(`UPDATE "LedgerImport" SET "warningCount" = "warningCount" + $2 WHERE "id" = $1`, [importId, affected]);
  return affected;
}
