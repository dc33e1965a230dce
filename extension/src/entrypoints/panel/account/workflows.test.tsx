import '@/ui/testing/setup';
import { render, screen, waitFor, within } from '@testing-library/preact';
import { describe, expect, it, vi } from 'vitest';
import type { AccountCardData } from '@/lib/types';
import { account, creditStatus, creditUser, dispute, intelRequest, match, salesUser, salesView, tabState } from '@/ui/testing/fixtures';
import { answer } from '@/ui/testing/mock-send';
import { Panel } from '../Panel';

vi.mock('@/lib/send', async (importOriginal) => (await import('@/ui/testing/mock-send')).mockSendModule(importOriginal));

/** Credit put the customer in collection and a delivery problem holds up GBP 8,400 of invoices. */
function busyAccount(): AccountCardData {
  return account({
    creditStatus: creditStatus({ overdue: '39800.50', disputed: '8400.00' }),
    creditActions: [
      { kind: 'COLLECTION', text: 'In collection (reminders)', since: '2026-05-01T09:00:00Z' },
      { kind: 'DISPUTE_OPEN', text: 'Delivery problem, with logistics', since: null },
    ],
    disputes: { totalCount: 1, edges: [{ node: dispute() }] },
    intelRequests: { totalCount: 1, edges: [{ node: intelRequest() }] },
  });
}

async function show(user: typeof creditUser, acc: AccountCardData) {
  answer({ 'tab/state': () => tabState({ user, matches: [match(acc)] }) });
  render(<Panel />);
  await waitFor(() => expect(screen.getByTestId('panel-state').dataset.state).toBe('ready'));
}

const order = (...testids: string[]) => {
  const nodes = testids.map((id) => screen.getByTestId(id));
  nodes.slice(1).forEach((node, i) => {
    expect((nodes[i]?.compareDocumentPosition(node) ?? 0) & Node.DOCUMENT_POSITION_FOLLOWING).toBeTruthy();
  });
};

describe('Panel: the credit–sales loop on one customer', () => {
  it('credit: the disputed amount apart from overdue, in the figures and the aging bar', async () => {
    await show(creditUser, busyAccount());
    expect(screen.getByTestId('overdue').textContent).toMatch(/£39\.8K/);
    expect(screen.getByTestId('disputed').textContent).toBe('£8,400.00 disputed, not counted as overdue (owner: logistics)');
    const disputedAging = screen.getByTestId('aging-disputed');
    expect(disputedAging.textContent).toMatch(/Disputed£8\.4K/);
    expect(screen.getByTestId('aging-bar').querySelector('.aging__segment[data-bucket="disputed"]')).not.toBeNull();
    expect(within(screen.getByTestId('dispute')).getByTestId('dispute-amount')).toBeTruthy();
  });

  it('sales: the request to answer first, credit’s actions in words, disputes without figures', async () => {
    await show(salesUser, salesView(busyAccount()));
    order('account-name', 'intel-requests', 'credit-actions', 'risk-level', 'dispute');
    expect(within(screen.getByTestId('credit-actions')).getAllByRole('listitem').map((li) => li.textContent)).toEqual([
      expect.stringMatching(/^In collection \(reminders\), started .+ ago \(1 May 2026\)$/),
      'Delivery problem, with logistics',
    ]);
    expect(screen.queryByTestId('disputed')).toBeNull();
    expect(screen.queryByTestId('aging-bar')).toBeNull();
    expect(screen.queryByTestId('dispute-amount')).toBeNull();
    expect(screen.getByText('Credit figures are shared with the credit team only.')).toBeTruthy();
    const article = screen.getByRole('article', { name: 'Brightwell Cycles Ltd' });
    expect(article.textContent).not.toMatch(/£|8,400|8\.4K/);
  });

  it('a hold is shown in the banner with credit’s reason, not repeated in the list', async () => {
    const held = account({
      onHold: true,
      creditActions: [
        { kind: 'ON_HOLD', text: 'On hold: over the limit', since: null },
        { kind: 'REVIEW_IN_PROGRESS', text: 'Credit is reviewing this account', since: null },
      ],
    });
    await show(salesUser, salesView(held));
    expect(screen.getByTestId('on-hold-reason').textContent).toBe('Reason: over the limit.');
    expect(within(screen.getByTestId('credit-actions')).getAllByRole('listitem').map((li) => li.textContent)).toEqual([
      // The fixture's review date is past: said as part of the review, never as a separate “overdue” line.
      expect.stringMatching(/^Credit is reviewing this account(; it was due \d{1,2} \w{3} \d{4})?$/),
    ]);
    expect(screen.queryByTestId('next-review')).toBeNull();
  });
});
