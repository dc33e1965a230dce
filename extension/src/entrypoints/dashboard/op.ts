/**
 * The page's one way to the server: a named operation run by the service worker (`op/run`), which holds the
 * token. The page never sees a token, a URL or a GraphQL document.
 */
import type { OperationName } from '@earshot/shared';
import type { OperationData } from '@/background/operation-types';
import { send } from '@/lib/send';

/** The server (or the worker) refused: `kind` as the worker classifies it, `code` the server's error code. */
export class OpError extends Error {
  override name = 'OpError';
  constructor(
    message: string,
    readonly kind: string,
    readonly code?: string,
  ) {
    super(message);
  }
}

export async function runOp<N extends OperationName>(operation: N, variables: Record<string, unknown> = {}, accountId?: string): Promise<OperationData[N]> {
  const result = await send('op/run', { operation, variables, ...(accountId ? { accountId } : {}) });
  if (!result.ok) throw new OpError(result.error, result.kind, result.code);
  return result.data as OperationData[N];
}

/** What to tell the user about a failure: what happened and, where it helps, what to do. */
export function describeFailure(error: unknown): string {
  if (error instanceof OpError) {
    if (error.kind === 'unauthenticated') return 'Your session has ended. Sign in again in Earshot settings.';
    if (error.kind === 'unreachable') return `Can't reach the Earshot server. ${error.message}`;
    if (error.code === 'FORBIDDEN') return 'Your role does not give access to this.';
    if (error.code === 'NOT_FOUND') return 'It no longer exists, or you cannot see it.';
    return error.message;
  }
  return error instanceof Error ? error.message : String(error);
}
