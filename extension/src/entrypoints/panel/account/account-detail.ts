import { useEffect, useState } from 'preact/hooks';
import { runOp } from '@/lib/run-op';
import type { AccountCardData, CreditDetailData } from '@/lib/types';

export type AccountDetailLoad =
  | { phase: 'loading' }
  | { phase: 'failed'; message: string }
  | { phase: 'ready'; signals: NonNullable<AccountCardData['signals']>; creditDetail: CreditDetailData | null };

/**
 * The parts of the account on view that the lookup does not ask for all its matches (`PanelAccountDetail`: the
 * latest signals and the credit detail; see PANEL_ACCOUNT_CARD_FIELDS for why): asked when the panel shows an
 * account, and again whenever the worker looked the page up again (`refreshKey`, the tab state's fetchedAt).
 */
export function useAccountDetail(accountId: string, refreshKey = ''): { load: AccountDetailLoad; retry: () => void } {
  const [load, setLoad] = useState<AccountDetailLoad>({ phase: 'loading' });
  const ask = () => {
    let current = true;
    void runOp('PanelAccountDetail', { id: accountId }).then((outcome) => {
      if (!current) return;
      if (!outcome.ok) return setLoad((was) => (was.phase === 'ready' ? was : { phase: 'failed', message: outcome.error }));
      const account = outcome.data.account;
      setLoad({ phase: 'ready', signals: account?.signals ?? { totalCount: 0, edges: [] }, creditDetail: account?.creditStatus ?? null });
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
