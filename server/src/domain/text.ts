/**
 * Text that cannot be stored: a NUL byte (PostgreSQL text cannot hold it: "22021 invalid byte sequence for
 * encoding UTF8: 0x00"), other C0 control characters except tab, line feed and carriage return, and lone UTF-16
 * surrogates (not encodable as UTF-8). One predicate for every way text comes in: the GraphQL input sanitiser
 * (graphql/input-sanitiser.ts) and the CSV import (ledger/csv.ts).
 */
// biome-ignore lint/suspicious/noControlCharactersInRegex: finding control characters is the point.
const FORBIDDEN_CONTROL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F]/;
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/** Why this text cannot be accepted, or null when it can. */
export function textProblem(value: string): string | null {
  const control = FORBIDDEN_CONTROL.exec(value);
  if (control) return `contains the control character U+${control[0].charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')}`;
  if (LONE_SURROGATE.test(value)) return 'contains an unpaired UTF-16 surrogate (not valid Unicode)';
  return null;
}
