/**
 * The per-account bound on a ledger's total (domain/money.ts MAX_LEDGER_TOTAL_MINOR): the sum of |amount| over
 * an account's stored invoices and payments, with the batch's rows added (new rows) or swapped in (changed
 * rows), must stay within it, so every sum the credit code computes for that account stays an exact integer.
 * A batch that would take an account past it is refused whole; a batch that lowers an account's total (one
 * already past the bound before it existed) is let through so the ledger can be corrected.
 */
import type { Prisma } from '../db/client.js';
import type { LedgerRowError, LedgerRowKind, ValidInvoice, ValidPayment } from '../domain/ledger-rows.js';
import { MAX_LEDGER_TOTAL, MAX_LEDGER_TOTAL_MINOR } from '../domain/money.js';
import type { BatchLookups, RawQuery } from './lookups.js';

/**
 * Sum of |amount| (minor units) of each account's stored invoices and payments. Beyond 2^53: approximate, still past
 * the bound. `raw`: the database's own driver (the file import), the ids as one array parameter.
 */
export async function storedLedgerTotals(prisma: Prisma, accountIds: readonly string[], raw?: RawQuery): Promise<Map<string, number>> {
  const totals = new Map<string, number>(accountIds.map((id) => [id, 0]));
  if (!accountIds.length) return totals;
  const run = raw ?? (<T>(sql: string, params: readonly unknown[]) => prisma.$queryRawUnsafe<T[]>(sql, ...params));
  const rows = await run<{ accountId: string; total: string }>(
    `SELECT t."accountId", (sum(t.a) * 100)::text AS total FROM (
      SELECT i."accountId", abs(i."amount") AS a FROM "Invoice" i WHERE i."accountId" = ANY($1::text[])
      UNION ALL
      SELECT i."accountId", abs(p."amount") FROM "Payment" p JOIN "Invoice" i ON i."id" = p."invoiceId" WHERE i."accountId" = ANY($1::text[])
    ) t GROUP BY t."accountId"`,
    [[...new Set(accountIds)]],
  );
  for (const r of rows) totals.set(r.accountId, Number(r.total));
  return totals;
}

interface Step {
  kind: LedgerRowKind;
  index: number;
  line?: number;
  accountId: string;
  delta: number;
}

/**
 * Errors for the accounts the batch would take past the bound (one each, on the row where its running total
 * first goes past), and each account's change of total. `pending`: totals added by earlier batches of the same
 * file that are validated but not yet written (the CLI's validation pass).
 */
export function checkLedgerTotals(
  valid: { invoices: readonly ValidInvoice[]; payments: readonly ValidPayment[] },
  lookups: BatchLookups,
  stored: ReadonlyMap<string, number>,
  pending?: ReadonlyMap<string, number>,
): { errors: LedgerRowError[]; deltas: Map<string, number> } {
  const steps: Step[] = [];
  valid.invoices.forEach((row, index) => {
    const before = lookups.invoices.get(row.externalId);
    if (before && before.accountId !== row.accountId) steps.push({ kind: 'INVOICE', index, accountId: before.accountId, delta: -Math.abs(before.amount) });
    const minus = before && before.accountId === row.accountId ? Math.abs(before.amount) : 0;
    steps.push({ kind: 'INVOICE', index, line: row.line, accountId: row.accountId, delta: Math.abs(row.amount) - minus });
  });
  valid.payments.forEach((row, index) => {
    const before = lookups.payments.get(row.externalId);
    if (before && before.accountId !== row.accountId) steps.push({ kind: 'PAYMENT', index, accountId: before.accountId, delta: -Math.abs(before.amount) });
    const minus = before && before.accountId === row.accountId ? Math.abs(before.amount) : 0;
    steps.push({ kind: 'PAYMENT', index, line: row.line, accountId: row.accountId, delta: Math.abs(row.amount) - minus });
  });

  const deltas = new Map<string, number>();
  for (const s of steps) deltas.set(s.accountId, (deltas.get(s.accountId) ?? 0) + s.delta);
  const start = (id: string) => (stored.get(id) ?? 0) + (pending?.get(id) ?? 0);
  const over = new Set([...deltas].filter(([id, d]) => d > 0 && start(id) + d > MAX_LEDGER_TOTAL_MINOR).map(([id]) => id));
  const errors: LedgerRowError[] = [];
  const running = new Map<string, number>();
  for (const s of steps) {
    if (!over.has(s.accountId)) continue;
    const total = (running.get(s.accountId) ?? start(s.accountId)) + s.delta;
    running.set(s.accountId, total);
    if (total <= MAX_LEDGER_TOTAL_MINOR || s.delta <= 0) continue;
    over.delete(s.accountId);
    const where = s.line === undefined ? '' : ` (line ${s.line})`;
    errors.push({
      kind: s.kind,
      index: s.index,
      field: 'amount',
      message: `${s.kind === 'INVOICE' ? 'Invoice' : 'Payment'} row ${s.index + 1}${where}: account ${s.accountId}: its ledger would total more than ${MAX_LEDGER_TOTAL} (the sum of the absolute amounts of its invoices and payments; at most ${MAX_LEDGER_TOTAL} per account)`,
      ...(s.line === undefined ? {} : { line: s.line }),
    });
  }
  return { errors, deltas };
}
