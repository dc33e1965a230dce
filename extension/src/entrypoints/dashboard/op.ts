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
    // A token that lacks a scope is told which ("This token lacks the scope signals:write"): the server says so.
    if (error.code === 'FORBIDDEN') return /^This token lacks the scopes? /.test(error.message) ? `${error.message}.` : 'Your role does not give access to this.';
    if (error.code === 'NOT_FOUND') return 'It no longer exists, or you cannot see it.';
    return readableMessage(error.message).message;
  }
  return error instanceof Error ? error.message : String(error);
}

/** The input field a refusal names (`outcomeNote` for "input.outcomeNote: is required…"), when it names one. */
export function failureField(error: unknown): string | null {
  return error instanceof OpError && error.kind !== 'unauthenticated' && error.kind !== 'unreachable' ? readableMessage(error.message).field : null;
}

// "input.outcomeNote: is required…" (the server's validation path, then the message).
const FIELD_PATH = /^([A-Za-z]\w*(?:\.\w+)+|input): (.+)$/s;

/** "outcomeNote" → "Outcome note". */
function fieldLabel(name: string): string {
  const words = name.replace(/([a-z0-9])([A-Z])/g, '$1 $2').toLowerCase();
  return words.charAt(0).toUpperCase() + words.slice(1);
}

/**
 * A server message as the user reads it: without the leading input path, capitalised; a message that only makes
 * sense after the field's name ("is required when escalating…") gets the field's name in words.
 */
export function readableMessage(raw: string): { field: string | null; message: string } {
  const match = FIELD_PATH.exec(raw.trim());
  if (!match) return { field: null, message: raw };
  const path = match[1] as string;
  const rest = (match[2] as string).trim();
  const field = path.split('.').slice(1).filter((part) => !/^\d+$/.test(part)).pop() ?? null;
  if (!rest) return { field, message: raw };
  const first = rest.charAt(0);
  const message = first === first.toLowerCase() && first !== first.toUpperCase() && field ? `${fieldLabel(field)} ${rest}` : first.toUpperCase() + rest.slice(1);
  return { field, message };
}
