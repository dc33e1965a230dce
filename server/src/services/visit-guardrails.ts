/**
 * Guardrail check of a visit's text against the database's customers (the domain rules in
 * domain/visit-guardrails.ts). STUB — the guardrails branch implements it.
 */
import type { Prisma } from '../db/client.js';
import type { GuardrailFlag } from '../domain/visit-guardrails.js';

export async function checkVisitText(_prisma: Prisma, _input: { accountId: string; text: string }): Promise<GuardrailFlag[]> {
  return [];
}
