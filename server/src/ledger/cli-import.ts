/**
 * `pnpm earshot import <file.csv> [--kind invoices|payments] [--batch 2000] [--dry-run]`: validates the whole
 * file, then writes it in one transaction (file-bulk.ts) and, in that same transaction, recomputes the credit
 * status of the accounts whose rows changed (and of any left stale before): the new rows and their accounts'
 * statuses commit together. Exit codes: 0 ok, 1 rejected or failed, 2 bad arguments.
 */
import fs from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import type { Backend } from '../cli/commands.js';
import type { CliIO } from '../cli/io.js';
import { consoleLog } from '../events/log.js';
import type { Prisma as P } from '../generated/prisma/client.js';
import { allStaleAccountIds } from '../jobs/recompute.js';
import { recomputeAccountsInTransaction, type TransactionRecomputeResult } from '../services/credit.js';
import { describeFailure, type Services } from '../services/index.js';
import { COLUMN_MAPPING, type LedgerCsvKind } from './csv.js';
import { importLedgerFile } from './file-bulk.js';
import type { FileProblem, FileResult } from './file-import.js';
import { MAX_BATCH_ROWS } from './import.js';
import { createProgress } from './progress.js';

const mapping = (kind: LedgerCsvKind) =>
  COLUMN_MAPPING[kind].map((c) => `    ${c.headers[0]}${c.required ? '' : ' (optional)'}: ${c.description}; also ${c.headers.slice(1).join(', ') || '—'}`).join('\n');

export const IMPORT_HELP = `Usage: pnpm earshot import <file.csv> [--kind invoices|payments] [--batch 2000] [--dry-run]

Imports an AR export of invoices or of payments (one kind per file; the kind is told from the headers, or
--kind). Delimiter , ; or tab, detected from the header line; amounts with "." as decimal point; dates YYYY-MM-DD.

  1. Validate: the whole file is read and checked against the database first. Any problem rejects the file:
     every problem is listed with its line ("line 17, amount: …"), nothing is written, exit code 1.
  2. Write: the whole file in one transaction (new invoices loaded with COPY, changed rows and payments staged
     with COPY, then upserted set-based). --batch (default 2000, at most ${MAX_BATCH_ROWS}) only sets how many rows
     are read at a time.
  3. Recompute, in that same transaction, the credit status of the accounts whose rows changed: the new rows and
     their accounts' statuses become visible together, at the commit.

Idempotent: rows are matched by their external id; a row already stored as sent is left alone, so running the
same file again changes nothing. All-or-nothing: the file is written whole or not at all. Resumable: if a run fails
or is interrupted (Ctrl-C before the write starts stops without writing), run the same command again. An account
whose recompute fails is named and keeps its old status (the file's rows are written all the same); running the
command again (any file, even one that changes nothing) recomputes every account left stale, and a running server
does so at start and within 10 minutes. Memory: the whole file's rows are held (measured peak: 50,000 rows about 480 MB,
200,000 rows about 1 GB).

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

/**
 * After the commit: the live events of the statuses written (a running server's subscriptions and webhooks; none in
 * the CLI's own process), and each account whose recompute failed, named. Those keep their old status, older than
 * their ledger: a running server's job queue is asked to retry them now; otherwise the next import or a server's
 * stale sweep recomputes them.
 */
async function afterCommit(services: Services, recompute: TransactionRecomputeResult): Promise<void> {
  const log = services.log ?? consoleLog;
  try {
    await recompute.publish(services.events);
  } catch (err) {
    log('publishing the recomputed accounts (ledger.import) failed; their statuses are saved', describeFailure(err));
  }
  if (!recompute.failed.size) return;
  for (const [id, err] of recompute.failed) {
    log(`recompute of account ${id} (ledger.import) failed; the import is saved, the account's credit status is stale until recomputed`, describeFailure(err));
  }
  if (!services.jobs) return;
  try {
    await services.accountsChanged([...recompute.failed.keys()], 'ledger.import');
  } catch (err) {
    log('could not enqueue the retry of the failed recomputes (ledger.import); the stale sweep will find them', describeFailure(err));
  }
}

/**
 * With EARSHOT_IMPORT_TIMINGS=1 the command ends by printing its phases to stderr as one JSON line (seconds since the
 * process started: loaded, database open and checked, rows written (the recompute starts, in the same transaction),
 * imported (committed), recomputed (events and failures handled after the commit)); `pnpm bench import-file` reads it.
 */
function phaseClock() {
  const marks: Record<string, number> = {};
  const on = process.env.EARSHOT_IMPORT_TIMINGS === '1';
  return {
    mark: (name: string) => {
      if (on) marks[name] = Math.round(process.uptime() * 1000) / 1000;
    },
    print: (io: CliIO) => {
      if (on) io.err(`import timings ${JSON.stringify(marks)}`);
    },
  };
}

export async function runImportCommand(argv: string[], io: CliIO, backend: Backend): Promise<number> {
  const clock = phaseClock();
  clock.mark('loaded');
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
    clock.mark('opened');
    let stop = false;
    const stopListening = io.onInterrupt(() => {
      stop = true;
      io.err('\nstopping: nothing is written if validation has not finished; a write under way completes…');
    });
    try {
      // Accounts an earlier run (or any other write) committed and never recomputed: a run killed after its commit is
      // healed by running it again, even when the file then changes nothing. Found before the write transaction
      // opens (a pass over the whole ledger), recomputed inside it with the file's touched accounts.
      const staleBefore = dryRun ? [] : await allStaleAccountIds(db.prisma);
      const recompute = async (tx: P.TransactionClient, touched: readonly string[]): Promise<TransactionRecomputeResult | null> => {
        clock.mark('written');
        const touchedSet = new Set(touched);
        const stale = staleBefore.filter((id) => !touchedSet.has(id));
        if (!touched.length && !stale.length) return null;
        const earlier = stale.length ? ` (${fmt(stale.length)} left stale by an earlier run)` : '';
        io.err(`recomputing the credit status of ${fmt(touched.length + stale.length)} accounts${earlier}, in the import's transaction…`);
        return recomputeAccountsInTransaction(tx, [...touched, ...stale], { asOf: new Date() });
      };
      const options = { ...(kind ? { kind } : {}), batchSize, source: path.basename(file), dryRun, shouldStop: () => stop, afterWrite: recompute };
      const result = await importLedgerFile(db, resolved, options, {
        validating: createProgress('validating', io.progress),
        ...(dryRun ? {} : { importing: createProgress('importing', io.progress) }),
      });
      clock.mark('imported');
      if (result.problemCount) {
        printProblems(io, file, result, 'nothing was written.');
        return 1;
      }
      if (dryRun) {
        io.out(`${file}: ${summary(result, 'would be')}`);
        printWarnings(io, file, result, false);
        return 0;
      }
      if (!result.written) {
        io.err(`${file}: stopped before writing; nothing was written.`);
        return 1;
      }
      if (result.afterWrite) await afterCommit(services, result.afterWrite);
      clock.mark('recomputed');
      io.out(`${file}: ${summary(result, 'were')}`);
      printWarnings(io, file, result, true);
      return 0;
    } finally {
      stopListening();
      clock.print(io);
    }
  });
}
