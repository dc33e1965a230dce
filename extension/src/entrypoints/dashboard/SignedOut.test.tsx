import '@/ui/testing/setup';
import { fireEvent, render, screen, waitFor } from '@testing-library/preact';
import { describe, expect, it, vi } from 'vitest';
import type { Protocol, SessionUser } from '@/lib/messages';
import { answer, broadcast, calls } from '@/ui/testing/mock-send';
import { Dashboard } from './Dashboard';
import { SignedOut } from './SignedOut';

vi.mock('@/lib/send', async (importOriginal) => (await import('@/ui/testing/mock-send')).mockSendModule(importOriginal));

const USER: SessionUser = { id: 'U1', name: 'Cora Credit', email: 'cora@northwind.example', role: 'CREDIT' };
const SERVER = 'http://127.0.0.1:4000';
const company = { ok: true as const, serverUrl: SERVER, password: true, oidc: { issuer: 'https://login.northwind.example' }, redirectUrl: null };
type OidcAnswer = Protocol['auth/signInOidc']['res'];
/** The worker's answer when the user closed the sign-in window (background/oidc.ts oidcFailureMessage). */
const CANCELLED: OidcAnswer = { ok: false, reason: 'cancelled', error: 'Sign-in cancelled: the sign-in window was closed before it finished.' };

describe('the workspace page signed out', () => {
  it('offers the company sign-in when the server has it, and runs it in the worker’s sign-in window, for this page’s server', async () => {
    let finish: (answer: OidcAnswer) => void = () => undefined;
    answer({ 'auth/methods': () => company, 'auth/signInOidc': () => new Promise<OidcAnswer>((resolve) => (finish = resolve)) });
    const onSignedIn = vi.fn();
    render(<SignedOut serverUrl={SERVER} onSignedIn={onSignedIn} />);
    fireEvent.click(await screen.findByTestId('company-sign-in'));
    // While the user is in the sign-in window: one attempt at a time, and the page says where to finish.
    await waitFor(() => expect((screen.getByTestId('company-sign-in') as HTMLButtonElement).disabled).toBe(true));
    expect(screen.getByTestId('company-sign-in').textContent).toBe('Signing in… (finish in the sign-in window)');
    expect(calls('auth/signInOidc')).toEqual([{ serverUrl: SERVER }]);
    expect(calls('auth/methods')).toEqual([{ serverUrl: SERVER }]);
    finish({ ok: true, user: USER });
    await waitFor(() => expect(onSignedIn).toHaveBeenCalledTimes(1));
    expect(screen.queryByTestId('sign-in-error')).toBeNull();
  });

  it('offers only the settings page when the server has no company sign-in or cannot be asked', async () => {
    answer({ 'auth/methods': () => ({ ok: false, error: 'Cannot reach the Earshot server' }) });
    render(<SignedOut serverUrl={SERVER} />);
    await waitFor(() => expect(calls('auth/methods')).toHaveLength(1));
    expect(screen.queryByTestId('company-sign-in')).toBeNull();
    expect(screen.getByRole('link', { name: 'Sign in on the Earshot settings page' })).toBeTruthy();
  });

  it('the sign-in window closed by the user: says it was cancelled, and the button works again', async () => {
    answer({ 'auth/methods': () => company, 'auth/signInOidc': () => CANCELLED });
    const onSignedIn = vi.fn();
    render(<SignedOut serverUrl={SERVER} onSignedIn={onSignedIn} />);
    fireEvent.click(await screen.findByTestId('company-sign-in'));
    expect((await screen.findByTestId('sign-in-error')).textContent).toBe('Sign-in cancelled: the sign-in window was closed before it finished.');
    expect((screen.getByTestId('company-sign-in') as HTMLButtonElement).disabled).toBe(false);
    expect(screen.getByTestId('company-sign-in').textContent).toBe('Sign in with your company account');
    expect(onSignedIn).not.toHaveBeenCalled();
  });

  it('shows why the sign-in did not happen: Earshot’s refusal, or the worker not answering', async () => {
    answer({
      'auth/methods': () => company,
      'auth/signInOidc': () => ({ ok: false, reason: 'refused', error: 'Your e-mail domain may not sign in to this Earshot server: ask an administrator to add you.' }),
    });
    render(<SignedOut serverUrl={SERVER} />);
    fireEvent.click(await screen.findByTestId('company-sign-in'));
    expect((await screen.findByTestId('sign-in-error')).textContent).toBe('Your e-mail domain may not sign in to this Earshot server: ask an administrator to add you.');
    answer({
      'auth/methods': () => company,
      'auth/signInOidc': () => {
        throw new Error('The Earshot service worker did not answer.');
      },
    });
    fireEvent.click(screen.getByTestId('company-sign-in'));
    await waitFor(() => expect(screen.getByTestId('sign-in-error').textContent).toBe('The Earshot service worker did not answer.'));
  });
});

describe('the workspace after a company sign-in', () => {
  it('shows the signed-in workspace once the worker has signed in', async () => {
    let user: SessionUser | null = null;
    answer({
      'auth/methods': () => company,
      'auth/signInOidc': () => {
        user = USER;
        return { ok: true, user: USER };
      },
      'auth/status': () => ({ user, serverUrl: SERVER, connection: user ? 'ok' : 'signed-out' }),
      'op/run': () => ({ ok: false, kind: 'error', error: 'not in this test' }),
    });
    render(<Dashboard />);
    fireEvent.click(await screen.findByTestId('company-sign-in'));
    expect((await screen.findByTestId('workspace-user')).textContent).toContain('Cora Credit');
    expect(calls('auth/signInOidc')).toEqual([{ serverUrl: SERVER }]);
  });

  it('a sign-in elsewhere (the options page) brings the workspace up too, through the worker’s broadcast', async () => {
    let user: SessionUser | null = null;
    answer({
      'auth/methods': () => company,
      'auth/status': () => ({ user, serverUrl: SERVER, connection: user ? 'ok' : 'signed-out' }),
      'op/run': () => ({ ok: false, kind: 'error', error: 'not in this test' }),
    });
    render(<Dashboard />);
    await screen.findByTestId('signed-out');
    user = USER;
    await broadcast({ type: 'broadcast/auth-changed' });
    expect((await screen.findByTestId('workspace-user')).textContent).toContain('Cora Credit');
  });

  it('a cancelled sign-in leaves the workspace signed out, saying so', async () => {
    answer({
      'auth/methods': () => company,
      'auth/signInOidc': () => CANCELLED,
      'auth/status': () => ({ user: null, serverUrl: SERVER, connection: 'signed-out' }),
    });
    render(<Dashboard />);
    fireEvent.click(await screen.findByTestId('company-sign-in'));
    expect((await screen.findByTestId('sign-in-error')).textContent).toMatch(/^Sign-in cancelled/);
    expect(screen.getByTestId('signed-out')).toBeTruthy();
  });
});
