import { runOp } from '../../op';
import { Empty, Failure, LoadMore, Loading, ViewHeading } from '../../parts';
import { href } from '../../route';
import type { Abilities } from '../../session';
import { usePaged } from '../../use-query';
import { ActionItemList } from './ActionItems';
import { recentFirst } from '@/ui/visits/visit-words';
import { VisitRows } from './VisitRows';

const PAGE_SIZE = 25;
/** "Recent" reaches this far back; older visits stay on each account's page. */
const RECENT_DAYS = 90;

/** My visits (as organizer or attendee): the coming ones soonest first, then the recent ones newest first; my action items. */
export function Visits({ can }: { can: Abilities }) {
  const upcomingFilter = { mine: true, status: ['PLANNED', 'BRIEFED'] };
  const upcoming = usePaged(async (after) => (await runOp('WorkspaceVisits', { first: PAGE_SIZE, after, filter: upcomingFilter })).visits, 'upcoming');
  const from = new Date(Date.now() - RECENT_DAYS * 86_400_000);
  from.setHours(0, 0, 0, 0);
  const recentFilter = { mine: true, status: ['HELD', 'FOLLOWED_UP', 'CANCELLED'], from: from.toISOString() };
  const recent = usePaged(async (after) => (await runOp('WorkspaceVisits', { first: PAGE_SIZE, after, filter: recentFilter })).visits, 'recent');
  const itemsFilter = { mine: true, status: ['OPEN'] };
  const items = usePaged(async (after) => (await runOp('WorkspaceActionItems', { first: 50, after, filter: itemsFilter })).actionItems, 'items');
  // The API orders by date, earliest first: the recent ones read newest first (by when held, else planned).
  const recentNewestFirst = recentFirst(recent.items);

  return (
    <section class="view" aria-labelledby="visits-title">
      <ViewHeading
        aside={
          can.write ? (
            <a class="button button--primary" href={href.visitNew()} data-testid="plan-visit">
              Plan a visit
            </a>
          ) : null
        }
      >
        <span id="visits-title">Visits</span>
      </ViewHeading>
      <section class="panel-card" aria-labelledby="visits-upcoming" data-testid="visits-upcoming">
        <h2 id="visits-upcoming" class="panel-card__title">
          Coming up
        </h2>
        {upcoming.phase === 'loading' ? <Loading what="your coming visits" /> : null}
        {upcoming.phase === 'failed' ? <Failure error={upcoming.error} onRetry={upcoming.reload} title="Could not load your visits" /> : null}
        {upcoming.phase === 'ready' && !upcoming.items.length ? (
          <Empty title="No visit planned" actions={can.write ? <a href={href.visitNew()}>Plan a visit</a> : null}>
            <p>Visits you organize or attend show here, soonest first.</p>
          </Empty>
        ) : null}
        {upcoming.phase === 'ready' && upcoming.items.length ? (
          <>
            <VisitRows visits={upcoming.items} />
            {upcoming.hasNextPage ? <LoadMore paged={upcoming} noun="visits" /> : null}
          </>
        ) : null}
      </section>
      <section class="panel-card" aria-labelledby="visits-actions" data-testid="visits-action-items">
        <h2 id="visits-actions" class="panel-card__title">
          My action items
        </h2>
        <p class="muted">Open items you own or created, overdue first.</p>
        {items.phase === 'loading' ? <Loading what="your action items" /> : null}
        {items.phase === 'failed' ? <Failure error={items.error} onRetry={items.reload} title="Could not load your action items" /> : null}
        {items.phase === 'ready' ? <ActionItemList items={items.items} canChange={can.write} onChanged={items.reload} showAccount empty="Nothing open: no action item waits for you." /> : null}
        {items.phase === 'ready' && items.hasNextPage ? <LoadMore paged={items} noun="action items" /> : null}
      </section>
      <section class="panel-card" aria-labelledby="visits-recent" data-testid="visits-recent">
        <h2 id="visits-recent" class="panel-card__title">
          Recent (last {RECENT_DAYS} days)
        </h2>
        {recent.phase === 'loading' ? <Loading what="your recent visits" /> : null}
        {recent.phase === 'failed' ? <Failure error={recent.error} onRetry={recent.reload} title="Could not load your recent visits" /> : null}
        {recent.phase === 'ready' && !recent.items.length ? <p class="muted">No visit in the last {RECENT_DAYS} days.</p> : null}
        {recent.phase === 'ready' && recent.items.length ? (
          <>
            <VisitRows visits={recentNewestFirst} />
            {recent.hasNextPage ? <LoadMore paged={recent} noun="visits" /> : null}
          </>
        ) : null}
      </section>
    </section>
  );
}
