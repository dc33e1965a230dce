import '@/ui/testing/setup';
import { act, fireEvent, render, screen, waitFor, within } from '@testing-library/preact';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { SessionUser } from '@/lib/messages';
import type { AccountWork } from '@/lib/workspace-types';
import { account, creditUser, dispute, salesUser, salesView } from '@/ui/testing/fixtures';
import { broadcast } from '@/ui/testing/mock-send';
import { connection, inboxAlert, opAccountIds, opCalls, portfolioAccount, Refusal, salesPortfolioAccount, workspace } from '@/ui/testing/workspace-fixtures';
import { Dashboard } from './Dashboard';
import { SEARCH_DEBOUNCE_MS } from './views/Portfolio';

vi.mock('@/lib/send', async (importOriginal) => (await import('@/ui/testing/mock-send')).mockSendModule(importOriginal));

const viewerUser: SessionUser = { id: 'U3', name: 'Vera Viewer', email: 'vera@ourco.example', role: 'VIEWER' };
const heading = () => screen.findByTestId('view-heading');

const work = (): AccountWork => ({ id: 'A1', openHealthCheck: null, healthChecks: connection([]), intelRequests: connection([]) });

const withWork = (base = account()) => ({
  ...base,
  creditActions: [{ kind: 'DISPUTE_OPEN' as const, text: 'Delivery problem, with logistics', since: '2026-11-20T09:00:00.000Z' }],
  disputes: connection([dispute()]),
});

beforeEach(() => history.replaceState(null, '', '#/'));
afterEach(() => history.replaceState(null, '', '#/'));

async function go(hash: string) {
  await act(async () => {
    location.hash = hash;
    window.dispatchEvent(new HashChangeEvent('hashchange'));
  });
}

describe('signed out', () => {
  it('says so and links to the settings page, with no account data asked for', async () => {
    workspace(null);
    render(<Dashboard />);
    const box = await screen.findByTestId('signed-out');
    expect(box.textContent).toContain('You are signed out');
    const link = within(box).getByRole('link', { name: 'Sign in on the Earshot settings page' }) as HTMLAnchorElement;
    expect(link.href).toMatch(/\/options\.html$/);
    expect(opCalls('WorkspacePortfolio')).toEqual([]);
  });
});

