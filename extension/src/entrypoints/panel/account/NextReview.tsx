import { RelativeTime } from '@/ui/components/RelativeTime';
import { formatDate } from '@/ui/format/dates';
import { isPast } from '@/ui/format/relative-time';

/** The next scheduled health check (seed 002); flagged when it is overdue. */
export function NextReview({ nextReviewAt }: { nextReviewAt: string | null }) {
  if (!nextReviewAt) return null;
  const overdue = isPast(nextReviewAt);
  return (
    <p class="next-review" data-overdue={overdue ? 'true' : undefined} data-testid="next-review">
      <span class="next-review__label">{overdue ? 'Review overdue' : 'Next review'}</span> {formatDate(nextReviewAt)} (
      <RelativeTime iso={nextReviewAt} />)
    </p>
  );
}
