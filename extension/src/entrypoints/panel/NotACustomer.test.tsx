import '@/ui/testing/setup';
import { act, fireEvent, render, screen, waitFor } from '@testing-library/preact';
import { describe, expect, it, vi } from 'vitest';
import type { AccountDomainResult } from '@/lib/messages';
import { answer, calls } from '@/ui/testing/mock-send';
import { SEARCH_DEBOUNCE_MS } from '../popup/AccountSearch';
import { domainOutcomeText, NotACustomer } from './NotACustomer';

vi.mock('@/lib/send', async (importOriginal) => (await import('@/ui/testing/mock-send')).mockSendModule(importOriginal));

const context = {
  site: 'gmail',
  pageType: 'thread',
  emails: [],
  domains: ['acme.example', 'acme-group.example', 'northwind.example'],
  url: 'https://mail.google.com/mail/u/0/#inbox/1',
};

const added = (domain: string): AccountDomainResult => ({ domain, outcome: 'ADDED', refusal: null, otherAccount: null });
const refused = (domain: string, refusal: AccountDomainResult['refusal'], otherAccount: AccountDomainResult['otherAccount'] = null): AccountDomainResult => ({
  domain,
  outcome: 'REFUSED',
  refusal,
  otherAccount,
});

/** Opens "Add these domains…", finds Acme Tools and presses Add. */
async function addToAcme() {
  vi.useFakeTimers({ shouldAdvanceTime: true });
  fireEvent.click(screen.getByTestId('add-domain-open'));
  fireEvent.input(screen.getByTestId('account-search'), { target: { value: 'acme' } });
  await act(async () => {
    await vi.advanceTimersByTimeAsync(SEARCH_DEBOUNCE_MS + 10);
  });
  fireEvent.click(await screen.findByRole('option', { name: /Acme Tools/ }));
  fireEvent.click(screen.getByTestId('add-domain'));
}

const search = () => ({ hits: [{ id: 'A1', name: 'Acme Tools', domains: [], creditStatus: null }] });

describe('NotACustomer: adding the page’s domains to an existing account', () => {
  it('names the page’s domains as a sentence does: “a, b and c are not linked…”', () => {
    render(<NotACustomer context={context} canCreate={false} onCreated={() => {}} />);
    expect(document.body.textContent).toContain('acme.example, acme-group.example and northwind.example are not linked to any account in Earshot.');
    expect(document.body.textContent).not.toMatch(/acme-group\.example, northwind/);
  });

  it('moves on to the account at once when every domain went on it', async () => {
    answer({
      'account/search': search,
      'account/addDomains': () => ({ ok: true, name: 'Acme Tools', results: context.domains.map(added) }),
    });
    const onCreated = vi.fn();
    render(<NotACustomer context={context} canCreate onCreated={onCreated} />);
    await addToAcme();
    await waitFor(() => expect(onCreated).toHaveBeenCalledOnce());
    expect(calls('account/addDomains')).toEqual([{ accountId: 'A1', domains: context.domains }]);
  });

  it('says which were added and which not, and why, before moving on to the account', async () => {
    answer({
      'account/search': search,
      'account/addDomains': () => ({
        ok: true,
        name: 'Acme Tools',
        results: [added('acme.example'), refused('acme-group.example', 'OTHER_ACCOUNT', { id: 'G1', name: 'Acme Group Ltd' }), refused('northwind.example', 'OWN_DOMAIN')],
      }),
    });
    const onCreated = vi.fn();
    render(<NotACustomer context={context} canCreate onCreated={onCreated} />);
    await addToAcme();
    await waitFor(() =>
      expect(screen.getByTestId('add-domain-outcome').textContent).toBe(
        'Added acme.example to Acme Tools; not added: acme-group.example (belongs to Acme Group Ltd) and northwind.example (one of your company’s own domains).',
      ),
    );
    expect(onCreated).not.toHaveBeenCalled();
    fireEvent.click(screen.getByRole('button', { name: 'Show Acme Tools' }));
    expect(onCreated).toHaveBeenCalledOnce();
  });

  it('says nothing was added, as a problem, and stays on the choice', async () => {
    answer({
      'account/search': search,
      'account/addDomains': () => ({
        ok: true,
        name: 'Acme Tools',
        // The server did not show the other account to this viewer: it is not named.
        results: [refused('acme.example', 'OTHER_ACCOUNT'), refused('acme-group.example', 'ACCOUNT_FULL'), refused('northwind.example', 'INVALID')],
      }),
    });
    const onCreated = vi.fn();
    render(<NotACustomer context={context} canCreate onCreated={onCreated} />);
    await addToAcme();
    await waitFor(() =>
      expect(screen.getByRole('alert').textContent).toBe(
        'Nothing added to Acme Tools; not added: acme.example (belongs to another account), acme-group.example (the account has the most domains an account may have (50)) and northwind.example (not a domain).',
      ),
    );
    expect(screen.getByTestId('add-domain')).toBeTruthy();
    expect(onCreated).not.toHaveBeenCalled();
  });

  it('shows the refusal of the whole request (nothing written)', async () => {
    answer({ 'account/search': search, 'account/addDomains': () => ({ ok: false, error: 'Not allowed' }) });
    render(<NotACustomer context={context} canCreate onCreated={vi.fn()} />);
    await addToAcme();
    await waitFor(() => expect(screen.getByRole('alert').textContent).toBe('Not allowed'));
  });
});

describe('domainOutcomeText', () => {
  it('lists the domains already on the account apart', () => {
    expect(
      domainOutcomeText('Acme Tools', [
        added('acme.example'),
        added('acme-trading.example'),
        { domain: 'acme.co.example', outcome: 'ALREADY_ON_ACCOUNT', refusal: null, otherAccount: null },
        refused('x', 'INVALID'),
      ]),
    ).toBe('Added acme.example and acme-trading.example to Acme Tools; acme.co.example was on it already; not added: x (not a domain).');
  });
});