describe('credit portfolio', () => {
  it('lists accounts riskiest first, grouped by level, with exposure and score', async () => {
    workspace(creditUser, {
      WorkspacePortfolio: () => ({
        accounts: connection(
          [
            portfolioAccount({ id: 'A2', name: 'Coldharbour Foods', creditStatus: { riskLevel: 'CRITICAL', riskScore: 88, exposure: '90000.00', overdue: '1.00', onHold: true, trend: 'SLIPPING' }, onHold: true }),
            portfolioAccount(),
          ],
          { totalCount: 2 },
        ),
      }),
    });
    render(<Dashboard />);
    expect((await heading()).textContent).toBe('Portfolio');
    const rows = await screen.findAllByTestId('portfolio-row');
    expect(rows.map((r) => r.dataset.accountId)).toEqual(['A2', 'A1']);
    expect(rows[0]?.textContent).toContain('On hold');
    expect(within(rows[1] as HTMLElement).getByTestId('exposure').textContent).toMatch(/£182\.?\d*K/);
    expect(rows[1]?.textContent).toContain('68');
    expect(screen.getAllByRole('columnheader').map((h) => h.textContent)).toContain('Exposure');
    expect(screen.getByText('Critical', { selector: 'th' })).toBeTruthy();
    expect(opCalls('WorkspacePortfolio')[0]).toEqual({ first: 25, after: null, filter: {}, orderBy: { field: 'RISK_SCORE', direction: 'DESC' } });
    const link = within(rows[1] as HTMLElement).getByRole('link', { name: 'Brightwell Cycles Ltd' }) as HTMLAnchorElement;
    expect(link.getAttribute('href')).toBe('#/account/A1');
  });

  it('filters by level, on hold, mine and search, sorts by exposure, and keeps the filters in the address', async () => {
    workspace(creditUser, { WorkspacePortfolio: () => ({ accounts: connection([portfolioAccount()]) }) });
    render(<Dashboard />);
    await screen.findAllByTestId('portfolio-row');
    fireEvent.change(screen.getByTestId('filter-level'), { target: { value: 'HIGH' } });
    fireEvent.change(screen.getByTestId('filter-hold'), { target: { value: 'yes' } });
    fireEvent.click(screen.getByTestId('filter-mine'));
    fireEvent.change(screen.getByTestId('filter-sort'), { target: { value: 'EXPOSURE' } });
    fireEvent.input(screen.getByTestId('filter-search'), { target: { value: 'bright' } });
    await waitFor(() =>
      expect(opCalls('WorkspacePortfolio').at(-1)).toEqual({
        first: 25,
        after: null,
        filter: { search: 'bright', mine: true, riskLevel: ['HIGH'], onHold: true },
        orderBy: { field: 'EXPOSURE', direction: 'DESC' },
      }),
    );
    await waitFor(() => expect(location.hash).toBe('#/portfolio?q=bright&mine=1&level=HIGH&hold=yes&sort=EXPOSURE'));
  });

  it('reads its filters from a deep link', async () => {
    history.replaceState(null, '', '#/portfolio?industry=Retail&country=gb&level=CRITICAL');
    workspace(creditUser, { WorkspacePortfolio: () => ({ accounts: connection([portfolioAccount()]) }) });
    render(<Dashboard />);
    await screen.findAllByTestId('portfolio-row');
    await waitFor(() => expect(opCalls('WorkspacePortfolio').at(-1)?.filter).toEqual({ industry: 'Retail', country: 'GB', riskLevel: ['CRITICAL'] }));
  });

  it('loads the next page after the last cursor', async () => {
    workspace(creditUser, {
      WorkspacePortfolio: (v) =>
        v.after === 'c1'
          ? { accounts: connection([portfolioAccount({ id: 'A9', name: 'Zephyr Tiles' })], { totalCount: 2 }) }
          : { accounts: connection([portfolioAccount()], { totalCount: 2, hasNextPage: true, endCursor: 'c1' }) },
    });
    render(<Dashboard />);
    await screen.findAllByTestId('portfolio-row');
    expect(screen.getByText('Showing 1 of 2 accounts')).toBeTruthy();
    fireEvent.click(screen.getByTestId('load-more'));
    await waitFor(() => expect(screen.getAllByTestId('portfolio-row')).toHaveLength(2));
    expect(opCalls('WorkspacePortfolio').at(-1)?.after).toBe('c1');
    expect(screen.queryByTestId('load-more')).toBeNull();
  });

  it('shows a designed empty state and an error state with a retry', async () => {
    let fail = true;
    workspace(creditUser, {
      WorkspacePortfolio: () => (fail ? new Refusal('Server unreachable', 'unreachable') : { accounts: connection([]) }),
    });
    render(<Dashboard />);
    expect(await screen.findByRole('alert')).toBeTruthy();
    expect(screen.getByTestId('failure').textContent).toBe("Can't reach the Earshot server. Server unreachable");
    fail = false;
    fireEvent.click(screen.getByRole('button', { name: 'Retry' }));
    expect((await screen.findByTestId('empty')).textContent).toContain('No accounts yet');
  });
});

describe('sales', () => {
  it('opens on my accounts by name, with traffic lights and no figure, no figure column and no figure sort', async () => {
    workspace(salesUser, { WorkspacePortfolio: () => ({ accounts: connection([salesPortfolioAccount()]) }) });
    render(<Dashboard />);
    expect((await heading()).textContent).toBe('My accounts');
    const [row] = await screen.findAllByTestId('portfolio-row');
    expect(opCalls('WorkspacePortfolio')[0]).toEqual({ first: 25, after: null, filter: { mine: true }, orderBy: { field: 'NAME', direction: 'ASC' } });
    expect(row?.querySelector('.traffic-light')?.getAttribute('data-level')).toBe('HIGH');
    expect(screen.queryByTestId('exposure')).toBeNull();
    expect(screen.getAllByRole('columnheader').map((h) => h.textContent)).not.toContain('Exposure');
    const sorts = [...(screen.getByTestId('filter-sort') as HTMLSelectElement).options].map((o) => o.value);
    expect(sorts).toEqual(['NAME']);
    expect(document.body.textContent).not.toMatch(/£|182/);
    expect(screen.getAllByRole('link').map((l) => l.textContent)).toEqual(expect.arrayContaining(['My accounts', 'Requests to answer', 'Alerts']));
    expect(screen.queryByRole('link', { name: 'Reviews' })).toBeNull();
  });

  it('is told review planning belongs to credit when following a credit link', async () => {
    history.replaceState(null, '', '#/reviews');
    workspace(salesUser);
    render(<Dashboard />);
    expect((await screen.findByRole('heading', { level: 1, name: 'For the credit team' })).tagName).toBe('H1');
    expect(opCalls('WorkspaceReviewPlan')).toEqual([]);
  });
});

