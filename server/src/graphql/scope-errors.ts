/**
 * The FORBIDDEN a signed-in caller gets when an auth scope refuses a field. When the caller's API token lacks a
 * scope and nothing else stands in the way (its role would be enough), the message names the scope, so whoever
 * made the token knows what to add: "This token lacks the scope signals:write". Anything else (a role, an owner
 * check) keeps the plain "Not allowed": the refusal names nothing the caller could not already know.
 */
import { type AuthFailure, AuthScopeFailureType } from '@pothos/plugin-scope-auth';
import { GraphQLError } from 'graphql';
import type { TokenScope } from '@earshot/shared';
import { hasScope, isCreditViewer, type Viewer } from '../auth/tokens.js';
import { forbidden } from './errors.js';

/** The scopes whose absence alone explains the failure; null when something else (a role, a check) failed too. */
export function missingScopes(viewer: Viewer, failure: AuthFailure): TokenScope[] | null {
  if (viewer.scopes === null) return null;
  switch (failure.kind) {
    case AuthScopeFailureType.AuthScope: {
      const wanted: TokenScope[] =
        failure.scope === 'scope'
          ? [failure.parameter as TokenScope]
          : failure.scope === 'scopes'
            ? [...(failure.parameter as TokenScope[])]
            : failure.scope === 'creditFigures' && isCreditViewer(viewer)
              ? ['ledger:read']
              : [];
      const missing = wanted.filter((scope) => !hasScope(viewer, scope));
      return missing.length ? missing : null;
    }
    case AuthScopeFailureType.AllAuthScopes: {
      const all = new Set<TokenScope>();
      for (const child of failure.failures) {
        const missing = missingScopes(viewer, child);
        if (!missing) return null;
        for (const scope of missing) all.add(scope);
      }
      return all.size ? [...all] : null;
    }
    case AuthScopeFailureType.AnyAuthScopes: {
      // Any one alternative would do: name the first that only a scope stands in the way of.
      for (const child of failure.failures) {
        const missing = missingScopes(viewer, child);
        if (missing) return missing;
      }
      return null;
    }
    default:
      return null;
  }
}

export function forbiddenFor(viewer: Viewer, failure: AuthFailure): GraphQLError {
  const missing = missingScopes(viewer, failure);
  if (!missing) return forbidden();
  const message =
    missing.length === 1 ? `This token lacks the scope ${missing[0]}` : `This token lacks the scopes ${missing.join(', ')}`;
  return new GraphQLError(message, { extensions: { code: 'FORBIDDEN', missingScopes: missing } });
}
