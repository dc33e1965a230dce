/**
 * The content script's whole job: detect who is on the page with the adapter for this host, report it to the
 * service worker, and mount or unmount the toggle + panel as the answer says. It never receives credit data and
 * never holds a token: the only answers it gets are `{ mount, panelOpen }` and the `content/toggle-panel` command
 * (the keyboard shortcut, or a click in the toggle's own extension frame, relayed by the worker).
 * An adapter that throws is contained here (reported as health), so a broken site never breaks the page.
 */
import type { DetectResult } from '@earshot/shared';
import type { ContentScriptContext } from 'wxt/utils/content-script-context';
import type { ContentCommand } from '../lib/messages.js';
import { crashReport } from '../sites/health.js';
import { pickAdapter } from '../sites/index.js';
import { startDetectLoop } from './detect-loop.js';
import { mountPanel, type PanelMount } from './mount.js';
import { createReporter, type SendReport } from './reporter.js';

export interface ContentScriptDeps {
  ctx: ContentScriptContext;
  win: Window;
  panelUrl: string;
  /** toggle.html: the toggle tab's own extension page (shows the risk level out of the page's reach). */
  toggleUrl?: string;
  sendReport: SendReport;
  rememberPanel: (site: string, open: boolean) => Promise<unknown>;
  /** Subscribe to commands from the service worker; returns the unsubscribe function. */
  onCommand: (listener: (command: ContentCommand) => void) => () => void;
  debounceMs?: number;
  healthSettleMs?: number;
}

export interface ContentScript {
  /** Detect and report now (also what every scheduled detect runs). */
  detectNow(): Promise<void>;
  panel(): PanelMount | null;
}

/** Runs the detect → report → mount cycle for this page until `ctx` is invalidated. */
export function startContentScript(deps: ContentScriptDeps): ContentScript {
  const { ctx, win } = deps;
  let panel: PanelMount | null = null;
  let siteKey = '';
  let running = false;
  let again = false;

  const isOwnNode = (node: Node) => panel !== null && (node === panel.host || panel.host.contains(node));
  // The host name never changes without a page load, so the adapter's pacing can be chosen once.
  const debounceMs = deps.debounceMs ?? pickAdapter(win.location).debounceMs ?? 400;
  const loop = startDetectLoop({ ctx, win, run: () => void detectNow(), isOwnNode, debounceMs, maxWaitMs: debounceMs * 5 });
  const reporter = createReporter({
    send: deps.sendReport,
    recheckIn: loop.recheckIn,
    healthSettleMs: deps.healthSettleMs,
  });

  const remember = (open: boolean) => {
    deps.rememberPanel(siteKey, open).catch(() => undefined);
  };

  const detect = (): DetectResult => {
    const loc = win.location;
    const adapter = pickAdapter(loc);
    try {
      return adapter.detect(win.document, loc);
    } catch (error) {
      return { context: null, health: crashReport(adapter.name, error, loc, new Date()) };
    }
  };

  const apply = (mount: boolean, panelOpen: boolean) => {
    if (!mount) {
      panel?.destroy();
      panel = null;
      return;
    }
    if (panel) return panel.ensureAttached();
    panel = mountPanel({ doc: win.document, panelUrl: deps.panelUrl, ...(deps.toggleUrl ? { toggleUrl: deps.toggleUrl } : {}), open: panelOpen, onUserToggle: remember });
  };

  async function detectNow(): Promise<void> {
    if (ctx.isInvalid) return;
    if (running) {
      again = true;
      return;
    }
    running = true;
    try {
      const result = detect();
      if (result.context) siteKey = result.context.site === 'generic' ? win.location.origin : result.context.site;
      const outcome = await reporter.report(result);
      if (ctx.isInvalid) return;
      if (outcome.sent && outcome.reply) apply(outcome.reply.mount, outcome.reply.panelOpen);
      else panel?.ensureAttached();
    } finally {
      running = false;
      if (again) {
        again = false;
        loop.schedule();
      }
    }
  }

  // A page restored from the back/forward cache keeps this script, but the worker cleared the tab's state when
  // the tab navigated away: report again, as if new.
  ctx.addEventListener(win, 'pageshow', (event: PageTransitionEvent) => {
    if (!event.persisted) return;
    reporter.forget();
    void detectNow();
  });

  const unsubscribe = deps.onCommand((command) => {
    if (command.type === 'content/toggle-panel') panel?.toggle();
  });
  ctx.onInvalidated(() => {
    unsubscribe();
    panel?.destroy();
    panel = null;
  });

  void detectNow();
  return { detectNow, panel: () => panel };
}
