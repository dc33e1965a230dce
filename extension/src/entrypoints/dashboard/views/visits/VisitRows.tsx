import type { VisitRow } from '@/lib/workspace-visit-types';
import { href } from '../../route';
import { formatWhen, purposeLabel, StatusTag } from './visit-parts';
import { nameFor, namesFor } from '@/ui/format/people';
import { useViewer } from '@/ui/hooks/viewer';

/** Visits as a list: what, with whom, when, where, and their status in words. */
export function VisitRows({ visits, showAccount = true }: { visits: VisitRow[]; showAccount?: boolean }) {
  const viewer = useViewer();
  const now = Date.now();
  return (
    <ul class="inbox" data-testid="visit-rows">
      {visits.map((v) => (
        <li key={v.id} class="inbox__item" data-testid="visit-row">
          <div class="list__main">
            <span>
              <a href={href.visit(v.id)}>
                {purposeLabel(v.purpose)}
                {showAccount ? ` · ${v.account.name}` : ''}
              </a>
              <StatusTag status={v.status} />
              {(v.status === 'PLANNED' || v.status === 'BRIEFED') && Date.parse(v.scheduledAt) < now ? (
                <span class="tag tag--overdue" data-testid="visit-date-passed">
                  Date passed: mark it held or cancel it
                </span>
              ) : null}
            </span>
            <span class="muted">
              {formatWhen(v.scheduledAt)}
              {v.place ? ` · ${v.place}` : ''}
              {v.organizer ? ` · organized by ${nameFor(v.organizer, viewer)}` : ''}
              {v.attendees.length ? ` · with ${namesFor(v.attendees, viewer).join(', ')}` : ''}
            </span>
            {v.heldAt ? (
              <span class="muted" data-testid="visit-held-at">
                Held on {formatWhen(v.heldAt)}
              </span>
            ) : null}
          </div>
        </li>
      ))}
    </ul>
  );
}
