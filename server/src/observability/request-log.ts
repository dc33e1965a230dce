/**
 * One log line and the HTTP metrics per request, as two yoga plugins: `first` (before every other plugin, so a
 * request refused early — a rate limit, /metrics — still has its start time and id) and `last` (after the error
 * codes are set, yet before yoga masks unexpected errors, so the line carries the real error and its causes).
 *
 * The line: request id (echoed as `x-request-id`), user id, operation name and type, duration, HTTP status,
 * outcome and error codes — never the query text, variables, response body, e-mail addresses or tokens.
 */
import { type ExecutionResult, GraphQLError, getOperationAST, type OperationTypeNode } from 'graphql';
import { isAsyncIterable, maskError, type Plugin } from 'graphql-yoga';
import type { Viewer } from '../auth/tokens.js';
import type { Logger } from './logger.js';
import type { Metrics } from './metrics.js';
import { REQUEST_ID_HEADER, requestIdFrom } from './request-id.js';

const OPERATION_NAME = /^[A-Za-z_][A-Za-z0-9_]{0,63}$/;
/** Probes and scrapes: a line at debug level while they succeed, not one per probe in the production log. */
const QUIET_PATHS = new Set(['/healthz', '/readyz', '/metrics']);

interface RequestState {
  id: string;
  started: number;
  path: string;
  operation: string | null;
  operationType: OperationTypeNode | null;
  codes: Set<string>;
  unexpected: unknown[];
}

export interface RequestObservabilityOptions {
  logger: Logger;
  metrics: Metrics;
  graphqlEndpoint: string;
  viewerOf(request: Request): Promise<Viewer | null>;
}

function codesOf(result: unknown): string[] {
  const results = (Array.isArray(result) ? result : [result]) as ExecutionResult[];
  return results.flatMap((r) => (r?.errors ?? []).map((e) => String(e.extensions?.code ?? 'UNKNOWN')));
}

export function requestObservability(o: RequestObservabilityOptions): { first: Plugin; last: Plugin } {
  const states = new WeakMap<Request, RequestState>();
  const stateOf = (request: Request): RequestState => {
    let state = states.get(request);
    if (!state) {
      let path = '/';
      try {
        path = new URL(request.url).pathname;
      } catch {}
      state = { id: requestIdFrom(request.headers.get(REQUEST_ID_HEADER)), started: performance.now(), path, operation: null, operationType: null, codes: new Set(), unexpected: [] };
      states.set(request, state);
    }
    return state;
  };
  const noteOperation = (request: Request | undefined, args: { document: Parameters<typeof getOperationAST>[0]; operationName?: string | null | undefined }) => {
    if (!request) return;
    const state = stateOf(request);
    const op = getOperationAST(args.document, args.operationName);
    const name = op?.name?.value ?? args.operationName ?? null;
    state.operation = name && OPERATION_NAME.test(name) ? name : null;
    state.operationType = op?.operation ?? null;
  };
  const noteErrors = (request: Request | undefined, result: ExecutionResult) => {
    if (!request) return;
    const state = stateOf(request);
    for (const error of result.errors ?? []) {
      // What yoga would mask is a server fault: keep the original (with its causes) for the log line.
      if (maskError(error, 'Unexpected error.', false) !== error) state.unexpected.push(error instanceof GraphQLError && error.originalError ? error.originalError : error);
    }
  };

  const first: Plugin = {
    onRequest({ request }) {
      stateOf(request);
    },
    async onResponse({ request, response }) {
      const state = stateOf(request);
      response.headers.set(REQUEST_ID_HEADER, state.id);
      const seconds = (performance.now() - state.started) / 1000;
      const graphql = state.path === o.graphqlEndpoint;
      const viewer = graphql ? await o.viewerOf(request).catch(() => null) : null;
      const codes = [...state.codes];
      const failed = response.status >= 400 || codes.length > 0;
      const serverFault = response.status >= 500 || state.unexpected.length > 0;
      const line: Record<string, unknown> = {
        reqId: state.id,
        method: request.method,
        path: state.path,
        ...(viewer ? { userId: viewer.userId } : {}),
        ...(graphql ? { operation: state.operation, operationType: state.operationType } : {}),
        durationMs: Math.round(seconds * 10_000) / 10,
        status: response.status,
        outcome: failed ? 'error' : 'ok',
        ...(codes.length ? { errorCodes: codes } : {}),
        ...(state.unexpected.length ? { err: state.unexpected[0], unexpectedErrors: state.unexpected.length } : {}),
      };
      if (serverFault) o.logger.error(line, 'request');
      else if (failed) o.logger.warn(line, 'request');
      else if (QUIET_PATHS.has(state.path)) o.logger.debug(line, 'request');
      else o.logger.info(line, 'request');
      if (!graphql) return;
      const operation = o.metrics.operationLabel(state.operation, viewer !== null);
      o.metrics.httpRequests.inc({ operation, outcome: codes[0] ?? (failed ? `http_${response.status}` : 'ok') });
      o.metrics.httpDuration.observe({ operation }, seconds);
    },
  };

  const last: Plugin = {
    onExecute({ args }) {
      const request = (args.contextValue as { request?: Request }).request;
      noteOperation(request, args);
      return {
        onExecuteDone({ result }) {
          if (!isAsyncIterable(result)) noteErrors(request, result);
        },
      };
    },
    onSubscribe({ args }) {
      const request = (args.contextValue as { request?: Request }).request;
      noteOperation(request, args);
      return {
        onSubscribeResult({ result }) {
          if (!isAsyncIterable(result)) return noteErrors(request, result);
          o.metrics.liveSubscriptions.inc();
          return {
            onEnd() {
              o.metrics.liveSubscriptions.dec();
            },
          };
        },
      };
    },
    onResultProcess({ request, result }) {
      // After useErrorCodes (graphql/error-codes.ts), so the codes are the ones the client gets. A stream's errors
      // arrive later, event by event: the line covers how it started.
      if (isAsyncIterable(result)) return;
      for (const code of codesOf(result)) stateOf(request).codes.add(code);
    },
  };
  return { first, last };
}
