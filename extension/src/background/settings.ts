/**
 * User settings in `storage.local` (they hold no secret: a server address, site lists, panel preferences).
 * Every read is merged over the defaults, so a settings object written by an older version still works.
 */
import { browser } from 'wxt/browser';
import type { Settings } from '../lib/messages.js';
import { DEFAULT_SERVER_URL } from '../lib/server-url.js';
import { serial } from './serial.js';

const KEY = 'settings';

export const DEFAULT_SETTINGS: Readonly<Settings> = Object.freeze({
  serverUrl: DEFAULT_SERVER_URL,
  customSites: [],
  disabledSites: [],
  panelOpen: {},
  panelSide: 'right',
  ownDomains: [],
  ownDomainsCheckedAt: 0,
});

export async function readSettings(): Promise<Settings> {
  const stored = (await browser.storage.local.get(KEY))[KEY] as Partial<Settings> | undefined;
  return mergeSettings(DEFAULT_SETTINGS, stored ?? {});
}

const exclusive = serial();

/** Applies `patch` (or the patch `update` derives from the current settings) and returns the new settings. */
export function writeSettings(patch: Partial<Settings> | ((current: Settings) => Partial<Settings>)): Promise<Settings> {
  return exclusive(async () => {
    const current = await readSettings();
    const next = mergeSettings(current, typeof patch === 'function' ? patch(current) : patch);
    await browser.storage.local.set({ [KEY]: next });
    return next;
  });
}

function mergeSettings(base: Settings, patch: Partial<Settings>): Settings {
  return {
    serverUrl: typeof patch.serverUrl === 'string' ? patch.serverUrl : base.serverUrl,
    customSites: Array.isArray(patch.customSites) ? [...new Set(patch.customSites)] : [...base.customSites],
    disabledSites: Array.isArray(patch.disabledSites) ? [...new Set(patch.disabledSites)] : [...base.disabledSites],
    panelOpen: patch.panelOpen && typeof patch.panelOpen === 'object' ? { ...patch.panelOpen } : { ...base.panelOpen },
    panelSide: patch.panelSide === 'left' || patch.panelSide === 'right' ? patch.panelSide : base.panelSide,
    ownDomains: Array.isArray(patch.ownDomains) ? [...new Set(patch.ownDomains)] : [...base.ownDomains],
    ownDomainsCheckedAt: typeof patch.ownDomainsCheckedAt === 'number' ? patch.ownDomainsCheckedAt : base.ownDomainsCheckedAt,
  };
}

/**
 * The key under which a page's preferences are kept: the adapter name for built-in sites (`gmail`), the origin
 * for the generic adapter on a custom site (so two custom CRMs keep separate panel states).
 */
export function siteKey(site: string, url: string): string {
  if (site !== 'generic') return site;
  try {
    return new URL(url).origin;
  } catch {
    return site;
  }
}

/** A built-in adapter the user switched off, or a custom origin no longer enabled. */
export function isSiteDisabled(settings: Settings, site: string, url: string): boolean {
  if (site === 'generic') {
    const key = siteKey(site, url);
    return !settings.customSites.includes(key);
  }
  return settings.disabledSites.includes(site);
}
