/**
 * When to look at the page again. A single-page app changes who is on screen without a page load, so detection
 * re-runs on navigation (WXT's `wxt:locationchange`, plus popstate / hashchange where the Navigation API is
 * missing and WXT falls back to polling) and on DOM changes.
 *
 * The host page must not pay for our watching. One relevant mutation record is all it takes to know a detect is
 * due, so the observer disconnects at the first one: while a burst of DOM work goes on (Gmail rendering a thread,
 * Salesforce hydrating a record) the browser keeps no mutation records for us at all (measured with
 * test/bench/host-page.ts). Then:
 *   armed ──change──▶ detect after `debounceMs` ──▶ cool-down until `maxWaitMs` after the change
 *         ◀──────────── catch-up detect (for whatever changed unobserved), watching again ◀──┘
 * A burst costs two detects (its start and the catch-up, which sees the settled page); a page that never stops
 * changing costs about one detect per `maxWaitMs`; a quiet page costs nothing. Navigation events bypass the
 * cool-down: they schedule a detect directly. The observer callback only checks whether a record touches
 * something other than our own nodes: no DOM queries there. Hidden tabs wait until they are shown.
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

/**
 * True when a mutation record is about the host page, not only about our own nodes. A node of ours removed from
 * one of the page's nodes counts: the page took our root out (a framework re-rendering the document), and the
 * detect that follows puts it back (`ensureAttached`). Our own attach adds nodes only, which never count.
 */
export function touchesHostPage(record: MutationRecord, isOwnNode: (node: Node) => boolean): boolean {
  if (isOwnNode(record.target)) return false;
  if (record.type !== 'childList') return true;
  for (const node of record.addedNodes) if (!isOwnNode(node)) return true;
  return record.removedNodes.length > 0;
}

export function startDetectLoop(options: DetectLoopOptions): DetectLoop {
  const { ctx, win, run, isOwnNode } = options;
  const debounceMs = options.debounceMs ?? 400;
  const maxWaitMs = options.maxWaitMs ?? 2000;
  const doc = win.document;
  let timer: number | undefined;
  let firstAskedAt = 0;
  let deferredWhileHidden = false;

  /** Whether a change was seen since the last detect: only then does a detect start a cool-down. */
  let changed = false;
  let observing = false;

  const observer = new MutationObserver((records) => {
    if (!records.some((record) => touchesHostPage(record, isOwnNode))) return;
    observer.disconnect();
    observing = false;
    changed = true;
    schedule();
  });
  const OBSERVE_OPTIONS: MutationObserverInit = {
    childList: true,
    subtree: true,
    attributes: true,
    attributeFilter: WATCHED_ATTRIBUTES,
    characterData: true,
  };
  /**
   * Same-origin frame documents being watched (a webmail's preview pane: Roundcube's `#messagecontframe`). The one
   * observer watches them too (one `disconnect` stops all). Held weakly, with their frame: a frame that navigates to
   * the next message or is removed leaves its old document to the garbage collector, even when no `pagehide`
   * reached us. A document leaves the list at its `pagehide`, or when it is found gone (collected, its frame
   * removed, or showing another document) as the observer arms again; the new one joins at the frame's `load`.
   */
  type FrameEntry = { doc: WeakRef<Document>; frame: WeakRef<HTMLIFrameElement> };
  const frameDocs = new Set<FrameEntry>();
  const watched = new WeakSet<Document>();
  const forget = (entry: FrameEntry) => {
    frameDocs.delete(entry);
    const gone = entry.doc.deref();
    if (gone) watched.delete(gone);
  };
  /** The frame documents still shown by their frame (pruning the others). */
  const liveFrameDocs = (): Document[] => {
    const live: Document[] = [];
    for (const entry of frameDocs) {
      const frameDoc = entry.doc.deref();
      const frame = entry.frame.deref();
      let current: Document | null = null;
      try {
        current = frame?.isConnected ? frame.contentDocument : null;
      } catch {
        current = null;
      }
      if (frameDoc?.documentElement && current === frameDoc) live.push(frameDoc);
      else forget(entry);
    }
    return live;
  };
  const watchFrame = (frame: HTMLIFrameElement) => {
    let frameDoc: Document | null = null;
    try {
      frameDoc = frame.contentDocument; // null or a throw for a cross-origin frame: not ours to read
    } catch {
      return;
    }
    const frameWin = frame.contentWindow;
    if (!frameDoc?.documentElement || !frameWin || watched.has(frameDoc)) return;
    watched.add(frameDoc);
    const entry = { doc: new WeakRef(frameDoc), frame: new WeakRef(frame) };
    frameDocs.add(entry);
    frameWin.addEventListener('pagehide', () => forget(entry), { once: true, signal: ctx.signal });
    if (observing) observer.observe(frameDoc.documentElement, OBSERVE_OPTIONS);
  };
  const observe = () => {
    if (observing || ctx.isInvalid) return;
    observing = true;
    observer.observe(doc.documentElement, OBSERVE_OPTIONS);
    for (const frameDoc of liveFrameDocs()) observer.observe(frameDoc.documentElement, OBSERVE_OPTIONS);
  };

  const fire = () => {
    timer = undefined;
    if (doc.hidden) {
      deferredWhileHidden = true;
      return;
    }
    run();
    if (!changed) return observe();
    changed = false;
    // Cool-down: stay unobserved until maxWaitMs after the change, then watch again and look once more.
    ctx.setTimeout(() => {
      observe();
      schedule();
    }, Math.max(0, maxWaitMs - debounceMs));
  };

  const schedule = () => {
    const now = Date.now();
    if (timer === undefined) firstAskedAt = now;
    else win.clearTimeout(timer);
    const wait = Math.max(0, Math.min(debounceMs, firstAskedAt + maxWaitMs - now));
    timer = ctx.setTimeout(fire, wait);
  };

  observe();
  ctx.onInvalidated(() => {
    observer.disconnect();
    frameDocs.clear();
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
  // Its document is then watched for changes too (a preview pane filling in after its load).
  ctx.addEventListener(doc, 'load', (event: Event) => {
    const target = event.target as Element | null;
    if (target?.tagName !== 'IFRAME' || isOwnNode(target)) return;
    watchFrame(target as HTMLIFrameElement);
    schedule();
  }, { capture: true });
  // Frames already loaded when the script started (document_idle comes after the page's load).
  for (const frame of doc.querySelectorAll('iframe')) if (!isOwnNode(frame)) watchFrame(frame);

  return {
    schedule,
    recheckIn: (ms) => void ctx.setTimeout(schedule, ms),
  };
}
