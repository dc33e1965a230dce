import '@/ui/testing/setup';
import { fireEvent, render, screen, waitFor, within } from '@testing-library/preact';
import { describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import type { Protocol } from '@/lib/messages';
import type { IntelRequestSummary } from '@/lib/types';
import { tabState } from '@/ui/testing/fixtures';
import { answer, calls, never } from '@/ui/testing/mock-send';
import { Popup } from './Popup';

vi.mock('@/lib/send', async (importOriginal) => (await import('@/ui/testing/mock-send')).mockSendModule(importOriginal));

type PopupState = Protocol['popup/state']['res'];

const summary = (id: string, name: string, overrides: Partial<IntelRequestSummary> = {}): IntelRequestSummary => ({
  id,
  message: 'What do you see?',
  dueAt: '2026-12-09T17:00:00.000Z',
  overdue: false,
  createdAt: '2026-12-01T09:00:00.000Z',
  requestedBy: { id: 'U1', name: 'Carla Credit' },
  account: { id: `A-${id}`, name },
  questions: [{ id: 'q1' }, { id: 'q2' }],
  ...overrides,
});

function setup(opRun: Protocol['op/run']['res'] | Promise<Protocol['op/run']['res']>) {
  return answer({
    'popup/state': (): PopupState => ({ ...tabState({ matches: [] }), tabId: 3 }),
    'capture/pending': () => ({ pending: [] }),
    'account/search': () => ({ hits: [] }),
    // Today's visits (none here) ask too.
    'op/run': (req) => (req.operation === 'PopupTodaysVisits' ? { ok: true, data: { visits: { edges: [] } } } : opRun),
  });
}

describe('Popup: intel requests to answer', () => {
  it('lists the viewer’s open requests, overdue ones marked, asking the worker by name', async () => {
    const requests = [summary('IR1', 'Brightwell Cycles Ltd', { overdue: true }), summary('IR2', 'Harbour Foods')];
    setup({ ok: true, data: { intelRequests: { totalCount: 3, edges: requests.map((node) => ({ node })) } } });
    render(<Popup />);
    const inbox = await screen.findByTestId('intel-inbox');
    expect(within(inbox).getByRole('heading', { name: 'Intel requests to answer (3)' })).toBeTruthy();
    const items = within(inbox).getAllByTestId('intel-inbox-item');
    expect(items.map((i) => within(i).getByTestId('intel-inbox-account').textContent)).toEqual(['Brightwell Cycles Ltd', 'Harbour Foods']);
    expect(items[0]?.dataset.overdue).toBe('true');
    expect(items[0]?.textContent).toContain('Carla Credit · 2 questions');
    expect(items[1]?.textContent).toMatch(/due /);
    expect(calls('op/run').filter((c) => c.operation !== 'PopupTodaysVisits')).toEqual([{ operation: 'PopupIntelRequests', variables: { first: 10 } }]);
  });

  it('a request’s customer becomes the popup’s customer; “Answer” opens it on the workspace page', async () => {
    setup({ ok: true, data: { intelRequests: { totalCount: 1, edges: [{ node: summary('IR 1', 'Harbour Foods') }] } } });
    const create = vi.spyOn(fakeBrowser.tabs, 'create');
    render(<Popup />);
    fireEvent.click(await screen.findByRole('button', { name: 'Harbour Foods: choose this customer' }));
    await waitFor(() => expect(screen.getByTestId('capture-account').dataset.accountId).toBe('A-IR 1'));
    fireEvent.click(screen.getByRole('button', { name: 'Answer Harbour Foods’s request on the workspace page' }));
    expect(create).toHaveBeenCalledWith({ url: expect.stringMatching(/^chrome-extension:\/\/[^/]+\/dashboard\.html#\/intel\/IR%201$/) });
  });

  it('shows nothing when there is nothing to answer, a quiet line while loading or offline, and a retry on failure', async () => {
    setup(never());
    const { unmount } = render(<Popup />);
    expect((await screen.findByText('Loading intel requests…')).getAttribute('role')).toBe('status');
    unmount();

    setup({ ok: true, data: { intelRequests: { totalCount: 0, edges: [] } } });
    const second = render(<Popup />);
    await screen.findByTestId('capture-form');
    await waitFor(() => expect(screen.queryByText('Loading intel requests…')).toBeNull());
    expect(screen.queryByTestId('intel-inbox')).toBeNull();
    second.unmount();

    setup({ ok: false, kind: 'unreachable', error: 'Server unreachable' });
    const third = render(<Popup />);
    expect((await screen.findByTestId('intel-inbox-offline')).getAttribute('role')).toBeNull();
    third.unmount();

    setup({ ok: false, kind: 'rejected', code: 'FORBIDDEN', error: 'Not allowed' });
    render(<Popup />);
    expect((await screen.findByTestId('intel-inbox-failed')).textContent).toContain('Not allowed');
    setup({ ok: true, data: { intelRequests: { totalCount: 1, edges: [{ node: summary('IR1', 'Harbour Foods') }] } } });
    fireEvent.click(within(screen.getByTestId('intel-inbox-failed')).getByRole('button', { name: 'Retry' }));
    expect(await screen.findByTestId('intel-inbox')).toBeTruthy();
  });
});
