import '@/ui/testing/setup';
import { VISIT_QUESTION_TEMPLATES } from '@earshot/shared';
import { fireEvent, render, screen, waitFor, within } from '@testing-library/preact';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { account, creditUser, salesUser } from '@/ui/testing/fixtures';
import { actionItem, visitRow } from '@/ui/testing/visit-fixtures';
import { connection, opAccountIds, opCalls, Refusal, workspace } from '@/ui/testing/workspace-fixtures';
import { Dashboard } from './Dashboard';

vi.mock('@/lib/send', async (importOriginal) => (await import('@/ui/testing/mock-send')).mockSendModule(importOriginal));

afterEach(() => history.replaceState(null, '', '#/'));

const visitAccount = {
  id: 'A1',
  name: 'Brightwell Cycles Ltd',
  accountManager: { id: 'U2', name: 'Sam Sales' },
  creditOwner: { id: 'U1', name: 'Carla Credit' },
  contacts: [
    { id: 'C1', name: 'Ana Finance', email: 'ana@brightwell.example', role: 'Finance director' },
    { id: 'C2', name: 'Joe Buyer', email: 'joe@brightwell.example', role: null },
  ],
};

describe('the Visits tab', () => {
  it('lists my coming visits, my action items overdue first (in words), and recent visits newest first', async () => {
    history.replaceState(null, '', '#/visits');
    workspace(creditUser, {
      WorkspaceVisits: (v) =>
        (v.filter as { status: string[] }).status.includes('PLANNED')
          ? {
              visits: connection([
                visitRow({ scheduledAt: '2099-12-10T10:00:00.000Z' }),
                visitRow({ id: 'V2', purpose: 'INTRODUCTION', status: 'BRIEFED', scheduledAt: '2020-06-01T10:00:00.000Z', account: { id: 'A2', name: 'Coldharbour Foods' } }),
              ]),
            }
          : {
              visits: connection([
                visitRow({ id: 'V3', status: 'FOLLOWED_UP', scheduledAt: '2026-10-01T10:00:00.000Z' }),
                visitRow({ id: 'V4', status: 'CANCELLED', scheduledAt: '2026-11-01T10:00:00.000Z', purpose: 'COLLECTION' }),
              ]),
            },
      WorkspaceActionItems: () => ({ actionItems: connection([actionItem(), actionItem({ id: 'AI2', title: 'Send last year’s accounts', overdue: true, dueOn: '2026-12-20T12:00:00.000Z' })]) }),
      WorkspaceUpdateActionItem: () => ({ updateActionItem: { actionItem: { id: 'AI2', status: 'DONE', completedAt: '2026-12-05T10:00:00.000Z', overdue: false } } }),
    });
    render(<Dashboard />);
    expect((await screen.findByRole('link', { name: 'Visits' })).getAttribute('aria-current')).toBe('page');
    const upcoming = await screen.findByTestId('visits-upcoming');
    await waitFor(() => expect(within(upcoming).getAllByTestId('visit-row')).toHaveLength(2));
    const [first, second] = within(upcoming).getAllByTestId('visit-row');
    expect(within(first as HTMLElement).getByRole('link').getAttribute('href')).toBe('#/visit/V1');
    expect(first?.textContent).toContain('Credit terms review · Brightwell Cycles Ltd');
    expect(first?.textContent).toContain('Planned');
    expect(first?.textContent).toContain('Their offices, Leeds');
    expect(first?.textContent).toContain('with Sam Sales');
    expect(second?.textContent).toContain('Briefing ready');
    // Still planned after its date: said in words.
    expect(within(second as HTMLElement).getByTestId('visit-date-passed').textContent).toBe('Date passed: mark it held or cancel it');
    expect(within(first as HTMLElement).queryByTestId('visit-date-passed')).toBeNull();
    expect(opCalls('WorkspaceVisits')[0]).toEqual({ first: 25, after: null, filter: { mine: true, status: ['PLANNED', 'BRIEFED'] } });
    expect((opCalls('WorkspaceVisits')[1] as { filter: { from: string } }).filter.from).toMatch(/^\d{4}-\d{2}-\d{2}T/);

    const recent = screen.getByTestId('visits-recent');
    await waitFor(() => expect(within(recent).getAllByTestId('visit-row').map((r) => r.querySelector('a')?.getAttribute('href'))).toEqual(['#/visit/V4', '#/visit/V3']));
    expect(recent.textContent).toContain('Cancelled');

    const items = within(screen.getByTestId('visits-action-items')).getAllByTestId('action-item');
    expect(items.map((i) => i.querySelector('strong')?.textContent)).toEqual(['Send last year’s accounts', 'Send the revised payment plan']);
    expect(items[0]?.textContent).toContain('Overdue');
    expect(items[1]?.textContent).not.toContain('Overdue');
    expect(opCalls('WorkspaceActionItems')[0]).toEqual({ first: 50, after: null, filter: { mine: true, status: ['OPEN'] } });
    fireEvent.click(within(items[0] as HTMLElement).getByRole('button', { name: 'Done: Send last year’s accounts' }));
    await waitFor(() => expect(opCalls('WorkspaceUpdateActionItem')).toEqual([{ input: { actionItemId: 'AI2', status: 'DONE' } }]));
    expect(opAccountIds('WorkspaceUpdateActionItem')).toEqual(['A1']);
    await waitFor(() => expect(opCalls('WorkspaceActionItems')).toHaveLength(2));
    // The focus goes on to the next item's Done; "Marked done" is announced politely.
    await waitFor(() => expect(document.activeElement).toBe(screen.getByRole('button', { name: 'Done: Send the revised payment plan' })));
    expect(screen.getByTestId('action-items-said').textContent).toBe('Marked done: Send last year’s accounts.');
  });

  it('says so when nothing is planned, and sales see the tab too', async () => {
    history.replaceState(null, '', '#/visits');
    workspace(salesUser, {
      WorkspaceIntelRequests: () => ({ intelRequests: connection([]) }),
      WorkspaceVisits: () => ({ visits: connection([]) }),
      WorkspaceActionItems: () => ({ actionItems: connection([]) }),
    });
    render(<Dashboard />);
    expect((await screen.findByTestId('empty')).textContent).toContain('No visit planned');
    expect(await screen.findByText('Nothing open: no action item waits for you.')).toBeTruthy();
    expect(screen.getByTestId('plan-visit').getAttribute('href')).toBe('#/visits/new');
  });
});

