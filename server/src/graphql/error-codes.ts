/**
 * Every error a client gets names its kind in `extensions.code`, and none carries the server's internals:
 * - graphql's variable coercion errors (`Variable "$s" got invalid value …`, a bad enum value, a string for an Int)
 *   and Pothos's argument checks (`first: -1`, an invalid global id) came without a code: BAD_USER_INPUT;
 * - yoga's invalid JSON error carried `extensions.originalError` (the SyntaxError's name and message): dropped, as is
 *   any `originalError` extension.
 */
import { PothosValidationError } from '@pothos/core';
import { GraphQLError } from 'graphql';
import type { Plugin } from 'graphql-yoga';

const VARIABLE_ERROR = /^Variable "\$[^"]*" /;

function withCode(error: GraphQLError): GraphQLError {
  // In place: yoga still reads this error (its http status) after this hook. Yoga answers a request error with
  // its status (400) rather than 200 for application/json because of that originalError (result-processor/regular);
  // without it, `http.spec` would let 200 win: drop `spec` so the status stays.
  const ext = error.extensions as Record<string, unknown> | undefined;
  if (ext && 'originalError' in ext) {
    delete ext.originalError;
    const http = ext.http as { spec?: boolean; status?: number } | undefined;
    if (http?.spec && http.status) ext.http = { ...http, spec: undefined };
  }
  const needsCode = !error.extensions?.code && (VARIABLE_ERROR.test(error.message) || error.originalError instanceof PothosValidationError || error instanceof PothosValidationError);
  if (!needsCode) return error;
  const extensions = { ...(error.extensions ?? {}), code: 'BAD_USER_INPUT' };
  if (!(error instanceof GraphQLError)) return { ...(error as object), extensions } as unknown as GraphQLError;
  return new GraphQLError(error.message, {
    nodes: error.nodes,
    source: error.source,
    positions: error.positions,
    path: error.path,
    originalError: error.originalError,
    extensions,
  });
}

function fixResult<T extends { errors?: readonly GraphQLError[] }>(result: T): T {
  if (!result?.errors?.length) return result;
  const errors = result.errors.map(withCode);
  return errors.every((e, i) => e === result.errors![i]) ? result : { ...result, errors };
}

export function useErrorCodes(): Plugin {
  return {
    onResultProcess({ result, setResult }) {
      if (Symbol.asyncIterator in (result as object)) return;
      const results = (Array.isArray(result) ? result : [result]) as { errors?: readonly GraphQLError[] }[];
      const fixed = results.map(fixResult);
      // Only when a code was added (originalError is removed in place).
      if (fixed.some((r, i) => r !== results[i])) setResult((Array.isArray(result) ? fixed : fixed[0]) as never);
    },
  };
}
