import '@/ui/testing/setup';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fireEvent, render, screen, waitFor, within } from '@testing-library/preact';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { VisitDetail } from '@/lib/workspace-visit-types';
import { creditUser, salesUser } from '@/ui/testing/fixtures';
import { actionItem, flag, heldVisit, visit, visitReport } from '@/ui/testing/visit-fixtures';
import { connection, opAccountIds, opCalls, type OpHandlers, Refusal, workspace } from '@/ui/testing/workspace-fixtures';
import { Dashboard } from './Dashboard';
import { copyText, openCompose } from './views/visits/open-compose';
import { fromLocalInput, toLocalInput } from './views/visits/visit-parts';
import { REPORT_POLL_MS } from './views/visits/VisitReportSection';
import { creditBriefing } from '@/ui/testing/briefing-fixture';

vi.mock('@/lib/send', async (importOriginal) => (await import('@/ui/testing/mock-send')).mockSendModule(importOriginal));
vi.mock('./views/visits/open-compose', () => ({ openCompose: vi.fn(), copyText: vi.fn(async () => true) }));

afterEach(() => {
  history.replaceState(null, '', '#/');
  vi.mocked(openCompose).mockReset();
  vi.mocked(copyText).mockReset();
});

/** The visit page for `data` (fetched again after each change), with more operations. */
function visitPage(data: VisitDetail | (() => VisitDetail), ops: OpHandlers = {}, user = creditUser) {
  history.replaceState(null, '', `#/visit/${typeof data === 'function' ? data().id : data.id}`);
  workspace(user, {
    WorkspaceIntelRequests: () => ({ intelRequests: connection([]) }),
    WorkspaceVisit: () => ({ node: typeof data === 'function' ? data() : data }),
    WorkspaceDistributionLists: () => ({ distributionLists: [{ id: 'DL1', name: 'executives', description: 'The board', addresses: ['ceo@ourco.example', 'cfo@ourco.example'] }] }),
    ...ops,
  });
  render(<Dashboard />);
}

