import type { AccountMatchData } from '@/lib/messages';
import { riskLabel, TREND_TEXT } from '@/ui/format/risk';

interface Props {
  matches: AccountMatchData[];
  selectedId: string;
  onSelect: (id: string) => void;
}

/** When a thread or record involves several customers: one button each, with its risk colour, and its level and trend in words. */
export function AccountSwitcher({ matches, selectedId, onSelect }: Props) {
  return (
    <nav class="switcher" aria-label="Customers on this page" data-testid="account-switcher">
      {matches.map(({ account }) => {
        const level = account.creditStatus?.riskLevel;
        const trend = account.creditStatus ? TREND_TEXT[account.creditStatus.trend].label.toLowerCase() : null;
        const words = level ? `${riskLabel(level)}${trend ? `, ${trend}` : ''}` : null;
        return (
          <button
            key={account.id}
            type="button"
            class="switcher__item"
            aria-pressed={account.id === selectedId}
            data-account-id={account.id}
            onClick={() => onSelect(account.id)}
            title={words ? `${account.name}: ${words}` : account.name}
            aria-label={words ? `${account.name}: ${words}` : undefined}
          >
            <span class="switcher__dot" data-level={level ?? 'NONE'} aria-hidden="true" />
            <span class="switcher__name">{account.name}</span>
          </button>
        );
      })}
    </nav>
  );
}
