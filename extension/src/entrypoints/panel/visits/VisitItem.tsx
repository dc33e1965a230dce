import { VISIT_PURPOSE_LABEL, VISIT_STATUS_LABEL } from '@earshot/shared';
import type { PanelVisitData } from '@/lib/visit-types';
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
  // The planned time everywhere (as on the workspace page); when it was held is a line of its own.
  const when = visit.scheduledAt;
  return (
    <li class="list__item visit" data-testid="visit" data-status={visit.status}>
      <div class="list__main">
        <span>
          <strong>{purpose}</strong> · {VISIT_STATUS_LABEL[visit.status]}
        </span>
        <span class="list__meta">
          <time dateTime={when}>{visitWhenFull(when, now)}</time>
          {visit.place ? ` · ${visit.place}` : ''}
        </span>
        {visit.heldAt ? (
          <span class="list__meta" data-testid="visit-held-at">
            Held <time dateTime={visit.heldAt}>{visitWhenFull(visit.heldAt, now)}</time>
          </span>
        ) : null}
        {people.length ? <span class="list__meta">With {people.join(', ')}</span> : null}
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
