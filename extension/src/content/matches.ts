/**
 * Where each built-in site's content script runs by itself: exactly that site's hosts (declared once, in
 * `sites/catalog.ts`), never `<all_urls>`. Other sites run the generic script only after the user enables them (the
 * service worker registers `content-scripts/content.js` for that origin at run time, with the same settings).
 */
import { type SiteKey, siteEntry } from '../sites/catalog.js';

/** The `matches` / `excludeMatches` of one built-in site's content script. */
export function siteScriptMatches(key: SiteKey): { matches: string[]; excludeMatches?: string[] } {
  const entry = siteEntry(key);
  return { matches: [...entry.matches], ...(entry.excludeMatches?.length ? { excludeMatches: [...entry.excludeMatches] } : {}) };
}
