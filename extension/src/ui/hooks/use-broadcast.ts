/** Re-ask the service worker when it says something changed (it broadcasts; extension pages listen). */
import { useEffect, useRef } from 'preact/hooks';
import type { Broadcast } from '@/lib/messages';
import { onBroadcast } from '@/lib/send';

/** Calls `handler` for every broadcast whose type is in `types`; the latest handler is always the one used. */
export function useBroadcast(types: readonly Broadcast['type'][], handler: (message: Broadcast) => void): void {
  const latest = useRef(handler);
  latest.current = handler;
  const key = types.join('|');
  useEffect(() => {
    const wanted = new Set(key.split('|'));
    return onBroadcast((message) => {
      if (wanted.has(message.type)) latest.current(message);
    });
  }, [key]);
}