describe('planning a visit', () => {
  it('credit plans with the account manager, the contacts met, goals and the purpose’s questions edited', async () => {
    history.replaceState(null, '', '#/visits/new?account=A1');
    workspace(creditUser, {
      WorkspaceVisitAccount: () => ({ account: visitAccount }),
      WorkspacePlanVisit: () => ({ planVisit: { visit: { id: 'V9', status: 'PLANNED' } } }),
      WorkspaceColleagues: (v) => ({
        colleagues: String(v.search).startsWith('ow') ? [{ id: 'U5', name: 'Owen Ops', email: 'owen@ourco.example' }, { id: 'U1', name: 'Carla Credit', email: 'carla@ourco.example' }] : [],
      }),
    });
    render(<Dashboard />);
    const form = await screen.findByTestId('plan-visit-form');
    expect(screen.getByTestId('plan-visit-account').textContent).toContain('Brightwell Cycles Ltd');
    // "Travel with the sales person": the account manager goes along unless unticked; the credit owner is me, so not listed.
    const attendee = within(form).getByRole('checkbox', { name: /Sam Sales/ }) as HTMLInputElement;
    expect(attendee.checked).toBe(true);
    expect(within(form).queryByRole('checkbox', { name: /Carla Credit/ })).toBeNull();
    // Any other colleague by search: the match is a button; added, it becomes a ticked box and the focus returns to the search.
    const search = within(form).getByLabelText('Add a colleague who goes');
    fireEvent.input(search, { target: { value: 'ow' } });
    const add = await within(form).findByRole('button', { name: 'Add Owen Ops' });
    expect(within(form).queryByRole('button', { name: 'Add Carla Credit' })).toBeNull(); // me: the organizer
    fireEvent.click(add);
    expect((within(form).getByRole('checkbox', { name: /Owen Ops/ }) as HTMLInputElement).checked).toBe(true);
    expect(document.activeElement).toBe(search);
    expect(within(form).getByRole('status').textContent).toBe('Added Owen Ops.');
    expect(opCalls('WorkspaceColleagues').at(-1)).toEqual({ search: 'ow', first: 10 });
    // The purpose's template questions are shown, and follow the purpose until edited.
    const texts = () => within(form).getAllByTestId('plan-question').map((i) => (i as HTMLInputElement).value);
    expect(texts()).toEqual(VISIT_QUESTION_TEMPLATES.INTRODUCTION.map((t) => t.text));
    fireEvent.click(within(form).getByRole('radio', { name: 'Credit terms review' }));
    expect(texts()).toEqual(VISIT_QUESTION_TEMPLATES.CREDIT_TERMS_REVIEW.map((t) => t.text));
    fireEvent.click(within(form).getByRole('button', { name: 'Remove question 6' }));
    fireEvent.click(within(form).getByRole('button', { name: 'Add a question' }));
    await waitFor(() => expect(document.activeElement).toBe(within(form).getAllByTestId('plan-question')[5]));
    fireEvent.input(within(form).getAllByTestId('plan-question')[5] as HTMLElement, { target: { value: 'Who signs off payments now?' } });
    fireEvent.click(within(form).getByRole('checkbox', { name: /Ana Finance/ }));
    fireEvent.input(within(form).getByLabelText('When'), { target: { value: '2026-12-10T10:30' } });
    fireEvent.input(within(form).getByLabelText('Where (optional)'), { target: { value: 'Leeds' } });

    fireEvent.click(screen.getByTestId('plan-visit-save'));
    const missing = await screen.findByTestId('visit-error');
    expect(missing.dataset.field).toBe('goals');
    expect(missing.previousElementSibling?.querySelector('textarea[name="goals"]')?.getAttribute('aria-invalid')).toBe('true');
    await waitFor(() => expect(document.activeElement).toBe(missing));
    expect(opCalls('WorkspacePlanVisit')).toEqual([]);

    fireEvent.input(within(form).getByLabelText('Goals'), { target: { value: 'Agree the new limit and a payment plan.' } });
    fireEvent.click(screen.getByTestId('plan-visit-save'));
    await waitFor(() => expect(location.hash).toBe('#/visit/V9'));
    expect(opCalls('WorkspacePlanVisit')).toEqual([
      {
        input: {
          accountId: 'A1',
          purpose: 'CREDIT_TERMS_REVIEW',
          scheduledAt: new Date('2026-12-10T10:30').toISOString(),
          place: 'Leeds',
          attendeeIds: ['U2', 'U5'],
          contactIds: ['C1'],
          goals: 'Agree the new limit and a payment plan.',
          questions: [...VISIT_QUESTION_TEMPLATES.CREDIT_TERMS_REVIEW.slice(0, 5).map((t) => t.text), 'Who signs off payments now?'],
        },
      },
    ]);
    expect(opAccountIds('WorkspacePlanVisit')).toEqual(['A1']);
  });

  it('leaves the questions to the server when untouched, and shows a refusal beside the field it names', async () => {
    history.replaceState(null, '', '#/visits/new?account=A1');
    workspace(salesUser, {
      WorkspaceIntelRequests: () => ({ intelRequests: connection([]) }),
      WorkspaceVisitAccount: () => ({ account: visitAccount }),
      WorkspacePlanVisit: () => new Refusal('input.scheduledAt: must be between 2000 and 2099', 'rejected', 'BAD_USER_INPUT'),
    });
    render(<Dashboard />);
    const form = await screen.findByTestId('plan-visit-form');
    // Sales plans too; nobody is ticked for them.
    expect((within(form).getByRole('checkbox', { name: /Carla Credit/ }) as HTMLInputElement).checked).toBe(false);
    fireEvent.input(within(form).getByLabelText('Goals'), { target: { value: 'Meet the new buyer.' } });
    fireEvent.click(screen.getByTestId('plan-visit-save'));
    const error = await screen.findByTestId('visit-error');
    expect(error.textContent).toBe('Scheduled at must be between 2000 and 2099');
    expect(error.dataset.field).toBe('scheduledAt');
    const input = (opCalls('WorkspacePlanVisit')[0] as { input: Record<string, unknown> }).input;
    expect(input.questions).toBeUndefined();
    expect(input.attendeeIds).toEqual([]);
  });

  it('without an account in the link, the customer is searched for first', async () => {
    history.replaceState(null, '', '#/visits/new');
    workspace(creditUser, {
      WorkspacePortfolio: () => ({ accounts: connection([{ ...account(), industry: null, country: null, currency: 'GBP', onHold: false, nextReviewAt: null, creditStatus: null }]) }),
      WorkspaceVisitAccount: () => ({ account: visitAccount }),
    });
    render(<Dashboard />);
    fireEvent.input(await screen.findByTestId('intel-account-search'), { target: { value: 'bright' } });
    fireEvent.click(await screen.findByRole('button', { name: 'Brightwell Cycles Ltd' }));
    await screen.findByTestId('plan-visit-form');
    await waitFor(() => expect(document.activeElement).toBe(screen.getByTestId('plan-visit-account')));
    expect(opCalls('WorkspaceVisitAccount')).toEqual([{ id: 'A1' }]);
  });
});

