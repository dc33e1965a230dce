import type { AccountMatchData } from '@/lib/messages';
import { LEVEL_LETTER, riskLabel, TREND_TEXT } from '@/ui/format/risk';

interface Props {
  matches: AccountMatchData[];
  selectedId: string;
  onSelect: (id: string) => void;
}

/**
 * When a thread or record involves several customers: one button each, its level as a letter in a ring (colour is
 * not the only cue) and in words (with the trend) in its accessible name, which starts with the visible name.
 */
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
            aria-label={words ? `${account.name}: ${words}` : `${account.name}: no credit status`}
          >
            <span class="level-badge" data-level={level ?? 'NONE'} aria-hidden="true">
              {level ? LEVEL_LETTER[level] : '–'}
            </span>
            <span class="switcher__name">{account.name}</span>
          </button>
        );
      })}
    </nav>
  );
}
