/**
 * Limits that stop a single request from exhausting the server, applied in the cheapest place first:
 * 1. before parsing (`checkDocumentSize`): the document's length, its token count and how deeply its brackets
 *    nest, in one pass of graphql's lexer without recursion, so a 7.9 MB or 10,000-deep document is refused
 *    in milliseconds instead of blocking the event loop or overflowing the parser's stack;
 * 2. at validation (`queryLimitsRule`, depends on the document only, so yoga's validation cache is sound):
 *    selection depth, aliases and directives. Introspection (`__schema`, `__type`) does not count towards
 *    the depth (GraphiQL's own introspection query nests `ofType` nine levels): it has its own bounds, one
 *    `__schema` and ten `__type` per operation, its lists (types, fields, args…) nested at most 3 deep;
 * 3. before execution (`operationCost`, depends on variables and on who asks): a cost that multiplies by the
 *    page sizes asked for (`first`/`last`, computed by @pothos/plugin-complexity from `fieldComplexity`).
 * Anonymous callers (only `signIn` works for them) get tighter limits. Every refusal is QUERY_TOO_COMPLEX.
 */
import { type ComplexityResult, createComplexityRule } from '@pothos/plugin-complexity';
import {
  type ASTVisitor,
  type DocumentNode,
  type GraphQLError as GraphQLErrorType,
  GraphQLError,
  type GraphQLField,
  type GraphQLSchema,
  getNamedType,
  isListType,
  isNonNullType,
  Kind,
  Lexer,
  type SelectionSetNode,
  Source,
  TokenKind,
  type ValidationContext,
  validate,
  visit,
} from 'graphql';

export interface DocumentLimits {
  /** Characters of the query document (variables are not part of it; the body limit bounds them). */
  maxChars: number;
  /** Lexical tokens of the document (graphql's parse `maxTokens`). */
  maxTokens: number;
  /** Nesting of `{` `[` `(` in the document: a cheap bound checked before the parser recurses. */
  maxNesting: number;
}

export const QUERY_LIMITS = {
  signedIn: { maxChars: 100_000, maxTokens: 10_000, maxNesting: 40 } satisfies DocumentLimits,
  anonymous: { maxChars: 10_000, maxTokens: 1_000, maxNesting: 40 } satisfies DocumentLimits,
  /** Deepest nesting of selection sets outside introspection (the panel's AccountCard query needs 6). */
  maxDepth: 12,
  /** Aliases in one operation. */
  maxAliases: 50,
  /** Directives in one document. */
  maxDirectives: 50,
  /** Field selections in one operation once fragments are expanded where spread (the validator's own work bound). */
  maxExpandedFields: 20_000,
  /** Per operation, aliases and fragments included: one schema, a few types; lists (types, fields, args…) nested 3 deep. */
  introspection: { maxSchemaRoots: 1, maxTypeRoots: 10, maxLists: 3 },
  /**
   * Query cost (see fieldComplexity). The extension’s operations are held to 80% of a fifth of this (4,000; limits.test.ts):
   * the largest, PanelAccountWork and ResolveAccounts (10 matched accounts each), cost 3,561 and 3,091.
   */
  maxCost: { signedIn: 25_000, anonymous: 200 },
} as const;

/** A connection or list page whose size the client does not give is taken to be this long. */
export const DEFAULT_PAGE = 20;
/** Lists without a page size argument (a user's contacts, an account's CRM links…) are taken to be this long. */
export const DEFAULT_LIST_SIZE = 10;

export function tooComplex(message: string): GraphQLError {
  return new GraphQLError(message, { extensions: { code: 'QUERY_TOO_COMPLEX', http: { status: 400 } } });
}

