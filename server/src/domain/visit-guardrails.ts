/**
 * Guardrails from seed 004's "don'ts", checked on visit notes and on the follow-up draft as edited.
 * STUB — the guardrails branch implements it (pure: no database).
 */
import type { GuardrailKind } from '@earshot/shared';

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
  /** Every other customer in the database (or the candidates found for this text). */
  others: readonly KnownCustomer[];
}

export function findGuardrailFlags(_text: string, _context: GuardrailContext): GuardrailFlag[] {
  return [];
}
