/**
 * Broadcasts for the tab an extension frame lives in (the panel, the toggle: both framed in a host page). The worker
 * broadcasts `tab-changed` and `panel-toggled` to every extension page with the tab they are about; a frame takes
 * only its own tab's. Its tab id comes from `tabs.getCurrent()`, which answers asynchronously: a broadcast arriving
 * before it did is held and handed on (or dropped) once the id is known, never taken for this tab's meanwhile.
 * Broadcasts about no tab (`auth-changed`) pass at once. Where the browser does not say which tab the frame is in
 * (`getCurrent` missing or failing), every tab's broadcasts are taken, as the frame cannot tell them apart.
 */
import { useEffect, useRef } from 'preact/hooks';
import { browser } from 'wxt/browser';
import type { Broadcast } from './messages.js';
import { onBroadcast } from './send.js';

/** At most this many broadcasts are held while the tab id is unknown (the newest kept). */
const MAX_HELD = 50;

export class OwnTabBroadcasts {
  /** undefined: not known yet; null: the browser does not say. */
  private tabId: number | null | undefined = undefined;
  private held: Broadcast[] = [];

  constructor(private readonly deliver: (message: Broadcast) => void) {}

  /** The frame's tab id has arrived: the held broadcasts are handed on in order, those of other tabs dropped. */
  known(tabId: number | null): void {
    if (this.tabId !== undefined) return;
    this.tabId = tabId;
    const held = this.held;
    this.held = [];
    for (const message of held) this.accept(message);
  }

  accept(message: Broadcast): void {
    if (!('tabId' in message)) {
      this.deliver(message);
      return;
    }
    if (this.tabId === undefined) {
      this.held.push(message);
      if (this.held.length > MAX_HELD) this.held.shift();
      return;
    }
    if (this.tabId !== null && message.tabId !== this.tabId) return;
    this.deliver(message);
  }
}

/** The tab this frame lives in, when the browser tells. */
export async function currentTabId(): Promise<number | null> {
  try {
    return (await browser.tabs?.getCurrent?.())?.id ?? null;
  } catch {
    return null;
  }
}

/** `handler` for the broadcasts of `types` that concern this frame's own tab (see `OwnTabBroadcasts`). */
export function useOwnTabBroadcast(types: readonly Broadcast['type'][], handler: (message: Broadcast) => void): void {
  const latest = useRef(handler);
  latest.current = handler;
  const key = types.join('|');
  useEffect(() => {
    const wanted = new Set(key.split('|'));
    let live = true;
    const gate = new OwnTabBroadcasts((message) => {
      if (live) latest.current(message);
    });
    const stop = onBroadcast((message) => {
      if (wanted.has(message.type)) gate.accept(message);
    });
    void currentTabId().then((id) => gate.known(id));
    return () => {
      live = false;
      stop();
    };
  }, [key]);
}
