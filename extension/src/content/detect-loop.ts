/**
 * When to look at the page again. A single-page app changes who is on screen without a page load, so detection
 * re-runs on navigation (WXT's `wxt:locationchange`, plus popstate / hashchange where the Navigation API is
 * missing and WXT falls back to polling) and on DOM changes, debounced: a burst of mutations (Gmail re-rendering
 * a thread, Salesforce hydrating a record) costs one detect after it settles, and `maxWaitMs` bounds the wait on
 * a page that never stops changing. The observer callback only checks whether a record touches something other
 * than our own nodes: no DOM queries there. Hidden tabs wait until they are shown.
 * Everything hangs off WXT's `ctx`, so an extension update or reload leaves no listener, observer or timer behind.
 */
import type { ContentScriptContext } from 'wxt/utils/content-script-context';

export interface DetectLoopOptions {
  ctx: ContentScriptContext;
  win: Window;
  /** Detect and report; errors are the caller's to contain. */
  run: () => void;
  /** Our own nodes (toggle, panel): their mutations never trigger a detect. */
  isOwnNode: (node: Node) => boolean;
  /** Quiet time before a detect. @defaultValue 400 */
  debounceMs?: number;
  /** Longest a pending detect may be postponed by continuing mutations. @defaultValue 2000 */
  maxWaitMs?: number;
}

export interface DetectLoop {
  /** Detect after the debounce (or sooner, if the max wait is reached). */
  schedule(): void;
  /** Detect in `ms` milliseconds, independent of the debounce (a health re-check). */
  recheckIn(ms: number): void;
}

const WATCHED_ATTRIBUTES = ['email', 'href', 'title', 'value', 'data-hovercard-id', 'aria-label', 'data-id', 'data-selenium-test'];

/** True when a mutation record is about the host page, not only about our own nodes. */
export function touchesHostPage(record: MutationRecord, isOwnNode: (node: Node) => boolean): boolean {
  if (isOwnNode(record.target)) return false;
  if (record.type !== 'childList') return true;
  for (const node of record.addedNodes) if (!isOwnNode(node)) return true;
  for (const node of record.removedNodes) if (!isOwnNode(node)) return true;
  return false;
}

export function startDetectLoop(options: DetectLoopOptions): DetectLoop {
  const { ctx, win, run, isOwnNode } = options;
  const debounceMs = options.debounceMs ?? 400;
  const maxWaitMs = options.maxWaitMs ?? 2000;
  const doc = win.document;
  let timer: number | undefined;
  let firstAskedAt = 0;
  let deferredWhileHidden = false;

  const fire = () => {
    timer = undefined;
    if (doc.hidden) {
      deferredWhileHidden = true;
      return;
    }
    run();
  };

  const schedule = () => {
    const now = Date.now();
    if (timer === undefined) firstAskedAt = now;
    else win.clearTimeout(timer);
    const wait = Math.max(0, Math.min(debounceMs, firstAskedAt + maxWaitMs - now));
    timer = ctx.setTimeout(fire, wait);
  };

  const observer = new MutationObserver((records) => {
    if (records.some((record) => touchesHostPage(record, isOwnNode))) schedule();
  });
  observer.observe(doc.documentElement, {
    childList: true,
    subtree: true,
    attributes: true,
    attributeFilter: WATCHED_ATTRIBUTES,
    characterData: true,
  });
  ctx.onInvalidated(() => {
    observer.disconnect();
    if (timer !== undefined) win.clearTimeout(timer);
  });

  ctx.addEventListener(win, 'wxt:locationchange', schedule);
  ctx.addEventListener(win, 'popstate', schedule);
  ctx.addEventListener(win, 'hashchange', schedule);
  ctx.addEventListener(doc, 'visibilitychange', () => {
    if (!doc.hidden && deferredWhileHidden) {
      deferredWhileHidden = false;
      schedule();
    }
  });
  // A same-origin frame finishing its load (Outlook's message frame) changes nothing in our document: `load` does
  // not bubble, but a capturing listener on the document sees it. Images load too; they are filtered out here.
  ctx.addEventListener(doc, 'load', (event: Event) => {
    const target = event.target as Element | null;
    if (target?.tagName === 'IFRAME' && !isOwnNode(target)) schedule();
  }, { capture: true });

  return {
    schedule,
    recheckIn: (ms) => void ctx.setTimeout(schedule, ms),
  };
}
