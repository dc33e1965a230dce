/**
 * The workspace page without a session: a link to the settings page and, when the server has company sign-in,
 * "Sign in with your company account" through the server's redirect (this tab goes to the server, the company's
 * sign-in, and back with a one-time ticket that the worker redeems: sign-in-ticket.ts).
 */
import { useEffect, useState } from 'preact/hooks';
import { browser } from 'wxt/browser';
import { send } from '@/lib/send';
import { StateMessage } from '@/ui/components/StateMessage';

type Methods = { phase: 'asking' } | { phase: 'known'; issuer: string | null };

interface Props {
  serverUrl: string;
  /** Why the last sign-in did not happen (a ticket the worker could not redeem). */
  error?: string | null;
  /** Sends this tab to the server's sign-in. @defaultValue `location.assign` */
  navigate?: (url: string) => void;
}

export function SignedOut({ serverUrl, error, navigate = (url) => location.assign(url) }: Props) {
  const [methods, setMethods] = useState<Methods>({ phase: 'asking' });
  const [starting, setStarting] = useState(false);
  const [startError, setStartError] = useState<string | null>(null);

  useEffect(() => {
    // A server Earshot may not reach yet, or one that is down: the settings page remains the way in.
    void send('auth/methods', { serverUrl }).then(
      (m) => setMethods({ phase: 'known', issuer: m.ok && m.oidc ? m.oidc.issuer : null }),
      () => setMethods({ phase: 'known', issuer: null }),
    );
  }, [serverUrl]);

  const companySignIn = async () => {
    setStarting(true);
    setStartError(null);
    try {
      const start = await send('auth/redirectStart', {});
      if (start.ok) {
        navigate(start.url);
        return;
      }
      setStartError(start.error);
    } catch (e) {
      setStartError(e instanceof Error ? e.message : String(e));
    }
    setStarting(false);
  };

  const company = methods.phase === 'known' && methods.issuer !== null;
  return (
    <StateMessage
      title="You are signed out"
      actions={
        <>
          {company ? (
            <button type="button" class="button button--primary" data-testid="company-sign-in" onClick={companySignIn} disabled={starting}>
              {starting ? 'Going to your company’s sign-in…' : 'Sign in with your company account'}
            </button>
          ) : null}
          <a class={company ? 'button' : 'button button--primary'} href={browser.runtime.getURL('/options.html')}>
            Sign in on the Earshot settings page
          </a>
        </>
      }
    >
      <p>The workspace shows your accounts, reviews and requests once you are signed in to your Earshot server.</p>
      {error || startError ? (
        <p class="state-message__error" role="alert" data-testid="sign-in-error">
          {error ?? startError}
        </p>
      ) : null}
    </StateMessage>
  );
}
