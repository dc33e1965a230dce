import { RelativeTime } from '@/ui/components/RelativeTime';
import { formatDate } from '@/ui/format/dates';
import { isPast } from '@/ui/format/relative-time';

/**
 * The next scheduled health check (seed 002); flagged when it is overdue. Nothing while a review is in progress:
 * that review is the one due (CreditActions says when it was due), and a date a year off beside it reads as a
 * contradiction.
 */
export function NextReview({ nextReviewAt, reviewInProgress = false }: { nextReviewAt: string | null; reviewInProgress?: boolean }) {
  if (!nextReviewAt || reviewInProgress) return null;
  const overdue = isPast(nextReviewAt);
  return (
    <p class="next-review" data-overdue={overdue ? 'true' : undefined} data-testid="next-review">
      <span class="next-review__label">{overdue ? 'Review overdue' : 'Next review'}</span> {formatDate(nextReviewAt)} (
      <RelativeTime iso={nextReviewAt} />)
    </p>
  );
}
