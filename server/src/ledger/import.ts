/**
 * The ledger import core, shared by the `importLedger` mutation and `pnpm earshot import`:
 *
 * 1. look up what the batch refers to (one query per kind, lookups.ts) — outside any transaction;
 * 2. validate the whole batch with the domain's `validateLedgerBatch`; any error → return every error, write nothing;
 *    then the per-account bound on the ledger's total (totals.ts): past it → the whole batch is refused;
 * 3. plan: new rows, changed rows, unchanged rows (plan.ts) — re-sending a batch plans nothing; then the warnings
 *    of the created and changed rows (warnings.ts: overpayments, duplicates, a new currency…), dry runs included;
 * 4. write the plan, one audit event, the LedgerImport record with its new warnings and the recompute jobs of the
 *    accounts whose rows changed in one short transaction (write.ts, warnings.ts, jobs/recompute.ts): a commit
 *    always carries its recompute, even if the process dies the next instant; the next worker to start runs it;
 * 5. a batch that changes nothing still enqueues a recompute for the accounts it names whose credit status is
 *    older than their ledger (left by an earlier crash or a recompute that gave up): re-sending repairs them.
 *
 * Without a job queue (tests, `services.jobs` null) the recompute runs after commit through
 * `services.accountsChanged`; with `services` null (the CLI, which recomputes once per file) not at all.
 *
 * Upserts are keyed by external id, so a batch can be sent any number of times; a concurrent import that
 * creates the same external id between steps 1 and 4 makes the write fail on the unique index, and the batch is
 * then planned again once against the new state.
 */
import type { Viewer } from '../auth/tokens.js';
import type { Prisma } from '../db/client.js';
import type { LedgerRowError, RawInvoiceRow, RawPaymentRow } from '../domain/ledger-rows.js';
import type { LedgerRowWarning } from '../domain/ledger-warnings.js';
import { validateLedgerBatch } from '../domain/ledger-validation.js';
import { badInput } from '../graphql/errors.js';
import { audit } from '../services/audit.js';
import { enqueueRecomputeIn, staleAccountIds } from '../jobs/recompute.js';
import type { Services } from '../services/index.js';
import { checkRowLengths } from './limits.js';
import { type BatchLookups, isoDay, type LookupOptions, lookupLedgerBatch } from './lookups.js';
import { countsOf, isEmptyPlan, type LedgerCounts, planLedgerWrite } from './plan.js';
import { checkLedgerTotals, storedLedgerTotals } from './totals.js';
import { recordLedgerImport, warningsOfBatch } from './warnings.js';
import { isUniqueViolation, writeLedgerPlan } from './write.js';

/** Rows (invoices + payments) one batch may hold: about 2 MB of JSON, a few seconds of work at most. */
export const MAX_BATCH_ROWS = 10_000;

export interface LedgerBatch {
  invoices?: readonly RawInvoiceRow[];
  payments?: readonly RawPaymentRow[];
}

export interface LedgerImportDeps {
  prisma: Prisma;
  /**
   * Null: do not recompute (the caller does, e.g. the CLI once per file). With `jobs`, the recompute jobs are
   * enqueued in the write's transaction; without, `accountsChanged` runs after commit.
   */
  services: (Pick<Services, 'accountsChanged'> & Partial<Pick<Services, 'jobs'>>) | null;
}

export interface LedgerImportOptions extends LookupOptions {
  /** Validate and count what would change; write nothing. */
  dryRun?: boolean;
  /** Recorded in the audit event. */
  via: 'api' | 'cli';
  /**
   * Ledger totals (minor units) by account of earlier batches of the same file, validated but not yet written:
   * the CLI's validation pass passes one map to every batch, and each dry run that validates adds its own.
   */
  pendingTotals?: Map<string, number>;
  /** The server's clock: rows dated after its day are refused. Default: now (tests pin it). */
  now?: () => Date;
  /** Recorded with the import (LedgerImport.source): the CLI's file name. */
  source?: string;
  /** The CLI: one LedgerImport for all the batches of a file (each batch adds its rows and warnings to it). */
  importId?: string;
}

export type LedgerImportResult =
  | ({
      ok: true;
      dryRun: boolean;
      touchedAccountIds: string[];
      /** Accounts named by the batch whose rows did not change but whose status was older than their ledger. */
      staleAccountIds: string[];
      /** Warnings of the created and changed rows (also on a dry run); re-sent rows do not warn again. */
      warnings: LedgerRowWarning[];
      /** Of those, how many were new to the credit team's list (0 on a dry run). */
      warningsStored: number;
    } & LedgerCounts)
  | { ok: false; errors: LedgerRowError[] };

const TX_OPTIONS = { maxWait: 30_000, timeout: 120_000 } as const;

export function batchSize(batch: LedgerBatch): number {
  return (batch.invoices?.length ?? 0) + (batch.payments?.length ?? 0);
}

/**
 * Validation only (dry-run counts included): the first half of `importLedgerBatch`, and all of the file import's
 * validation (file-bulk.ts, which passes the whole file as one batch).
 */
