/**
 * The content script's whole job: detect who is on the page with its site's adapter, report it to the
 * service worker, and mount or unmount the toggle + panel as the answer says. It never receives credit data and
 * never holds a token: the only answers it gets are `{ mount, panelOpen }` and the `content/toggle-panel` command
 * (the keyboard shortcut, or a click in the toggle's own extension frame, relayed by the worker).
 * An adapter that throws is contained here (reported as health), so a broken site never breaks the page.
 *
 * Records linked through the CRM's own API (`SiteAdapter.linkedRecordsFor`: a Dynamics opportunity's account, which
 * the page shows by name only): asked once per record for the page's life (cached, refusals too), same origin. An
 * answer the adapter marks `retryable` (the CRM did not answer, after the adapter's own back-off) is asked again
 * `linkedRetryMs` later, at most `MAX_LINKED_ROUNDS` times per record. The
 * first report of that record waits for the answer up to `linkedWaitMs` (default 1 s), so the panel's first answer
 * is already the account's, not "not a customer"; a slower answer (the adapter gives up at 3 s) is reported when it
 * comes, as a second report.
 */
import type { CrmRecordRef, DetectResult } from '@earshot/shared';
import type { ContentScriptContext } from 'wxt/utils/content-script-context';
import type { ContentCommand } from '../lib/messages.js';
import { pageFetch } from '../sites/dynamics-api.js';
import { crashReport } from '../sites/health.js';
import { startDetectLoop } from './detect-loop.js';
import { mountPanel, type PanelMount } from './mount.js';
import type { PageFetch, SiteAdapter } from '../sites/types.js';
import { createReporter, type SendReport } from './reporter.js';

export interface ContentScriptDeps {
  ctx: ContentScriptContext;
  win: Window;
  /**
   * The adapter that reads this page: each built-in site's content script passes its own, the custom sites' script
   * the generic one (src/entrypoints/), so no script carries another site's adapter.
   */
  adapter: SiteAdapter;
  panelUrl: string;
  /** toggle.html: the toggle tab's own extension page (shows the risk level out of the page's reach). */
  toggleUrl?: string;
  sendReport: SendReport;
  rememberPanel: (site: string, open: boolean) => Promise<unknown>;
  /** Subscribe to commands from the service worker; returns the unsubscribe function. */
  onCommand: (listener: (command: ContentCommand) => void) => () => void;
  debounceMs?: number;
  healthSettleMs?: number;
  /** Same-origin reads of the CRM's own API for `linkedRecordsFor` (default: the page's fetch, see pageFetch). */
  fetch?: PageFetch;
  /** How long a first report waits for `linkedRecordsFor`. @defaultValue 1000 */
  linkedWaitMs?: number;
  /** After a `retryable` answer, ask again this much later. @defaultValue 30000 */
  linkedRetryMs?: number;
}

/** Rounds of `linkedRecordsFor` per record and page, the first included. */
export const MAX_LINKED_ROUNDS = 3;

/** One `linkedRecordsFor` lookup: `records` once it has answered. */
interface LinkedLookup {
  records?: CrmRecordRef[];
  done: Promise<void>;
  /** Rounds asked so far for this record. */
  rounds: number;
}

export interface ContentScript {
  /** Detect and report now (also what every scheduled detect runs). */
  detectNow(): Promise<void>;
  panel(): PanelMount | null;
}

/** Runs the detect → report → mount cycle for this page until `ctx` is invalidated. */
export function startContentScript(deps: ContentScriptDeps): ContentScript {
  const { ctx, win, adapter } = deps;
  let panel: PanelMount | null = null;
  let siteKey = '';
  let running = false;
  let again = false;

  const isOwnNode = (node: Node) => panel !== null && (node === panel.host || panel.host.contains(node));
  const debounceMs = deps.debounceMs ?? adapter.debounceMs ?? 400;
  const loop = startDetectLoop({ ctx, win, run: () => void detectNow(), isOwnNode, debounceMs, maxWaitMs: debounceMs * 5 });
  const reporter = createReporter({
    send: deps.sendReport,
    recheckIn: loop.recheckIn,
    healthSettleMs: deps.healthSettleMs,
  });

  const fetchFn = deps.fetch ?? pageFetch(win);
  const linkedWaitMs = deps.linkedWaitMs ?? 1000;
  const linkedRetryMs = deps.linkedRetryMs ?? 30_000;
  const linked = new Map<string, LinkedLookup>();
  const stale = new Set<string>();

  /** The adapter's lookup of the records this context's record belongs to, started once per record. */
  const linkedLookup = (result: DetectResult): LinkedLookup | undefined => {
    const context = result.context;
    const record = context?.crmRecord;
    if (!context || !record || context.linkedRecords?.length || !adapter.linkedRecordsFor) return undefined;
    const key = `${adapter.name}|${record.system}|${record.objectType}|${record.recordId}`;
    let lookup = linked.get(key);
    if (!lookup || stale.has(key)) {
      stale.delete(key);
      const entry: LinkedLookup = { done: Promise.resolve(), rounds: (lookup?.rounds ?? 0) + 1 };
      entry.done = Promise.resolve()
        .then(() => adapter.linkedRecordsFor!(context, win.location, fetchFn))
        .catch(() => ({ records: [], retryable: false }))
        .then((answer) => {
          entry.records = Array.isArray(answer?.records) ? answer.records.slice(0, 10) : [];
          // The CRM did not answer: ask again later (a detect then finds this record's lookup stale).
          if (answer?.retryable === true && entry.records.length === 0 && entry.rounds < MAX_LINKED_ROUNDS) {
            ctx.setTimeout(() => {
              if (linked.get(key) !== entry) return;
              stale.add(key);
              loop.schedule();
            }, linkedRetryMs);
          }
        });
      linked.set(key, entry);
      lookup = entry;
    }
    return lookup;
  };

  const withLinked = (result: DetectResult, records: CrmRecordRef[] | undefined): DetectResult =>
    result.context && records?.length ? { ...result, context: { ...result.context, linkedRecords: records } } : result;

  /** The result with its linked records: at once when known, else after up to `linkedWaitMs`. */
  const enrich = async (result: DetectResult): Promise<DetectResult> => {
    const lookup = linkedLookup(result);
    if (!lookup) return result;
    if (!lookup.records) {
      const answered = await Promise.race([
        lookup.done.then(() => true),
        new Promise<boolean>((resolve) => ctx.setTimeout(() => resolve(false), linkedWaitMs)),
      ]);
      // Too slow for the first report: report again when it answers (detect reads the cached answer then).
      if (!answered) void lookup.done.then(() => lookup.records?.length && void detectNow());
    }
    return withLinked(result, lookup.records);
  };

  const remember = (open: boolean) => {
    deps.rememberPanel(siteKey, open).catch(() => undefined);
  };

  const detect = (): DetectResult => {
    const loc = win.location;
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
      const result = await enrich(detect());
      if (ctx.isInvalid) return;
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
    if (command.type === 'content/close-panel') panel?.close();
    if (command.type === 'content/report-again') {
      reporter.forget();
      void detectNow();
    }
  });
  ctx.onInvalidated(() => {
    unsubscribe();
    panel?.destroy();
    panel = null;
  });

  void detectNow();
  return { detectNow, panel: () => panel };
}
