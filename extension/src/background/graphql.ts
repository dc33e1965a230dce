/**
 * The service worker's only way to the server: the named documents of `OPERATIONS`, run through an urql client
 * (fetch exchange only — caching of resolved pages is done per page context in tabs.ts, and mutations must
 * never be served from a cache). No caller can pass a document or a URL path: this is not a GraphQL proxy.
 */
import { OPERATIONS, type OperationName } from '@earshot/shared';
import { type AnyVariables, type Client, type CombinedError, createClient, fetchExchange } from '@urql/core';
import { graphqlEndpoint } from '../lib/server-url.js';
import type { OperationData } from './operation-types.js';

/**
 * How a failed operation is treated:
 * - `unauthenticated`: 401 or `UNAUTHENTICATED` — the session is over, the user must sign in again.
 * - `unreachable`: no HTTP answer (offline, DNS, refused, timeout) — keep last good data, retry later.
 * - `server`: HTTP 5xx, or 429 / `RATE_LIMITED` (the server's rate limits) — transient, retry later; a queued
 *   capture is kept and delivered once the limit's window has passed.
 * - `rejected`: the server refused the request itself (4xx, `BAD_USER_INPUT`, `FORBIDDEN`…) — retrying the same
 *   request cannot help.
 * - `error`: any other GraphQL error (a resolver failed) — shown with its message; the queue retries it.
 */
export type FailureKind = 'unauthenticated' | 'unreachable' | 'server' | 'rejected' | 'error';

export type OperationOutcome<T> = { ok: true; data: T } | { ok: false; kind: FailureKind; message: string; code?: string };

/** GraphQL error codes after which the same request will fail again (graphql-yoga / Pothos / Apollo conventions). */
const REJECTED_CODES = new Set([
  'BAD_USER_INPUT',
  'BAD_REQUEST',
  'GRAPHQL_VALIDATION_FAILED',
  'GRAPHQL_PARSE_FAILED',
  'VALIDATION_ERROR',
  'FORBIDDEN',
  'NOT_FOUND',
  'PERSISTED_QUERY_NOT_SUPPORTED',
]);

export interface GraphqlGatewayOptions {
  /**
   * The fetch the fetch exchange uses.
   * @defaultValue `globalThis.fetch`
   */
  fetch?: typeof fetch;
  /**
   * Milliseconds before a request counts as unreachable. A server that accepts the connection and never answers
   * would otherwise leave the panel loading for minutes.
   * @defaultValue 15000
   */
  timeoutMs?: number;
}

export class GraphqlGateway {
  private readonly clients = new Map<string, Client>();
  private readonly fetchImpl: typeof fetch;
  private readonly timeoutMs: number;

  constructor(options: GraphqlGatewayOptions = {}) {
    this.fetchImpl = options.fetch ?? ((input, init) => globalThis.fetch(input, init));
    this.timeoutMs = options.timeoutMs ?? 15_000;
  }

  /** Runs the named operation against `serverUrl`, with the bearer token when there is one. */
  async run<N extends OperationName>(
    serverUrl: string,
    token: string | null,
    name: N,
    variables: Record<string, unknown> = {},
  ): Promise<OperationOutcome<OperationData[N]>> {
    const document = OPERATIONS[name];
    const client = this.client(serverUrl);
    const headers: Record<string, string> = token ? { authorization: `Bearer ${token}` } : {};
    const context = { requestPolicy: 'network-only' as const, fetchOptions: { headers } };
    const isMutation = /^\s*mutation\b/.test(document);
    let result: { data?: unknown; error?: CombinedError | undefined };
    try {
      result = isMutation
        ? await client.mutation(document, variables as AnyVariables, context).toPromise()
        : await client.query(document, variables as AnyVariables, context).toPromise();
    } catch (error) {
      return { ok: false, kind: 'unreachable', message: describeNetworkError(error) };
    }
    if (result.error) return classifyError(result.error);
    if (result.data == null) return { ok: false, kind: 'error', message: 'The server sent an empty answer.' };
    return { ok: true, data: result.data as OperationData[N] };
  }

  private client(serverUrl: string): Client {
    let client = this.clients.get(serverUrl);
    if (!client) {
      client = createClient({
        url: graphqlEndpoint(serverUrl),
        exchanges: [fetchExchange],
        fetch: this.timedFetch,
        // POST always: the AccountCard document is long, and a token never belongs in a URL or a GET log line.
        preferGetMethod: false,
        requestPolicy: 'network-only',
      });
      this.clients.set(serverUrl, client);
    }
    return client;
  }

  private readonly timedFetch: typeof fetch = (input, init) => {
    const timeout = AbortSignal.timeout(this.timeoutMs);
    const signal = init?.signal ? AbortSignal.any([init.signal, timeout]) : timeout;
    return this.fetchImpl(input, { ...init, signal, credentials: 'omit' });
  };
}

export function classifyError(error: CombinedError): { ok: false; kind: FailureKind; message: string; code?: string } {
  const status = (error.response as { status?: number } | undefined)?.status;
  const first = error.graphQLErrors[0];
  const code = error.graphQLErrors.map((e) => e.extensions?.code).find((c): c is string => typeof c === 'string');
  const gqlMessage = error.graphQLErrors.map((e) => e.message).join('; ');
  if (status === 401 || code === 'UNAUTHENTICATED') {
    return { ok: false, kind: 'unauthenticated', message: gqlMessage || 'Your session has ended: sign in again.', code: 'UNAUTHENTICATED' };
  }
  if (status === 429 || code === 'RATE_LIMITED') {
    return { ok: false, kind: 'server', message: gqlMessage || 'The server is busy (too many requests): trying again later.', code: 'RATE_LIMITED' };
  }
  if (error.networkError && !first) {
    if (status !== undefined && status >= 500) return { ok: false, kind: 'server', message: `The server failed (HTTP ${status}).` };
    if (status !== undefined && status >= 400) return { ok: false, kind: 'rejected', message: `The server refused the request (HTTP ${status}).` };
    if (status !== undefined && status >= 200 && status < 300) {
      // An HTML page or other non-GraphQL body: the address is probably not an Earshot server.
      return { ok: false, kind: 'error', message: 'The server sent an answer that is not GraphQL.' };
    }
    return { ok: false, kind: 'unreachable', message: describeNetworkError(error.networkError) };
  }
  if (status !== undefined && status >= 500) return { ok: false, kind: 'server', message: gqlMessage || `The server failed (HTTP ${status}).` };
  if ((code && REJECTED_CODES.has(code)) || (status !== undefined && status >= 400)) {
    return { ok: false, kind: 'rejected', message: gqlMessage || `The server refused the request (HTTP ${status}).`, ...(code ? { code } : {}) };
  }
  return { ok: false, kind: 'error', message: gqlMessage || error.message, ...(code ? { code } : {}) };
}

function describeNetworkError(error: unknown): string {
  const name = error instanceof Error ? error.name : '';
  if (name === 'TimeoutError' || name === 'AbortError') return 'The server did not answer in time.';
  return 'The server cannot be reached.';
}
