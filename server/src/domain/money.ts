/**
 * Money as integer minor units: hundredths of the currency's major unit ("cents"), held in a `number`.
 * Integers are exact up to 2^53 (≈ 90 trillion major units), so sums of a ledger never drift the way
 * 0.1 + 0.2 does. The scale is fixed at 2 decimals for every currency: JPY 1500 is stored as 150000, and
 * 3-decimal currencies (KWD, BHD) are accepted only to 2 decimals — a deliberate limit of the first version.
 */

/** Amount in hundredths of the major unit. Negative = owed to the customer (credit note, unapplied cash). */
export type MinorUnits = number;

/**
 * The largest amount Earshot accepts anywhere (an invoice, a payment, a credit limit): 10,000,000,000.00, i.e.
 * 10^12 minor units, either sign. Sums stay exact integers while below 2^53 ≈ 9.007 × 10^15, so any sum of up
 * to 9,007 amounts at this maximum — and any realistic ledger, whose amounts are far smaller — stays exact;
 * above it (e.g. a 60,000,000,000,000.00 invoice) exposure and status sums could leave the safe range.
 */
export const MAX_AMOUNT_MINOR = 1_000_000_000_000;
/** MAX_AMOUNT_MINOR as the decimal string people read and send. */
export const MAX_AMOUNT = '10000000000.00';

/**
 * The largest total one account's ledger may reach: the sum of |amount| over its invoices and payments, at most
 * 10,000,000,000,000.00 (10^15 minor units). Every money sum the credit code computes for an account (exposure,
 * overdue, aging buckets, invoiced, paid, available credit = limit − exposure) is a signed sum of a subset of
 * those amounts, plus at most one limit, so its absolute value stays ≤ 10^15 + MAX_AMOUNT_MINOR — well below
 * 2^53 ≈ 9.007 × 10^15, where integer sums stop being exact and formatMoney refuses them. The per-amount
 * bound alone does not ensure this: 10,000 invoices at MAX_AMOUNT (one allowed batch) total 10^16. Imports
 * (API and CLI) refuse a batch that would take an account past it (ledger/totals.ts).
 */
export const MAX_LEDGER_TOTAL_MINOR = 1_000_000_000_000_000;
/** MAX_LEDGER_TOTAL_MINOR for messages, with thousands separators. */
export const MAX_LEDGER_TOTAL = '10,000,000,000,000.00';

// Optional sign, digits, optional 1–2 decimals. No thousands separators: "1,234" is one thousand two hundred
// and thirty-four in one export and one point two three four in another, so guessing would corrupt amounts.
const AMOUNT = /^([+-])?(\d+)(?:\.(\d{1,2}))?$/;
// Accounting exports write negatives as "(123.45)".
const PARENTHESISED = /^\((.*)\)$/;

type Parsed = { value: MinorUnits } | { problem: 'syntax' | 'too-large' };

function parseAmount(raw: string, max: number): Parsed {
  let text = raw.trim();
  let negative = false;
  const paren = PARENTHESISED.exec(text);
  if (paren) {
    text = (paren[1] ?? '').trim();
    negative = true;
    if (/^[+-]/.test(text)) return { problem: 'syntax' };
  }
  const m = AMOUNT.exec(text);
  if (!m) return { problem: 'syntax' };
  const digits = `${m[2]}${(m[3] ?? '').padEnd(2, '0')}`;
  const value = Number(digits);
  if (!Number.isSafeInteger(value) || value > max) return { problem: 'too-large' };
  const sign = negative || m[1] === '-' ? -1 : 1;
  // `|| 0` turns -0 into 0 so "-0.00" serialises and compares like zero.
  return { value: sign * value || 0 };
}

/**
 * Minor units of a decimal amount string, or null when it is not one (garbage, >2 decimals, not an exact
 * integer). For amounts read back from the database; amounts coming in use tryParseAmountInput.
 */
export function tryParseMoney(raw: string): MinorUnits | null {
  const parsed = parseAmount(raw, Number.MAX_SAFE_INTEGER);
  return 'value' in parsed ? parsed.value : null;
}

/** Like tryParseMoney, and null beyond ±MAX_AMOUNT: for every amount entering Earshot (API, CSV, scalar). */
export function tryParseAmountInput(raw: string): MinorUnits | null {
  const parsed = parseAmount(raw, MAX_AMOUNT_MINOR);
  return 'value' in parsed ? parsed.value : null;
}

/** Why a text is not an accepted input amount, as the end of a sentence ("amount "x" …"). */
export function moneyProblem(raw: string): string {
  const parsed = parseAmount(raw, MAX_AMOUNT_MINOR);
  if ('value' in parsed) return 'is an amount';
  return parsed.problem === 'too-large' ? `is larger than ${MAX_AMOUNT}, the largest amount accepted` : 'is not a decimal amount with at most 2 decimals';
}

/** `parseMoney("1234.50") → 123450`. Throws a RangeError naming the input when it is not an amount. */
export function parseMoney(raw: string): MinorUnits {
  const value = tryParseMoney(raw);
  if (value === null) throw new RangeError(`Not an amount with at most 2 decimals: ${JSON.stringify(raw)}`);
  return value;
}

/** `formatMoney(123450) → "1234.50"`, `formatMoney(-5) → "-0.05"`. The inverse of parseMoney. */
export function formatMoney(minor: MinorUnits): string {
  if (!Number.isSafeInteger(minor)) throw new RangeError(`Not an integer amount of minor units: ${minor}`);
  const abs = Math.abs(minor);
  const major = Math.floor(abs / 100);
  const cents = String(abs % 100).padStart(2, '0');
  return `${minor < 0 ? '-' : ''}${major}.${cents}`;
}

/**
 * An amount with its currency for sentences people read, grouped in thousands as the panel shows money:
 * "EUR 1,234.50", "EUR -36,000.00".
 */
export function describeMoney(minor: MinorUnits, currency: string): string {
  const [whole = '0', cents = '00'] = formatMoney(minor).split('.');
  const negative = whole.startsWith('-');
  const digits = negative ? whole.slice(1) : whole;
  return `${currency} ${negative ? '-' : ''}${digits.replace(/\B(?=(\d{3})+(?!\d))/g, ',')}.${cents}`;
}

/** "12" → "12.00", "12.5" → "12.50", "12.345" → "12.34" (a valid decimal string; it runs for every amount served). */
export function formatTwo(value: string): string {
  const dot = value.indexOf('.');
  if (dot === -1) return `${value}.00`;
  const decimals = value.length - dot - 1;
  if (decimals === 2) return value;
  if (decimals > 2) return value.slice(0, dot + 3);
  return decimals === 1 ? `${value}0` : `${value}00`;
}
