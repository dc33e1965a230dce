import '@/ui/testing/setup';
import { render, screen, within } from '@testing-library/preact';
import { describe, expect, it } from 'vitest';
import { CreditActions } from './CreditActions';
import { NextReview } from './NextReview';

const now = new Date('2026-12-05T10:00:00Z');

describe('CreditActions: credit’s actions with their dates in words', () => {
  it('says when each started, relatively and as a date, never “since … ago”', () => {
    render(
      <CreditActions
        now={now}
        actions={[
          { kind: 'COLLECTION', text: 'In collection (reminders)', since: '2026-11-03T09:00:00Z' },
          { kind: 'REVIEW_IN_PROGRESS', text: 'Review in progress', since: '2026-12-03T09:00:00Z' },
          { kind: 'DISPUTE_OPEN', text: 'Delivery problem, with logistics', since: '2026-11-20T09:00:00Z' },
          { kind: 'ON_HOLD', text: 'On hold: over the limit', since: null },
        ]}
      />,
    );
    const items = within(screen.getByTestId('credit-actions'))
      .getAllByRole('listitem')
      .map((li) => li.textContent);
    expect(items).toEqual([
      'In collection (reminders), started last month (3 Nov 2026)',
      'Review in progress, started 2 days ago (3 Dec 2026)',
      'Delivery problem, with logistics, opened 2 weeks ago (20 Nov 2026)',
      'On hold: over the limit',
    ]);
    for (const text of items) expect(text).not.toMatch(/since .* ago/);
  });

  it('shows the server’s dispute words as sent, and counts “yesterday” by calendar day even 20 hours on', () => {
    render(<CreditActions now={now} actions={[{ kind: 'DISPUTE_OPEN', text: 'Disputed, with customer service', since: '2026-12-04T14:00:00Z' }]} />);
    const text = screen.getByTestId('credit-actions').textContent ?? '';
    expect(text).toBe('Disputed, with customer service, opened yesterday (4 Dec 2026)');
  });

  it('never rewrites an action’s words, whatever they look like', () => {
    render(<CreditActions now={now} actions={[{ kind: 'DISPUTE_OPEN', text: 'Dispute open: dispute, owner: customer service', since: null }]} />);
    expect(screen.getByTestId('credit-actions').textContent).toBe('Dispute open: dispute, owner: customer service');
  });

  it('reads an overdue review date as part of the review in progress, and hides the separate review line', () => {
    render(
      <>
        <CreditActions now={now} nextReviewAt="2026-09-15T00:00:00Z" actions={[{ kind: 'REVIEW_IN_PROGRESS', text: 'Review in progress', since: '2026-12-03T09:00:00Z' }]} />
        <NextReview nextReviewAt="2026-09-15T00:00:00Z" reviewInProgress />
      </>,
    );
    expect(screen.getByTestId('credit-actions').textContent).toBe('Review in progress, started 2 days ago (3 Dec 2026); it was due 15 Sep 2026');
    expect(screen.queryByTestId('next-review')).toBeNull();
    expect(document.body.textContent).not.toMatch(/overdue/i);
  });

  it('says nothing of a future next review beside a review in progress', () => {
    render(
      <>
        <CreditActions now={now} nextReviewAt="2027-12-06T00:00:00Z" actions={[{ kind: 'REVIEW_IN_PROGRESS', text: 'Review in progress', since: '2026-12-03T09:00:00Z' }]} />
        <NextReview nextReviewAt="2027-12-06T00:00:00Z" reviewInProgress />
      </>,
    );
    expect(screen.getByTestId('credit-actions').textContent).toBe('Review in progress, started 2 days ago (3 Dec 2026)');
    expect(screen.queryByTestId('next-review')).toBeNull();
  });

  it('still shows the next review when none is in progress', () => {
    render(<NextReview nextReviewAt="2026-09-15T00:00:00Z" />);
    expect(screen.getByTestId('next-review').textContent).toMatch(/^Review overdue 15 Sep 2026/);
  });
});
