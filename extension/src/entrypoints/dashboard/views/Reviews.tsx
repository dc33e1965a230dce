import { useState } from 'preact/hooks';
import type { HealthCheckRow } from '@/lib/workspace-types';
import { riskLabel } from '@/ui/format/risk';
import { describeFailure, runOp } from '../op';
import { Empty, Failure, formatDay, formatMonth, LoadMore, Loading, ViewHeading } from '../parts';
import { href, monthOf } from '../route';
import type { Abilities } from '../session';
import { type PagedState, usePaged, useQuery } from '../use-query';
import { OUTCOME_LABEL, STATUS_LABEL } from './review-labels';

const PAGE_SIZE = 25;

function shiftMonth(month: string, by: number): string {
  const [y = 0, m = 1] = month.split('-').map(Number);
  const d = new Date(Date.UTC(y, m - 1 + by, 1));
  return `${d.getUTCFullYear()}-${String(d.getUTCMonth() + 1).padStart(2, '0')}`;
}

/** Open, and planned for a month before `month` (or, unplanned, due before it starts). */
export function fromEarlierMonth(r: HealthCheckRow, month: string): boolean {
  if (r.status !== 'PLANNED' && r.status !== 'IN_PROGRESS') return false;
  return r.plannedMonth ? r.plannedMonth < month : r.dueOn < `${month}-01`;
}

/** The month's health-check reviews against each credit owner's capacity: plan them, start them, finish them. */
export function Reviews({ can, month: chosen }: { can: Abilities; month: string | null }) {
  const month = chosen ?? monthOf(new Date());
  const [version, setVersion] = useState(0);
  const [mine, setMine] = useState(false);
  const [scheduling, setScheduling] = useState<{ busy: boolean; message: string | null; error: string | null }>({ busy: false, message: null, error: null });
  const plan = useQuery(async () => (await runOp('WorkspaceReviewPlan', { month })).reviewPlan, `${month}|${version}`);
  const filter = { month, ...(mine ? { mine: true } : {}) };
  const reviews = usePaged(async (after) => (await runOp('WorkspaceHealthChecks', { first: PAGE_SIZE, after, filter })).healthChecks, `${JSON.stringify(filter)}|${version}`);
  // Still open from earlier months: open reviews planned for an earlier month, or unplanned ones due before this
  // month. A review is planned for its due month or the one before, so those planned earlier are all due before
  // the next month starts; the ones this month lists (planned for it, or planned ahead) are left out here.
  const earlierFilter = { status: ['PLANNED', 'IN_PROGRESS'], dueBefore: `${shiftMonth(month, 1)}-01`, ...(mine ? { mine: true } : {}) };
  const earlierPaged = usePaged(async (after) => (await runOp('WorkspaceHealthChecks', { first: PAGE_SIZE, after, filter: earlierFilter })).healthChecks, `${JSON.stringify(earlierFilter)}|${version}`);
  const listedThisMonth = new Set(reviews.items.map((r) => r.id));
  const earlierItems = earlierPaged.items.filter((r) => fromEarlierMonth(r, month) && !listedThisMonth.has(r.id));
  const overdue = { ...earlierPaged, items: earlierItems, totalCount: Math.max(earlierItems.length, earlierPaged.totalCount - (earlierPaged.items.length - earlierItems.length)) };

  const schedule = async () => {
    setScheduling({ busy: true, message: null, error: null });
    try {
      const result = (await runOp('WorkspaceScheduleReviews', { input: { month } })).scheduleReviews;
      const count = result.reviews.length;
      const unconverted = result.unconvertedCurrencies.length ? ` Accounts in ${result.unconvertedCurrencies.join(', ')} have no exchange rate and come last.` : '';
      setScheduling({ busy: false, message: `${count === 0 ? 'Nothing new to plan' : `Planned ${count} review${count === 1 ? '' : 's'}`} for ${formatMonth(month)}.${unconverted}`, error: null });
      setVersion((v) => v + 1);
    } catch (error) {
      setScheduling({ busy: false, message: null, error: describeFailure(error) });
    }
  };

  return (
    <section class="view" aria-labelledby="reviews-title">
      <ViewHeading
        aside={
          <span class="month-switch">
            {/* Named by the month they show (label in name); the arrows are decoration. */}
            <a href={href.reviews(shiftMonth(month, -1))}>
              <span aria-hidden="true">‹ </span>
              {formatMonth(shiftMonth(month, -1))}
              <span class="visually-hidden"> (previous month)</span>
            </a>
            <a href={href.reviews(shiftMonth(month, 1))}>
              {formatMonth(shiftMonth(month, 1))}
              <span class="visually-hidden"> (next month)</span>
              <span aria-hidden="true"> ›</span>
            </a>
          </span>
        }
      >
        <span id="reviews-title">Reviews · {formatMonth(month)}</span>
      </ViewHeading>

      <section class="panel-card" aria-labelledby="capacity-title">
        <div class="panel-card__head">
          <h2 id="capacity-title" class="panel-card__title">
            Capacity
          </h2>
          {can.credit && can.write ? (
            <button type="button" class="button button--primary" onClick={() => void schedule()} disabled={scheduling.busy} data-testid="schedule">
              {scheduling.busy ? 'Scheduling…' : 'Schedule this month'}
            </button>
          ) : null}
        </div>
        {scheduling.message ? (
          <p class="form-ok" role="status">
            {scheduling.message}
          </p>
        ) : null}
        {scheduling.error ? (
          <p class="form-error" role="alert">
            {scheduling.error}
          </p>
        ) : null}
        {plan.phase === 'loading' ? <Loading what="the review plan" /> : null}
        {plan.phase === 'failed' ? <Failure error={plan.error} onRetry={plan.reload} title="Could not load the review plan" /> : null}
        {plan.phase === 'ready' ? (
          plan.data.owners.length === 0 ? (
            <p class="muted">No credit owner has accounts to review.</p>
          ) : (
            <>
              <table class="grid" data-testid="capacity">
                <caption class="visually-hidden">Reviews per credit owner against their monthly capacity</caption>
                <thead>
                  <tr>
                    <th scope="col">Credit owner</th>
                    <th scope="col" class="grid__num">
                      Planned
                    </th>
                    <th scope="col" class="grid__num">
                      In progress
                    </th>
                    <th scope="col" class="grid__num">
                      Done
                    </th>
                    <th scope="col" class="grid__num">
                      Capacity
                    </th>
                    <th scope="col">Load</th>
                  </tr>
                </thead>
                <tbody>
                  {plan.data.owners.map((o) => {
                    const load = o.planned + o.inProgress + o.done;
                    return (
                      <tr key={o.owner.id} data-testid="capacity-row">
                        <th scope="row">{o.owner.name}</th>
                        <td class="grid__num">{o.planned}</td>
                        <td class="grid__num">{o.inProgress}</td>
                        <td class="grid__num">{o.done}</td>
                        <td class="grid__num">{o.capacity}</td>
                        <td>
                          <meter min={0} max={Math.max(o.capacity, load, 1)} value={load} high={o.capacity} aria-label={`${load} of ${o.capacity}`} />
                          {load > o.capacity ? <span class="tag tag--hold">Over capacity</span> : null}
                        </td>
                      </tr>
                    );
                  })}
                </tbody>
              </table>
              <p class="muted">
                Exposure compared in {plan.data.reportingCurrency}.
                {plan.data.unconvertedCurrencies.length ? ` No exchange rate for ${plan.data.unconvertedCurrencies.join(', ')}: those accounts are planned after the others.` : ''}
              </p>
            </>
          )
        ) : null}
      </section>

      <label class="filters__check">
        <input type="checkbox" checked={mine} onChange={(e) => setMine(e.currentTarget.checked)} /> Only my reviews
      </label>

      {overdue.phase === 'ready' && overdue.items.length > 0 ? (
        <section class="panel-card" aria-labelledby="overdue-title">
          <h2 id="overdue-title" class="panel-card__title">
            Still open from earlier months
          </h2>
          <ReviewList paged={overdue} can={can} />
        </section>
      ) : null}

      <section class="panel-card" aria-labelledby="month-title">
        <h2 id="month-title" class="panel-card__title">
          Planned for {formatMonth(month)}
        </h2>
        {reviews.phase === 'loading' ? <Loading what="reviews" /> : null}
        {reviews.phase === 'failed' ? <Failure error={reviews.error} onRetry={reviews.reload} title="Could not load the reviews" /> : null}
        {reviews.phase === 'ready' && reviews.items.length === 0 ? (
          <Empty title="No reviews planned for this month">
            <p>“Schedule this month” plans each credit owner's reviews up to their capacity: overdue first, then the largest exposures.</p>
          </Empty>
        ) : null}
        {reviews.phase === 'ready' && reviews.items.length > 0 ? <ReviewList paged={reviews} can={can} /> : null}
      </section>
    </section>
  );
}

