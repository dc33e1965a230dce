import { useCallback, useEffect, useState } from 'preact/hooks';
import { browser } from 'wxt/browser';
import { isRetryable, runOp } from '@/lib/run-op';
import type { IntelRequestSummary } from '@/lib/types';
import { RelativeTime } from '@/ui/components/RelativeTime';
import { useBroadcast } from '@/ui/hooks/use-broadcast';
import { formatDate } from '@/ui/format/dates';

/** How many requests the popup lists (the toolbar badge gives the full count). */
export const INBOX_SIZE = 10;

interface Props {
  /** Choose the request's customer in the popup (its capture form and account picker). */
  onPickAccount: (account: { id: string; name: string }) => void;
}

type Load =
  | { phase: 'loading' }
  | { phase: 'failed'; message: string; offline: boolean }
  | { phase: 'ready'; total: number; requests: IntelRequestSummary[] };

/** The workspace page's view of one request (`dashboard.html#/intel/<id>`, an extension page). */
export function workspaceIntelUrl(id: string): string {
  return new URL(`dashboard.html#/intel/${encodeURIComponent(id)}`, browser.runtime.getURL('/')).href;
}

/**
 * The viewer's open intel requests (seed 000: credit asks the account manager), so they can be answered from
 * wherever the user is: each opens the customer here, or the request on the workspace page.
 */
export function IntelInbox({ onPickAccount }: Props) {
  const [load, setLoad] = useState<Load>({ phase: 'loading' });
  const refresh = useCallback(() => {
    void runOp('PopupIntelRequests', { first: INBOX_SIZE }).then((outcome) => {
      if (outcome.ok) {
        const { totalCount, edges } = outcome.data.intelRequests;
        setLoad({ phase: 'ready', total: totalCount, requests: edges.map((e) => e.node) });
      } else {
        setLoad({ phase: 'failed', message: outcome.error, offline: isRetryable(outcome) });
      }
    });
  }, []);
  useEffect(refresh, [refresh]);
  useBroadcast(['broadcast/auth-changed'], refresh);

  if (load.phase === 'loading') {
    return (
      <p class="muted intel-inbox__loading" role="status">
        Loading intel requests…
      </p>
    );
  }
  if (load.phase === 'failed' && load.offline) {
    // The popup says it is offline already; the requests wait on the server.
    return (
      <p class="muted" data-testid="intel-inbox-offline">
        Your intel requests show here when the server is back.
      </p>
    );
  }
  if (load.phase === 'failed') {
    return (
      <p class="capture__problem intel-inbox__failed" role="alert" data-testid="intel-inbox-failed">
        Could not load your intel requests: {load.message}{' '}
        <button type="button" class="button button--quiet button--small" onClick={refresh}>
          Retry
        </button>
      </p>
    );
  }
  if (!load.requests.length) return null;

  // The new tab takes focus, which closes the popup.
  const open = (id: string) => void browser.tabs.create({ url: workspaceIntelUrl(id) });
  return (
    <section class="intel-inbox" aria-labelledby="intel-inbox-title" data-testid="intel-inbox">
      <h2 id="intel-inbox-title" class="section__title">
        Intel requests to answer ({load.total})
      </h2>
      <ul class="list">
        {load.requests.map((r) => (
          <li key={r.id} class="list__item" data-testid="intel-inbox-item" data-overdue={r.overdue ? 'true' : undefined}>
            <div class="list__main">
              <button
                type="button"
                class="link-button"
                data-testid="intel-inbox-account"
                aria-label={`${r.account.name}: choose this customer`}
                onClick={() => onPickAccount(r.account)}
              >
                {r.account.name}
              </button>
              <span class="list__meta">
                {r.requestedBy?.name ?? 'Credit'} · {r.questions.length} {r.questions.length === 1 ? 'question' : 'questions'} ·{' '}
                {r.overdue ? (
                  <span class="tag tag--overdue">overdue</span>
                ) : r.dueAt ? (
                  `due ${formatDate(r.dueAt)}`
                ) : (
                  <>
                    asked <RelativeTime iso={r.createdAt} withDate />
                  </>
                )}
              </span>
            </div>
            <button
              type="button"
              class="button button--small"
              data-testid="intel-inbox-open"
              aria-label={`Answer ${r.account.name}’s request on the workspace page`}
              onClick={() => open(r.id)}
            >
              Answer
            </button>
          </li>
        ))}
      </ul>
    </section>
  );
}
