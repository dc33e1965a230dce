/**
 * Input validation for every mutation: zod schemas whose failures become one GraphQL error naming the
 * field (`extensions.field`) with all problems listed in `extensions.issues`. Nothing is written when
 * validation fails, because validation runs before the transaction.
 */
import { normalizeDomain, normalizeEmail } from '@earshot/shared';
import { z } from 'zod';
import { formulaProblem } from '../domain/text.js';
import { badInput } from '../graphql/errors.js';

export const LIMITS = {
  name: 200,
  note: 5000,
  shortText: 500,
  url: 2048,
  domainsPerAccount: 50,
  whyTheyBuy: 10,
} as const;

export function validate<T extends z.ZodType>(schema: T, input: unknown, root = 'input'): z.infer<T> {
  const result = schema.safeParse(input);
  if (result.success) return result.data;
  const issues = result.error.issues.map((i) => ({ field: [root, ...i.path.map(String)].join('.'), message: i.message }));
  const first = issues[0]!;
  const err = badInput(`${first.field}: ${first.message}`, first.field);
  (err.extensions as Record<string, unknown>).issues = issues;
  throw err;
}

export const nonEmpty = (max: number) => z.string().trim().min(1, 'must not be empty').max(max, `must be at most ${max} characters`);
export const optionalText = (max: number) =>
  z
    .string()
    .trim()
    .max(max, `must be at most ${max} characters`)
    .nullish()
    .transform((v) => (v ? v : null));

/**
 * Text a spreadsheet would run as a formula when it opens an export (`=cmd|x`, full-width `＝…`): refused at the
 * door, the same rule as the ledger import's ids (domain/text.ts `formulaStart`), for an account's name and
 * external id and a contact's name.
 */
export const noFormula = <T extends z.ZodType<string | null | undefined>>(schema: T) =>
  schema.superRefine((value, ctx) => {
    const problem = typeof value === 'string' ? formulaProblem(value) : null;
    if (problem) ctx.addIssue({ code: 'custom', message: problem });
  });

export const domainSchema = z.string().transform((value, ctx) => {
  const d = normalizeDomain(value);
  if (!d) {
    const shown = value.length > 60 ? `${value.slice(0, 60)}…` : value;
    ctx.addIssue({ code: 'custom', message: `"${shown}" is not a valid domain (expected e.g. acme.example)` });
    return z.NEVER;
  }
  return d;
});

/**
 * An e-mail address as a strict subset of RFC 5322's addr-spec: a local part of dot-separated atoms of
 * letters, digits and . _ % + - (at most 64 characters), an @, and a domain of labels. No quoted local parts,
 * comments or IP literals, and nothing that means something in a URL (`?`, `&`, `/`, `=`, `#`, spaces):
 * "ap?bcc=attacker%40evil.example&body=…@acme-tools.example" is refused, so a mailto: built from it is safe.
 */
const EMAIL_ADDRESS = /^(?=[^@]{1,64}@)[a-z0-9_%+-]+(?:\.[a-z0-9_%+-]+)*@(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z][a-z0-9-]{0,61}[a-z0-9]$/i;

/** The normalised address (lower case, no `mailto:`) when `value` is an e-mail address by EMAIL_ADDRESS, else null. */
export function emailAddress(value: string): string | null {
  const e = normalizeEmail(value);
  return e && e.length <= 254 && EMAIL_ADDRESS.test(e) ? e : null;
}

export const emailSchema = z.string().transform((value, ctx) => {
  const e = emailAddress(value);
  if (!e) {
    ctx.addIssue({ code: 'custom', message: `"${value}" is not a valid e-mail address` });
    return z.NEVER;
  }
  return e;
});

export const urlSchema = z
  .string()
  .trim()
  .max(LIMITS.url)
  .refine((v) => {
    try {
      return ['http:', 'https:'].includes(new URL(v).protocol);
    } catch {
      return false;
    }
  }, 'must be an http(s) URL');

export const currencySchema = z
  .string()
  .trim()
  .toUpperCase()
  .regex(/^[A-Z]{3}$/, 'must be an ISO 4217 code such as EUR or USD');

export const countrySchema = z
  .string()
  .trim()
  .toUpperCase()
  .regex(/^[A-Z]{2}$/, 'must be an ISO 3166-1 alpha-2 code such as DE or US');

/** A decimal string (the Decimal scalar already normalised it) that must not be negative. */
export const nonNegativeMoney = z.string().refine((v) => !v.startsWith('-'), 'must not be negative');
