/**
 * The only things Earshot adds to a host page: a small toggle tab docked on the right edge, and the panel. Both are
 * `<iframe>`s whose documents are extension pages that get their data from the service worker:
 *
 *   <earshot-root data-earshot-root>             light DOM, appended to <html> (survives a body re-render)
 *     <iframe data-testid="earshot-toggle" src="chrome-extension://…/toggle.html?open=0">   the toggle button
 *     <iframe data-testid="earshot-panel" src="chrome-extension://…/panel.html">            the panel
 *
 * The toggle shows the customer's risk level (its colour AND its letter, and "Earshot: High risk — open panel" as
 * its accessible name). That is credit data, so it cannot be a host-page element: a closed shadow root is still
 * the page's DOM (its styles are computable, its text is in the page's accessibility tree and selection, and a
 * script patched in before us can keep the shadow root). In its own extension-origin frame the level never enters
 * the page: toggle.html asks the worker for its own tab's state (like the panel), and a click goes frame → worker
 * (`toggle/click`) → this content script (`content/toggle-panel`), which flips the panel and reports it
 * (`panel/remember`); the worker tells the frame (`broadcast/panel-toggled`). The page sees two iframes of fixed
 * size and whether the panel is open, nothing more. Its address says only whether the panel is open and the
 * page's theme (both the page's own facts). Inline styles are `!important` so page rules such as
 * `iframe { display: none }` do not hide them.
 */
export const PANEL_WIDTH_PX = 380;
/**
 * What the panel always leaves of the page at narrow widths (a 320 px window, 400% zoom): room for the toggle (32 px)
 * and a margin, so the toggle, which closes the panel, is never pushed off-screen and the page never fully covered.
 */
export const PAGE_KEPT_PX = 40;
/** The panel's width: 380 px, or less on a narrow viewport (see PAGE_KEPT_PX). */
export const PANEL_WIDTH_CSS = `min(${PANEL_WIDTH_PX}px, calc(100vw - ${PAGE_KEPT_PX}px))`;
const Z_TOP = '2147483647';
/** The second frame starts loading this long after mount at the latest (normally at the first frame's `load`). */
export const SECOND_FRAME_FALLBACK_MS = 2000;

export interface PanelMountOptions {
  doc: Document;
  panelUrl: string;
  /** toggle.html (extension page); defaults to panelUrl's sibling. */
  toggleUrl?: string;
  open: boolean;
  /** The user opened or closed the panel (click, Escape, keyboard command). */
  onUserToggle: (open: boolean) => void;
}

export interface PanelMount {
  readonly host: HTMLElement;
  readonly iframe: HTMLIFrameElement;
  /** The toggle's frame (its button lives in the extension document, out of the page's reach). */
  readonly toggleFrame: HTMLIFrameElement;
  isOpen(): boolean;
  setOpen(open: boolean): void;
  /**
   * A user action (toggle click, keyboard shortcut): flips the state and reports it through `onUserToggle`. Opening
   * moves focus into the panel (the element focused before is kept); closing while focus is in the panel or the
   * toggle puts it back there (on the toggle when that element is gone).
   */
  toggle(): void;
  /** A user action from inside the panel (Escape, its close button): closes it and puts focus back, as `toggle`. */
  close(): void;
  /** Puts the nodes back if the page removed them. */
  ensureAttached(): void;
  destroy(): void;
}

function important(el: HTMLElement, styles: Record<string, string>): void {
  for (const [prop, value] of Object.entries(styles)) el.style.setProperty(prop, value, 'important');
}