describe('navigation', () => {
  it('moves the focus to the new view’s heading and marks the current nav link', async () => {
    workspace(creditUser, {
      WorkspacePortfolio: () => ({ accounts: connection([portfolioAccount()]) }),
      WorkspaceAlerts: () => ({ alerts: connection([inboxAlert()]) }),
    });
    render(<Dashboard />);
    await screen.findAllByTestId('portfolio-row');
    // The first view does not steal the focus on page load.
    expect(document.activeElement).toBe(document.body);
    await go('#/alerts');
    await waitFor(() => expect(document.activeElement?.textContent).toBe('Alerts'));
    expect(document.activeElement?.tagName).toBe('H1');
    expect(screen.getByRole('link', { name: 'Alerts' }).getAttribute('aria-current')).toBe('page');
    expect(screen.getByRole('link', { name: 'Portfolio' }).getAttribute('aria-current')).toBeNull();
  });

  it('a link that went away with its view leaves the focus on the view’s region while the next one loads, then on its heading', async () => {
    // The briefing page has no heading until it has loaded (the folder's own h1, or an empty state's h2).
    let answerBriefing: (value: unknown) => void = () => undefined;
    workspace(creditUser, {
      WorkspacePortfolio: () => ({ accounts: connection([portfolioAccount()]) }),
      WorkspaceVisitBriefing: () => new Promise((resolve) => (answerBriefing = () => resolve({ node: null }))),
    });
    render(<Dashboard />);
    const row = (await screen.findAllByTestId('portfolio-row'))[0] as HTMLElement;
    const link = within(row).getAllByRole('link')[0] as HTMLElement;
    link.focus();
    await go('#/visit/V1/briefing');
    expect(link.isConnected).toBe(false);
    await waitFor(() => expect(document.activeElement?.tagName).toBe('MAIN'));
    await act(async () => answerBriefing(undefined));
    await waitFor(() => expect(document.activeElement?.textContent).toBe('No such visit'));
  });

  it('the search box opens the portfolio with that search', async () => {
    workspace(creditUser, { WorkspacePortfolio: () => ({ accounts: connection([portfolioAccount()]) }), WorkspaceAlerts: () => ({ alerts: connection([]) }) });
    history.replaceState(null, '', '#/alerts');
    render(<Dashboard />);
    await heading();
    fireEvent.input(screen.getByTestId('workspace-search'), { target: { value: 'cold harbour' } });
    await act(async () => {
      fireEvent.submit(screen.getByTestId('workspace-search').closest('form') as HTMLFormElement);
      window.dispatchEvent(new HashChangeEvent('hashchange'));
    });
    await waitFor(() => expect(opCalls('WorkspacePortfolio').at(-1)?.filter).toEqual({ search: 'cold harbour' }));
    expect((screen.getByTestId('filter-search') as HTMLInputElement).value).toBe('cold harbour');
  });

  it('an unknown address says so instead of guessing', async () => {
    history.replaceState(null, '', '#/nowhere/at/all');
    workspace(creditUser);
    render(<Dashboard />);
    // Still a view with its h1 (the heading that takes the focus after a navigation).
    expect(await screen.findByRole('heading', { level: 1, name: 'Nothing here' })).toBeTruthy();
  });
});

