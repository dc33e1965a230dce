import '@/ui/testing/setup';
import { fireEvent, render, screen, waitFor, within } from '@testing-library/preact';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import type { Protocol } from '@/lib/messages';
import type { ActionItemData, PanelVisitData } from '@/lib/visit-types';
import { creditUser, salesUser } from '@/ui/testing/fixtures';
import { answer, broadcast, calls, type Handlers } from '@/ui/testing/mock-send';
import { Visits } from './Visits';

vi.mock('@/lib/send', async (importOriginal) => (await import('@/ui/testing/mock-send')).mockSendModule(importOriginal));

type OpReq = Protocol['op/run']['req'];
type OpRes = Protocol['op/run']['res'];

// Local times, so "today" is today wherever the tests run.
const NOW = new Date(2026, 11, 7, 10, 0);
const at = (day: number, hour: number) => new Date(2026, 11, day, hour, 0).toISOString();
const account = { id: 'A1', name: 'Brightwell Cycles Ltd' };

const visit = (overrides: Partial<PanelVisitData> = {}): PanelVisitData => ({
  id: 'V1',
  purpose: 'CREDIT_TERMS_REVIEW',
  status: 'BRIEFED',
  scheduledAt: at(7, 14),
  place: 'Their office, Leeds',
  heldAt: null,
  viewerCanEdit: true,
  organizer: { id: 'U1', name: 'Carla Credit' },
  attendees: [
    { id: 'U1', name: 'Carla Credit' },
    { id: 'U2', name: 'Sam Sales' },
  ],
  ...overrides,
});

const item = (overrides: Partial<ActionItemData> = {}): ActionItemData => ({
  id: 'AI1',
  title: 'Send the revised payment plan',
  ownerName: 'Sam Sales',
  ownerUser: { id: 'U2', name: 'Sam Sales' },
  dueOn: '2026-12-04T00:00:00.000Z',
  status: 'OPEN',
  overdue: true,
  visit: { id: 'V0' },
  ...overrides,
});

function visitsData(upcoming: PanelVisitData[], recent: PanelVisitData[] = [], actionItems: ActionItemData[] = []): OpRes {
  return {
    ok: true,
    data: { account: { id: 'A1', upcoming: { edges: upcoming.map((node) => ({ node })) }, recent: { edges: recent.map((node) => ({ node })) }, actionItems } },
  };
}

function setup(visits: OpRes, more: Handlers = {}, update?: () => OpRes) {
  return answer({
    'op/run': (req: OpReq) => (req.operation === 'PanelVisits' ? visits : (update?.() ?? { ok: false, kind: 'error', error: 'unexpected' })),
    ...more,
  });
}

beforeEach(() => {
  vi.useFakeTimers({ toFake: ['Date'], now: NOW });
});

