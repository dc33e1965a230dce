/**
 * The yoga plugin that applies graphql/limits.ts at each stage, and the production rules for strangers:
 * - before parsing: document length (before yoga's parser cache sees it), tokens and nesting (tighter without
 *   an Authorization header);
 * - at validation: depth, aliases, directives;
 * - before execution: the query cost (tighter for anonymous callers); in production, introspection only for
 *   signed-in callers (the extension and GraphiQL users sign in; strangers learn nothing about the schema);
 * - in production, no "Did you mean …?" suggestions in any error (they spell out the schema field by field).
 */
import { GraphQLError, parse, visit, type DocumentNode, type ExecutionResult } from 'graphql';
import type { Plugin } from 'graphql-yoga';
import type { Context } from './context.js';
import { unauthenticated } from './errors.js';
import { checkDocumentSize, operationCost, QUERY_LIMITS, queryLimitsRule, tooComplex } from './limits.js';

const SUGGESTION = /\s*Did you mean [^?]*\?/g;

function withoutSuggestions(errors: readonly GraphQLError[]): GraphQLError[] {
  return errors.map((e) =>
    e.message.includes('Did you mean')
      ? new GraphQLError(e.message.replace(SUGGESTION, ''), { nodes: e.nodes, source: e.source, positions: e.positions, path: e.path, originalError: e.originalError, extensions: e.extensions })
      : e,
  );
}

function usesIntrospection(document: DocumentNode): boolean {
  let found = false;
  visit(document, {
    Field(node) {
      if (node.name.value === '__schema' || node.name.value === '__type') {
        found = true;
        return false;
      }
      return undefined;
    },
  });
  return found;
}

const hasAuthorization = (request: Request | undefined) => !!request?.headers.get('authorization');
const STALE_TOKEN = 'The token sent is not valid (signed out, revoked or expired): sign in again';

/**
 * The cost of a document depends only on the operation and on the numbers and list lengths among its variables
 * (page sizes, `ids`; limits.ts `fieldComplexity`), not on their text: the sidebar sends the same document with
 * other domains on every page view, and its cost is computed once. Strings are blanked in the key, so a variable
 * given as a string where a number is expected still fails (such a result has errors and is never kept).
 */
type Cost = ReturnType<typeof operationCost>['result'];
const costCache = new WeakMap<DocumentNode, Map<string, Cost>>();
const COSTS_PER_DOCUMENT = 64;

function costKey(operationName: string | null | undefined, variables: Record<string, unknown> | null | undefined): string {
  return `${operationName ?? ''}\u0000${JSON.stringify(variables ?? {}, (_key, value: unknown) => (typeof value === 'string' ? '' : value))}`;
}

function cachedCost(args: { schema: Parameters<typeof operationCost>[0]; document: DocumentNode; variableValues?: Record<string, unknown> | null; operationName?: string | null; contextValue: Context }) {
  const key = costKey(args.operationName, args.variableValues);
  let costs = costCache.get(args.document);
  const known = costs?.get(key);
  if (known) return { result: known, errors: [] as const };
  const computed = operationCost(args.schema, args.document, args.variableValues, args.operationName, args.contextValue);
  if (!computed.errors.length && computed.result) {
    if (!costs) {
      costs = new Map();
      costCache.set(args.document, costs);
    }
    if (costs.size >= COSTS_PER_DOCUMENT) costs.clear();
    costs.set(key, computed.result);
  }
  return computed;
}

export function useQueryGuard(options: { production: boolean }): Plugin<Context> {
  const guardExecution = (args: { schema: Parameters<typeof operationCost>[0]; document: DocumentNode; variableValues?: Record<string, unknown> | null; operationName?: string | null; contextValue: Context }): GraphQLError[] => {
    const anonymous = !args.contextValue.viewer;
    if (options.production && anonymous && usesIntrospection(args.document)) {
      return [new GraphQLError('Introspection is available to signed-in users only', { extensions: { code: 'FORBIDDEN', http: { status: 403 } } })];
    }
    const max = anonymous ? QUERY_LIMITS.maxCost.anonymous : QUERY_LIMITS.maxCost.signedIn;
    const { result, errors } = cachedCost(args);
    // Variable errors are reported by execution itself, with its usual messages.
    if (errors.length) return [];
    if (result && result.complexity > max) {
      // A token was sent but is no longer valid (signed out elsewhere, revoked, expired): say so, as a cheap query
      // would (401), rather than "too complex for anonymous requests", so a client signs in again.
      if (anonymous && hasAuthorization((args.contextValue as { request?: Request }).request)) return [unauthenticated(STALE_TOKEN)];
      return [tooComplex(`Query cost ${result.complexity} is over the limit of ${max}${anonymous ? ' for anonymous requests' : ''}`)];
    }
    return [];
  };
  const stripInProduction = ({ result, setResult }: { result: ExecutionResult | AsyncIterable<ExecutionResult>; setResult: (r: ExecutionResult) => void }) => {
    if (options.production && !(Symbol.asyncIterator in result) && result.errors?.length) setResult({ ...result, errors: withoutSuggestions(result.errors as readonly GraphQLError[]) });
  };
  return {
    // Before yoga's parser cache, which would keep an over-long document as a key of its error cache.
    onParams({ params, request, setResult }) {
      const limits = hasAuthorization(request) ? QUERY_LIMITS.signedIn : QUERY_LIMITS.anonymous;
      if (typeof params.query === 'string' && params.query.length > limits.maxChars) {
        setResult({ errors: [tooComplex(`Query document is ${params.query.length} characters long; the limit is ${limits.maxChars}`)] });
      }
    },
    onParse({ context, setParseFn }) {
      const limits = hasAuthorization((context as { request?: Request }).request) ? QUERY_LIMITS.signedIn : QUERY_LIMITS.anonymous;
      setParseFn((source, parseOptions) => {
        const text = typeof source === 'string' ? source : source.body;
        checkDocumentSize(text, limits);
        return parse(source, { ...parseOptions, maxTokens: limits.maxTokens });
      });
    },
    onValidate({ addValidationRule }) {
      addValidationRule(queryLimitsRule());
      if (!options.production) return undefined;
      return ({ valid, result, setResult }) => {
        if (!valid) setResult(withoutSuggestions(result as readonly GraphQLError[]));
      };
    },
    onExecute({ args, setResultAndStopExecution }) {
      const errors = guardExecution(args as never);
      if (errors.length) {
        setResultAndStopExecution({ errors });
        return undefined;
      }
      return { onExecuteDone: stripInProduction as never };
    },
    onSubscribe({ args, setResultAndStopExecution }) {
      const errors = guardExecution(args as never);
      if (errors.length) setResultAndStopExecution({ errors });
    },
  };
}