describe('the visit page before the meeting', () => {
  it('shows purpose, status, date, place, the account, who goes and whom they meet, and the goals', async () => {
    visitPage(visit());
    const header = await screen.findByTestId('visit-header');
    expect(screen.getByTestId('view-heading').textContent).toBe('Credit terms review · Brightwell Cycles Ltd');
    expect(within(header).getByTestId('visit-status').textContent).toBe('Planned');
    expect(header.textContent).toContain('Their offices, Leeds');
    expect(within(header).getByRole('link', { name: 'Brightwell Cycles Ltd' }).getAttribute('href')).toBe('#/account/A1');
    expect(screen.getByTestId('visit-attendees').textContent).toBe('Carla Credit (organizer), Sam Sales');
    expect(screen.getByTestId('visit-contacts').textContent).toBe('Ana Finance (Finance director)');
    expect(screen.getByText('Agree a payment plan for the overdue invoices.')).toBeTruthy();
    // No follow-up or report before the visit is held.
    expect(screen.queryByTestId('follow-up')).toBeNull();
    expect(screen.queryByTestId('visit-report')).toBeNull();
  });

  it('records the pre-visit meeting (Ctrl+Enter), the focus back on the button', async () => {
    let current = visit();
    visitPage(() => current, {
      WorkspacePreVisitMeeting: (v) => {
        current = visit({ preMeetingNote: (v.input as { note: string }).note, preMeetingNoteAt: '2026-12-05T10:00:00.000Z' });
        return { recordPreVisitMeeting: { visit: { id: 'V1', preMeetingNote: current.preMeetingNote, preMeetingNoteAt: current.preMeetingNoteAt } } };
      },
    });
    fireEvent.click(await screen.findByTestId('pre-meeting-edit'));
    const area = await screen.findByLabelText(/What you agreed before going/);
    await waitFor(() => expect(document.activeElement).toBe(area));
    fireEvent.input(area, { target: { value: 'Sam says orders are down; do not promise a higher limit.' } });
    fireEvent.keyDown(area, { key: 'Enter', ctrlKey: true });
    expect((await screen.findByTestId('pre-meeting-note')).textContent).toBe('Sam says orders are down; do not promise a higher limit.');
    expect(opCalls('WorkspacePreVisitMeeting')).toEqual([{ input: { visitId: 'V1', note: 'Sam says orders are down; do not promise a higher limit.' } }]);
    await waitFor(() => expect(document.activeElement).toBe(screen.getByTestId('pre-meeting-edit')));
  });

  it('edits the questions: reword, remove, add; keeps ids and template keys', async () => {
    visitPage(visit(), { WorkspaceSetVisitQuestions: () => ({ setVisitQuestions: { visit: { id: 'V1', questions: [] } } }) });
    fireEvent.click(await screen.findByTestId('edit-questions'));
    const form = await screen.findByTestId('questions-form');
    const inputs = () => within(form).getAllByTestId('question-text');
    await waitFor(() => expect(document.activeElement).toBe(inputs()[0]));
    fireEvent.input(inputs()[0] as HTMLElement, { target: { value: 'How is trading this year?' } });
    fireEvent.click(within(form).getByRole('button', { name: 'Remove question 2' }));
    fireEvent.click(within(form).getByRole('button', { name: 'Add a question' }));
    await waitFor(() => expect(document.activeElement).toBe(inputs()[1]));
    fireEvent.click(within(form).getByTestId('questions-save'));
    expect((await within(form).findByRole('alert')).textContent).toBe('Question 2 is empty: write it or remove it.');
    fireEvent.input(inputs()[1] as HTMLElement, { target: { value: 'Any new bank?' } });
    fireEvent.click(within(form).getByTestId('questions-save'));
    await waitFor(() => expect(screen.queryByTestId('questions-form')).toBeNull());
    expect(opCalls('WorkspaceSetVisitQuestions')).toEqual([
      {
        input: {
          visitId: 'V1',
          questions: [
            { id: 'q1', template: 'terms-outlook', text: 'How is trading this year?', asked: false },
            { text: 'Any new bank?', asked: false },
          ],
        },
      },
    ]);
  });

  it('prepares the briefing, then links to it', async () => {
    let current = visit();
    visitPage(() => current, {
      WorkspacePrepareBriefing: () => {
        current = visit({ status: 'BRIEFED', briefingCount: 1, briefing: { id: 'B1', preparedAt: '2026-12-05T10:00:00.000Z', audience: 'CREDIT', preparedBy: { id: 'U1', name: 'Carla Credit' } } });
        return { prepareVisitBriefing: { visit: { id: 'V1', status: 'BRIEFED', briefingCount: 1 }, briefing: { id: 'B1', preparedAt: '2026-12-05T10:00:00.000Z', audience: 'CREDIT' } } };
      },
    });
    fireEvent.click(await screen.findByTestId('prepare-briefing'));
    expect((await screen.findByTestId('visit-action-outcome')).textContent).toContain('Briefing prepared');
    expect((await screen.findByTestId('open-briefing')).getAttribute('href')).toBe('#/visit/V1/briefing');
    expect(screen.getByTestId('visit-status').textContent).toBe('Briefing ready');
    expect(screen.getByTestId('prepare-briefing').textContent).toBe('Prepare the briefing again');
    expect(opAccountIds('WorkspacePrepareBriefing')).toEqual(['A1']);
  });

  it('during the meeting: ticks a question and saves the answer typed', async () => {
    visitPage(visit(), { WorkspaceTickVisitQuestion: () => ({ tickVisitQuestion: { visit: { id: 'V1', questions: [] } } }) });
    const [first, second] = await screen.findAllByTestId('visit-question');
    fireEvent.click(within(first as HTMLElement).getByRole('checkbox', { name: 'How do you see trading over the next twelve months?' }));
    await waitFor(() => expect(opCalls('WorkspaceTickVisitQuestion')).toEqual([{ input: { visitId: 'V1', questionId: 'q1', asked: true } }]));
    const answer = within(second as HTMLElement).getByLabelText('Their answer to “Who signs off payments now?”');
    fireEvent.input(answer, { target: { value: 'The new CFO, since October' } });
    fireEvent.keyDown(answer, { key: 'Enter' });
    await waitFor(() =>
      expect(opCalls('WorkspaceTickVisitQuestion')[1]).toEqual({ input: { visitId: 'V1', questionId: 'q2', asked: true, answer: 'The new CFO, since October' } }),
    );
    expect((second as HTMLElement).dataset.asked).toBe('true');
  });

  it('marks the visit as held after a confirm step with the time it took place', async () => {
    const hourAgo = new Date(Date.now() - 3_600_000);
    let current = visit({ scheduledAt: hourAgo.toISOString() });
    visitPage(() => current, {
      WorkspaceMarkVisitHeld: () => {
        current = heldVisit();
        return { markVisitHeld: { visit: { id: 'V1', status: 'HELD', heldAt: current.heldAt } } };
      },
    });
    fireEvent.click(await screen.findByTestId('mark-held'));
    const form = await screen.findByTestId('mark-held-form');
    expect(form.textContent).toContain('This cannot be undone: once held, the visit can no longer be cancelled.');
    const at = within(form).getByTestId('mark-held-at') as HTMLInputElement;
    await waitFor(() => expect(document.activeElement).toBe(at));
    expect(opCalls('WorkspaceMarkVisitHeld')).toEqual([]);
    // Back: nothing sent, the focus on the button again.
    fireEvent.click(within(form).getByRole('button', { name: 'Back' }));
    await waitFor(() => expect(document.activeElement).toBe(screen.getByTestId('mark-held')));
    fireEvent.click(screen.getByTestId('mark-held'));
    const again = await screen.findByTestId('mark-held-at');
    fireEvent.input(again, { target: { value: toLocalInput(new Date(Date.now() + 2 * 86_400_000)) } });
    fireEvent.click(screen.getByTestId('mark-held-save'));
    expect((await screen.findByTestId('visit-error')).textContent).toContain('still to come');
    fireEvent.input(again, { target: { value: toLocalInput(hourAgo) } });
    fireEvent.click(screen.getByTestId('mark-held-save'));
    await waitFor(() => expect(screen.getByTestId('visit-status').textContent).toBe('Held'));
    await waitFor(() => expect(document.activeElement).toBe(screen.getByTestId('visit-action-outcome')));
    expect(opCalls('WorkspaceMarkVisitHeld')).toEqual([{ input: { visitId: 'V1', heldAt: new Date(fromLocalInput(toLocalInput(hourAgo)) as string).toISOString() } }]);
    expect(await screen.findByTestId('follow-up')).toBeTruthy();
  });

  it('cancels the visit with a reason; then nothing can be added', async () => {
    let current = visit();
    visitPage(() => current, {
      WorkspaceCancelVisit: (v) => {
        current = visit({ status: 'CANCELLED', cancelledAt: '2026-12-05T10:00:00.000Z', cancelReason: (v.input as { reason: string }).reason });
        return { cancelVisit: { visit: { id: 'V1', status: 'CANCELLED', cancelledAt: current.cancelledAt } } };
      },
    });
    fireEvent.click(await screen.findByTestId('cancel-visit-open'));
    const form = await screen.findByTestId('cancel-visit');
    const reason = within(form).getByLabelText('Why is it cancelled?');
    await waitFor(() => expect(document.activeElement).toBe(reason));
    fireEvent.click(within(form).getByTestId('cancel-visit-save'));
    expect((await within(form).findByTestId('visit-error')).textContent).toBe('Say why the visit is cancelled.');
    fireEvent.input(reason, { target: { value: 'The buyer is off sick; we will plan again in January.' } });
    fireEvent.click(within(form).getByTestId('cancel-visit-save'));
    const cancelled = await screen.findByTestId('visit-cancelled');
    expect(cancelled.textContent).toContain('The buyer is off sick');
    await waitFor(() => expect(document.activeElement).toBe(cancelled));
    expect(screen.getByTestId('visit-status').textContent).toBe('Cancelled');
    expect(screen.queryByTestId('add-notes')).toBeNull();
    expect(opCalls('WorkspaceCancelVisit')).toEqual([{ input: { visitId: 'V1', reason: 'The buyer is off sick; we will plan again in January.' } }]);
  });

  it('a read-only viewer sees the visit without a button to change it', async () => {
    visitPage(visit({ viewerCanEdit: false }), {}, salesUser);
    await screen.findByTestId('visit-header');
    expect(screen.queryByTestId('visit-actions')).toBeNull();
    expect(screen.queryByTestId('add-notes')).toBeNull();
    expect(screen.queryByRole('checkbox')).toBeNull();
    expect(screen.getByTestId('pre-meeting').textContent).toContain('Only credit and the people going read this note.');
  });
});

