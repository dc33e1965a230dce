import '@/ui/testing/setup';
import { CAPTURABLE_SIGNAL_TYPES } from '@earshot/shared';
import { act, fireEvent, render, screen, waitFor, within } from '@testing-library/preact';
import { describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import type { CaptureDraft, Protocol } from '@/lib/messages';
import { account, match, pendingCapture, pendingVisitNotes, tabState } from '@/ui/testing/fixtures';
import { answer, broadcast, calls, type Handlers } from '@/ui/testing/mock-send';
import { SEARCH_DEBOUNCE_MS } from './AccountSearch';
import { Popup } from './Popup';

vi.mock('@/lib/send', async (importOriginal) => (await import('@/ui/testing/mock-send')).mockSendModule(importOriginal));

type PopupState = Protocol['popup/state']['res'];
const popupState = (overrides: Partial<PopupState> = {}): PopupState => ({ ...tabState(), tabId: 12, ...overrides });
const queued = (req: CaptureDraft) => ({ ...req, idempotencyKey: 'k-new', queuedAt: req.observedAt, attempts: 0 });

function setup(handlers: Handlers = {}) {
  return answer({
    'popup/state': () => popupState(),
    'capture/pending': () => ({ pending: [] }),
    'capture/submit': (req) => ({ queued: queued(req), delivered: true }),
    'op/run': (req) =>
      req.operation === 'PopupTodaysVisits' ? { ok: true, data: { visits: { edges: [] } } } : { ok: true, data: { intelRequests: { totalCount: 0, edges: [] } } },
    ...handlers,
  });
}

const chip = (label: string) => screen.getByRole('radio', { name: label }) as HTMLInputElement;
const form = () => screen.findByTestId('capture-form');

describe('Popup with the tab’s customer', () => {
  it('pre-selects the account and puts focus on the signal chips', async () => {
    setup();
    render(<Popup />);
    await form();
    expect(screen.getByTestId('capture-account').dataset.accountId).toBe('A1');
    expect(screen.getByTestId('capture-account').textContent).toContain('Brightwell Cycles Ltd');
    await waitFor(() => expect(document.activeElement).toBe(chip('Staff cuts')));
    expect(screen.getAllByTestId('signal-chip')).toHaveLength(CAPTURABLE_SIGNAL_TYPES.length);
  });

  it('defaults severity to the chosen type’s and lets the user change it', async () => {
    setup();
    render(<Popup />);
    await form();
    expect(screen.getByTestId('capture-severity').dataset.value).toBe('1');
    fireEvent.click(chip('Key person left'));
    expect(screen.getByTestId('capture-severity').dataset.value).toBe('2');
    fireEvent.click(screen.getByRole('radio', { name: /Act now/ }));
    expect(screen.getByTestId('capture-severity').dataset.value).toBe('3');
    expect(screen.getByText('Have any key people left?', { selector: '.chips__hint' })).toBeTruthy();
  });

  it('submits with Ctrl+Enter and says it was sent', async () => {
    const mocked = setup();
    render(<Popup />);
    await form();
    fireEvent.click(chip('Quiet'));
    const note = screen.getByTestId('capture-note');
    fireEvent.input(note, { target: { value: 'Showroom empty at 11am' } });
    fireEvent.keyDown(note, { key: 'Enter', ctrlKey: true });
    await waitFor(() => expect(screen.getByTestId('capture-status').dataset.status).toBe('sent'));
    expect(screen.getByTestId('capture-status').textContent).toBe('Sent: Quiet for Brightwell Cycles Ltd.');
    const [draft] = calls('capture/submit');
    expect(draft).toMatchObject({
      accountId: 'A1',
      accountName: 'Brightwell Cycles Ltd',
      type: 'QUIET',
      severity: 1,
      note: 'Showroom empty at 11am',
      sourceUrl: popupState().context?.url,
    });
    expect(Number.isNaN(Date.parse(draft?.observedAt ?? ''))).toBe(false);
    // popup/state, capture/pending (waiting list, today's visits), op/run (today's visits, intel requests), capture/submit
    expect(mocked).toHaveBeenCalledTimes(6);
    // Ready for the next one: note cleared, focus back on the chips.
    expect((screen.getByTestId('capture-note') as HTMLTextAreaElement).value).toBe('');
    expect(document.activeElement?.closest('[data-testid="signal-chip"]')).not.toBeNull();
  });

  it('resets the form to its defaults after a send: no signal, severity 1, empty note', async () => {
    setup();
    render(<Popup />);
    await form();
    fireEvent.click(chip('Key person left'));
    fireEvent.click(screen.getByRole('radio', { name: /Act now/ }));
    fireEvent.input(screen.getByTestId('capture-note'), { target: { value: 'The CFO left' } });
    fireEvent.click(screen.getByTestId('capture-submit'));
    await waitFor(() => expect(screen.getByTestId('capture-status').dataset.status).toBe('sent'));
    expect(calls('capture/submit')[0]).toMatchObject({ type: 'KEY_PERSON_LEFT', severity: 3 });
    expect(screen.getByTestId('capture-severity').dataset.value).toBe('1');
    expect(chip('Key person left').checked).toBe(false);
    expect((screen.getByTestId('capture-note') as HTMLTextAreaElement).value).toBe('');
    // The next signal is sent with its own type’s default, not the last one’s severity.
    fireEvent.click(chip('Quiet'));
    fireEvent.click(screen.getByTestId('capture-submit'));
    await waitFor(() => expect(calls('capture/submit')).toHaveLength(2));
    expect(calls('capture/submit')[1]).toMatchObject({ type: 'QUIET', severity: 1 });
  });

  it('submits with Cmd+Enter too', async () => {
    setup();
    render(<Popup />);
    await form();
    fireEvent.click(chip('Hiring'));
    fireEvent.keyDown(chip('Hiring'), { key: 'Enter', metaKey: true });
    await waitFor(() => expect(calls('capture/submit')).toHaveLength(1));
  });

  it('says "saved, will send" when the server is away, and lists what waits', async () => {
    let pending = [pendingCapture()];
    setup({
      'capture/submit': (req) => ({ queued: queued(req), delivered: false }),
      'capture/pending': () => ({ pending }),
    });
    render(<Popup />);
    await form();
    await waitFor(() => expect(screen.getAllByTestId('pending-item')).toHaveLength(1));
    expect(screen.getByTestId('pending-item').textContent).toMatch(/Quiet · Brightwell Cycles Ltd/);
    expect(screen.getByTestId('pending-item').textContent).toContain('Server unreachable');
    fireEvent.click(chip('Dispute'));
    fireEvent.click(screen.getByTestId('capture-submit'));
    await waitFor(() => expect(screen.getByTestId('capture-status').dataset.status).toBe('pending'));
    expect(screen.getByTestId('capture-status').textContent).toContain('will send when the server is back');
    pending = [...pending, pendingCapture({ idempotencyKey: 'k-2', type: 'DISPUTE' })];
    await act(async () => {
      await broadcast({ type: 'broadcast/queue-changed' });
    });
    await waitFor(() => expect(screen.getAllByTestId('pending-item')).toHaveLength(2));
    pending = [];
    await act(async () => {
      await broadcast({ type: 'broadcast/queue-changed' });
    });
    await waitFor(() => expect(screen.queryAllByTestId('pending-item')).toHaveLength(0));
  });

  it('shows a capture the server refused and lets the user discard it', async () => {
    let pending = [pendingCapture({ failedAt: '2026-05-20T09:50:00Z', lastError: 'Account is archived' })];
    const mocked = setup({
      'capture/pending': () => ({ pending }),
      'capture/discard': () => {
        pending = [];
        return { ok: true };
      },
    });
    render(<Popup />);
    const item = await screen.findByTestId('pending-item');
    expect(item.dataset.failed).toBe('true');
    expect(item.textContent).toContain('Not accepted by the server: Account is archived');
    fireEvent.click(within(item).getByRole('button', { name: 'Discard Quiet for Brightwell Cycles Ltd' }));
    await waitFor(() => expect(screen.queryAllByTestId('pending-item')).toHaveLength(0));
    expect(mocked).toHaveBeenCalledWith('capture/discard', { idempotencyKey: 'k-1' });
  });

  it('asks for a signal before sending', async () => {
    setup();
    render(<Popup />);
    await form();
    fireEvent.click(screen.getByTestId('capture-submit'));
    expect((await screen.findByRole('alert')).textContent).toBe('Pick a signal.');
    expect(calls('capture/submit')).toHaveLength(0);
  });

  it('shows a refused capture as not saved', async () => {
    setup({ 'capture/submit': () => Promise.reject(new Error('Not signed in')) });
    render(<Popup />);
    await form();
    fireEvent.click(chip('Busy'));
    fireEvent.click(screen.getByTestId('capture-submit'));
    await waitFor(() => expect(screen.getByTestId('capture-status').dataset.status).toBe('failed'));
    expect(screen.getByTestId('capture-status').textContent).toBe('Not saved: Not signed in');
  });
});

describe('Popup choosing the customer', () => {
  it('offers a choice when the page has several customers', async () => {
    const second = account({ id: 'A2', name: 'Northgate Wholesale' });
    setup({ 'popup/state': () => popupState({ matches: [match(), match(second)] }) });
    render(<Popup />);
    await form();
    const picker = screen.getByTestId('capture-account');
    expect(picker.dataset.accountId).toBe('');
    const northgate = within(picker).getByRole('radio', { name: 'Northgate Wholesale' });
    await waitFor(() => expect(document.activeElement).toBe(within(picker).getAllByRole('radio')[0]));
    fireEvent.click(northgate);
    expect(picker.dataset.accountId).toBe('A2');
    fireEvent.click(chip('Busy'));
    fireEvent.click(screen.getByTestId('capture-submit'));
    await waitFor(() => expect(calls('capture/submit')[0]).toMatchObject({ accountId: 'A2', accountName: 'Northgate Wholesale' }));
  });

  it('searches as you type, debounced, when the page has no customer', async () => {
    vi.useFakeTimers({ shouldAdvanceTime: true });
    setup({
      'popup/state': () => popupState({ matches: [], context: null }),
      'account/search': ({ search }) => ({
        hits: [
          { id: 'A7', name: `${search} Holdings`, domains: ['h.example'], creditStatus: { riskLevel: 'LOW', trend: 'NO_HISTORY' } },
          { id: 'A8', name: `${search} Logistics`, domains: ['l.example'], creditStatus: null },
        ],
      }),
    });
    render(<Popup />);
    await form();
    const search = screen.getByTestId('account-search') as HTMLInputElement;
    await waitFor(() => expect(document.activeElement).toBe(search));
    for (const value of ['b', 'br', 'bri']) fireEvent.input(search, { target: { value } });
    expect(calls('account/search')).toHaveLength(0);
    await act(async () => {
      await vi.advanceTimersByTimeAsync(SEARCH_DEBOUNCE_MS + 5);
    });
    expect(calls('account/search')).toEqual([{ search: 'bri' }]);
    await waitFor(() => expect(screen.getAllByTestId('search-hit')).toHaveLength(2));
    // The dot is colour only: the option names the level and the trend in words (a new customer is not "steady").
    expect(screen.getAllByTestId('search-hit')[0]?.textContent).toBe('Lbri Holdings, Low risk, no payment history yet, h.example');
    expect(screen.getAllByTestId('search-hit')[1]?.textContent).toBe('–bri Logistics, l.example');
    expect(search.getAttribute('aria-expanded')).toBe('true');
    fireEvent.keyDown(search, { key: 'ArrowDown' });
    expect(screen.getAllByTestId('search-hit')[1]?.getAttribute('aria-selected')).toBe('true');
    fireEvent.keyDown(search, { key: 'Enter' });
    expect(screen.getByTestId('capture-account').dataset.accountId).toBe('A8');
    expect(screen.getByTestId('capture-account').textContent).toContain('bri Logistics');
    await waitFor(() => expect(document.activeElement?.closest('[data-testid="signal-chip"]')).not.toBeNull());
    expect(calls('capture/submit')).toHaveLength(0);
  });

  it('lets the user switch to another customer', async () => {
    setup({ 'account/search': () => ({ hits: [] }) });
    render(<Popup />);
    await form();
    fireEvent.click(screen.getByRole('button', { name: 'Change' }));
    expect(document.activeElement).toBe(screen.getByTestId('account-search'));
    const back = screen.getByRole('button', { name: 'Back' });
    back.focus();
    fireEvent.click(back);
    expect(screen.getByTestId('capture-account').dataset.accountId).toBe('A1');
    // Back went away with the search: the focus lands on Change, not on the page.
    await waitFor(() => expect(document.activeElement).toBe(screen.getByRole('button', { name: 'Change' })));
  });

  it('search hits say their risk level in words on screen, beside a lettered badge', async () => {
    setup({
      'popup/state': () => popupState({ matches: [], context: null }),
      'account/search': () => ({ hits: [{ id: 'B1', name: 'Bright Holdings', domains: ['b.example'], creditStatus: { riskLevel: 'HIGH', trend: 'SLIPPING' } }] }),
    });
    render(<Popup />);
    fireEvent.input(await screen.findByTestId('account-search'), { target: { value: 'bri' } });
    const level = await screen.findByTestId('search-hit-level', {}, { timeout: SEARCH_DEBOUNCE_MS + 2000 });
    expect(level.closest('.visually-hidden')).toBeNull();
    expect(level.textContent).toBe(', High risk, paying later');
    expect(screen.getByTestId('search-hit').querySelector('.level-badge')?.getAttribute('aria-hidden')).toBe('true');
    expect(screen.getByTestId('search-hit').querySelector('.level-badge')?.textContent).toBe('H');
  });
});

describe('Popup states', () => {
  it('prompts signed-out users to open the settings', async () => {
    setup({ 'popup/state': () => popupState({ connection: 'signed-out', matches: [], user: null }) });
    const open = vi.spyOn(fakeBrowser.runtime, 'openOptionsPage').mockResolvedValue(undefined);
    render(<Popup />);
    fireEvent.click(await screen.findByRole('button', { name: 'Open Earshot settings' }));
    expect(open).toHaveBeenCalledOnce();
    expect(screen.queryByTestId('capture-form')).toBeNull();
  });

  it('still captures when the server is unreachable, and says so', async () => {
    setup({ 'popup/state': () => popupState({ connection: 'unreachable' }) });
    render(<Popup />);
    await form();
    expect(screen.getByText(/saved and sent when the server is back/)).toBeTruthy();
  });

  it('shows an error with retry when the service worker does not answer', async () => {
    setup({ 'popup/state': () => Promise.reject(new Error('Earshot background is not reachable')) });
    render(<Popup />);
    expect((await screen.findByRole('alert')).textContent).toContain('not reachable');
    setup({ 'popup/state': () => popupState({ connection: 'signed-out', matches: [], user: null }) });
    const retry = screen.getByRole('button', { name: 'Retry' });
    retry.focus();
    fireEvent.click(retry);
    // Retry went away with the error: once the new view is there, its heading has the focus.
    await screen.findByRole('button', { name: 'Open Earshot settings' });
    await waitFor(() => expect(document.activeElement).toBe(screen.getByRole('heading', { level: 1 })));
  });
});

describe('Popup waiting list with visit notes', () => {
  it('lists queued visit notes beside signals, each discardable by name', async () => {
    setup({ 'capture/pending': () => ({ pending: [pendingCapture(), pendingVisitNotes({ failedAt: '2026-05-20T10:00:00Z', lastError: 'This visit is cancelled.' })] }) });
    render(<Popup />);
    await waitFor(() => expect(screen.getAllByTestId('pending-item')).toHaveLength(2));
    expect(screen.getByRole('heading', { name: 'Waiting to send (2)' })).toBeTruthy();
    const notes = screen.getAllByTestId('pending-item')[1] as HTMLElement;
    expect(notes.textContent).toMatch(/^Visit notes · Brightwell Cycles Ltd/);
    expect(notes.textContent).toContain('Not accepted by the server: This visit is cancelled.');
    expect(within(notes).getByRole('button', { name: 'Discard Visit notes for Brightwell Cycles Ltd' })).toBeTruthy();
  });
});
