import '@/ui/testing/setup';
import { fireEvent, render, screen, waitFor, within } from '@testing-library/preact';
import { describe, expect, it, vi } from 'vitest';
import type { Protocol } from '@/lib/messages';
import { account, creditUser, dispute, salesUser, salesView } from '@/ui/testing/fixtures';
import { answer, calls, never } from '@/ui/testing/mock-send';
import { Disputes } from './Disputes';

vi.mock('@/lib/send', async (importOriginal) => (await import('@/ui/testing/mock-send')).mockSendModule(importOriginal));

type Req = Protocol['op/run']['req'];
type Res = Protocol['op/run']['res'];
const opened: Res = { ok: true, data: { openDispute: { dispute: { id: 'D9', kind: 'DISPUTE', status: 'OPEN', summary: 'Disputed, with quality since 5 Dec 2026 (today)' } } } };
const invoices: Res = {
  ok: true,
  data: {
    account: {
      id: 'A1',
      invoices: {
        edges: [
          { node: { id: 'INV1', number: 'BW-1001', dueAt: '2020-01-31', amount: '8400.00', outstanding: '8400.00', currency: 'GBP', status: 'OVERDUE' } },
          { node: { id: 'INV2', number: 'BW-1002', dueAt: '2099-01-31', amount: '1200.00', outstanding: '1200.00', currency: 'GBP', status: 'OPEN' } },
        ],
      },
    },
  },
};
const withDispute = (base = account()) => ({ ...base, disputes: { totalCount: 1, edges: [{ node: dispute() }] } });

