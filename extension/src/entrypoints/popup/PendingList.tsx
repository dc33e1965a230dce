import { SIGNAL_TYPE_INFO } from '@earshot/shared';
import { useCallback, useEffect, useState } from 'preact/hooks';
import type { PendingCapture } from '@/lib/messages';
import { send } from '@/lib/send';
import { RelativeTime } from '@/ui/components/RelativeTime';
import { useBroadcast } from '@/ui/hooks/use-broadcast';

/** What a queued item is, in words: the signal's type, or visit notes. */
export function pendingLabel(p: PendingCapture): string {
  return p.kind === 'visitNotes' ? 'Visit notes' : (SIGNAL_TYPE_INFO[p.type]?.label ?? p.type);
}

/**
 * Captures (signals and visit notes) saved while the server was away (and any it refused), refreshed whenever the service worker's queue
 * changes. Each can be discarded; a refused one stays until the user does, so nothing written disappears silently.
 */
export function PendingList() {
  const [pending, setPending] = useState<PendingCapture[]>([]);
  const refresh = useCallback(() => {
    send('capture/pending', {}).then(
      (res) => setPending(res.pending),
      () => {
        // Keep the last list: the queue is still in the service worker even if this answer failed.
      },
    );
  }, []);
  useEffect(refresh, [refresh]);
  const discard = (idempotencyKey: string) => {
    send('capture/discard', { idempotencyKey }).then(refresh, refresh);
  };
  useBroadcast(['broadcast/queue-changed'], refresh);

  if (!pending.length) return null;
  return (
    <section class="pending" aria-labelledby="pending-title" data-testid="pending-list">
      <h2 id="pending-title" class="section__title">
        Waiting to send ({pending.length})
      </h2>
      <ul class="list">
        {pending.map((p) => (
          <li key={p.idempotencyKey} class="list__item" data-testid="pending-item" data-failed={p.failedAt ? 'true' : undefined}>
            <div class="list__main">
              <span>
                {pendingLabel(p)} · <strong>{p.accountName}</strong>
              </span>
              {p.failedAt ? (
                <span class="list__meta pending__refused">Not accepted by the server: {p.lastError ?? 'invalid'}. It will not be retried.</span>
              ) : (
                <span class="list__meta">
                  Saved <RelativeTime iso={p.queuedAt} withDate />
                  {p.attempts > 0 ? ` · ${p.attempts} ${p.attempts === 1 ? 'try' : 'tries'}` : ''}
                  {p.lastError ? ` · ${p.lastError}` : ''}
                </span>
              )}
            </div>
            <button
              type="button"
              class="button button--quiet button--small"
              aria-label={`Discard ${pendingLabel(p)} for ${p.accountName}`}
              onClick={() => discard(p.idempotencyKey)}
            >
              Discard
            </button>
          </li>
        ))}
      </ul>
    </section>
  );
}
