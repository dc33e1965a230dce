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
 *    audit event with them.
 *
 * All-or-nothing: a file is written whole or not at all, so an interrupted run leaves nothing behind and is
 * simply run again. Idempotent: rows stored exactly as sent are not staged, so re-running the same file writes
 * nothing but its audit event. Memory holds the whole file's rows with their look-ups (measured, BENCHMARKS.md:
 * 200,000 rows, 640 MB peak RSS for the import, about 1 GB for the whole command with its recompute).
 */
import type { Database } from '../db/client.js';
import type { RawInvoiceRow, RawPaymentRow } from '../domain/ledger-rows.js';
import { type BulkOptions, bulkTransaction } from './bulk-sql.js';
import { addCounts, addProblems, dropDuplicates, emptyResult, type FileOptions, type FileProblem, type FileResult, toProblem } from './file-import.js';
import { readLedgerFileBatches } from './file-batches.js';
import { prepareLedgerBatch } from './import.js';
import { rawQueryOf } from './lookups.js';
import { countsOf, isEmptyPlan } from './plan.js';
import type { Progress } from './progress.js';
import { auditBulk, recordLedgerImportBulk, writeLedgerPlanBulk } from './write-bulk.js';

/** A unique index refused a row (SQLSTATE 23505), from pg or PGlite. */
const isUniqueViolationCode = (e: unknown) => (e as { code?: unknown } | null)?.code === '23505';

export interface BulkFileOptions extends Omit<FileOptions, 'batchSize'>, BulkOptions {
  /** Records parsed per step of the read (progress granularity); default 10,000. */
  batchSize?: number;
  dryRun?: boolean;
  /** The server's clock for validation (tests pin it). */
  now?: () => Date;
  /** Checked once validation is done: true → stop before writing (Ctrl-C). */
  shouldStop?: () => boolean;
}

export interface BulkFileResult extends FileResult {
  /** The file was written (false: dry run, problems, or stopped before the write). */
  written: boolean;
  /** Seconds spent reading + validating, and writing (the benchmark reports them). */
  timings: { read: number; validate: number; write: number };
}

export interface BulkProgress {
  validating?: Progress;
  importing?: Progress;
}

export async function importLedgerFile(
  db: Pick<Database, 'kind' | 'prisma' | 'pool' | 'pglite'>,
  path: string,
  options: BulkFileOptions,
  progress: BulkProgress = {},
): Promise<BulkFileResult> {
  const result: BulkFileResult = { ...emptyResult(), written: false, timings: { read: 0, validate: 0, write: 0 } };
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
  const write = (direct: boolean) =>
    bulkTransaction(
      db as Parameters<typeof bulkTransaction>[0],
      async (sql) => {
        let stored = 0;
        if (!isEmptyPlan(plan)) {
          await writeLedgerPlanBulk(sql, plan, { direct });
          // Only an import that writes rows is recorded (a re-sent file is not), as for the API's batches.
          stored = await recordLedgerImportBulk(sql, { via: 'cli', userId: null, source: options.source ?? null, rows }, warnings);
        }
        await auditBulk(sql, { viewer: null, data: auditData });
        return stored;
      },
      { ...(options.copy === undefined ? {} : { copy: options.copy }) },
    );
  try {
    done.warningsStored = await write(true);
  } catch (e) {
    // Another import created one of the file's new invoices since validation: nothing was written; write again
    // with every invoice upserted (what the file says wins, as for a re-sent row).
    if (!isUniqueViolationCode(e)) throw e;
    done.warningsStored = await write(false);
  }
  result.timings.write = (performance.now() - writeStarted) / 1000;
  addCounts(result, done);
  result.written = true;
  progress.importing?.done(result.rows);
  return result;
}