/** `rgb(1, 2, 3)`, `rgba(1, 2, 3, 0.5)` or `#rrggbb` → [r, g, b], null when transparent or unreadable. */
function parseColor(value: string): [number, number, number] | null {
  const rgb = /rgba?\((\d+),\s*(\d+),\s*(\d+)(?:,\s*([\d.]+))?/.exec(value);
  if (rgb) return Number(rgb[4] ?? 1) === 0 ? null : [Number(rgb[1]), Number(rgb[2]), Number(rgb[3])];
  const hex = /^#([0-9a-f]{2})([0-9a-f]{2})([0-9a-f]{2})$/i.exec(value.trim());
  return hex ? [Number.parseInt(hex[1]!, 16), Number.parseInt(hex[2]!, 16), Number.parseInt(hex[3]!, 16)] : null;
}

/** Whether the page paints a dark background (read once, at mount). */
export function pageLooksDark(doc: Document): boolean {
  const view = doc.defaultView;
  for (const el of [doc.body, doc.documentElement]) {
    const color = el && view ? parseColor(view.getComputedStyle(el).backgroundColor) : null;
    if (color) return 0.2126 * color[0] + 0.7152 * color[1] + 0.0722 * color[2] < 110;
  }
  return view?.matchMedia?.('(prefers-color-scheme: dark)').matches ?? false;
}

export function mountPanel(options: PanelMountOptions): PanelMount {
  const { doc } = options;
  let open = options.open;

  const host = doc.createElement('earshot-root');
  host.setAttribute('data-earshot-root', '');
  important(host, { all: 'initial', position: 'fixed', top: '0', right: '0', width: '0', height: '0', 'z-index': Z_TOP });

  const dark = pageLooksDark(doc);
  const toggleUrl = options.toggleUrl ?? options.panelUrl.replace(/panel\.html$/, 'toggle.html');
  const toggleFrame = doc.createElement('iframe');
  toggleFrame.setAttribute('data-testid', 'earshot-toggle');
  // A constant title: the frame's own button carries the level in its accessible name, inside the extension page.
  toggleFrame.title = 'Earshot';
  // The state it starts in and the page's theme: the page's own facts, nothing about the customer.
  const toggleSrc = () => `${toggleUrl}?open=${open ? 1 : 0}${dark ? '&theme=dark' : ''}`;
  toggleFrame.setAttribute('allowtransparency', 'true');

  const iframe = doc.createElement('iframe');
  iframe.setAttribute('data-testid', 'earshot-panel');
  iframe.title = 'Earshot panel';

  // One frame at a time, the one that shows the level first: the panel when it starts open, else the toggle. Both
  // are documents of the extension's one renderer process; created and loaded side by side, each waited for the
  // other (test/bench/time-to-level.ts). The other frame is put in (and loads) once the first has loaded, or after
  // SECOND_FRAME_FALLBACK_MS should its `load` never come.
  const first = open ? iframe : toggleFrame;
  host.append(first);
  let secondStarted = false;
  const startSecond = () => {
    if (secondStarted) return;
    secondStarted = true;
    view?.clearTimeout(fallback);
    first.removeEventListener('load', startSecond);
    if (first === iframe) {
      toggleFrame.src = toggleSrc();
      host.prepend(toggleFrame);
    } else {
      iframe.src = options.panelUrl;
      host.append(iframe);
    }
  };
  const view = doc.defaultView;
  const fallback = view?.setTimeout(startSecond, SECOND_FRAME_FALLBACK_MS);
  first.addEventListener('load', startSecond);
  if (first === iframe) iframe.src = options.panelUrl;
  else toggleFrame.src = toggleSrc();

  const render = () => {
    important(toggleFrame, {
      position: 'fixed', top: 'calc(50% - 28px)', right: open ? PANEL_WIDTH_CSS : '0', display: 'block', width: '32px',
      height: '56px', border: '0', margin: '0', padding: '0', 'max-width': 'none', background: 'transparent',
      'color-scheme': 'normal', visibility: 'visible', opacity: '1', 'border-radius': '10px 0 0 10px', overflow: 'hidden',
    });
    important(iframe, {
      position: 'fixed', top: '0', right: '0', width: PANEL_WIDTH_CSS, height: '100vh', border: '0',
      margin: '0', 'max-width': 'none', 'box-shadow': '-4px 0 16px rgba(0,0,0,.25)', 'color-scheme': 'light dark',
      background: 'Canvas', display: open ? 'block' : 'none', visibility: 'visible', opacity: '1',
    });
    iframe.toggleAttribute('hidden', !open);
  };

  const setOpen = (next: boolean) => {
    open = next;
    // Opened before the toggle (the first frame) has loaded, by the keyboard shortcut: the panel goes in now.
    if (open) startSecond();
    render();
  };

  // Whether the panel's document is in the frame (its `load`). Focus given to the frame element before that stays on
  // the element: the extension document that comes in after never gets it (outside test: 10 of 10 opens by the
  // shortcut before the frame had loaded left the panel without focus). Such an open is marked, and at the frame's
  // `load` focus is handed over again — unless the user has closed the panel or moved focus elsewhere since.
  let panelLoaded = false;
  let focusAtLoad = false;
  iframe.addEventListener('load', () => {
    panelLoaded = true;
    if (!focusAtLoad) return;
    focusAtLoad = false;
    if (!open || doc.activeElement !== iframe) return;
    iframe.blur();
    iframe.focus();
  });

  // Where focus was on the page when the user opened the panel: it goes back there when they close it.
  let returnTo: Element | null = null;
  const ours = (el: Element | null) => el !== null && (el === host || host.contains(el));
  const focusInto = () => {
    const before = doc.activeElement;
    returnTo = before && before !== doc.body && before !== iframe ? before : toggleFrame;
    // Focusing the frame element hands focus to the panel's document, which moves it to its heading (panel/focus.ts).
    iframe.focus();
    focusAtLoad = !panelLoaded;
  };
  const focusBack = () => {
    const active = doc.activeElement;
    // Only when focus was in our frames (or dropped to the body): a shortcut pressed on the page leaves it alone.
    if (active && active !== doc.body && !ours(active)) return;
    const target = returnTo;
    returnTo = null;
    if (target?.isConnected && target !== iframe && typeof (target as HTMLElement).focus === 'function') {
      (target as HTMLElement).focus();
      if (doc.activeElement === target) return;
    }
    toggleFrame.focus();
  };
  const userSet = (next: boolean) => {
    if (next === open) return;
    focusAtLoad = false;
    setOpen(next);
    options.onUserToggle(open);
    if (open) focusInto();
    else focusBack();
  };
  const toggle = () => userSet(!open);
  const close = () => userSet(false);

  const attach = () => (doc.documentElement ?? doc.body).append(host);
  render();
  attach();

  return {
    host,
    iframe,
    toggleFrame,
    isOpen: () => open,
    setOpen,
    toggle,
    close,
    ensureAttached: () => {
      if (host.isConnected) return;
      // Re-attaching reloads both frames: the toggle's starts from the panel's state now, not at mount.
      if (toggleFrame.parentNode === host) toggleFrame.src = toggleSrc();
      if (iframe.parentNode === host) panelLoaded = false;
      attach();
    },
    destroy: () => {
      view?.clearTimeout(fallback);
      first.removeEventListener('load', startSecond);
      host.remove();
    },
  };
}
