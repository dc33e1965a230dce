/**
 * Focus in the panel's own document (issue 14). The content script focuses the panel's frame when the user opens it
 * (content/mount.ts); that lands on this document's body, so it moves on to the heading here. Escape anywhere in
 * the panel that no field took for itself (a form's cancel, the chip filter: they preventDefault) asks the worker to
 * close the panel (`panel/close`), and the content script puts focus back on the page. When a view swaps under the
 * focused control (Retry, a refresh), focus goes to the panel's main region instead of dropping to the body.
 */

/** The element focus lands on when the panel opens: the panel's heading. */
export const OPEN_FOCUS = '[data-panel-focus]';
/** Where focus goes when the focused control vanished: the main region (tabindex=-1). */
export const FALLBACK_FOCUS = '[data-focus-fallback]';

function focusFirst(doc: Document, selector: string): void {
  const el = doc.querySelector<HTMLElement>(selector);
  el?.focus({ preventScroll: true });
}

/** When focus dropped to the body while the panel still has it, puts it somewhere sensible. */
export function rescueFocus(doc: Document, selector = FALLBACK_FOCUS): void {
  if (doc.hasFocus() && (doc.activeElement === null || doc.activeElement === doc.body)) focusFirst(doc, selector);
}

export function installPanelFocus(win: Window, close: () => void): () => void {
  const doc = win.document;
  // After the browser has placed focus (a click on a control focuses that control first).
  const onFocus = () => win.setTimeout(() => rescueFocus(doc, OPEN_FOCUS), 0);
  const onKeyDown = (event: KeyboardEvent) => {
    if (event.key !== 'Escape' || event.defaultPrevented || event.isComposing) return;
    event.preventDefault();
    close();
  };
  const onFocusOut = () => win.setTimeout(() => rescueFocus(doc), 0);
  win.addEventListener('focus', onFocus);
  doc.addEventListener('keydown', onKeyDown);
  doc.addEventListener('focusout', onFocusOut);
  return () => {
    win.removeEventListener('focus', onFocus);
    doc.removeEventListener('keydown', onKeyDown);
    doc.removeEventListener('focusout', onFocusOut);
  };
}