describe('the briefing page', () => {
  it('renders the briefing document alone with a Print button', async () => {
    const doc = creditBriefing();
    history.replaceState(null, '', '#/visit/V1/briefing');
    const print = vi.fn();
    const before = window.print;
    window.print = print;
    workspace(creditUser, {
      WorkspaceVisitBriefing: () => ({
        node: {
          id: 'V1',
          purpose: 'COLLECTION',
          status: 'BRIEFED',
          scheduledAt: '2026-12-10T10:00:00.000Z',
          account: { id: 'A1', name: 'Brightwell Cycles Ltd' },
          briefing: { id: 'B1', preparedAt: doc.preparedAt, audience: 'CREDIT', document: doc },
        },
      }),
    });
    render(<Dashboard />);
    expect(await screen.findByRole('region', { name: 'Visit briefing' })).toBeTruthy();
    expect(await screen.findByRole('heading', { name: doc.account.name })).toBeTruthy();
    expect((await screen.findByRole('link', { name: 'Visits' })).getAttribute('aria-current')).toBe('page');
    fireEvent.click(screen.getByTestId('print-briefing'));
    expect(print).toHaveBeenCalledTimes(1);
    expect(screen.getByRole('link', { name: 'Back to the visit' }).closest('.no-print')).toBeTruthy();
    window.print = before;
    // The tab (and a saved PDF) is named after the folder; the workspace's title comes back on leaving.
    await waitFor(() => expect(document.title).toBe('Briefing — Brightwell Cycles Ltd — 10 Dec 2026'));
    history.replaceState(null, '', '#/visits');
    window.dispatchEvent(new HashChangeEvent('hashchange'));
    await waitFor(() => expect(document.title).not.toContain('Briefing'));
  });

  it('has print rules that hide every part of the workspace chrome Dashboard renders', async () => {
    const css = readFileSync(path.join(__dirname, '../../ui/styles/workspace-visits.css'), 'utf8');
    const sheet = new CSSStyleSheet();
    sheet.replaceSync(css);
    const hidden = [...sheet.cssRules]
      .filter((r): r is CSSMediaRule => r instanceof CSSMediaRule && r.media.mediaText.includes('print'))
      .flatMap((m) => [...m.cssRules] as CSSStyleRule[])
      .filter((r) => r.style.getPropertyValue('display') === 'none' && r.style.getPropertyPriority('display') === 'important')
      .flatMap((r) => r.selectorText.split(',').map((sel) => sel.trim()));
    // The class names the workspace really renders around the briefing (read from the page, not assumed).
    history.replaceState(null, '', '#/visit/V1/briefing');
    workspace(creditUser, { WorkspaceVisitBriefing: () => ({ node: { id: 'V1', purpose: 'COLLECTION', status: 'PLANNED', scheduledAt: '2026-12-10T10:00:00.000Z', account: { id: 'A1', name: 'B' }, briefing: null } }) });
    const { container } = render(<Dashboard />);
    await screen.findByTestId('empty');
    const chrome = [container.querySelector('header'), container.querySelector('nav'), screen.getByTestId('workspace-search').closest('form'), screen.getByTestId('workspace-user'), screen.getByRole('link', { name: 'Back to the visit' })];
    for (const el of chrome) {
      expect(el).toBeTruthy();
      const covered = hidden.some((sel) => (el as Element).closest(sel));
      expect(covered, `${(el as Element).outerHTML.slice(0, 80)} is hidden in print`).toBe(true);
    }
    for (const sel of ['.workspace__bar', '.workspace__nav', '.workspace__search', '.workspace__user', '.no-print', '.briefing-page__tools']) expect(hidden).toContain(sel);
  });

  it('says when no briefing was prepared yet', async () => {
    history.replaceState(null, '', '#/visit/V1/briefing');
    workspace(creditUser, {
      WorkspaceVisitBriefing: () => ({ node: { id: 'V1', purpose: 'COLLECTION', status: 'PLANNED', scheduledAt: '2026-12-10T10:00:00.000Z', account: { id: 'A1', name: 'B' }, briefing: null } }),
    });
    render(<Dashboard />);
    expect((await screen.findByTestId('empty')).textContent).toContain('No briefing yet');
    expect(screen.queryByTestId('print-briefing')).toBeNull();
  });

  it('says a held visit had no briefing, without sending the reader to a prepare button that is not there', async () => {
    // Probe of issue 10: "No briefing yet … Prepare it on the visit's page" for a held visit, whose page offers no prepare.
    history.replaceState(null, '', '#/visit/V1/briefing');
    workspace(creditUser, {
      WorkspaceVisitBriefing: () => ({ node: { id: 'V1', purpose: 'COLLECTION', status: 'HELD', scheduledAt: '2026-11-30T14:00:00.000Z', account: { id: 'A1', name: 'B' }, briefing: null } }),
    });
    render(<Dashboard />);
    const empty = await screen.findByTestId('empty');
    expect(empty.textContent).toContain('No briefing folder was prepared before this visit');
    expect(empty.textContent).not.toMatch(/prepare it/i);
    expect(within(empty).getByRole('link', { name: 'Back to the visit' })).toBeTruthy();
  });
});

