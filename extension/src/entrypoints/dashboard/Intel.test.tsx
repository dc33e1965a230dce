import '@/ui/testing/setup';
import { fireEvent, render, screen, waitFor, within } from '@testing-library/preact';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { IntelRequestData } from '@/lib/workspace-types';
import { account, creditUser, salesUser } from '@/ui/testing/fixtures';
import { connection, intelRequest, opAccountIds, opCalls, workspace } from '@/ui/testing/workspace-fixtures';
import { Dashboard } from './Dashboard';

vi.mock('@/lib/send', async (importOriginal) => (await import('@/ui/testing/mock-send')).mockSendModule(importOriginal));

afterEach(() => history.replaceState(null, '', '#/'));

const reviewRequest = (overrides: Partial<IntelRequestData> = {}) =>
  intelRequest({
    id: 'IR2',
    account: { id: 'A2', name: 'Coldharbour Foods' },
    message: null,
    questions: [
      { id: 'view', kind: 'SALES_VIEW', template: null, text: 'How does the customer seem to you: bustling, quiet, or the same as always?' },
    ],
    healthCheck: { id: 'HC7', status: 'IN_PROGRESS', dueOn: '2026-12-20' },
    ...overrides,
  });

describe('credit: open intel requests', () => {
  it('groups them by who has not answered, marks the overdue ones, and reminds or cancels', async () => {
    history.replaceState(null, '', '#/intel');
    workspace(creditUser, {
      WorkspaceIntelRequests: () => ({
        intelRequests: connection([
          intelRequest({ overdue: true, reminderCount: 2 }),
          reviewRequest(),
          intelRequest({ id: 'IR3', assignedTo: { id: 'U5', name: 'Pat Field' }, account: { id: 'A3', name: 'Delta Paints' } }),
        ]),
      }),
      WorkspaceRemindIntelRequest: () => ({ remindIntelRequest: { intelRequest: { id: 'IR1', reminderCount: 3, remindedAt: '2026-12-05T10:00:00.000Z' } } }),
      WorkspaceCancelIntelRequest: () => ({ cancelIntelRequest: { intelRequest: { id: 'IR3', status: 'CANCELLED' } } }),
    });
    render(<Dashboard />);
    const groups = await screen.findAllByTestId('intel-group');
    expect(groups.map((g) => g.querySelector('h2')?.textContent)).toEqual(['Waiting for Sam Sales (2)', 'Waiting for Pat Field (1)']);
    expect(opCalls('WorkspaceIntelRequests')[0]).toEqual({ first: 25, after: null, filter: { status: ['OPEN'] } });
    const [overdue, forReview] = within(groups[0] as HTMLElement).getAllByTestId('intel-row');
    expect(overdue?.dataset.overdue).toBe('true');
    expect(overdue?.textContent).toContain('Overdue');
    expect(overdue?.textContent).toContain('reminded 2 times');
    expect(within(forReview as HTMLElement).getByRole('link', { name: 'review' }).getAttribute('href')).toBe('#/review/HC7');
    fireEvent.click(within(overdue as HTMLElement).getByRole('button', { name: 'Remind' }));
    expect(await within(overdue as HTMLElement).findByText('Reminder sent.')).toBeTruthy();
    expect(opCalls('WorkspaceRemindIntelRequest')).toEqual([{ input: { intelRequestId: 'IR1' } }]);
    fireEvent.click(within(groups[1] as HTMLElement).getByRole('button', { name: 'Cancel request' }));
    await waitFor(() => expect(opCalls('WorkspaceCancelIntelRequest')).toEqual([{ input: { intelRequestId: 'IR3' } }]));
    expect(opAccountIds('WorkspaceCancelIntelRequest')).toEqual(['A3']);
  });

  it('shows only overdue ones on demand, and an empty state when everyone answered', async () => {
    history.replaceState(null, '', '#/intel');
    workspace(creditUser, { WorkspaceIntelRequests: () => ({ intelRequests: connection([]) }) });
    render(<Dashboard />);
    expect((await screen.findByTestId('empty')).textContent).toContain('Everyone has answered');
    fireEvent.click(screen.getByRole('checkbox', { name: 'Only overdue' }));
    await waitFor(() => expect(opCalls('WorkspaceIntelRequests').at(-1)?.filter).toEqual({ status: ['OPEN'], overdue: true }));
  });

  it('sends a new request from an account: templates and a free question, to the account manager, with a due date', async () => {
    history.replaceState(null, '', '#/intel/new?account=A1');
    workspace(creditUser, {
      AccountCard: () => ({ account: account() }),
      WorkspaceIntelTemplates: () => ({
        intelQuestionTemplates: [
          { key: 'LET_GO', text: 'Has the customer had to let anyone go recently?', choices: [] },
          { key: 'ACTIVITY', text: 'Are they quiet or busy?', choices: [] },
        ],
      }),
      WorkspaceCreateIntelRequest: () => ({ createIntelRequest: { intelRequest: { id: 'IR5', status: 'OPEN', assignedTo: { id: 'U2', name: 'Sam Sales' } } } }),
    });
    render(<Dashboard />);
    const form = await screen.findByTestId('intel-form');
    expect(screen.getByTestId('intel-assignee').textContent).toContain('Goes to Sam Sales');
    fireEvent.click(await screen.findByRole('button', { name: 'Send request' }));
    expect(within(form).getByRole('alert').textContent).toBe('Pick at least one question or write one.');
    fireEvent.click(await screen.findByRole('checkbox', { name: 'Are they quiet or busy?' }));
    fireEvent.click(screen.getByRole('button', { name: 'Add your own question' }));
    fireEvent.input(screen.getByTestId('intel-free-question'), { target: { value: 'Who runs purchasing now?' } });
    fireEvent.input(screen.getByLabelText('Answer by'), { target: { value: '2026-12-12' } });
    fireEvent.click(screen.getByRole('button', { name: 'Send request' }));
    const sent = await screen.findByTestId('intel-sent');
    expect(sent.textContent).toContain('Sent to Sam Sales.');
    await waitFor(() => expect(document.activeElement?.textContent).toBe('Sent to Sam Sales.'));
    expect(opCalls('WorkspaceCreateIntelRequest')).toEqual([
      { input: { accountId: 'A1', questions: [{ template: 'ACTIVITY' }, { text: 'Who runs purchasing now?' }], dueAt: '2026-12-12T17:00:00.000Z' } },
    ]);
  });

  it('without an account in the link, the customer is searched for first', async () => {
    history.replaceState(null, '', '#/intel/new');
    workspace(creditUser, {
      WorkspacePortfolio: () => ({
        accounts: connection([
          {
            id: 'A2',
            name: 'Coldharbour Foods',
            industry: null,
            country: null,
            currency: 'EUR',
            onHold: false,
            nextReviewAt: null,
            accountManager: null,
            creditOwner: null,
            creditStatus: null,
          },
        ]),
      }),
      WorkspaceIntelTemplates: () => ({ intelQuestionTemplates: [{ key: 'HIRING', text: 'Are they hiring?', choices: [] }] }),
    });
    render(<Dashboard />);
    fireEvent.input(await screen.findByTestId('intel-account-search'), { target: { value: 'cold' } });
    fireEvent.click(await screen.findByRole('button', { name: 'Coldharbour Foods' }));
    expect((await screen.findByTestId('intel-assignee')).textContent).toContain('nobody: the account has no account manager');
    fireEvent.click(await screen.findByRole('checkbox', { name: 'Are they hiring?' }));
    fireEvent.click(screen.getByRole('button', { name: 'Send request' }));
    expect((await screen.findByRole('alert')).textContent).toBe('Coldharbour Foods has no account manager to ask.');
    expect(opCalls('WorkspaceCreateIntelRequest')).toEqual([]);
  });
});

