import '@/ui/testing/setup';
import { fireEvent, render, screen, waitFor, within } from '@testing-library/preact';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { HealthCheckDetail } from '@/lib/workspace-types';
import { creditUser, salesUser } from '@/ui/testing/fixtures';
import { connection, healthCheck, healthCheckRow, opAccountIds, opCalls, Refusal, salesHealthCheck, workspace } from '@/ui/testing/workspace-fixtures';
import { Dashboard } from './Dashboard';

vi.mock('@/lib/send', async (importOriginal) => (await import('@/ui/testing/mock-send')).mockSendModule(importOriginal));

afterEach(() => history.replaceState(null, '', '#/'));

const plan = {
  reviewPlan: {
    month: '2026-12',
    reportingCurrency: 'EUR',
    unconvertedCurrencies: ['CHF'],
    owners: [{ owner: { id: 'U1', name: 'Carla Credit' }, capacity: 10, planned: 6, inProgress: 2, done: 3 }],
  },
};

describe('reviews due this month', () => {
  it('shows each owner’s load against capacity, schedules the month and starts a planned review', async () => {
    history.replaceState(null, '', '#/reviews?month=2026-12');
    let scheduled = false;
    workspace(creditUser, {
      WorkspaceReviewPlan: () => plan,
      WorkspaceHealthChecks: (v) =>
        (v.filter as { dueBefore?: string }).dueBefore
          ? { healthChecks: connection([]) }
          : { healthChecks: connection(scheduled ? [healthCheckRow(), healthCheckRow({ id: 'HC2', status: 'DONE', outcome: 'OK' })] : []) },
      WorkspaceScheduleReviews: () => {
        scheduled = true;
        return { scheduleReviews: { month: '2026-12', unconvertedCurrencies: ['CHF'], reviews: [{ id: 'HC1', dueOn: '2026-12-15', account: { id: 'A1' } }] } };
      },
      WorkspaceStartHealthCheck: () => ({ startHealthCheck: { healthCheck: { id: 'HC1', status: 'IN_PROGRESS' } } }),
    });
    render(<Dashboard />);
    const row = await screen.findByTestId('capacity-row');
    expect(row.textContent).toContain('Carla Credit');
    expect(row.querySelector('meter')?.getAttribute('aria-label')).toBe('11 of 10');
    expect(row.textContent).toContain('Over capacity');
    expect(screen.getByText(/No exchange rate for CHF/)).toBeTruthy();
    expect((await screen.findByTestId('empty')).textContent).toContain('No reviews planned for this month');
    expect(opCalls('WorkspaceHealthChecks')).toContainEqual({ first: 25, after: null, filter: { month: '2026-12' } });
    expect(opCalls('WorkspaceHealthChecks')).toContainEqual({ first: 25, after: null, filter: { status: ['PLANNED', 'IN_PROGRESS'], dueBefore: '2027-01-01' } });

    fireEvent.click(screen.getByTestId('schedule'));
    expect((await screen.findByText(/Planned 1 review for/)).textContent).toContain('CHF have no exchange rate');
    expect(opCalls('WorkspaceScheduleReviews')).toEqual([{ input: { month: '2026-12' } }]);
    const rows = await screen.findAllByTestId('review-row');
    expect(rows.map((r) => r.dataset.status)).toEqual(['PLANNED', 'DONE']);
    expect(within(rows[1] as HTMLElement).getByText('OK')).toBeTruthy();

    fireEvent.click(within(rows[0] as HTMLElement).getByTestId('start-review'));
    await waitFor(() => expect(location.hash).toBe('#/review/HC1'));
    expect(opCalls('WorkspaceStartHealthCheck')).toEqual([{ input: { healthCheckId: 'HC1' } }]);
    expect(opAccountIds('WorkspaceStartHealthCheck')).toEqual(['A1']);
  });

  it('says why scheduling failed', async () => {
    history.replaceState(null, '', '#/reviews?month=2026-12');
    workspace(creditUser, {
      WorkspaceReviewPlan: () => plan,
      WorkspaceHealthChecks: () => ({ healthChecks: connection([]) }),
      WorkspaceScheduleReviews: () => new Refusal('Forbidden', 'rejected', 'FORBIDDEN'),
    });
    render(<Dashboard />);
    fireEvent.click(await screen.findByTestId('schedule'));
    expect((await screen.findByText('Your role does not give access to this.')).getAttribute('role')).toBe('alert');
  });
});

