/** Test helpers for the content script: a fresh WXT context and a page at a given URL. */
import { ContentScriptContext } from 'wxt/utils/content-script-context';

export function newContext(): ContentScriptContext {
  return new ContentScriptContext('earshot-test');
}

/** Puts the global happy-dom window at `url` with `html` as its body. */
export function openPage(url: string, html: string): void {
  (window as unknown as { happyDOM: { setURL(u: string): void } }).happyDOM.setURL(url);
  document.body.innerHTML = html;
}

/**
 * Runs `change` (a `history.pushState`, an `openPage`) and, when it changed the URL's hash, waits until happy-dom
 * has dispatched its `hashchange`. Unlike browsers, happy-dom fires `hashchange` for pushState and for `setURL`
 * too, from a real timer that vitest's fake timers do not control: left pending, that event lands whenever the
 * event loop gets to it — in the middle of a later step of the test, or of the next test.
 */
export async function settleUrlChange(change: () => void): Promise<void> {
  const before = location.hash;
  const dispatched = new Promise<void>((resolve) => window.addEventListener('hashchange', () => resolve(), { once: true }));
  change();
  if (location.hash !== before) await dispatched;
}

/** Lets MutationObserver callbacks and promise continuations run. */
export const flush = () => new Promise<void>((resolve) => queueMicrotask(resolve));
