import { useEffect, useState } from 'preact/hooks';
import { send } from '@/lib/send';
import type { AccountCardData, CreditDetailData } from '@/lib/types';

export type AccountDetailLoad =
  | { phase: 'loading' }
  | { phase: 'failed'; message: string }
  | {
      phase: 'ready';
      signals: NonNullable<AccountCardData['signals']>;
      creditDetail: CreditDetailData | null;
      /** The server could not be reached: this is the last detail the worker remembered, fetched then. */
      stale?: { fetchedAt: string; message: string | undefined };
    };

/**
 * The parts of the account on view that the lookup does not ask for all its matches (`PanelAccountDetail`: the
 * latest signals and the credit detail; see PANEL_ACCOUNT_CARD_FIELDS for why): asked of the worker
 * (`account/detail`, which remembers the last answer for when the server is away) when the panel shows an
 * account, and again whenever the worker looked the page up again (`refreshKey`, the tab state's fetchedAt).
 */
export function useAccountDetail(accountId: string, refreshKey = ''): { load: AccountDetailLoad; retry: () => void } {
  const [load, setLoad] = useState<AccountDetailLoad>({ phase: 'loading' });
  const ask = () => {
    let current = true;
    void send('account/detail', { id: accountId })
      .catch((error: unknown) => ({ ok: false as const, kind: 'unreachable', error: error instanceof Error ? error.message : String(error) }))
      .then((outcome) => {
        if (!current) return;
        if (!outcome.ok) return setLoad((was) => (was.phase === 'ready' ? was : { phase: 'failed', message: outcome.error }));
        const account = outcome.account;
        setLoad({
          phase: 'ready',
          signals: account?.signals ?? { totalCount: 0, edges: [] },
          creditDetail: account?.creditStatus ?? null,
          ...(outcome.stale ? { stale: { fetchedAt: outcome.fetchedAt, message: outcome.message } } : {}),
        });
      });
    return () => {
      current = false;
    };
  };
  // A new account: nothing of the last one may show. A new lookup of the same one: the last answer stays until the next.
  useEffect(() => setLoad({ phase: 'loading' }), [accountId]);
  useEffect(ask, [accountId, refreshKey]);
  return { load, retry: () => void ask() };
}