describe('the account deep link', () => {
  it('#/account/<id> opens the full card with reviews and requests', async () => {
    history.replaceState(null, '', '#/account/A1');
    workspace(creditUser, {
      AccountCard: () => ({ account: withWork() }),
      WorkspaceAccountWork: () => ({
        account: { ...work(), openHealthCheck: { id: 'HC1', status: 'IN_PROGRESS', dueOn: '2026-12-15', startedAt: null } },
      }),
    });
    render(<Dashboard />);
    await waitFor(() => expect(screen.getByTestId('account-name').textContent).toBe('Brightwell Cycles Ltd'));
    expect(opCalls('AccountCard')).toEqual([{ id: 'A1' }]);
    expect(await screen.findByTestId('open-review')).toBeTruthy();
    expect((screen.getByTestId('open-review') as HTMLAnchorElement).getAttribute('href')).toBe('#/review/HC1');
    expect(screen.getByTestId('ask-account-manager').getAttribute('href')).toBe('#/intel/new?account=A1');
    expect(screen.getByText('Open alerts')).toBeTruthy();
    expect(screen.getByTestId('add-signal')).toBeTruthy();
    expect(screen.getByTestId('credit-actions').textContent).toContain('Delivery problem, with logistics, opened ');
    // The panel's own components: disputes (with the amount for credit), credit's actions, the customer card.
    expect(screen.getByText('Delivery problem, with logistics since 8 May 2026 (12 days)', { exact: false })).toBeTruthy();
    expect(document.body.textContent).toContain('£8,400.00');
    expect(screen.getByTestId('report-dispute')).toBeTruthy();
  });

  it('for SALES shows no figure the API hid, and no credit buttons', async () => {
    history.replaceState(null, '', '#/account/A1');
    workspace(salesUser, {
      AccountCard: () => ({ account: salesView(withWork()) }),
      WorkspaceAccountWork: () => ({ account: work() }),
    });
    render(<Dashboard />);
    await waitFor(() => expect(screen.getByTestId('account-name').textContent).toBe('Brightwell Cycles Ltd'));
    await screen.findByText('No review open.');
    expect(screen.getByText('Credit figures are shared with the credit team only.')).toBeTruthy();
    expect(document.body.textContent).not.toContain('182,450');
    expect(screen.queryByTestId('start-review-now')).toBeNull();
    expect(screen.getByText('Delivery problem, with logistics since 8 May 2026 (12 days)', { exact: false })).toBeTruthy();
    expect(document.body.textContent).not.toContain('8,400');
    expect(screen.queryByTestId('ask-account-manager')).toBeNull();
  });

  it('fetches the card again when the worker says this account changed (a dispute reported, the card edited)', async () => {
    history.replaceState(null, '', '#/account/A1');
    let name = 'Brightwell Cycles Ltd';
    workspace(creditUser, { AccountCard: () => ({ account: account({ name }) }), WorkspaceAccountWork: () => ({ account: work() }) });
    render(<Dashboard />);
    await waitFor(() => expect(screen.getByTestId('account-name').textContent).toBe('Brightwell Cycles Ltd'));
    await broadcast({ type: 'broadcast/account-changed', accountId: 'A2' });
    expect(opCalls('AccountCard')).toHaveLength(1);
    name = 'Brightwell Cycles Group';
    await broadcast({ type: 'broadcast/account-changed', accountId: 'A1' });
    await waitFor(() => expect(screen.getByTestId('account-name').textContent).toBe('Brightwell Cycles Group'));
    expect(opCalls('AccountCard')).toHaveLength(2);
  });

  it('an account that is gone says so', async () => {
    history.replaceState(null, '', '#/account/nope');
    workspace(viewerUser, { AccountCard: () => ({ account: null }), WorkspaceAccountWork: () => ({ account: null }) });
    render(<Dashboard />);
    expect((await screen.findByTestId('empty')).textContent).toContain('No such account');
  });
});

