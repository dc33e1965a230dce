import { VISIT_PURPOSE_LABEL, VISIT_STATUS_LABEL } from '@earshot/shared';
import type { PanelVisitData } from '@/lib/visit-types';
import { listAnd } from '@/ui/format/lists';
import { VisitNotesForm } from '@/ui/visits/VisitNotesForm';
import { notesOpen, visitPeople, visitWhen, visitWhenFull, workspaceVisitUrl } from '@/ui/visits/visit-words';

interface Props {
  visit: PanelVisitData;
  account: { id: string; name: string };
  /** The signed-in user: "With you, Sam Okafor", never their own name. */
  user?: { id: string } | null;
  /** Injected in tests; otherwise the render time. */
  now?: Date;
}

/** One visit: what, when (in words and the exact date), where, who goes; notes when it is today or just held. */
export function VisitItem({ visit, account, user = null, now = new Date() }: Props) {
  const purpose = VISIT_PURPOSE_LABEL[visit.purpose];
  const people = visitPeople(visit, user);
  // The planned time everywhere (as on the workspace page). Held at that very time, it is said once ("Held 6 days
  // ago (…)"); held at another time, that is a line of its own under the planned one.
  const when = visit.scheduledAt;
  const whenFull = visitWhenFull(when, now);
  const heldFull = visit.heldAt ? visitWhenFull(visit.heldAt, now) : '';
  const heldAsPlanned = Boolean(visit.heldAt) && heldFull === whenFull;
  return (
    <li class="list__item visit" data-testid="visit" data-status={visit.status}>
      <div class="list__main">
        <span>
          <strong>{purpose}</strong> · {VISIT_STATUS_LABEL[visit.status]}
        </span>
        <span class="list__meta">
          {heldAsPlanned ? 'Held ' : visit.heldAt ? 'Planned ' : ''}
          <time dateTime={heldAsPlanned ? (visit.heldAt as string) : when}>{heldAsPlanned ? heldFull : whenFull}</time>
          {visit.place ? ` · ${visit.place}` : ''}
        </span>
        {visit.heldAt && !heldAsPlanned ? (
          <span class="list__meta" data-testid="visit-held-at">
            Held <time dateTime={visit.heldAt}>{heldFull}</time>
          </span>
        ) : null}
        {people.length ? <span class="list__meta">With {listAnd(people)}</span> : null}
        <a class="visit__open" href={workspaceVisitUrl(visit.id)} target="_blank" rel="noopener" data-testid="visit-open">
          Open in workspace<span class="visually-hidden">: {purpose}, {visitWhen(when, now)}</span>
        </a>
        {notesOpen(visit, now) ? (
          <VisitNotesForm visitId={visit.id} account={account} label={`Notes on the ${purpose.toLowerCase()}, ${visitWhen(when, now)}`} />
        ) : null}
      </div>
    </li>
  );
}
