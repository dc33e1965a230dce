import type { SessionUser } from '@/lib/messages';

interface Props {
  user: SessionUser | null;
  busy: boolean;
  onRefresh: () => void;
}

/** The panel's top bar: product name, who is signed in, refresh. */
export function PanelBar({ user, busy, onRefresh }: Props) {
  return (
    <div class="panel-bar">
      <h1 class="panel-bar__brand">
        <span class="brand-mark" aria-hidden="true" />
        Earshot
      </h1>
      {user ? (
        <span class="panel-bar__user" title={user.email}>
          {user.name} · {user.role.toLowerCase()}
        </span>
      ) : null}
      <button type="button" class="icon-button" onClick={onRefresh} disabled={busy} aria-label="Refresh" title="Refresh">
        <svg viewBox="0 0 16 16" width="14" height="14" aria-hidden="true" class={busy ? 'spin' : undefined}>
          <path d="M13.5 8a5.5 5.5 0 1 1-1.6-3.9M13.5 2.5v3h-3" fill="none" stroke="currentColor" stroke-width="1.6" stroke-linecap="round" stroke-linejoin="round" />
        </svg>
      </button>
    </div>
  );
}
