import { formatDate, formatDateTime } from '../format/dates';
import { calendarDayOffset, relativeTime } from '../format/relative-time';

interface Props {
  iso: string | null | undefined;
  /** Injected in tests; otherwise the render time. */
  now?: Date;
  /** Also the day in the text ("3 days ago (2 Dec 2026)"), not only in the tooltip; today needs none. */
  withDate?: boolean;
}

/** A relative date ("3 days ago") with the exact time on hover and in the datetime attribute. */
export function RelativeTime({ iso, now, withDate = false }: Props) {
  if (!iso) return null;
  const text = relativeTime(iso, now);
  if (!text) return null;
  // The day beside the words unless it is today (counted like the words: calendar days in the reader's zone).
  const day = withDate && calendarDayOffset(new Date(iso), now ?? new Date()) !== 0 ? formatDate(iso) : '';
  return (
    <time dateTime={iso} title={formatDateTime(iso)}>
      {text}
      {day ? ` (${day})` : ''}
    </time>
  );
}
