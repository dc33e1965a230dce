/**
 * Text that cannot be stored is refused at the door: a NUL byte (PostgreSQL text cannot hold it), other C0
 * control characters except tab, line feed and carriage return, and lone UTF-16 surrogates (not encodable as
 * UTF-8). Checked once for every argument of every field, whatever its type: string literals in the document
 * (a validation rule, document-only so yoga may cache it) and every string and object key in the variables
 * (before execution). Answers BAD_USER_INPUT naming the variable or the literal's position.
 * Also an empty string for a required ID (`ID!`, at any depth of an input object): never an id, and resolvers
 * treat "" as "left out" (idOf), which for a required id reached the database as `where: { id: null }`.
 */
import {
  type ASTVisitor,
  type DocumentNode,
  GraphQLError,
  type GraphQLInputType,
  type GraphQLSchema,
  getNamedType,
  isInputObjectType,
  isListType,
  isNonNullType,
  Kind,
  typeFromAST,
  type ValidationContext,
} from 'graphql';
import type { Plugin } from 'graphql-yoga';
import { textProblem } from '../domain/text.js';
import { badInput } from './errors.js';

/** The predicate, shared with the CSV import (ledger/csv.ts). */
export { textProblem };

/** The first offending string in a variables object (values and keys, any depth, no recursion). */
export function findBadText(variables: unknown, root = '$'): { path: string; problem: string } | null {
  const stack: [unknown, string][] = [[variables, root]];
  while (stack.length) {
    const [value, path] = stack.pop()!;
    if (typeof value === 'string') {
      const problem = textProblem(value);
      if (problem) return { path, problem };
    } else if (Array.isArray(value)) {
      for (let i = value.length - 1; i >= 0; i--) stack.push([value[i], `${path}[${i}]`]);
    } else if (value !== null && typeof value === 'object') {
      for (const [k, v] of Object.entries(value)) {
        const problem = textProblem(k);
        if (problem) return { path: `${path}.${JSON.stringify(k).slice(1, -1)}`, problem: `has a key that ${problem}` };
        stack.push([v, path === '$' ? `$${k}` : `${path}.${k}`]);
      }
    }
  }
  return null;
}

const isRequiredId = (type: GraphQLInputType | null | undefined) => !!type && isNonNullType(type) && getNamedType(type).name === 'ID';

/** The first empty string given for an `ID!` inside a variable's value, by the variable's declared type. */
export function findEmptyRequiredId(type: GraphQLInputType, value: unknown, path: string): string | null {
  const stack: [GraphQLInputType, unknown, string][] = [[type, value, path]];
  while (stack.length) {
    const [t, v, p] = stack.pop()!;
    if (v === '' && isRequiredId(t)) return p;
    const inner = isNonNullType(t) ? t.ofType : t;
    if (isListType(inner) && Array.isArray(v)) {
      for (const [i, item] of v.entries()) stack.push([inner.ofType, item, `${p}[${i}]`]);
    } else if (isInputObjectType(inner) && v !== null && typeof v === 'object' && !Array.isArray(v)) {
      const fields = inner.getFields();
      for (const [k, fv] of Object.entries(v)) if (fields[k]) stack.push([fields[k].type, fv, `${p}.${k}`]);
    }
  }
  return null;
}

function emptyRequiredIdInVariables(schema: GraphQLSchema, document: DocumentNode, operationName: string | null | undefined, variables: unknown): string | null {
  if (!variables || typeof variables !== 'object') return null;
  for (const def of document.definitions) {
    if (def.kind !== Kind.OPERATION_DEFINITION || (operationName && def.name?.value !== operationName)) continue;
    for (const v of def.variableDefinitions ?? []) {
      const type = typeFromAST(schema, v.type as never) as GraphQLInputType | undefined;
      const name = v.variable.name.value;
      const found = type && findEmptyRequiredId(type, (variables as Record<string, unknown>)[name], `$${name}`);
      if (found) return found;
    }
  }
  return null;
}

export function textLiteralsRule(context: ValidationContext): ASTVisitor {
  return {
    StringValue(node) {
      const problem = textProblem(node.value);
      if (problem) {
        context.reportError(new GraphQLError(`A string literal ${problem}`, { nodes: [node], extensions: { code: 'BAD_USER_INPUT' } }));
      } else if (node.value === '' && isRequiredId(context.getInputType())) {
        context.reportError(new GraphQLError('An ID must not be empty', { nodes: [node], extensions: { code: 'BAD_USER_INPUT' } }));
      }
    },
  };
}

export function useInputSanitiser(): Plugin {
  const check = (args: { schema: GraphQLSchema; document: DocumentNode; operationName?: string | null; variableValues?: unknown }) => {
    const bad = findBadText(args.variableValues);
    if (bad) return badInput(`Variable ${bad.path} ${bad.problem}`, bad.path.replace(/^\$/, ''));
    const empty = emptyRequiredIdInVariables(args.schema, args.document, args.operationName, args.variableValues);
    return empty ? badInput(`Variable ${empty} is an empty ID`, empty.replace(/^\$/, '')) : null;
  };
  return {
    onValidate({ addValidationRule }) {
      addValidationRule(textLiteralsRule);
    },
    onExecute({ args, setResultAndStopExecution }) {
      const error = check(args);
      if (error) setResultAndStopExecution({ errors: [error] });
    },
    onSubscribe({ args, setResultAndStopExecution }) {
      const error = check(args);
      if (error) setResultAndStopExecution({ errors: [error] });
    },
  };
}
