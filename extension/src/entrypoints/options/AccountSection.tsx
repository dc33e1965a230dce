/**
 * Server address and sign-in. A server other than this machine needs a host permission, asked for on the
 * Sign in click itself (the browser only shows the prompt during a user gesture), before the worker signs in.
 */
import { useState } from 'preact/hooks';
import type { ConnectionState, SessionUser } from '@/lib/messages';
import { send } from '@/lib/send';
import { isLoopbackHost, normalizeServerUrl } from '@/lib/server-url';
import { requestOrigin } from './permissions';

export interface AuthInfo {
  user: SessionUser | null;
  serverUrl: string;
  connection: ConnectionState;
}

interface Props {
  auth: AuthInfo;
  /** The company's own domains, as the server last said (read-only here: an administrator sets them). */
  ownDomains?: readonly string[];
  onChanged: () => void;
}

export function AccountSection({ auth, ownDomains = [], onChanged }: Props) {
  return (
    <section class="opt-section" aria-labelledby="account-title">
      <h2 id="account-title" class="opt-section__title">
        Account
      </h2>
      {auth.user ? <SignedIn auth={auth} onChanged={onChanged} /> : <SignInForm serverUrl={auth.serverUrl} onChanged={onChanged} />}
      {auth.user ? <OwnDomains domains={ownDomains} /> : null}
    </section>
  );
}

function SignedIn({ auth, onChanged }: { auth: AuthInfo; onChanged: () => void }) {
  const [busy, setBusy] = useState(false);
  const user = auth.user as SessionUser;
  const signOut = async () => {
    setBusy(true);
    try {
      await send('auth/signOut');
    } finally {
      setBusy(false);
      onChanged();
    }
  };
  return (
    <div class="opt-signed-in">
      <p data-testid="signed-in-as">
        Signed in as <strong>{user.name}</strong> ({user.email}) on <code>{auth.serverUrl}</code>
      </p>
      {auth.connection === 'unreachable' ? (
        <p class="opt-note opt-note--warn" role="status">
          The server cannot be reached right now. Earshot keeps showing what it last knew and sends your captures when it is back.
        </p>
      ) : null}
      <button type="button" class="opt-button" data-testid="sign-out" onClick={signOut} disabled={busy}>
        {busy ? 'Signing out…' : 'Sign out'}
      </button>
    </div>
  );
}

/** Which domains are "us": never shown as a customer, on any page. */
function OwnDomains({ domains }: { domains: readonly string[] }) {
  return (
    <p class="opt-note" data-testid="own-domains">
      {domains.length > 0 ? (
        <>
          Your company: <strong>{domains.join(', ')}</strong> — set by your administrator. Addresses at these domains (and
          yours) are never looked up as a customer.
        </>
      ) : (
        <>Your company’s domains are not set: your administrator can set them in the workspace settings. Your own address is never looked up.</>
      )}
    </p>
  );
}

function SignInForm({ serverUrl, onChanged }: { serverUrl: string; onChanged: () => void }) {
  const [server, setServer] = useState(serverUrl);
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const submit = async (event: Event) => {
    event.preventDefault();
    setError(null);
    const parsed = normalizeServerUrl(server);
    if (!parsed.ok) {
      setError(parsed.error);
      return;
    }
    if (!email.trim() || !password) {
      setError('Enter your e-mail address and password.');
      return;
    }
    setBusy(true);
    try {
      // First thing after the click, while the gesture lasts: ask for the server's origin if it is not local.
      if (!isLoopbackHost(new URL(parsed.origin).hostname) && !(await requestOrigin(parsed.origin))) {
        setError(`Earshot needs your permission to reach ${parsed.origin}. Click Sign in again and choose Allow.`);
        return;
      }
      const result = await send('auth/signIn', { serverUrl: parsed.url, email: email.trim(), password });
      if (result.ok) {
        setPassword('');
        onChanged();
      } else {
        setError(result.error);
      }
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e));
    } finally {
      setBusy(false);
    }
  };

  return (
    <form class="opt-form" onSubmit={submit} noValidate>
      <label class="opt-field">
        <span class="opt-field__label">Server address</span>
        <input
          data-testid="server-url"
          type="url"
          inputMode="url"
          autoComplete="url"
          spellcheck={false}
          value={server}
          onInput={(e) => setServer(e.currentTarget.value)}
          placeholder="https://earshot.your-company.com"
        />
        <span class="opt-field__hint">Ask your credit team. The default is a server on this computer.</span>
      </label>
      <label class="opt-field">
        <span class="opt-field__label">E-mail</span>
        <input
          data-testid="sign-in-email"
          type="email"
          autoComplete="username"
          value={email}
          onInput={(e) => setEmail(e.currentTarget.value)}
        />
      </label>
      <label class="opt-field">
        <span class="opt-field__label">Password</span>
        <input
          data-testid="sign-in-password"
          type="password"
          autoComplete="current-password"
          value={password}
          onInput={(e) => setPassword(e.currentTarget.value)}
        />
      </label>
      {error ? (
        <p class="opt-note opt-note--error" role="alert" data-testid="sign-in-error">
          {error}
        </p>
      ) : null}
      <div>
        <button type="submit" class="opt-button opt-button--primary" data-testid="sign-in-submit" disabled={busy}>
          {busy ? 'Signing in…' : 'Sign in'}
        </button>
      </div>
    </form>
  );
}
