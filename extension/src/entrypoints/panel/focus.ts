/**
 * Focus in the panel's own document (issue 14). The content script focuses the panel's frame when the user opens it
 * (content/mount.ts); that lands on this document's body, so it moves on to the heading here. Escape anywhere in
 * the panel that no field took for itself (a form's cancel, the chip filter: they preventDefault) asks the worker to
 * close the panel (`panel/close`), and the content script puts focus back on the page. When a view swaps under the
 * focused control (Retry, a refresh), focus goes to the panel's main region instead of dropping to the body.
 *
 * The frame can be focused before this document's script has run (the panel opened right after the page loaded: the
 * frame's `focus` event fired with no listener yet), and its first render then finds focus on the body. So "the panel
 * was just opened" is a state of the document, not an event: from the frame getting focus (or this script finding it
 * already focused) until something inside takes focus, a rescue goes to the heading, whoever asks for it.
 */

/** The element focus lands on when the panel opens: the panel's heading. */
export const OPEN_FOCUS = '[data-panel-focus]';
/** Where focus goes when the focused control vanished: the main region (tabindex=-1). */
export const FALLBACK_FOCUS = '[data-focus-fallback]';

/** How long the open looks for the document's focus: 20 × 25 ms. */
const OPEN_RETRIES = 20;
const OPEN_RETRY_MS = 25;

/** Documents focused as a whole (the panel opened) where nothing inside has taken focus since. */
const justOpened = new WeakSet<Document>();

function focusFirst(doc: Document, selector: string): void {
  const el = doc.querySelector<HTMLElement>(selector);
  el?.focus({ preventScroll: true });
}

/**
 * When focus dropped to the body while the panel still has it, puts it somewhere sensible: the heading when the panel
 * has just been opened, otherwise `selector` (the main region).
 */
export function rescueFocus(doc: Document, selector = FALLBACK_FOCUS): void {
  if (!doc.hasFocus() || (doc.activeElement !== null && doc.activeElement !== doc.body)) return;
  focusFirst(doc, justOpened.has(doc) ? OPEN_FOCUS : selector);
}

export function installPanelFocus(win: Window, close: () => void): () => void {
  const doc = win.document;
  let retry: number | undefined;
  // After the browser has placed focus (a click on a control focuses that control first). The frame's `focus` event
  // can come before the document reports having focus (the frame is in the extension's process, the page in
  // another: the page's focus reaches it separately), so it looks again for a moment while nothing inside has focus.
  const settle = (attempt: number) => {
    retry = undefined;
    if (!justOpened.has(doc)) return;
    if (doc.hasFocus()) rescueFocus(doc, OPEN_FOCUS);
    else if (attempt < OPEN_RETRIES) retry = win.setTimeout(() => settle(attempt + 1), OPEN_RETRY_MS);
  };
  const opened = () => {
    justOpened.add(doc);
    if (retry !== undefined) win.clearTimeout(retry);
    retry = win.setTimeout(() => settle(0), 0);
  };
  const onFocusIn = (event: FocusEvent) => {
    if (event.target !== doc.body) justOpened.delete(doc);
  };
  const onKeyDown = (event: KeyboardEvent) => {
    if (event.key !== 'Escape' || event.defaultPrevented || event.isComposing) return;
    event.preventDefault();
    close();
  };
  const onFocusOut = () => win.setTimeout(() => rescueFocus(doc), 0);
  win.addEventListener('focus', opened);
  doc.addEventListener('focusin', onFocusIn);
  doc.addEventListener('keydown', onKeyDown);
  doc.addEventListener('focusout', onFocusOut);
  // Opened before this script ran: the frame's focus event has already gone by.
  if (doc.hasFocus()) opened();
  return () => {
    justOpened.delete(doc);
    if (retry !== undefined) win.clearTimeout(retry);
    win.removeEventListener('focus', opened);
    doc.removeEventListener('focusin', onFocusIn);
    doc.removeEventListener('keydown', onKeyDown);
    doc.removeEventListener('focusout', onFocusOut);
  };
}
