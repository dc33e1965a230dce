/**
 * Test wiring for the whole service worker on WXT's fake browser: the APIs the fake does not implement
 * (permissions, scripting, commands, contextMenus, tabs.sendMessage, runtime.getManifest) get small in-memory stand-ins,
 * and `ask()` sends a typed request as a given sender would.
 */
import type { Browser } from 'wxt/browser';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { vi } from 'vitest';
import type { MessageType, Protocol, Response } from '../../lib/messages.js';
import type { Background } from '../service.js';

export const EXTENSION_ID = 'test-extension-id';
export const EXTENSION_BASE = `chrome-extension://${EXTENSION_ID}/`;

export const senders = {
  options: { id: EXTENSION_ID, url: `${EXTENSION_BASE}options.html`, origin: `chrome-extension://${EXTENSION_ID}` },
  popup: { id: EXTENSION_ID, url: `${EXTENSION_BASE}popup.html`, origin: `chrome-extension://${EXTENSION_ID}` },
  panel: (tabId: number) => ({ id: EXTENSION_ID, url: `${EXTENSION_BASE}panel.html`, tab: tab(tabId), frameId: 7 }),
  content: (tabId: number, url = 'https://mail.google.com/mail/u/0/#inbox/FMfcg', frameId = 0) => ({
    id: EXTENSION_ID,
    url,
    tab: tab(tabId),
    frameId,
    origin: new URL(url).origin,
  }),
  otherExtension: { id: 'someone-else', url: 'chrome-extension://someone-else/page.html' },
} satisfies Record<string, Browser.runtime.MessageSender | ((...a: never[]) => Browser.runtime.MessageSender)>;

function tab(id: number): Browser.tabs.Tab {
  return { id, index: 0, windowId: 1, highlighted: false, active: true, pinned: false, incognito: false } as Browser.tabs.Tab;
}

export function event<A extends unknown[]>() {
  const listeners: ((...args: A) => unknown)[] = [];
  return {
    addListener: (l: (...args: A) => unknown) => void listeners.push(l),
    removeListener: (l: (...args: A) => unknown) => void listeners.splice(listeners.indexOf(l), 1),
    hasListener: (l: (...args: A) => unknown) => listeners.includes(l),
    trigger: (...args: A) => Promise.all(listeners.map((l) => l(...args))),
  };
}

export interface BrowserStandIns {
  granted: Set<string>;
  registered: Map<string, Browser.scripting.RegisteredContentScript>;
  sentToTabs: { tabId: number; message: unknown }[];
  commands: ReturnType<typeof event<[string, Browser.tabs.Tab | undefined]>>;
  broadcasts: unknown[];
  /** Context-menu items created, and their click event. */
  menus: { created: Browser.contextMenus.CreateProperties[]; onClicked: ReturnType<typeof event<[{ menuItemId: string | number }, Browser.tabs.Tab | undefined]>> };
}

/** Resets the fake browser (WXT's vitest setup does not) and installs the stand-ins. Call in beforeEach. */
export function installBrowserStandIns(): BrowserStandIns {
  fakeBrowser.reset();
  const granted = new Set<string>();
  const registered = new Map<string, Browser.scripting.RegisteredContentScript>();
  const sentToTabs: { tabId: number; message: unknown }[] = [];
  const commands = event<[string, Browser.tabs.Tab | undefined]>();
  const broadcasts: unknown[] = [];
  const fb = fakeBrowser as unknown as Record<string, Record<string, unknown>>;

  fb.permissions = {
    contains: vi.fn(async (p: { origins?: string[] }) => (p.origins ?? []).every((o) => granted.has(o) || /^http:\/\/(localhost|127\.0\.0\.1)\//.test(o))),
    remove: vi.fn(async (p: { origins?: string[] }) => {
      for (const o of p.origins ?? []) granted.delete(o);
      return true;
    }),
    onRemoved: event<[unknown]>(),
  };
  fb.scripting = {
    registerContentScripts: vi.fn(async (scripts: Browser.scripting.RegisteredContentScript[]) => {
      for (const s of scripts) {
        if (registered.has(s.id)) throw new Error(`Duplicate script ID '${s.id}'`);
        registered.set(s.id, s);
      }
    }),
    unregisterContentScripts: vi.fn(async (filter?: { ids?: string[] }) => {
      for (const id of filter?.ids ?? [...registered.keys()]) registered.delete(id);
    }),
    getRegisteredContentScripts: vi.fn(async () => [...registered.values()]),
  };
  fb.commands = { onCommand: commands };
  const menus: BrowserStandIns['menus'] = { created: [], onClicked: event() };
  fb.contextMenus = {
    create: vi.fn((props: Browser.contextMenus.CreateProperties, done?: () => void) => {
      menus.created.push(props);
      done?.();
      return props.id;
    }),
    onClicked: menus.onClicked,
  };
  fb.tabs = Object.assign(fakeBrowser.tabs, {
    sendMessage: vi.fn(async (tabId: number, message: unknown) => {
      sentToTabs.push({ tabId, message });
    }),
  });
  fb.runtime = Object.assign(fakeBrowser.runtime, {
    getManifest: () => ({
      manifest_version: 3,
      name: 'Earshot',
      version: '0.1.0',
      content_scripts: [{ matches: ['https://mail.google.com/*'], js: ['content-scripts/gmail.js'], run_at: 'document_idle', all_frames: false }],
    }),
  });
  // Pages listening for broadcasts: record what the worker sends.
  fakeBrowser.runtime.onMessage.addListener((message: unknown) => {
    if (typeof message === 'object' && message && String((message as { type?: string }).type).startsWith('broadcast/')) broadcasts.push(message);
    return undefined;
  });
  return { granted, registered, sentToTabs, commands, broadcasts, menus };
}

/** Sends a typed request as `sender` and returns the answer; fails the test on a refusal. */
export async function ask<K extends MessageType>(
  background: Background,
  type: K,
  req: Protocol[K]['req'],
  sender: Browser.runtime.MessageSender,
): Promise<Response<K>> {
  const answer = await background.handle({ type, req }, sender);
  if (answer?.earshot !== 'ok') throw new Error(`${type} refused: ${answer ? answer.error : 'no answer'}`);
  return answer.value as Response<K>;
}

/** Sends a request expected to be refused and returns the refusal text. */
export async function refusal(background: Background, message: unknown, sender: Browser.runtime.MessageSender): Promise<string> {
  const answer = await background.handle(message, sender);
  if (answer?.earshot !== 'error') throw new Error(`expected a refusal, got ${JSON.stringify(answer)}`);
  return answer.error;
}
