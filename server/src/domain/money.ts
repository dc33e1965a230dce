/**
 * Money as integer minor units: hundredths of the currency's major unit ("cents"), held in a `number`.
 * Integers are exact up to 2^53 (≈ 90 trillion major units), so sums of a ledger never drift the way
 * 0.1 + 0.2 does. The scale is fixed at 2 decimals for every currency: JPY 1500 is stored as 150000, and
 * 3-decimal currencies (KWD, BHD) are accepted only to 2 decimals — a deliberate limit of the first version.
 */

/** Amount in hundredths of the major unit. Negative = owed to the customer (credit note, unapplied cash). */
export type MinorUnits = number;

// Optional sign, digits, optional 1–2 decimals. No thousands separators: "1,234" is one thousand two hundred
// and thirty-four in one export and one point two three four in another, so guessing would corrupt amounts.
const AMOUNT = /^([+-])?(\d+)(?:\.(\d{1,2}))?$/;
// Accounting exports write negatives as "(123.45)".
const PARENTHESISED = /^\((.*)\)$/;

/** Minor units of a decimal amount string, or null when it is not one (garbage, >2 decimals, too large). */
export function tryParseMoney(raw: string): MinorUnits | null {
  let text = raw.trim();
  let negative = false;
  const paren = PARENTHESISED.exec(text);
  if (paren) {
    text = (paren[1] ?? '').trim();
    negative = true;
    if (/^[+-]/.test(text)) return null;
  }
  const m = AMOUNT.exec(text);
  if (!m) return null;
  const digits = `${m[2]}${(m[3] ?? '').padEnd(2, '0')}`;
  const value = Number(digits);
  if (!Number.isSafeInteger(value)) return null;
  const sign = negative || m[1] === '-' ? -1 : 1;
  // `|| 0` turns -0 into 0 so "-0.00" serialises and compares like zero.
  return sign * value || 0;
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

/** An amount with its currency for sentences people read: "EUR 1234.50". */
export function describeMoney(minor: MinorUnits, currency: string): string {
  return `${currency} ${formatMoney(minor)}`;
}