describe('sales: requests to answer', () => {
  it('lists reviews that need my view apart from questions, and answers by keyboard', async () => {
    history.replaceState(null, '', '#/intel');
    let open = [reviewRequest(), intelRequest()];
    workspace(salesUser, {
      WorkspaceIntelRequests: () => ({ intelRequests: connection(open) }),
      WorkspaceAnswerIntelRequest: () => {
        open = open.filter((r) => r.id !== 'IR1');
        return { answerIntelRequest: { intelRequest: { id: 'IR1', status: 'ANSWERED', answeredAt: '2026-12-05T10:00:00.000Z' }, signals: [{ id: 'S9', type: 'QUIET' }] } };
      },
    });
    render(<Dashboard />);
    const needView = await screen.findByTestId('reviews-need-view');
    expect(opCalls('WorkspaceIntelRequests')).toContainEqual({ first: 25, after: null, filter: { status: ['OPEN'], assignedToMe: true } });
    // The nav counts what waits, for every view.
    expect(opCalls('WorkspaceIntelRequests')).toContainEqual({ first: 1, filter: { status: ['OPEN'], assignedToMe: true } });
    expect(screen.getByTestId('nav-count').textContent).toBe('2 waiting');
    expect(needView.textContent).toContain('Coldharbour Foods');
    const questions = screen.getByTestId('questions-from-credit');
    expect(questions.textContent).toContain('Brightwell Cycles Ltd');

    fireEvent.click(within(questions).getByTestId('answer-open'));
    const form = await within(questions).findByTestId('answer-form');
    // The first choice has the focus: a few keystrokes answer it.
    await waitFor(() => expect(document.activeElement).toBe(within(form).getByRole('radio', { name: 'Busy' })));
    fireEvent.keyDown(form, { key: 'Enter', ctrlKey: true });
    expect(within(form).getByRole('alert').textContent).toBe('Answer “Are they quiet or busy?” (or choose “Don\'t know”).');
    fireEvent.click(within(form).getByRole('radio', { name: 'Quiet' }));
    fireEvent.input(within(form).getAllByLabelText('Note (optional)')[0] as HTMLElement, { target: { value: 'Half the lines idle' } });
    fireEvent.click(within(form).getByRole('checkbox', { name: "Don't know" }));
    fireEvent.keyDown(within(form).getAllByLabelText('Note (optional)')[0] as HTMLElement, { key: 'Enter', ctrlKey: true });
    expect((await screen.findByTestId('answer-done')).textContent).toBe('Answered. 1 signal recorded for Brightwell Cycles Ltd.');
    await waitFor(() => expect(document.activeElement).toBe(screen.getByTestId('answer-done')));
    const [call] = opCalls('WorkspaceAnswerIntelRequest');
    expect(call).toEqual({
      input: {
        intelRequestId: 'IR1',
        answers: [
          { questionId: 'q1', choice: 'QUIET', note: 'Half the lines idle' },
          { questionId: 'q2', dontKnow: true },
        ],
        idempotencyKey: expect.any(String),
      },
    });
    expect(opAccountIds('WorkspaceAnswerIntelRequest')).toEqual(['A1']);
    await waitFor(() => expect(screen.queryByTestId('questions-from-credit')).toBeNull());
  });

  it('gives the account manager’s view with the three choices of a review', async () => {
    history.replaceState(null, '', '#/intel');
    workspace(salesUser, {
      WorkspaceIntelRequests: () => ({ intelRequests: connection([reviewRequest()]) }),
      WorkspaceAnswerIntelRequest: () => ({ answerIntelRequest: { intelRequest: { id: 'IR2', status: 'ANSWERED', answeredAt: null }, signals: [] } }),
    });
    render(<Dashboard />);
    fireEvent.click(await screen.findByTestId('answer-open'));
    const form = await screen.findByTestId('answer-form');
    expect(within(form).getAllByRole('radio').map((r) => (r as HTMLInputElement).value)).toEqual(['BUSTLING', 'QUIET', 'SAME_AS_ALWAYS', '__dont_know__']);
    fireEvent.click(within(form).getByRole('radio', { name: 'Same as always' }));
    fireEvent.input(within(form).getByLabelText('Comment (optional)'), { target: { value: 'Orders steady' } });
    fireEvent.click(within(form).getByTestId('answer-send'));
    expect((await screen.findByTestId('answer-done')).textContent).toBe('Answered. Nothing in it needed a signal.');
    expect(opCalls('WorkspaceAnswerIntelRequest')[0]?.input).toMatchObject({ answers: [{ questionId: 'view', choice: 'SAME_AS_ALWAYS', note: 'Orders steady' }] });
  });

  it('can decline with a reason', async () => {
    history.replaceState(null, '', '#/intel');
    workspace(salesUser, {
      WorkspaceIntelRequests: () => ({ intelRequests: connection([intelRequest()]) }),
      WorkspaceDeclineIntelRequest: () => ({ declineIntelRequest: { intelRequest: { id: 'IR1', status: 'DECLINED' } } }),
    });
    render(<Dashboard />);
    fireEvent.click(await screen.findByTestId('answer-open'));
    fireEvent.click(screen.getByRole('button', { name: "I can't answer" }));
    fireEvent.input(screen.getByTestId('decline-reason'), { target: { value: 'Not my customer any more' } });
    fireEvent.click(screen.getByTestId('decline-send'));
    expect((await screen.findByTestId('answer-done')).textContent).toBe('Declined. Credit sees your reason.');
    expect(opCalls('WorkspaceDeclineIntelRequest')).toEqual([{ input: { intelRequestId: 'IR1', reason: 'Not my customer any more' } }]);
  });

  it('nothing to answer is a designed state', async () => {
    history.replaceState(null, '', '#/intel');
    workspace(salesUser, { WorkspaceIntelRequests: () => ({ intelRequests: connection([]) }) });
    render(<Dashboard />);
    expect((await screen.findByTestId('empty')).textContent).toContain('Nothing to answer');
  });
});
