/**
 * The driver interface between Earshot and someone else's page: every site adapter is one of these, so no
 * selector or URL grammar leaks into the content script. `detect` is pure: it reads the document and the
 * location it is given (a `URL` will do in tests) and never writes to the page.
 */
import type { DetectResult } from '@earshot/shared';

/** The parts of `window.location` an adapter may read; a `URL` object satisfies it. */
export type PageLocation = Pick<Location, 'href' | 'origin' | 'hostname' | 'pathname' | 'search' | 'hash'>;

/**
 * Named selectors, each a list tried in order: the primary first, then fallbacks. Names are what a health report
 * lists as `missing`, so they say what the selector is for (`participant`, `recordName`), not what it matches.
 */
export type SelectorMap = Readonly<Record<string, readonly string[]>>;

export interface SiteAdapter {
  /** `PageContext.site`: `gmail`, `outlook`, `salesforce`, `hubspot`, `dynamics`, `pipedrive`, `generic`. */
  readonly name: string;
  readonly selectors: SelectorMap;
  /** True for the host names this adapter is built for (the generic adapter matches none: it is the fallback). */
  matchesHost(hostname: string): boolean;
  /**
   * Quiet time the content script waits after DOM changes before calling `detect` (default 400 ms). Adapters
   * that walk the whole page (generic) ask for more, so a busy page costs fewer walks.
   */
  readonly debounceMs?: number;
  /** `now` stamps health reports; tests pass a fixed date. */
  detect(doc: Document, loc: PageLocation, now?: Date): DetectResult;
}
