import type { CreditActionData } from '@/lib/types';
import { RelativeTime } from '@/ui/components/RelativeTime';

/**
 * What credit is doing about this customer, in words for everyone (seed 001: sales should hear of a hold, a
 * collection or a review before they promise an order): "On hold: over limit", "In collection", …
 */
export function CreditActions({ actions }: { actions: CreditActionData[] }) {
  if (!actions.length) return null;
  return (
    <ul class="credit-actions" aria-label="What credit is doing" data-testid="credit-actions">
      {actions.map((action) => (
        <li key={`${action.kind}-${action.text}`} class="credit-actions__item" data-kind={action.kind}>
          <span class="credit-actions__text">{action.text}</span>
          {action.since ? (
            <span class="list__meta">
              {' '}
              since <RelativeTime iso={action.since} />
            </span>
          ) : null}
        </li>
      ))}
    </ul>
  );
}
