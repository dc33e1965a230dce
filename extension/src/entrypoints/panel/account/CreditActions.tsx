import type { CreditActionData } from '@/lib/types';
import { RelativeTime } from '@/ui/components/RelativeTime';
import { formatDate } from '@/ui/format/dates';
import { isPast } from '@/ui/format/relative-time';

/**
 * How each action's date reads after it (server/src/domain/credit-actions.ts says the same in a briefing):
 * "Review in progress, started 2 days ago (3 Dec 2026)" — never "since 2 days ago".
 */
const SINCE_WORD: Readonly<Record<CreditActionData['kind'], string>> = {
  ON_HOLD: 'since',
  COLLECTION: 'started',
  REVIEW_IN_PROGRESS: 'started',
  DISPUTE_OPEN: 'opened',
};

/**
 * What credit is doing about this customer, in words for everyone (seed 001: sales should hear of a hold, a
 * collection or a review before they promise an order): "On hold: over limit", "In collection", "Disputed, with sales", …
 * Each action's words are the server's, shown as sent (server/src/domain/credit-actions.ts); only the date is added here.
 * With `nextReviewAt`, a review in progress says when it was due ("…, started 2 days ago (4 Dec 2026); it was due
 * 15 Sep 2026"), so no separate "Review overdue" line contradicts it (see NextReview).
 */
export function CreditActions({ actions, now, nextReviewAt }: { actions: CreditActionData[]; now?: Date; nextReviewAt?: string | null }) {
  if (!actions.length) return null;
  const reviewDue = nextReviewAt && isPast(nextReviewAt, now) ? formatDate(nextReviewAt) : '';
  return (
    <ul class="credit-actions" aria-label="What credit is doing" data-testid="credit-actions">
      {actions.map((action) => (
        <li key={`${action.kind}-${action.text}`} class="credit-actions__item" data-kind={action.kind}>
          <span class="credit-actions__text">{action.text}</span>
          {action.since ? (
            <span class="list__meta">
              , {SINCE_WORD[action.kind]} <RelativeTime iso={action.since} now={now} withDate />
            </span>
          ) : null}
          {action.kind === 'REVIEW_IN_PROGRESS' && reviewDue ? (
            <span class="list__meta" data-testid="review-was-due">
              ; it was due {reviewDue}
            </span>
          ) : null}
        </li>
      ))}
    </ul>
  );
}
