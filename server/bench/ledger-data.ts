/**
 * Synthetic ledger rows for the benchmarks (no real data): `invoices` invoices spread over `accounts` customers
 * and two years, about 3% credit notes, and payments for most of the rest (some partial). Deterministic.
 */
import type { RawInvoiceRow, RawPaymentRow } from '../src/domain/ledger-rows.js';
import { formatMoney } from '../src/domain/money.js';
import { mulberry32 as prng } from '../src/seed/random.js';

export interface BenchLedger {
  accountExternalIds: string[];
  invoices: RawInvoiceRow[];
  payments: RawPaymentRow[];
}

const DAY = 86_400_000;
const START = Date.UTC(2024, 0, 1);
const iso = (day: number) => new Date(START + day * DAY).toISOString().slice(0, 10);
const pad = (n: number, width: number) => String(n).padStart(width, '0');

export function generateLedger(invoiceCount: number, accountCount: number, seed = 42): BenchLedger {
  const random = prng(seed);
  const accountExternalIds = Array.from({ length: accountCount }, (_, i) => `BENCH-CUST-${pad(i + 1, 5)}`);
  const invoices: RawInvoiceRow[] = [];
  const payments: RawPaymentRow[] = [];
  for (let i = 0; i < invoiceCount; i++) {
    const externalId = `BENCH-INV-${pad(i + 1, 7)}`;
    const issued = Math.floor((i / invoiceCount) * 700);
    const creditNote = random() < 0.03;
    const amount = Math.round(10_000 + random() * 1_990_000) * (creditNote ? -1 : 1);
    invoices.push({
      externalId,
      account: { externalId: accountExternalIds[Math.floor(random() * accountCount)]! },
      number: `B-${pad(i + 1, 7)}`,
      currency: 'EUR',
      amount: formatMoney(amount),
      issuedAt: iso(issued),
      dueAt: creditNote ? '' : iso(issued + 30),
    });
    const paid = random();
    if (creditNote || paid > 0.9) continue;
    const partial = paid > 0.8;
    payments.push({
      externalId: `BENCH-PAY-${pad(i + 1, 7)}`,
      invoiceExternalId: externalId,
      amount: formatMoney(partial ? Math.round(amount / 2) : amount),
      receivedAt: iso(issued + 10 + Math.floor(random() * 50)),
    });
  }
  return { accountExternalIds, invoices, payments };
}

export function batches<T>(rows: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < rows.length; i += size) out.push(rows.slice(i, i + size));
  return out;
}
