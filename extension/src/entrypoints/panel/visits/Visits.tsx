import { useCallback, useEffect, useState } from 'preact/hooks';
import type { SessionUser } from '@/lib/messages';
import { isRetryable, runOp } from '@/lib/run-op';
import type { ActionItemData, PanelVisitData } from '@/lib/visit-types';
import { Section } from '@/ui/components/Section';
import { useBroadcast } from '@/ui/hooks/use-broadcast';
import { ActionItems } from './ActionItems';
import { VisitItem } from './VisitItem';

interface Props {
  account: { id: string; name: string };
  user: SessionUser | null;
}

type Load =
  | { phase: 'loading' }
  | { phase: 'failed'; message: string; offline: boolean }
  | { phase: 'ready'; upcoming: PanelVisitData[]; recent: PanelVisitData[]; actionItems: ActionItemData[] };

/**
 * Seed 004, customer visits: the customer's upcoming visits, soonest first, then the last held ones, newest first
 * (notes during or right after one), and the open action items agreed with them. Asked apart from the customer card (`PanelVisits`), again
 * when this account changes (a note delivered, an item done — here or on the workspace page).
 */
export function Visits({ account, user }: Props) {
  const [load, setLoad] = useState<Load>({ phase: 'loading' });
  const refresh = useCallback(() => {
    void runOp('PanelVisits', { id: account.id }).then((outcome) => {
      if (!outcome.ok) return setLoad({ phase: 'failed', message: outcome.error, offline: isRetryable(outcome) });
      const data = outcome.data.account;
      setLoad({
        phase: 'ready',
        upcoming: data?.upcoming.edges.map((e) => e.node) ?? [],
        recent: data?.recent.edges.map((e) => e.node) ?? [],
        actionItems: data?.actionItems ?? [],
      });
    });
  }, [account.id]);
  useEffect(refresh, [refresh]);
  useBroadcast(['broadcast/account-changed'], (message) => {
    if (message.type === 'broadcast/account-changed' && message.accountId === account.id) refresh();
  });

  if (load.phase === 'loading') {
    return (
      <Section title="Visits" class="visits">
        <p class="muted" role="status">
          Loading visits…
        </p>
      </Section>
    );
  }
  if (load.phase === 'failed') {
    return (
      <Section title="Visits" class="visits">
        {load.offline ? (
          <p class="muted" data-testid="visits-offline">
            Visits show here when the server is back. Notes you take are kept and sent then.
          </p>
        ) : (
          <p class="capture__problem" role="alert" data-testid="visits-failed">
            Could not load the visits: {load.message}{' '}
            <button type="button" class="button button--quiet button--small" onClick={refresh}>
              Retry
            </button>
          </p>
        )}
      </Section>
    );
  }

  const { upcoming, recent, actionItems } = load;
  // One list, upcoming first: the first notes mark a visit held, and an item that moved to another list would lose
  // its notes box's "Sent" line and flags.
  const visits = [...upcoming, ...recent];
  return (
    <Section title="Visits" aside={upcoming.length ? `${upcoming.length} planned` : undefined} class="visits">
      {visits.length ? (
        <ul class="list" aria-label="Upcoming and recent visits" data-testid="visits-list">
          {visits.map((v) => (
            <VisitItem key={v.id} visit={v} account={account} />
          ))}
        </ul>
      ) : (
        <p class="muted">No visit planned.</p>
      )}
      <ActionItems accountId={account.id} items={actionItems} user={user} />
    </Section>
  );
}
