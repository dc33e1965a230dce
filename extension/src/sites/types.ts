/**
 * The driver interface between Earshot and someone else's page: every site adapter is one of these, so no
 * selector or URL grammar leaks into the content script. `detect` is pure: it reads the document and the
 * location it is given (a `URL` will do in tests) and never writes to the page.
 */
import type { CrmRecordRef, DetectResult, PageContext } from '@earshot/shared';

/**
 * `fetch` as the content script may use it for an adapter: same-origin GETs of the CRM's own API. `body` is read
 * (as a stream) where there is one, so an answer can be cut off at a size limit without reading it all.
 */
export type PageFetch = (
  url: string,
  init: RequestInit,
) => Promise<Pick<Response, 'ok' | 'status' | 'headers' | 'text'> & { body?: ReadableStream<Uint8Array> | null }>;

/** What `linkedRecordsFor` found: the records, and whether asking again later may find them (the CRM was unreachable). */
export interface LinkedRecordsAnswer {
  records: CrmRecordRef[];
  /** True after a transient failure (network, 5xx, 429) that outlasted the adapter's own retries. */
  retryable: boolean;
}

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
  /**
   * Optional, asynchronous: the records a context's `crmRecord` belongs to, when the page does not show them (a
   * Dynamics lookup shows a name, not an id) but the CRM's own API, same origin, can say. Called by the content
   * script after `detect`, only for a context with a `crmRecord` and no `linkedRecords`, once per record for the
   * page's life — unless it answered `retryable` (then again later, a few times). Resolves to no records on any
   * failure; never rejects.
   */
  linkedRecordsFor?(context: PageContext, loc: PageLocation, fetchFn: PageFetch): Promise<LinkedRecordsAnswer>;
}
