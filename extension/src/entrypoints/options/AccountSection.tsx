/**
 * Server address and sign-in: with a password, or with the company's own sign-in (OpenID Connect) when the
 * server has it (`signInMethods`; a server may also turn passwords off). A server other than this machine needs a host permission, asked for on the
 * Sign in click itself (the browser only shows the prompt during a user gesture), before the worker signs in.
 */
import { useCallback, useEffect, useRef, useState } from 'preact/hooks';
import type { ConnectionState, Protocol, SessionUser } from '@/lib/messages';
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
  const announced = useSignInAnnouncement(auth.user);
  return (
    <section class="opt-section" aria-labelledby="account-title">
      <h2 id="account-title" class="opt-section__title" tabIndex={-1}>
        Account
      </h2>
      {auth.user ? <SignedIn auth={auth} onChanged={onChanged} /> : <SignInForm serverUrl={auth.serverUrl} onChanged={onChanged} />}
      {auth.user ? <OwnDomains domains={ownDomains} /> : null}
      <p class="visually-hidden" role="status" data-testid="account-announcement">
        {announced}
      </p>
    </section>
  );
}

/**
 * Signing in or out swaps the form for the other one and the focused button with it: say what happened in the
 * section's live region, and put the focus on what replaced the button ("Signed in as …", or the Account heading).
 * Not on the page's first load: only a change while it is open.
 */
