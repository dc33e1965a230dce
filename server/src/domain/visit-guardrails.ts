/**
 * Guardrails from seed 004's "don'ts", checked on visit notes and on the follow-up draft as edited:
 * COMMITMENT (promises: "we guarantee", "we'll raise your credit limit", "you have my word"), NEGATIVE_ABOUT_US
 * (blaming colleagues or our own processes) — phrase rules in visit-guardrail-phrases.ts — and OTHER_CUSTOMER
 * (another account's name or domain) — visit-guardrail-customers.ts. Pure: the service hands in the customers.
 *
 * Deliberately not flagged: an apology for a specific mistake ("we made an error on invoice 123 and will correct
 * it") is professional; blaming people or processes is not. Possibilities and follow-up actions ("we could look
 * at", "I will take it to the team", "we will send you the statement") are what the seed recommends.
 */
import type { GuardrailKind } from '@earshot/shared';
import { buildCustomerIndex, type CustomerIndex, findOtherCustomers } from './visit-guardrail-customers.js';
import { findPhraseMatches } from './visit-guardrail-phrases.js';

export { buildCustomerIndex, type CustomerIndex, upsertCustomers } from './visit-guardrail-customers.js';

export interface GuardrailFlag {
  kind: GuardrailKind;
  /** The words flagged, as written (a short excerpt of the text). */
  excerpt: string;
  /** Why, in words ("A promise: the customer may hold us to it. Say you will take it to the team."). */
  reason: string;
  /** Character offsets of the excerpt in the text checked. */
  start: number;
  end: number;
}

/** Another customer, as the name index knows it. */
export interface KnownCustomer {
  accountId: string;
  name: string;
  domains: readonly string[];
}

export interface GuardrailContext {
  /** The visited customer: never flagged as "another customer". */
  visited: KnownCustomer;
  /** Every other customer (the visited one may be among them: it is skipped), or an index built once by buildCustomerIndex. */
  others: readonly KnownCustomer[] | CustomerIndex;
}

/** The longest text checked (a visit's notes or its follow-up draft). */
export const GUARDRAIL_TEXT_MAX = 20_000;

/** Longest excerpt shown; offsets still cover the whole match. */
export const EXCERPT_MAX = 160;

/** The words as written, runs of white space (a line break in notes) as one space, so an acknowledged excerpt matches again. */
function excerptOf(text: string, start: number, end: number): string {
  const words = text.slice(start, end).replace(/\s+/g, ' ').trim();
  if (words.length <= EXCERPT_MAX) return words;
  const cut = words.slice(0, EXCERPT_MAX - 1);
  const space = cut.lastIndexOf(' ');
  return `${space > EXCERPT_MAX / 2 ? cut.slice(0, space) : cut}…`;
}

interface Found {
  kind: GuardrailKind;
  start: number;
  end: number;
  reason: string;
}

/** Overlapping matches of one kind become one flag (the reason of the one that starts first). */
function merge(found: Found[]): Found[] {
  const sorted = [...found].sort((a, b) => a.start - b.start || b.end - a.end);
  const out: Found[] = [];
  const lastOfKind = new Map<GuardrailKind, Found>();
  for (const f of sorted) {
    const last = lastOfKind.get(f.kind);
    if (last && f.start < last.end) {
      last.end = Math.max(last.end, f.end);
      continue;
    }
    const copy = { ...f };
    out.push(copy);
    lastOfKind.set(f.kind, copy);
  }
  return out;
}

function isIndex(others: GuardrailContext['others']): others is CustomerIndex {
  return !Array.isArray(others) && 'byLeadingWords' in others;
}

export function findGuardrailFlags(text: string, context: GuardrailContext): GuardrailFlag[] {
  const index = isIndex(context.others) ? context.others : buildCustomerIndex(context.others as readonly KnownCustomer[]);
  const found: Found[] = [
    ...findPhraseMatches(text),
    ...findOtherCustomers(text, context.visited, index).map((m) => ({ ...m, kind: 'OTHER_CUSTOMER' as const })),
  ];
  return merge(found).map((f) => ({ kind: f.kind, excerpt: excerptOf(text, f.start, f.end), reason: f.reason, start: f.start, end: f.end }));
}