export async function prepareLedgerBatch(prisma: Prisma, batch: LedgerBatch, options: LookupOptions & Pick<LedgerImportOptions, 'pendingTotals' | 'now'>) {
  const lookups = await lookupLedgerBatch(prisma, batch, options);
  const result = validateLedgerBatch(batch, lookups, { today: isoDay(options.now?.() ?? new Date()) });
  const lengthErrors = checkRowLengths(batch);
  if (!result.ok || lengthErrors.length) {
    const errors = [...(result.ok ? [] : result.errors), ...lengthErrors];
    // Invoices first, then payments, each in row order (the domain lists a row's errors in field order).
    errors.sort((a, b) => (a.kind === b.kind ? a.index - b.index : a.kind === 'INVOICE' ? -1 : 1));
    return { ok: false as const, errors };
  }
  const accountIds = [...new Set([...result.invoices, ...result.payments].map((r) => r.accountId))];
  const plan = planLedgerWrite(result, lookups);
  // The per-account bound on the ledger's total (domain/money.ts): checked on every batch that changes rows.
  const stored = isEmptyPlan(plan) ? new Map<string, number>() : await storedLedgerTotals(prisma, accountIds.concat(storedAccountsOf(lookups)), options.raw);
  const totals = isEmptyPlan(plan) ? { errors: [], deltas: new Map<string, number>() } : checkLedgerTotals(result, lookups, stored, options.pendingTotals);
  if (totals.errors.length) return { ok: false as const, errors: totals.errors, overLimit: true };
  const warnings = isEmptyPlan(plan) ? [] : await warningsOfBatch(prisma, result, plan, options.raw);
  return { ok: true as const, lookups, plan, accountIds, deltas: totals.deltas, warnings };
}

/** Accounts of the stored rows a batch re-sends (a row may move to another account). */
function storedAccountsOf(lookups: BatchLookups): string[] {
  return [...new Set([...[...lookups.invoices.values()].map((i) => i.accountId), ...[...lookups.payments.values()].map((p) => p.accountId)])];
}

export async function importLedgerBatch(
  deps: LedgerImportDeps,
  viewer: Viewer | null,
  batch: LedgerBatch,
  options: LedgerImportOptions,
): Promise<LedgerImportResult> {
  const rows = batchSize(batch);
  if (rows > MAX_BATCH_ROWS) {
    throw badInput(`A batch holds at most ${MAX_BATCH_ROWS} rows (invoices + payments); this one has ${rows}. Split it into several batches.`, 'input');
  }
  for (let attempt = 1; ; attempt++) {
    const prepared = await prepareLedgerBatch(deps.prisma, batch, options);
    if (!prepared.ok) {
      // A batch-level limit, like MAX_BATCH_ROWS: the API refuses the request; the CLI lists it with the line.
      if ('overLimit' in prepared && options.via === 'api') throw badInput(prepared.errors.map((e) => e.message).join('; '), 'input');
      return { ok: false, errors: prepared.errors };
    }
    if (options.dryRun && options.pendingTotals)
      for (const [id, d] of prepared.deltas) options.pendingTotals.set(id, (options.pendingTotals.get(id) ?? 0) + d);
    const { plan, lookups, warnings } = prepared;
    const counts = countsOf(plan);
    const changed = new Set(plan.touchedAccountIds);
    // Only for writes that recompute here (services null: the CLI recomputes once per file, after it).
    const stale = deps.services && !options.dryRun ? await staleAccountIds(deps.prisma, prepared.accountIds.filter((id) => !changed.has(id))) : [];
    const done = { ok: true as const, dryRun: !!options.dryRun, touchedAccountIds: plan.touchedAccountIds, staleAccountIds: stale, warnings, warningsStored: 0, ...counts };
    if (options.dryRun) return done;
    const auditData = { via: options.via, rows, ...counts, warnings: warnings.length };
    const record = { via: options.via, userId: viewer?.userId ?? null, source: options.source ?? null, rows, ...(options.importId ? { importId: options.importId } : {}) };
    const recompute = [...plan.touchedAccountIds, ...stale];
    const jobs = deps.services?.jobs ?? null;
    try {
      if (isEmptyPlan(plan) && !(jobs && stale.length)) await audit(deps.prisma, viewer, 'ledger.import', 'Ledger', null, auditData);
      else
        await deps.prisma.$transaction(async (tx) => {
          await writeLedgerPlan(tx, plan, lookups);
          await audit(tx, viewer, 'ledger.import', 'Ledger', null, auditData);
          // Only an import that writes rows is recorded (a re-sent batch, or one that only repairs stale statuses, is not).
          if (!isEmptyPlan(plan)) done.warningsStored = await recordLedgerImport(tx, record, warnings);
          if (jobs && recompute.length) await enqueueRecomputeIn(tx, jobs, recompute, 'ledger.import');
        }, TX_OPTIONS);
    } catch (e) {
      if (attempt === 1 && isUniqueViolation(e)) continue;
      throw e;
    }
    if (!jobs && recompute.length && deps.services) await deps.services.accountsChanged(recompute, 'ledger.import');
    return done;
  }
}
