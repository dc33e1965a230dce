import { VISIT_PURPOSE_LABEL, VISIT_STATUS_LABEL } from '@earshot/shared';
import { useCallback, useEffect, useState } from 'preact/hooks';
import { browser } from 'wxt/browser';
import type { PendingCapture } from '@/lib/messages';
import { isRetryable, runOp } from '@/lib/run-op';
import { send } from '@/lib/send';
import type { PopupVisitData } from '@/lib/visit-types';
import { RelativeTime } from '@/ui/components/RelativeTime';
import { useBroadcast } from '@/ui/hooks/use-broadcast';
import { recall, remember } from '@/ui/visits/remembered';
import { VisitNotesForm } from '@/ui/visits/VisitNotesForm';
import { notesOpen, visitWhen, visitWhenFull, workspaceVisitUrl } from '@/ui/visits/visit-words';

interface Props {
  /** The signed-in user: the remembered list is theirs only. */
  userId: string;
}

type Load =
  | { phase: 'loading' }
  | { phase: 'failed'; message: string; offline: boolean }
  /** `savedAt`: the list is the one remembered from then (the server is away). */
  | { phase: 'ready'; visits: PopupVisitData[]; savedAt?: string };

/** Where the last list is remembered for the day (ui/visits/remembered.ts). */
const REMEMBERED = 'visits:popup';

/** Today and tomorrow in local time: from the start of today to the start of the day after (the API's `to` is exclusive). */
export function todayAndTomorrow(now: Date = new Date()): { from: string; to: string } {
  const from = new Date(now.getFullYear(), now.getMonth(), now.getDate());
  const to = new Date(now.getFullYear(), now.getMonth(), now.getDate() + 2);
  return { from: from.toISOString(), to: to.toISOString() };
}

/**
 * Seed 004, notes during the meeting: the user's visits today and tomorrow, each with a notes box on the day
 * (through the capture queue, so it works with no connection at the customer's), and how many notes still wait
 * to be sent for each.
 */
export function TodaysVisits({ userId }: Props) {
  const [load, setLoad] = useState<Load>({ phase: 'loading' });
  const [pending, setPending] = useState<PendingCapture[]>([]);

  const refresh = useCallback(() => {
    void runOp('PopupTodaysVisits', todayAndTomorrow()).then(async (outcome) => {
      if (outcome.ok) {
        const visits = outcome.data.visits.edges.map((e) => e.node);
        setLoad({ phase: 'ready', visits });
        await remember(REMEMBERED, userId, visits);
        return;
      }
      const offline = isRetryable(outcome);
      const remembered = offline ? await recall<PopupVisitData[]>(REMEMBERED, userId) : null;
      setLoad(remembered ? { phase: 'ready', visits: remembered.value, savedAt: remembered.savedAt } : { phase: 'failed', message: outcome.error, offline });
    });
  }, [userId]);
  const refreshPending = useCallback(() => {
    send('capture/pending', {}).then(
      (res) => setPending(res.pending),
      () => undefined, // keep the last count; the worker broadcasts again
    );
  }, []);
  useEffect(refresh, [refresh]);
  useEffect(refreshPending, [refreshPending]);
  useBroadcast(['broadcast/queue-changed'], refreshPending);

  if (load.phase === 'loading') {
    return (
      <p class="muted" role="status">
        Loading your visits…
      </p>
    );
  }
  if (load.phase === 'failed') {
    return load.offline ? null : (
      <p class="capture__problem" role="alert" data-testid="todays-visits-failed">
        Could not load your visits: {load.message}{' '}
        <button type="button" class="button button--quiet button--small" onClick={refresh}>
          Retry
        </button>
      </p>
    );
  }
  if (!load.visits.length) return null;

  const waiting = (visitId: string) => pending.filter((p) => p.kind === 'visitNotes' && p.visitId === visitId && !p.failedAt).length;
  // The new tab takes focus, which closes the popup.
  const open = (id: string) => void browser.tabs.create({ url: workspaceVisitUrl(id) });
  return (
    <section class="todays-visits" aria-labelledby="todays-visits-title" data-testid="todays-visits">
      <h2 id="todays-visits-title" class="section__title">
        Today’s visits
      </h2>
      {load.savedAt ? (
        <p class="muted" data-testid="todays-visits-remembered">
          Offline: as loaded <RelativeTime iso={load.savedAt} withDate />. Notes are kept and sent when the server is back.
        </p>
      ) : null}
      <ul class="list">
        {load.visits.map((v) => {
          const purpose = VISIT_PURPOSE_LABEL[v.purpose];
          const count = waiting(v.id);
          return (
            <li key={v.id} class="list__item" data-testid="todays-visit">
              <div class="list__main">
                <span>
                  <strong>{v.account.name}</strong> · {purpose} · {VISIT_STATUS_LABEL[v.status]}
                </span>
                <span class="list__meta">
                  <time dateTime={v.scheduledAt}>{visitWhenFull(v.scheduledAt)}</time>
                  {v.place ? ` · ${v.place}` : ''}
                </span>
                {count ? (
                  <span class="list__meta" data-testid="todays-visit-waiting">
                    {count === 1 ? '1 note waiting to send' : `${count} notes waiting to send`}
                  </span>
                ) : null}
                {notesOpen(v) ? (
                  <VisitNotesForm visitId={v.id} account={v.account} label={`Notes on the ${purpose.toLowerCase()} at ${v.account.name}`} />
                ) : null}
              </div>
              <button
                type="button"
                class="button button--small"
                aria-label={`Open the ${purpose.toLowerCase()} at ${v.account.name}, ${visitWhen(v.scheduledAt)}, on the workspace page`}
                onClick={() => open(v.id)}
              >
                Open
              </button>
            </li>
          );
        })}
      </ul>
    </section>
  );
}