describe('the account page', () => {
  it('has a Visits block: coming and recent visits, open action items, and Plan a visit for this customer', async () => {
    history.replaceState(null, '', '#/account/A1');
    workspace(creditUser, {
      AccountCard: () => ({ account: account() }),
      WorkspaceAccountWork: () => ({ account: { id: 'A1', openHealthCheck: null, healthChecks: connection([]), intelRequests: connection([]) } }),
      WorkspaceAccountVisits: () => ({
        account: {
          id: 'A1',
          upcoming: connection([visitRow()]),
          recent: connection([visitRow({ id: 'V0', status: 'HELD', scheduledAt: '2026-09-01T10:00:00.000Z' })]),
          actionItems: [actionItem({ overdue: true })],
        },
      }),
    });
    render(<Dashboard />);
    const block = await screen.findByTestId('account-visits');
    await waitFor(() => expect(within(block).getAllByTestId('visit-row')).toHaveLength(2));
    expect(within(block).getAllByTestId('visit-row')[0]?.textContent).toContain('Credit terms review');
    expect(within(block).getByTestId('action-item').textContent).toContain('Overdue');
    expect(within(block).getByTestId('plan-visit-for-account').getAttribute('href')).toBe('#/visits/new?account=A1');
    expect(opCalls('WorkspaceAccountVisits')).toEqual([{ id: 'A1' }]);
  });
});
