/**
 * Issue 10 on the workspace page: the trend in the portfolio (no payment history yet, never "steady"), the account
 * page's named figures and SALES's sentences, and the review's payment-pattern figures under ADP's name.
 */
import '@/ui/testing/setup';
import { act, render, screen, waitFor, within } from '@testing-library/preact';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { account, creditUser, noHistoryStatus, salesUser, salesView } from '@/ui/testing/fixtures';
import { connection, healthCheck, portfolioAccount, workspace } from '@/ui/testing/workspace-fixtures';
import { Dashboard } from './Dashboard';

vi.mock('@/lib/send', async (importOriginal) => (await import('@/ui/testing/mock-send')).mockSendModule(importOriginal));

afterEach(() => history.replaceState(null, '', '#/'));

const noWork = { account: { id: 'A1', openHealthCheck: null, healthChecks: connection([]), intelRequests: connection([]) } };

describe('portfolio: the payment trend column', () => {
  it('says "No payment history yet" for a new customer, never "Steady payer"', async () => {
    history.replaceState(null, '', '#/');
    workspace(creditUser, {
      WorkspacePortfolio: () => ({
        accounts: connection([
          portfolioAccount(),
          portfolioAccount({
            id: 'A3',
            name: 'Newfield Bikes',
            creditStatus: { riskLevel: 'LOW', riskScore: 0, exposure: '0.00', overdue: '0.00', onHold: false, trend: 'NO_HISTORY' },
          }),
        ]),
      }),
    });
    render(<Dashboard />);
    const rows = await screen.findAllByTestId('portfolio-row');
    expect(screen.getAllByRole('columnheader').map((h) => h.textContent)).toContain('Payment trend');
    expect(rows.map((r) => within(r).getByTestId('portfolio-trend').textContent)).toEqual(['Paying later', 'No payment history yet']);
    expect(document.body.textContent).not.toMatch(/steady payer/i);
  });
});

describe('the account page', () => {
  it('names every payment figure for credit and explains them', async () => {
    history.replaceState(null, '', '#/account/A1');
    workspace(creditUser, { AccountCard: () => ({ account: account() }), WorkspaceAccountWork: () => noWork });
    render(<Dashboard />);
    const figures = await screen.findByTestId('payment-figures');
    expect([...figures.querySelectorAll('.pay-figure__name')].map((n) => n.textContent)).toEqual([
      'Paid DBT (days beyond terms)',
      'ADP (average days to pay)',
      'DSO (countback)',
      'Best possible DSO',
    ]);
    expect(within(figures).getByText('What these figures mean')).toBeTruthy();
    expect(screen.getByRole('heading', { name: 'Paid DBT (days beyond terms) by month' })).toBeTruthy();
    expect(document.body.textContent).not.toMatch(/pays in \d/i);
  });

  it('shows SALES each factor’s sentence under its label, without figures', async () => {
    history.replaceState(null, '', '#/account/A1');
    workspace(salesUser, { AccountCard: () => ({ account: salesView() }), WorkspaceAccountWork: () => noWork });
    render(<Dashboard />);
    // The first three, then "Show all (4)" (issue 11): every factor, in words.
    await waitFor(() => expect(screen.getAllByTestId('risk-factor')).toHaveLength(3));
    act(() => screen.getByTestId('risk-show-all').click());
    expect(screen.getAllByTestId('risk-factor')).toHaveLength(4);
    const [first] = screen.getAllByTestId('risk-factor');
    expect(first?.querySelector('.risk__factor-label')?.textContent).toBe('Paying later');
    expect(first?.querySelector('.risk__factor-detail')?.textContent).toBe('Pays noticeably later than a few months ago');
    expect(screen.queryByTestId('payment-figures')).toBeNull();
  });

  it('a customer without history: "No payment history yet" and the whole limit available', async () => {
    history.replaceState(null, '', '#/account/A1');
    workspace(creditUser, { AccountCard: () => ({ account: account({ creditStatus: noHistoryStatus() }) }), WorkspaceAccountWork: () => noWork });
    render(<Dashboard />);
    expect((await screen.findByTestId('risk-trend')).textContent).toBe('· No payment history yet');
    expect(screen.getByTestId('available').querySelector('dd')?.getAttribute('title')).toBe('£200,000.00');
    expect(document.body.textContent).not.toMatch(/steady payer/i);
  });
});

describe('the review’s payment pattern', () => {
  it('names its figures ADP, over the windows they really cover, with what they mean', async () => {
    history.replaceState(null, '', '#/review/HC1');
    workspace(creditUser, { WorkspaceHealthCheck: () => ({ node: healthCheck() }) });
    await act(async () => {
      render(<Dashboard />);
    });
    const recent = await screen.findByTestId('pattern-recent');
    expect(recent.textContent).toBe('ADP (average days to pay), latest 3 months with payments57 days');
    expect(screen.getByTestId('pattern-prior').textContent).toBe('ADP, up to 6 months before them41 days');
    const help = screen.getByTestId('pattern-help');
    expect(help.tagName).toBe('DETAILS');
    expect(help.textContent).toMatch(/at its days outstanding so far/);
    expect(document.body.textContent).not.toMatch(/Days to pay, last 3 months/);
  });
});