function reviewOps(review: () => HealthCheckDetail | null) {
  return {
    WorkspaceHealthCheck: () => ({ node: review() }),
    WorkspaceCompleteHealthCheck: () => ({ completeHealthCheck: { healthCheck: { id: 'HC1', status: 'DONE' as const, outcome: 'FOLLOW_UP' as const, nextReviewAt: null } } }),
    WorkspaceRecordCreditReport: () => ({ recordCreditReport: { creditReport: { source: 'Bureau Two', score: 55, rating: null, reportedAt: '2026-12-05T12:00:00.000Z' } } }),
  };
}

describe('the review screen', () => {
  it('#/review/<id> shows the four checks pre-filled with their evidence and the unanswered account manager', async () => {
    history.replaceState(null, '', '#/review/HC1');
    workspace(creditUser, reviewOps(() => healthCheck()));
    render(<Dashboard />);
    const credit = await screen.findByTestId('check-credit-report');
    expect(opCalls('WorkspaceHealthCheck')).toEqual([{ id: 'HC1' }]);
    expect(screen.getByTestId('view-heading').textContent).toBe('Review · Brightwell Cycles Ltd');
    expect(credit.textContent).toContain('Bureau One: score 61, rating B1');
    expect(credit.textContent).toContain('score 70, rating A2');
    expect(within(credit).getByTestId('score-change').textContent).toContain('61 when the review started → 61 now');
    expect((within(credit).getByTestId('confirm-creditReport') as HTMLInputElement).checked).toBe(false);
    const bank = screen.getByTestId('check-bank-details');
    expect(within(bank).getByTestId('bank-evidence').textContent).toContain('Changed since the last review: 1 recording');
    expect((within(bank).getByTestId('confirm-bankDetails') as HTMLInputElement).checked).toBe(false);
    const purchases = screen.getByTestId('check-purchases');
    expect(purchases.textContent).toContain('Buying well below plan');
    expect(within(purchases).getByTestId('purchase-months').querySelectorAll('tbody tr')).toHaveLength(3);
    expect(purchases.textContent).toContain('65%');
    const payment = screen.getByTestId('check-payment-pattern');
    expect(payment.textContent).toContain('Paying later than before');
    expect(payment.textContent).toContain('57');
    expect(screen.getByTestId('sales-view').textContent).toMatch(/Asked Sam Sales .*, not answered yet/);
    // Carla reviews it herself: “reviewer you”, never her own name in the third person.
    expect(screen.getByTestId('review-meta').textContent).toContain('reviewer you');
    expect(screen.getByTestId('review-meta').textContent).not.toContain('Carla Credit');
    expect(screen.getByTestId('review-meta').textContent).toMatch(/due \d{1,2} [A-Z][a-z]{2} \d{4}/);
  });

  it('records a new credit report, then completes the review with the checks, outcome, limit and next date', async () => {
    history.replaceState(null, '', '#/review/HC1');
    let review = healthCheck();
    workspace(creditUser, {
      ...reviewOps(() => review),
      WorkspaceRecordCreditReport: () => {
        review = healthCheck({
          checks: {
            ...review.checks,
            creditReport: { ...review.checks.creditReport, latest: { source: 'Bureau Two', score: 55, rating: null, reportedAt: '2026-12-05T12:00:00.000Z' }, scoreAfter: 55, updatedDuringReview: true },
          },
        });
        return { recordCreditReport: { creditReport: { source: 'Bureau Two', score: 55, rating: null, reportedAt: '2026-12-05T12:00:00.000Z' } } };
      },
    });
    render(<Dashboard />);
    fireEvent.click(await screen.findByTestId('record-report-open'));
    const form = screen.getByTestId('record-report');
    fireEvent.input(within(form).getByLabelText('Bureau or report'), { target: { value: 'Bureau Two' } });
    fireEvent.input(within(form).getByLabelText('Score (0–100)'), { target: { value: '155' } });
    fireEvent.click(within(form).getByRole('button', { name: 'Record report' }));
    expect(within(form).getByRole('alert').textContent).toBe('The score is a whole number from 0 to 100.');
    fireEvent.input(within(form).getByLabelText('Score (0–100)'), { target: { value: '55' } });
    fireEvent.input(within(form).getByLabelText('Report date'), { target: { value: '2026-12-05' } });
    // Enter in the report's fields records the report; it does not complete the review.
    fireEvent.keyDown(within(form).getByLabelText('Score (0–100)'), { key: 'Enter' });
    await waitFor(() => expect(screen.getByTestId('score-change').textContent).toContain('61 when the review started → 55 now'));
    expect(opCalls('WorkspaceRecordCreditReport')).toEqual([{ input: { accountId: 'A1', source: 'Bureau Two', score: 55, reportedAt: '2026-12-05T12:00:00.000Z' } }]);
    expect(opCalls('WorkspaceCompleteHealthCheck')).toEqual([]);
    expect((screen.getByTestId('confirm-creditReport') as HTMLInputElement).checked).toBe(true);

    // No outcome yet: said, nothing sent.
    fireEvent.click(screen.getByTestId('complete-review'));
    expect(screen.getByTestId('complete-error').textContent).toBe('Choose an outcome.');
    fireEvent.click(screen.getByTestId('confirm-bankDetails'));
    fireEvent.input(screen.getByLabelText('Note', { selector: '[name="bankDetailsNote"]' }), { target: { value: 'Confirmed by phone with their CFO' } });
    fireEvent.click(screen.getByTestId('outcome-FOLLOW_UP'));
    fireEvent.input(screen.getByLabelText(/New credit limit/), { target: { value: '150,000' } });
    fireEvent.input(screen.getByLabelText('Next review (optional)'), { target: { value: '2027-03-01' } });
    fireEvent.click(screen.getByRole('radio', { name: 'Quiet' }));
    fireEvent.input(screen.getByLabelText('Their comment'), { target: { value: 'Told me on the phone' } });
    review = healthCheck({ status: 'DONE', outcome: 'FOLLOW_UP', completedAt: '2026-12-05T15:00:00.000Z', completedBy: { id: 'U1', name: 'Carla Credit' }, newCreditLimit: '150000.00' });
    fireEvent.click(screen.getByTestId('complete-review'));
    await waitFor(() => expect(screen.getByTestId('review-meta').dataset.status).toBe('DONE'));
    expect(opCalls('WorkspaceCompleteHealthCheck')).toEqual([
      {
        input: {
          healthCheckId: 'HC1',
          creditReportChecked: true,
          bankDetailsUnchanged: true,
          bankDetailsNote: 'Confirmed by phone with their CFO',
          paymentPatternConsistent: false,
          salesView: 'QUIET',
          salesComment: 'Told me on the phone',
          outcome: 'FOLLOW_UP',
          newCreditLimit: '150000',
          nextReviewAt: '2027-03-01T12:00:00.000Z',
        },
      },
    ]);
    expect(opAccountIds('WorkspaceCompleteHealthCheck')).toEqual(['A1']);
    expect(screen.getByTestId('review-outcome').textContent).toContain('Follow up');
    // The form is gone: the focus moves to the outcome it recorded.
    await waitFor(() => expect(document.activeElement?.textContent).toBe('Outcome: completed'));
    expect(screen.queryByTestId('complete-form')).toBeNull();
  });

  it('SALES reads the review in words: no report scores, no purchase figures, no form', async () => {
    history.replaceState(null, '', '#/review/HC1');
    workspace(salesUser, reviewOps(() => salesHealthCheck()));
    render(<Dashboard />);
    const credit = await screen.findByTestId('check-credit-report');
    expect(credit.textContent).toContain('credit team only');
    expect(screen.queryByTestId('purchase-months')).toBeNull();
    expect(screen.getByTestId('purchases-summary').textContent).toBe('Buying well below plan');
    expect(screen.getByTestId('payment-summary').textContent).toBe('Paying later than before');
    expect(screen.queryByTestId('complete-form')).toBeNull();
    expect(document.body.textContent).not.toMatch(/£|21,000|65%|score 61/);
  });

  it('a planned review offers to start it, asking the account manager', async () => {
    history.replaceState(null, '', '#/review/HC1');
    let review = healthCheck({ status: 'PLANNED', salesViewRequest: null });
    workspace(creditUser, {
      ...reviewOps(() => review),
      WorkspaceStartHealthCheck: () => {
        review = healthCheck();
        return { startHealthCheck: { healthCheck: { id: 'HC1', status: 'IN_PROGRESS' } } };
      },
    });
    render(<Dashboard />);
    expect((await screen.findByTestId('sales-view')).textContent).toBe('The account manager was not asked.');
    expect(screen.queryByTestId('complete-form')).toBeNull();
    fireEvent.click(screen.getByTestId('start-review'));
    await screen.findByTestId('complete-form');
    expect(opCalls('WorkspaceStartHealthCheck')).toEqual([{ input: { healthCheckId: 'HC1', askSalesView: true } }]);
  });

  it('a review that is not there says so', async () => {
    history.replaceState(null, '', '#/review/nope');
    workspace(creditUser, reviewOps(() => null));
    render(<Dashboard />);
    expect((await screen.findByTestId('empty')).textContent).toContain('No such review');
  });
});
