import { afterEach, describe, expect, it, vi } from 'vitest';
import { installPanelFocus, rescueFocus } from './focus';

describe('focus in the panel’s document', () => {
  let uninstall: (() => void) | undefined;
  afterEach(() => {
    uninstall?.();
    document.body.innerHTML = '';
    vi.restoreAllMocks();
  });

  const build = () => {
    document.body.innerHTML = `<header><h1 tabindex="-1" data-panel-focus>Earshot</h1></header>
      <main tabindex="-1" data-focus-fallback><button id="b">Retry</button><input id="i"></main>`;
    vi.spyOn(document, 'hasFocus').mockReturnValue(true);
  };

  it('Escape that no field took closes the panel; one a field handled does not', () => {
    build();
    const close = vi.fn();
    uninstall = installPanelFocus(window, close);
    const input = document.getElementById('i')!;
    const taken = (e: KeyboardEvent) => e.preventDefault();
    input.addEventListener('keydown', taken);
    input.dispatchEvent(new KeyboardEvent('keydown', { key: 'Escape', bubbles: true, cancelable: true }));
    expect(close).not.toHaveBeenCalled();
    input.removeEventListener('keydown', taken);
    input.dispatchEvent(new KeyboardEvent('keydown', { key: 'Escape', bubbles: true, cancelable: true }));
    expect(close).toHaveBeenCalledTimes(1);
  });

  it('the frame getting focus (the panel opened by keyboard) lands on the heading', async () => {
    build();
    uninstall = installPanelFocus(window, vi.fn());
    window.dispatchEvent(new FocusEvent('focus'));
    await vi.waitFor(() => expect(document.activeElement?.localName).toBe('h1'));
  });

  it('the frame focused before this script ran (opened right after the page loaded) still lands on the heading', async () => {
    build();
    // No focus event reaches a listener installed now: the frame has focus already, the body holds it.
    uninstall = installPanelFocus(window, vi.fn());
    await vi.waitFor(() => expect(document.activeElement?.localName).toBe('h1'));
  });

  it('a view that swaps before the open has placed focus (the first state arriving) rescues to the heading, not the main region', () => {
    build();
    uninstall = installPanelFocus(window, vi.fn());
    window.dispatchEvent(new FocusEvent('focus'));
    // Panel's effect on a state change runs before the focus handler's timer.
    rescueFocus(document);
    expect(document.activeElement?.localName).toBe('h1');
  });

  it('a focus event that comes before the document reports focus (page and panel in two processes): the heading once it does', async () => {
    build();
    const hasFocus = vi.spyOn(document, 'hasFocus').mockReturnValue(false);
    uninstall = installPanelFocus(window, vi.fn());
    window.dispatchEvent(new FocusEvent('focus'));
    await new Promise((r) => setTimeout(r, 60));
    expect(document.activeElement).toBe(document.body);
    hasFocus.mockReturnValue(true);
    await vi.waitFor(() => expect(document.activeElement?.localName).toBe('h1'));
  });

  it('once something inside has had focus, a control that vanishes hands it to the main region', async () => {
    build();
    uninstall = installPanelFocus(window, vi.fn());
    window.dispatchEvent(new FocusEvent('focus'));
    const button = document.getElementById('b')!;
    button.focus();
    button.remove();
    rescueFocus(document);
    expect(document.activeElement?.localName).toBe('main');
  });

  it('a control that vanished under focus hands it to the main region, not the body', () => {
    build();
    const button = document.getElementById('b')!;
    button.focus();
    button.remove();
    rescueFocus(document);
    expect(document.activeElement?.localName).toBe('main');
  });
});
