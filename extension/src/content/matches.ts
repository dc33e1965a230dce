/**
 * Where the content script runs by itself: exactly the built-in sites (declared once, in `sites/catalog.ts`), never
 * `<all_urls>`. Other sites run it only after the user enables them (the service worker registers this same
 * script for that origin at run time, with the manifest's settings).
 */
export { BUILT_IN_EXCLUDE_MATCHES, BUILT_IN_MATCHES } from '../sites/catalog.js';
