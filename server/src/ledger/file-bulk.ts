/**
 * Importing a ledger CSV file in one pass and one transaction (what `pnpm earshot import` runs):
 *
 * 1. read: the file is stream-parsed (file-batches.ts) and mapped to raw rows; external ids are checked for
 *    duplicates across the whole file;
 * 2. validate, in bulk and in memory: the whole file is one batch for the import core's validation
 *    (import.ts prepareLedgerBatch): one look-up query per kind for all its rows, the domain's validation, the
 *    per-account ledger bound, the write plan (created / changed / unchanged) and the warnings of the created and
 *    changed rows (one load of the touched accounts' ledgers). Any problem → every problem listed, nothing written;
 * 3. write, in one transaction (bulk-sql.ts, write-bulk.ts): created invoices loaded with COPY straight into the
 *    ledger, other rows staged with COPY and moved set-based into it; the import record, its new warnings and the
 *    audit event with them;
 * 4. then, still in that transaction, `afterWrite` when given, on a Prisma client bound to it: the CLI recomputes
 *    the touched accounts there (cli-import.ts), so their credit statuses commit with the rows.
 *
 * All-or-nothing: a file is written whole or not at all, so an interrupted run leaves nothing behind and is
 * simply run again. Idempotent: rows stored exactly as sent are not staged, so re-running the same file writes
 * nothing but its audit event. Memory holds the whole file's rows with their look-ups (measured, BENCHMARKS.md:
 * 200,000 rows, 640 MB peak RSS for the import, about 1 GB for the whole command with its recompute).
 */
import type { Database } from '../db/client.js';
import type { RawInvoiceRow, RawPaymentRow } from '../domain/ledger-rows.js';
import type { Prisma as P } from '../generated/prisma/client.js';
import { type BulkOptions, bulkTransaction } from './bulk-sql.js';
import { addCounts, addProblems, dropDuplicates, emptyResult, type FileOptions, type FileProblem, type FileResult, toProblem } from './file-import.js';
import { readLedgerFileBatches } from './file-batches.js';
import { prepareLedgerBatch } from './import.js';
import { rawQueryOf } from './lookups.js';
import { countsOf, isEmptyPlan } from './plan.js';
import type { Progress } from './progress.js';
import { LOCK_FOR_IMPORT } from './recompute-lock.js';
import { auditBulk, recordLedgerImportBulk, writeLedgerPlanBulk } from './write-bulk.js';

/** A unique index refused a row (SQLSTATE 23505), from pg or PGlite. */
const isUniqueViolationCode = (e: unknown) => (e as { code?: unknown } | null)?.code === '23505';

export interface BulkFileOptions<T = never> extends Omit<FileOptions, 'batchSize'>, BulkOptions {
  /** Records parsed per step of the read (progress granularity); default 10,000. */
  batchSize?: number;
  dryRun?: boolean;
  /** The server's clock for validation (tests pin it). */
  now?: () => Date;
  /** Checked once validation is done: true → stop before writing (Ctrl-C). */
  shouldStop?: () => boolean;
  /**
   * Runs inside the write transaction once the rows are written (even when the file changed none), on a Prisma client
   * bound to it: what it writes commits with the ledger rows, or not at all. The CLI recomputes the touched accounts
   * there (cli-import.ts). What it resolves with is the result's `afterWrite`; if it throws, nothing is written.
   */
  afterWrite?: (tx: P.TransactionClient, touchedAccountIds: readonly string[]) => Promise<T>;
}

export interface BulkFileResult<T = never> extends FileResult {
  /** The file was written (false: dry run, problems, or stopped before the write). */
  written: boolean;
  /** What options.afterWrite resolved with, in the transaction that committed. */
  afterWrite?: T;
  /** Seconds spent reading + validating, and writing (the transaction; afterWrite's part of it apart). */
  timings: { read: number; validate: number; write: number; afterWrite: number };
}

export interface BulkProgress {
  validating?: Progress;
  importing?: Progress;
}

