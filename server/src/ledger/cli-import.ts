/**
 * `pnpm earshot import <file.csv> [--kind invoices|payments] [--batch 2000] [--dry-run]`: validates the whole
 * file, then writes it in batches through the same import core as the `importLedger` mutation, then recomputes
 * the credit status of the accounts whose rows changed. Exit codes: 0 ok, 1 rejected or failed, 2 bad arguments.
 */
import fs from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import type { Backend } from '../cli/commands.js';
import type { CliIO } from '../cli/io.js';
import { COLUMN_MAPPING, type LedgerCsvKind } from './csv.js';
import { type FileProblem, type FileResult, validateLedgerFile, writeLedgerFile } from './file-import.js';
import { MAX_BATCH_ROWS } from './import.js';
import { createProgress } from './progress.js';

const mapping = (kind: LedgerCsvKind) =>
  COLUMN_MAPPING[kind].map((c) => `    ${c.headers[0]}${c.required ? '' : ' (optional)'}: ${c.description}; also ${c.headers.slice(1).join(', ') || '—'}`).join('\n');

export const IMPORT_HELP = `Usage: pnpm earshot import <file.csv> [--kind invoices|payments] [--batch 2000] [--dry-run]

Imports an AR export of invoices or of payments (one kind per file; the kind is told from the headers, or
--kind). Delimiter , ; or tab, detected from the header line; amounts with "." as decimal point; dates YYYY-MM-DD.

  1. Validate: the whole file is read and checked against the database first. Any problem rejects the file:
     every problem is listed with its line ("line 17, amount: …"), nothing is written, exit code 1.
  2. Write: in batches of --batch rows (default 2000, at most ${MAX_BATCH_ROWS}), each in one short transaction.
  3. Recompute the credit status of the accounts whose rows changed.

Idempotent: rows are matched by their external id; a row already stored as sent is left alone, so running the
same file again changes nothing. Resumable: if a run fails or is interrupted during the write (Ctrl-C stops after
the current batch), run the same command again — batches already written count as unchanged, the rest are written.
Trade-off: the file is all-or-nothing for validation, not one transaction; a run killed hard between two batches
leaves the earlier batches written (complete and consistent) until it is re-run. Credit status is recomputed at the
end of a run (also after Ctrl-C or a failed batch); after a hard kill, the accounts of the batches already written
are refreshed at their next recompute, not by the re-run (it finds those rows unchanged). Memory is bounded by the
batch size (plus one entry per external id, to find duplicates across the whole file).

--dry-run   validate and report what would be created, updated or left unchanged; write nothing.

Warnings: valid rows that look wrong are written, then listed after the counts, each with its line (and kept for
the credit team until acknowledged: ledgerWarnings in the API): OVERPAYMENT (cash beyond everything open: a credit
balance), MISAPPLIED_PAYMENT (more than its invoice, settling others), DUPLICATE_PAYMENT, DUPLICATE_INVOICE,
NEW_CURRENCY, CREDIT_NOTE_UNMATCHED (applies_to names no invoice of the account in that currency). Rows dated
in the future (after tomorrow, UTC) are errors.

Invoice columns (first header name, then accepted alternatives):
${mapping('invoices')}
Payment columns:
${mapping('payments')}`;

const fmt = (n: number) => n.toLocaleString('en-US');

function printProblems(io: CliIO, file: string, result: FileResult, what: string): void {
  io.err(`${file}: ${fmt(result.problemCount)} problem${result.problemCount === 1 ? '' : 's'} in ${fmt(result.rows)} rows; ${what}`);
  const show = (p: FileProblem) => `  line ${p.line}${p.field ? `, ${p.field}` : ''}: ${p.message}`;
  for (const p of result.problems.slice(0, 200)) io.err(show(p));
  if (result.problemCount > 200) io.err(`  … and ${fmt(result.problemCount - 200)} more`);
}

/** Every warning with its line, then one line of counts by kind. */
function printWarnings(io: CliIO, file: string, result: FileResult, stored: boolean): void {
  if (!result.warningCount) return;
  for (const w of result.warnings) io.out(`  line ${w.line}, ${w.kind}: ${w.message}`);
  if (result.warningCount > result.warnings.length) io.out(`  … and ${fmt(result.warningCount - result.warnings.length)} more`);
  const byKind = new Map<string, number>();
  for (const w of result.warnings) byKind.set(w.kind, (byKind.get(w.kind) ?? 0) + 1);
  const kinds = [...byKind].map(([k, n]) => `${fmt(n)} ${k}`).join(', ');
  const where = stored ? `; ${fmt(result.warningsStored)} new for the credit team (ledgerWarnings)` : ' (dry run: not recorded)';
  io.out(`${file}: ${fmt(result.warningCount)} warning${result.warningCount === 1 ? '' : 's'}: ${kinds}${where}`);
}

