/** The figures behind an alert (its `evidence`), in words with formatted money: never raw metric keys or cents. */
import type { AlertEvidence, Decimal } from '@/lib/types';
import { formatDays } from './figures';
import { formatMoney, isDecimal } from './money';

const MONEY_LABEL: Readonly<Record<string, string>> = {
  amount: 'Overdue',
  exposure: 'Exposure',
  creditLimit: 'Credit limit',
  medianAmount: 'Median invoice',
};

const DAYS_LABEL: Readonly<Record<string, string>> = {
  oldestDaysPastDue: 'oldest past due',
  change: 'later than their norm',
  recentLateness: 'lately beyond terms',
  baselineLateness: 'before beyond terms',
  quietDays: 'no contact for',
  cadenceDays: 'cadence',
  daysOverdue: 'review overdue by',
};

function money(value: unknown, currency: string | undefined): string | null {
  const text = typeof value === 'number' ? value.toFixed(2) : typeof value === 'string' ? value : null;
  if (!isDecimal(text) || !currency) return null;
  return formatMoney(text as Decimal, currency);
}

/**
 * "Overdue €36,000.00", "Exposure €212,000.00", "oldest past due 97 days", "3 invoices". The server sends amounts as
 * decimal strings in major units; `currency` is the alert's own (metrics.currency) or else the account's.
 */
export function evidenceLines(evidence: AlertEvidence | null | undefined, accountCurrency?: string): string[] {
  if (!evidence) return [];
  const metrics = evidence.metrics ?? {};
  const currency = typeof metrics.currency === 'string' ? metrics.currency : accountCurrency;
  const out: string[] = [];
  for (const [key, value] of Object.entries(metrics)) {
    const label = MONEY_LABEL[key];
    if (label) {
      const m = money(value, currency);
      if (m) out.push(`${label} ${m}`);
    }
  }
  // A currency without a rate is named in its own money ("USD.amount").
  for (const [key, value] of Object.entries(metrics)) {
    const own = /^([A-Z]{3})\.amount$/.exec(key)?.[1];
    if (own && own !== currency) {
      const m = money(value, own);
      if (m) out.push(`in ${own}: ${m}`);
    }
  }
  for (const [key, value] of Object.entries(metrics)) {
    const label = DAYS_LABEL[key];
    if (label && typeof value === 'number') out.push(`${label} ${formatDays(value)}`);
  }
  const invoices = evidence.invoiceIds?.length ?? 0;
  if (invoices) out.push(`${invoices} ${invoices === 1 ? 'invoice' : 'invoices'}`);
  const signals = evidence.signalIds?.length ?? 0;
  if (signals) out.push(`${signals} ${signals === 1 ? 'signal' : 'signals'}`);
  return out;
}
