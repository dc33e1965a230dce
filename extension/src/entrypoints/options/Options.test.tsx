import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/preact';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { HealthEntry, MessageType, Protocol, Response, SessionUser, Settings } from '@/lib/messages';
import { send } from '@/lib/send';
import { BUILT_IN_SITES } from './built-in-sites';
import { Options } from './Options';

vi.mock('@/lib/send', async (importOriginal) => ({ ...(await importOriginal<typeof import('@/lib/send')>()), send: vi.fn() }));

const USER: SessionUser = { id: 'u1', name: 'Sam Sales', email: 'sam@supplier.example', role: 'SALES' };

/** A small stand-in for the worker: state the handlers below read and change. */
let world: { user: SessionUser | null; serverUrl: string; settings: Settings; health: HealthEntry[] };
let order: string[];
let permissionAnswer: boolean;

type Handlers = { [K in MessageType]?: (req: Protocol[K]['req']) => Response<K> | Promise<Response<K>> };
let overrides: Handlers;

const handlers: Handlers = {
  'auth/status': () => ({ user: world.user, serverUrl: world.serverUrl, connection: world.user ? 'ok' : 'signed-out' }),
  'settings/get': () => world.settings,
  'health/list': () => ({ entries: world.health }),
  'auth/methods': ({ serverUrl }) => ({ ok: true, serverUrl, password: true, oidc: null, redirectUrl: null }),
  'ownDomains/refresh': () => ({ changed: false, settings: world.settings }),
  'auth/signIn': (req) => {
    if (req.password !== 'right') return { ok: false, error: 'Wrong e-mail or password' };
    world.user = { ...USER, email: req.email };
    world.serverUrl = req.serverUrl;
    return { ok: true, user: world.user };
  },
  'auth/signOut': () => {
    world.user = null;
    return { ok: true };
  },
  'settings/set': (patch) => {
    world.settings = { ...world.settings, ...patch };
    return world.settings;
  },
  'sites/enable': ({ origin }) => {
    world.settings = { ...world.settings, customSites: [...world.settings.customSites, origin] };
    return { ok: true };
  },
  'sites/disable': ({ origin }) => {
    world.settings = { ...world.settings, customSites: world.settings.customSites.filter((o) => o !== origin) };
    return { ok: true };
  },
};

function sent<K extends MessageType>(type: K): Protocol[K]['req'][] {
  return vi
    .mocked(send)
    .mock.calls.filter((c) => c[0] === type)
    .map((c) => (c[1] ?? {}) as Protocol[K]['req']);
}

beforeEach(() => {
  fakeBrowser.reset();
  world = {
    user: null,
    serverUrl: 'http://127.0.0.1:4000',
    settings: { serverUrl: 'http://127.0.0.1:4000', customSites: [], disabledSites: [], panelOpen: {}, panelSide: 'right', ownDomains: [], ownDomainsCheckedAt: 0 },
    health: [],
  };
  order = [];
  overrides = {};
  permissionAnswer = true;
  vi.mocked(send).mockReset();
  vi.mocked(send).mockImplementation((async (type: MessageType, req?: unknown) => {
    order.push(type);
    const handler = (overrides[type] ?? handlers[type]) as ((r: unknown) => unknown) | undefined;
    if (!handler) throw new Error(`unexpected ${type}`);
    return handler(req ?? {});
  }) as typeof send);
  (fakeBrowser as unknown as { permissions: unknown }).permissions = {
    request: vi.fn(async () => {
      order.push('permissions.request');
      return permissionAnswer;
    }),
  };
});

afterEach(() => cleanup());

const byTestId = (id: string) => screen.getByTestId(id) as HTMLInputElement;

async function fillSignIn(server: string, email: string, password: string) {
  const url = await screen.findByTestId('server-url');
  fireEvent.input(url, { target: { value: server } });
  fireEvent.input(byTestId('sign-in-email'), { target: { value: email } });
  fireEvent.input(byTestId('sign-in-password'), { target: { value: password } });
  fireEvent.click(byTestId('sign-in-submit'));
}

