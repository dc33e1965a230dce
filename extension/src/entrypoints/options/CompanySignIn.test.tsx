import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/preact';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { Protocol, SessionUser } from '@/lib/messages';
import { answer, calls, type Handlers, never } from '@/ui/testing/mock-send';
import { AccountSection, type AuthInfo } from './AccountSection';

vi.mock('@/lib/send', async (importOriginal) => (await import('@/ui/testing/mock-send')).mockSendModule(importOriginal));

const USER: SessionUser = { id: 'u1', name: 'Sam Sales', email: 'sam@acme.example', role: 'SALES' };
const SIGNED_OUT: AuthInfo = { user: null, serverUrl: 'http://127.0.0.1:4000', connection: 'signed-out' };
type Methods = Protocol['auth/methods']['res'];
const BOTH: Methods = {
  ok: true,
  serverUrl: 'http://127.0.0.1:4000',
  password: true,
  oidc: { issuer: 'https://login.acme.example/tenant' },
  redirectUrl: 'https://abc.chromiumapp.org/',
};

let order: string[];

function worker(handlers: Handlers) {
  return answer({ 'auth/methods': () => BOTH, ...handlers });
}

beforeEach(() => {
  fakeBrowser.reset();
  order = [];
  (fakeBrowser as unknown as { permissions: unknown }).permissions = {
    request: vi.fn(async () => {
      order.push('permissions.request');
      return true;
    }),
  };
});
afterEach(() => cleanup());

describe('company sign-in on the options page', () => {
  it('offers the company account beside the password once the server says it has one, and names the provider', async () => {
    worker({});
    render(<AccountSection auth={SIGNED_OUT} onChanged={() => undefined} />);
    expect(await screen.findByTestId('company-sign-in')).toHaveProperty('textContent', 'Sign in with your company account');
    expect(screen.getByTestId('company-issuer').textContent).toBe('login.acme.example');
    expect(screen.getByTestId('oidc-redirect-url').textContent).toBe('https://abc.chromiumapp.org/');
    expect(screen.getByTestId('sign-in-password')).toBeTruthy();
    expect(calls('auth/methods')).toEqual([{ serverUrl: 'http://127.0.0.1:4000' }]);
  });

  it('hides the password form when the server takes no passwords', async () => {
    worker({ 'auth/methods': () => ({ ...BOTH, password: false }) });
    render(<AccountSection auth={SIGNED_OUT} onChanged={() => undefined} />);
    await screen.findByTestId('company-sign-in');
    expect(screen.queryByTestId('sign-in-password')).toBeNull();
    expect(screen.queryByTestId('sign-in-submit')).toBeNull();
  });

  it('keeps the password form for a server without company sign-in, or one that cannot say', async () => {
    worker({ 'auth/methods': () => ({ ...BOTH, oidc: null }) });
    render(<AccountSection auth={SIGNED_OUT} onChanged={() => undefined} />);
    await waitFor(() => expect(calls('auth/methods')).toHaveLength(1));
    expect(screen.getByTestId('sign-in-password')).toBeTruthy();
    expect(screen.queryByTestId('company-sign-in')).toBeNull();
  });

  it('asks the server typed in, after typing pauses', async () => {
    worker({});
    render(<AccountSection auth={SIGNED_OUT} onChanged={() => undefined} />);
    await screen.findByTestId('company-sign-in');
    fireEvent.input(screen.getByTestId('server-url'), { target: { value: 'localhost:5000/graphql' } });
    await waitFor(() => expect(calls('auth/methods')).toContainEqual({ serverUrl: 'http://localhost:5000' }));
  });

  it('signs in through the worker and tells the page who signed in', async () => {
    const onChanged = vi.fn();
    worker({ 'auth/signInOidc': () => ({ ok: true, user: USER }) });
    render(<AccountSection auth={SIGNED_OUT} onChanged={onChanged} />);
    fireEvent.click(await screen.findByTestId('company-sign-in'));
    await waitFor(() => expect(onChanged).toHaveBeenCalled());
    expect(calls('auth/signInOidc')).toEqual([{ serverUrl: 'http://127.0.0.1:4000' }]);
  });

  it('says the sign-in is under way while the sign-in window is open', async () => {
    worker({ 'auth/signInOidc': () => never() });
    render(<AccountSection auth={SIGNED_OUT} onChanged={() => undefined} />);
    fireEvent.click(await screen.findByTestId('company-sign-in'));
    await waitFor(() => expect(screen.getByTestId('company-sign-in').textContent).toMatch(/finish in the sign-in window/));
    expect((screen.getByTestId('company-sign-in') as HTMLButtonElement).disabled).toBe(true);
    expect((screen.getByTestId('sign-in-submit') as HTMLButtonElement).disabled).toBe(true);
  });

  it('shows the worker’s reason when it fails (cancelled, the provider’s error, the server’s refusal)', async () => {
    for (const error of ['Sign-in cancelled: the sign-in window was closed before it finished.', 'acme.example addresses may not sign in to this Earshot server.']) {
      worker({ 'auth/signInOidc': () => ({ ok: false, reason: 'refused', error }) });
      render(<AccountSection auth={SIGNED_OUT} onChanged={() => undefined} />);
      fireEvent.click(await screen.findByTestId('company-sign-in'));
      expect((await screen.findByTestId('sign-in-error')).textContent).toBe(error);
      cleanup();
    }
  });

  it('a server elsewhere: asks for its origin on the click, first, then asks how it signs in', async () => {
    let allowed = false;
    worker({
      'auth/methods': ({ serverUrl }) => (serverUrl.startsWith('https://') && !allowed ? { ok: false, needsPermission: true, error: 'no access' } : { ...BOTH, serverUrl }),
    });
    (fakeBrowser as unknown as { permissions: unknown }).permissions = {
      request: vi.fn(async () => {
        order.push('permissions.request');
        allowed = true;
        return true;
      }),
    };
    render(<AccountSection auth={{ ...SIGNED_OUT, serverUrl: 'https://earshot.acme.example' }} onChanged={() => undefined} />);
    fireEvent.click(await screen.findByTestId('server-check'));
    await screen.findByTestId('company-sign-in');
    expect(order).toEqual(['permissions.request']);
  });
});
