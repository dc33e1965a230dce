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

// The characters that make a spreadsheet read a cell as a formula (OWASP "CSV injection"). Checked after NFKC
// normalisation, so the full-width ＝ ＋ － ＠ (which a spreadsheet may fold to their ASCII forms) count, and after
// trimming, so a leading space, tab or CR cannot hide one.
const FORMULA_START = /^[=+\-@]/;
const LEADING_INVISIBLE = /^[\s\p{Cf}]+/u;

/**
 * The character a value starts with when a spreadsheet opening an export would run it as a formula (`=cmd|x`,
 * `@SUM(…)`, `＝HYPERLINK(…)`), or null. One rule for every stored identifier or name that is exported: the ledger
 * import's ids (ledger-validation.ts) and an account's name and external id, a contact's name (services/validation.ts).
 */
export function formulaStart(value: string): string | null {
  // Fast path (the ledger import checks three ids a row): a value that starts with an ASCII letter or digit starts
  // with a letter or digit after NFKC too (composition only merges it with combining marks that follow), and has
  // nothing invisible in front.
  const first = value.charCodeAt(0);
  if ((first >= 48 && first <= 57) || (first >= 65 && first <= 90) || (first >= 97 && first <= 122)) return null;
  // Invisible format characters (zero-width space, joiners, BOM, bidi marks) in front count as nothing: on screen
  // "\u200b=HYPERLINK(…)" reads as a formula, and some tools strip them before evaluating.
  const shown = (v: string) => v.replace(LEADING_INVISIBLE, '');
  if (!FORMULA_START.test(shown(value.normalize('NFKC')))) return null;
  // Named as the value has it (a full-width ＝ stays ＝ in the message).
  return String.fromCodePoint(shown(value).codePointAt(0) ?? 0x3d);
}

/** Why a value cannot be stored because it would run as a formula, or null. */
export function formulaProblem(value: string): string | null {
  const start = formulaStart(value);
  return start === null ? null : `starts with "${start}", which a spreadsheet runs as a formula; it may not start with =, +, - or @`;
}
