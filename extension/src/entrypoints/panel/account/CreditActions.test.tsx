import '@/ui/testing/setup';
import { render, screen, within } from '@testing-library/preact';
import { describe, expect, it } from 'vitest';
import { CreditActions } from './CreditActions';

const now = new Date('2026-12-05T10:00:00Z');

describe('CreditActions: credit’s actions with their dates in words', () => {
  it('says when each started, relatively and as a date, never “since … ago”', () => {
    render(
      <CreditActions
        now={now}
        actions={[
          { kind: 'COLLECTION', text: 'In collection (reminders)', since: '2026-11-03T09:00:00Z' },
          { kind: 'REVIEW_IN_PROGRESS', text: 'Review in progress', since: '2026-12-03T09:00:00Z' },
          { kind: 'DISPUTE_OPEN', text: 'Dispute open: delivery problem, owner: logistics', since: '2026-11-20T09:00:00Z' },
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
      'Dispute open: delivery problem, owner: logistics, opened 2 weeks ago (20 Nov 2026)',
      'On hold: over the limit',
    ]);
    for (const text of items) expect(text).not.toMatch(/since .* ago/);
  });
});