function summary(result: FileResult, verb: 'would be' | 'were'): string {
  const c = result.counts;
  const part = (kind: string, created: number, updated: number, unchanged: number) =>
    `${fmt(created + updated + unchanged)} ${kind}: ${fmt(created)} created, ${fmt(updated)} updated, ${fmt(unchanged)} unchanged`;
  const rows =
    result.kind === 'payments'
      ? part('payments', c.paymentsCreated, c.paymentsUpdated, c.paymentsUnchanged)
      : part('invoices', c.invoicesCreated, c.invoicesUpdated, c.invoicesUnchanged);
  return `${rows} (${verb === 'were' ? '' : 'dry run: '}${fmt(result.touchedAccountIds.size)} accounts ${verb} touched)`;
}

function parse(argv: string[], cwd: string) {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: { kind: { type: 'string' }, batch: { type: 'string' }, 'dry-run': { type: 'boolean' }, help: { type: 'boolean', short: 'h' } },
  });
  if (values.help) return { help: true as const };
  const [file, ...extra] = positionals;
  if (!file || extra.length) throw new Error('import needs exactly one file, e.g. pnpm earshot import invoices.csv');
  if (values.kind !== undefined && values.kind !== 'invoices' && values.kind !== 'payments') throw new Error('--kind must be invoices or payments');
  const batchSize = values.batch === undefined ? 2000 : Number(values.batch);
  if (!Number.isInteger(batchSize) || batchSize < 1 || batchSize > MAX_BATCH_ROWS) throw new Error(`--batch must be a whole number from 1 to ${MAX_BATCH_ROWS}`);
  // Relative to the folder the user ran the command from (pnpm runs scripts in server/; cli/io.ts userCwd).
  const resolved = path.resolve(cwd, file);
  if (!fs.existsSync(resolved) || !fs.statSync(resolved).isFile()) throw new Error(`no such file: ${file} (looked for ${resolved})`);
  return { help: false as const, file, resolved, kind: values.kind as LedgerCsvKind | undefined, batchSize, dryRun: !!values['dry-run'] };
}

export async function runImportCommand(argv: string[], io: CliIO, backend: Backend): Promise<number> {
  let args: ReturnType<typeof parse>;
  try {
    args = parse(argv, io.cwd);
  } catch (e) {
    io.err(`earshot import: ${(e as Error).message}\nRun "pnpm earshot import --help" for usage.`);
    return 2;
  }
  if (args.help) {
    io.out(IMPORT_HELP);
    return 0;
  }
  const { file, resolved, kind, batchSize, dryRun } = args;
  return backend.withDb('import', async (db, services) => {
    let stop = false;
    const stopListening = io.onInterrupt(() => {
      stop = true;
      io.err('\nstopping after the current batch (run the same command again to finish)…');
    });
    try {
      const options = { ...(kind ? { kind } : {}), batchSize, source: path.basename(file) };
      const checked = await validateLedgerFile(db.prisma, resolved, options, createProgress('validating', io.progress));
      if (checked.problemCount) {
        printProblems(io, file, checked, 'nothing was written.');
        return 1;
      }
      if (dryRun) {
        io.out(`${file}: ${summary(checked, 'would be')}`);
        printWarnings(io, file, checked, false);
        return 0;
      }
      const written = await writeLedgerFile(db.prisma, resolved, options, createProgress('importing', io.progress), () => stop);
      // Even after a failed batch, the batches before it are committed: recompute their accounts now.
      if (written.touchedAccountIds.size) {
        io.err(`recomputing the credit status of ${fmt(written.touchedAccountIds.size)} accounts…`);
        await services.accountsChanged([...written.touchedAccountIds], 'ledger.import');
      }
      if (written.problemCount) {
        printWarnings(io, file, written, true);
        printProblems(io, file, written, 'the file changed, or the data changed, after validation; earlier batches were written. Fix and re-run.');
        return 1;
      }
      io.out(`${file}: ${summary(written, 'were')}${written.stopped ? ' — stopped early; re-run to finish' : ''}`);
      printWarnings(io, file, written, true);
      return written.stopped ? 1 : 0;
    } finally {
      stopListening();
    }
  });
}