describe('alerts inbox', () => {
  it('acknowledges and resolves, naming the account so its panels refresh, and shows the detail on demand', async () => {
    let status: 'OPEN' | 'ACKNOWLEDGED' = 'OPEN';
    workspace(creditUser, {
      WorkspaceAlerts: () => ({ alerts: connection([inboxAlert({ status })]) }),
      WorkspaceAcknowledgeAlert: () => {
        status = 'ACKNOWLEDGED';
        return { acknowledgeAlert: { alert: { id: 'AL1', status: 'ACKNOWLEDGED' } } };
      },
      WorkspaceResolveAlert: () => ({ resolveAlert: { alert: { id: 'AL1', status: 'RESOLVED' } } }),
    });
    history.replaceState(null, '', '#/alerts');
    render(<Dashboard />);
    const row = await screen.findByTestId('alert-row');
    expect(opCalls('WorkspaceAlerts')[0]).toEqual({ first: 25, after: null, filter: { status: ['OPEN', 'ACKNOWLEDGED'] } });
    const toggle = within(row).getByRole('button', { name: 'Paying 11 days later than 3 months ago' });
    expect(toggle.getAttribute('aria-expanded')).toBe('false');
    expect(within(row).getByTestId('alert-detail').hidden).toBe(true);
    fireEvent.click(toggle);
    expect(toggle.getAttribute('aria-expanded')).toBe('true');
    expect(within(row).getByTestId('alert-detail').hidden).toBe(false);
    expect(within(row).getByTestId('alert-detail').textContent).toContain('Average days to pay 57');
    fireEvent.click(within(row).getByRole('button', { name: 'Acknowledge' }));
    await waitFor(() => expect(screen.getByTestId('alert-row').dataset.status).toBe('ACKNOWLEDGED'));
    expect(document.activeElement).toBe(toggle);
    expect(opCalls('WorkspaceAcknowledgeAlert')).toEqual([{ input: { id: 'AL1' } }]);
    expect(opAccountIds('WorkspaceAcknowledgeAlert')).toEqual(['A1']);
    fireEvent.click(within(screen.getByTestId('alert-row')).getByRole('button', { name: 'Resolve' }));
    await waitFor(() => expect(opCalls('WorkspaceResolveAlert')).toEqual([{ input: { id: 'AL1' } }]));
  });

  it('SALES acknowledges credit’s alerts but resolves only alerts given to them', async () => {
    workspace(salesUser, {
      WorkspaceAlerts: () => ({
        alerts: connection([inboxAlert(), inboxAlert({ id: 'AL2', rule: 'CONTACT_CADENCE', title: 'Key account has gone quiet', owner: { id: salesUser.id, name: salesUser.name } })]),
      }),
    });
    history.replaceState(null, '', '#/alerts');
    render(<Dashboard />);
    await waitFor(() => expect(screen.getAllByTestId('alert-row')).toHaveLength(2));
    const [credits, mine] = screen.getAllByTestId('alert-row') as [HTMLElement, HTMLElement];
    expect(within(credits).getByRole('button', { name: 'Acknowledge' })).toBeTruthy();
    expect(within(credits).queryByRole('button', { name: 'Resolve' })).toBeNull();
    expect(within(mine).getByRole('button', { name: 'Resolve' })).toBeTruthy();
  });

  it('VIEWER reads alerts without buttons', async () => {
    workspace(viewerUser, { WorkspaceAlerts: () => ({ alerts: connection([inboxAlert()]) }) });
    history.replaceState(null, '', '#/alerts');
    render(<Dashboard />);
    const row = await screen.findByTestId('alert-row');
    expect(within(row).queryByRole('button', { name: 'Acknowledge' })).toBeNull();
    expect(within(row).queryByRole('button', { name: 'Resolve' })).toBeNull();
  });

  it('an empty inbox is designed, not blank', async () => {
    workspace(salesUser, { WorkspaceAlerts: () => ({ alerts: connection([]) }) });
    history.replaceState(null, '', '#/alerts');
    render(<Dashboard />);
    expect((await screen.findByTestId('empty')).textContent).toContain('No open alerts');
    expect(opCalls('WorkspaceAlerts')[0]?.filter).toEqual({ status: ['OPEN', 'ACKNOWLEDGED'], mine: true });
  });
});

describe('watch lists', () => {
  it('lists each watch with a link to its accounts in the portfolio', async () => {
    history.replaceState(null, '', '#/watches');
    workspace(viewerUser, {
      WorkspaceWatches: () => ({
        watches: [
          { id: 'W1', kind: 'INDUSTRY', value: 'Construction', reason: 'Insolvencies up 30% this year', active: true, accountCount: 4, createdAt: '2026-11-01T09:00:00.000Z' },
          { id: 'W2', kind: 'COUNTRY', value: 'AR', reason: 'Currency controls', active: false, accountCount: 1, createdAt: '2026-06-01T09:00:00.000Z' },
        ],
      }),
    });
    render(<Dashboard />);
    const [industry, country] = await screen.findAllByTestId('watch');
    expect(industry?.textContent).toContain('Insolvencies up 30% this year');
    expect(within(industry as HTMLElement).getByRole('link', { name: '4 accounts' }).getAttribute('href')).toBe('#/portfolio?industry=Construction');
    expect(within(country as HTMLElement).getByRole('link', { name: '1 account' }).getAttribute('href')).toBe('#/portfolio?country=AR');
    expect(country?.textContent).toContain('Ended');
  });

  it('nothing on watch is said in words', async () => {
    history.replaceState(null, '', '#/watches');
    workspace(creditUser, { WorkspaceWatches: () => ({ watches: [] }) });
    render(<Dashboard />);
    expect((await screen.findByTestId('empty')).textContent).toContain('Nothing on watch');
  });
});

it('search debounce is short enough to feel live', () => {
  expect(SEARCH_DEBOUNCE_MS).toBeLessThanOrEqual(300);
});
