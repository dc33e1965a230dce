/**
 * The workspace page without a session: a link to the settings page and, when the server has company sign-in,
 * "Sign in with your company account" through the worker's sign-in window (`auth/signInOidc`:
 * identity.launchWebAuthFlow with PKCE, exactly as on the options page). The page learns who signed in, never a
 * token; the worker's `broadcast/auth-changed` (and `onSignedIn`) bring the workspace up.
 */
import { useEffect, useState } from 'preact/hooks';
import { browser } from 'wxt/browser';
import { send } from '@/lib/send';
import { StateMessage } from '@/ui/components/StateMessage';

type Methods = { phase: 'asking' } | { phase: 'known'; issuer: string | null };

interface Props {
  serverUrl: string;
  /** Company sign-in succeeded: the workspace asks the worker for the session again. */
  onSignedIn?: () => void;
}

export function SignedOut({ serverUrl, onSignedIn }: Props) {
  const [methods, setMethods] = useState<Methods>({ phase: 'asking' });
  const [signingIn, setSigningIn] = useState(false);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    // A server Earshot may not reach yet, or one that is down: the settings page remains the way in.
    void send('auth/methods', { serverUrl }).then(
      (m) => setMethods({ phase: 'known', issuer: m.ok && m.oidc ? m.oidc.issuer : null }),
      () => setMethods({ phase: 'known', issuer: null }),
    );
  }, [serverUrl]);

  const companySignIn = async () => {
    setSigningIn(true);
    setError(null);
    try {
      // The whole flow runs in the worker (its auth window); this page only hears who signed in, or why not.
      const result = await send('auth/signInOidc', { serverUrl });
      if (result.ok) onSignedIn?.();
      else setError(result.error);
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e));
    } finally {
      setSigningIn(false);
    }
  };

  const company = methods.phase === 'known' && methods.issuer !== null;
  return (
    <StateMessage
      title="You are signed out"
      actions={
        <>
          {company ? (
            <button type="button" class="button button--primary" data-testid="company-sign-in" onClick={companySignIn} disabled={signingIn}>
              {signingIn ? 'Signing in… (finish in the sign-in window)' : 'Sign in with your company account'}
            </button>
          ) : null}
          <a class={company ? 'button' : 'button button--primary'} href={browser.runtime.getURL('/options.html')}>
            Sign in on the Earshot settings page
          </a>
        </>
      }
    >
      <p>The workspace shows your accounts, reviews and requests once you are signed in to your Earshot server.</p>
      {error ? (
        <p class="state-message__error" role="alert" data-testid="sign-in-error">
          {error}
        </p>
      ) : null}
    </StateMessage>
  );
}
