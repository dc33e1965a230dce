import { RelativeTime } from '@/ui/components/RelativeTime';

interface Props {
  fetchedAt: string | undefined;
  message: string | undefined;
  onRetry: () => void;
  busy: boolean;
}

/** The server cannot be reached: what is shown is the last data, and this says how old it is. */
export function StaleBanner({ fetchedAt, message, onRetry, busy }: Props) {
  return (
    <div class="banner banner--stale" data-testid="stale-banner" role="status">
      <span>
        <strong>Offline.</strong> {fetchedAt ? <>Showing data from <RelativeTime iso={fetchedAt} withDate />.</> : 'Showing the last data we had.'}
        {message ? <span class="banner__detail">{message}</span> : null}
      </span>
      <button type="button" class="button button--small" onClick={onRetry} disabled={busy}>
        {busy ? 'Retrying…' : 'Retry'}
      </button>
    </div>
  );
}
