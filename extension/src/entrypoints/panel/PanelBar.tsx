import type { SessionUser } from '@/lib/messages';

interface Props {
  user: SessionUser | null;
  busy: boolean;
  onRefresh: () => void;
  /** Closes the panel (the content script puts focus back on the page). */
  onClose: () => void;
}

/**
 * The panel's top bar, its banner landmark: product name (where focus lands when the panel opens), who is signed
 * in, refresh, close. Refresh stays focusable while it works (aria-disabled, not disabled): a disabled button
 * drops the keyboard user's focus to the body.
 */
export function PanelBar({ user, busy, onRefresh, onClose }: Props) {
  return (
    <header class="panel-bar">
      <h1 class="panel-bar__brand" tabIndex={-1} data-panel-focus>
        <span class="brand-mark" aria-hidden="true" />
        Earshot
      </h1>
      {user ? (
        <span class="panel-bar__user">
          {user.name} · {user.role.toLowerCase()}
        </span>
      ) : null}
      <button
        type="button"
        class="icon-button"
        onClick={() => {
          if (!busy) onRefresh();
        }}
        aria-disabled={busy}
        aria-label="Refresh"
        title="Refresh"
        data-testid="panel-refresh"
      >
        <svg viewBox="0 0 16 16" width="14" height="14" aria-hidden="true" class={busy ? 'spin' : undefined}>
          <path d="M13.5 8a5.5 5.5 0 1 1-1.6-3.9M13.5 2.5v3h-3" fill="none" stroke="currentColor" stroke-width="1.6" stroke-linecap="round" stroke-linejoin="round" />
        </svg>
      </button>
      <button type="button" class="icon-button" onClick={onClose} aria-label="Close panel" title="Close panel (Esc)" aria-keyshortcuts="Escape" data-testid="panel-close">
        <svg viewBox="0 0 16 16" width="14" height="14" aria-hidden="true">
          <path d="M4 4l8 8M12 4l-8 8" fill="none" stroke="currentColor" stroke-width="1.8" stroke-linecap="round" />
        </svg>
      </button>
    </header>
  );
}