describe('Visits in the panel', () => {
  it('lists the visits in words and dates, where and with whom, with a link to the workspace page', async () => {
    const nextWeek = visit({ id: 'V2', purpose: 'INTRODUCTION', status: 'PLANNED', scheduledAt: at(14, 9), place: null });
    const held = visit({ id: 'V3', purpose: 'COLLECTION', status: 'HELD', scheduledAt: at(5, 11), heldAt: at(5, 12) });
    setup(visitsData([visit(), nextWeek], [held]));
    render(<Visits account={account} user={creditUser} />);
    const list = await screen.findByTestId('visits-list');
    expect(calls('op/run')).toEqual([{ operation: 'PanelVisits', variables: { id: 'A1' } }]);
    const [today, later, recent] = within(list).getAllByTestId('visit');
    expect(today?.textContent).toContain('Credit terms review · Briefing ready');
    expect(today?.textContent).toContain('Today at 14:00 (7 Dec 2026) · Their office, Leeds');
    // Carla reads herself as “you”, never her own name.
    expect(today?.textContent).toContain('With you and Sam Sales');
    expect(today?.textContent).not.toContain('Carla Credit');
    // The time once: in the words for today, beside the date further off.
    expect(today?.querySelector('time')?.textContent).toBe('Today at 14:00 (7 Dec 2026)');
    expect(later?.querySelector('time')?.textContent).toBe('In 7 days (14 Dec 2026, 09:00)');
    expect(within(today as HTMLElement).getByTestId('visit-open').getAttribute('href')).toMatch(/dashboard\.html#\/visit\/V1$/);
    expect(later?.textContent).toContain('Introduction · Planned');
    expect(later?.textContent).toContain('In 7 days');
    expect(screen.getByRole('region', { name: 'Visits' }).textContent).toContain('2 planned');
    // Notes: for today's visit and the one held two days ago, not next week's.
    expect(within(today as HTMLElement).getByRole('form', { name: /Notes on the credit terms review, today at/ })).toBeTruthy();
    expect(within(later as HTMLElement).queryByTestId('visit-notes')).toBeNull();
    expect(recent?.textContent).toContain('Collection · Held');
    // Held at another time than planned: the planned time like everywhere else, and when it was held on a line of its own.
    expect(recent?.textContent).toContain('Planned 2 days ago (5 Dec 2026, 11:00)');
    expect(within(recent as HTMLElement).getByTestId('visit-held-at').textContent).toBe('Held 2 days ago (5 Dec 2026, 12:00)');
    expect(within(recent as HTMLElement).getByRole('form', { name: /Notes on the collection, / }).getAttribute('aria-label')).toBeTruthy();
    expect(within(recent as HTMLElement).getByTestId('visit-notes')).toBeTruthy();
  });

  it('says a visit held at the planned time once: “Held 6 days ago (…) · place”, with no second held line', async () => {
    const held = visit({ id: 'V4', purpose: 'COLLECTION', status: 'HELD', scheduledAt: at(1, 14), heldAt: at(1, 14), place: 'Auental warehouse office' });
    setup(visitsData([], [held]));
    render(<Visits account={account} user={creditUser} />);
    const list = await screen.findByTestId('visits-list');
    const [recent] = within(list).getAllByTestId('visit');
    const text = recent?.textContent ?? '';
    expect(text).toContain('Collection · Held');
    expect(text).toContain('Held 6 days ago (1 Dec 2026, 14:00) · Auental warehouse office');
    expect(text.match(/1 Dec 2026, 14:00/g)).toHaveLength(1);
    expect(within(recent as HTMLElement).queryByTestId('visit-held-at')).toBeNull();
  });

  it('offers no notes to someone who may not change the visit', async () => {
    setup(visitsData([visit({ viewerCanEdit: false })]));
    render(<Visits account={account} user={{ ...salesUser, role: 'VIEWER' }} />);
    await screen.findByTestId('visits-list');
    expect(screen.queryByTestId('visit-notes')).toBeNull();
  });

  it('Ctrl+Enter sends the notes through the queue; sent ones clear the box and show what to check', async () => {
    let visits = visitsData([visit()]);
    answer({
      'op/run': () => visits,
      'visitNotes/submit': (req) => ({
        queued: { kind: 'visitNotes', ...req, idempotencyKey: 'k1', queuedAt: req.takenAt, attempts: 0 },
        delivered: true,
        flags: [{ kind: 'COMMITMENT', excerpt: 'we guarantee', reason: 'A promise: say you will check with the team.' }],
      }),
    });
    render(<Visits account={account} user={creditUser} />);
    const box = (await screen.findByTestId('visit-notes-text')) as HTMLTextAreaElement;
    fireEvent.click(screen.getByTestId('visit-notes-submit'));
    expect(screen.getByRole('alert').textContent).toBe('Write the notes first.');
    fireEvent.input(box, { target: { value: '  Second site opens in March; we guarantee the limit.  ' } });
    fireEvent.keyDown(box, { key: 'Enter', ctrlKey: true });
    await waitFor(() => expect(screen.getByTestId('visit-notes-status').textContent).toMatch(/^Sent\. One passage to check/));
    expect(calls('visitNotes/submit')).toEqual([
      { visitId: 'V1', accountId: 'A1', accountName: 'Brightwell Cycles Ltd', notes: 'Second site opens in March; we guarantee the limit.', takenAt: NOW.toISOString() },
    ]);
    expect(box.value).toBe('');
    expect(screen.getByTestId('visit-notes-flags').textContent).toContain('A promise or commitment: “we guarantee”');

    // The first notes mark the visit held: refetched, it keeps its box and what it said.
    visits = visitsData([], [visit({ status: 'HELD', heldAt: at(7, 10) })]);
    await broadcast({ type: 'broadcast/account-changed', accountId: 'A1' });
    await waitFor(() => expect(screen.getByTestId('visit').textContent).toContain('Credit terms review · Held'));
    expect(screen.getByTestId('visit-notes-status').textContent).toMatch(/^Sent\./);
    expect(screen.getByTestId('visit-notes-flags')).toBeTruthy();
  });

  it('offline: "Not sent yet", Retry now asks the worker, and the line turns to Sent once the queue delivered them', async () => {
    let pending: Protocol['capture/pending']['res']['pending'] = [];
    setup(visitsData([visit()]), {
      'visitNotes/submit': (req) => {
        const queued = { kind: 'visitNotes' as const, ...req, idempotencyKey: 'k1', queuedAt: req.takenAt, attempts: 1, lastError: 'The server cannot be reached.' };
        pending = [queued];
        return { queued, delivered: false, flags: [] };
      },
      'capture/retry': () => ({ ok: true }),
      'capture/pending': () => ({ pending }),
    });
    render(<Visits account={account} user={creditUser} />);
    const box = await screen.findByTestId('visit-notes-text');
    fireEvent.input(box, { target: { value: 'Quiet warehouse' } });
    fireEvent.keyDown(box, { key: 'Enter', metaKey: true });
    const status = screen.getByTestId('visit-notes-status');
    await waitFor(() => expect(status.textContent).toBe('Not sent yet — will send when back online.'));
    expect(status.getAttribute('role')).toBe('status');
    fireEvent.click(screen.getByRole('button', { name: 'Retry now' }));
    expect(calls('capture/retry')).toHaveLength(1);

    pending = [];
    await broadcast({ type: 'broadcast/queue-changed' });
    await waitFor(() => expect(status.textContent).toBe('Sent.'));
    expect(screen.queryByRole('button', { name: 'Retry now' })).toBeNull();
  });

  it('refused notes come back into the box with the reason, and leave no failed item behind', async () => {
    setup(visitsData([visit()]), {
      'visitNotes/submit': (req) => ({
        queued: { kind: 'visitNotes', ...req, idempotencyKey: 'k1', queuedAt: req.takenAt, attempts: 1, lastError: 'This visit is cancelled; nothing can be added to it.', failedAt: req.takenAt },
        delivered: false,
        flags: [],
      }),
      'capture/discard': () => ({ ok: true }),
    });
    render(<Visits account={account} user={creditUser} />);
    const box = (await screen.findByTestId('visit-notes-text')) as HTMLTextAreaElement;
    fireEvent.input(box, { target: { value: 'Agreed a payment plan' } });
    fireEvent.submit(box.closest('form') as HTMLFormElement);
    await waitFor(() => expect(screen.getByTestId('visit-notes-status').textContent).toContain('Not accepted: This visit is cancelled'));
    expect(box.value).toBe('Agreed a payment plan');
    expect(calls('capture/discard')).toEqual([{ idempotencyKey: 'k1' }]);
  });

  it('open action items: owner, due date, Overdue in words; the viewer marks their own done', async () => {
    const theirs = item({ id: 'AI2', title: 'Send last year’s accounts', ownerName: 'Jane Doe (Brightwell)', ownerUser: null, overdue: false, dueOn: '2026-12-20T00:00:00.000Z' });
    setup(visitsData([], [], [item(), theirs]), {}, () => ({ ok: true, data: { updateActionItem: { actionItem: { id: 'AI1', status: 'DONE', completedAt: NOW.toISOString() } } } }));
    render(<Visits account={account} user={salesUser} />);
    const list = await screen.findByTestId('action-items');
    expect(screen.getByText('No visit planned.')).toBeTruthy();
    const [mine, other] = within(list).getAllByTestId('action-item');
    expect(mine?.textContent).toMatch(/You · Overdue \(was due 4 Dec 2026\)/);
    expect(mine?.textContent).not.toContain('Sam Sales');
    expect(other?.textContent).toMatch(/Jane Doe \(Brightwell\) · due 20 Dec 2026/);
    expect(within(other as HTMLElement).queryByRole('button')).toBeNull();
    fireEvent.click(within(mine as HTMLElement).getByRole('button', { name: 'Mark done: Send the revised payment plan' }));
    await waitFor(() => expect(screen.getByTestId('action-items-announcement').textContent).toBe('Marked done: Send the revised payment plan.'));
    // The only button is gone: the focus is on the list's heading, not lost to the page.
    await waitFor(() => expect(document.activeElement?.textContent).toBe('Open action items'));
    expect(calls('op/run')[1]).toEqual({ operation: 'PanelUpdateActionItem', variables: { input: { actionItemId: 'AI1', status: 'DONE' } }, accountId: 'A1' });
    expect(within(screen.getByTestId('action-items')).getAllByTestId('action-item')).toHaveLength(1);
  });

  it('the visit’s people may mark a customer-owned item done; the focus moves to the next Done', async () => {
    const theirs = item({ id: 'AI2', title: 'Send last year’s accounts', ownerName: 'Jane Doe (Brightwell)', ownerUser: null, visit: { id: 'V0', viewerCanEdit: true } });
    const third = item({ id: 'AI3', title: 'Call back', ownerUser: { id: 'U9', name: 'Other' }, createdBy: { id: 'U2' }, visit: null });
    const stranger = item({ id: 'AI4', title: 'Not mine', ownerUser: { id: 'U9', name: 'Other' }, createdBy: { id: 'U9' }, visit: { id: 'V5', viewerCanEdit: false } });
    setup(visitsData([], [], [theirs, third, stranger]), {}, () => ({ ok: true, data: { updateActionItem: { actionItem: { id: 'AI2', status: 'DONE', completedAt: NOW.toISOString() } } } }));
    render(<Visits account={account} user={salesUser} />);
    const list = await screen.findByTestId('action-items');
    expect(within(list).getAllByTestId('action-item-done').map((b) => b.dataset.item)).toEqual(['AI2', 'AI3']);
    fireEvent.click(within(list).getByRole('button', { name: 'Mark done: Send last year’s accounts' }));
    await waitFor(() => expect(document.activeElement).toBe(screen.getByRole('button', { name: 'Mark done: Call back' })));
    expect(screen.getByTestId('action-items-announcement').textContent).toBe('Marked done: Send last year’s accounts.');
  });

  it('a failed Done says why and keeps the item', async () => {
    setup(visitsData([], [], [item()]), {}, () => ({ ok: false, kind: 'rejected', code: 'FORBIDDEN', error: 'Only its owner can change it.' }));
    render(<Visits account={account} user={salesUser} />);
    fireEvent.click(await screen.findByRole('button', { name: /Mark done/ }));
    expect((await screen.findByRole('alert')).textContent).toBe('Not marked done: Only its owner can change it.');
    expect(screen.getAllByTestId('action-item')).toHaveLength(1);
  });

  it('offline with a list loaded earlier today: shows it, marked, so notes can still be taken', async () => {
    let visits: OpRes = visitsData([visit()]);
    answer({ 'op/run': () => visits });
    const first = render(<Visits account={account} user={creditUser} />);
    await screen.findByTestId('visits-list');
    await waitFor(async () => expect(await fakeBrowser.storage.session.get('visits:account:A1')).not.toEqual({}));
    first.unmount();
    visits = { ok: false, kind: 'unreachable', error: 'The server cannot be reached.' };
    render(<Visits account={account} user={creditUser} />);
    expect((await screen.findByTestId('visits-remembered')).textContent).toMatch(/^Offline: as loaded just now\. Notes are kept/);
    expect(screen.getByTestId('visit-notes')).toBeTruthy();
  });

  it('offline: says visits come back with the server; fetches again when the account changes', async () => {
    let visits: OpRes = { ok: false, kind: 'unreachable', error: 'The server cannot be reached.' };
    answer({ 'op/run': () => visits });
    render(<Visits account={account} user={creditUser} />);
    expect((await screen.findByTestId('visits-offline')).textContent).toContain('Visits show here when the server is back');
    visits = visitsData([visit()]);
    await broadcast({ type: 'broadcast/account-changed', accountId: 'OTHER' });
    await broadcast({ type: 'broadcast/account-changed', accountId: 'A1' });
    await screen.findByTestId('visits-list');
    expect(calls('op/run')).toHaveLength(2);
  });
});