describe('notes, signals and action items', () => {
  it('shows each note’s flags beside it: the kind in words, the excerpt and why', async () => {
    visitPage(heldVisit());
    const note = await screen.findByTestId('visit-note');
    const shown = within(note).getByTestId('guardrail-flag');
    expect(shown.textContent).toContain('A promise or commitment');
    expect(shown.textContent).toContain('we will extend your limit');
    expect(shown.textContent).toContain('A promise needs the team’s agreement first.');
  });

  it('a note’s flag can be kept (acknowledged, source NOTES): then shown as kept, the focus back on the note', async () => {
    visitPage(heldVisit(), { WorkspaceAcknowledgeFlag: () => ({ acknowledgeGuardrailFlag: { visit: { id: 'V1', acknowledgedFlags: [] } } }) });
    const note = await screen.findByTestId('visit-note');
    fireEvent.click(within(note).getByRole('button', { name: 'Keep it (acknowledge): we will extend your limit' }));
    await waitFor(() => expect(within(note).getByTestId('guardrail-flag').textContent).toContain('(kept: acknowledged)'));
    expect(opCalls('WorkspaceAcknowledgeFlag')).toEqual([{ input: { visitId: 'V1', source: 'NOTES', kind: 'COMMITMENT', excerpt: 'we will extend your limit' } }]);
    expect(within(note).queryByTestId('acknowledge-note-flag')).toBeNull();
    await waitFor(() => expect(document.activeElement?.classList.contains('visit__text')).toBe(true));
  });

  it('adds a note with Ctrl+Enter, once per key, and shows what the guardrails found', async () => {
    visitPage(heldVisit(), {
      WorkspaceAddVisitNotes: () => ({
        addVisitNotes: { visit: { id: 'V1', status: 'HELD' }, note: { id: 'N2' }, flags: [flag({ kind: 'OTHER_CUSTOMER', excerpt: 'Coldharbour Foods', reason: 'Another customer’s name.' })] },
      }),
    });
    const area = await screen.findByTestId('add-notes-text');
    fireEvent.keyDown(area, { key: 'Enter', ctrlKey: true });
    expect((await screen.findByTestId('visit-error')).textContent).toBe('Write the note first.');
    fireEvent.input(area, { target: { value: 'Coldharbour Foods pays them late too.' } });
    fireEvent.keyDown(area, { key: 'Enter', ctrlKey: true });
    const added = await screen.findByTestId('notes-added');
    expect(added.textContent).toContain('Note added, with 1 flag to look at');
    expect(added.textContent).toContain('Another customer named');
    const [call] = opCalls('WorkspaceAddVisitNotes') as { input: { visitId: string; notes: string; idempotencyKey: string } }[];
    expect(call?.input).toMatchObject({ visitId: 'V1', notes: 'Coldharbour Foods pays them late too.' });
    expect(call?.input.idempotencyKey).toMatch(/^[0-9a-f-]{36}$/);
    expect((area as HTMLTextAreaElement).value).toBe('');
    expect(document.activeElement).toBe(area);
  });

  it('raises a signal from a note: an excerpt of it, a type and a severity', async () => {
    visitPage(heldVisit(), {
      WorkspaceRaiseSignalFromNote: () => ({
        raiseSignalFromVisitNote: { signal: { id: 'S1', type: 'HIRING', label: 'Hiring', severity: 1, note: 'They are hiring two drivers.', observedAt: '2026-12-10T11:00:00.000Z' }, visit: { id: 'V1' } },
      }),
    });
    fireEvent.click(await screen.findByTestId('raise-signal-open'));
    const form = await screen.findByTestId('raise-signal');
    const excerpt = within(form).getByLabelText('Excerpt (words of the note)') as HTMLTextAreaElement;
    await waitFor(() => expect(document.activeElement).toBe(excerpt));
    expect(excerpt.value).toBe('They are hiring two drivers. I said we will extend your limit next month.');
    fireEvent.input(excerpt, { target: { value: 'They are hiring two drivers.' } });
    fireEvent.click(within(form).getByTestId('raise-signal-save'));
    expect((await within(form).findByTestId('visit-error')).textContent).toBe('Pick what kind of signal it is.');
    fireEvent.change(within(form).getByTestId('raise-signal-type'), { target: { value: 'HIRING' } });
    fireEvent.click(within(form).getByRole('radio', { name: /2/ }));
    fireEvent.click(within(form).getByTestId('raise-signal-save'));
    await waitFor(() => expect(screen.queryByTestId('raise-signal')).toBeNull());
    const [call] = opCalls('WorkspaceRaiseSignalFromNote') as { input: Record<string, unknown> }[];
    expect(call?.input).toMatchObject({ visitNoteId: 'N1', type: 'HIRING', severity: 2, excerpt: 'They are hiring two drivers.' });
    await waitFor(() => expect(document.activeElement).toBe(screen.getByTestId('raise-signal-open')));
  });

  it('adds an action item owned by a customer contact, and marks one done', async () => {
    visitPage(heldVisit({ actionItems: [actionItem()] }), {
      WorkspaceAddActionItem: () => ({ addActionItem: { actionItem: { id: 'AI2' } } }),
      WorkspaceUpdateActionItem: () => ({ updateActionItem: { actionItem: { id: 'AI1', status: 'DONE', completedAt: null, overdue: false } } }),
    });
    fireEvent.click(await screen.findByTestId('add-action-item-open'));
    const form = await screen.findByTestId('add-action-item');
    fireEvent.input(within(form).getByLabelText('What'), { target: { value: 'Send last year’s accounts' } });
    fireEvent.change(within(form).getByTestId('action-item-owner'), { target: { value: 'contact:C1' } });
    fireEvent.input(within(form).getByLabelText('Due'), { target: { value: '2026-12-20' } });
    fireEvent.click(within(form).getByTestId('add-action-item-save'));
    await waitFor(() => expect(screen.queryByTestId('add-action-item')).toBeNull());
    expect(opCalls('WorkspaceAddActionItem')).toEqual([
      { input: { visitId: 'V1', title: 'Send last year’s accounts', ownerContactId: 'C1', dueOn: '2026-12-20T12:00:00.000Z' } },
    ]);
    fireEvent.click(screen.getByRole('button', { name: 'Done: Send the revised payment plan' }));
    await waitFor(() => expect(opCalls('WorkspaceUpdateActionItem')).toEqual([{ input: { actionItemId: 'AI1', status: 'DONE' } }]));
    // The last open one: the focus goes to the section's heading, and "Marked done" is announced.
    await waitFor(() => expect(document.activeElement).toBe(screen.getByRole('heading', { name: 'Action items' })));
    expect(screen.getByTestId('action-items-said').textContent).toBe('Marked done: Send the revised payment plan.');
  });
});