function useSignInAnnouncement(user: SessionUser | null): string {
  const [text, setText] = useState('');
  const before = useRef(user);
  useEffect(() => {
    const was = before.current;
    before.current = user;
    if (!was === !user) return;
    if (user) {
      setText(`Signed in as ${user.name}.`);
      document.querySelector<HTMLElement>('[data-testid="signed-in-as"]')?.focus();
    } else {
      setText('Signed out.');
      document.getElementById('account-title')?.focus();
    }
  }, [user]);
  return text;
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
      <p data-testid="signed-in-as" tabIndex={-1}>
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

type Field = 'server' | 'email' | 'password';
const FIELD_TEST_ID: Readonly<Record<Field, string>> = { server: 'server-url', email: 'sign-in-email', password: 'sign-in-password' };
const ERROR_ID = 'sign-in-error';

type Methods = Extract<Protocol['auth/methods']['res'], { ok: true }>;
/** What the server said about signing in, for the address in the field (null: not asked, or could not say). */
type MethodsState = { for: string; methods: Methods | null; needsPermission: boolean };

/** How long typing in the address must pause before the server is asked how it signs people in. */
const ASK_AFTER_MS = 400;

/**
 * The sign-in methods of the server typed in (password, company sign-in, or both), asked again when the address
 * changes. A server Earshot may not reach yet is asked after the user allows it (`check`, on a click).
 */
function useSignInMethods(server: string): { state: MethodsState | null; check: (origin: string) => Promise<void> } {
  const [state, setState] = useState<MethodsState | null>(null);
  const ask = useCallback(async (typed: string) => {
    const parsed = normalizeServerUrl(typed);
    if (!parsed.ok) {
      setState(null);
      return;
    }
    const answer = await send('auth/methods', { serverUrl: parsed.url }).catch(() => null);
    setState({ for: parsed.url, methods: answer?.ok ? answer : null, needsPermission: answer?.ok === false && answer.needsPermission === true });
  }, []);
  useEffect(() => {
    const timer = setTimeout(() => void ask(server), ASK_AFTER_MS);
    return () => clearTimeout(timer);
  }, [server, ask]);
  const check = async (origin: string) => {
    if (await requestOrigin(origin)) await ask(server);
  };
  return { state, check };
}

function SignInForm({ serverUrl, onChanged }: { serverUrl: string; onChanged: () => void }) {
  const [server, setServer] = useState(serverUrl);
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [error, setError] = useState<string | null>(null);
  /** The fields the error is about: marked invalid, described by it, the first one focused. */
  const [invalid, setInvalid] = useState<readonly Field[]>([]);
  const [busy, setBusy] = useState<'password' | 'company' | null>(null);
  const form = useRef<HTMLFormElement>(null);
  const fail = (message: string, fields: readonly Field[]) => {
    setError(message);
    setInvalid(fields);
  };
  useEffect(() => {
    if (error && invalid[0]) form.current?.querySelector<HTMLElement>(`[data-testid="${FIELD_TEST_ID[invalid[0]]}"]`)?.focus();
  }, [error, invalid]);
  const errorProps = (field: Field) =>
    invalid.includes(field) ? { 'aria-invalid': true as const, 'aria-describedby': ERROR_ID } : {};
  const { state, check } = useSignInMethods(server);
  const parsedServer = normalizeServerUrl(server);
  const current = state && parsedServer.ok && state.for === parsedServer.url ? state : null;
  const methods = current?.methods ?? null;
  // Until the server has said otherwise, the password form is there (an older server has no signInMethods).
  const passwordOn = methods?.password !== false;

  /** The server's origin, asked for first while the click's gesture lasts; null (and an error shown) when refused. */
  const allowedServer = async (): Promise<{ url: string; origin: string } | null> => {
    const parsed = normalizeServerUrl(server);
    if (!parsed.ok) {
      fail(parsed.error, ['server']);
      return null;
    }
    if (!isLoopbackHost(new URL(parsed.origin).hostname) && !(await requestOrigin(parsed.origin))) {
      fail(`Earshot needs your permission to reach ${parsed.origin}. Click Sign in again and choose Allow.`, ['server']);
      return null;
    }
    return parsed;
  };

  const submit = async (event: Event) => {
    event.preventDefault();
    setError(null);
    setInvalid([]);
    const typed = normalizeServerUrl(server);
    if (!typed.ok) {
      fail(typed.error, ['server']);
      return;
    }
    if (!email.trim() || !password) {
      fail('Enter your e-mail address and password.', [...(email.trim() ? [] : (['email'] as const)), ...(password ? [] : (['password'] as const))]);
      return;
    }
    setBusy('password');
    try {
      const parsed = await allowedServer();
      if (!parsed) return;
      const result = await send('auth/signIn', { serverUrl: parsed.url, email: email.trim(), password });
      if (result.ok) {
        setPassword('');
        onChanged();
      } else {
        // The worker names the server in every error about reaching it (background/service.ts signInError); the
        // others are about the e-mail and password.
        fail(result.error, result.error.includes(parsed.url) || result.error.includes(parsed.origin) ? ['server'] : ['email', 'password']);
      }
    } catch (e) {
      fail(e instanceof Error ? e.message : String(e), ['server']);
    } finally {
      setBusy(null);
    }
  };

  const companySignIn = async () => {
    setError(null);
    setInvalid([]);
    setBusy('company');
    try {
      const parsed = await allowedServer();
      if (!parsed) return;
      // The whole flow runs in the worker (its auth window); this page only hears who signed in, or why not.
      const result = await send('auth/signInOidc', { serverUrl: parsed.url });
      if (result.ok) onChanged();
      else setError(result.error);
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e));
    } finally {
      setBusy(null);
    }
  };

  return (
    <form ref={form} class="opt-form" onSubmit={submit} noValidate>
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
          {...errorProps('server')}
          aria-describedby={invalid.includes('server') ? `${ERROR_ID} server-url-hint` : 'server-url-hint'}
        />
        <span class="opt-field__hint" id="server-url-hint">Ask your credit team. The default is a server on this computer.</span>
      </label>
      {current?.needsPermission && parsedServer.ok ? (
        <p class="opt-note" data-testid="server-check-note">
          To see how this server lets you sign in, Earshot needs your permission to reach it.{' '}
          <button type="button" class="opt-button" data-testid="server-check" onClick={() => void check(parsedServer.origin)}>
            Allow and continue
          </button>
        </p>
      ) : null}
      {methods?.oidc ? (
        <div class="opt-company" data-testid="company-sign-in-block">
          <button type="button" class="opt-button opt-button--primary" data-testid="company-sign-in" onClick={companySignIn} disabled={busy !== null}>
            {busy === 'company' ? 'Signing in… (finish in the sign-in window)' : 'Sign in with your company account'}
          </button>
          <span class="opt-field__hint">
            Opens your company’s sign-in (<span data-testid="company-issuer">{hostOf(methods.oidc.issuer)}</span>) in a browser window.
          </span>
          {methods.redirectUrl ? (
            <details class="opt-details">
              <summary>For your administrator</summary>
              <p class="opt-note">
                The sign-in window returns to <code data-testid="oidc-redirect-url">{methods.redirectUrl}</code>: register it as a redirect URI of the
                Earshot client at your identity provider.
              </p>
            </details>
          ) : null}
        </div>
      ) : null}
      {passwordOn ? (
        <>
          {methods?.oidc ? <p class="opt-muted">Or with an Earshot password:</p> : null}
          <label class="opt-field">
            <span class="opt-field__label">E-mail</span>
            <input
              data-testid="sign-in-email"
              type="email"
              autoComplete="username"
              value={email}
              onInput={(e) => setEmail(e.currentTarget.value)}
              {...errorProps('email')}
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
              {...errorProps('password')}
            />
          </label>
        </>
      ) : null}
      {error ? (
        <p class="opt-note opt-note--error" role="alert" id={ERROR_ID} data-testid="sign-in-error">
          {error}
        </p>
      ) : null}
      {passwordOn ? (
        <div>
          <button type="submit" class="opt-button opt-button--primary" data-testid="sign-in-submit" disabled={busy !== null}>
            {busy === 'password' ? 'Signing in…' : 'Sign in'}
          </button>
        </div>
      ) : null}
    </form>
  );
}

/** The issuer as people know it (`login.acme.com`), not the full URL. */
function hostOf(issuer: string): string {
  return URL.canParse(issuer) ? new URL(issuer).host : issuer;
}
