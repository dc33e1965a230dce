/**
 * The Earshot server's sign-in refusals in the user's words, by error code (server: auth/oidc-sign-in.ts, graphql
 * types/auth.ts). Used by the worker for a refused `signIn` or `signInWithOidc` (the server's message is there,
 * and shown unless the code has a sentence of its own here) and for a server without company sign-in (no message).
 * A code not listed shows the server's own message (written for users), or, without one, the code itself.
 */
export function serverRefusalMessage(code: string | undefined, serverMessage: string): string {
  switch (code) {
    case 'PASSWORD_SIGN_IN_DISABLED':
      return 'This Earshot server does not take passwords: use “Sign in with your company account”.';
    case 'OIDC_NOT_CONFIGURED':
      return 'Company sign-in is not set up on this Earshot server. Ask your administrator.';
    case 'OIDC_DOMAIN_NOT_ALLOWED':
      return serverMessage || 'Your e-mail domain may not sign in to this Earshot server: ask an administrator to add you.';
    case 'OIDC_NO_ROLE':
      return serverMessage || 'Your company account is in no group that gives access to Earshot: ask an administrator.';
    case 'OIDC_USER_INACTIVE':
      return serverMessage || 'This Earshot account is deactivated: ask an administrator.';
    case 'OIDC_PROVIDER_UNREACHABLE':
      return serverMessage || 'The Earshot server cannot reach your company’s sign-in right now: try again later.';
    default:
      return serverMessage || `Signing in did not complete (${code ?? 'no reason given'}). Try again, or ask your administrator.`;
  }
}
