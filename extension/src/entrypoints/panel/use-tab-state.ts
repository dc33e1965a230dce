import { useCallback, useLayoutEffect, useRef, useState } from 'preact/hooks';
import { useOwnTabBroadcast } from '@/lib/own-tab';
import { send } from '@/lib/send';
import type { TabState } from '@/lib/messages';
import type { PanelLoad } from './panel-state';

/** The origin of the page this frame is embedded in, where the browser says (Chromium: `location.ancestorOrigins`). */
function embeddingOrigin(): string | null {
  const list = (globalThis.location as (Location & { ancestorOrigins?: DOMStringList }) | undefined)?.ancestorOrigins;
  return list && list.length > 0 ? (list[0] ?? null) : null;
}

/**
 * The tab's state only when it is about the page this panel is framed by. `panel.html` is web-accessible, so any
 * page can frame it; between a real navigation and the worker learning of it (it checks with the old document's
 * content script), a new page framing the panel must not be shown — nor act on — the previous page's customer.
 */
export function forThisPage(tab: TabState, origin: string | null): TabState {
  if (!origin || !tab.context) return tab;
  let pageOrigin: string | null = null;
  try {
    pageOrigin = new URL(tab.context.url).origin;
  } catch {
    pageOrigin = null;
  }
  return pageOrigin === origin ? tab : { ...tab, context: null, matches: [] };
}

/** The first `tab/state` request, sent by `prefetchTabState` before the panel renders; taken once. */
let prefetched: Promise<TabState> | null = null;

/**
 * Sends the panel's first `tab/state` request at once, as its document starts (panel/main.tsx), rather than after
 * its first render and paint: the answer (from the worker's cache, as a rule) is then on its way while the panel
 * renders. The first `useTabState` takes it.
 */
export function prefetchTabState(): void {
  prefetched = send('tab/state', {});
  // Taken by useTabState, which handles a failure; never an unhandled rejection meanwhile.
  prefetched.catch(() => undefined);
}

/**
 * Asks the service worker for this tab's state (`tab/state`; the first time, the request `prefetchTabState` sent), again on
 * `broadcast/tab-changed`, and on demand (`tab/refresh`, which makes it go back to the server). Keeps the last answer
 * while a new one is on its way.
 */
export function useTabState(): PanelLoad & { reload: () => void } {
  const [load, setLoad] = useState<PanelLoad>({ tab: null, failure: null, busy: true });
  const sequence = useRef(0);

  const ask = useCallback(async (type: 'tab/state' | 'tab/refresh') => {
    const mine = ++sequence.current;
    setLoad((l) => ({ ...l, busy: true }));
    const early = type === 'tab/state' ? prefetched : null;
    prefetched = null;
    try {
      const tab = forThisPage(await (early ?? send(type, {})), embeddingOrigin());
      if (mine === sequence.current) setLoad({ tab, failure: null, busy: false });
    } catch (error) {
      if (mine === sequence.current)
        setLoad((l) => ({ ...l, failure: error instanceof Error ? error.message : String(error), busy: false }));
    }
  }, []);

  // Before the first paint: the answer is shown as soon as it is in.
  useLayoutEffect(() => {
    void ask('tab/state');
  }, [ask]);

  // Other tabs' changes are not this panel's; one arriving before the browser said which tab this is waits for it.
  useOwnTabBroadcast(['broadcast/tab-changed', 'broadcast/auth-changed'], () => void ask('tab/state'));

  const reload = useCallback(() => void ask('tab/refresh'), [ask]);
  return { ...load, reload };
}
