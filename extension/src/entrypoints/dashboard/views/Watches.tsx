import { runOp } from '../op';
import { Empty, Failure, Loading, ViewHeading } from '../parts';
import { href } from '../route';
import type { Abilities } from '../session';
import { useQuery } from '../use-query';
import { formatDate } from '@/ui/format/dates';

/** Industries and countries on watch, each with the accounts it covers (a link to them in the portfolio). */
export function Watches(_: { can: Abilities }) {
  const query = useQuery(async () => (await runOp('WorkspaceWatches')).watches, 'watches');
  return (
    <section class="view" aria-labelledby="watches-title">
      <ViewHeading>
        <span id="watches-title">Watch lists</span>
      </ViewHeading>
      {query.phase === 'loading' ? <Loading what="watch lists" /> : null}
      {query.phase === 'failed' ? <Failure error={query.error} onRetry={query.reload} title="Could not load the watch lists" /> : null}
      {query.phase === 'ready' && query.data.length === 0 ? (
        <Empty title="Nothing on watch">
          <p>An administrator puts an industry or a country on watch (for a downturn, sanctions, a crisis); its accounts are then flagged.</p>
        </Empty>
      ) : null}
      {query.phase === 'ready' && query.data.length > 0 ? (
        <ul class="inbox" data-testid="watches">
          {query.data.map((w) => (
            <li key={w.id} class="inbox__item" data-testid="watch" data-active={w.active ? 'true' : 'false'}>
              <div class="inbox__line">
                <div class="list__main">
                  <span>
                    <strong>{w.value}</strong> <span class="muted">({w.kind === 'COUNTRY' ? 'country' : 'industry'})</span>
                    {w.active ? null : <span class="tag">Ended</span>}
                  </span>
                  <span class="list__meta">
                    {w.reason} · on watch since {formatDate(w.createdAt)}
                  </span>
                </div>
                <a href={href.portfolio(new URLSearchParams({ [w.kind === 'COUNTRY' ? 'country' : 'industry']: w.value }))}>
                  {w.accountCount} account{w.accountCount === 1 ? '' : 's'}
                </a>
              </div>
            </li>
          ))}
        </ul>
      ) : null}
    </section>
  );
}