export async function importLedgerFile<T = never>(
  db: Pick<Database, 'kind' | 'prisma' | 'pool' | 'pglite' | 'statementNames'>,
  path: string,
  options: BulkFileOptions<T>,
  progress: BulkProgress = {},
): Promise<BulkFileResult<T>> {
  const result: BulkFileResult<T> = { ...emptyResult(), written: false, timings: { read: 0, validate: 0, write: 0, afterWrite: 0 } };
  const started = performance.now();
  const seen = new Map<string, number>();
  const problems: FileProblem[] = [];
  const batch: { invoices: RawInvoiceRow[]; payments: RawPaymentRow[] } = { invoices: [], payments: [] };
  for await (const part of readLedgerFileBatches(path, { ...(options.kind ? { kind: options.kind } : {}), batchSize: options.batchSize ?? 10_000 })) {
    result.kind = part.kind;
    result.rows += part.records;
    for (const e of part.csvErrors) problems.push({ line: e.line, ...(e.field ? { field: e.field } : {}), message: e.message });
    for (const r of dropDuplicates(part.invoices, seen, problems)) batch.invoices.push(r);
    for (const r of dropDuplicates(part.payments, seen, problems)) batch.payments.push(r);
    progress.validating?.update(result.rows, part.fraction / 2);
  }
  const read = performance.now();
  result.timings.read = (read - started) / 1000;

  // Validated also when the CSV layer found problems, so that every problem of the file is listed at once.
  const raw = rawQueryOf(db);
  const prepared = await prepareLedgerBatch(db.prisma, batch, { ...(options.now ? { now: options.now } : {}), ...(raw ? { raw } : {}) });
  result.timings.validate = (performance.now() - read) / 1000;
  if (!prepared.ok) problems.push(...prepared.errors.map(toProblem));
  progress.validating?.done(result.rows);
  if (problems.length) {
    addProblems(result, problems.sort((a, b) => a.line - b.line));
    return result;
  }
  if (!prepared.ok) return result; // (unreachable: its errors are problems)
  const { plan, warnings } = prepared;
  const counts = countsOf(plan);
  const done = { ...counts, touchedAccountIds: plan.touchedAccountIds, warnings, warningsStored: 0 };
  if (options.dryRun || options.shouldStop?.()) {
    addCounts(result, done);
    return result;
  }

  const writeStarted = performance.now();
  const rows = batch.invoices.length + batch.payments.length;
  const auditData = { via: 'cli', rows, ...counts, warnings: warnings.length, ...(options.source ? { source: options.source } : {}) };
  const afterWrite = options.afterWrite;
  const write = (direct: boolean) =>
    bulkTransaction(
      db as Parameters<typeof bulkTransaction>[0],
      async (sql) => {
        // Statuses are written in this transaction: no recompute beside it may read the ledger before the commit and
        // write after it (recompute-lock.ts).
        if (afterWrite) await sql.query(LOCK_FOR_IMPORT);
        let stored = 0;
        if (!isEmptyPlan(plan)) {
          await writeLedgerPlanBulk(sql, plan, { direct });
          // Only an import that writes rows is recorded (a re-sent file is not), as for the API's batches.
          stored = await recordLedgerImportBulk(sql, { via: 'cli', userId: null, source: options.source ?? null, rows }, warnings);
        }
        await auditBulk(sql, { viewer: null, data: auditData });
        if (!afterWrite) return { stored };
        const started = performance.now();
        const value = await afterWrite(await sql.prisma(), plan.touchedAccountIds);
        result.timings.afterWrite = (performance.now() - started) / 1000;
        return { stored, value };
      },
      { ...(options.copy === undefined ? {} : { copy: options.copy }) },
    );
  let committed: { stored: number; value?: T };
  try {
    committed = await write(true);
  } catch (e) {
    // Another import created one of the file's new invoices since validation: nothing was written; write again
    // with every invoice upserted (what the file says wins, as for a re-sent row).
    if (!isUniqueViolationCode(e)) throw e;
    committed = await write(false);
  }
  done.warningsStored = committed.stored;
  if (afterWrite) result.afterWrite = committed.value as T;
  result.timings.write = (performance.now() - writeStarted) / 1000 - result.timings.afterWrite;
  addCounts(result, done);
  result.written = true;
  progress.importing?.done(result.rows);
  return result;
}
