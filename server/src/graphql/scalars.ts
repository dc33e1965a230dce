import { Kind } from 'graphql';
import { builder } from './builder.js';
import { badInput } from './errors.js';

const DECIMAL = /^-?\d{1,16}(\.\d{1,2})?$/;

/** Money as a decimal string with up to 2 decimals ("50000.00"). Never a float on the wire. */
builder.scalarType('Decimal', {
  description: 'A decimal number serialized as a string with two decimals, e.g. "50000.00". Money is never a float.',
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

function formatTwo(value: string): string {
  const [int, frac = ''] = value.split('.');
  return `${int}.${(frac + '00').slice(0, 2)}`;
}

function parseDecimal(value: unknown): string {
  const s = typeof value === 'number' && Number.isInteger(value) ? String(value) : value;
  if (typeof s !== 'string' || !DECIMAL.test(s.trim())) {
    throw badInput(`Invalid decimal ${JSON.stringify(value)}: use a string with at most 2 decimals, e.g. "1234.50"`);
  }
  return formatTwo(s.trim());
}

builder.scalarType('DateTime', {
  description: 'An ISO 8601 date-time in UTC, e.g. "2026-11-22T09:30:00.000Z".',
  serialize: (value) => (value instanceof Date ? value.toISOString() : new Date(value).toISOString()),
  parseValue: (value) => {
    if (typeof value !== 'string') throw badInput('DateTime values are ISO 8601 strings');
    const d = new Date(value);
    if (Number.isNaN(d.getTime()) || !/^\d{4}-\d{2}-\d{2}/.test(value)) throw badInput(`Invalid date-time "${value}"`);
    return d;
  },
});

builder.scalarType('JSON', {
  description: 'Arbitrary JSON (evidence, structured details).',
  serialize: (value) => value,
  parseValue: (value) => value,
});