/** Step 1: throws QUERY_TOO_COMPLEX when the document is too long, has too many tokens or nests too deeply. */
export function checkDocumentSize(source: string, limits: DocumentLimits): void {
  if (source.length > limits.maxChars) throw tooComplex(`Query document is ${source.length} characters long; the limit is ${limits.maxChars}`);
  const lexer = new Lexer(new Source(source));
  let tokens = 0;
  let nesting = 0;
  for (let token = lexer.advance(); token.kind !== TokenKind.EOF; token = lexer.advance()) {
    if (++tokens > limits.maxTokens) throw tooComplex(`Query document has more than ${limits.maxTokens} tokens`);
    if (token.kind === TokenKind.BRACE_L || token.kind === TokenKind.BRACKET_L || token.kind === TokenKind.PAREN_L) {
      if (++nesting > limits.maxNesting) throw tooComplex(`Query document nests more than ${limits.maxNesting} levels deep`);
    } else if (token.kind === TokenKind.BRACE_R || token.kind === TokenKind.BRACKET_R || token.kind === TokenKind.PAREN_R) {
      nesting--;
    }
  }
}

const isIntrospectionRoot = (name: string) => name === '__schema' || name === '__type';
/** Introspection fields that return lists: each one nested inside another multiplies the answer. */
const INTROSPECTION_LISTS = new Set(['types', 'fields', 'inputFields', 'interfaces', 'possibleTypes', 'enumValues', 'args', 'directives']);

interface Measure {
  depth: number;
  aliases: number;
  /** `__schema` and `__type` fields (aliases and fragment spreads each count). */
  schemaRoots: number;
  typeRoots: number;
  /** Deepest nesting of introspection list fields (GraphiQL's query: types → fields → args, 3). */
  introspectionLists: number;
  /** Field selections walked, fragments expanded where spread. */
  fields: number;
}

/**
 * Step 2: depth (outside introspection), aliases, directives and introspection. Document-only, so cacheable.
 * Introspection is bounded by what it answers, not by depth: one `__schema` and `maxTypeRoots` `__type` fields per
 * operation, and introspection lists nested at most `maxIntrospectionLists` deep — 49 aliased `__schema` dumps
 * (778 KB, 1.4 s each request) or `fields { type { fields { type { fields … ` are refused, GraphiQL's
 * getIntrospectionQuery() (with any of its options) passes.
 */
export function queryLimitsRule(
  limits: Pick<typeof QUERY_LIMITS, 'maxDepth' | 'maxAliases' | 'maxDirectives' | 'introspection' | 'maxExpandedFields'> = QUERY_LIMITS,
) {
  return (context: ValidationContext): ASTVisitor => {
    const document = context.getDocument();
    const fragments = new Map(document.definitions.flatMap((d) => (d.kind === Kind.FRAGMENT_DEFINITION ? [[d.name.value, d] as const] : [])));
    let directives = 0;
    visit(document, {
      Directive() {
        directives++;
      },
    });
    if (directives > limits.maxDirectives) context.reportError(tooComplex(`Query uses ${directives} directives; the limit is ${limits.maxDirectives}`));
    const over = (m: Measure) =>
      m.aliases > limits.maxAliases ||
      m.depth > limits.maxDepth ||
      m.schemaRoots > limits.introspection.maxSchemaRoots ||
      m.typeRoots > limits.introspection.maxTypeRoots ||
      m.introspectionLists > limits.introspection.maxLists ||
      m.fields > limits.maxExpandedFields;
    // `lists` is null outside introspection, else how many introspection lists enclose this selection set.
    const measure = (set: SelectionSetNode, depth: number, seen: Set<string>, lists: number | null, total: Measure): void => {
      for (const sel of set.selections) {
        if (sel.kind === Kind.FIELD) {
          total.fields++;
          if (sel.alias) total.aliases++;
          const name = sel.name.value;
          if (lists === null && isIntrospectionRoot(name)) {
            if (name === '__schema') total.schemaRoots++;
            else total.typeRoots++;
            if (sel.selectionSet) measure(sel.selectionSet, depth, seen, 0, total);
          } else if (sel.selectionSet) {
            const inner = lists === null ? null : lists + (INTROSPECTION_LISTS.has(name) ? 1 : 0);
            if (inner !== null) total.introspectionLists = Math.max(total.introspectionLists, inner);
            total.depth = Math.max(total.depth, depth + (lists === null ? 1 : 0));
            measure(sel.selectionSet, depth + (lists === null ? 1 : 0), seen, inner, total);
          }
        } else if (sel.kind === Kind.INLINE_FRAGMENT) {
          measure(sel.selectionSet, depth, seen, lists, total);
        } else {
          const frag = fragments.get(sel.name.value);
          // A fragment spread inside itself is reported by graphql's own NoFragmentCycles rule.
          if (frag && !seen.has(sel.name.value)) measure(frag.selectionSet, depth, new Set([...seen, sel.name.value]), lists, total);
        }
        if (over(total)) return;
      }
    };
    return {
      OperationDefinition(node) {
        const m: Measure = { depth: 1, aliases: 0, schemaRoots: 0, typeRoots: 0, introspectionLists: 0, fields: 0 };
        measure(node.selectionSet, 1, new Set(), null, m);
        const { introspection } = limits;
        if (m.depth > limits.maxDepth) context.reportError(tooComplex(`Query is nested ${m.depth} levels deep; the limit is ${limits.maxDepth}`));
        if (m.aliases > limits.maxAliases) context.reportError(tooComplex(`Query uses ${m.aliases} aliases; the limit is ${limits.maxAliases}`));
        if (m.schemaRoots > introspection.maxSchemaRoots) {
          context.reportError(tooComplex(`Query asks for __schema ${m.schemaRoots} times; the limit is ${introspection.maxSchemaRoots} per operation`));
        }
        if (m.typeRoots > introspection.maxTypeRoots) {
          context.reportError(tooComplex(`Query asks for __type ${m.typeRoots} times; the limit is ${introspection.maxTypeRoots} per operation`));
        }
        if (m.introspectionLists > introspection.maxLists) {
          context.reportError(tooComplex(`Introspection nests lists ${m.introspectionLists} deep; the limit is ${introspection.maxLists}`));
        }
        if (m.fields > limits.maxExpandedFields) {
          context.reportError(tooComplex(`Query selects more than ${limits.maxExpandedFields} fields once its fragments are expanded`));
        }
      },
    };
  };
}

