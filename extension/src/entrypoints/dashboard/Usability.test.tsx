import '@/ui/testing/setup';
import { fireEvent, render, screen, waitFor, within } from '@testing-library/preact';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { IntelRequestData } from '@/lib/workspace-types';
import { account, creditUser, salesUser } from '@/ui/testing/fixtures';
import { connection, healthCheck, healthCheckRow, intelRequest, opCalls, Refusal, workspace } from '@/ui/testing/workspace-fixtures';
import { Dashboard } from './Dashboard';
import { formatDay } from './parts';

vi.mock('@/lib/send', async (importOriginal) => (await import('@/ui/testing/mock-send')).mockSendModule(importOriginal));

afterEach(() => history.replaceState(null, '', '#/'));

const sam = { id: 'U2', name: 'Sam Sales' };
const pat = { id: 'U5', name: 'Pat Field' };
const lee = { id: 'U6', name: 'Lee Ward' };
const req = (id: string, assignedTo: IntelRequestData['assignedTo'], dueAt: string | null, overdue = false) =>
  intelRequest({ id, assignedTo, dueAt, overdue, account: { id: `A-${id}`, name: `Account ${id}` } });

const rowIds = (scope: HTMLElement, testId: string) => within(scope).getAllByTestId(testId).map((r) => r.querySelector('a')?.textContent);

describe('who has not answered: overdue first', () => {
  it('orders each group overdue, then by due date, then undated, and the groups by overdue then open count', async () => {
    history.replaceState(null, '', '#/intel');
    workspace(creditUser, {
      WorkspaceIntelRequests: () => ({
        intelRequests: connection([
          req('S1', sam, null),
          req('S2', sam, '2026-12-20T17:00:00.000Z'),
          req('S3', sam, '2026-12-10T17:00:00.000Z'),
          req('P1', pat, '2026-12-12T17:00:00.000Z'),
          req('P2', pat, '2026-12-01T17:00:00.000Z', true),
          req('L1', lee, '2026-11-20T17:00:00.000Z', true),
          req('L2', lee, null),
          req('L3', lee, '2026-11-28T17:00:00.000Z', true),
        ]),
      }),
    });
    render(<Dashboard />);
    const groups = await screen.findAllByTestId('intel-group');
    expect(groups.map((g) => g.querySelector('h2')?.textContent)).toEqual(['Waiting for Lee Ward (3)', 'Waiting for Pat Field (2)', 'Waiting for Sam Sales (3)']);
    expect(rowIds(groups[0] as HTMLElement, 'intel-row')).toEqual(['Account L1', 'Account L3', 'Account L2']);
    expect(rowIds(groups[1] as HTMLElement, 'intel-row')).toEqual(['Account P2', 'Account P1']);
    expect(rowIds(groups[2] as HTMLElement, 'intel-row')).toEqual(['Account S3', 'Account S2', 'Account S1']);
  });

  it('among groups with as many overdue, the one with more open comes first', async () => {
    history.replaceState(null, '', '#/intel');
    workspace(creditUser, {
      WorkspaceIntelRequests: () => ({ intelRequests: connection([req('P1', pat, null), req('S1', sam, null), req('S2', sam, null)]) }),
    });
    render(<Dashboard />);
    const groups = await screen.findAllByTestId('intel-group');
    expect(groups.map((g) => g.querySelector('h2')?.textContent)).toEqual(['Waiting for Sam Sales (2)', 'Waiting for Pat Field (1)']);
  });

  it('sales: requests to answer list the overdue first', async () => {
    history.replaceState(null, '', '#/intel');
    workspace(salesUser, {
      WorkspaceIntelRequests: () => ({
        intelRequests: connection([req('Q1', sam, null), req('Q2', sam, '2026-12-15T17:00:00.000Z'), req('Q3', sam, '2026-12-02T17:00:00.000Z', true)]),
      }),
    });
    render(<Dashboard />);
    const list = await screen.findByTestId('questions-from-credit');
    expect(rowIds(list, 'sales-request')).toEqual(['Account Q3', 'Account Q2', 'Account Q1']);
    expect(within(list).getAllByTestId('sales-request')[0]?.dataset.overdue).toBe('true');
  });
});

