import type { VisitRow } from '@/lib/workspace-visit-types';
import { Section } from '@/ui/components/Section';
import { runOp } from '../../op';
import { Failure, Loading } from '../../parts';
import { href } from '../../route';
import type { Abilities } from '../../session';
import { useQuery } from '../../use-query';
import { ActionItemList } from './ActionItems';
import { recentFirst } from '@/ui/visits/visit-words';
import { VisitRows } from './VisitRows';

/** The account page's visits: coming ones soonest first, then recent ones newest first; open action items; plan one. */
export function AccountVisits({ can, accountId }: { can: Abilities; accountId: string }) {
  const query = useQuery(async () => (await runOp('WorkspaceAccountVisits', { id: accountId })).account, accountId);
  const rows = (c: { edges: { node: VisitRow }[] }) => c.edges.map((e) => e.node);
  return (
    <Section title="Visits" aside={query.phase === 'ready' && query.data ? String(query.data.upcoming.totalCount + query.data.recent.totalCount) : undefined}>
      <div data-testid="account-visits">
        {query.phase === 'loading' ? <Loading what="visits" /> : null}
        {query.phase === 'failed' ? <Failure error={query.error} onRetry={query.reload} title="Could not load the visits" /> : null}
        {query.phase === 'ready' && query.data ? (
          <>
            {query.data.upcoming.edges.length ? <VisitRows visits={rows(query.data.upcoming)} showAccount={false} /> : <p class="muted">No visit planned.</p>}
            {query.data.recent.edges.length ? (
              <>
                <h4 class="section__subtitle">Recent</h4>
                <VisitRows visits={recentFirst(rows(query.data.recent))} showAccount={false} />
              </>
            ) : null}
            {query.data.actionItems.length ? (
              <>
                <h4 class="section__subtitle">Open action items</h4>
                <ActionItemList items={query.data.actionItems} canChange={can.write} onChanged={query.reload} />
              </>
            ) : null}
          </>
        ) : null}
        {can.write ? (
          <a class="button button--small" href={href.visitNew(accountId)} data-testid="plan-visit-for-account">
            Plan a visit
          </a>
        ) : null}
      </div>
    </Section>
  );
}