function ReviewList({ paged, can }: { paged: PagedState<HealthCheckRow>; can: Abilities }) {
  return (
    <>
      <ul class="inbox" data-testid="review-list">
        {paged.items.map((r) => (
          <ReviewRow key={r.id} review={r} can={can} />
        ))}
      </ul>
      <LoadMore paged={paged} noun="reviews" />
    </>
  );
}

function ReviewRow({ review: r, can }: { review: HealthCheckRow; can: Abilities }) {
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);
  const start = async () => {
    setBusy(true);
    setProblem(null);
    try {
      const started = (await runOp('WorkspaceStartHealthCheck', { input: { healthCheckId: r.id } }, r.account.id)).startHealthCheck.healthCheck;
      location.hash = href.review(started.id);
    } catch (error) {
      setProblem(describeFailure(error));
      setBusy(false);
    }
  };
  const level = r.account.creditStatus?.riskLevel;
  return (
    <li class="inbox__item" data-testid="review-row" data-status={r.status}>
      <div class="inbox__line">
        <div class="list__main">
          <a href={href.account(r.account.id)}>{r.account.name}</a>
          <span class="list__meta">
            {level ? `${riskLabel(level)} · ` : ''}
            <span data-testid="review-due">due {formatDay(r.dueOn)}</span>
            {r.plannedMonth && r.plannedMonth !== r.dueOn.slice(0, 7) ? ` · planned for ${formatMonth(r.plannedMonth)}` : ''}
            {r.reviewer ? ` · ${r.reviewer.name}` : ''}
            <span class="tag">{STATUS_LABEL[r.status]}</span>
            {r.outcome ? <span class="tag">{OUTCOME_LABEL[r.outcome]}</span> : null}
          </span>
        </div>
        <div class="inbox__actions">
          {r.status === 'PLANNED' && can.credit && can.write ? (
            <button type="button" class="button button--small button--primary" disabled={busy} onClick={() => void start()} data-testid="start-review">
              {busy ? 'Starting…' : 'Start review'}
            </button>
          ) : null}
          {r.status === 'IN_PROGRESS' ? (
            <a class="button button--small button--primary" href={href.review(r.id)}>
              Continue review
            </a>
          ) : null}
          {r.status === 'DONE' || r.status === 'CANCELLED' || (r.status === 'PLANNED' && !(can.credit && can.write)) ? (
            <a class="button button--small" href={href.review(r.id)}>
              Open
            </a>
          ) : null}
        </div>
      </div>
      {problem ? (
        <p class="form-error" role="alert">
          {problem}
        </p>
      ) : null}
    </li>
  );
}