describe('reviews of the month', () => {
  it('says planned for the month, shows each due date and lists no review twice', async () => {
    history.replaceState(null, '', '#/reviews?month=2026-12');
    const plannedAhead = healthCheckRow({ id: 'HC1', plannedMonth: '2026-12', dueOn: '2027-01-10', account: { ...healthCheckRow().account, id: 'A1', name: 'Ahead Ltd' } });
    const plannedNow = healthCheckRow({ id: 'HC2', plannedMonth: '2026-12', dueOn: '2026-11-25', account: { ...healthCheckRow().account, id: 'A2', name: 'Late But Planned Now' } });
    const fromNovember = healthCheckRow({ id: 'HC3', plannedMonth: '2026-11', dueOn: '2026-12-05', status: 'IN_PROGRESS', account: { ...healthCheckRow().account, id: 'A3', name: 'November Carry' } });
    const unplannedLate = healthCheckRow({ id: 'HC4', plannedMonth: null, dueOn: '2026-11-02', account: { ...healthCheckRow().account, id: 'A4', name: 'Never Planned' } });
    workspace(creditUser, {
      WorkspaceReviewPlan: () => ({ reviewPlan: { month: '2026-12', reportingCurrency: 'EUR', unconvertedCurrencies: [], owners: [] } }),
      WorkspaceHealthChecks: (v) =>
        (v.filter as { dueBefore?: string }).dueBefore
          ? { healthChecks: connection([plannedNow, fromNovember, unplannedLate]) }
          : { healthChecks: connection([plannedAhead, plannedNow]) },
    });
    render(<Dashboard />);
    const month = (await screen.findByRole('heading', { name: 'Planned for December 2026' })).closest('section') as HTMLElement;
    expect(screen.queryByText(/^Due in/)).toBeNull();
    await waitFor(() => expect(within(month).getAllByTestId('review-row')).toHaveLength(2));
    const [ahead] = within(month).getAllByTestId('review-row');
    expect(within(ahead as HTMLElement).getByTestId('review-due').textContent).toBe(`due ${formatDay('2027-01-10')}`);
    const earlier = (await screen.findByRole('heading', { name: 'Still open from earlier months' })).closest('section') as HTMLElement;
    await waitFor(() => expect(rowIds(earlier, 'review-row')).toEqual(['November Carry', 'Never Planned']));
    expect(within(earlier).getAllByTestId('review-row')[0]?.textContent).toContain('planned for November 2026');
    expect(within(earlier).getByText(/Showing 2 of 2 reviews/)).toBeTruthy();
    const all = screen.getAllByTestId('review-row').map((r) => r.querySelector('a')?.textContent);
    expect(new Set(all).size).toBe(all.length);
  });
});

const reviewOps = (complete: () => Refusal) => ({
  WorkspaceHealthCheck: () => ({ node: healthCheck() }),
  WorkspaceCompleteHealthCheck: complete,
});

describe('keyboard focus on the review', () => {
  it('opening "Record a new report" puts the focus in its first field; Escape closes it back onto the button', async () => {
    history.replaceState(null, '', '#/review/HC1');
    workspace(creditUser, reviewOps(() => new Refusal('unused')));
    render(<Dashboard />);
    const open = await screen.findByTestId('record-report-open');
    open.focus();
    fireEvent.click(open);
    const form = await screen.findByTestId('record-report');
    await waitFor(() => expect(document.activeElement).toBe(within(form).getByLabelText('Bureau or report')));
    fireEvent.keyDown(within(form).getByLabelText('Bureau or report'), { key: 'Escape' });
    await waitFor(() => expect(screen.queryByTestId('record-report')).toBeNull());
    await waitFor(() => expect(document.activeElement).toBe(screen.getByTestId('record-report-open')));
  });

  it('a refused "Complete review" shows the message without the input path beside its field, and focuses it', async () => {
    history.replaceState(null, '', '#/review/HC1');
    workspace(creditUser, reviewOps(() => new Refusal('input.outcomeNote: is required when escalating: say what needs deciding', 'rejected', 'BAD_USER_INPUT')));
    render(<Dashboard />);
    fireEvent.click(await screen.findByTestId('outcome-ESCALATE'));
    fireEvent.click(screen.getByTestId('complete-review'));
    const error = await screen.findByTestId('complete-error');
    expect(error.textContent).toBe('Outcome note is required when escalating: say what needs deciding');
    expect(error.getAttribute('role')).toBe('alert');
    expect(error.dataset.field).toBe('outcomeNote');
    // Beside the note it names: the next element after the note's label.
    expect(error.previousElementSibling?.querySelector('textarea[name="outcomeNote"]')?.getAttribute('aria-invalid')).toBe('true');
    await waitFor(() => expect(document.activeElement).toBe(error));
  });

  it('a refusal naming no field of the form shows under the form, focused', async () => {
    history.replaceState(null, '', '#/review/HC1');
    workspace(creditUser, reviewOps(() => new Refusal('The review is already done.', 'rejected', 'CONFLICT')));
    render(<Dashboard />);
    fireEvent.click(await screen.findByTestId('outcome-OK'));
    fireEvent.click(screen.getByTestId('complete-review'));
    const error = await screen.findByTestId('complete-error');
    expect(error.textContent).toBe('The review is already done.');
    expect(error.dataset.field).toBeUndefined();
    expect(error.nextElementSibling?.querySelector('[data-testid="complete-review"]')).toBeTruthy();
    await waitFor(() => expect(document.activeElement).toBe(error));
  });
});

