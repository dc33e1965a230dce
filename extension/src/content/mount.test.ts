import { afterEach, describe, expect, it, vi } from 'vitest';
import { mountPanel, PANEL_WIDTH_CSS, type PanelMount, pageLooksDark, SECOND_FRAME_FALLBACK_MS } from './mount.js';

const PANEL_URL = 'chrome-extension://test-extension-id/panel.html';

describe('mountPanel', () => {
  let mount: PanelMount | undefined;
  afterEach(() => {
    mount?.destroy();
    document.body.removeAttribute('style');
  });
  const open = (initiallyOpen = false, onUserToggle = vi.fn()) => {
    mount = mountPanel({ doc: document, panelUrl: PANEL_URL, open: initiallyOpen, onUserToggle });
    return { mount, onUserToggle };
  };

  it('puts the panel iframe in the light DOM, where the page and the tests can find it', () => {
    open();
    mount!.toggleFrame.dispatchEvent(new Event('load'));
    const iframe = document.querySelector<HTMLIFrameElement>('iframe[data-testid="earshot-panel"]');
    expect(iframe).toBe(mount!.iframe);
    expect(iframe?.getAttribute('src')).toBe(PANEL_URL);
    expect(iframe?.closest('[data-earshot-root]')).toBe(mount!.host);
  });

  it('makes the toggle an extension-origin frame: no button, no text, no level in the host page’s DOM', () => {
    open();
    const toggle = document.querySelector<HTMLIFrameElement>('[data-testid="earshot-toggle"]')!;
    expect(toggle).toBe(mount!.toggleFrame);
    expect(toggle.localName).toBe('iframe');
    expect(toggle.getAttribute('src')).toBe('chrome-extension://test-extension-id/toggle.html?open=0');
    // The page sees a constant title and no shadow root, text or button of ours.
    expect(toggle.title).toBe('Earshot');
    expect(mount!.host.textContent).toBe('');
    expect(mount!.host.querySelector('button')).toBeNull();
    expect([...mount!.host.querySelectorAll('*')].some((el) => el.shadowRoot)).toBe(false);
    // Nothing it carries varies by customer: only the open state and the page’s theme.
    const attributes = [...mount!.host.querySelectorAll('*')].flatMap((el) => [...el.attributes].map((a) => `${a.name}=${a.value}`));
    expect(attributes.join(' ')).not.toMatch(/\b(LOW|MODERATE|HIGH|CRITICAL)\b/);
    expect(attributes.join(' ')).not.toMatch(/risk|level/i);
  });

  it('keeps the toggle frame’s size and place whatever the customer, beside the open panel', () => {
    open(false);
    expect(mount!.toggleFrame.style.getPropertyValue('width')).toBe('32px');
    expect(mount!.toggleFrame.style.getPropertyValue('height')).toBe('56px');
    expect(mount!.toggleFrame.style.getPropertyValue('right')).toMatch(/^0(px)?$/);
    expect(mount!.toggleFrame.style.getPropertyPriority('display')).toBe('important');
    mount!.setOpen(true);
    // Beside the panel, whose width leaves 40 px of a narrow viewport (320 px, 400% zoom) for the toggle: happy-dom
    // does not parse CSS min(), so the placement is measured in Chromium (test/a11y-panel.e2e.test.ts, at 320 px).
    expect(PANEL_WIDTH_CSS).toBe('min(380px, calc(100vw - 40px))');
  });

  it('starts the toggle frame with the panel’s state, also when the page removed and we put it back', () => {
    open(true);
    mount!.iframe.dispatchEvent(new Event('load'));
    expect(mount!.toggleFrame.getAttribute('src')).toMatch(/toggle\.html\?open=1$/);
    mount!.toggle();
    mount!.host.remove();
    mount!.ensureAttached();
    expect(mount!.toggleFrame.getAttribute('src')).toMatch(/toggle\.html\?open=0$/);
  });

  it('starts closed or open as told, with the iframe hidden when closed', () => {
    open(false);
    expect(mount!.iframe.style.getPropertyValue('display')).toBe('none');
    expect(mount!.iframe.style.getPropertyPriority('display')).toBe('important');
    expect(mount!.iframe.hidden).toBe(true);
    mount!.destroy();
    open(true);
    expect(mount!.iframe.style.getPropertyValue('display')).toBe('block');
    expect(mount!.iframe.hidden).toBe(false);
  });

  it('opens and closes on toggle() (the frame’s click, relayed by the worker; the shortcut), reporting each', () => {
    const { onUserToggle } = open();
    mount!.toggle();
    expect(mount!.isOpen()).toBe(true);
    mount!.toggle();
    expect(mount!.isOpen()).toBe(false);
    expect(onUserToggle.mock.calls).toEqual([[true], [false]]);
  });

  it('opening by the user moves focus to the panel frame; closing puts it back on the element focused before', () => {
    const field = document.createElement('input');
    document.body.append(field);
    field.focus();
    open();
    mount!.toggle();
    expect(document.activeElement).toBe(mount!.iframe);
    mount!.close();
    expect(mount!.isOpen()).toBe(false);
    expect(document.activeElement).toBe(field);
    // Closing again (a second Escape) changes nothing and reports nothing.
    mount!.close();
    field.remove();
  });

  it('opened before the panel’s document is in: focus is handed to the frame again at its load, unless the user moved on', () => {
    const link = document.createElement('a');
    link.href = '#';
    document.body.append(link);
    link.focus();
    open();
    mount!.toggle();
    const blur = vi.spyOn(mount!.iframe, 'blur');
    const focus = vi.spyOn(mount!.iframe, 'focus');
    mount!.iframe.dispatchEvent(new Event('load'));
    expect(blur).toHaveBeenCalledTimes(1);
    expect(focus).toHaveBeenCalledTimes(1);
    expect(document.activeElement).toBe(mount!.iframe);
    // Loaded now: closing and opening again focuses the frame once, nothing more at a later load (a reload).
    mount!.close();
    mount!.toggle();
    expect(focus).toHaveBeenCalledTimes(2);
    mount!.iframe.dispatchEvent(new Event('load'));
    expect(focus).toHaveBeenCalledTimes(2);
    mount!.destroy();

    // Opened while loading, then the user went back to the page: its focus is left alone at the load.
    open();
    mount!.toggle();
    link.focus();
    const refocus = vi.spyOn(mount!.iframe, 'focus');
    mount!.iframe.dispatchEvent(new Event('load'));
    expect(refocus).not.toHaveBeenCalled();
    expect(document.activeElement).toBe(link);
    mount!.destroy();

    // Opened while loading and closed again before the load: nothing either.
    open();
    mount!.toggle();
    mount!.close();
    const closed = vi.spyOn(mount!.iframe, 'focus');
    mount!.iframe.dispatchEvent(new Event('load'));
    expect(closed).not.toHaveBeenCalled();
    link.remove();
  });

  it('puts focus on the toggle when the element focused before is gone, and leaves the page’s focus alone otherwise', () => {
    const { onUserToggle } = open();
    const field = document.createElement('input');
    document.body.append(field);
    field.focus();
    mount!.toggle();
    field.remove();
    mount!.close();
    expect(document.activeElement).toBe(mount!.toggleFrame);
    // The shortcut pressed while focus is elsewhere on the page: the panel closes, focus stays where the user is.
    const other = document.createElement('button');
    document.body.append(other);
    mount!.toggle();
    other.focus();
    mount!.toggle();
    expect(document.activeElement).toBe(other);
    expect(onUserToggle.mock.calls).toEqual([[true], [false], [true], [false]]);
    other.remove();
  });

  it('setOpen (the initial state from the service worker) is not reported as a user toggle', () => {
    const { onUserToggle } = open();
    mount!.setOpen(true);
    expect(mount!.isOpen()).toBe(true);
    expect(onUserToggle).not.toHaveBeenCalled();
  });

  it('loads one frame at a time, the one showing the level first: closed the toggle, open the panel', () => {
    vi.useFakeTimers();
    try {
      const frames = () => [...mount!.host.querySelectorAll('iframe')].map((f) => f.dataset.testid);
      open(false);
      expect(frames()).toEqual(['earshot-toggle']);
      mount!.toggleFrame.dispatchEvent(new Event('load'));
      expect(frames()).toEqual(['earshot-toggle', 'earshot-panel']);
      mount!.destroy();
      open(true);
      expect(frames()).toEqual(['earshot-panel']);
      expect(mount!.toggleFrame.getAttribute('src')).toBeNull();
      mount!.iframe.dispatchEvent(new Event('load'));
      expect(frames()).toEqual(['earshot-toggle', 'earshot-panel']);
      expect(mount!.toggleFrame.getAttribute('src')).toMatch(/toggle\.html\?open=1$/);
      mount!.destroy();
      // A first frame whose load never comes: the other goes in all the same, a moment later.
      open(false);
      vi.advanceTimersByTime(SECOND_FRAME_FALLBACK_MS);
      expect(frames()).toEqual(['earshot-toggle', 'earshot-panel']);
      mount!.destroy();
      // Opened by the shortcut before the toggle has loaded: the panel goes in at once.
      open(false);
      mount!.toggle();
      expect(frames()).toEqual(['earshot-toggle', 'earshot-panel']);
    } finally {
      vi.useRealTimers();
    }
  });

  it('comes back if the page removes it, and leaves no trace when destroyed', () => {
    open();
    mount!.host.remove();
    mount!.ensureAttached();
    expect(document.querySelectorAll('[data-earshot-root]')).toHaveLength(1);
    mount!.destroy();
    expect(document.querySelector('[data-earshot-root], iframe[data-testid="earshot-panel"]')).toBeNull();
  });

  it('marks dark pages so the toggle stays legible', () => {
    document.body.style.backgroundColor = 'rgb(31, 31, 31)';
    expect(pageLooksDark(document)).toBe(true);
    open();
    expect(document.querySelector('[data-testid="earshot-toggle"]')?.getAttribute('src')).toMatch(/\?open=0&theme=dark$/);
    document.body.style.backgroundColor = '#fafafa';
    expect(pageLooksDark(document)).toBe(false);
  });
});
