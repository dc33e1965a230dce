import { INTEL_REQUEST_STATUSES, type IntelRequestStatus } from '@earshot/shared';
import { useState } from 'preact/hooks';
import type { IntelRequestData } from '@/lib/workspace-types';
import { describeFailure, runOp } from '../op';
import { Empty, Failure, LoadMore, Loading, ViewHeading } from '../parts';
import { href } from '../route';
import type { Abilities } from '../session';
import { usePaged } from '../use-query';
import { groupByAssignee, QuestionsAndAnswers, RequestMeta } from './intel-parts';

const PAGE_SIZE = 25;

/** Credit: the intel requests out with account managers, grouped by who has not answered yet. */
export function IntelRequests({ can }: { can: Abilities }) {
  const [status, setStatus] = useState<IntelRequestStatus>('OPEN');
  const [overdueOnly, setOverdueOnly] = useState(false);
  const filter = { status: [status], ...(overdueOnly ? { overdue: true } : {}) };
  const paged = usePaged(async (after) => (await runOp('WorkspaceIntelRequests', { first: PAGE_SIZE, after, filter })).intelRequests, JSON.stringify(filter));

  const groups = groupByAssignee(paged.items);

  return (
    <section class="view" aria-labelledby="intel-title">
      <ViewHeading
        aside={
          can.write ? (
            <a class="button button--primary" href={href.intelNew()} data-testid="new-intel-request">
              New intel request
            </a>
          ) : null
        }
      >
        <span id="intel-title">Intel requests</span>
      </ViewHeading>
      <fieldset class="filters">
        <legend class="visually-hidden">Which requests</legend>
        <label class="field">
          <span class="field__label">Status</span>
          <select class="field__input" value={status} onChange={(e) => setStatus(e.currentTarget.value as IntelRequestStatus)}>
            {INTEL_REQUEST_STATUSES.map((s) => (
              <option key={s} value={s}>
                {s === 'OPEN' ? 'Open (not answered)' : s.charAt(0) + s.slice(1).toLowerCase()}
              </option>
            ))}
          </select>
        </label>
        <label class="filters__check">
          <input type="checkbox" checked={overdueOnly} onChange={(e) => setOverdueOnly(e.currentTarget.checked)} /> Only overdue
        </label>
      </fieldset>
      {paged.phase === 'loading' ? <Loading what="intel requests" /> : null}
      {paged.phase === 'failed' ? <Failure error={paged.error} onRetry={paged.reload} title="Could not load the intel requests" /> : null}
      {paged.phase === 'ready' && paged.items.length === 0 ? (
        <Empty
          title={status === 'OPEN' ? 'Everyone has answered' : 'No requests here'}
          actions={can.write ? <a href={href.intelNew()}>Ask an account manager</a> : null}
        >
          <p>{status === 'OPEN' ? 'No intel request is waiting for an answer.' : 'No request has this status.'}</p>
        </Empty>
      ) : null}
      {paged.phase === 'ready' && paged.items.length > 0 ? (
        <>
          {groups.map((group) => (
            <section key={group.key} class="panel-card" aria-label={`${status === 'OPEN' ? 'Waiting for' : 'Assigned to'} ${group.name}`} data-testid="intel-group">
              <h2 class="panel-card__title">
                {status === 'OPEN' ? 'Waiting for ' : ''}
                {group.name} <span class="muted">({group.items.length})</span>
              </h2>
              <ul class="inbox">
                {group.items.map((r) => (
                  <CreditRequestRow key={r.id} request={r} can={can} onChanged={paged.reload} />
                ))}
              </ul>
            </section>
          ))}
          <LoadMore paged={paged} noun="requests" />
        </>
      ) : null}
    </section>
  );
}

function CreditRequestRow({ request, can, onChanged }: { request: IntelRequestData; can: Abilities; onChanged: () => void }) {
  const [busy, setBusy] = useState(false);
  const [outcome, setOutcome] = useState<{ ok: boolean; text: string } | null>(null);
  const act = async (operation: 'WorkspaceRemindIntelRequest' | 'WorkspaceCancelIntelRequest') => {
    setBusy(true);
    setOutcome(null);
    try {
      await runOp(operation, { input: { intelRequestId: request.id } }, request.account.id);
      setOutcome({ ok: true, text: operation === 'WorkspaceRemindIntelRequest' ? 'Reminder sent.' : 'Request cancelled.' });
      onChanged();
    } catch (error) {
      setOutcome({ ok: false, text: describeFailure(error) });
    } finally {
      setBusy(false);
    }
  };
  return (
    <li class="inbox__item" data-testid="intel-row" data-overdue={request.overdue ? 'true' : undefined}>
      <div class="inbox__line">
        <div class="list__main">
          <span>
            <a href={href.account(request.account.id)}>{request.account.name}</a> · {request.questions.length} question{request.questions.length === 1 ? '' : 's'}
            {request.healthCheck ? (
              <>
                {' · for the '}
                <a href={href.review(request.healthCheck.id)}>review</a>
              </>
            ) : null}
          </span>
          <RequestMeta request={request} />
        </div>
        {can.write && request.status === 'OPEN' ? (
          <div class="inbox__actions">
            <button type="button" class="button button--small" disabled={busy} onClick={() => void act('WorkspaceRemindIntelRequest')}>
              Remind
            </button>
            <button type="button" class="button button--small button--quiet" disabled={busy} onClick={() => void act('WorkspaceCancelIntelRequest')}>
              Cancel request
            </button>
          </div>
        ) : null}
      </div>
      {request.message ? <p class="inbox__detail">“{request.message}”</p> : null}
      <details class="inbox__detail">
        <summary>Questions{request.answers.length ? ' and answers' : ''}</summary>
        <QuestionsAndAnswers request={request} />
      </details>
      {outcome ? (
        <p class={outcome.ok ? 'form-ok' : 'form-error'} role={outcome.ok ? 'status' : 'alert'}>
          {outcome.text}
        </p>
      ) : null}
    </li>
  );
}