const templates = () => ({
  intelQuestionTemplates: [
    { key: 'HIRING', text: 'Are they hiring?', choices: [] },
    { key: 'ACTIVITY', text: 'Are they quiet or busy?', choices: [] },
  ],
});

describe('new intel request: focus and free questions', () => {
  it('after picking the customer the focus goes to the first question, not the page', async () => {
    history.replaceState(null, '', '#/intel/new');
    workspace(creditUser, {
      WorkspacePortfolio: () => ({ accounts: connection([{ ...account(), accountManager: sam, creditOwner: null, creditStatus: null }]) }),
      WorkspaceIntelTemplates: templates,
    });
    render(<Dashboard />);
    fireEvent.input(await screen.findByTestId('intel-account-search'), { target: { value: 'bright' } });
    fireEvent.click(await screen.findByRole('button', { name: 'Brightwell Cycles Ltd' }));
    const first = await screen.findByRole('checkbox', { name: 'Are they hiring?' });
    await waitFor(() => expect(document.activeElement).toBe(first));
  });

  it('"Add your own question" moves the focus into the new question; an empty one is refused, the text kept', async () => {
    history.replaceState(null, '', '#/intel/new?account=A1');
    workspace(creditUser, {
      AccountCard: () => ({ account: account() }),
      WorkspaceIntelTemplates: templates,
      WorkspaceCreateIntelRequest: () => ({ createIntelRequest: { intelRequest: { id: 'IR5', status: 'OPEN', assignedTo: sam } } }),
    });
    render(<Dashboard />);
    const add = await screen.findByRole('button', { name: 'Add your own question' });
    fireEvent.click(add);
    await waitFor(() => expect(document.activeElement).toBe(screen.getAllByTestId('intel-free-question')[0]));
    fireEvent.input(screen.getAllByTestId('intel-free-question')[0] as HTMLElement, { target: { value: 'Who runs purchasing now?' } });
    fireEvent.click(add);
    await waitFor(() => expect(document.activeElement).toBe(screen.getAllByTestId('intel-free-question')[1]));
    fireEvent.input(screen.getAllByTestId('intel-free-question')[1] as HTMLElement, { target: { value: '   ' } });

    fireEvent.click(screen.getByRole('button', { name: 'Send request' }));
    expect((await screen.findByRole('alert')).textContent).toBe('Your question 2 is empty: write it or remove it.');
    await waitFor(() => expect(document.activeElement).toBe(screen.getAllByTestId('intel-free-question')[1]));
    expect(opCalls('WorkspaceCreateIntelRequest')).toEqual([]);
    expect((screen.getAllByTestId('intel-free-question')[0] as HTMLInputElement).value).toBe('Who runs purchasing now?');

    fireEvent.click(screen.getByRole('button', { name: 'Remove your question 2' }));
    expect(screen.getAllByTestId('intel-free-question')).toHaveLength(1);
    fireEvent.click(screen.getByRole('button', { name: 'Send request' }));
    await screen.findByTestId('intel-sent');
    expect((opCalls('WorkspaceCreateIntelRequest')[0] as { input: { questions: unknown } }).input.questions).toEqual([{ text: 'Who runs purchasing now?' }]);
  });
});
