import type { AccountMatchData } from '@/lib/messages';
import { riskLabel } from '@/ui/format/risk';

interface Props {
  matches: AccountMatchData[];
  selectedId: string;
  onSelect: (id: string) => void;
}

/** When a thread or record involves several customers: one button each, with its risk colour and level. */
export function AccountSwitcher({ matches, selectedId, onSelect }: Props) {
  return (
    <nav class="switcher" aria-label="Customers on this page" data-testid="account-switcher">
      {matches.map(({ account }) => {
        const level = account.creditStatus?.riskLevel;
        return (
          <button
            key={account.id}
            type="button"
            class="switcher__item"
            aria-pressed={account.id === selectedId}
            data-account-id={account.id}
            onClick={() => onSelect(account.id)}
            title={level ? `${account.name}: ${riskLabel(level)}` : account.name}
          >
            <span class="switcher__dot" data-level={level ?? 'NONE'} aria-hidden="true" />
            <span class="switcher__name">{account.name}</span>
          </button>
        );
      })}
    </nav>
  );
}