describe('account', () => {
  it('prefills the server, signs in on this computer without a permission prompt, then shows who is signed in', async () => {
    render(<Options />);
    expect(((await screen.findByTestId('server-url')) as HTMLInputElement).value).toBe('http://127.0.0.1:4000');
    await fillSignIn('localhost:4000/', 'sam@supplier.example', 'right');
    expect(await screen.findByTestId('signed-in-as')).toHaveProperty('textContent', expect.stringContaining('sam@supplier.example'));
    expect(sent('auth/signIn')).toEqual([{ serverUrl: 'http://localhost:4000', email: 'sam@supplier.example', password: 'right' }]);
    expect(order).not.toContain('permissions.request');
    expect(screen.queryByTestId('server-url')).toBeNull();
  });

  it('shows the company’s own domains, read-only, once signed in', async () => {
    world.settings = { ...world.settings, ownDomains: ['northwind-supplies.example', 'northwind.example'] };
    render(<Options />);
    await fillSignIn('localhost:4000/', 'sam@supplier.example', 'right');
    const note = await screen.findByTestId('own-domains');
    expect(note.textContent).toContain('Your company: northwind-supplies.example, northwind.example — set by your administrator');
    expect(note.querySelector('input, button')).toBeNull();
  });

  it('reads the own domains again when it opens, and shows them when an administrator just changed them', async () => {
    world.user = { ...USER, email: 'sam@supplier.example' };
    overrides['ownDomains/refresh'] = () => {
      world.settings = { ...world.settings, ownDomains: ['northwind-supplies.example'] };
      return { changed: true, settings: world.settings };
    };
    render(<Options />);
    await waitFor(() => expect(screen.getByTestId('own-domains').textContent).toContain('Your company: northwind-supplies.example'));
    expect(sent('ownDomains/refresh')).toHaveLength(1);
    expect(order.indexOf('settings/get')).toBeLessThan(order.indexOf('ownDomains/refresh'));
  });

  it('asks for the server origin first (on the click), then signs in', async () => {
    render(<Options />);
    await fillSignIn('https://earshot.acme.example/', 'sam@supplier.example', 'right');
    await screen.findByTestId('signed-in-as');
    expect(fakeBrowser.permissions.request).toHaveBeenCalledWith({ origins: ['https://earshot.acme.example/*'] });
    expect(order.indexOf('permissions.request')).toBeLessThan(order.indexOf('auth/signIn'));
  });

  it('explains a refused permission, an invalid address, missing fields and a wrong password', async () => {
    render(<Options />);
    permissionAnswer = false;
    await fillSignIn('https://earshot.acme.example', 'sam@supplier.example', 'right');
    expect((await screen.findByTestId('sign-in-error')).textContent).toMatch(/needs your permission to reach https:\/\/earshot.acme.example/);
    expect(sent('auth/signIn')).toEqual([]);

    fireEvent.input(byTestId('server-url'), { target: { value: 'ftp://files.acme.example' } });
    fireEvent.click(byTestId('sign-in-submit'));
    await waitFor(() => expect(byTestId('sign-in-error').textContent).toMatch(/must start with http:\/\/ or https:\/\//));

    fireEvent.input(byTestId('server-url'), { target: { value: 'http://127.0.0.1:4000' } });
    fireEvent.input(byTestId('sign-in-password'), { target: { value: '' } });
    fireEvent.click(byTestId('sign-in-submit'));
    await waitFor(() => expect(byTestId('sign-in-error').textContent).toMatch(/Enter your e-mail address and password/));

    fireEvent.input(byTestId('sign-in-password'), { target: { value: 'wrong' } });
    fireEvent.click(byTestId('sign-in-submit'));
    await waitFor(() => expect(byTestId('sign-in-error').textContent).toBe('Wrong e-mail or password'));
    expect(screen.queryByTestId('signed-in-as')).toBeNull();
  });

  it('ties each sign-in error to the fields it is about, and puts the focus on the first of them', async () => {
    render(<Options />);
    const error = () => byTestId('sign-in-error');
    const invalid = () => ['server-url', 'sign-in-email', 'sign-in-password'].filter((id) => byTestId(id).getAttribute('aria-invalid') === 'true');
    const describedBy = (id: string) => (byTestId(id).getAttribute('aria-describedby') ?? '').split(' ');

    await fillSignIn('ftp://files.acme.example', 'sam@supplier.example', 'right');
    await waitFor(() => expect(invalid()).toEqual(['server-url']));
    expect(describedBy('server-url')).toEqual([error().id, 'server-url-hint']);
    await waitFor(() => expect(document.activeElement).toBe(byTestId('server-url')));

    fireEvent.input(byTestId('server-url'), { target: { value: 'http://127.0.0.1:4000' } });
    fireEvent.input(byTestId('sign-in-password'), { target: { value: '' } });
    fireEvent.click(byTestId('sign-in-submit'));
    await waitFor(() => expect(invalid()).toEqual(['sign-in-password']));
    expect(describedBy('sign-in-password')).toEqual([error().id]);
    expect(byTestId('server-url').getAttribute('aria-describedby')).toBe('server-url-hint');
    await waitFor(() => expect(document.activeElement).toBe(byTestId('sign-in-password')));

    fireEvent.input(byTestId('sign-in-password'), { target: { value: 'wrong' } });
    fireEvent.click(byTestId('sign-in-submit'));
    await waitFor(() => expect(invalid()).toEqual(['sign-in-email', 'sign-in-password']));
    await waitFor(() => expect(document.activeElement).toBe(byTestId('sign-in-email')));
  });

  it('an unreachable server marks the address field, not the password', async () => {
    overrides['auth/signIn'] = () => ({ ok: false, error: 'Cannot reach the Earshot server at http://127.0.0.1:4000. Check the address and that the server is running.' });
    render(<Options />);
    await fillSignIn('http://127.0.0.1:4000', 'sam@supplier.example', 'right');
    await waitFor(() => expect(byTestId('server-url').getAttribute('aria-invalid')).toBe('true'));
    expect(byTestId('sign-in-password').hasAttribute('aria-invalid')).toBe(false);
  });

  it('says “Signed in as …” in a live region and focuses it; signing out says so and focuses the Account heading', async () => {
    render(<Options />);
    await fillSignIn('http://127.0.0.1:4000', 'sam@supplier.example', 'right');
    const who = await screen.findByTestId('signed-in-as');
    await waitFor(() => expect(document.activeElement).toBe(who));
    const announcement = screen.getByTestId('account-announcement');
    expect(announcement.getAttribute('role')).toBe('status');
    expect(announcement.textContent).toBe('Signed in as Sam Sales.');

    fireEvent.click(screen.getByTestId('sign-out'));
    await screen.findByTestId('server-url');
    await waitFor(() => expect(announcement.textContent).toBe('Signed out.'));
    expect(document.activeElement?.id).toBe('account-title');
  });

  it('announces nothing and moves no focus when the page opens already signed in', async () => {
    world.user = USER;
    render(<Options />);
    await screen.findByTestId('signed-in-as');
    expect(screen.getByTestId('account-announcement').textContent).toBe('');
    expect(document.activeElement).toBe(document.body);
  });

  it('shows an unreachable server as the worker words it', async () => {
    overrides['auth/signIn'] = () => ({ ok: false, error: 'Cannot reach the Earshot server at http://127.0.0.1:4000. Check the address and that the server is running.' });
    render(<Options />);
    await fillSignIn('http://127.0.0.1:4000', 'sam@supplier.example', 'right');
    expect((await screen.findByTestId('sign-in-error')).textContent).toMatch(/^Cannot reach the Earshot server/);
  });

  it('signs out', async () => {
    world.user = USER;
    render(<Options />);
    fireEvent.click(await screen.findByTestId('sign-out'));
    await screen.findByTestId('server-url');
    expect(sent('auth/signOut')).toHaveLength(1);
  });

  it('reloads when the worker broadcasts auth-changed (a 401 elsewhere)', async () => {
    world.user = USER;
    render(<Options />);
    await screen.findByTestId('signed-in-as');
    world.user = null;
    await fakeBrowser.runtime.onMessage.trigger({ type: 'broadcast/auth-changed' }, { id: fakeBrowser.runtime.id }, () => undefined);
    await screen.findByTestId('sign-in-submit');
  });
});

describe('sites', () => {
  it('adds a custom site: normalises it, asks for that origin on the click, then enables it', async () => {
    render(<Options />);
    fireEvent.input(await screen.findByTestId('custom-site-input'), { target: { value: 'crm.acme.example/accounts/42' } });
    fireEvent.click(byTestId('custom-site-add'));
    const item = await screen.findByTestId('custom-site-item');
    expect(item.textContent).toContain('https://crm.acme.example');
    expect(fakeBrowser.permissions.request).toHaveBeenCalledWith({ origins: ['https://crm.acme.example/*'] });
    expect(order.indexOf('permissions.request')).toBeLessThan(order.indexOf('sites/enable'));
    expect(byTestId('custom-site-input').value).toBe('');
  });

  it('refuses invalid sites before prompting, and says so when access is refused', async () => {
    render(<Options />);
    fireEvent.input(await screen.findByTestId('custom-site-input'), { target: { value: '*.acme.example' } });
    fireEvent.click(byTestId('custom-site-add'));
    expect((await screen.findByRole('alert')).textContent).toMatch(/Wildcards are not allowed/);
    expect(fakeBrowser.permissions.request).not.toHaveBeenCalled();

    permissionAnswer = false;
    fireEvent.input(byTestId('custom-site-input'), { target: { value: 'crm.acme.example' } });
    fireEvent.click(byTestId('custom-site-add'));
    await waitFor(() => expect(screen.getByRole('alert').textContent).toMatch(/was not allowed/));
    expect(sent('sites/enable')).toEqual([]);
  });

  it('removes a custom site', async () => {
    world.settings.customSites = ['https://crm.acme.example'];
    render(<Options />);
    fireEvent.click(await screen.findByRole('button', { name: 'Remove https://crm.acme.example' }));
    await waitFor(() => expect(screen.queryByTestId('custom-site-item')).toBeNull());
    expect(sent('sites/disable')).toEqual([{ origin: 'https://crm.acme.example' }]);
  });

  it('switches a built-in site off and on', async () => {
    render(<Options />);
    const gmail = (await screen.findAllByTestId('built-in-site')).find((el) => el.getAttribute('data-site') === 'gmail') as HTMLInputElement;
    expect(gmail.checked).toBe(true);
    fireEvent.click(gmail);
    await waitFor(() => expect(sent('settings/set')).toEqual([{ disabledSites: ['gmail'] }]));
    await waitFor(() => expect(gmail.checked).toBe(false));
    fireEvent.click(gmail);
    await waitFor(() => expect(sent('settings/set')[1]).toEqual({ disabledSites: [] }));
  });

  // Through a glob so this page's tests do not need the adapters to exist (they are another piece of work).
  const sitesModule = import.meta.glob<{ BUILT_IN_ADAPTERS: readonly { name: string }[] }>('../../sites/index.ts');
  it.skipIf(Object.keys(sitesModule).length === 0)('lists exactly the built-in adapters', async () => {
    const load = Object.values(sitesModule)[0] as () => Promise<{ BUILT_IN_ADAPTERS: readonly { name: string }[] }>;
    const { BUILT_IN_ADAPTERS } = await load();
    expect(BUILT_IN_SITES.map((s) => s.key)).toEqual(BUILT_IN_ADAPTERS.map((a) => a.name));
  });
});

describe('panel and health', () => {
  it('sets the panel side', async () => {
    render(<Options />);
    fireEvent.click(await screen.findByTestId('panel-side-left'));
    await waitFor(() => expect(sent('settings/set')).toEqual([{ panelSide: 'left' }]));
    await waitFor(() => expect(byTestId('panel-side-left').checked).toBe(true));
  });

  it('lists adapter health reports, or says there are none', async () => {
    const { unmount } = render(<Options />);
    await screen.findByTestId('health-empty');
    unmount();
    world.health = [
      {
        site: 'gmail',
        pageType: 'thread',
        missing: ['participant', 'subject'],
        structure: 'div>div',
        url: 'https://mail.google.com/mail/u/0/',
        seenAt: '2026-11-22T10:00:00.000Z',
        count: 4,
      },
    ];
    render(<Options />);
    const row = await screen.findByTestId('health-item');
    expect(row.textContent).toContain('gmail');
    expect(row.textContent).toContain('participant, subject');
    expect(row.textContent).toContain('4');
  });
});
