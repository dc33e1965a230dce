import '@/ui/testing/setup';
import { fireEvent, render, screen, waitFor } from '@testing-library/preact';
import { describe, expect, it, vi } from 'vitest';
import { account, creditUser, salesUser } from '@/ui/testing/fixtures';
import { answer, calls } from '@/ui/testing/mock-send';
import { Relationship } from '../account/Relationship';
import { cardChanges, cardValuesOf } from './card-values';

vi.mock('@/lib/send', async (importOriginal) => (await import('@/ui/testing/mock-send')).mockSendModule(importOriginal));

const saved = { ok: true as const, data: { updateCustomerCard: { account: { id: 'A1' } } } };

describe('The customer card in the panel', () => {
  it('shows what they do, why they buy, our value, alternatives and how to reach them', () => {
    answer({});
    render(<Relationship account={account({ keyAccount: true })} user={salesUser} />);
    expect(screen.getByTestId('card-what-they-do').textContent).toBe('Makes commuter and cargo bicycles in Leeds.');
    expect(screen.getAllByRole('listitem').map((li) => li.textContent)).toEqual([
      'Only supplier of their frame alloy',
      'Next-day delivery',
      'Engineering support',
    ]);
    expect(screen.getByTestId('card-reach').textContent).toBe('Prefers phone, brief, at least every 30 days.');
    expect(screen.getByTestId('key-account').textContent).toBe('Key account');
    expect(screen.queryByTestId('gone-quiet')).toBeNull();
  });

  it('says when a key account has gone quiet longer than its cadence', () => {
    answer({});
    render(<Relationship account={account({ keyAccount: true, contactOverdue: true })} user={salesUser} />);
    expect(screen.getByTestId('gone-quiet').textContent).toMatch(/^Gone quiet\. No contact since \d{1,2} [A-Z][a-z]{2} \d{4} \(.+ ago\); this key account should hear from us every 30 days\.$/);
  });

  it('“I spoke to them today” records the contact and says so; a failure says so too', async () => {
    answer({ 'op/run': () => ({ ok: true, data: { recordContact: { account: { id: 'A1', lastContactAt: '2026-05-20T10:00:00Z', contactOverdue: false } } } }) });
    render(<Relationship account={account()} user={salesUser} />);
    fireEvent.click(screen.getByRole('button', { name: 'I spoke to them today' }));
    await waitFor(() => expect(screen.getByRole('status').textContent).toBe('Contact recorded for today.'));
    expect(calls('op/run')).toEqual([{ operation: 'PanelRecordContact', variables: { input: { accountId: 'A1' } }, accountId: 'A1' }]);

    answer({ 'op/run': () => ({ ok: false, kind: 'unreachable', error: 'Offline' }) });
    fireEvent.click(screen.getByRole('button', { name: 'I spoke to them today' }));
    await waitFor(() => expect(screen.getByRole('status').textContent).toBe('Not recorded: Offline'));
  });

  it('edits the card in place and sends only what changed; Escape cancels and focus returns', async () => {
    answer({ 'op/run': () => saved });
    render(<Relationship account={account()} user={salesUser} />);
    fireEvent.click(screen.getByRole('button', { name: 'Edit card' }));
    expect(document.activeElement).toBe(screen.getByLabelText('What they do'));
    fireEvent.keyDown(screen.getByLabelText('What they do'), { key: 'Escape' });
    await waitFor(() => expect(document.activeElement).toBe(screen.getByRole('button', { name: 'Edit card' })));

    fireEvent.click(screen.getByRole('button', { name: 'Edit card' }));
    fireEvent.input(screen.getByLabelText('Reason 2'), { target: { value: 'Same-day delivery' } });
    fireEvent.input(screen.getByLabelText('Reason 3'), { target: { value: '' } });
    fireEvent.change(screen.getByLabelText('Preferred channel'), { target: { value: 'IN_PERSON' } });
    fireEvent.input(screen.getByLabelText('Contact at least every … days'), { target: { value: '14' } });
    fireEvent.click(screen.getByLabelText('Key account'));
    fireEvent.keyDown(screen.getByLabelText('Reason 2'), { key: 'Enter', ctrlKey: true });
    await waitFor(() => expect(screen.getByRole('status').textContent).toBe('Customer card saved.'));
    expect(calls('op/run')).toEqual([
      {
        operation: 'PanelUpdateCustomerCard',
        accountId: 'A1',
        variables: {
          input: {
            accountId: 'A1',
            whyTheyBuy: ['Only supplier of their frame alloy', 'Same-day delivery'],
            preferredChannel: 'IN_PERSON',
            contactFrequencyDays: 14,
            keyAccount: true,
          },
        },
      },
    ]);
    expect(screen.queryByTestId('card-form')).toBeNull();
  });

  it('a save that fails keeps the form and says why', async () => {
    answer({ 'op/run': () => ({ ok: false, kind: 'rejected', code: 'BAD_USER_INPUT', error: 'whyTheyBuy: at most 3 reasons' }) });
    render(<Relationship account={account()} user={creditUser} />);
    fireEvent.click(screen.getByRole('button', { name: 'Edit card' }));
    fireEvent.input(screen.getByLabelText('What they do'), { target: { value: 'Bicycles' } });
    fireEvent.click(screen.getByTestId('card-save'));
    expect((await screen.findByRole('alert')).textContent).toBe('Not saved: whyTheyBuy: at most 3 reasons');
    expect((screen.getByLabelText('What they do') as HTMLTextAreaElement).value).toBe('Bicycles');
  });

  it('an empty card invites writers to fill it; a VIEWER gets no buttons', () => {
    answer({});
    const empty = account({ description: null, whyTheyBuy: [], ourValue: null, alternatives: null, preferredChannel: null, preferredTone: null, contactFrequencyDays: null });
    const { unmount } = render(<Relationship account={empty} user={salesUser} />);
    expect(screen.getByText(/Nothing on the card yet: what do they do/)).toBeTruthy();
    unmount();
    render(<Relationship account={empty} user={{ ...salesUser, role: 'VIEWER' }} />);
    expect(screen.queryByRole('button')).toBeNull();
  });
});

describe('cardChanges', () => {
  const before = cardValuesOf(account());
  it('sends nothing when nothing changed, null for a cleared field', () => {
    expect(cardChanges(before, before)).toEqual({ ok: true, input: {} });
    expect(cardChanges(before, { ...before, ourValue: '  ', preferredTone: '', contactFrequencyDays: '' })).toEqual({
      ok: true,
      input: { ourValue: null, preferredTone: null, contactFrequencyDays: null },
    });
  });

  it('refuses a cadence that is not a whole number of days in range', () => {
    expect(cardChanges(before, { ...before, contactFrequencyDays: '2.5' })).toMatchObject({ ok: false, problem: /whole number/ });
    expect(cardChanges(before, { ...before, contactFrequencyDays: '4000' })).toMatchObject({ ok: false, problem: /between 1 and 3650/ });
  });
});
