import { Kind } from 'graphql';
import { parseIsoDay } from '../domain/calendar.js';
import { formatTwo, MAX_AMOUNT, tryParseAmountInput } from '../domain/money.js';
import { builder } from './builder.js';
import { badInput } from './errors.js';

const DECIMAL = /^-?\d{1,16}(\.\d{1,2})?$/;

/** Money as a decimal string with up to 2 decimals ("50000.00"). Never a float on the wire. */
builder.scalarType('Decimal', {
  description: `A decimal number serialized as a string with two decimals, e.g. "50000.00". Money is never a float. At most ${MAX_AMOUNT} either way.`,
  serialize: (value) => {
    if (typeof value === 'string') return Number.isNaN(Number(value)) ? value : formatTwo(value);
    return value.toFixed(2);
  },
  parseValue: (value) => parseDecimal(value),
  parseLiteral: (ast) => {
    if (ast.kind === Kind.STRING || ast.kind === Kind.INT) return parseDecimal(ast.value);
    throw badInput('Decimal values are strings like "1234.50"');
  },
});

function parseDecimal(value: unknown): string {
  const s = typeof value === 'number' && Number.isInteger(value) ? String(value) : value;
  if (typeof s !== 'string' || !DECIMAL.test(s.trim())) {
    throw badInput(`Invalid decimal ${JSON.stringify(value)}: use a string with at most 2 decimals, e.g. "1234.50"`);
  }
  if (tryParseAmountInput(s.trim()) === null) throw badInput(`Decimal ${JSON.stringify(value)} is larger than ${MAX_AMOUNT}, the largest amount accepted`);
  return formatTwo(s.trim());
}

/** Dates outside these years are typing mistakes or probes ("0000-01-01" broke the database). */
export const DATE_TIME_YEARS = { min: 1900, max: 2999 } as const;

builder.scalarType('DateTime', {
  description: `An ISO 8601 date-time in UTC, e.g. "2026-11-22T09:30:00.000Z", in the years ${DATE_TIME_YEARS.min}–${DATE_TIME_YEARS.max}.`,
  serialize: (value) => (value instanceof Date ? value.toISOString() : new Date(value).toISOString()),
  parseValue: (value) => {
    if (typeof value !== 'string' || value.length > 64) throw badInput('DateTime values are ISO 8601 strings');
    const d = new Date(value);
    if (Number.isNaN(d.getTime()) || !/^\d{4}-\d{2}-\d{2}/.test(value)) throw badInput(`Invalid date-time ${JSON.stringify(value)}`);
    // `new Date` rolls what does not exist over ("2026-02-30" → 2 March, "2026-04-31T10:00:00+02:00" → 1 May):
    // the date and time as written must exist (the same check as ledger dates, domain/calendar.ts parseIsoDay).
    if (parseIsoDay(value) === null) throw badInput(`Invalid date-time ${JSON.stringify(value)}: that date or time does not exist (use YYYY-MM-DD or YYYY-MM-DDTHH:MM:SSZ)`);
    const year = d.getUTCFullYear();
    if (year < DATE_TIME_YEARS.min || year > DATE_TIME_YEARS.max)
      throw badInput(`Date-time ${JSON.stringify(value)} is outside the years ${DATE_TIME_YEARS.min}–${DATE_TIME_YEARS.max}`);
    return d;
  },
});

builder.scalarType('JSON', {
  description: 'Arbitrary JSON (evidence, structured details).',
  serialize: (value) => value,
  parseValue: (value) => value,
});
