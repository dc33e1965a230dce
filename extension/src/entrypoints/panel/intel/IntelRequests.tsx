import { useState } from 'preact/hooks';
import type { SessionUser } from '@/lib/messages';
import type { IntelRequestData } from '@/lib/types';
import { RelativeTime } from '@/ui/components/RelativeTime';
import { formatDate } from '@/ui/format/dates';
import { askedWords, isViewer } from '@/ui/format/people';
import { IntelAnswerForm } from './IntelAnswerForm';

interface Props {
  accountId: string;
  requests: IntelRequestData[];
  user: SessionUser | null;
}

/**
 * Seed 000: credit asks the account manager what they see. The viewer's open requests for this customer come
 * first in the panel, each with its answer form; requests assigned to someone else (a credit viewer sees them)
 * are one line saying who has not answered yet. An answered request leaves at once; the panel's next refresh
 * (the worker refetches the account) brings the new signals.
 */
export function IntelRequests({ accountId, requests, user }: Props) {
  const [done, setDone] = useState<ReadonlySet<string>>(new Set());
  const [announcement, setAnnouncement] = useState('');
  const open = requests.filter((r) => !done.has(r.id));
  const mine = open.filter((r) => !r.assignedTo || r.assignedTo.id === user?.id);
  const others = open.filter((r) => r.assignedTo && r.assignedTo.id !== user?.id);

  const finish = (request: IntelRequestData, outcome: { declined: boolean; signals: number }) => {
    setDone((d) => new Set(d).add(request.id));
    const signals = outcome.signals ? `: ${outcome.signals} ${outcome.signals === 1 ? 'signal' : 'signals'} added` : '';
    // A request the viewer asked themself is not "sent to" anyone.
    if (isViewer(request.requestedBy, user)) return setAnnouncement(outcome.declined ? 'Marked as not answerable.' : `Answers saved${signals}.`);
    const to = request.requestedBy?.name ?? 'credit';
    setAnnouncement(outcome.declined ? `Told ${to} you can’t answer.` : `Answers sent to ${to}${signals}. Thank you.`);
  };

  return (
    <>
      {/* Outside the requests, so it is still read out when the last one has gone. */}
      <p class="intel-announcement" role="status" data-testid="intel-announcement">
        {announcement}
      </p>
      {mine.length ? (
        <section class="intel" aria-labelledby={`intel-${accountId}-title`} data-testid="intel-requests">
          <h3 id={`intel-${accountId}-title`} class="intel__title">
            {mine.length === 1 ? 'Credit asks you' : `Credit asks you (${mine.length})`}
          </h3>
          {mine.map((request) => (
            <article key={request.id} class="intel-request" data-testid="intel-request" data-overdue={request.overdue ? 'true' : undefined}>
              <RequestMeta request={request} user={user} />
              {request.message ? <p class="intel-request__message">{request.message}</p> : null}
              <IntelAnswerForm request={request} accountId={accountId} onDone={(outcome) => finish(request, outcome)} />
            </article>
          ))}
        </section>
      ) : null}
      {others.length ? (
        <ul class="list intel-waiting" aria-label="Intel requests waiting for an answer" data-testid="intel-waiting">
          {others.map((r) => (
            <li key={r.id} class="list__item">
              <span data-testid="intel-waiting-line">
                {askedWords(r.requestedBy, r.assignedTo, user)} <RelativeTime iso={r.createdAt} withDate />
                {r.overdue ? <span class="tag tag--overdue"> overdue</span> : ' · no answer yet'}
              </span>
            </li>
          ))}
        </ul>
      ) : null}
    </>
  );
}

/** "Clara Brandt asked 2 days ago · due …" (a request to the viewer, or to nobody in particular). */
function RequestMeta({ request, user }: { request: IntelRequestData; user: SessionUser | null }) {
  return (
    <p class="intel-request__meta" data-testid="intel-request-meta">
      {isViewer(request.requestedBy, user) ? 'You' : <strong>{request.requestedBy?.name ?? 'Credit'}</strong>} asked <RelativeTime iso={request.createdAt} withDate />
      {request.dueAt ? (
        request.overdue ? (
          <>
            {' · '}
            <span class="tag tag--overdue" data-testid="intel-overdue">
              Overdue
            </span>{' '}
            (was due {formatDate(request.dueAt)})
          </>
        ) : (
          <>
            {' · '}due {formatDate(request.dueAt)} (<RelativeTime iso={request.dueAt} />)
          </>
        )
      ) : null}
    </p>
  );
}
