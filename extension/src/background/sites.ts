/**
 * Custom sites: an origin the user added on the options page. The options page asks for the host permission on
 * the user's click (`permissions.request` needs a gesture); this module then registers the generic content script
 * (`entrypoints/content.ts`, in no manifest entry) for that origin with the built-in scripts' settings, keeps the
 * list in settings, and undoes both on disable.
 *
 * Registrations are reconciled with settings at every worker start: Chrome keeps dynamic scripts across restarts,
 * Firefox does not, and a permission revoked from the browser's own UI must not leave a dead entry.
 */
import { browser } from 'wxt/browser';
import { normalizeSiteOrigin, originPattern } from '../lib/server-url.js';
import { readSettings, writeSettings } from './settings.js';

const ID_PREFIX = 'earshot-site:';

/** WXT's output name for `entrypoints/content.ts`: the generic adapter, for the sites a user enables. */
export const CUSTOM_SITE_SCRIPT = 'content-scripts/content.js';

type Registration = Parameters<typeof browser.scripting.registerContentScripts>[0][number];

export function scriptId(origin: string): string {
  return ID_PREFIX + origin;
}

/**
 * The generic script, with the frames and timing of the manifest's own (built-in sites') content scripts, so a custom
 * site runs as they do.
 */
export function contentScriptFor(origin: string): Registration {
  const declared = browser.runtime.getManifest().content_scripts?.find((cs) => cs.js?.length);
  const runAt = declared?.run_at;
  return {
    id: scriptId(origin),
    matches: [originPattern(origin)],
    js: [CUSTOM_SITE_SCRIPT],
    allFrames: declared?.all_frames ?? false,
    ...(runAt === 'document_start' || runAt === 'document_end' || runAt === 'document_idle' ? { runAt } : {}),
    // persistAcrossSessions left at each browser's default (Chrome: kept; Firefox: re-registered by reconcileSites).
  };
}

async function hasPermission(origin: string): Promise<boolean> {
  try {
    return await browser.permissions.contains({ origins: [originPattern(origin)] });
  } catch {
    return false;
  }
}

async function registeredOrigins(): Promise<Set<string>> {
  const scripts = await browser.scripting.getRegisteredContentScripts();
  return new Set(scripts.filter((s) => s.id.startsWith(ID_PREFIX)).map((s) => s.id.slice(ID_PREFIX.length)));
}

export async function enableSite(input: string): Promise<{ ok: true } | { ok: false; error: string }> {
  const parsed = normalizeSiteOrigin(input);
  if (!parsed.ok) return parsed;
  const { origin } = parsed;
  if (!(await hasPermission(origin))) {
    return { ok: false, error: `Earshot was not given access to ${origin}. Add the site again and allow access when the browser asks.` };
  }
  try {
    if (!(await registeredOrigins()).has(origin)) await browser.scripting.registerContentScripts([contentScriptFor(origin)]);
  } catch (error) {
    return { ok: false, error: `Could not start Earshot on ${origin}: ${error instanceof Error ? error.message : String(error)}` };
  }
  await writeSettings((s) => ({ customSites: s.customSites.includes(origin) ? s.customSites : [...s.customSites, origin] }));
  return { ok: true };
}

export async function disableSite(input: string): Promise<void> {
  const parsed = normalizeSiteOrigin(input);
  const origin = parsed.ok ? parsed.origin : input;
  await writeSettings((s) => ({ customSites: s.customSites.filter((o) => o !== origin) }));
  try {
    if ((await registeredOrigins()).has(origin)) await browser.scripting.unregisterContentScripts({ ids: [scriptId(origin)] });
  } catch {
    // Already gone.
  }
  try {
    await browser.permissions.remove({ origins: [originPattern(origin)] });
  } catch {
    // A permission that is also required by the manifest cannot be removed; nothing was granted for it.
  }
}

/** Makes the registered scripts match settings: register what is enabled and permitted, drop the rest. */
export async function reconcileSites(): Promise<void> {
  const settings = await readSettings();
  const registered = await registeredOrigins();
  const wanted = new Set<string>();
  for (const origin of settings.customSites) if (await hasPermission(origin)) wanted.add(origin);
  const stale = [...registered].filter((o) => !wanted.has(o));
  if (stale.length) await browser.scripting.unregisterContentScripts({ ids: stale.map(scriptId) }).catch(() => undefined);
  for (const origin of wanted) {
    if (registered.has(origin)) continue;
    await browser.scripting.registerContentScripts([contentScriptFor(origin)]).catch(() => undefined);
  }
  const lost = settings.customSites.filter((o) => !wanted.has(o));
  if (lost.length) await writeSettings((s) => ({ customSites: s.customSites.filter((o) => !lost.includes(o)) }));
}
