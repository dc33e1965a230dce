import type { CrmRecordRef } from '@earshot/shared';
import { useEffect, useRef, useState } from 'preact/hooks';
import type { AccountMatchData, SessionUser } from '@/lib/messages';
import { AccountSwitcher } from './AccountSwitcher';
import { AccountView } from './account/AccountView';

interface Props {
  matches: AccountMatchData[];
  user: SessionUser | null;
  sourceUrl: string | undefined;
  onChanged: () => void;
  /** The tab state's fetchedAt: the account on view asks its detail again after each lookup. */
  fetchedAt?: string | undefined;
  /** The page's own CRM record, if any: "Matched by its Salesforce account record" or "… this opportunity is linked to". */
  pageRecord?: CrmRecordRef | null | undefined;
}

/** The matched customers: a switcher when there are several, the chosen one's card below. */
export function MatchedAccounts({ matches, user, sourceUrl, onChanged, fetchedAt, pageRecord }: Props) {
  const [selectedId, setSelectedId] = useState<string | null>(null);
  const heading = useRef<HTMLDivElement>(null);
  const selected = matches.find((m) => m.account.id === selectedId) ?? matches[0];
  // Keep the choice while the page's matches refresh; fall back to the first when it disappears.
  useEffect(() => {
    if (selectedId && !matches.some((m) => m.account.id === selectedId)) setSelectedId(null);
  }, [matches, selectedId]);
  if (!selected) return null;
  return (
    <>
      {matches.length > 1 ? (
        <AccountSwitcher
          matches={matches}
          selectedId={selected.account.id}
          onSelect={(id) => {
            setSelectedId(id);
            heading.current?.scrollIntoView?.({ block: 'start' });
          }}
        />
      ) : null}
      <div ref={heading}>
        <AccountView key={selected.account.id} match={selected} user={user} sourceUrl={sourceUrl} onChanged={onChanged} pageRecord={pageRecord} {...(fetchedAt ? { refreshKey: fetchedAt } : {})} />
      </div>
    </>
  );
}
