/**
 * Which acknowledgement covers which guardrail flag. An acknowledgement is for the words flagged *in their
 * sentence*: acknowledging "I promise" in "I promise to send the statement by Friday." must not let
 * "I promise the limit goes to 200k." through later (an outside tester's finding). So each flag carries the
 * field it was found in (subject / body of the follow-up, or the notes), offsets into that field, and a
 * fingerprint of its sentence, normalised (case, spacing, a leading bullet) so re-wrapping a line keeps it.
 * Pure: node:crypto only hashes.
 */
import { createHash } from 'node:crypto';
import type { GuardrailFlag } from './visit-guardrails.js';

/** Where a flag was found: the follow-up's subject or body, or a note. */
export type FlagField = 'subject' | 'body' | 'notes';

export interface PlacedFlag extends GuardrailFlag {
  field: FlagField;
  /** SHA-256 (hex) of the normalised sentence containing the flag. */
  context: string;
}

const BOUNDARY = /[.!?]+(?=\s|$)|\n/g;

/** The sentence of `text` around [start, end): from the previous sentence end or line break to the next. */
export function sentenceAround(text: string, start: number, end: number): string {
  let from = 0;
  let to = text.length;
  for (const m of text.matchAll(BOUNDARY)) {
    const stop = m.index + m[0].length;
    if (stop <= start) from = stop;
    else if (m.index >= end) {
      to = stop;
      break;
    }
  }
  return text.slice(from, to);
}

export function normaliseSentence(sentence: string): string {
  return sentence
    .replace(/^\s*[-*•]\s*/, '')
    .replace(/\s+/g, ' ')
    .trim()
    .toLowerCase();
}

export function flagContext(text: string, start: number, end: number): string {
  return createHash('sha256').update(normaliseSentence(sentenceAround(text, start, end))).digest('hex');
}

export function placeFlags(text: string, field: FlagField, flags: readonly GuardrailFlag[]): PlacedFlag[] {
  return flags.map((f) => ({ ...f, field, context: flagContext(text, f.start, f.end) }));
}

/** The follow-up as the guardrails read it: "subject", a blank line, "body" (what visitGuardrails is sent). */
export function splitFollowUpText(text: string): { subject: string; body: string } {
  const at = text.indexOf('\n\n');
  return at < 0 ? { subject: '', body: text } : { subject: text.slice(0, at), body: text.slice(at + 2) };
}

export interface AckKey {
  kind: string;
  excerpt: string;
  context: string;
}

export const isAcknowledged = (flag: AckKey, acks: readonly AckKey[]) => acks.some((a) => a.kind === flag.kind && a.excerpt === flag.excerpt && a.context === flag.context);