function isList(type: unknown): boolean {
  return isListType(type) || (isNonNullType(type) && isListType(type.ofType));
}

/**
 * Every field costs 1; the fields below a list or connection cost once per item asked for: `first`/`last`
 * (or the number of `ids`) when given, DEFAULT_PAGE for a connection without them, DEFAULT_LIST_SIZE for any
 * other list. A connection's `edges`/`nodes` lists cost nothing extra (the page size already counted them).
 */
export function fieldComplexity(args: Record<string, unknown>, _ctx: unknown, field: GraphQLField<unknown, unknown>) {
  const named = getNamedType(field.type).name;
  const size = (v: unknown) => (typeof v === 'number' && Number.isFinite(v) ? Math.max(1, Math.floor(v)) : undefined);
  const ids = Array.isArray(args.ids) ? Math.max(1, args.ids.length) : undefined;
  const asked = size(args.first) ?? size(args.last) ?? ids;
  if (named.endsWith('Connection')) return { field: 1, multiplier: asked ?? DEFAULT_PAGE };
  if (isList(field.type)) {
    if (named.endsWith('Edge') || field.name === 'nodes') return { field: 1, multiplier: asked ?? 1 };
    return { field: 1, multiplier: asked ?? DEFAULT_LIST_SIZE };
  }
  return 1;
}

/** Step 3: the operation's cost, depth and breadth as @pothos/plugin-complexity counts them, or its errors. */
export function operationCost(
  schema: GraphQLSchema,
  document: DocumentNode,
  variableValues: Record<string, unknown> | null | undefined,
  operationName: string | null | undefined,
  context: unknown,
): { result?: ComplexityResult; errors: readonly GraphQLErrorType[] } {
  let result: ComplexityResult | undefined;
  const rule = createComplexityRule({
    variableValues: variableValues ?? {},
    operationName: operationName ?? undefined,
    context: context as object,
    validate: () => {},
    onResult: (r) => {
      // Several operations without an operation name fail at execution; take the largest to be safe.
      if (!result || r.complexity > result.complexity) result = r;
    },
  });
  const errors = validate(schema, document, [rule]);
  return { result, errors };
}
