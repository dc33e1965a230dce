import { formatDate, formatDateTime } from '../format/dates';
import { relativeTime } from '../format/relative-time';

interface Props {
  iso: string | null | undefined;
  /** Injected in tests; otherwise the render time. */
  now?: Date;
  /** Also the day in the text ("3 days ago (2 Dec 2026)"), not only in the tooltip; the same day needs none. */
  withDate?: boolean;
}

/** A relative date ("3 days ago") with the exact time on hover and in the datetime attribute. */
export function RelativeTime({ iso, now, withDate = false }: Props) {
  if (!iso) return null;
  const text = relativeTime(iso, now);
  if (!text) return null;
  const day = withDate && Math.abs(Date.parse(iso) - (now ?? new Date()).getTime()) >= 24 * 3600 * 1000 ? formatDate(iso) : '';
  return (
    <time dateTime={iso} title={formatDateTime(iso)}>
      {text}
      {day ? ` (${day})` : ''}
    </time>
  );
}
