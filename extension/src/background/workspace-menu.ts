/**
 * "Open Earshot workspace" in the toolbar button's context menu (right-click on the icon). Needs the
 * `contextMenus` permission; the item exists only on the extension's own action, never on web pages.
 */
import { browser } from 'wxt/browser';

export const WORKSPACE_MENU_ID = 'open-workspace';
export const WORKSPACE_PATH = '/dashboard.html';

/** Menu items persist across worker restarts: created once per install or update (a second create would fail). */
export function createWorkspaceMenu(): void {
  browser.contextMenus?.create({ id: WORKSPACE_MENU_ID, title: 'Open Earshot workspace', contexts: ['action'] }, () => {
    // Reading lastError marks it handled ("duplicate id" after an update that kept the menu).
    void browser.runtime.lastError;
  });
}

export async function openWorkspace(): Promise<void> {
  await browser.tabs.create({ url: browser.runtime.getURL(WORKSPACE_PATH) });
}

/** Registers the listeners; called synchronously at worker start with the others. */
export function listenWorkspaceMenu(): void {
  browser.runtime.onInstalled.addListener(() => createWorkspaceMenu());
  browser.contextMenus?.onClicked.addListener((info) => {
    if (info.menuItemId === WORKSPACE_MENU_ID) void openWorkspace();
  });
}
