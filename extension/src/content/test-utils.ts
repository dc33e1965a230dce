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

/** Lets MutationObserver callbacks and promise continuations run. */
export const flush = () => new Promise<void>((resolve) => queueMicrotask(resolve));
