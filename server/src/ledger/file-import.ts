/**
 * Importing a ledger CSV file in two streaming passes over it, both through the import core (import.ts):
 *
 * 1. validate: every batch is validated against the database without writing (dry run), and external ids
 *    are checked for duplicates across the whole file; any problem → the file is rejected, nothing written;
 * 2. write: the same batches again, each upserted in its own short transaction.
 *
 * So a file is all-or-nothing as far as validation goes, while memory and transaction length stay bounded by
 * the batch size (a single transaction over a 1M-row file would hold the embedded database for minutes). If the
 * write pass is interrupted, re-running the same file is safe: batches already written are unchanged by the
 * upsert and counted as such, and the rest are written.
 */
import type { Prisma } from '../db/client.js';
import type { LedgerRowError, RawInvoiceRow, RawPaymentRow } from '../domain/ledger-rows.js';
import type { LedgerRowWarning } from '../domain/ledger-warnings.js';
import type { LedgerCsvKind } from './csv.js';
import { type FileBatch, readLedgerFileBatches } from './file-batches.js';
import { importLedgerBatch } from './import.js';
import type { LedgerCounts } from './plan.js';
import type { Progress } from './progress.js';
import { uuidv7 } from './write.js';

export interface FileProblem {
  line: number;
  field?: string;
  message: string;
}

export interface FileOptions {
  kind?: LedgerCsvKind;
  batchSize: number;
  /** The file's name as recorded with the import (LedgerImport.source). */
  source?: string;
}

export interface FileWarning {
  line: number;
  kind: LedgerRowWarning['kind'];
  externalId: string;
  message: string;
}

export interface FileResult {
  kind: LedgerCsvKind | null;
  rows: number;
  counts: Omit<LedgerCounts, 'accountsTouched'>;
  touchedAccountIds: Set<string>;
  problems: FileProblem[];
  /** All problems, also those beyond the ones kept. */
  problemCount: number;
  /** Warnings of the rows created or changed (the write pass; on validation, what it would warn), in file order. */
  warnings: FileWarning[];
  /** All warnings, also those beyond the ones kept; and how many were new to the credit team's list. */
  warningCount: number;
  warningsStored: number;
  /** The write pass stopped on request (SIGINT) after a complete batch. */
  stopped: boolean;
}

/** Problems kept for the report; the count covers all. */
export const MAX_KEPT_PROBLEMS = 1000;
/** Warnings kept for the report; the count covers all. */
export const MAX_KEPT_WARNINGS = 10_000;

const LABEL = /^(?:Invoice|Payment) row \d+(?: \(line \d+\))?(?: ".*?")?: /;

export function toProblem(e: LedgerRowError): FileProblem {
  return { line: e.line ?? 0, field: e.field, message: e.message.replace(LABEL, '') };
}

export function emptyResult(): FileResult {
  const counts = { invoicesCreated: 0, invoicesUpdated: 0, invoicesUnchanged: 0, paymentsCreated: 0, paymentsUpdated: 0, paymentsUnchanged: 0 };
  return { kind: null, rows: 0, counts, touchedAccountIds: new Set(), problems: [], problemCount: 0, warnings: [], warningCount: 0, warningsStored: 0, stopped: false };
}

export function addProblems(result: FileResult, problems: readonly FileProblem[]): void {
  result.problemCount += problems.length;
  for (const p of problems) if (result.problems.length < MAX_KEPT_PROBLEMS) result.problems.push(p);
}

export function addCounts(result: FileResult, counts: LedgerCounts & { touchedAccountIds: string[]; warnings: LedgerRowWarning[]; warningsStored: number }): void {
  for (const key of Object.keys(result.counts) as (keyof FileResult['counts'])[]) result.counts[key] += counts[key];
  for (const id of counts.touchedAccountIds) result.touchedAccountIds.add(id);
  result.warningCount += counts.warnings.length;
  result.warningsStored += counts.warningsStored;
  for (const w of counts.warnings)
    if (result.warnings.length < MAX_KEPT_WARNINGS) result.warnings.push({ line: w.line ?? 0, kind: w.kind, externalId: w.externalId, message: w.message });
}

/** Drops rows whose external id appeared earlier in the file (any batch), reporting each with both lines. */
export function dropDuplicates<T extends RawInvoiceRow | RawPaymentRow>(rows: T[], seen: Map<string, number>, problems: FileProblem[]): T[] {
  return rows.filter((row) => {
    const id = row.externalId.trim();
    if (!id) return true;
    const first = seen.get(id);
    if (first !== undefined) {
      problems.push({ line: row.line ?? 0, field: 'externalId', message: `externalId "${id}" is already on line ${first}` });
      return false;
    }
    seen.set(id, row.line ?? 0);
    return true;
  });
}

async function eachBatch(path: string, options: FileOptions, result: FileResult, progress: Progress | undefined, fn: (b: FileBatch) => Promise<boolean>) {
  for await (const batch of readLedgerFileBatches(path, options)) {
    result.kind = batch.kind;
    result.rows += batch.records;
    const goOn = await fn(batch);
    progress?.update(result.rows, batch.fraction);
    if (!goOn) return;
  }
  progress?.done(result.rows);
}

/** Pass 1: every problem of the file, and what writing it would change. Writes nothing. */
export async function validateLedgerFile(prisma: Prisma, path: string, options: FileOptions, progress?: Progress): Promise<FileResult> {
  const result = emptyResult();
  const seen = new Map<string, number>();
  // What the batches validated so far would add to each account's ledger total (they are not written yet).
  const pendingTotals = new Map<string, number>();
  await eachBatch(path, options, result, progress, async (batch) => {
    const problems: FileProblem[] = batch.csvErrors.map((e) => ({ line: e.line, ...(e.field ? { field: e.field } : {}), message: e.message }));
    const invoices = dropDuplicates(batch.invoices, seen, problems);
    const payments = dropDuplicates(batch.payments, seen, problems);
    const checked = await importLedgerBatch({ prisma, services: null }, null, { invoices, payments }, { via: 'cli', dryRun: true, pendingTotals });
    if (checked.ok) addCounts(result, checked);
    else problems.push(...checked.errors.map(toProblem));
    addProblems(result, problems.sort((a, b) => a.line - b.line));
    return true;
  });
  if (result.problemCount) result.touchedAccountIds.clear();
  return result;
}

/** Pass 2: writes batch by batch; stops at the first batch that no longer validates (the file or the data changed). */
export async function writeLedgerFile(
  prisma: Prisma,
  path: string,
  options: FileOptions,
  progress?: Progress,
  shouldStop: () => boolean = () => false,
): Promise<FileResult> {
  const result = emptyResult();
  // One LedgerImport for the whole file, however many batches write.
  const record = { ...(options.source ? { source: options.source } : {}), importId: uuidv7() };
  await eachBatch(path, options, result, progress, async (batch) => {
    if (batch.csvErrors.length) {
      addProblems(result, batch.csvErrors);
      return false;
    }
    const written = await importLedgerBatch({ prisma, services: null }, null, batch, { via: 'cli', ...record });
    if (!written.ok) {
      addProblems(result, written.errors.map(toProblem));
      return false;
    }
    addCounts(result, written);
    if (shouldStop()) result.stopped = true;
    return !result.stopped;
  });
  return result;
}
