import '@/ui/testing/setup';
import { act, fireEvent, render, screen, waitFor, within } from '@testing-library/preact';
import { describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { account, creditUser, match, salesUser, salesView, tabState } from '@/ui/testing/fixtures';
import { answer, broadcast, calls, never } from '@/ui/testing/mock-send';
import { SEARCH_DEBOUNCE_MS } from '../popup/AccountSearch';
import { Panel } from './Panel';

vi.mock('@/lib/send', async (importOriginal) => (await import('@/ui/testing/mock-send')).mockSendModule(importOriginal));

const panelState = () => screen.getByTestId('panel-state');
const waitForState = (state: string) => waitFor(() => expect(panelState().dataset.state).toBe(state));

describe('Panel states', () => {
  it('shows a skeleton while the service worker has not answered', () => {
    answer({ 'tab/state': () => never() });
    const { container } = render(<Panel />);
    expect(panelState().dataset.state).toBe('loading');
    expect(container.querySelector('.skeleton')).not.toBeNull();
    expect(screen.getByRole('status').textContent).toMatch(/Loading/);
  });

  it('says when there is no customer on the page', async () => {
    answer({ 'tab/state': () => tabState({ matches: [], context: null }) });
    render(<Panel />);
    await waitForState('empty');
    expect(screen.getByRole('heading', { name: 'No customer on this page' })).toBeTruthy();
    expect(screen.queryByTestId('create-account')).toBeNull();
  });

  it('on a related list of a record it cannot place yet, says what makes the customer known (the worker’s hint)', async () => {
    const context = {
      site: 'salesforce',
      pageType: 'related-list',
      emails: [],
      domains: [],
      crmRecord: { system: 'SALESFORCE' as const, objectType: 'Opportunity', recordId: '0065f00000KqZxYAAV' },
      url: 'https://northwind.lightning.force.com/lightning/r/Opportunity/0065f00000KqZxYAAV/related/OpportunityLineItems/view',
    };
    answer({ 'tab/state': () => tabState({ matches: [], context, hint: { kind: 'related-list', object: 'opportunity' } }) });
    const first = render(<Panel />);
    await waitForState('empty');
    expect(screen.getByRole('heading', { name: 'No customer known for this opportunity yet' })).toBeTruthy();
    expect(screen.getByTestId('page-hint').textContent).toBe(
      'This is a related list of an opportunity. Open the opportunity itself once and Earshot will recognise its customer here.',
    );
    expect(screen.queryByTestId('create-account')).toBeNull(); // an opportunity is no account to create
    first.unmount();
    answer({ 'tab/state': () => tabState({ matches: [], context: { ...context, pageType: 'record' }, hint: { kind: 'no-account', object: 'deal' } }) });
    render(<Panel />);
    await waitForState('empty');
    expect(screen.getByRole('heading', { name: 'No account on this deal' })).toBeTruthy();
    expect(screen.getByTestId('page-hint').textContent).toMatch(/^Earshot found no account on this deal\./);
  });

  it('offers signed-out users the settings page', async () => {
    answer({ 'tab/state': () => tabState({ connection: 'signed-out', matches: [], user: null }) });
    const open = vi.spyOn(fakeBrowser.runtime, 'openOptionsPage').mockResolvedValue(undefined);
    render(<Panel />);
    await waitForState('signed-out');
    fireEvent.click(screen.getByRole('button', { name: 'Open Earshot settings' }));
    expect(open).toHaveBeenCalledOnce();
  });

  it('shows an error with a retry that asks again', async () => {
    const mocked = answer({ 'tab/state': () => Promise.reject(new Error('Earshot background is not reachable')) });
    render(<Panel />);
    await waitForState('error');
    expect(screen.getByRole('alert').textContent).toContain('Earshot background is not reachable');
    answer({ 'tab/refresh': () => tabState() });
    fireEvent.click(screen.getByTestId('retry'));
    await waitForState('ready');
    expect(mocked).toHaveBeenCalledWith('tab/refresh', {});
  });

  it('shows the worker’s own error message', async () => {
    answer({ 'tab/state': () => tabState({ connection: 'error', message: 'Server answered 500', matches: [] }) });
    render(<Panel />);
    await waitForState('error');
    expect(screen.getByRole('alert').textContent).toContain('Server answered 500');
  });

  it('keeps the last data, marked stale, when the server is unreachable', async () => {
    answer({ 'tab/state': () => tabState({ connection: 'unreachable', message: 'fetch failed' }), 'tab/refresh': () => tabState() });
    render(<Panel />);
    await waitForState('unreachable');
    const banner = screen.getByTestId('stale-banner');
    expect(banner.textContent).toMatch(/Offline\. Showing data from/);
    expect(banner.querySelector('time')?.getAttribute('datetime')).toBe(tabState().fetchedAt);
    expect(screen.getByTestId('account-name').textContent).toBe('Brightwell Cycles Ltd');
    fireEvent.click(within(banner).getByRole('button', { name: 'Retry' }));
    await waitForState('ready');
    expect(calls('tab/refresh')).toHaveLength(1);
    expect(screen.queryByTestId('stale-banner')).toBeNull();
  });

  it('offline, shows the last signals and credit detail the worker remembered, marked with their age', async () => {
    // The lookup's card carries no detail (PanelAccountCard); the worker answers account/detail from what it remembers.
    const full = tabState().matches[0]!.account;
    const { creditBalance: _balance, recentDaysBeyondTerms, dso, bestPossibleDso, limitUtilisation, unconvertedCurrencies, currencies, paidInvoices, ...card } = full.creditStatus!;
    const { signals, ...withoutSignals } = full;
    const lookup = tabState({ connection: 'unreachable', message: 'The server cannot be reached.' });
    lookup.matches = [{ ...lookup.matches[0]!, account: { ...withoutSignals, creditStatus: card } }];
    const rememberedAt = '2026-12-06T07:40:00.000Z';
    answer({
      'tab/state': () => lookup,
      'account/detail': ({ id }) => ({
        ok: true,
        account: {
          id,
          signals: signals!,
          creditStatus: {
            creditBalance: '300.00',
            recentDaysBeyondTerms: recentDaysBeyondTerms ?? null,
            dso: dso ?? null,
            bestPossibleDso: bestPossibleDso ?? null,
            limitUtilisation: limitUtilisation ?? null,
            totalExposure: null,
            totalOverdue: null,
            unconvertedCurrencies: unconvertedCurrencies ?? null,
            currencies: currencies ?? null,
            paidInvoices: paidInvoices ?? null,
          },
        },
        fetchedAt: rememberedAt,
        stale: true,
        message: 'The server cannot be reached.',
      }),
    });
    render(<Panel />);
    await waitForState('unreachable');
    expect(screen.getByTestId('stale-banner').textContent).toMatch(/Offline\. Showing data from/);
    // The last-known signals and credit detail, not "Could not load the latest signals".
    await waitFor(() => expect(screen.getAllByTestId('signal-item')).toHaveLength(3));
    expect(screen.queryByText(/Could not load the latest signals/)).toBeNull();
    expect(within(screen.getByTestId('payment-figures')).getByTestId('figure-dso').textContent).toBe('DSO (countback)61.4 days');
    expect(screen.getByTestId('credit-balance').textContent).toMatch(/300\.00 credit balance/);
    // Said how old they are, in the stale banner's words.
    const note = screen.getByTestId('detail-stale');
    expect(note.textContent).toMatch(/^Offline\. Signals and credit detail from .+\.The server cannot be reached\.$/);
    expect(note.querySelector('time')?.getAttribute('datetime')).toBe(rememberedAt);
    expect(calls('account/detail')).toEqual([{ id: full.id }]);
  });

  it('online, the detail carries no offline note', async () => {
    const shown = tabState().matches[0]!.account;
    answer({
      'tab/state': () => tabState(),
      'account/detail': () => ({ ok: true, account: { id: shown.id, signals: shown.signals!, creditStatus: null }, fetchedAt: '2026-12-06T08:00:00.000Z' }),
    });
    render(<Panel />);
    await waitFor(() => expect(screen.getAllByTestId('signal-item')).toHaveLength(3));
    expect(screen.queryByTestId('detail-stale')).toBeNull();
  });

  it('offline with no detail remembered, says the signals could not be loaded', async () => {
    answer({
      'tab/state': () => tabState({ connection: 'unreachable', message: 'The server cannot be reached.' }),
      'account/detail': () => ({ ok: false, kind: 'unreachable', error: 'The server cannot be reached.' }),
    });
    render(<Panel />);
    await waitFor(() => expect(screen.getByText(/Could not load the latest signals: The server cannot be reached\./)).toBeTruthy());
    expect(screen.queryByTestId('detail-stale')).toBeNull();
  });

  it('says the server is unreachable when there is nothing to show', async () => {
    answer({ 'tab/state': () => tabState({ connection: 'unreachable', matches: [] }) });
    render(<Panel />);
    await waitForState('unreachable');
    expect(screen.getByRole('heading', { name: /Can't reach the Earshot server/ })).toBeTruthy();
    expect(screen.getByTestId('retry')).toBeTruthy();
  });

  it('asks again when the service worker broadcasts a change for its tab', async () => {
    const mocked = answer({ 'tab/state': () => tabState({ matches: [] }) });
    render(<Panel />);
    await waitForState('empty');
    answer({ 'tab/state': () => tabState() });
    await broadcast({ type: 'broadcast/tab-changed', tabId: 7 });
    await waitForState('ready');
    expect(mocked).toHaveBeenCalledWith('tab/state', {});
  });
});

describe('Panel: one customer, credit user', () => {
  it('shows risk, money, trend, alerts, signals, notes, people and contacts', async () => {
    // The signals come with the account on view's detail (account/detail: PanelAccountDetail); no operation is run here.
    const shown = tabState().matches[0]!.account;
    answer({
      'tab/state': () => tabState(),
      'account/detail': ({ id }) => {
        if (id !== shown.id) throw new Error(`unexpected ${id}`);
        return { ok: true, account: { id: shown.id, signals: shown.signals!, creditStatus: null }, fetchedAt: '2026-12-06T08:00:00.000Z' };
      },
      'op/run': ({ operation }) => {
        throw new Error(`unexpected ${operation}`);
      },
    });
    render(<Panel />);
    await waitForState('ready');
    expect(screen.getByTestId('account-name').textContent).toBe('Brightwell Cycles Ltd');
    expect(screen.getByTestId('risk-level').textContent).toBe('HIGH');
    // The level once: the lamps beside it are decoration, not a second "High risk".
    expect(screen.queryByRole('img', { name: 'High risk' })).toBeNull();
    expect(screen.getByText(/Paying later/, { selector: '.risk__trend' })).toBeTruthy();
    // Top three factors, heaviest first, each with its points and its sentence under the label; the rest behind "Show all (4)".
    const factors = screen.getByRole('list', { name: 'What drives the risk' });
    expect(
      within(factors)
        .getAllByRole('listitem')
        .map((li) => [li.querySelector('.risk__factor-label')?.textContent, li.querySelector('.risk__factor-detail')?.textContent]),
    ).toEqual([
      [
        'Paying later +30 points',
        'Paying 12 days later than their own norm (average lateness per invoice, not amount-weighted, last 90 days: 23 days after the due date; before that: 11 days after the due date)',
      ],
      ['Near the limit +20 points', '91% of the credit limit used'],
      ['Negative field signals +13 points', '2 in the last 30 days'],
    ]);
    expect(screen.getByTestId('risk-show-all').textContent).toBe('Show all (4)');
    expect(screen.getByTestId('credit-limit').textContent).toMatch(/200/);
    expect(screen.getByTestId('overdue').dataset.warn).toBe('true');
    expect(screen.getByTestId('overdue').querySelector('dd')?.getAttribute('title')).toMatch(/48,200\.50/);
    expect(screen.getByTestId('aging-bar').querySelectorAll('.aging__segment')).toHaveLength(5);
    expect(screen.getByTestId('payment-sparkline').getAttribute('aria-label')).toMatch(/^Paid DBT \(days beyond terms\) by month/);
    expect(screen.getAllByTestId('alert-item')).toHaveLength(2);
    const signals = await screen.findAllByTestId('signal-item');
    expect(signals).toHaveLength(3);
    expect(signals[0]?.textContent).toContain('Quiet');
    expect(signals[0]?.textContent).toContain('Sam Sales');
    expect(signals[0]?.querySelector('time')).not.toBeNull();
    expect(signals[2]?.textContent).toContain('Ledger');
    expect(screen.getByText('3 of 7')).toBeTruthy();
    expect(screen.getByTestId('note-item').textContent).toContain('Credit only');
    // Carla is signed in and is the credit owner: her row says "You"; the other person is the one to email.
    expect(screen.getByTestId('people-you').textContent).toBe('You');
    expect(screen.queryByRole('link', { name: /carla/i })).toBeNull();
    // Named by the address it shows (label in name, WCAG 2.5.3).
    expect(screen.getByRole('link', { name: 'sam@ourco.example' }).getAttribute('href')).toBe('mailto:sam@ourco.example?subject=Brightwell%20Cycles%20Ltd');
    expect(screen.getByText('Prefers Phone, brief')).toBeTruthy();
    expect(screen.getByText('Only supplier of their frame alloy')).toBeTruthy();
    expect(screen.getByTestId('next-review').textContent).toMatch(/Next review|Review overdue/);
    expect(screen.queryByTestId('on-hold-banner')).toBeNull();
    expect(screen.queryByTestId('account-switcher')).toBeNull();
  });

  it('shows the hold banner with the credit owner to talk to', async () => {
    answer({ 'tab/state': () => tabState({ user: salesUser, matches: [match(account({ onHold: true }))] }) });
    render(<Panel />);
    await waitForState('ready');
    const banner = screen.getByTestId('on-hold-banner');
    expect(banner.textContent).toContain('On credit hold');
    expect(within(banner).getByRole('link', { name: 'Carla Credit' }).getAttribute('href')).toBe('mailto:carla@ourco.example');
  });

  it('shows the level alone when the account has no credit status yet', async () => {
    answer({ 'tab/state': () => tabState({ matches: [match(account({ creditStatus: null, creditLimit: null }))] }) });
    render(<Panel />);
    await waitForState('ready');
    expect(screen.queryByTestId('risk-level')).toBeNull();
    expect(screen.getByText(/No credit status yet/)).toBeTruthy();
  });
});

describe('Panel: SALES users', () => {
  it('renders the level and factor labels, no money', async () => {
    answer({ 'tab/state': () => tabState({ user: salesUser, matches: [match(salesView())] }) });
    render(<Panel />);
    await waitForState('ready');
    expect(screen.getByTestId('risk-level').textContent).toBe('HIGH');
    expect(screen.getByText('Near the limit')).toBeTruthy();
    expect(screen.queryByText(/91% of the credit limit/)).toBeNull();
    expect(screen.queryByTestId('credit-limit')).toBeNull();
    expect(screen.queryByTestId('aging-bar')).toBeNull();
    expect(screen.queryByTestId('payment-sparkline')).toBeNull();
    expect(screen.getByText(/Credit figures are shared with the credit team only/)).toBeTruthy();
    expect(screen.queryByText(/NaN|undefined|null/)).toBeNull();
  });

  it('shows no orphan score label and no bare dashes: the level in words, hidden figures said to be the credit team’s', async () => {
    answer({ 'tab/state': () => tabState({ user: salesUser, matches: [match(salesView())] }) });
    render(<Panel />);
    await waitForState('ready');
    expect(document.querySelector('.risk__score')).toBeNull();
    expect(screen.queryByText(/^score$/i)).toBeNull();
    expect(screen.getByText('Near the limit')).toBeTruthy();
    const text = document.body.textContent ?? '';
    expect(text).not.toMatch(/(^|\s)—(\s|$)/);
    expect(text).toContain('credit team only');
  });

  it('answers “does this order fit?” in words, rounded down, per state', async () => {
    const view = (orderHeadroom: NonNullable<ReturnType<typeof salesView>['creditStatus']>['orderHeadroom'], currency = 'EUR') => {
      const base = salesView(account({ currency }));
      return { ...base, creditStatus: base.creditStatus ? { ...base.creditStatus, orderHeadroom } : null };
    };
    const cases = [
      [{ state: 'ROOM', roughAmount: '4600.00' }, 'EUR', 'Room for about EUR 4,600 more.'],
      [{ state: 'ROOM', roughAmount: '1200000.00' }, 'GBP', 'Room for about GBP 1,200,000 more.'],
      [{ state: 'ROOM', roughAmount: '0.00' }, 'EUR', 'Almost no room left under the credit limit — talk to credit.'],
      [{ state: 'ROOM_HIGH_RISK', roughAmount: '4600.00' }, 'EUR', 'Room for about EUR 4,600 more, but the risk is high — check with credit before a large or unusual order.'],
      [{ state: 'CRITICAL_RISK', roughAmount: null }, 'EUR', 'Critical risk — talk to credit before promising any order.'],
      [{ state: 'OVER_LIMIT', roughAmount: null }, 'EUR', 'Over the credit limit — talk to credit before taking an order.'],
      [{ state: 'ON_HOLD', roughAmount: null }, 'EUR', 'On hold — no room for new orders until credit lifts the hold. Talk to credit.'],
      [{ state: 'NO_LIMIT', roughAmount: null }, 'EUR', 'No credit limit set — ask credit before taking an order.'],
    ] as const;
    for (const [headroom, currency, words] of cases) {
      answer({ 'tab/state': () => tabState({ user: salesUser, matches: [match(view({ ...headroom }, currency))] }) });
      const { unmount } = render(<Panel />);
      await waitForState('ready');
      const line = screen.getByTestId('order-headroom');
      expect(line.textContent).toContain(words);
      // The caution and the warnings name whom to talk to; only a plain “room” answer stands alone.
      expect(line.dataset.tone).toBe(headroom.state === 'ROOM' && headroom.roughAmount !== '0.00' ? 'ok' : headroom.state === 'ROOM_HIGH_RISK' ? 'caution' : 'warn');
      expect(screen.queryByTestId('order-headroom-owner') != null).toBe(line.dataset.tone !== 'ok');
      // No amount where the policy gives none: neither in the line nor in a “rounded down” note.
      if (headroom.roughAmount == null) expect(screen.getByRole('region', { name: 'Does this order fit?' }).textContent).not.toMatch(/\d|Rounded/);
      unmount();
    }
  });

  it('tells a credit owner reading the sales view “You are the credit owner”, not their own name', async () => {
    const base = salesView(account({ creditOwner: { id: salesUser.id, name: salesUser.name, email: salesUser.email } }));
    const held = { ...base, creditStatus: base.creditStatus ? { ...base.creditStatus, orderHeadroom: { state: 'CRITICAL_RISK' as const, roughAmount: null } } : null };
    answer({ 'tab/state': () => tabState({ user: salesUser, matches: [match(held)] }) });
    render(<Panel />);
    await waitForState('ready');
    expect(screen.getByTestId('order-headroom-owner').textContent).toBe(' You are the credit owner.');
    expect(screen.getByTestId('order-headroom').textContent).not.toContain(salesUser.name);
  });

  it('leaves the headroom line to the sales view: credit reads the exact figures', async () => {
    answer({ 'tab/state': () => tabState({ user: creditUser, matches: [match()] }) });
    render(<Panel />);
    await waitForState('ready');
    expect(screen.queryByTestId('order-headroom')).toBeNull();
  });
});

describe('Panel: several customers', () => {
  it('switches between them', async () => {
    const second = account({ id: 'A2', name: 'Northgate Wholesale', creditStatus: null, signals: { totalCount: 0, edges: [] } });
    answer({ 'tab/state': () => tabState({ matches: [match(), match(second)] }) });
    render(<Panel />);
    await waitForState('ready');
    const switcher = screen.getByTestId('account-switcher');
    const buttons = within(switcher).getAllByRole('button');
    expect(buttons.map((b) => b.getAttribute('aria-pressed'))).toEqual(['true', 'false']);
    fireEvent.click(within(switcher).getByRole('button', { name: /^Northgate Wholesale ?: no credit status$/ }));
    expect(screen.getByTestId('account-name').textContent).toBe('Northgate Wholesale');
    expect(screen.queryAllByTestId('signal-item')).toHaveLength(0);
    expect(within(switcher).getByRole('button', { name: /^Northgate Wholesale ?: no credit status$/ }).getAttribute('aria-pressed')).toBe('true');
  });
});

describe('Panel: not a customer yet', () => {
  const context = {
    site: 'hubspot',
    pageType: 'record',
    emails: [],
    domains: ['newco.example', 'gmail.com'],
    crmRecord: { system: 'HUBSPOT' as const, objectType: 'company', recordId: '991' },
    recordName: 'NewCo Trading',
    url: 'https://app.hubspot.com/contacts/1/company/991',
  };

  it('lets credit users create the account from the page', async () => {
    const mocked = answer({
      'tab/state': () => tabState({ matches: [], context, user: creditUser }),
      'account/create': () => ({ ok: true, id: 'A9' }),
      'tab/refresh': () => tabState(),
    });
    render(<Panel />);
    await waitForState('empty');
    expect(screen.getByRole('heading', { name: 'Not a customer yet' })).toBeTruthy();
    expect((screen.getByTestId('create-account-name') as HTMLInputElement).value).toBe('NewCo Trading');
    fireEvent.click(screen.getByTestId('create-account'));
    await waitForState('ready');
    expect(mocked).toHaveBeenCalledWith('account/create', { name: 'NewCo Trading', domains: ['newco.example'], crmRecord: context.crmRecord });
  });

  it('shows the server’s refusal', async () => {
    answer({
      'tab/state': () => tabState({ matches: [], context, user: creditUser }),
      'account/create': () => ({ ok: false, error: 'Domain already belongs to Acme' }),
    });
    render(<Panel />);
    await waitForState('empty');
    fireEvent.click(screen.getByTestId('create-account'));
    await waitFor(() => expect(screen.getByRole('alert').textContent).toBe('Domain already belongs to Acme'));
  });

  it('does not offer creation to sales users', async () => {
    answer({ 'tab/state': () => tabState({ matches: [], context, user: salesUser }) });
    render(<Panel />);
    await waitForState('empty');
    expect(screen.getByRole('heading', { name: 'Not a customer yet' })).toBeTruthy();
    expect(screen.queryByTestId('create-account')).toBeNull();
    // Nor adding the domain (addAccountDomain is CREDIT and ADMIN only): they are told whom to ask for both.
    expect(screen.queryByTestId('add-domain-open')).toBeNull();
    expect(screen.getByText(/Ask your credit team to add it .*, or to add newco\.example to the customer’s existing account/)).toBeTruthy();
  });

  it('lets credit users add the page’s domain to an existing account, found by name', async () => {
    vi.useFakeTimers({ shouldAdvanceTime: true });
    const mocked = answer({
      'tab/state': () => tabState({ matches: [], context, user: creditUser }),
      'account/search': ({ search }) => ({ hits: search === 'brigh' ? [{ id: 'A1', name: 'Brightwell Cycles Ltd', domains: ['brightwell.example'], creditStatus: null }] : [] }),
      'account/addDomains': () => ({ ok: true, name: 'Brightwell Cycles Ltd', results: [{ domain: 'newco.example', outcome: 'ADDED', refusal: null, otherAccount: null }] }),
      'tab/refresh': () => tabState(),
    });
    render(<Panel />);
    await waitForState('empty');
    fireEvent.click(screen.getByRole('button', { name: 'Add this domain to an existing account' }));
    fireEvent.input(screen.getByTestId('account-search'), { target: { value: 'brigh' } });
    await act(async () => {
      await vi.advanceTimersByTimeAsync(SEARCH_DEBOUNCE_MS + 10);
    });
    fireEvent.click(await screen.findByRole('option', { name: /Brightwell Cycles Ltd/ }));
    expect(screen.getByTestId('add-domain-account').textContent).toBe('Brightwell Cycles Ltd');
    fireEvent.click(screen.getByTestId('add-domain'));
    await waitForState('ready');
    expect(mocked).toHaveBeenCalledWith('account/addDomains', { accountId: 'A1', domains: ['newco.example'] });
  });

  it('shows the server’s refusal to add the domain', async () => {
    vi.useFakeTimers({ shouldAdvanceTime: true });
    answer({
      'tab/state': () => tabState({ matches: [], context, user: creditUser }),
      'account/search': () => ({ hits: [{ id: 'A1', name: 'Brightwell Cycles Ltd', domains: [], creditStatus: null }] }),
      'account/addDomains': () => ({ ok: false, error: 'newco.example already belongs to NewCo Holdings' }),
    });
    render(<Panel />);
    await waitForState('empty');
    fireEvent.click(screen.getByTestId('add-domain-open'));
    fireEvent.input(screen.getByTestId('account-search'), { target: { value: 'brigh' } });
    await act(async () => {
      await vi.advanceTimersByTimeAsync(SEARCH_DEBOUNCE_MS + 10);
    });
    fireEvent.click(await screen.findByRole('option', { name: /Brightwell/ }));
    fireEvent.click(screen.getByTestId('add-domain'));
    await waitFor(() => expect(screen.getByRole('alert').textContent).toBe('newco.example already belongs to NewCo Holdings'));
  });
});

describe('Panel actions', () => {
  it('adds a credit-only note for credit users', async () => {
    const mocked = answer({ 'tab/state': () => tabState(), 'note/add': () => ({ ok: true }), 'tab/refresh': () => tabState() });
    render(<Panel />);
    await waitForState('ready');
    fireEvent.click(screen.getByTestId('add-note'));
    const body = screen.getByTestId('note-body');
    expect(document.activeElement).toBe(body);
    fireEvent.input(body, { target: { value: 'Owner says Q3 will be tight' } });
    fireEvent.click(screen.getByLabelText('Credit team only'));
    fireEvent.keyDown(body, { key: 'Enter', ctrlKey: true });
    await waitFor(() => expect(screen.queryByTestId('note-form')).toBeNull());
    expect(mocked).toHaveBeenCalledWith('note/add', { accountId: 'A1', body: 'Owner says Q3 will be tight', visibility: 'CREDIT_ONLY' });
    expect(calls('tab/refresh')).toHaveLength(1);
    expect(document.activeElement).toBe(screen.getByTestId('add-note'));
  });

  it('writes notes for everyone when the user is in sales', async () => {
    const mocked = answer({ 'tab/state': () => tabState({ user: salesUser, matches: [match(salesView())] }), 'note/add': () => ({ ok: true }), 'tab/refresh': () => tabState() });
    render(<Panel />);
    await waitForState('ready');
    fireEvent.click(screen.getByTestId('add-note'));
    expect(screen.queryByTestId('note-visibility')).toBeNull();
    fireEvent.input(screen.getByTestId('note-body'), { target: { value: 'Busy showroom' } });
    fireEvent.click(screen.getByTestId('note-submit'));
    await waitFor(() => expect(mocked).toHaveBeenCalledWith('note/add', { accountId: 'A1', body: 'Busy showroom', visibility: 'ALL' }));
  });

  it('captures a signal inline for the shown account', async () => {
    const mocked = answer({
      'tab/state': () => tabState(),
      'capture/submit': (req) => ({ queued: { ...req, idempotencyKey: 'k', queuedAt: req.observedAt, attempts: 0 }, delivered: true }),
      'tab/refresh': () => tabState(),
    });
    render(<Panel />);
    await waitForState('ready');
    fireEvent.click(screen.getByTestId('add-signal'));
    const form = screen.getByTestId('capture-form');
    expect(document.activeElement?.closest('[data-testid="signal-chip"]')).not.toBeNull();
    fireEvent.click(within(form).getByText('Staff cuts'));
    fireEvent.input(within(form).getByTestId('capture-note'), { target: { value: 'Two drivers let go' } });
    fireEvent.click(within(form).getByTestId('capture-submit'));
    await waitFor(() => expect(within(form).getByTestId('capture-status').dataset.status).toBe('sent'));
    expect(mocked).toHaveBeenCalledWith(
      'capture/submit',
      expect.objectContaining({
        accountId: 'A1',
        accountName: 'Brightwell Cycles Ltd',
        type: 'STAFF_CUTS',
        severity: 2,
        note: 'Two drivers let go',
        sourceUrl: tabState().context?.url,
      }),
    );
  });
});
