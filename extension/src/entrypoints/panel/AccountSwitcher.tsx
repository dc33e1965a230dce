import type { AccountMatchData } from '@/lib/messages';
import { LEVEL_LETTER, riskLabel, TREND_TEXT } from '@/ui/format/risk';

interface Props {
  matches: AccountMatchData[];
  selectedId: string;
  onSelect: (id: string) => void;
}

/**
 * When a thread or record involves several customers: one button each, its level as a letter in a ring (colour is
 * not the only cue) and in words (with the trend) for screen readers after the visible name, so the name is the label seen (WCAG 2.5.3).
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
          >
            <span class="level-badge" data-level={level ?? 'NONE'} aria-hidden="true">
              {level ? LEVEL_LETTER[level] : '–'}
            </span>
            <span class="switcher__name">{account.name}</span>
            <span class="visually-hidden">{words ? `: ${words}` : ': no credit status'}</span>
          </button>
        );
      })}
    </nav>
  );
}
