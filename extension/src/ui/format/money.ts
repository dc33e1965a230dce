/**
 * Money arrives from the server as decimal strings ("50000.00"). Arithmetic (bar widths, utilisation) is done on
 * BigInt minor units so no float ever rounds a customer's balance; display goes through Intl, which formats a
 * numeric string exactly (ES2023 Intl.NumberFormat v3) instead of converting it to a double first.
 */
import type { Decimal } from '@/lib/types';

const DECIMAL = /^([+-])?(\d+)(?:\.(\d+))?$/;

/** Scale used for minor units: four places covers every ISO currency and rates stored with extra precision. */
const SCALE = 4;

/** The decimal as an integer number of 1/10⁴ units, or null when the string is not a plain decimal. */
export function toMinorUnits(value: Decimal | null | undefined): bigint | null {
  if (value == null) return null;
  const m = DECIMAL.exec(value.trim());
  if (!m) return null;
  const [, sign, whole = '0', fraction = ''] = m;
  const digits = (fraction + '0'.repeat(SCALE)).slice(0, SCALE);
  const units = BigInt(whole) * 10n ** BigInt(SCALE) + BigInt(digits);
  return sign === '-' ? -units : units;
}

export function isDecimal(value: string | null | undefined): value is Decimal {
  return value != null && DECIMAL.test(value.trim());
}

/** part / whole in basis points (0–10000), clamped; 0 when whole is zero or either value is unreadable. */
export function shareBasisPoints(part: Decimal | null | undefined, whole: Decimal | null | undefined): number {
  const p = toMinorUnits(part);
  const w = toMinorUnits(whole);
  if (p == null || w == null || w <= 0n || p <= 0n) return 0;
  const bp = (p * 10000n) / w;
  return Number(bp > 10000n ? 10000n : bp);
}

/** Sum of decimals, as a decimal string with four places (for totals that are only displayed or compared). */
export function sumDecimals(values: readonly (Decimal | null | undefined)[]): Decimal {
  let total = 0n;
  for (const v of values) total += toMinorUnits(v) ?? 0n;
  return fromMinorUnits(total);
}

export function fromMinorUnits(units: bigint): Decimal {
  const negative = units < 0n;
  const abs = negative ? -units : units;
  const base = 10n ** BigInt(SCALE);
  const whole = abs / base;
  const fraction = (abs % base).toString().padStart(SCALE, '0');
  return `${negative ? '-' : ''}${whole}.${fraction}`;
}

export function isPositive(value: Decimal | null | undefined): boolean {
  const u = toMinorUnits(value);
  return u != null && u > 0n;
}

const formatters = new Map<string, Intl.NumberFormat>();

function formatter(currency: string, compact: boolean, locale: string | undefined): Intl.NumberFormat {
  const key = `${locale ?? ''}|${currency}|${compact}`;
  let f = formatters.get(key);
  if (!f) {
    let options: Intl.NumberFormatOptions = compact
      ? { style: 'currency', currency, notation: 'compact', maximumFractionDigits: 1 }
      : { style: 'currency', currency };
    try {
      f = new Intl.NumberFormat(locale, options);
    } catch {
      // An unknown currency code must not break the panel: show the code beside a plain number instead.
      options = compact ? { notation: 'compact', maximumFractionDigits: 1 } : { minimumFractionDigits: 2, maximumFractionDigits: 2 };
      const plain = new Intl.NumberFormat(locale, options);
      f = { format: (v: Intl.StringNumericLiteral) => `${plain.format(v)} ${currency}` } as Intl.NumberFormat;
    }
    formatters.set(key, f);
  }
  return f;
}

export interface FormatMoneyOptions {
  /** "€1.2M" instead of "€1,200,000.00"; the exact figure belongs in a title attribute. */
  compact?: boolean;
  locale?: string;
}

/** "€50,000.00" from "50000.00" and "EUR". Returns an em dash for null or unreadable values. */
export function formatMoney(value: Decimal | null | undefined, currency: string, options: FormatMoneyOptions = {}): string {
  if (!isDecimal(value)) return '—';
  return formatter(currency, options.compact ?? false, options.locale).format(value.trim() as Intl.StringNumericLiteral);
}
