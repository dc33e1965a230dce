/**
 * The toggle tab (toggle.html), in its own extension-origin frame on the host page (content/mount.ts says why). It
 * shows the risk level of the customer the panel opens on — colour AND letter, and the level in words as the
 * button's accessible name ("Earshot: High risk — open panel") — read from the service worker for its own tab,
 * exactly as the panel does. A click or Enter/Space (a native button) asks the worker to flip the panel
 * (`toggle/click`); Escape closes an open panel. Nothing is posted to the host page.
 */
import type { RiskLevel } from '@earshot/shared';
import { useCallback, useEffect, useState } from 'preact/hooks';
import { EARSHOT_MARK_PATHS } from '@/content/mark';
import type { TabState } from '@/lib/messages';
import { useOwnTabBroadcast } from '@/lib/own-tab';
import { send } from '@/lib/send';
import { LEVEL_LETTER, riskLabel } from '@/ui/format/risk';

export { LEVEL_LETTER };

/** The level the panel opens on: its first customer's, when it has a credit status. */
export function toggleLevel(tab: TabState | null): RiskLevel | null {
  return tab?.matches[0]?.account.creditStatus?.riskLevel ?? null;
}

/** "Earshot: High risk — open panel"; "Earshot — close panel" when there is no level. */
export function toggleName(level: RiskLevel | null, open: boolean): string {
  const action = open ? 'close panel' : 'open panel';
  return level ? `Earshot: ${riskLabel(level)} — ${action}` : `Earshot — ${action}`;
}

export function Toggle({ search }: { search: string }) {
  const params = new URLSearchParams(search);
  const [open, setOpen] = useState(params.get('open') === '1');
  const [level, setLevel] = useState<RiskLevel | null>(null);

  const ask = useCallback(async () => {
    try {
      setLevel(toggleLevel(await send('tab/state', {})));
    } catch {
      setLevel(null); // the worker is away: the plain mark, still a working toggle
    }
  }, []);

  useEffect(() => {
    void ask();
  }, [ask]);

  // Its own tab's broadcasts only: one arriving before the browser said which tab this is waits for it (own-tab.ts).
  useOwnTabBroadcast(['broadcast/tab-changed', 'broadcast/auth-changed', 'broadcast/panel-toggled'], (message) => {
    if (message.type === 'broadcast/panel-toggled') return setOpen(message.open);
    void ask();
  });

  const flip = () => {
    setOpen((o) => !o); // at once; the worker's broadcast confirms it
    void send('toggle/click', {}).catch(() => undefined);
  };

  const name = toggleName(level, open);
  return (
    <button
      type="button"
      class="toggle"
      data-testid="toggle-button"
      data-level={level ?? undefined}
      data-page-theme={params.get('theme') === 'dark' ? 'dark' : undefined}
      aria-label={name}
      aria-expanded={open}
      title={name}
      aria-keyshortcuts="Alt+Shift+E"
      onClick={flip}
      onKeyDown={(event) => {
        if (event.key === 'Escape' && open) {
          event.preventDefault();
          flip();
        }
      }}
    >
      {level ? (
        <span class="toggle__letter" aria-hidden="true">
          {LEVEL_LETTER[level]}
        </span>
      ) : (
        <svg
          class="toggle__mark"
          viewBox="0 0 24 24"
          width="18"
          height="18"
          aria-hidden="true"
          focusable="false"
          fill="none"
          stroke="currentColor"
          stroke-width="2"
          stroke-linecap="round"
          stroke-linejoin="round"
        >
          {EARSHOT_MARK_PATHS.map((d) => (
            <path key={d} d={d} />
          ))}
        </svg>
      )}
    </button>
  );
}
