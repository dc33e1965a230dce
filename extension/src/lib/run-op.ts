/**
 * Extension pages: run a named page operation through the service worker (`op/run`), typed by its data. Never
 * throws: a worker that does not answer becomes `{ ok: false, kind: 'unreachable' }`, so a form can keep what the
 * user typed and offer to retry.
 */
import type { OperationName } from '@earshot/shared';
import type { OperationData } from '../background/operation-types.js';
import { send } from './send.js';

export type OpOutcome<N extends OperationName> = { ok: true; data: OperationData[N] } | { ok: false; kind: string; error: string; code?: string };

export async function runOp<N extends OperationName>(operation: N, variables: Record<string, unknown>, accountId?: string): Promise<OpOutcome<N>> {
  try {
    const result = await send('op/run', { operation, variables, ...(accountId ? { accountId } : {}) });
    return result.ok ? { ok: true, data: result.data as OperationData[N] } : result;
  } catch (error) {
    return { ok: false, kind: 'unreachable', error: error instanceof Error ? error.message : String(error) };
  }
}

/** Whether a failure means "not sent, try again" (server or worker away) rather than "the server said no". */
export function isRetryable(outcome: { ok: false; kind: string }): boolean {
  return outcome.kind === 'unreachable' || outcome.kind === 'server';
}

/** A fresh idempotency key (one per form: a retry of the same answer reuses it). */
export function newIdempotencyKey(): string {
  return crypto.randomUUID();
}
