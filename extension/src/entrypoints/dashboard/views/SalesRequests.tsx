import { useEffect, useRef, useState } from 'preact/hooks';
import type { IntelRequestData } from '@/lib/workspace-types';
import { Empty, Failure, LoadMore, Loading, ViewHeading } from '../parts';
import { href } from '../route';
import type { Abilities } from '../session';
import { usePaged } from '../use-query';
import { runOp } from '../op';
import { AnswerForm } from './AnswerForm';
import { byUrgency, QuestionsAndAnswers, RequestMeta } from './intel-parts';

const PAGE_SIZE = 25;

const needsView = (r: IntelRequestData) => r.questions.some((q) => q.kind === 'SALES_VIEW');

/** Sales: what credit asked me, the reviews waiting for my view first. */
export function SalesRequests({ can }: { can: Abilities }) {
  const filter = { status: ['OPEN'], assignedToMe: true };
  const paged = usePaged(async (after) => (await runOp('WorkspaceIntelRequests', { first: PAGE_SIZE, after, filter })).intelRequests, 'mine-open');
  const [done, setDone] = useState<string | null>(null);
  const reviews = paged.items.filter(needsView).sort(byUrgency);
  const questions = paged.items.filter((r) => !needsView(r)).sort(byUrgency);
  const onDone = (message: string) => {
    setDone(message);
    paged.reload();
  };

  return (
    <section class="view" aria-labelledby="requests-title">
      <ViewHeading aside={paged.phase === 'ready' ? <span class="muted">{paged.totalCount} waiting</span> : null}>
        <span id="requests-title">Requests to answer</span>
      </ViewHeading>
      {done ? <Done message={done} /> : null}
      {paged.phase === 'loading' ? <Loading what="your requests" /> : null}
      {paged.phase === 'failed' ? <Failure error={paged.error} onRetry={paged.reload} title="Could not load your requests" /> : null}
      {paged.phase === 'ready' && paged.items.length === 0 ? (
        <Empty title="Nothing to answer" actions={<a href={href.portfolio()}>See my accounts</a>}>
          <p>When credit asks what you see at a customer, or needs your view for a review, it shows here, in the popup and in the panel.</p>
        </Empty>
      ) : null}
      {paged.phase === 'ready' && reviews.length ? (
        <section class="panel-card" aria-labelledby="need-view-title" data-testid="reviews-need-view">
          <h2 id="need-view-title" class="panel-card__title">
            Reviews that need your view
          </h2>
          <ul class="inbox">
            {reviews.map((r) => (
              <SalesRequestRow key={r.id} request={r} can={can} onDone={onDone} />
            ))}
          </ul>
        </section>
      ) : null}
      {paged.phase === 'ready' && questions.length ? (
        <section class="panel-card" aria-labelledby="questions-title" data-testid="questions-from-credit">
          <h2 id="questions-title" class="panel-card__title">
            Questions from credit
          </h2>
          <ul class="inbox">
            {questions.map((r) => (
              <SalesRequestRow key={r.id} request={r} can={can} onDone={onDone} />
            ))}
          </ul>
        </section>
      ) : null}
      {paged.phase === 'ready' && paged.items.length ? <LoadMore paged={paged} noun="requests" /> : null}
    </section>
  );
}

function SalesRequestRow({ request, can, onDone }: { request: IntelRequestData; can: Abilities; onDone: (message: string) => void }) {
  const [answering, setAnswering] = useState(false);
  return (
    <li class="inbox__item" data-testid="sales-request" data-review-id={request.healthCheck?.id} data-overdue={request.overdue ? 'true' : undefined}>
      <div class="inbox__line">
        <div class="list__main">
          <span>
            <a href={href.account(request.account.id)}>{request.account.name}</a>
            {needsView(request) ? ' · health-check review' : ` · ${request.questions.length} question${request.questions.length === 1 ? '' : 's'}`}
          </span>
          <RequestMeta request={request} />
        </div>
        {can.write && !answering ? (
          <div class="inbox__actions">
            <button type="button" class="button button--small button--primary" onClick={() => setAnswering(true)} data-testid="answer-open">
              Answer
            </button>
          </div>
        ) : null}
      </div>
      {request.message ? <p class="inbox__detail">“{request.message}”</p> : null}
      {answering ? (
        <AnswerForm request={request} onDone={onDone} onCancel={() => setAnswering(false)} />
      ) : (
        <div class="inbox__detail">
          <QuestionsAndAnswers request={request} />
        </div>
      )}
    </li>
  );
}

/** The answer went out: said, and focused (the form that had the focus is gone). */
function Done({ message }: { message: string }) {
  const ref = useRef<HTMLParagraphElement>(null);
  useEffect(() => ref.current?.focus(), [message]);
  return (
    <p class="form-ok" role="status" tabIndex={-1} ref={ref} data-testid="answer-done">
      {message}
    </p>
  );
}