describe('Disputes in the panel', () => {
  it('credit sees the open dispute with its owner, dates and amount', () => {
    answer({});
    render(<Disputes account={withDispute()} user={creditUser} />);
    const item = screen.getByTestId('dispute');
    expect(item.textContent).toContain('Delivery problem: Two pallets arrived damaged');
    expect(item.textContent).toMatch(/Delivery problem, with logistics since 8 May 2026 \(12 days\) · handled by Lee Logistics · expected \d{1,2} [A-Z][a-z]{2} \d{4}$/);
    expect(within(item).getByTestId('dispute-amount').textContent).toMatch(/£8,400\.00/);
    expect(screen.getByRole('region', { name: 'Disputes' }).textContent).toContain('1 open');
  });

  it('tells the one handling it “handled by you”, not their own name', () => {
    answer({});
    render(<Disputes account={withDispute()} user={{ ...creditUser, id: 'U3', name: 'Lee Logistics' }} />);
    const item = screen.getByTestId('dispute');
    expect(item.textContent).toContain('· handled by you ·');
    expect(item.textContent).not.toContain('Lee Logistics');
  });

  it('sales sees the words, never an amount', () => {
    answer({});
    render(<Disputes account={salesView(withDispute())} user={salesUser} />);
    const item = screen.getByTestId('dispute');
    expect(item.textContent).toContain('with logistics');
    expect(screen.queryByTestId('dispute-amount')).toBeNull();
    expect(item.textContent).not.toMatch(/8,400|£/);
  });

  it('sales reports one with reason, owner team and an optional amount; no invoice list', async () => {
    answer({ 'op/run': (req: Req) => (req.operation === 'PanelOpenDispute' ? opened : never()) });
    render(<Disputes account={salesView()} user={salesUser} />);
    expect(screen.getByText('No open disputes or delivery problems.')).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: 'Report a dispute / delivery problem' }));
    const form = screen.getByRole('form', { name: 'Report a dispute or delivery problem' });
    expect(document.activeElement).toBe(screen.getByTestId('dispute-reason'));
    expect(within(form).queryByTestId('dispute-invoices')).toBeNull();

    fireEvent.click(screen.getByTestId('dispute-submit'));
    expect(screen.getByRole('alert').textContent).toBe('Say what the dispute or problem is.');
    fireEvent.click(screen.getByRole('radio', { name: 'Delivery problem' }));
    fireEvent.input(screen.getByTestId('dispute-reason'), { target: { value: 'Wrong colour delivered' } });
    fireEvent.click(screen.getByTestId('dispute-submit'));
    expect(screen.getByRole('alert').textContent).toMatch(/which team owns it/);
    fireEvent.input(screen.getByTestId('dispute-owner-team'), { target: { value: 'logistics' } });
    fireEvent.input(screen.getByTestId('dispute-amount-input'), { target: { value: 'lots' } });
    fireEvent.click(screen.getByTestId('dispute-submit'));
    expect(screen.getByRole('alert').textContent).toMatch(/positive number/);
    fireEvent.input(screen.getByTestId('dispute-amount-input'), { target: { value: '1,250.50' } });
    fireEvent.click(screen.getByTestId('dispute-submit'));

    await waitFor(() => expect(screen.queryByTestId('dispute-form')).toBeNull());
    expect(calls('op/run')).toEqual([
      {
        operation: 'PanelOpenDispute',
        accountId: 'A1',
        variables: { input: { accountId: 'A1', kind: 'DELIVERY_PROBLEM', reason: 'Wrong colour delivered', ownerTeam: 'logistics', amount: '1250.50' } },
      },
    ]);
    expect(screen.getByRole('status').textContent).toBe('Reported: Disputed, with quality since 5 Dec 2026 (today)');
    await waitFor(() => expect(document.activeElement).toBe(screen.getByRole('button', { name: 'Report a dispute / delivery problem' })));
  });

  it('credit picks the invoices concerned (late ones marked); the amount then comes from them', async () => {
    answer({ 'op/run': (req: Req) => (req.operation === 'PanelAccountInvoices' ? invoices : opened) });
    render(<Disputes account={account()} user={creditUser} />);
    fireEvent.click(screen.getByRole('button', { name: 'Report a dispute / delivery problem' }));
    const picker = await screen.findByTestId('dispute-invoices');
    await waitFor(() => expect(within(picker).getAllByRole('checkbox')).toHaveLength(2));
    const late = within(picker).getByRole('checkbox', { name: /BW-1001/ });
    expect(late.closest('label')?.textContent).toMatch(/late$/);
    fireEvent.click(late);
    expect(screen.queryByTestId('dispute-amount-input')).toBeNull();
    fireEvent.input(screen.getByTestId('dispute-reason'), { target: { value: 'Price disagreement' } });
    fireEvent.input(screen.getByTestId('dispute-owner-team'), { target: { value: 'sales' } });
    fireEvent.click(screen.getByTestId('dispute-submit'));
    await waitFor(() => expect(calls('op/run')).toHaveLength(2));
    expect(calls('op/run')[0]).toEqual({ operation: 'PanelAccountInvoices', variables: { id: 'A1' } });
    expect(calls('op/run')[1]?.variables).toEqual({
      input: { accountId: 'A1', kind: 'DISPUTE', reason: 'Price disagreement', ownerTeam: 'sales', invoiceIds: ['INV1'] },
    });
  });

  it('says when the invoices cannot be loaded, with a retry; a failed save keeps the form', async () => {
    let invoiceAnswer: Res = { ok: false, kind: 'unreachable', error: 'Offline' };
    answer({ 'op/run': (req: Req) => (req.operation === 'PanelAccountInvoices' ? invoiceAnswer : { ok: false, kind: 'unreachable', error: 'Offline' }) });
    render(<Disputes account={account()} user={creditUser} />);
    fireEvent.click(screen.getByRole('button', { name: 'Report a dispute / delivery problem' }));
    const picker = await screen.findByTestId('dispute-invoices');
    await waitFor(() => expect(picker.textContent).toContain('Could not load the invoices: Offline'));
    invoiceAnswer = invoices;
    fireEvent.click(within(picker).getByRole('button', { name: 'Retry' }));
    await waitFor(() => expect(within(picker).getAllByRole('checkbox')).toHaveLength(2));

    fireEvent.input(screen.getByTestId('dispute-reason'), { target: { value: 'Short delivery' } });
    fireEvent.input(screen.getByTestId('dispute-owner-team'), { target: { value: 'logistics' } });
    fireEvent.click(screen.getByTestId('dispute-submit'));
    expect((await screen.findByText(/Not saved: Offline/)).getAttribute('role')).toBe('alert');
    expect((screen.getByTestId('dispute-reason') as HTMLTextAreaElement).value).toBe('Short delivery');
  });

  it('a VIEWER reads disputes but reports none', () => {
    answer({});
    render(<Disputes account={salesView(withDispute())} user={{ ...salesUser, role: 'VIEWER' }} />);
    expect(screen.getByTestId('dispute')).toBeTruthy();
    expect(screen.queryByTestId('report-dispute')).toBeNull();
  });
});
