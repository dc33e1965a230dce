/** Which designed state the panel is in, from the service worker's answer (pure, so every case is tested). */
import type { TabState } from '@/lib/messages';

export type PanelState = 'loading' | 'ready' | 'empty' | 'error' | 'signed-out' | 'unreachable';

export interface PanelLoad {
  /** The last answer from the service worker, kept while a new one is asked for. */
  tab: TabState | null;
  /** The request itself failed (service worker gone, extension reloaded). */
  failure: string | null;
  /** A request is in flight. */
  busy: boolean;
}

export function panelStateOf({ tab, failure, busy }: PanelLoad): PanelState {
  if (failure && !tab) return 'error';
  if (!tab) return busy ? 'loading' : 'error';
  switch (tab.connection) {
    case 'signed-out':
      return 'signed-out';
    case 'unreachable':
      return 'unreachable';
    case 'error':
      return 'error';
  }
  if (failure) return 'error';
  if (tab.matches.length > 0) return 'ready';
  if (tab.loading) return 'loading';
  return 'empty';
}