const draft = {
  subject: 'Our visit on 10 December',
  body: 'Dear Ana,\n\nThank you for your time. I said we will extend your limit next month.\n\nCarla',
  draftedAt: '2026-12-10T15:00:00.000Z',
  to: ['ana@brightwell.example'],
  flags: [flag()],
};

describe('the follow-up e-mail', () => {
  it('drafts, lists the flags, re-checks as the text is edited, acknowledges, then records and opens Gmail', async () => {
    visitPage(heldVisit(), {
      WorkspaceDraftFollowUp: () => ({ draftVisitFollowUp: { draft, visit: { id: 'V1' } } }),
      WorkspaceCheckFollowUp: (v) => ({
        visitGuardrails: String(v.text).includes('Coldharbour') ? [flag(), flag({ kind: 'OTHER_CUSTOMER', excerpt: 'Coldharbour', reason: 'Another customer’s name.' })] : [flag()],
      }),
      WorkspaceAcknowledgeFlag: () => ({ acknowledgeGuardrailFlag: { visit: { id: 'V1', acknowledgedFlags: [] } } }),
      WorkspaceRecordFollowUp: () => ({ recordVisitFollowUp: { visit: { id: 'V1', status: 'FOLLOWED_UP', followedUpAt: '2026-12-10T16:00:00.000Z' } } }),
    });
    fireEvent.click(await screen.findByTestId('draft-follow-up'));
    const form = await screen.findByTestId('follow-up-form');
    expect((within(form).getByLabelText('Subject') as HTMLInputElement).value).toBe(draft.subject);
    expect((within(form).getByLabelText('To') as HTMLInputElement).value).toBe('ana@brightwell.example');
    expect(within(form).getAllByTestId('guardrail-flag')).toHaveLength(1);
    expect(within(form).getByTestId('follow-up-check').textContent).toContain('1 flag to edit away or keep');

    const body = within(form).getByLabelText('Message');
    fireEvent.input(body, { target: { value: `${draft.body}\nLike Coldharbour, you will be fine.` } });
    await waitFor(() => expect(within(form).getAllByTestId('guardrail-flag')).toHaveLength(2), { timeout: 2000 });
    expect(opCalls('WorkspaceCheckFollowUp').at(-1)).toEqual({ visitId: 'V1', source: 'FOLLOW_UP', text: `${draft.subject}\n\n${draft.body}\nLike Coldharbour, you will be fine.` });
    fireEvent.input(body, { target: { value: draft.body } });
    await waitFor(() => expect(within(form).getAllByTestId('guardrail-flag')).toHaveLength(1), { timeout: 2000 });

    fireEvent.click(within(form).getByRole('button', { name: 'Keep it (acknowledge): we will extend your limit' }));
    await waitFor(() => expect(within(form).getByTestId('guardrail-flag').dataset.acknowledged).toBe('true'));
    expect(within(form).getByTestId('guardrail-flag').textContent).toContain('(kept: acknowledged)');
    expect(opCalls('WorkspaceAcknowledgeFlag')).toEqual([
      { input: { visitId: 'V1', source: 'FOLLOW_UP', kind: 'COMMITMENT', excerpt: 'we will extend your limit', subject: draft.subject, body: draft.body } },
    ]);
    await waitFor(() => expect(document.activeElement).toBe(within(form).getByTestId('compose-gmail')));

    fireEvent.click(within(form).getByTestId('compose-gmail'));
    await waitFor(() => expect(openCompose).toHaveBeenCalledTimes(1));
    expect(opCalls('WorkspaceRecordFollowUp')).toEqual([{ input: { visitId: 'V1', subject: draft.subject, body: draft.body } }]);
    const link = vi.mocked(openCompose).mock.calls[0]?.[0];
    expect(link?.target).toBe('gmail');
    expect(new URL(link?.url ?? '').searchParams.get('su')).toBe(draft.subject);
    expect(new URL(link?.url ?? '').searchParams.get('to')).toBe('ana@brightwell.example');
    expect((await screen.findByTestId('follow-up-outcome')).textContent).toBe('Opened in Gmail in a new tab: read it there and send it yourself.');
  });

  it('drafting moves the focus to the draft’s subject', async () => {
    visitPage(heldVisit(), { WorkspaceDraftFollowUp: () => ({ draftVisitFollowUp: { draft, visit: { id: 'V1' } } }) });
    fireEvent.click(await screen.findByTestId('draft-follow-up'));
    await waitFor(() => expect(document.activeElement).toBe(screen.getByTestId('follow-up-subject')));
  });

  it('once followed up: the recorded e-mail read-only, nothing to draft or record again', async () => {
    visitPage(heldVisit({ status: 'FOLLOWED_UP', followedUpAt: '2026-12-10T16:00:00.000Z', followUp: { ...draft, flags: [] } }));
    const sent = await screen.findByTestId('follow-up-sent');
    expect(sent.textContent).toContain('Sent on');
    expect(sent.textContent).toContain('from your mail to ana@brightwell.example');
    expect(screen.getByTestId('follow-up-sent-subject').textContent).toBe(draft.subject);
    expect(screen.getByTestId('follow-up-sent-body').textContent).toBe(draft.body);
    expect(screen.queryByTestId('draft-follow-up')).toBeNull();
    expect(screen.queryByTestId('follow-up-form')).toBeNull();
    expect(screen.queryByTestId('compose-gmail')).toBeNull();
  });

  it('after opening it in the mail app the page reloads as followed up and still says where it opened', async () => {
    let current = heldVisit({ followUp: { ...draft, flags: [] } });
    visitPage(() => current, {
      WorkspaceRecordFollowUp: () => {
        current = heldVisit({ status: 'FOLLOWED_UP', followedUpAt: '2026-12-10T16:00:00.000Z', followUp: { ...draft, flags: [] } });
        return { recordVisitFollowUp: { visit: { id: 'V1', status: 'FOLLOWED_UP', followedUpAt: '2026-12-10T16:00:00.000Z' } } };
      },
    });
    fireEvent.click(await screen.findByTestId('compose-mailto'));
    await screen.findByTestId('follow-up-sent');
    expect(screen.getByTestId('follow-up-outcome').textContent).toBe('Opened in your mail app: read it there and send it yourself.');
  });

  it('the server refuses while a flag is not acknowledged: the message shows beside the form, nothing opens', async () => {
    visitPage(heldVisit({ followUp: draft }), {
      WorkspaceCheckFollowUp: () => ({ visitGuardrails: [flag()] }),
      WorkspaceRecordFollowUp: () =>
        new Refusal('input.body: acknowledge or edit the flagged words first: “we will extend your limit”', 'rejected', 'GUARDRAIL_UNACKNOWLEDGED'),
    });
    fireEvent.click(await screen.findByTestId('compose-outlook'));
    const outcome = await screen.findByTestId('follow-up-outcome');
    expect(outcome.textContent).toBe(
      'Some flagged words are neither kept nor edited away: “we will extend your limit”. Press “Keep it (acknowledge)” on each, or edit the text, then open it again.',
    );
    expect(outcome.getAttribute('role')).toBe('alert');
    await waitFor(() => expect(document.activeElement).toBe(outcome));
    expect(openCompose).not.toHaveBeenCalled();
    await waitFor(() => expect(opCalls('WorkspaceCheckFollowUp')).toHaveLength(1));
  });

  it('too long for a link: says so, copies the text and opens the mail app with the subject only', async () => {
    vi.mocked(copyText).mockResolvedValue(true);
    const long = { ...draft, flags: [], body: `Dear Ana,\n\n${'We discussed the plan. '.repeat(120)}` };
    visitPage(heldVisit({ followUp: long }), { WorkspaceRecordFollowUp: () => ({ recordVisitFollowUp: { visit: { id: 'V1', status: 'FOLLOWED_UP', followedUpAt: null } } }) });
    expect((await screen.findByTestId('follow-up-too-long')).textContent).toContain('longer than a compose link can carry');
    fireEvent.click(screen.getByTestId('compose-mailto'));
    await waitFor(() => expect(openCompose).toHaveBeenCalledTimes(1));
    expect(copyText).toHaveBeenCalledWith(long.body);
    expect(vi.mocked(openCompose).mock.calls[0]?.[0].url).toBe('mailto:ana@brightwell.example?subject=Our%20visit%20on%2010%20December');
    expect((await screen.findByTestId('follow-up-outcome')).textContent).toContain('in your clipboard');
  });
});

