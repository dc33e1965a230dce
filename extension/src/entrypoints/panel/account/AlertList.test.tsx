/**
 * Issue 14: the alert buttons say which alert they act on, and the focus stays on the alert list when the button
 * pressed goes away (Acknowledge → the same alert's Resolve; Resolve → the next alert), never dropping to the page.
 */
import '@/ui/testing/setup';
import { fireEvent, render, screen, waitFor, within } from '@testing-library/preact';
import { describe, expect, it, vi } from 'vitest';
import type { AlertData } from '@/lib/types';
import { creditUser } from '@/ui/testing/fixtures';
import { answer } from '@/ui/testing/mock-send';
import { AlertList } from './AlertList';

vi.mock('@/lib/send', async (importOriginal) => (await import('@/ui/testing/mock-send')).mockSendModule(importOriginal));

const alert = (id: string, title: string): AlertData => ({
  id,
  rule: 'OVER_LIMIT',
  title,
  severity: 2,
  status: 'OPEN',
  createdAt: '2026-12-01T09:00:00Z',
  detail: null,
});

function show() {
  answer({ 'op/run': () => ({ ok: true, data: {} }) });
  render(<AlertList alerts={[alert('A1', 'Over the credit limit'), alert('A2', 'Paying later')]} user={creditUser} currency="EUR" />);
  return screen.getAllByTestId('alert-item');
}

describe('AlertList by keyboard', () => {
  it('names each button’s alert through its description', () => {
    const [first] = show();
    const ack = within(first!).getByRole('button', { name: 'Acknowledge' });
    const titleId = ack.getAttribute('aria-describedby');
    expect(titleId).toBeTruthy();
    expect(document.getElementById(titleId!)?.textContent).toBe('Over the credit limit');
    expect(within(first!).getByRole('button', { name: 'Resolve' }).getAttribute('aria-describedby')).toBe(titleId);
  });

  it('keeps the focus on the alert when Acknowledge goes away: its Resolve button', async () => {
    const [first] = show();
    const ack = within(first!).getByRole('button', { name: 'Acknowledge' });
    ack.focus();
    fireEvent.click(ack);
    await waitFor(() => expect(within(first!).queryByRole('button', { name: 'Acknowledge' })).toBeNull());
    await waitFor(() => expect(document.activeElement).toBe(within(first!).getByRole('button', { name: 'Resolve' })));
  });

  it('moves the focus to the next alert’s title when one is resolved', async () => {
    const [first] = show();
    const resolve = within(first!).getByRole('button', { name: 'Resolve' });
    resolve.focus();
    fireEvent.click(resolve);
    await waitFor(() => expect(screen.getAllByTestId('alert-item')).toHaveLength(1));
    expect(document.activeElement?.textContent).toBe('Paying later');
  });
});
