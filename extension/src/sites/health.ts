/**
 * Adapter health: an adapter that recognises its page type from the URL but whose selectors find nothing says so,
 * with the censored DOM structure near where the data should have been, so a broken site is noticed (and fixed)
 * from the reports instead of from a user wondering why the panel stays empty.
 */
import type { AdapterHealthReport } from '@earshot/shared';
import { censorStructure, selectorTokens } from './censor.js';
import { censorUrl } from './censor-url.js';
import { queryFirst } from './dom.js';
import type { PageLocation, SelectorMap } from './types.js';

export interface HealthInput {
  site: string;
  pageType: string;
  /** Names (keys of the adapter's selector map) of the selectors that found nothing. */
  missing: readonly string[];
  doc: Document;
  loc: PageLocation;
  now: Date;
  selectors: SelectorMap;
  /** Where to look, most specific first; the first that exists is described, else `<body>`. */
  anchors: readonly string[];
}

export function healthReport(input: HealthInput): AdapterHealthReport {
  const anchor = queryFirst(input.doc, input.anchors);
  const root = anchor ?? input.doc.body ?? input.doc.documentElement;
  const knownTokens = selectorTokens([...Object.values(input.selectors).flat(), ...input.anchors]);
  const matched = anchor ? input.anchors.find((s) => input.doc.querySelector(s) === anchor) : undefined;
  const header = `anchor: ${matched ?? '(none found, showing body)'}`;
  return {
    site: input.site,
    pageType: input.pageType,
    missing: [...input.missing],
    structure: `${header}\n${censorStructure(root, { knownTokens })}`,
    url: censorUrl(input.loc.href),
    seenAt: input.now.toISOString(),
  };
}

/** The report for an adapter that threw: only the error's class name leaves the page, never its message. */
export function crashReport(site: string, error: unknown, loc: PageLocation, now: Date): AdapterHealthReport {
  const name = error instanceof Error ? error.name.replace(/[^\w]/g, '').slice(0, 60) : typeof error;
  return {
    site,
    pageType: 'unknown',
    missing: [`adapter threw ${name || 'Error'}`],
    structure: '',
    url: censorUrl(loc.href),
    seenAt: now.toISOString(),
  };
}
