import { useCallback, useEffect, useState } from 'preact/hooks';
import type { SessionUser } from '@/lib/messages';
import { isRetryable, runOp } from '@/lib/run-op';
import type { ActionItemData, PanelVisitData } from '@/lib/visit-types';
import { RelativeTime } from '@/ui/components/RelativeTime';
import { Section } from '@/ui/components/Section';
import { useBroadcast } from '@/ui/hooks/use-broadcast';
import { recall, remember } from '@/ui/visits/remembered';
import { ActionItems } from './ActionItems';
import { VisitItem } from './VisitItem';
import { recentFirst } from '@/ui/visits/visit-words';

interface Props {
  account: { id: string; name: string };
  user: SessionUser | null;
}

interface Lists {
  upcoming: PanelVisitData[];
  recent: PanelVisitData[];
  actionItems: ActionItemData[];
}

type Load =
  | { phase: 'loading' }
  | { phase: 'failed'; message: string; offline: boolean }
  /** `savedAt`: the lists remembered from then, shown while the server is away. */
  | ({ phase: 'ready'; savedAt?: string } & Lists);

/**
 * Seed 004, customer visits: the customer's upcoming visits, soonest first, then the last held ones, newest first
 * (notes during or right after one), and the open action items agreed with them. Asked apart from the customer
 * card (`PanelVisits`), again when this account changes (a note delivered, an item done — here or on the
 * workspace page); today's last answer is shown while the server is away, so notes can still be taken.
 */
export function Visits({ account, user }: Props) {
  const [load, setLoad] = useState<Load>({ phase: 'loading' });
  const userId = user?.id ?? null;
  const refresh = useCallback(() => {
    const key = `visits:account:${account.id}`;
    void runOp('PanelVisits', { id: account.id }).then(async (outcome) => {
      if (outcome.ok) {
        const data = outcome.data.account;
        const lists: Lists = {
          upcoming: data?.upcoming.edges.map((e) => e.node) ?? [],
          recent: data?.recent.edges.map((e) => e.node) ?? [],
          actionItems: data?.actionItems ?? [],
        };
        setLoad({ phase: 'ready', ...lists });
        if (userId) await remember(key, userId, lists);
        return;
      }
      const offline = isRetryable(outcome);
      const remembered = offline && userId ? await recall<Lists>(key, userId) : null;
      setLoad(remembered ? { phase: 'ready', ...remembered.value, savedAt: remembered.savedAt } : { phase: 'failed', message: outcome.error, offline });
    });
  }, [account.id, userId]);
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
            Visits show here when the server is back.
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
  const visits = [...upcoming, ...recentFirst(recent)];
  return (
    <Section title="Visits" aside={upcoming.length ? `${upcoming.length} planned` : undefined} class="visits">
      {load.savedAt ? (
        <p class="muted" data-testid="visits-remembered">
          Offline: as loaded <RelativeTime iso={load.savedAt} withDate />. Notes are kept and sent when the server is back.
        </p>
      ) : null}
      {visits.length ? (
        <ul class="list" aria-label="Upcoming and recent visits" data-testid="visits-list">
          {visits.map((v) => (
            <VisitItem key={v.id} visit={v} account={account} user={user} />
          ))}
        </ul>
      ) : (
        <p class="muted">No visit planned.</p>
      )}
      <ActionItems accountId={account.id} items={actionItems} user={user} />
    </Section>
  );
}
