import '@/ui/testing/setup';
import { fireEvent, render, screen, waitFor, within } from '@testing-library/preact';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import type { Protocol } from '@/lib/messages';
import type { PopupVisitData } from '@/lib/visit-types';
import { pendingCapture, pendingVisitNotes } from '@/ui/testing/fixtures';
import { answer, broadcast, calls, type Handlers } from '@/ui/testing/mock-send';
import { TodaysVisits, todayAndTomorrow } from './TodaysVisits';

vi.mock('@/lib/send', async (importOriginal) => (await import('@/ui/testing/mock-send')).mockSendModule(importOriginal));

type OpRes = Protocol['op/run']['res'];
const NOW = new Date(2026, 11, 7, 10, 0);
const at = (day: number, hour: number) => new Date(2026, 11, day, hour, 0).toISOString();

const visit = (overrides: Partial<PopupVisitData> = {}): PopupVisitData => ({
  id: 'V1',
  purpose: 'COLLECTION',
  status: 'BRIEFED',
  scheduledAt: at(7, 11),
  place: 'Unit 4, Riverside Park',
  heldAt: null,
  viewerCanEdit: true,
  organizer: { id: 'U1', name: 'Carla Credit' },
  attendees: [],
  account: { id: 'A1', name: 'Brightwell Cycles Ltd' },
  ...overrides,
});
const listed = (visits: PopupVisitData[]): OpRes => ({ ok: true, data: { visits: { edges: visits.map((node) => ({ node })) } } });
const offline: OpRes = { ok: false, kind: 'unreachable', error: 'The server cannot be reached.' };

function setup(opRun: () => OpRes, more: Handlers = {}) {
  return answer({ 'op/run': opRun, 'capture/pending': () => ({ pending: [] }), ...more });
}

/** U1's popup loaded the list once today (remembered), then the server went away. */
async function loadedOnceThenOffline() {
  let result: OpRes = listed([visit()]);
  setup(() => result);
  const first = render(<TodaysVisits userId="U1" />);
  await screen.findByTestId('todays-visit');
  await waitFor(async () => expect(Object.keys(await fakeBrowser.storage.session.get())).toHaveLength(1));
  first.unmount();
  result = offline;
}

beforeEach(() => {
  vi.useFakeTimers({ toFake: ['Date'], now: NOW });
});

describe('Today’s visits in the popup', () => {
  it('asks for the user’s visits from the start of today to the start of the day after tomorrow', () => {
    const { from, to } = todayAndTomorrow(NOW);
    expect(new Date(from).getTime()).toBe(new Date(2026, 11, 7).getTime());
    expect(new Date(to).getTime()).toBe(new Date(2026, 11, 9).getTime());
  });

  it('lists them with the customer, purpose, status, time and place; a notes box for today’s only', async () => {
    setup(() => listed([visit(), visit({ id: 'V2', purpose: 'INTRODUCTION', status: 'PLANNED', scheduledAt: at(8, 9), account: { id: 'A2', name: 'Northgate Wholesale' } })]));
    render(<TodaysVisits userId="U1" />);
    const [today, tomorrow] = await screen.findAllByTestId('todays-visit');
    expect(calls('op/run')).toEqual([{ operation: 'PopupTodaysVisits', variables: todayAndTomorrow(NOW) }]);
    expect(screen.getByRole('heading', { name: 'Today’s visits' })).toBeTruthy();
    expect(today?.textContent).toContain('Brightwell Cycles Ltd · Collection · Briefing ready');
    expect(today?.textContent).toMatch(/Today at .* · Unit 4, Riverside Park/);
    expect(within(today as HTMLElement).getByRole('form', { name: 'Notes on the collection at Brightwell Cycles Ltd' })).toBeTruthy();
    expect(tomorrow?.textContent).toMatch(/Tomorrow at/);
    expect(within(tomorrow as HTMLElement).queryByTestId('visit-notes')).toBeNull();
  });

  it('sends notes through the queue, and counts the notes still waiting for each visit', async () => {
    let pending: Protocol['capture/pending']['res']['pending'] = [pendingCapture()];
    setup(() => listed([visit()]), {
      'capture/pending': () => ({ pending }),
      'visitNotes/submit': (req) => {
        const queued = { kind: 'visitNotes' as const, ...req, idempotencyKey: 'k-new', queuedAt: req.takenAt, attempts: 1 };
        pending = [...pending, queued];
        return { queued, delivered: false, flags: [] };
      },
    });
    render(<TodaysVisits userId="U1" />);
    const box = await screen.findByTestId('visit-notes-text');
    expect(screen.queryByTestId('todays-visit-waiting')).toBeNull(); // a signal waiting is not a visit note
    fireEvent.input(box, { target: { value: 'They will pay the March invoices on Friday.' } });
    fireEvent.keyDown(box, { key: 'Enter', ctrlKey: true });
    await waitFor(() => expect(screen.getByTestId('visit-notes-status').textContent).toBe('Not sent yet — will send when back online.'));
    expect(calls('visitNotes/submit')[0]).toMatchObject({ visitId: 'V1', accountId: 'A1', notes: 'They will pay the March invoices on Friday.' });
    await broadcast({ type: 'broadcast/queue-changed' });
    await waitFor(() => expect(screen.getByTestId('todays-visit-waiting').textContent).toBe('1 note waiting to send'));
    pending = [pendingVisitNotes({ idempotencyKey: 'a' }), pendingVisitNotes({ idempotencyKey: 'b' })];
    await broadcast({ type: 'broadcast/queue-changed' });
    await waitFor(() => expect(screen.getByTestId('todays-visit-waiting').textContent).toBe('2 notes waiting to send'));
  });

  it('offline at the customer’s: shows the list remembered earlier today, so notes can still be taken', async () => {
    await loadedOnceThenOffline();
    render(<TodaysVisits userId="U1" />);
    expect((await screen.findByTestId('todays-visits-remembered')).textContent).toMatch(/^Offline: as loaded just now\./);
    expect(screen.getByTestId('visit-notes')).toBeTruthy();
  });

  it('never shows another user’s remembered list, and stays quiet offline with nothing remembered', async () => {
    await loadedOnceThenOffline();
    const { container } = render(<TodaysVisits userId="U2" />);
    await waitFor(() => expect(container.textContent).toBe(''));
  });

  it('a refused list says why, with a retry', async () => {
    let result: OpRes = { ok: false, kind: 'rejected', error: 'Not allowed' };
    setup(() => result);
    render(<TodaysVisits userId="U1" />);
    expect((await screen.findByTestId('todays-visits-failed')).textContent).toContain('Could not load your visits: Not allowed');
    result = listed([]);
    fireEvent.click(screen.getByRole('button', { name: 'Retry' }));
    await waitFor(() => expect(screen.queryByTestId('todays-visits-failed')).toBeNull());
  });
});
