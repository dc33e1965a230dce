/**
 * Limits that stop a single request from exhausting the server: how deep a query may nest (a hostile client
 * could otherwise walk account → signals → account … forever), how many fields it may select (aliases make
 * one query ask for the same expensive field thousands of times), and how large a list page may be.
 */
import { type ASTVisitor, GraphQLError, Kind, type SelectionSetNode, type ValidationContext } from 'graphql';

export const QUERY_LIMITS = {
  /** Deepest nesting of selection sets (the panel's AccountCard query needs 6). */
  maxDepth: 12,
  /** Total fields selected in one operation, counting every alias and fragment use. */
  maxFields: 1500,
  /** Aliases in one operation. */
  maxAliases: 50,
} as const;

function tooComplex(message: string): GraphQLError {
  return new GraphQLError(message, { extensions: { code: 'QUERY_TOO_COMPLEX' } });
}

export function queryLimitsRule(limits = QUERY_LIMITS) {
  return (context: ValidationContext): ASTVisitor => {
    const fragments = new Map(context.getDocument().definitions.flatMap((d) => (d.kind === Kind.FRAGMENT_DEFINITION ? [[d.name.value, d] as const] : [])));
    const measure = (set: SelectionSetNode, depth: number, seen: Set<string>): { depth: number; fields: number; aliases: number } => {
      let maxDepth = depth;
      let fields = 0;
      let aliases = 0;
      for (const sel of set.selections) {
        if (sel.kind === Kind.FIELD) {
          fields++;
          if (sel.alias) aliases++;
          if (sel.selectionSet) {
            const inner = measure(sel.selectionSet, depth + 1, seen);
            maxDepth = Math.max(maxDepth, inner.depth);
            fields += inner.fields;
            aliases += inner.aliases;
          }
        } else {
          const inner =
            sel.kind === Kind.INLINE_FRAGMENT
              ? measure(sel.selectionSet, depth, seen)
              : (() => {
                  const frag = fragments.get(sel.name.value);
                  // A fragment spread inside itself is reported by graphql's own NoFragmentCycles rule.
                  if (!frag || seen.has(sel.name.value)) return { depth, fields: 0, aliases: 0 };
                  return measure(frag.selectionSet, depth, new Set([...seen, sel.name.value]));
                })();
          maxDepth = Math.max(maxDepth, inner.depth);
          fields += inner.fields;
          aliases += inner.aliases;
        }
        if (fields > limits.maxFields) break;
      }
      return { depth: maxDepth, fields, aliases };
    };
    return {
      OperationDefinition(node) {
        const m = measure(node.selectionSet, 1, new Set());
        if (m.depth > limits.maxDepth) context.reportError(tooComplex(`Query is nested ${m.depth} levels deep; the limit is ${limits.maxDepth}`));
        if (m.fields > limits.maxFields) context.reportError(tooComplex(`Query selects more than ${limits.maxFields} fields`));
        if (m.aliases > limits.maxAliases) context.reportError(tooComplex(`Query uses ${m.aliases} aliases; the limit is ${limits.maxAliases}`));
      },
    };
  };
}