describe('the internal visit report', () => {
  it('sends to a list and an attendee with the decisions, and says what became of the e-mail', async () => {
    visitPage(heldVisit(), {
      WorkspaceSendReport: () => ({ sendVisitReport: { report: visitReport({ emailStatus: 'QUEUED', recipients: ['sam@ourco.example'], groups: ['executives'] }), visit: { id: 'V1' } } }),
      WorkspaceColleagues: () => ({ colleagues: [{ id: 'U5', name: 'Owen Ops', email: 'owen@ourco.example' }] }),
    });
    const form = await screen.findByTestId('send-report-form');
    fireEvent.click(within(form).getByTestId('send-report'));
    expect((await within(form).findByTestId('visit-error')).textContent).toBe('Pick a list or a colleague to send the report to.');
    fireEvent.click(within(form).getByRole('checkbox', { name: /executives/ }));
    fireEvent.click(within(form).getByRole('checkbox', { name: 'Sam Sales' }));
    // Anyone else from the colleagues list: typed, then Enter adds the one match.
    const search = within(form).getByLabelText('Add a colleague to send it to');
    fireEvent.input(search, { target: { value: 'owen' } });
    await within(form).findByRole('button', { name: 'Add Owen Ops' });
    fireEvent.keyDown(search, { key: 'Enter' });
    expect((within(form).getByRole('checkbox', { name: 'Owen Ops' }) as HTMLInputElement).checked).toBe(true);
    fireEvent.input(within(form).getByLabelText('Decisions on terms (optional)'), { target: { value: 'Limit stays at 200,000; payment plan over 3 months.' } });
    fireEvent.click(within(form).getByTestId('send-report'));
    const sent = await within(form).findByTestId('report-sent');
    expect(sent.textContent).toBe('Queued: will be e-mailed when the mail server answers');
    await waitFor(() => expect(document.activeElement).toBe(sent));
    expect(opCalls('WorkspaceSendReport')).toEqual([
      { input: { visitId: 'V1', recipients: ['sam@ourco.example', 'owen@ourco.example'], groups: ['executives'], decisions: 'Limit stays at 200,000; payment plan over 3 months.' } },
    ]);
  });

  it('while the e-mail is queued the visit is read again every few seconds: "Queued" turns into what became of it', async () => {
    vi.useFakeTimers({ shouldAdvanceTime: true });
    try {
      let current = heldVisit();
      const queued = visitReport({ id: 'R9', emailStatus: 'QUEUED', recipients: ['sam@ourco.example'], groups: [] });
      visitPage(() => current, {
        WorkspaceSendReport: () => {
          current = heldVisit({ reports: [queued] });
          return { sendVisitReport: { report: queued, visit: { id: 'V1' } } };
        },
      });
      const form = await screen.findByTestId('send-report-form');
      fireEvent.click(within(form).getByRole('checkbox', { name: 'Sam Sales' }));
      fireEvent.click(within(form).getByTestId('send-report'));
      expect((await within(form).findByTestId('report-sent')).textContent).toContain('Queued');
      const reads = opCalls('WorkspaceVisit').length;
      current = heldVisit({ reports: [{ ...queued, emailStatus: 'SENT', emailedAt: '2026-12-10T16:01:00.000Z' }] });
      await vi.advanceTimersByTimeAsync(REPORT_POLL_MS);
      await waitFor(() => expect(within(form).getByTestId('report-sent').textContent).toContain('E-mailed'));
      // Sent: no more reading.
      const after = opCalls('WorkspaceVisit').length;
      expect(after).toBeGreaterThan(reads);
      await vi.advanceTimersByTimeAsync(REPORT_POLL_MS * 3);
      expect(opCalls('WorkspaceVisit').length).toBe(after);
    } finally {
      vi.useRealTimers();
    }
  });

  it('a sales user not on the visit is told who gets the reports, not that none was sent', async () => {
    visitPage(heldVisit({ viewerCanEdit: false, reports: [] }), {}, salesUser);
    const section = await screen.findByTestId('visit-report');
    expect(within(section).getByTestId('reports-hidden').textContent).toBe('Reports go to credit and the people on the visit.');
    expect(section.textContent).not.toContain('No report sent yet');
  });

  it('lists past reports with their e-mail status in words', async () => {
    visitPage(
      heldVisit({
        reports: [
          visitReport({ id: 'R1', emailStatus: 'SENT', recipients: ['exec@ourco.example'], groups: ['executives'] }),
          visitReport({ id: 'R2', emailStatus: 'NOT_CONFIGURED' }),
          visitReport({ id: 'R3', emailStatus: 'FAILED', lastError: 'Connection refused by the mail server' }),
          visitReport({ id: 'R4', emailStatus: 'QUEUED' }),
        ],
      }),
    );
    const rows = await screen.findAllByTestId('past-report');
    await waitFor(() => expect(within(rows[0] as HTMLElement).getByTestId('report-email-status').textContent).toBe('E-mailed to 3 people'));
    expect(rows.map((r) => within(r).getByTestId('report-email-status').textContent).slice(1)).toEqual([
      'Stored in the credit file; e-mail is not set up on this server (SMTP_URL)',
      'Could not be e-mailed: Connection refused by the mail server',
      'Queued: will be e-mailed when the mail server answers',
    ]);
  });
});
