import '@/ui/testing/setup';
import { fireEvent, render, screen, waitFor } from '@testing-library/preact';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { SessionUser } from '@/lib/messages';
import { answer, calls } from '@/ui/testing/mock-send';
import { Dashboard } from './Dashboard';
import { takeSignInArrival } from './sign-in-ticket';
import { SignedOut } from './SignedOut';

vi.mock('@/lib/send', async (importOriginal) => (await import('@/ui/testing/mock-send')).mockSendModule(importOriginal));

const USER: SessionUser = { id: 'U1', name: 'Cora Credit', email: 'cora@northwind.example', role: 'CREDIT' };
const SERVER = 'http://127.0.0.1:4000';
const company = { ok: true as const, serverUrl: SERVER, password: true, oidc: { issuer: 'https://login.northwind.example' }, redirectUrl: null };

beforeEach(() => history.replaceState(null, '', '/dashboard.html#/'));
afterEach(() => history.replaceState(null, '', '/dashboard.html#/'));

describe('the workspace page signed out', () => {
  it('offers the company sign-in when the server has it, and sends the tab to the server’s start address', async () => {
    answer({ 'auth/methods': () => company, 'auth/redirectStart': () => ({ ok: true, url: `${SERVER}/auth/oidc/start?return_to=x` }) });
    const navigate = vi.fn();
    render(<SignedOut serverUrl={SERVER} navigate={navigate} />);
    fireEvent.click(await screen.findByTestId('company-sign-in'));
    await waitFor(() => expect(navigate).toHaveBeenCalledWith(`${SERVER}/auth/oidc/start?return_to=x`));
    expect(calls('auth/methods')).toEqual([{ serverUrl: SERVER }]);
  });

  it('offers only the settings page when the server has no company sign-in or cannot be asked', async () => {
    answer({ 'auth/methods': () => ({ ok: false, error: 'Cannot reach the Earshot server' }) });
    render(<SignedOut serverUrl={SERVER} />);
    await waitFor(() => expect(calls('auth/methods')).toHaveLength(1));
    expect(screen.queryByTestId('company-sign-in')).toBeNull();
    expect(screen.getByRole('link', { name: 'Sign in on the Earshot settings page' })).toBeTruthy();
  });

  it('says why the redirect could not start', async () => {
    answer({ 'auth/methods': () => company, 'auth/redirectStart': () => ({ ok: false, error: 'Earshot has no access to https://earshot.example yet.' }) });
    render(<SignedOut serverUrl={SERVER} navigate={() => undefined} />);
    fireEvent.click(await screen.findByTestId('company-sign-in'));
    expect((await screen.findByTestId('sign-in-error')).textContent).toBe('Earshot has no access to https://earshot.example yet.');
  });
});

describe('back from the server’s sign-in', () => {
  it('takes the ticket out of the address at once, keeping no trace of it in the history entry', () => {
    history.replaceState(null, '', '/dashboard.html?flow=f1#earshot_ticket=t-123');
    expect(takeSignInArrival()).toEqual({ ticket: 't-123', flow: 'f1' });
    expect(location.href).not.toContain('t-123');
    expect(location.search).toBe('');
    expect(location.hash).toBe('#/');
    // An ordinary visit is left alone.
    history.replaceState(null, '', '/dashboard.html#/alerts');
    expect(takeSignInArrival()).toBeNull();
    expect(location.hash).toBe('#/alerts');
  });

  it('the server’s refusal comes back as a code: taken out of the address, and said in words', async () => {
    history.replaceState(null, '', '/dashboard.html?flow=f1#earshot_error=OIDC_DOMAIN_NOT_ALLOWED');
    const arrival = takeSignInArrival();
    expect(arrival).toEqual({ error: 'OIDC_DOMAIN_NOT_ALLOWED' });
    expect(location.hash).toBe('#/');
    answer({ 'auth/status': () => ({ user: null, serverUrl: SERVER, connection: 'signed-out' }), 'auth/methods': () => company });
    render(<Dashboard arrival={arrival} />);
    expect((await screen.findByTestId('sign-in-error')).textContent).toBe('Your e-mail domain may not sign in to this Earshot server: ask an administrator to add you.');
    expect(calls('auth/redeemTicket')).toEqual([]);
  });

  it('redeems the ticket through the worker, then shows the workspace', async () => {
    let user: SessionUser | null = null;
    answer({
      'auth/redeemTicket': () => {
        user = USER;
        return { ok: true, user: USER };
      },
      'auth/status': () => ({ user, serverUrl: SERVER, connection: user ? 'ok' : 'signed-out' }),
      'op/run': () => ({ ok: false, kind: 'error', error: 'not in this test' }),
    });
    render(<Dashboard arrival={{ ticket: 't-123', flow: 'f1' }} />);
    expect((await screen.findByTestId('workspace-user')).textContent).toContain('Cora Credit');
    expect(calls('auth/redeemTicket')).toEqual([{ ticket: 't-123', flow: 'f1' }]);
  });

  it('a refused ticket: signed out, with the worker’s reason', async () => {
    answer({
      'auth/redeemTicket': () => ({ ok: false, error: 'This sign-in link has expired. Sign in again.' }),
      'auth/status': () => ({ user: null, serverUrl: SERVER, connection: 'signed-out' }),
      'auth/methods': () => company,
    });
    render(<Dashboard arrival={{ ticket: 'old', flow: 'f1' }} />);
    expect((await screen.findByTestId('sign-in-error')).textContent).toBe('This sign-in link has expired. Sign in again.');
    expect(screen.getByTestId('signed-out')).toBeTruthy();
  });
});
