import { afterEach, describe, expect, it, vi } from 'vitest';
import { mountPanel, type PanelMount, pageLooksDark } from './mount.js';

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
    const iframe = document.querySelector<HTMLIFrameElement>('iframe[data-testid="earshot-panel"]');
    expect(iframe).toBe(mount!.iframe);
    expect(iframe?.getAttribute('src')).toBe(PANEL_URL);
    expect(iframe?.closest('[data-earshot-root]')).toBe(mount!.host);
  });

  it('keeps the toggle in a closed shadow root that shows only the mark', () => {
    open();
    const toggleHost = document.querySelector('[data-testid="earshot-toggle"]')!;
    expect(toggleHost.shadowRoot).toBeNull();
    expect(mount!.host.textContent).toBe('');
    expect(mount!.button.textContent).toBe('');
    expect(mount!.button.querySelector('svg')).not.toBeNull();
    expect(mount!.button.getRootNode()).not.toBe(document);
  });

  it('starts closed or open as told, with the iframe hidden when closed', () => {
    open(false);
    expect(mount!.iframe.style.getPropertyValue('display')).toBe('none');
    expect(mount!.iframe.style.getPropertyPriority('display')).toBe('important');
    expect(mount!.iframe.hidden).toBe(true);
    expect(mount!.button.getAttribute('aria-expanded')).toBe('false');
    mount!.destroy();
    open(true);
    expect(mount!.iframe.style.getPropertyValue('display')).toBe('block');
    expect(mount!.button.getAttribute('aria-expanded')).toBe('true');
    expect(mount!.button.getAttribute('aria-label')).toBe('Close the Earshot panel');
  });

  it('opens and closes on click, reporting each user toggle', () => {
    const { onUserToggle } = open();
    mount!.button.click();
    expect(mount!.isOpen()).toBe(true);
    mount!.button.click();
    expect(mount!.isOpen()).toBe(false);
    expect(onUserToggle.mock.calls).toEqual([[true], [false]]);
  });

  it('closes on Escape when the toggle has focus, without the page seeing the key', () => {
    const pageListener = vi.fn();
    document.addEventListener('keydown', pageListener);
    const { onUserToggle } = open(true);
    mount!.button.focus();
    mount!.button.dispatchEvent(new KeyboardEvent('keydown', { key: 'Escape', bubbles: true, composed: true }));
    expect(mount!.isOpen()).toBe(false);
    expect(onUserToggle).toHaveBeenCalledWith(false);
    expect(pageListener).not.toHaveBeenCalled();
    mount!.button.dispatchEvent(new KeyboardEvent('keydown', { key: 'Escape', bubbles: true, composed: true }));
    expect(onUserToggle).toHaveBeenCalledTimes(1);
    document.removeEventListener('keydown', pageListener);
  });

  it('setOpen (the initial state from the service worker) is not reported as a user toggle', () => {
    const { onUserToggle } = open();
    mount!.setOpen(true);
    expect(mount!.isOpen()).toBe(true);
    expect(onUserToggle).not.toHaveBeenCalled();
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
    expect(document.querySelector('[data-testid="earshot-toggle"]')?.getAttribute('data-page-theme')).toBe('dark');
    document.body.style.backgroundColor = '#fafafa';
    expect(pageLooksDark(document)).toBe(false);
  });
});
