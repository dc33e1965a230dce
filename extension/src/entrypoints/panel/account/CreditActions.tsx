import type { CreditActionData } from '@/lib/types';
import { RelativeTime } from '@/ui/components/RelativeTime';

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
 * collection or a review before they promise an order): "On hold: over limit", "In collection", …
 */
export function CreditActions({ actions, now }: { actions: CreditActionData[]; now?: Date }) {
  if (!actions.length) return null;
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
        </li>
      ))}
    </ul>
  );
}
