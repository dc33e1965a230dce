import '@/ui/testing/setup';
import { act, fireEvent, render, screen, waitFor } from '@testing-library/preact';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { browser } from 'wxt/browser';
import { account, creditStatus, match, salesUser, salesView, tabState } from '@/ui/testing/fixtures';
import { answer, broadcast, calls } from '@/ui/testing/mock-send';
import { LEVEL_LETTER, Toggle, toggleName } from './Toggle';

vi.mock('@/lib/send', async (importOriginal) => (await import('@/ui/testing/mock-send')).mockSendModule(importOriginal));

const TAB = 12;
const button = () => screen.getByTestId('toggle-button');

describe('the toggle frame (toggle.html)', () => {
  beforeEach(() => {
    (browser.tabs as unknown as { getCurrent: () => Promise<unknown> }).getCurrent = vi.fn(async () => ({ id: TAB }));
  });
  afterEach(() => vi.restoreAllMocks());

  it('shows the level’s letter and colour, and says it in words as the button’s name', async () => {
    answer({ 'tab/state': () => tabState({ matches: [match(account({ creditStatus: { ...creditStatus(), riskLevel: 'HIGH' } }))] }) });
    render(<Toggle search="?open=0" />);
    await waitFor(() => expect(button().dataset.level).toBe('HIGH'));
    expect(button().textContent).toBe('H');
    expect(button().getAttribute('aria-label')).toBe('Earshot: High risk — open panel');
    expect(screen.getByRole('button', { name: 'Earshot: High risk — open panel' })).toBe(button());
    expect(button().getAttribute('aria-expanded')).toBe('false');
    expect(button().getAttribute('aria-keyshortcuts')).toBe('Alt+Shift+E');
  });

  it('shows the level to SALES too (the level is theirs to see), and the plain mark when there is no customer', async () => {
    answer({ 'tab/state': () => tabState({ user: salesUser, matches: [match(salesView(account({ creditStatus: { ...creditStatus(), riskLevel: 'CRITICAL' } })))] }) });
    const first = render(<Toggle search="?open=1" />);
    await waitFor(() => expect(button().textContent).toBe('C'));
    expect(button().getAttribute('aria-label')).toBe('Earshot: Critical — close panel');
    first.unmount();
    answer({ 'tab/state': () => tabState({ matches: [] }) });
    render(<Toggle search="?open=0" />);
    await waitFor(() => expect(calls('tab/state')).toHaveLength(1));
    expect(button().dataset.level).toBeUndefined();
    expect(button().querySelector('svg')).not.toBeNull();
    expect(button().getAttribute('aria-label')).toBe('Earshot — open panel');
  });

  it('asks the worker to flip the panel on click (a native button: Enter and Space too), and closes on Escape', async () => {
    answer({ 'tab/state': () => tabState(), 'toggle/click': () => ({ ok: true }) });
    render(<Toggle search="?open=0" />);
    await waitFor(() => expect(calls('tab/state')).toHaveLength(1));
    expect(button().localName).toBe('button');
    fireEvent.click(button());
    expect(calls('toggle/click')).toEqual([{}]);
    expect(button().getAttribute('aria-expanded')).toBe('true');
    expect(button().getAttribute('aria-label')).toMatch(/— close panel$/);
    fireEvent.keyDown(button(), { key: 'Escape' });
    expect(calls('toggle/click')).toHaveLength(2);
    expect(button().getAttribute('aria-expanded')).toBe('false');
    fireEvent.keyDown(button(), { key: 'Escape' });
    expect(calls('toggle/click')).toHaveLength(2);
  });

  it('follows the panel opened or closed elsewhere (the shortcut), in its own tab only, and a new customer', async () => {
    let level: 'LOW' | 'MODERATE' = 'LOW';
    answer({ 'tab/state': () => tabState({ matches: [match(account({ creditStatus: { ...creditStatus(), riskLevel: level } }))] }) });
    render(<Toggle search="?open=0" />);
    await waitFor(() => expect(button().textContent).toBe('L'));
    await act(() => broadcast({ type: 'broadcast/panel-toggled', tabId: 99, open: true }));
    expect(button().getAttribute('aria-expanded')).toBe('false');
    await act(() => broadcast({ type: 'broadcast/panel-toggled', tabId: TAB, open: true }));
    expect(button().getAttribute('aria-expanded')).toBe('true');
    level = 'MODERATE';
    await act(() => broadcast({ type: 'broadcast/tab-changed', tabId: TAB }));
    await waitFor(() => expect(button().textContent).toBe('M'));
    expect(button().getAttribute('aria-label')).toBe('Earshot: Moderate risk — close panel');
  });

  it('takes no other tab’s broadcast while the browser has not yet said which tab it is in; its own waits and then counts', async () => {
    let tell: (tab: { id: number }) => void = () => undefined;
    (browser.tabs as unknown as { getCurrent: () => Promise<unknown> }).getCurrent = vi.fn(() => new Promise((resolve) => (tell = resolve)));
    answer({ 'tab/state': () => tabState() });
    render(<Toggle search="?open=0" />);
    await waitFor(() => expect(calls('tab/state')).toHaveLength(1));
    await act(() => broadcast({ type: 'broadcast/panel-toggled', tabId: 99, open: true }));
    await act(() => broadcast({ type: 'broadcast/tab-changed', tabId: 99 }));
    expect(button().getAttribute('aria-expanded')).toBe('false');
    await act(() => broadcast({ type: 'broadcast/panel-toggled', tabId: TAB, open: true }));
    expect(button().getAttribute('aria-expanded')).toBe('false'); // held until the tab id is known
    await act(async () => tell({ id: TAB }));
    await waitFor(() => expect(button().getAttribute('aria-expanded')).toBe('true'));
    expect(calls('tab/state')).toHaveLength(1); // the other tab's change asked nothing
  });

  it('has a letter for every level and a name for every state', () => {
    expect(LEVEL_LETTER).toEqual({ LOW: 'L', MODERATE: 'M', HIGH: 'H', CRITICAL: 'C' });
    expect(toggleName('LOW', false)).toBe('Earshot: Low risk — open panel');
    expect(toggleName(null, true)).toBe('Earshot — close panel');
  });
});
