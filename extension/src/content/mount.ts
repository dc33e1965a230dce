/**
 * The only things Earshot adds to a host page: a small toggle tab docked on the right edge, and the panel, an
 * `<iframe>` whose document is an extension page (`panel.html`) that gets its data from the service worker.
 *
 *   <earshot-root data-earshot-root>             light DOM, appended to <html> (survives a body re-render)
 *     <earshot-toggle data-testid="earshot-toggle">  #shadow-root (closed): style + <button> with the mark
 *     <iframe data-testid="earshot-panel" src="chrome-extension://…/panel.html">
 *
 * The toggle lives in a closed shadow root so page CSS cannot restyle it and page scripts cannot reach into it;
 * the iframe stays in the light DOM, where `document.querySelector('iframe[data-testid="earshot-panel"]')` finds
 * it (the end-to-end suite relies on that) and where the page can see that it exists, and nothing more. Inline
 * styles are `!important` so page rules such as `iframe { display: none }` do not hide the panel.
 * The toggle is legible on light and dark pages: a dark tab with a light outline, lightened when the page is dark.
 */
import { EARSHOT_MARK_SVG } from './mark.js';

export const PANEL_WIDTH_PX = 380;
const Z_TOP = '2147483647';

export interface PanelMountOptions {
  doc: Document;
  panelUrl: string;
  open: boolean;
  /** The user opened or closed the panel (click, Escape, keyboard command). */
  onUserToggle: (open: boolean) => void;
}

export interface PanelMount {
  readonly host: HTMLElement;
  readonly iframe: HTMLIFrameElement;
  /** The button inside the closed shadow root (tests only: the page cannot get at it). */
  readonly button: HTMLButtonElement;
  isOpen(): boolean;
  setOpen(open: boolean): void;
  /** A user action: flips the state and reports it through `onUserToggle`. */
  toggle(): void;
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

const TOGGLE_CSS = `
:host { all: initial; }
button {
  all: initial; box-sizing: border-box; cursor: pointer; display: flex; align-items: center; justify-content: center;
  width: 30px; height: 56px; border-radius: 10px 0 0 10px; color: #fff; background: #23264a;
  border: 1px solid rgba(255,255,255,.55); border-right: 0; box-shadow: 0 2px 10px rgba(0,0,0,.28);
  transition: transform .12s ease;
}
button:hover { transform: translateX(-2px); }
button:focus-visible { outline: 2px solid #7aa7ff; outline-offset: 2px; }
:host([data-page-theme="dark"]) button { background: #3a3f7a; border-color: rgba(255,255,255,.8); }
@media (prefers-reduced-motion: reduce) { button { transition: none; } }
`;

export function mountPanel(options: PanelMountOptions): PanelMount {
  const { doc } = options;
  let open = options.open;

  const host = doc.createElement('earshot-root');
  host.setAttribute('data-earshot-root', '');
  important(host, { all: 'initial', position: 'fixed', top: '0', right: '0', width: '0', height: '0', 'z-index': Z_TOP });

  const toggleHost = doc.createElement('earshot-toggle');
  toggleHost.setAttribute('data-testid', 'earshot-toggle');
  if (pageLooksDark(doc)) toggleHost.setAttribute('data-page-theme', 'dark');
  const shadow = toggleHost.attachShadow({ mode: 'closed' });
  const style = doc.createElement('style');
  style.textContent = TOGGLE_CSS;
  const button = doc.createElement('button');
  button.type = 'button';
  button.innerHTML = EARSHOT_MARK_SVG;
  shadow.append(style, button);

  const iframe = doc.createElement('iframe');
  iframe.setAttribute('data-testid', 'earshot-panel');
  iframe.title = 'Earshot panel';
  iframe.src = options.panelUrl;
  host.append(toggleHost, iframe);

  const render = () => {
    important(toggleHost, { position: 'fixed', top: 'calc(50% - 28px)', right: open ? `${PANEL_WIDTH_PX}px` : '0', display: 'block' });
    important(iframe, {
      position: 'fixed', top: '0', right: '0', width: `min(${PANEL_WIDTH_PX}px, 100vw)`, height: '100vh', border: '0',
      margin: '0', 'max-width': 'none', 'box-shadow': '-4px 0 16px rgba(0,0,0,.25)', 'color-scheme': 'light dark',
      background: 'Canvas', display: open ? 'block' : 'none', visibility: 'visible', opacity: '1',
    });
    iframe.toggleAttribute('hidden', !open);
    button.setAttribute('aria-expanded', String(open));
    button.setAttribute('aria-label', open ? 'Close the Earshot panel' : 'Open the Earshot panel');
    button.title = open ? 'Close Earshot' : 'Open Earshot';
  };

  const setOpen = (next: boolean) => {
    open = next;
    render();
  };
  const toggle = () => {
    setOpen(!open);
    options.onUserToggle(open);
  };

  button.addEventListener('click', toggle);
  button.addEventListener('keydown', (event) => {
    if (event.key !== 'Escape' || !open) return;
    event.stopPropagation();
    toggle();
  });

  const attach = () => (doc.documentElement ?? doc.body).append(host);
  render();
  attach();

  return {
    host,
    iframe,
    button,
    isOpen: () => open,
    setOpen,
    toggle,
    ensureAttached: () => {
      if (!host.isConnected) attach();
    },
    destroy: () => host.remove(),
  };
}
