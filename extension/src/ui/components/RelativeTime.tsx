import { absoluteTime, relativeTime } from '../format/relative-time';

interface Props {
  iso: string | null | undefined;
  /** Injected in tests; otherwise the render time. */
  now?: Date;
}

/** A relative date ("3 days ago") with the exact time on hover and in the datetime attribute. */
export function RelativeTime({ iso, now }: Props) {
  if (!iso) return null;
  const text = relativeTime(iso, now);
  if (!text) return null;
  return (
    <time dateTime={iso} title={absoluteTime(iso)}>
      {text}
    </time>
  );
}
